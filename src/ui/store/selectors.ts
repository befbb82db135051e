import { computed, type ReadonlySignal } from '@preact/signals';
import { decodeFrame, type Finding } from '../../protocol';
import {
  agentEvents,
  agentRows,
  agentSpan,
  agentStateLane,
  withNewStates,
  addedAtEnd,
  lanesOf,
  lastEndedAt,
  type AgentEventRow,
  agentRequests,
  answeredBy,
  isRequestRow,
  joinedSeq,
  mergeRows,
  PROBLEM_OUTCOMES,
  problemRequests,
  requestAt,
  resultSeqsOf,
  stackLane,
  type TimelineRow,
  type TrackedRequest,
  ALL_RULES,
  closeRecorded,
  interactionRequests,
  requestEnd,
  requestLane,
  type Lane,
  diffSnapshots,
  type FieldChange,
  type AgentStateChange,
  type Anomaly,
  type Flags,
  type InteractionTimeline,
  type SocketCapture,
  type TimelineEvent,
  type UnavailableRule,
} from '../../model';
import type { CaptureStats } from '../../frame/capture-stats';
import { customerOfTimeline, holdsSnapshot, type SessionData } from '../analysis/session-data';
import { type CompareChoice, compareChoices } from './compare-choices';
import { isMarker, type FrameLog, type LogCounters } from '../frame-log';
import type { FrameInfo } from '../frame-info';
import type { Frame } from '../../frame/frame';
import { isHttpKind } from '../../frame/http';
import { diffTree, type DiffNode } from '../diff-tree';
import {
  agentEventMatches,
  compileQuery,
  eventMatches,
  requestMatches,
  type EventFilter,
  type Matcher,
} from '../search';
import { BACKLOG_FRAMES } from './ingest-queue';
import { memo, sameItems, stable } from './memo';
import { resultNote, type ResultNote } from '../request-view';
import { pauseStatusText, pauseStatusTitle, type PauseWaiting } from './pause-status';
import { silenceOf, type PageLoad, type Silence } from './silence';
import type { ViewState } from './view-state';

/** The capture side of the store, as the selectors read it. */
export interface CaptureData {
  readonly log: FrameLog;
  /** What the model made of each analysed frame, by seq. */
  readonly frameInfo: ReadonlyMap<number, FrameInfo>;
  /** The model as the UI thread knows it; replaced when the capture is cleared; read it after `sessionRevision`. */
  readonly session: SessionData;
  /** Bumped (once per repaint) when frames entered the log. */
  readonly logRevision: ReadonlySignal<number>;
  /** Bumped (once per repaint) when the model analysed frames or was replaced. */
  readonly sessionRevision: ReadonlySignal<number>;
  readonly stats: ReadonlySignal<CaptureStats | null>;
  readonly analysing: ReadonlySignal<number>;
  /** Why the analysis stopped or failed on a frame, if it did. */
  readonly analysisError: ReadonlySignal<string | undefined>;
  /** Wall clock (ms), ticking each second; a file's stands at its last frame. */
  readonly now: ReadonlySignal<number>;
  /** A live tab (true) or a file (false). */
  readonly live: ReadonlySignal<boolean>;
  /** The inspected page's latest load (time, seq), undefined before a desktop document reported in. */
  readonly loadedAt: ReadonlySignal<PageLoad | undefined>;
  /** Chrome deep capture's state; null where this build or browser does not offer it. */
  readonly deepCapture: ReadonlySignal<{ on: boolean; error?: string } | null>;
  /** The view is paused (capture goes on). */
  readonly paused: ReadonlySignal<boolean>;
  /** What waits while paused: newer frames, a fill-in's older ones, the fill-in itself. */
  readonly waiting: ReadonlySignal<PauseWaiting>;
}

export interface SeverityCounts {
  error: number;
  warn: number;
  info: number;
}

/** One row of the interactions list: everything it shows, nothing else. */
export interface InteractionRow {
  interactionId: string;
  /** Capture time (ms) of its first and latest event, for sorting. */
  firstT: number;
  lastT: number;
  mediaType: string | undefined;
  customer: string | undefined;
  flags: Flags;
  counts: SeverityCounts;
  /**
   * A `ContactMerged` folded it into another interaction: that one's key now (`into`), the merge
   * event's seq and time. Its row is no longer live.
   */
  merged?: RowMerge;
}

/** `InteractionRow.merged`. */
export interface RowMerge {
  into: string;
  seq: number;
  t: number;
}

/** The note on a `ContactMerged` event: the child it folded in, which keeps its own timeline. */
export interface MergeNote {
  /** The child's key. */
  child: string;
  /** How many events its own timeline holds (all before the merge). */
  events: number;
}

/** The interactions list's **Agent** entry: the agent's own session, shown first in the list. */
export interface AgentEntry {
  agentId: string | undefined;
  /** The agent's latest state ("Available", "Idle/Lunch"), undefined before any state change. */
  state: string | undefined;
  /** The agent's requests (state change, login…), and how many failed, timed out or got an HTTP error. */
  requests: number;
  problems: number;
}

/** The agent's own events and their details (the Agent entry's selected event row). */
export interface AgentEventDetail {
  row: AgentEventRow;
  /** The frame as received, if the log still has it. */
  data: string | undefined;
  /** The hub shed the event's frame. */
  shed: boolean;
}

export type CaptureHintKind = 'cleared' | 'no-socket-yet' | 'no-frames-yet' | null;

export interface StatusLine {
  agentId: string;
  /** "Available", "Idle/Lunch", the event name, or "—" before any agent event. */
  agentState: string;
  changedBy: string | undefined;
  /** The socket the desktop uses now (`ws-2`), undefined before any. */
  socketId: string | undefined;
  /** How the socket was captured (a file's are all `file`). */
  capture: SocketCapture | undefined;
  /** The document that owns the socket (a desktop in a CRM's iframe). */
  frameUrl: string | undefined;
  socketClosed: boolean;
  closeCode: number | undefined;
  /** False when the socket's file cannot record its close (a browser's HAR): no close is no proof it stayed open. */
  closeRecorded: boolean;
  /** Whole seconds (in ms) since the socket's last inbound frame; undefined when not meaningful. */
  quietMs: number | undefined;
  /** Over 8 s without an inbound frame: the SDK calls the connection lost (`WS_DISCONNECT_ALLOWED`, protocol doc §1). */
  quietWarn: boolean;
  reconnects: number;
  analysing: number;
  /** The analysis stopped, or the model failed on a frame: why (the panel says so, never a silent stall). */
  analysisError: string | undefined;
  live: boolean;
}

export interface EventDetail {
  timeline: InteractionTimeline;
  event: TimelineEvent;
  /** The event picked in "compare with…", if any. */
  against: TimelineEvent | undefined;
  /** The frame as received (its payload for Raw). */
  data: string | undefined;
  /** The hub shed the event's frame (its payload is gone; the model's reading stays). */
  shed: boolean;
  /** What "compare with…" offers: the other events that have a snapshot, near the selected one (compare-choices.ts). */
  comparable: readonly CompareChoice[];
}

