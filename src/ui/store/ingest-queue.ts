import type { Frame } from '../../frame/frame';

/** What the queue feeds: the frame log takes frames at once, the analysis one by one in slices. */
export interface IngestSink {
  /**
   * The frames the view takes of those arriving (Preserve log off: from the last page load on;
   * it may clear the view, and so `reset` the queue, to start at that load).
   */
  admit?(frames: Frame[]): Frame[];
  /**
   * Whether frames arriving now are the capture's backlog (a panel opening, before it is live):
   * `admit` takes them whole. Held by a pause, they are marked so, and go on whole after it too.
   */
  inBacklog?(): boolean;
  /** Frames that entered the view, in seq order, before any of them is analysed. */
  append(frames: Frame[]): void;
  /** One frame on its way to the session model. */
  analyse(frame: Frame): void;
  /** The end of a slice: the frames `analyse` took since the previous flush go on together. */
  flush?(): void;
  /** Frames received but not through the model yet, wherever they wait (the repaint throttle reads it). */
  backlog?(): number;
  /** How many more frames `analyse` may take now (unbounded without); at 0 the queue waits for `kick`. */
  room?(): number;
  /**
   * Whether the analysis is near caught up, so the next slice of the frames held while paused
   * may go on (always without); when false, the queue waits for `kick`.
   */
  wantsHeld?(): boolean;
  /** Everything received so far is analysed (a file's end-of-capture checks run here). */
  idle(): void;
  /** Time to repaint: called at most once per animation frame, less often while a backlog is digested. */
  render(): void;
}

/** The clock and the event loop, injected so the queue is pure and unit-testable. */
export interface IngestScheduler {
  /** Milliseconds, monotonic (`performance.now`). */
  now(): number;
  /** Run soon, after the browser had a chance to paint (`setTimeout(cb, 0)`). */
  defer(cb: () => void): void;
  /** Run before the next paint (`requestAnimationFrame`). */
  frame(cb: () => void): void;
  /** Run after `ms` milliseconds (`setTimeout`). */
  later(cb: () => void, ms: number): void;
}

export const browserScheduler: IngestScheduler = {
  now: () => performance.now(),
  defer: (cb) => setTimeout(cb, 0),
  frame: (cb) => requestAnimationFrame(() => cb()),
  later: (cb, ms) => setTimeout(cb, ms),
};

/** How long one slice of analysis may hold the UI thread before it lets the panel paint (ms). */
export const INGEST_SLICE_MS = 8;
/** With more than this many frames waiting, the view repaints every `BACKLOG_RENDER_MS` only. */
export const BACKLOG_FRAMES = 5_000;
export const BACKLOG_RENDER_MS = 150;
/**
 * At most this many frames per slice: what a slice hands on is copied in one go when it is
 * flushed (to the analysis worker), a cost the slice's clock cannot see until it is paid.
 */
export const INGEST_SLICE_FRAMES = 4_096;
/**
 * After a pause, the frames held meanwhile go into the log and the analysis at most this many
 * per task, each slice once the analysis is near caught up (`wantsHeld`): a long pause on a busy
 * tab (or during a reopened panel's fill-in) holds tens of thousands.
 */
export const HELD_SLICE_FRAMES = 2_048;

/**
 * Frames arrive in bursts (a backlog of 100k, or hundreds a second live). The queue hands them to
 * the log at once, feeds the model in time slices of at most `INGEST_SLICE_MS` so the panel stays
 * responsive, holds them while the view is paused (never dropping one) and lets them go on after
 * it in slices (`HELD_SLICE_FRAMES`) at the analysis' pace, and asks for a repaint at most once
 * per animation frame.
 */
export class IngestQueue {
  /** Frames held while paused, from `heldAt` on; after a resume, what arrives queues behind them. */
  private held: Frame[] = [];
  private heldAt = 0;
  private releaseQueued = false;
  /** Held frames that arrived as the backlog (`inBacklog`): never cut by `admit`. */
  private heldBacklog = new WeakSet<Frame>();
  private pending: Frame[] = [];
  private pendingAt = 0;
  private renderQueued = false;
  /** The queued repaint waits for the backlog throttle's timer. */
  private renderThrottled = false;
  private lastRender = Number.NEGATIVE_INFINITY;
  private ingestQueued = false;
  private pausedNow = false;
  /** Bumped by `reset`: a slice scheduled before a reset must not touch what came after. */
  private generation = 0;

