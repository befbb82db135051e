import type { Frame } from '../../frame/frame';
import { Session } from '../../model';
import { DeltaProducer, type SessionDelta } from './session-delta';

/**
 * The messages between the panel (UI thread) and its analysis worker. Every message carries the
 * generation it belongs to: the panel bumps it when the capture is cleared, and drops whatever
 * the worker still sends of an older one (it may be mid-slice when the reset arrives).
 */
export type ToAnalyser =
  /** Frames to analyse, in seq order, after those sent before. */
  | { type: 'frames'; generation: number; frames: Frame[] }
  /** The end of a file: run the end-of-capture checks once every frame sent before is analysed. */
  | { type: 'finish'; generation: number }
  /** Forget everything: a new, empty session of this generation. */
  | { type: 'reset'; generation: number }
  /** The panel let go of frames before `before` (the hub shed them): so do their events' snapshots. */
  | { type: 'release'; generation: number; before: number }
  /** A live capture's clock tick (epoch ms, already behind by the frames' margin): requests may time out. */
  | { type: 'advance'; generation: number; now: number };

export type FromAnalyser =
  /** What changed since the previous delta; `analysed` counts this generation's frames so far. */
  | { type: 'delta'; generation: number; analysed: number; delta: SessionDelta }
  /** The model threw on a frame (it goes on with the next) or the worker itself failed. */
  | { type: 'error'; generation: number; message: string };

/** How long the worker analyses before it sends a delta and reads its messages again (ms). */
export const ANALYSIS_SLICE_MS = 16;
/**
 * At most this many frames' results per delta: the UI thread deserialises and applies each delta
 * in one go, so its size, not the worker's clock, bounds that task (issue 14 goal 3).
 */
export const DELTA_MAX_FRAMES = 512;
/** Errors reported per generation; after that they are only counted in the last message. */
const MAX_ERRORS = 5;

type Work = Frame[] | 'finish' | { release: number };

/**
 * The session model's side of the analysis: owns the `Session`, analyses queued frames in slices
 * of `ANALYSIS_SLICE_MS`, and posts one delta per slice. Pure (the clock, the posting and the
 * yielding are injected), so the same code runs in the worker and in unit tests.
 */
export class Analyser {
  private generation = 0;
  private session = new Session();
  private producer = new DeltaProducer(this.session);
  private work: Work[] = [];
  private at = 0;
  private analysed = 0;
  private errors = 0;
  private queued = false;

  constructor(
    private readonly post: (message: FromAnalyser) => void,
    private readonly defer: (cb: () => void) => void,
    private readonly now: () => number,
  ) {}

  receive(message: ToAnalyser): void {
    if (message.type === 'reset') {
      this.generation = message.generation;
      this.session = new Session();
      this.producer = new DeltaProducer(this.session);
      this.work = [];
      this.at = 0;
      this.analysed = 0;
      this.errors = 0;
      return;
    }
    // Sent before a reset the worker has not read yet: it belongs to nobody.
    if (message.generation !== this.generation) return;
    if (message.type === 'advance') {
      // Only with nothing waiting: a queued frame is older than the tick and comes first.
      if (this.work.length > 0) return;
      let changed = false;
      this.guard(undefined, () => {
        changed = this.session.advanceTo(message.now);
      });
      if (changed) this.postDelta();
      return;
    }
    // In order with the frames sent before it: a release covers every frame the panel had then.
    this.work.push(
      message.type === 'finish' ? 'finish' : message.type === 'release' ? { release: message.before } : message.frames,
    );
    this.schedule();
  }

  private schedule(): void {
    if (this.queued) return;
    this.queued = true;
    this.defer(() => {
      this.queued = false;
      this.slice();
    });
  }

  private slice(): void {
    const start = this.now();
    let did = false;
    while (this.work.length > 0) {
      const item = this.work[0]!;
      did = true;
      if (item === 'finish') {
        this.guard(undefined, () => this.session.finish());
        this.work.shift();
        continue;
      }
      if (!Array.isArray(item)) {
        // What came before the release is sent first: the replica releases at the same point.
        if (this.producer.dirty) this.postDelta();
        // Noted even when it let go of nothing: it moved past events that shared a latest
        // snapshot then (kept for good), and the replica must move past the same ones.
        this.guard(undefined, () => {
          this.session.releaseSnapshotsBefore(item.release);
          this.producer.noteRelease(item.release);
        });
        this.work.shift();
        continue;
      }
      while (this.at < item.length) {
        const frame = item[this.at++]!;
        this.guard(frame, () => this.producer.noteFrame(frame, this.session.ingest(frame)));
        this.analysed++;
        if (this.producer.frames >= DELTA_MAX_FRAMES) this.postDelta();
        if ((this.at & 31) === 0 && this.now() - start > ANALYSIS_SLICE_MS) break;
      }
      if (this.at >= item.length) {
        this.work.shift();
        this.at = 0;
      }
      if (this.now() - start > ANALYSIS_SLICE_MS) break;
    }
    if (did) this.postDelta();
    if (this.work.length > 0) this.schedule();
  }

  private postDelta(): void {
    this.post({ type: 'delta', generation: this.generation, analysed: this.analysed, delta: this.producer.take() });
  }

  /** A frame the model throws on is reported (not silently dropped) and the analysis goes on. */
  private guard(frame: Frame | undefined, run: () => void): void {
    try {
      run();
    } catch (error) {
      this.errors++;
      if (this.errors > MAX_ERRORS) return;
      // What was analysed before it is sent first, so the error shows after those frames.
      if (this.producer.dirty) this.postDelta();
      const where = frame ? `frame #${frame.seq}` : 'the end-of-capture checks or a release';
      const more = this.errors === MAX_ERRORS ? ' (further errors are not reported)' : '';
      this.post({
        type: 'error',
        generation: this.generation,
        message: `the analysis failed on ${where}: ${(error as Error)?.message ?? String(error)}${more}`,
      });
    }
  }
}