export interface EventDiff {
  /** "Changes of #12 against the previous snapshot", "From #3 … to #12 …", or why there is none. */
  caption: string;
  changes: readonly FieldChange[];
  /** The changes as a tree of their path segments; undefined when nothing changed. */
  tree: DiffNode | undefined;
}

export interface AnomalyGroup {
  rule: Anomaly['rule'];
  summary: string;
  anomalies: readonly Anomaly[];
}

/** Whether a frame passes the Frames tab's filters. */
export function frameMatches(
  frame: Frame,
  info: FrameInfo | undefined,
  dir: 'all' | 'in' | 'out' | 'control',
  socket: string,
  match: Matcher | null,
): boolean {
  if (socket && frame.socket !== socket) return false;
  const control =
    frame.dir === 'meta' ||
    frame.kind === 'open' ||
    frame.kind === 'close' ||
    frame.kind === 'error' ||
    info?.kind === 'keepalive';
  if (dir === 'control' && !control) return false;
  if ((dir === 'in' || dir === 'out') && (frame.dir !== dir || control)) return false;
  if (!match) return true;
  return (
    (frame.data !== undefined && match(frame.data)) ||
    // An HTTP call is found by its URL and its request id (`http-3`: the request and its response).
    (frame.url !== undefined && isHttpKind(frame.kind) && match(frame.url)) ||
    (isHttpKind(frame.kind) && match(frame.socket)) ||
    (info?.name !== undefined && match(info.name)) ||
    (info?.interactionId !== undefined && match(info.interactionId)) ||
    match(frame.kind)
  );
}

/**
 * How long after an ended interaction's last event the agent's own requests (state change, login…)
 * still belong on its chart: the agent goes Available (or fails to) right after wrap-up.
 */
export const AGENT_REQUESTS_AFTER_MS = 60_000;

const RANK = { error: 0, warn: 1, info: 2 } as const;
const SUMMARY = new Map(ALL_RULES.map((r) => [r.id, r.summary]));

export function countBySeverity(anomalies: readonly Anomaly[]): SeverityCounts {
  const counts = { error: 0, warn: 0, info: 0 };
  for (const a of anomalies) counts[a.severity]++;
  return counts;
}

/** The agent's state as one word or two: "Available", "Idle/Lunch"; the event name without one. */
export function agentStateLabel(state: AgentStateChange): string {
  return [...new Set([state.status, state.subStatus].filter(Boolean))].join('/') || state.event;
}

/**
 * Everything the components show, derived once from the capture and the view state. Each selector
 * changes identity only when what it describes changed, so a component reading it re-renders
 * only then (the old single `version` counter redrew the whole panel for every frame).
 */
export class Selectors {
  constructor(
    private readonly data: CaptureData,
    private readonly view: ViewState,
  ) {}

  private readonly session = computed(() => {
    this.data.sessionRevision.value;
    return this.data.session;
  });

  /** The search box compiled once per change of the query (a bad regex says why). */
  readonly query = computed(() => compileQuery(this.view.query.value));
  readonly queryMatch = computed<Matcher | null>(() => this.query.value.match);
  readonly queryError = computed(() => this.query.value.error);

  private rowCache = new WeakMap<InteractionTimeline, InteractionRow>();
  /** What each cached row was made from: a row whose inputs are the same objects is reused unread. */
  private rowInputs = new WeakMap<
    InteractionTimeline,
    {
      events: number;
      anomalies: number;
      customer: string | undefined;
      flags: Flags;
      mediaType: string | undefined;
      mergedInto: string | undefined;
    }
  >();

  private rowOf(timeline: InteractionTimeline, session: SessionData): InteractionRow {
    const cached = this.rowCache.get(timeline);
    const anomalies = session.anomaliesOf(timeline.interactionId);
    // Most rows did not change since the last repaint: one look at their inputs, no recount.
    const inputs = this.rowInputs.get(timeline);
    const customer = customerOfTimeline(timeline);
    // The parent's key now: a re-key of it since the merge renames it here too.
    const mergedInto =
      timeline.merged && (session.timelineOf(timeline.merged.into)?.interactionId ?? timeline.merged.into);
    if (
      cached &&
      inputs &&
      inputs.events === timeline.events.length &&
      inputs.anomalies === anomalies.length &&
      inputs.customer === customer &&
      inputs.flags === timeline.flags &&
      inputs.mediaType === timeline.mediaType &&
      inputs.mergedInto === mergedInto &&
      cached.interactionId === timeline.interactionId
    )
      return cached;
    this.rowInputs.set(timeline, {
      events: timeline.events.length,
      anomalies: anomalies.length,
      customer,
      flags: timeline.flags,
      mediaType: timeline.mediaType,
      mergedInto,
    });
    const counts = countBySeverity(anomalies);
    const row: InteractionRow = {
      interactionId: timeline.interactionId,
      firstT: timeline.events[0]?.t ?? 0,
      lastT: timeline.events.at(-1)?.t ?? 0,
      mediaType: timeline.mediaType,
      customer,
      flags: timeline.flags,
      counts:
        cached &&
        cached.counts.error === counts.error &&
        cached.counts.warn === counts.warn &&
        cached.counts.info === counts.info
          ? cached.counts
          : counts,
    };
    if (timeline.merged && mergedInto !== undefined)
      row.merged =
        cached?.merged?.into === mergedInto
          ? cached.merged
          : { into: mergedInto, seq: timeline.merged.seq, t: timeline.merged.t };
    // Every field the row shows: a re-keyed timeline whose row is otherwise the same shows its new id.
    if (
      cached &&
      cached.merged === row.merged &&
      cached.interactionId === row.interactionId &&
      cached.firstT === row.firstT &&
      cached.customer === row.customer &&
      cached.flags === row.flags &&
      cached.counts === row.counts &&
      cached.lastT === row.lastT &&
      cached.mediaType === row.mediaType
    )
      return cached;
    this.rowCache.set(timeline, row);
    return row;
  }

  /** The list's rows oldest first, and where each timeline's row is, as last built (`interactionRows`). */
  private rowList:
    | {
        session: SessionData;
        rows: InteractionRow[];
        at: Map<InteractionTimeline, number>;
        newestFirst: readonly InteractionRow[];
        /** How many rows have each media type (`mediaTypes`). */
        media: Map<string, number>;
      }
    | undefined;