  constructor(
    private readonly sink: IngestSink,
    private readonly scheduler: IngestScheduler = browserScheduler,
  ) {}

  get paused(): boolean {
    return this.pausedNow;
  }

  /** Frames received while paused, waiting for resume (or, after it, for their slice). */
  get heldCount(): number {
    return this.held.length - this.heldAt;
  }

  /**
   * Of the frames held, how many come before seq `before` and how many after seq `after` (a
   * paused fill-in's older frames, and those newer than the view): one pass, read only while
   * paused, at the repaint's pace.
   */
  heldOutside(before: number, after: number): { before: number; after: number } {
    const counts = { before: 0, after: 0 };
    for (let i = this.heldAt; i < this.held.length; i++) {
      const seq = this.held[i]!.seq;
      if (seq < before) counts.before++;
      else if (seq > after) counts.after++;
    }
    return counts;
  }

  /** Frames in the log but not yet through the model. */
  get analysing(): number {
    return this.pending.length - this.pendingAt;
  }

  /**
   * Frames from the capture: held while paused (and after it, behind the held frames still to
   * go on), else into the log and the analysis.
   */
  push(frames: Frame[]): void {
    if (this.pausedNow || this.heldCount > 0) {
      const backlog = this.sink.inBacklog?.() ?? false;
      for (const frame of frames) {
        this.held.push(frame);
        if (backlog) this.heldBacklog.add(frame);
      }
      this.queueRender();
      return;
    }
    this.accept(frames);
  }

  pause(): void {
    this.pausedNow = true;
    this.queueRender();
  }

  /**
   * Shows what arrived meanwhile, in order: the first slice now, the next ones each in a task of
   * its own once the analysis is near caught up (never the whole of a long pause in one task).
   */
  resume(): void {
    this.pausedNow = false;
    this.release();
  }

  /**
   * The hub deleted every frame before `firstSeq`: held ones leave too (returned, for the shed
   * marker's count), so a long pause holds no more than the hub's budget. Those already in the
   * log and waiting for the analysis stay: the model reads every frame it was handed.
   */
  shedHeld(firstSeq: number): Frame[] {
    if (this.heldCount === 0) return [];
    const gone: Frame[] = [];
    const kept: Frame[] = [];
    for (let i = this.heldAt; i < this.held.length; i++) {
      const frame = this.held[i]!;
      (frame.seq < firstSeq ? gone : kept).push(frame);
    }
    if (gone.length) {
      this.held = kept;
      this.heldAt = 0;
      this.queueRender();
    }
    return gone;
  }

  /** Forgets everything waiting (the capture was cleared); a pause stays in force. */
  reset(): void {
    this.held = [];
    this.heldAt = 0;
    this.releaseQueued = false;
    this.pending = [];
    this.pendingAt = 0;
    this.generation++;
    this.ingestQueued = false;
    this.queueRender();
  }

  /** Frames straight into the log and the analysis, ignoring a pause (a file being opened). */
  accept(incoming: Frame[]): void {
    const frames = this.admitted(incoming);
    this.sink.append(frames);
    if (this.pendingAt >= this.pending.length) {
      // Adopted, not copied: the arrays handed in (a port message, a file) are not used again.
      this.pending = frames;
      this.pendingAt = 0;
    } else {
      for (const frame of frames) this.pending.push(frame);
    }
    this.queueIngest();
    this.queueRender();
  }

  /**
   * What the view takes of `incoming` (`IngestSink.admit`): the frames held from the backlog are
   * taken whole (before it is live, a page load among them starts nothing), the rest admitted.
   */
  private admitted(incoming: Frame[]): Frame[] {
    if (!this.sink.admit) return incoming;
    let live = 0;
    while (live < incoming.length && this.heldBacklog.has(incoming[live]!)) live++;
    if (live === 0) return this.sink.admit(incoming);
    if (live === incoming.length) return incoming;
    const generation = this.generation;
    const admitted = this.sink.admit(incoming.slice(live));
    // A page load among the live ones: the view starts afresh there, without the backlog before it.
    return this.generation !== generation ? admitted : incoming.slice(0, live).concat(admitted);
  }

