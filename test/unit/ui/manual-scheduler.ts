import type { IngestScheduler } from '../../../src/ui/store/ingest-queue';

/**
 * A scheduler the test drives by hand: a virtual clock, and queues for deferred work, animation
 * frames and timers that run only when the test says so.
 */
export class ManualScheduler implements IngestScheduler {
  time = 0;
  /** How far the clock moves each time `now()` is read (simulates work taking time). */
  costPerRead = 0;
  deferred: (() => void)[] = [];
  frames: (() => void)[] = [];
  timers: { at: number; cb: () => void }[] = [];

  now(): number {
    const t = this.time;
    this.time += this.costPerRead;
    return t;
  }
  defer(cb: () => void): void {
    this.deferred.push(cb);
  }
  frame(cb: () => void): void {
    this.frames.push(cb);
  }
  later(cb: () => void, ms: number): void {
    this.timers.push({ at: this.time + ms, cb });
  }

  /** Runs one round of deferred work (the slices scheduled so far). */
  runDeferred(): number {
    const run = this.deferred;
    this.deferred = [];
    for (const cb of run) cb();
    return run.length;
  }
  /** Runs the animation-frame callbacks queued so far. */
  paint(): number {
    const run = this.frames;
    this.frames = [];
    for (const cb of run) cb();
    return run.length;
  }
  /** Moves the clock and fires the timers that are due. */
  advance(ms: number): void {
    this.time += ms;
    const due = this.timers.filter((t) => t.at <= this.time);
    this.timers = this.timers.filter((t) => t.at > this.time);
    for (const t of due) t.cb();
  }
  /** Runs everything until nothing is queued: all frames analysed, the view painted. */
  drain(): void {
    for (let i = 0; i < 10_000; i++) {
      if (this.deferred.length) this.runDeferred();
      else if (this.frames.length) this.paint();
      else if (this.timers.length) this.advance(Math.max(0, Math.min(...this.timers.map((t) => t.at)) - this.time));
      else return;
    }
    throw new Error('the queue never settled');
  }
}