  /**
   * The list's rows, newest first; a row keeps its identity until what it shows changes. A
   * replica says which timelines changed since the last repaint (`takeInteractionChanges`): only
   * their rows are looked at again. Keeps the previous array when no row changed.
   */
  readonly interactionRows = memo(
    () => [this.session.value, this.data.sessionRevision.value],
    (): readonly InteractionRow[] => {
      const session = this.session.value;
      const changes = session.takeInteractionChanges?.();
      const list = this.rowList;
      if (!changes || changes.rebuild || list?.session !== session) {
        const rows: InteractionRow[] = [];
        const at = new Map<InteractionTimeline, number>();
        const media = new Map<string, number>();
        for (const timeline of session.interactions.values()) {
          at.set(timeline, rows.length);
          const row = this.rowOf(timeline, session);
          rows.push(row);
          countMedia(media, row.mediaType, 1);
        }
        this.rowList = { session, rows, at, newestFirst: rows.toReversed(), media };
        return this.rowList.newestFirst;
      }
      let same = true;
      for (const timeline of changes.changed) {
        const index = list.at.get(timeline);
        const row = this.rowOf(timeline, session);
        if (index === undefined) {
          // New: the replica appends timelines in order of first appearance, as `changed` holds them.
          list.at.set(timeline, list.rows.length);
          list.rows.push(row);
          countMedia(list.media, row.mediaType, 1);
          same = false;
        } else if (list.rows[index] !== row) {
          countMedia(list.media, list.rows[index]!.mediaType, -1);
          countMedia(list.media, row.mediaType, 1);
          list.rows[index] = row;
          same = false;
        }
      }
      if (!same) list.newestFirst = list.rows.toReversed();
      return list.newestFirst;
    },
  );

  /** Every row; keeps the previous array when every row is the same object (nothing changed). */
  readonly allRows: ReadonlySignal<readonly InteractionRow[]> = (() => {
    let last: readonly InteractionRow[] = [];
    return computed(() => {
      const next = this.interactionRows.value;
      if (next === last || (next.length === last.length && next.every((row, i) => row === last[i]))) return last;
      last = next;
      return next;
    });
  })();

  /** The rows the list shows: filtered (active, with anomalies, media type) and sorted. */
  readonly rows = memo(
    () => [
      this.allRows.value,
      this.view.interactionSort.value,
      this.view.onlyActive.value,
      this.view.onlyWithAnomalies.value,
      this.view.mediaType.value,
    ],
    (): readonly InteractionRow[] => {
      const { interactionSort, onlyActive, onlyWithAnomalies, mediaType } = this.view;
      const all = this.allRows.value;
      const filtered = onlyActive.value || onlyWithAnomalies.value || !!mediaType.value;
      const shown = !filtered
        ? all
        : all.filter(
            (r) =>
              (!onlyActive.value || (!r.flags.ended && !r.merged)) &&
              (!onlyWithAnomalies.value || r.counts.error + r.counts.warn + r.counts.info > 0) &&
              (!mediaType.value || r.mediaType === mediaType.value),
          );
      const sort = interactionSort.value;
      if (sort === 'newest') return shown.length === all.length ? all : shown;
      const by: Record<Exclude<typeof sort, 'newest'>, (a: InteractionRow, b: InteractionRow) => number> = {
        oldest: (a, b) => a.firstT - b.firstT,
        anomalies: (a, b) =>
          b.counts.error - a.counts.error || b.counts.warn - a.counts.warn || b.counts.info - a.counts.info,
        customer: (a, b) => (a.customer ?? '\uffff').localeCompare(b.customer ?? '\uffff'),
      };
      return [...shown].sort(by[sort]);
    },
  );

  readonly interactionCount = computed(() => this.allRows.value.length);
  /** Interactions the list's filters hide. */
  readonly hiddenInteractions = computed(() => this.allRows.value.length - this.rows.value.length);
  /** The media types seen, for the list's filter. */
  readonly mediaTypes: ReadonlySignal<readonly string[]> = (() => {
    let last: readonly string[] = [];
    return computed(() => {
      // Read first: it brings the row list's counts up to date.
      this.allRows.value;
      const next = [...(this.rowList?.media ?? [])].flatMap(([type, rows]) => (rows > 0 ? [type] : [])).sort();
      // The same types keep the same array: the filter's menu is not redrawn at each repaint.
      if (!sameItems(next, last)) last = next;
      return last;
    });
  })();

  /** The interaction shown without a pick, held while a backlog is analysed (below). */
  private autoSelected: InteractionTimeline | undefined;

  /**
   * The interaction shown: the one picked, else the list's first. While a backlog of more than
   * `BACKLOG_FRAMES` is being analysed, the list's first changes at every repaint; the one shown
   * then stays put (while it is in the list) and moves to the newest when the backlog is done:
   * redrawing another interaction's timeline, lanes and details several times a second cost the
   * UI thread most of its long frames (issue 14 goal 3), and showed nobody anything readable.
   */
  readonly selectedTimeline = computed<InteractionTimeline | undefined>(() => {
    const session = this.session.value;
    // The Agent entry is picked: no interaction shows (see `showsAgent`).
    if (this.view.agentSelected.value) return undefined;
    const id = this.view.selectedInteraction.value;
    const picked = id ? session.timelineOf(id) : undefined;
    if (picked) return picked;
    const rows = this.rows.value;
    const held = this.autoSelected;
    if (
      held &&
      (this.data.analysing.value > BACKLOG_FRAMES || this.isRowOf(held, this.view.selectedSeq.value)) &&
      session.interactions.get(held.interactionId) === held &&
      // Unfiltered, the list holds every interaction (the common case: no look at 10,000 rows).
      (rows === this.allRows.value || rows.some((row) => row.interactionId === held.interactionId))
    )
      return held;
    const first = rows[0] ?? this.allRows.value[0];
    this.autoSelected = first ? session.timelineOf(first.interactionId) : undefined;
    return this.autoSelected;
  });

  /**
   * Whether the reader picked a row (event or request) of this timeline, or an agent request on
   * its Agent req. lane: such a click in the interaction shown without a pick keeps it shown, as
   * a pick would (else the end of a backlog, or the next interaction, took it away from them).
   */
  private isRowOf(timeline: InteractionTimeline, seq: number | null): boolean {
    if (seq === null) return false;
    if (timeline.events.some((e) => e.seq === seq)) return true;
    const request = requestAt(this.session.value.requests.correlator, seq);
    if (!request) return false;
    // An agent request (state change, login…) is picked from the shown interaction's Agent req. lane.
    if (request.interactionId === undefined) return request.operation !== undefined;
    return this.session.value.requestOwner(request) === timeline;
  }

  /** The task requests of an interaction: those that belong to it (`SessionData.requestOwner`). */
  private requestsOf(timeline: InteractionTimeline): TrackedRequest[] {
    const session = this.session.value;
    return interactionRequests(session.requests.correlator, timeline, (r) => session.requestOwner(r));
  }

  readonly selectedInteractionId = computed(() => {
    // A campaign task re-keyed on assignment keeps its timeline object (the same selection): its
    // id is read again at each change of the session, else the list lost its highlighted row.
    this.data.sessionRevision.value;
    return this.selectedTimeline.value?.interactionId;
  });

  /** The selected interaction's list row (customer, media, flags), for the header above its lanes. */
  readonly selectedRow = computed(() => {
    const timeline = this.selectedTimeline.value;
    // Read first: it brings the row list up to date.
    const all = this.allRows.value;
    if (!timeline) return undefined;
    const index = this.rowList?.at.get(timeline);
    return index === undefined
      ? all.find((r) => r.interactionId === timeline.interactionId)
      : this.rowList?.rows[index];
  });

