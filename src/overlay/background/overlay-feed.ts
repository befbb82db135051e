import type { Frame } from '../../frame/frame';
import { Session } from '../../model';
import type { OverlaySummary } from '../shared/summary';
import { Masker } from './masker';
import { AnomalyTally, summarise } from './summarise';

/** At most this many summaries a second reach a page (one every 250 ms). */
export const MIN_SUMMARY_INTERVAL_MS = 250;
/**
 * The model works in slices of at most this long, then rests `REST_MS`: at most a tenth of one
 * core. On a machine with two cores a burst of frames decoded flat out would compete with the
 * agent's page for the CPU; sliced, the overlay lags a burst of thousands of frames by seconds
 * instead, while ordinary traffic (a few frames a second) is modelled at once.
 */
export const SLICE_MS = 4;
export const REST_MS = 36;

type Work = readonly Frame[] | 'backlog-done' | 'cleared';

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
  /** Defaults `SLICE_MS` and `REST_MS`. */
  sliceMs?: number;
  restMs?: number;
}

/**
 * One tab's model for its overlay: the same `Session` the panel runs, fed with the tab's frames
 * in the background, so the agent's page never decodes anything. Frames are queued and modelled
 * in short slices (see `SLICE_MS`); a summary is built at most every `minIntervalMs`, and sent only
 * when it differs from the last one sent. A page load (the capture's `navigation` frame) starts the model afresh, as the
 * desktop itself re-reads its tasks after a reload.
 */
export class OverlayFeed {
  private session = new Session();
  private tally = new AnomalyTally();
  private readonly masker = new Masker();
  private live = false;
  private dirty = false;
  private readonly work: Work[] = [];
  /** Frames of `work[0]` already ingested. */
  private workAt = 0;
  private working: (() => void) | undefined;
  private cancel: (() => void) | undefined;
  private lastEmit = -Infinity;
  private lastJson = '';
  private lastSummary: OverlaySummary | undefined;
  private readonly schedule: Schedule;
  private readonly now: () => number;
  private readonly minInterval: number;
  private readonly sliceMs: number;
  private readonly restMs: number;
  /** Summaries sent and their total size (the benchmark reads them). */
  readonly stats = { frames: 0, summaries: 0, bytes: 0 };

  constructor(private readonly options: OverlayFeedOptions) {
    this.schedule = options.schedule ?? defaultSchedule;
    this.now = options.now ?? Date.now;
    this.minInterval = options.minIntervalMs ?? MIN_SUMMARY_INTERVAL_MS;
    this.sliceMs = options.sliceMs ?? SLICE_MS;
    this.restMs = options.restMs ?? REST_MS;
  }

  /** The latest summary sent, for an overlay that connects later. */
  get current(): OverlaySummary | undefined {
    return this.lastSummary;
  }

  /** Frames of the tab, in order; queued here, modelled in slices (the hub is not held up). */
  frames(frames: readonly Frame[]): void {
    this.stats.frames += frames.length;
    this.enqueue(frames);
  }

  /** The backlog has been read: once it is modelled, the feed is live and shows what it has. */
  backlogDone(): void {
    this.enqueue('backlog-done');
  }

  /** The tab's capture was cleared: the overlay starts empty. */
  cleared(): void {
    this.enqueue('cleared');
  }

  close(): void {
    this.cancel?.();
    this.cancel = undefined;
    this.working?.();
    this.working = undefined;
    this.work.length = 0;
  }

  private enqueue(item: Work): void {
    this.work.push(item);
    this.working ??= this.schedule(() => this.runSlice(), 0);
  }

  private runSlice(): void {
    this.working = undefined;
    const deadline = this.now() + this.sliceMs;
    let ingested = false;
    while (this.work.length) {
      const item = this.work[0]!;
      if (item === 'backlog-done') this.live = true;
      else if (item === 'cleared') this.reset();
      else {
        while (this.workAt < item.length) {
          this.ingest(item[this.workAt++]!);
          ingested = true;
          if ((this.workAt & 31) === 0 && this.now() >= deadline) break;
        }
        if (this.workAt < item.length) break;
      }
      this.work.shift();
      this.workAt = 0;
      if (ingested && this.now() >= deadline) break;
    }
    this.markDirty();
    if (this.work.length) this.working = this.schedule(() => this.runSlice(), this.restMs);
  }

  private ingest(frame: Frame): void {
    if (frame.kind === 'navigation') this.reset();
    try {
      this.session.ingest(frame);
    } catch (error) {
      // The model is tested against hostile input; should it still throw, the overlay keeps
      // what it had rather than the background's whole capture failing with it.
      console.error('wxcc-inspector overlay: frame', frame.seq, error);
    }
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
