import { signal } from '@preact/signals';

export type MainTab = 'interactions' | 'frames' | 'anomalies';
export type DetailsTab = 'diff' | 'snapshot' | 'raw' | 'findings';

/**
 * What the reader chose to look at: tabs, selection, search and filters. Plain signals, no logic:
 * the selectors derive what to show from these and the capture.
 */
export class ViewState {
  readonly tab = signal<MainTab>('interactions');
  /** The interaction picked in the list; null: the first one the list shows. */
  readonly selectedInteraction = signal<string | null>(null);
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
  /** DevTools' "Preserve log": off, each page load starts the view afresh (the capture itself is kept). */
  readonly preserve = signal(true);

  /** Picks an interaction (and optionally one of its events); a comparison is dropped. */
  select(interactionId: string, seq?: number): void {
    this.selectedInteraction.value = interactionId;
    this.selectedSeq.value = seq ?? null;
    this.compareSeq.value = null;
  }

  /** After the capture was cleared: nothing is selected any more (filters stay). */
  clearSelection(): void {
    this.selectedInteraction.value = null;
    this.selectedSeq.value = null;
    this.compareSeq.value = null;
  }
}