  /** Where the selected interaction went, when a `ContactMerged` folded it into another (its header's link). */
  readonly selectedMerge = stable((): { into: string; seq: number } | undefined => {
    const merged = this.selectedRow.value?.merged;
    return merged && { into: merged.into, seq: merged.seq };
  });

  /**
   * The selected event's note when it is the `ContactMerged` that folded in a child with a
   * timeline of its own: that child (a link to its timeline) and how many events it holds.
   */
  readonly mergeNote = stable((): MergeNote | undefined => {
    const timeline = this.selectedTimeline.value;
    const event = this.selectedEvent.value;
    if (!timeline || event?.name !== 'ContactMerged') return undefined;
    // Only the merge's own event reads this: one look at the interactions, not one per repaint.
    for (const other of this.session.value.interactions.values()) {
      if (other.merged?.seq === event.seq && other !== timeline)
        return { child: other.interactionId, events: other.events.length };
    }
    return undefined;
  });

  /** How many events the selected interaction has: the key its in-place growing arrays change by. */
  readonly selectedEventCount = computed(() => {
    this.data.sessionRevision.value;
    return this.selectedTimeline.value?.events.length ?? 0;
  });

  private readonly selectedAnomalies = memo(
    () => {
      const timeline = this.selectedTimeline.value;
      this.data.sessionRevision.value;
      // Anomalies are only ever appended: the count says whether the list changed.
      return [timeline, timeline ? this.session.value.anomaliesOf(timeline.interactionId).length : 0];
    },
    () => {
      const timeline = this.selectedTimeline.value;
      return timeline ? [...this.session.value.anomaliesOf(timeline.interactionId)] : [];
    },
  );

  /** The selected interaction's anomalies (the agent's, for the Agent entry) by the seq of the event that shows them. */
  readonly anomaliesBySeq = computed((): ReadonlyMap<number, readonly Anomaly[]> => {
    if (this.showsAgent.value) return this.agentAnomaliesBySeq.value;
    const bySeq = new Map<number, Anomaly[]>();
    for (const a of this.selectedAnomalies.value) {
      const list = bySeq.get(a.seq);
      if (list) list.push(a);
      else bySeq.set(a.seq, [a]);
    }
    return bySeq as ReadonlyMap<number, readonly Anomaly[]>;
  });

  /** The selected interaction's events that pass the search and the filters. */
  readonly visibleEvents = memo(
    () => [
      this.selectedTimeline.value,
      this.selectedEventCount.value,
      this.selectedAnomalies.value,
      this.queryMatch.value,
      this.view.category.value,
      this.view.pathFilter.value,
      this.view.onlyAnomalies.value,
    ],
    (): readonly TimelineEvent[] => {
      const timeline = this.selectedTimeline.value;
      if (!timeline) return [];
      const anomalySeqs = new Set(this.selectedAnomalies.value.map((a) => a.seq));
      const filter = {
        query: this.view.query.value,
        category: this.view.category.value,
        path: this.view.pathFilter.value,
        onlyAnomalies: this.view.onlyAnomalies.value,
        anomalySeqs,
      };
      const match = this.queryMatch.value;
      return timeline.events.filter((e) => eventMatches(e, filter, match));
    },
  );

  /** The event whose details show: the one picked, else the latest visible one, else the latest. */
  readonly selectedEvent = computed<TimelineEvent | undefined>(() => {
    const timeline = this.selectedTimeline.value;
    if (!timeline) return undefined;
    this.selectedEventCount.value;
    const seq = this.view.selectedSeq.value;
    return (
      (seq !== null ? timeline.events.find((e) => e.seq === seq) : undefined) ??
      this.visibleEvents.value.at(-1) ??
      timeline.events.at(-1)
    );
  });

  readonly selectedEventSeq = computed(() => this.selectedEvent.value?.seq);

  /**
   * The timeline's rows (issue 12): the visible events and the interaction's requests, each request
   * at its start. Request rows pass the search and filters as `requestMatches` says; with "failed
   * or timed-out requests only" just those requests and the events that answered them remain.
   * Outcomes change in place as results and time arrive: a new array at every session revision.
   */
  readonly timelineRows = computed((): readonly TimelineRow[] =>
    this.showsAgent.value ? this.agentTimelineRows.value : this.interactionTimelineRows.value,
  );

  private readonly interactionTimelineRows = memo(
    () => [
      this.visibleEvents.value,
      this.selectedTimeline.value,
      ...this.requestKeys(),
      this.view.onlyProblemRequests.value,
      this.anomaliesBySeq.value,
      this.queryMatch.value,
      this.view.category.value,
      this.view.pathFilter.value,
      this.view.onlyAnomalies.value,
    ],
    (): readonly TimelineRow[] => this.computeTimelineRows(),
  );

  /**
   * The session's request correlator and its revision, as memo keys: they change whenever a
   * request or its outcome did (requests change in place), or the session was replaced.
   */
  private readonly requestsRevision = computed(() => {
    this.data.sessionRevision.value;
    return this.session.value.requests.correlator.revision;
  });
  private requestKeys(): readonly unknown[] {
    return [this.session.value.requests.correlator, this.requestsRevision.value];
  }

  /** The view's filters for a timeline, its anomalies those of `anomaliesBySeq` (interaction or agent). */
  private eventFilter(anomaliesBySeq: ReadonlyMap<number, unknown>): EventFilter {
    return {
      query: this.view.query.value,
      category: this.view.category.value,
      path: this.view.pathFilter.value,
      onlyAnomalies: this.view.onlyAnomalies.value,
      anomalySeqs: new Set(anomaliesBySeq.keys()),
    };
  }

  private computeTimelineRows(): readonly TimelineRow[] {
    const events = this.visibleEvents.value;
    const timeline = this.selectedTimeline.value;
    const problemsOnly = this.view.onlyProblemRequests.value;
    const correlator = this.session.value.requests.correlator;
    if (!timeline || (!correlator.requests.length && !problemsOnly)) return events;
    let requests = this.requestsOf(timeline);
    if (problemsOnly) requests = problemRequests(requests);
    const filter = this.eventFilter(this.anomaliesBySeq.value);
    const match = this.queryMatch.value;
    requests = requests.filter((r) => requestMatches(r, filter, match));
    let shown = events;
    if (problemsOnly) {
      const results = resultSeqsOf(requests);
      shown = events.filter((e) => results.has(e.seq));
    }
    return mergeRows(shown, requests);
  }

  /** The request picked (a timeline row or a Requests bar), if the selection is one. */
  readonly selectedRequest = computed((): TrackedRequest | undefined => {
    this.data.sessionRevision.value;
    const request = requestAt(this.session.value.requests.correlator, this.view.selectedSeq.value);
    return request?.operation !== undefined ? request : undefined;
  });