  private queueIngest(): void {
    if (this.ingestQueued) return;
    this.ingestQueued = true;
    const generation = this.generation;
    this.scheduler.defer(() => {
      // Not when a slice ran meanwhile (`ingestNow`) and nothing was queued since.
      if (generation === this.generation && this.ingestQueued) this.ingestSlice();
    });
  }

  /**
   * Hands the sink what it has room for now, in this task, rather than in the next slice: a file
   * just opened reaches the analysis before the panel's first repaint and its ingest slices
   * (first render, issue 14 goal 4). Nothing while paused.
   */
  ingestNow(): void {
    if (this.pausedNow || this.pendingAt >= this.pending.length) return;
    this.ingestSlice();
  }

  /** The sink has room again (the analysis caught up): hand it what waits, or the next held slice. */
  kick(): void {
    if (this.pendingAt < this.pending.length) this.queueIngest();
    else this.queueRelease();
  }

  /** The next slice of the held frames into the log and the analysis, if the sink wants it now. */
  private release(): void {
    this.releaseQueued = false;
    if (this.pausedNow || this.heldCount === 0) return;
    if (this.sink.wantsHeld && !this.sink.wantsHeld()) return;
    const from = this.heldAt;
    this.heldAt = Math.min(this.held.length, from + HELD_SLICE_FRAMES);
    const slice = this.held.slice(from, this.heldAt);
    if (this.heldAt >= this.held.length) {
      this.held = [];
      this.heldAt = 0;
    }
    const [rest, restAt, generation] = [this.held, this.heldAt, this.generation];
    this.accept(slice);
    // A page load among them started the view afresh (`admit`, Preserve log off): the frames
    // still held are newer than it, and go on after it.
    if (this.generation !== generation) {
      this.held = rest;
      this.heldAt = restAt;
    }
  }

  private queueRelease(): void {
    if (this.releaseQueued || this.pausedNow || this.heldCount === 0) return;
    this.releaseQueued = true;
    const generation = this.generation;
    this.scheduler.defer(() => {
      if (generation === this.generation && this.releaseQueued) this.release();
    });
  }

  private ingestSlice(): void {
    this.ingestQueued = false;
    const room = this.sink.room ? this.sink.room() : Number.POSITIVE_INFINITY;
    // Full: the frames wait here (they are in the log already) until the sink calls `kick`.
    if (room <= 0) return;
    const start = this.scheduler.now();
    const pending = this.pending;
    const stop = Math.min(pending.length, this.pendingAt + Math.min(INGEST_SLICE_FRAMES, room));
    while (this.pendingAt < stop) {
      this.sink.analyse(pending[this.pendingAt++]!);
      if ((this.pendingAt & 7) !== 0) continue;
      // Flushed in small parts, so the clock sees the copy each flush costs.
      if ((this.pendingAt & 255) === 0) this.sink.flush?.();
      if (this.scheduler.now() - start > INGEST_SLICE_MS) break;
    }
    this.sink.flush?.();
    if (this.pendingAt >= pending.length) {
      this.pending = [];
      this.pendingAt = 0;
      // Held frames still to go on after a pause: the next slice, in a task of its own.
      if (!this.pausedNow && this.heldCount > 0) this.queueRelease();
      else this.sink.idle();
    } else {
      this.queueIngest();
    }
    this.queueRender();
  }

  /**
   * Asks for a repaint (the model's results arrived): throttled like every other, unless
   * `immediate` (the first results of a capture: the reader waits for them).
   */
  requestRender(immediate = false): void {
    if (immediate && this.renderThrottled) {
      this.renderThrottled = false;
      this.scheduler.frame(() => this.sink.render());
      return;
    }
    this.queueRender(immediate);
  }

  private queueRender(immediate = false): void {
    if (this.renderQueued) return;
    this.renderQueued = true;
    const render = () => {
      this.renderQueued = false;
      this.renderThrottled = false;
      this.lastRender = this.scheduler.now();
      this.sink.render();
    };
    // While a large backlog is being analysed, repaint a few times a second rather than every
    // frame: the analysis gets the thread, and the view still shows its progress.
    const wait = this.lastRender + BACKLOG_RENDER_MS - this.scheduler.now();
    const backlog = this.sink.backlog ? this.sink.backlog() : this.analysing;
    if (!immediate && backlog > BACKLOG_FRAMES && wait > 0) {
      this.renderThrottled = true;
      this.scheduler.later(() => this.scheduler.frame(render), wait);
    } else this.scheduler.frame(render);
  }
}
