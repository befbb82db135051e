import { signal } from '@preact/signals';
import * as v from 'valibot';

export type MainTab = 'interactions' | 'frames' | 'anomalies';
export type DetailsTab = 'diff' | 'snapshot' | 'raw' | 'findings';
export type FrameDetailTab = 'tree' | 'raw' | 'hex';
/** The Frames tab's direction filter; control = open/close/error, keepalives and the capture's own frames. */
export type FrameDirFilter = 'all' | 'in' | 'out' | 'control';
export type InteractionSort = 'newest' | 'oldest' | 'anomalies' | 'customer';
export type { TimeZoneMode } from '../frame-log';
import type { TimeZoneMode } from '../frame-log';

const size = v.pipe(v.number(), v.finite(), v.minValue(40), v.maxValue(4000));

/**
 * The splitters' positions (CSS px): `sidebar` the interactions list's width (side by side) or
 * height (stacked); `details` the details pane's height under the timeline, `detailsBeside` its width
 * beside the timeline when the panel is short; `lanes` the lane chart's height; `frameDetail` the frame detail's height.
 */
export const PaneSizesSchema = v.object({
  sidebar: size,
  details: size,
  detailsBeside: size,
  lanes: size,
  frameDetail: size,
});
export type PaneSizes = v.InferOutput<typeof PaneSizesSchema>;

/** What is remembered between sessions (local storage); anything else there is ignored. */
export const SavedLayoutSchema = v.object({
  sizes: v.optional(PaneSizesSchema),
  lanesCollapsed: v.optional(v.boolean()),
  lanesFit: v.optional(v.boolean()),
  timeZone: v.optional(v.picklist(['utc', 'local'])),
});
export type SavedLayout = v.InferOutput<typeof SavedLayoutSchema>;

export const DEFAULT_SIZES: PaneSizes = {
  sidebar: 280,
  details: 240,
  detailsBeside: 460,
  lanes: 112,
  frameDetail: 220,
};

/**
 * What the reader chose to look at: tabs, selection, search and filters. Plain signals, no logic:
 * the selectors derive what to show from these and the capture.
 */
export class ViewState {
  readonly tab = signal<MainTab>('interactions');
  /** The interaction picked in the list; null: the first one the list shows. */
  readonly selectedInteraction = signal<string | null>(null);
  /**
   * The list's **Agent** entry is picked: the agent's own session (its state changes and
   * requests over the whole capture) shows instead of an interaction. A signal of its own, so no
   * interaction id from the wire can ever be taken for it.
   */
  readonly agentSelected = signal(false);
  /** The event picked in the timeline; null: the interaction's latest visible event. */
  readonly selectedSeq = signal<number | null>(null);
  /** "compare with…": the event to diff against instead of the previous snapshot. */
  readonly compareSeq = signal<number | null>(null);
  readonly detailsTab = signal<DetailsTab>('diff');
  /** The toolbar search: text, or `/regex/flags`. */
  readonly query = signal('');
  /** An event category ('' = all). */
  readonly category = signal('');
  /** Only events that change a path containing this text ('' = all). */
  readonly pathFilter = signal('');
  readonly onlyAnomalies = signal(false);
  /**
   * Only requests that failed, timed out or got an HTTP error (issue 12): the timeline keeps just
   * those requests and the events that answered them, the Requests lanes just their bars.
   */
  readonly onlyProblemRequests = signal(false);
  /** DevTools' "Preserve log": off, each page load starts the view afresh (the capture itself is kept). */
  readonly preserve = signal(false);

  /** Frames tab: the selected frame, its detail tab and the list's filters (the search box applies too). */
  readonly frameSeq = signal<number | null>(null);
  readonly frameDetailTab = signal<FrameDetailTab>('tree');
  readonly frameDir = signal<FrameDirFilter>('all');
  /** A socket id (`ws-2`), or '' for every socket. */
  readonly frameSocket = signal('');

  /** Interactions list: order and filters. */
  readonly interactionSort = signal<InteractionSort>('newest');
  readonly onlyActive = signal(false);
  readonly onlyWithAnomalies = signal(false);
  /** A media type (`telephony`, `chat`, …) or '' for all. */
  readonly mediaType = signal('');

  /** Times in UTC (as the CLI prints them) or in the browser's zone, labelled with its offset. */
  readonly timeZone = signal<TimeZoneMode>('utc');
  /** Pane sizes in CSS px, by splitter (see `PaneSizes`); remembered across sessions by the host. */
  readonly sizes = signal<PaneSizes>(DEFAULT_SIZES);
  /** The lane chart folded to its title (it comes back with one click). */
  readonly lanesCollapsed = signal(false);
  /**
   * The lane chart's pane takes the chart's own height (up to half the column, at least
   * `sizes.lanes`), so stacked requests show without scrolling; off once its splitter was moved
   * (then `sizes.lanes` is its height), on again with a double-click or Enter on the splitter.
   */
  readonly lanesFit = signal(true);
  /** The keyboard help is open. */
  readonly helpOpen = signal(false);
  /** The no-socket notice shows its details (one line otherwise), on whichever tab shows it. */
  readonly silenceDetails = signal(false);

  /** Takes the layout saved earlier, if it is one; anything malformed is ignored. */
  restoreLayout(saved: unknown): void {
    const parsed = v.safeParse(SavedLayoutSchema, saved);
    if (!parsed.success) return;
    if (parsed.output.sizes) this.sizes.value = parsed.output.sizes;
    if (parsed.output.lanesCollapsed !== undefined) this.lanesCollapsed.value = parsed.output.lanesCollapsed;
    if (parsed.output.lanesFit !== undefined) this.lanesFit.value = parsed.output.lanesFit;
    if (parsed.output.timeZone) this.timeZone.value = parsed.output.timeZone;
  }

  /** The layout to remember (reads the signals, so an effect saves it on every change). */
  layout(): SavedLayout {
    return {
      sizes: this.sizes.value,
      lanesCollapsed: this.lanesCollapsed.value,
      lanesFit: this.lanesFit.value,
      timeZone: this.timeZone.value,
    };
  }

  /** Moves one splitter. */
  resize(pane: keyof PaneSizes, px: number): void {
    this.sizes.value = { ...this.sizes.value, [pane]: Math.round(Math.max(40, Math.min(4000, px))) };
  }

  /** Picks an interaction (and optionally one of its events); a comparison is dropped. */
  select(interactionId: string, seq?: number): void {
    this.agentSelected.value = false;
    this.selectedInteraction.value = interactionId;
    this.selectedSeq.value = seq ?? null;
    this.compareSeq.value = null;
  }

  /** Picks the Agent entry (and optionally one of its rows: an agent event or request). */
  selectAgent(seq?: number): void {
    this.selectedInteraction.value = null;
    this.agentSelected.value = true;
    this.selectedSeq.value = seq ?? null;
    this.compareSeq.value = null;
  }

  /** After the capture was cleared: nothing is selected any more (filters stay). */
  clearSelection(): void {
    this.agentSelected.value = false;
    this.selectedInteraction.value = null;
    this.selectedSeq.value = null;
    this.compareSeq.value = null;
  }
}