  /** The selected row of the timeline: the picked request, else the selected event (the agent's, for the Agent entry). */
  readonly selectedRowSeq = computed(
    () =>
      this.selectedRequest.value?.seq ??
      (this.showsAgent.value ? this.selectedAgentEvent.value?.seq : this.selectedEventSeq.value),
  );

  /** When the selected row happened (ms): where the lane chart's cursor stands. */
  readonly selectedRowT = computed(
    () =>
      this.selectedRequest.value?.t ??
      (this.showsAgent.value ? this.selectedAgentEvent.value?.t : this.selectedEvent.value?.t),
  );

  /** The row joined to the selected one: a request's result event, or the request an event answered. */
  readonly joinedRowSeq = computed(() => {
    this.data.sessionRevision.value;
    return joinedSeq(this.session.value.requests.correlator, this.selectedRowSeq.value);
  });

  /** Result events no captured request asked for (marked "unsolicited"); grows in place. */
  readonly unsolicitedSeqs = computed((): ReadonlySet<number> => {
    this.data.sessionRevision.value;
    return this.session.value.requests.correlator.unsolicitedSeqs;
  });

  /** Whether the capture has any of §7's requests (the request filter shows only then). */
  readonly hasRequests = computed(() => {
    this.data.sessionRevision.value;
    return this.session.value.requests.correlator.requests.some((r) => r.operation !== undefined);
  });

  /**
   * The note above the selected event's details when it answered a request ("Result of request
   * #n (POST …/hold), N ms after the request"); keeps its identity while its words are the same.
   */
  readonly resultNote = stable((): ResultNote | { none: true } => {
    this.data.sessionRevision.value;
    if (this.selectedRequest.value) return { none: true };
    const event = this.showsAgent.value ? this.selectedAgentEvent.value : this.selectedEvent.value;
    const answered = answeredBy(this.session.value.requests.correlator, event);
    return answered ? resultNote(answered) : { none: true };
  });

  /**
   * The selected request for its details: a copy per session revision (the tracked request changes
   * in place), with its request body and the names of the events it points at.
   */
  readonly requestDetail = memo(
    () => [this.selectedRequest.value, ...this.requestKeys(), this.data.logRevision.value],
    () => this.computeRequestDetail(),
  );

  private computeRequestDetail() {
    const request = this.selectedRequest.value;
    if (!request) return undefined;
    const late = request.lateResultSeq;
    return {
      request: { ...request },
      body: this.data.log.frame(request.seq)?.data,
      lateResultType: late === undefined ? undefined : this.data.frameInfo.get(late)?.name,
    };
  }

  /**
   * The end of the selected interaction's chart: now while it is live; once ended, its last event,
   * or the end of the agent's own requests (a state change after wrap-up) that started within
   * `AGENT_REQUESTS_AFTER_MS` of it, so their bars show on the Agent req. lane.
   */
  readonly chartEnd = computed(() => {
    if (this.showsAgent.value) return this.agentSpan.value?.end ?? this.data.now.value;
    const timeline = this.selectedTimeline.value;
    this.selectedEventCount.value;
    const last = timeline?.events.at(-1)?.t ?? 0;
    if (!timeline) return last;
    // Merged into another: its own time ends at the merge, whatever it was doing.
    if (timeline.merged) return Math.max(timeline.merged.t, last);
    if (!timeline.flags.ended) return Math.max(this.data.now.value, last);
    this.data.sessionRevision.value;
    let end = last;
    for (const r of agentRequests(this.session.value.requests.correlator)) {
      if (r.t > last && r.t <= last + AGENT_REQUESTS_AFTER_MS) end = Math.max(end, requestEnd(r, r.t).to);
    }
    return end;
  });

  /**
   * When the selected contact last ended (`lastEndedAt`: an end it was offered again after does
   * not count), or, if it did not end before, when a `ContactMerged` folded it into another:
   * nothing of it is live after.
   */
  readonly endedAt = stable((): { t: number; merged: boolean } | undefined => {
    const timeline = this.selectedTimeline.value;
    this.selectedEventCount.value;
    const ended = timeline ? lastEndedAt(timeline) : undefined;
    if (ended !== undefined) return { t: ended, merged: false };
    return timeline?.merged ? { t: timeline.merged.t, merged: true } : undefined;
  });

  /**
   * The Requests lanes of the selected interaction (issue 12): its task requests, then the agent's
   * own (state change, login…) while it lasted; a lane only when it has a request. Outcomes change
   * in place as results and time arrive: the correlator's revision (`requestKeys`) says when.
   */
  readonly requestLanes = memo(
    () => [
      ...this.requestKeys(),
      this.selectedTimeline.value,
      // An interaction's linked ids (`relatedIds`) grow with its events.
      this.selectedEventCount.value,
      this.showsAgent.value,
      this.showsAgent.value ? this.agentRequestList.value : undefined,
      this.chartStart.value,
      this.chartEnd.value,
      this.view.onlyProblemRequests.value,
    ],
    () => this.computeRequestLanes(),
  );

  private computeRequestLanes(): readonly Lane[] {
    const timeline = this.selectedTimeline.value;
    const agentView = this.showsAgent.value;
    if (!timeline && !agentView) return [];
    const correlator = this.session.value.requests.correlator;
    const end = this.chartEnd.value;
    const start = this.chartStart.value;
    const agent = agentView
      ? this.agentRequestList.value
      : agentRequests(correlator).filter((r) => r.t <= end && requestEnd(r, end).to >= start);
    const shown = (requests: readonly TrackedRequest[]) =>
      this.view.onlyProblemRequests.value ? requests.filter((r) => PROBLEM_OUTCOMES.has(r.outcome)) : requests;
    // Overlapping bars take sub-rows; a bar (with its outcome mark after it) takes at least ~3% of the chart.
    const minMs = (Math.max(1, end - start) * 3) / 100;
    return [
      requestLane('requests', 'Requests', timeline ? shown(this.requestsOf(timeline)) : [], end),
      requestLane('agent-requests', 'Agent req.', shown(agent), end),
    ]
      .filter((lane) => lane.segments.length > 0)
      .map((lane) => stackLane(lane, minMs));
  }

  /** Where the chart starts (ms): the interaction's first event, or the agent's first event or request. */
  readonly chartStart = computed(() => {
    if (this.showsAgent.value) return this.agentSpan.value?.start ?? this.chartEnd.value;
    this.selectedEventCount.value;
    return this.selectedTimeline.value?.events[0]?.t ?? this.chartEnd.value;
  });

  /** The Agent entry's state lane as last drawn (`agentStateLane`'s `previous`). */
  private lastAgentLane: Lane | undefined;

