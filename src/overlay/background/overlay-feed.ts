import type { Frame } from '../../frame/frame';
import { Session } from '../../model';
import type { OverlaySummary } from '../shared/summary';
import { Masker } from './masker';
import { AnomalyTally, summarise } from './summarise';

/** At most this many summaries a second reach a page (one every 250 ms). */
export const MIN_SUMMARY_INTERVAL_MS = 250;

export type Schedule = (fn: () => void, ms: number) => () => void;
const defaultSchedule: Schedule = (fn, ms) => {
  const id = setTimeout(fn, ms);
  return () => clearTimeout(id);
};

export interface OverlayFeedOptions {
  /** Called with each summary that differs from the previous one, and its JSON (the size sent). */
  emit(summary: OverlaySummary, json: string): void;
  schedule?: Schedule;
  now?: () => number;
  minIntervalMs?: number;
}

/**
 * One tab's model for its overlay: the same `Session` the panel runs, fed with the tab's frames
 * in the background, so the agent's page never decodes anything. Every frame only marks the feed
 * dirty; a summary is built at most every `minIntervalMs`, and sent only when it differs from the
 * last one sent. A page load (the capture's `navigation` frame) starts the model afresh, as the
 * desktop itself re-reads its tasks after a reload.
 */
export class OverlayFeed {
  private session = new Session();
  private tally = new AnomalyTally();
  private readonly masker = new Masker();
  private live = false;
  private dirty = false;
  private cancel: (() => void) | undefined;
  private lastEmit = -Infinity;
  private lastJson = '';
  private lastSummary: OverlaySummary | undefined;
  private readonly schedule: Schedule;
  private readonly now: () => number;
  private readonly minInterval: number;
  /** Summaries sent and their total size (the benchmark reads them). */
  readonly stats = { frames: 0, summaries: 0, bytes: 0 };

  constructor(private readonly options: OverlayFeedOptions) {
    this.schedule = options.schedule ?? defaultSchedule;
    this.now = options.now ?? Date.now;
    this.minInterval = options.minIntervalMs ?? MIN_SUMMARY_INTERVAL_MS;
  }

  /** The latest summary sent, for an overlay that connects later. */
  get current(): OverlaySummary | undefined {
    return this.lastSummary;
  }

  frames(frames: readonly Frame[]): void {
    for (const frame of frames) {
      if (frame.kind === 'navigation') this.reset();
      try {
        this.session.ingest(frame);
      } catch (error) {
        // The model is tested against hostile input; should it still throw, the overlay keeps
        // what it had rather than the background's whole capture failing with it.
        console.error('wxcc-inspector overlay: frame', frame.seq, error);
      }
    }
    this.stats.frames += frames.length;
    this.markDirty();
  }

  /** The backlog has been read: from now on the feed is live, and shows what it has. */
  backlogDone(): void {
    this.live = true;
    this.markDirty();
  }

  /** The tab's capture was cleared: the overlay starts empty. */
  cleared(): void {
    this.reset();
    this.markDirty();
  }

  close(): void {
    this.cancel?.();
    this.cancel = undefined;
  }

  private reset(): void {
    this.session = new Session();
    this.tally = new AnomalyTally();
  }

  private markDirty(): void {
    this.dirty = true;
    if (!this.live || this.cancel) return;
    const wait = Math.max(0, this.lastEmit + this.minInterval - this.now());
    this.cancel = this.schedule(() => {
      this.cancel = undefined;
      this.flush();
    }, wait);
  }

  private flush(): void {
    if (!this.dirty) return;
    this.dirty = false;
    this.lastEmit = this.now();
    const summary = summarise(this.session, this.masker, this.tally);
    const json = JSON.stringify(summary);
    if (json === this.lastJson) return;
    this.lastJson = json;
    this.lastSummary = summary;
    this.stats.summaries++;
    this.stats.bytes += json.length;
    this.options.emit(summary, json);
  }
}
