import type { Frame } from '../../frame/frame';
import { Session } from '../../model';
import { type PackedPayloads, restorePayloads } from '../payload-pack';
import { DeltaProducer, type SessionDelta } from './session-delta';

/**
 * The messages between the panel (UI thread) and its analysis worker. Every message carries the
 * generation it belongs to: the panel bumps it when the capture is cleared, and drops whatever
 * the worker still sends of an older one (it may be mid-slice when the reset arrives).
 */
export type ToAnalyser =
  /** Frames to analyse, in seq order, after those sent before. */
  | { type: 'frames'; generation: number; frames: Frame[] }
  /**
   * A file's frames come over `port`, straight from the viewer's import worker (`FilePart`s, in
   * order), not through the panel's thread; `file-frames` says when to analyse them. Taken by the
   * wiring (`analyserInbox`), which closes the port at the next reset or file.
   */
  | { type: 'file-parts'; generation: number; port: MessagePort }
  /** The next `count` frames of the file's parts, after everything sent before. */
  | { type: 'file-frames'; generation: number; count: number }
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

/** One part of a file as its import worker posts it: frames without payloads, which come packed (payload-pack.ts). */
export interface FilePart {
  frames: Frame[];
  payloads: PackedPayloads;
}

/** `left` frames still to take from the file's parts. */
type FromParts = { fromParts: true; left: number };
type Work = Frame[] | FromParts | 'finish' | { release: number };

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
  /** A file's parts received and not yet all analysed (`receivePart`), the next frame at `partAt` of the first. */
  private parts: Frame[][] = [];
  private partAt = 0;
  /**
   * Called as each part of the file is done with (its last frame taken): the wiring answers its
   * import worker, which then sends the next (`analyserInbox`).
   */
  onPartTaken: () => void = () => {};
  private analysed = 0;
  private errors = 0;
  private queued = false;

  constructor(
    private readonly post: (message: FromAnalyser) => void,
    private readonly defer: (cb: () => void) => void,
    private readonly now: () => number,
  ) {}

  receive(message: Exclude<ToAnalyser, { type: 'file-parts' }>): void {
    if (message.type === 'reset') {
      this.generation = message.generation;
      this.session = new Session();
      this.producer = new DeltaProducer(this.session);
      this.work = [];
      this.at = 0;
      this.parts = [];
      this.partAt = 0;
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
      message.type === 'finish'
        ? 'finish'
        : message.type === 'release'
          ? { release: message.before }
          : message.type === 'file-frames'
            ? { fromParts: true, left: message.count }
            : message.frames,
    );
    this.schedule();
  }

  /**
   * The next part of the file of `generation` (`file-parts`), its payloads restored here. Throws
   * when they do not fit its frames (never expected of our import worker): the worker then fails
   * and the panel says the analysis stopped, rather than waiting for frames that never come.
   */
  receivePart(generation: number, part: FilePart): void {
    if (generation !== this.generation) return;
    restorePayloads(part.frames, part.payloads);
    if (part.frames.length === 0) {
      this.onPartTaken();
      return;
    }
    this.parts.push(part.frames);
    // Analysis waiting for these frames goes on.
    if (this.work.length > 0) this.schedule();
  }

  /** The next frame of `item`; undefined when it has none left, or when the part it is in has not come yet. */
  private take(item: Frame[] | FromParts): Frame | undefined {
    if (Array.isArray(item)) return this.at < item.length ? item[this.at++] : undefined;
    const part = this.parts[0];
    if (item.left === 0 || !part) return undefined;
    item.left--;
    const frame = part[this.partAt++]!;
    if (this.partAt === part.length) {
      this.parts.shift();
      this.partAt = 0;
      this.onPartTaken();
    }
    return frame;
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
    // The frames to analyse next are in a part of the file still on its way: `receivePart` goes on.
    let starved = false;
    while (this.work.length > 0) {
      const item = this.work[0]!;
      if (item === 'finish') {
        did = true;
        this.guard(undefined, () => this.session.finish());
        this.work.shift();
        continue;
      }
      if ('release' in item) {
        did = true;
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
      let taken = 0;
      let frame: Frame | undefined;
      while ((frame = this.take(item)) !== undefined) {
        const analysing = frame;
        this.guard(analysing, () => this.producer.noteFrame(analysing, this.session.ingest(analysing)));
        this.analysed++;
        if (this.producer.frames >= DELTA_MAX_FRAMES) this.postDelta();
        if ((++taken & 31) === 0 && this.now() - start > ANALYSIS_SLICE_MS) break;
      }
      if (taken > 0) did = true;
      if (Array.isArray(item) ? this.at >= item.length : item.left === 0) {
        this.work.shift();
        this.at = 0;
      } else if (frame === undefined) {
        starved = true;
        break;
      }
      if (this.now() - start > ANALYSIS_SLICE_MS) break;
    }
    if (did) this.postDelta();
    if (this.work.length > 0 && !starved) this.schedule();
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