  /**
   * The chart's lanes other than the request lanes: an interaction's hold, recording, consult,
   * conference and Agent lanes (`lanesOf`), or for the Agent entry just the agent's state.
   */
  readonly chartLanes = computed((): readonly Lane[] => {
    const start = this.chartStart.value;
    const end = Math.max(this.chartEnd.value, start + 1000);
    if (this.showsAgent.value) {
      // The previous lane lends its unchanged segments (a long shift's 20,000 at each repaint).
      const lane = agentStateLane(this.agentStates.value, start, end, this.lastAgentLane);
      this.lastAgentLane = lane;
      return [lane];
    }
    const timeline = this.selectedTimeline.value;
    this.selectedEventCount.value;
    return timeline ? lanesOf(timeline, this.agentStates.value, start, end) : [];
  });

  /**
   * Whether the capture has anything of the agent's own: a state change or an agent request
   * (state change, login…). The list then offers the Agent entry.
   */
  readonly hasAgentEntry = memo(
    () => {
      // The states grow in place, with no signal of their own: their count is read at each revision.
      this.data.sessionRevision.value;
      return [this.session.value, this.session.value.agent.states.length, ...this.requestKeys()];
    },
    () =>
      this.session.value.agent.states.length > 0 ||
      this.session.value.requests.correlator.requests.some(
        (r) => r.operation !== undefined && r.interactionId === undefined,
      ),
  );

  /**
   * The Agent entry shows (its lanes, timeline and details): when it is picked, or when no
   * interaction is there to show (a capture of an agent who logged in and went, or failed to go,
   * Available before any call).
   */
  readonly showsAgent = computed(
    () => this.hasAgentEntry.value && (this.view.agentSelected.value || this.selectedTimeline.value === undefined),
  );

  /** The agent's requests (no interaction: state change, login…), in start order; every session revision. */
  readonly agentRequestList = memo(
    () => [...this.requestKeys()],
    (): readonly TrackedRequest[] => agentRequests(this.session.value.requests.correlator),
  );

  /**
   * The requests as the Agent entry's rows read them: a state change no request asked for is an
   * "unsolicited" result, which bumps the correlator's revision and changes no request. The
   * unsolicited list only grows, one entry per such bump, so this stays put while only it grew.
   */
  private requestsBesidesUnsolicited(): readonly unknown[] {
    const correlator = this.session.value.requests.correlator;
    return [correlator, this.requestsRevision.value - correlator.unsolicited.length];
  }

  /** The last `agentEventList` and what it was built from (a new state only appends its row). */
  private agentEventsBuilt:
    | {
        states: readonly AgentStateChange[];
        keys: readonly unknown[];
        unsolicited: number;
        events: readonly AgentEventRow[];
      }
    | undefined;

  /** The agent's events: state changes and the results of its requests (`agentEvents`), in seq order. */
  readonly agentEventList = memo(
    // Not the log's revision: a frame entering the log (a keepalive) changes no agent event, and a
    // result's name and time are known by the revision that joined it to its request. On a long
    // shift this list is 24,000 rows, rebuilt only when a request changed; a new state is appended.
    () => [this.agentStates.value, ...this.requestKeys()],
    (): readonly AgentEventRow[] => {
      const states = this.agentStates.value;
      const keys = this.requestsBesidesUnsolicited();
      const { unsolicited } = this.session.value.requests.correlator;
      const built = this.agentEventsBuilt;
      const events =
        (built && sameItems(built.keys, keys)
          ? withNewStates(built.events, built.states, states, unsolicited.slice(built.unsolicited))
          : undefined) ??
        agentEvents(states, this.session.value.requests.correlator, (seq) => ({
          name: this.data.frameInfo.get(seq)?.name,
          t: this.data.log.frame(seq)?.t,
        }));
      this.agentEventsBuilt = { states, keys, unsolicited: unsolicited.length, events };
      return events;
    },
  );

  /** The span of the Agent entry's chart: its first event or request to now (`agentSpan`). */
  readonly agentSpan = computed(() =>
    agentSpan(this.agentEventList.value, this.agentRequestList.value, this.data.now.value),
  );

  private readonly agentEntryFields = stable((): AgentEntry => {
    const requests = this.agentRequestList.value;
    const last = this.agentStates.value.at(-1);
    return {
      agentId: this.session.value.agent.agentId,
      state: last ? agentStateLabel(last) : undefined,
      requests: requests.length,
      problems: requests.filter((r) => PROBLEM_OUTCOMES.has(r.outcome)).length,
    };
  });

  /** The list's Agent entry, when the capture has anything of the agent's (`hasAgentEntry`). */
  readonly agentEntry = computed((): AgentEntry | undefined =>
    this.hasAgentEntry.value ? this.agentEntryFields.value : undefined,
  );

  /** Anomalies that name no interaction (request rules on agent requests, session rules), by seq. */
  private readonly agentAnomaliesBySeq = memo(
    () => [this.session.value, this.anomalyCounts.value.total],
    (): ReadonlyMap<number, readonly Anomaly[]> => {
      const bySeq = new Map<number, Anomaly[]>();
      for (const a of this.session.value.anomalies) {
        if (a.interactionId !== undefined) continue;
        const list = bySeq.get(a.seq);
        if (list) list.push(a);
        else bySeq.set(a.seq, [a]);
      }
      return bySeq;
    },
  );

  /**
   * Everything but its events that the Agent entry's timeline rows depend on (the requests as in
   * `requestsBesidesUnsolicited`: a change to any of them changes these keys).
   */
  private agentRowKeys(): readonly unknown[] {
    return [
      ...this.requestsBesidesUnsolicited(),
      this.agentAnomaliesBySeq.value,
      this.view.onlyProblemRequests.value,
      this.queryMatch.value,
      this.view.category.value,
      this.view.pathFilter.value,
      this.view.onlyAnomalies.value,
    ];
  }

  /** The last Agent entry's timeline rows and what they were built from (new events only append). */
  private agentRowsBuilt:
    | { keys: readonly unknown[]; events: readonly AgentEventRow[]; rows: readonly TimelineRow[] }
    | undefined;

  /** The Agent entry's timeline rows: its events and requests that pass the search and filters. */
  private readonly agentTimelineRows = memo(
    () => [this.agentEventList.value, this.agentRequestList.value, ...this.agentRowKeys()],
    (): readonly TimelineRow[] => {
      const filter = this.eventFilter(this.agentAnomaliesBySeq.value);
      const match = this.queryMatch.value;
      let requests = this.agentRequestList.value.filter((r) => requestMatches(r, filter, match));
      const results = this.view.onlyProblemRequests.value ? resultSeqsOf(problemRequests(requests)) : undefined;
      const shown = (events: readonly AgentEventRow[]) =>
        events.filter((e) => agentEventMatches(e, filter, match) && (!results || results.has(e.seq)));
      const all = this.agentEventList.value;
      const keys = this.agentRowKeys();
      const built = this.agentRowsBuilt;
      // Only events added after every row (a new state on a live shift): their rows are appended.
      const added = built && sameItems(built.keys, keys) ? addedAtEnd(built.events, all) : undefined;
      let rows: readonly TimelineRow[];
      if (built && added && added[0]!.seq > (built.rows.at(-1)?.seq ?? -Infinity)) {
        rows = [...built.rows, ...shown(added)];
      } else {
        if (results) requests = problemRequests(requests);
        rows = agentRows(shown(all), requests);
      }
      this.agentRowsBuilt = { keys, events: all, rows };
      return rows;
    },
  );

  /** The Agent entry's selected event: the one picked, else its latest shown, else its latest. */
  readonly selectedAgentEvent = computed((): AgentEventRow | undefined => {
    if (!this.showsAgent.value) return undefined;
    const events = this.agentEventList.value;
    const seq = this.view.selectedSeq.value;
    const picked = seq === null ? undefined : events.find((e) => e.seq === seq);
    if (picked) return picked;
    const rows = this.agentTimelineRows.value;
    for (let i = rows.length - 1; i >= 0; i--) {
      const row = rows[i]!;
      if (!isRequestRow(row)) return row as AgentEventRow;
    }
    return events.at(-1);
  });

  /** The details of the Agent entry's selected event (none while a request is selected). */
  readonly agentEventDetail = stable((): AgentEventDetail | { none: true } => {
    const row = this.selectedAgentEvent.value;
    if (!row || this.selectedRequest.value) return { none: true };
    this.data.logRevision.value;
    return { row, data: this.data.log.frame(row.seq)?.data, shed: row.seq < this.data.log.firstSeq };
  });

  /** The Agent entry's selected event's frame as a JSON value for its details' tree, when it is JSON. */
  readonly agentEventJson = memo(
    () => {
      const detail = this.agentEventDetail.value;
      return ['none' in detail ? undefined : detail.data];
    },
    (): { ok: true; value: unknown } | { ok: false } => {
      const detail = this.agentEventDetail.value;
      if ('none' in detail || detail.data === undefined) return { ok: false };
      try {
        return { ok: true, value: JSON.parse(detail.data) };
      } catch {
        return { ok: false };
      }
    },
  );

  /** The agent's state changes (they grow in place: keyed by their count, read at each revision). */
  readonly agentStates = memo(
    () => {
      this.data.sessionRevision.value;
      return [this.session.value, this.session.value.agent.states.length];
    },
    (): readonly AgentStateChange[] => [...this.session.value.agent.states],
  );

  readonly eventDetail = stable<EventDetail | { none: true }>(() => {
    const timeline = this.selectedTimeline.value;
    const event = this.selectedEvent.value;
    if (!timeline || !event) return { none: true };
    const compareSeq = this.view.compareSeq.value;
    this.data.logRevision.value;
    return {
      timeline,
      event,
      // The event picked is the one selected now: nothing to compare with but its previous snapshot.
      against:
        compareSeq === null || compareSeq === event.seq ? undefined : timeline.events.find((e) => e.seq === compareSeq),
      data: this.data.log.frame(event.seq)?.data,
      shed: event.seq < this.data.log.firstSeq,
      comparable: this.comparable.value,
    };
  });

  private readonly comparable = memo(
    () => [
      this.selectedTimeline.value,
      this.selectedEventCount.value,
      this.selectedEvent.value,
      this.view.compareSeq.value,
    ],
    (): readonly CompareChoice[] => {
      const event = this.selectedEvent.value;
      const timeline = this.selectedTimeline.value;
      if (!event || !timeline) return [];
      return compareChoices(timeline.events, event, this.view.compareSeq.value ?? undefined, holdsSnapshot);
    },
  );

  /** The diff of the selected event (against the previous snapshot or the one picked to compare). */
  readonly diff = memo(
    () => [this.view.detailsTab.value === 'diff', this.eventDetail.value],
    (): EventDiff | undefined => {
      const detail = this.eventDetail.value;
      if (this.view.detailsTab.value !== 'diff' || 'none' in detail) return undefined;
      const { event, against, timeline } = detail;
      let changes: readonly FieldChange[] = event.changes;
      let caption = `Changes of #${event.seq} against the previous snapshot`;
      if (against && event.released) {
        caption = `#${event.seq}'s frame was shed: its snapshot was let go, only its own changes are kept`;
      } else if (against) {
        changes = diffSnapshots(against.snapshot, event.snapshot).changes;
        caption = `From #${against.seq} ${against.name} to #${event.seq} ${event.name}`;
      } else if (timeline.events[0] === event) {
        caption = 'The first snapshot of this interaction: see Snapshot';
      } else if (!event.hasSnapshot) {
        caption = `${event.name} carries no snapshot: nothing to compare`;
      }
      return { caption, changes, tree: changes.length ? diffTree(changes, event.snapshot) : undefined };
    },
  );

  /** The decoder's findings for the selected event's frame: decoded only while Findings is shown. */
  readonly findings = memo(
    () => [this.view.detailsTab.value === 'findings', this.selectedEvent.value, this.data.logRevision.value],
    (): readonly Finding[] => {
      const event = this.selectedEvent.value;
      if (this.view.detailsTab.value !== 'findings' || !event) return [];
      const frame = this.data.log.frame(event.seq);
      return frame ? decodeFrame(frame).findings : [];
    },
  );

  /** The frame's payload pretty-printed when it is JSON, verbatim otherwise (Raw). */
  readonly rawText = memo(
    () => [this.view.detailsTab.value === 'raw', this.eventDetail.value],
    (): string | undefined => {
      const detail = this.eventDetail.value;
      if (this.view.detailsTab.value !== 'raw' || 'none' in detail || detail.data === undefined) return undefined;
      try {
        return JSON.stringify(JSON.parse(detail.data), null, 2);
      } catch {
        return detail.data;
      }
    },
  );

  /** The frame log's counters, as a new object only when one of them changed. */
  readonly counters = stable<LogCounters>(() => {
    this.data.logRevision.value;
    return { ...this.data.log.counters };
  });

  readonly logRowCount = computed(() => {
    this.data.logRevision.value;
    return this.data.log.rows.length;
  });

  /** What to tell a reader while there is nothing to show (see CaptureHint). */
  readonly captureHint = computed<CaptureHintKind>(() => {
    const counters = this.counters.value;
    const stats = this.data.stats.value;
    if (this.logRowCount.value === 0 && stats && stats.frames === 0 && stats.lastSeq > 0) return 'cleared';
    if (counters.socketFrames > 0) return null;
    return counters.frames > 0 ? 'no-socket-yet' : 'no-frames-yet';
  });

  readonly anomalyCounts = stable(() => {
    const session = this.session.value;
    this.data.sessionRevision.value;
    const { error, warn, info } = session.severityCounts;
    return { total: session.anomalies.length, serious: error + warn, error, warn, info };
  });

  /** Every anomaly of the session grouped by rule, worst rule first, then the most frequent. */
  readonly anomalyGroups = memo(
    () => [this.session.value, this.anomalyCounts.value.total],
    (): readonly AnomalyGroup[] => {
      const groups = new Map<Anomaly['rule'], Anomaly[]>();
      for (const anomaly of this.session.value.anomalies) {
        const list = groups.get(anomaly.rule);
        if (list) list.push(anomaly);
        else groups.set(anomaly.rule, [anomaly]);
      }
      const worst = (list: readonly Anomaly[]) => Math.min(...list.map((x) => RANK[x.severity]));
      return [...groups.entries()]
        .sort(([, a], [, b]) => worst(a) - worst(b) || b.length - a.length)
        .map(([rule, anomalies]) => ({ rule, summary: SUMMARY.get(rule) ?? '', anomalies }));
    },
  );

  /**
   * The notice for a desktop page without a notification socket after 15 s (what was seen, what
   * to do); null while there is nothing to say. Changes once a second while it shows.
   */
  readonly silence = computed<(Silence & { deepCaptureOffered: boolean }) | null>(() => {
    this.data.sessionRevision.value;
    const silence = silenceOf(this.session.value, this.data.loadedAt.value, this.data.now.value, this.data.live.value);
    return silence ? { ...silence, deepCaptureOffered: this.data.deepCapture.value !== null } : null;
  });

  /**
   * The toolbar's pause status (words and tooltip), undefined while not paused: from what waits,
   * never from the connection (connecting after a restart is no fill-in).
   */
  readonly pauseStatus = computed<{ text: string; title: string } | undefined>(() => {
    if (!this.data.paused.value) return undefined;
    const waiting = this.data.waiting.value;
    return { text: pauseStatusText(waiting), title: pauseStatusTitle(waiting) };
  });

  /** Rules this capture cannot check, and why (a socket seen through its worker has no keepalives). */
  readonly unavailableRules = memo(
    () => {
      this.data.sessionRevision.value;
      // A socket's capture never changes: a new socket is the only way the answer can.
      return [this.session.value, this.session.value.sockets.size];
    },
    (): readonly UnavailableRule[] => this.session.value.unavailableRules,
  );

  /** Changes when the analysis went on (the Frames tab's rows show what it found). */
  readonly analysedRevision = computed(() => this.data.sessionRevision.value);

  /** The sockets seen (`ws-1`, `ws-2`), for the Frames tab's filter. */
  readonly sockets = memo(
    () => [this.session.value, this.session.value.sockets.size, this.data.sessionRevision.value],
    () => [...this.session.value.sockets.keys()],
  );

  private frameCache = { key: '', rows: [] as number[], scanned: 0, log: [] as unknown };

  /**
   * The Frames tab's rows: indexes into the log's rows that pass the direction, socket and text
   * filters (the text is matched against the payload, so event names match before analysis).
   * Extended incrementally as frames arrive; markers (gaps, shed) show only without a filter.
   */
  readonly frameRows = computed((): readonly number[] => {
    const count = this.logRowCount.value;
    const dir = this.view.frameDir.value;
    const socket = this.view.frameSocket.value;
    const match = this.queryMatch.value;
    // "control" depends on the analysis (keepalives): recomputed as the analysis goes on.
    const analysed = dir === 'control' ? this.data.sessionRevision.value : 0;
    const key = `${dir}|${socket}|${this.view.query.value}|${analysed}`;
    const cache = this.frameCache;
    const rows = this.data.log.rows;
    if (cache.key !== key || cache.log !== rows || cache.scanned > count) {
      cache.key = key;
      cache.rows = [];
      cache.scanned = 0;
      cache.log = rows;
    }
    const filtered = dir !== 'all' || socket !== '' || match !== null;
    const info = this.data.frameInfo;
    for (let i = cache.scanned; i < count; i++) {
      const row = rows[i]!;
      if (isMarker(row)) {
        if (!filtered) cache.rows.push(i);
        continue;
      }
      if (filtered && !frameMatches(row, info.get(row.seq), dir, socket, match)) continue;
      cache.rows.push(i);
    }
    cache.scanned = count;
    // A new array when rows were added, so the list sees the change.
    return cache.rows.slice();
  });

  /** The selected frame's index among `frameRows`, if it is shown. */
  readonly selectedFrameIndex = computed(() => {
    const seq = this.view.frameSeq.value;
    if (seq === null) return undefined;
    const rows = this.frameRows.value;
    const log = this.data.log.rows;
    // A linear scan (about a millisecond at 100k rows), once per selection or filter change.
    const index = rows.findIndex((i) => {
      const row = log[i]!;
      return !isMarker(row) && row.seq === seq;
    });
    return index >= 0 ? index : undefined;
  });

  /** The selected frame, with what the model made of it. */
  readonly selectedFrame = computed((): { frame: Frame; info: FrameInfo | undefined } | undefined => {
    const seq = this.view.frameSeq.value;
    this.data.logRevision.value;
    this.data.sessionRevision.value;
    const frame = seq === null ? undefined : this.data.log.frame(seq);
    return frame ? { frame, info: this.data.frameInfo.get(seq!) } : undefined;
  });

  /** The selected frame's payload as a JSON value for the tree, when it is JSON. */
  readonly selectedFrameJson = memo(
    () => [this.selectedFrame.value?.frame, this.view.frameDetailTab.value === 'tree'],
    (): { ok: true; value: unknown } | { ok: false } => {
      const data = this.selectedFrame.value?.frame.data;
      if (this.view.frameDetailTab.value !== 'tree' || data === undefined) return { ok: false };
      try {
        return { ok: true, value: JSON.parse(data) };
      } catch {
        return { ok: false };
      }
    },
  );

  /** The status bar: the agent, the socket, the time since its last inbound frame, reconnects. */
  readonly status = stable<StatusLine>(() => {
    const session = this.session.value;
    this.data.sessionRevision.value;
    const state = session.agent.states.at(-1);
    const socket = session.latestSocket;
    const live = this.data.live.value;
    // Through a worker only relayed frames arrive (keepalives stay inside it): no "last frame" clock.
    const quiet =
      live && socket?.lastInbound && socket.closed === undefined && socket.capture !== 'worker'
        ? this.data.now.value - socket.lastInbound.t
        : undefined;
    return {
      agentId: session.agent.agentId ?? '',
      agentState: state ? agentStateLabel(state) : '—',
      changedBy: state?.changedBy,
      socketId: socket?.id,
      capture: socket ? (live ? socket.capture : 'file') : undefined,
      frameUrl: socket?.frameUrl,
      socketClosed: socket?.closed !== undefined,
      closeCode: socket?.closeCode,
      closeRecorded: socket ? closeRecorded(socket) : true,
      quietWarn: quiet !== undefined && quiet > 8000,
      // Whole seconds: the bar changes once a second, not on every frame.
      quietMs: quiet === undefined ? undefined : Math.floor(quiet / 1000) * 1000,
      reconnects: Math.max(0, session.connections - 1),
      analysing: this.data.analysing.value,
      analysisError: this.data.analysisError.value,
      live,
    };
  });
}

/** Counts a row's media type in or out of the list's tally (`mediaTypes`). */
function countMedia(media: Map<string, number>, type: string | undefined, by: 1 | -1): void {
  if (type) media.set(type, (media.get(type) ?? 0) + by);
}
