// Replays a scenario's steps onto whichever connection is current. The cursor belongs
// to the agent session, not to a socket: when a "drop" step closes the socket, the
// next connection picks up with the step after the drop, just as the real backend
// keeps going while the desktop reconnects.
import type { DropSpec, Scenario, Step } from './scenario.ts';
import {
  collectIds,
  firstEventTime,
  lastEventTime,
  NO_REWRITE,
  passRewrite,
  rewriteRaw,
  serializeFrame,
  type Rewrite,
} from './rewrite.ts';

export interface Sink {
  send(data: string | Buffer): void;
  drop(spec: DropSpec): void;
}

export interface PlayerOptions {
  speed: number;
  loop: boolean;
  /** Shift epoch-ms fields so each pass starts "now" (and never before the last pass ended). */
  rebaseTime: boolean;
  /** Pause between loop passes, ms at speed 1. */
  loopGapMs?: number;
}

interface Waiter {
  resolve(): void;
  reject(err: Error): void;
}

export class Player {
  private scenario: Scenario;
  private readonly opts: PlayerOptions;
  private cursor = 0;
  private pass = 0;
  private sink: Sink | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Computed when the pass sends its first step, so rebased times start "now". */
  private rewrite: Rewrite | undefined;
  private ids: string[] = [];
  private lastShiftedTime: number | undefined;
  private idleWaiters: Waiter[] = [];
  private finished = false;
  private closed = false;

  constructor(scenario: Scenario, opts: PlayerOptions) {
    this.scenario = scenario;
    this.opts = opts;
    this.startPass(0);
  }

  get name(): string {
    return this.scenario.name;
  }
  get agentId(): string {
    return this.scenario.agentId;
  }
  get api(): Scenario['api'] {
    return this.scenario.api;
  }
  get position(): { pass: number; step: number; of: number } {
    return { pass: this.pass, step: this.cursor, of: this.scenario.steps.length };
  }

  /** Replace the scenario and start again from step 0 (on the current sink, if any). */
  load(scenario: Scenario): void {
    this.clearTimer();
    this.scenario = scenario;
    this.lastShiftedTime = undefined;
    this.startPass(0);
    this.scheduleNext();
  }

  restart(): void {
    this.load(this.scenario);
  }

  /** Make `sink` the connection steps go to; any older one stops receiving steps. */
  attach(sink: Sink): void {
    this.clearTimer();
    this.sink = sink;
    this.scheduleNext();
  }

  detach(sink: Sink): void {
    if (this.sink !== sink) return;
    // The pending step is not lost: it runs, with its full delay, on the next attach.
    this.clearTimer();
    this.sink = undefined;
  }

  onIdle(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('simulator closed'));
    if (this.finished) return Promise.resolve();
    return new Promise((resolve, reject) => this.idleWaiters.push({ resolve, reject }));
  }

  close(): void {
    this.closed = true;
    this.clearTimer();
    this.sink = undefined;
    const waiters = this.idleWaiters.splice(0);
    for (const w of waiters) w.reject(new Error('simulator closed'));
  }

  private startPass(pass: number): void {
    this.pass = pass;
    this.cursor = 0;
    this.finished = false;
    this.rewrite = undefined;
    if (pass === 0) this.ids = collectIds(this.scenario);
  }

  private computeRewrite(): Rewrite {
    let offset = 0;
    if (this.opts.rebaseTime) {
      const first = firstEventTime(this.scenario);
      const last = lastEventTime(this.scenario);
      if (first !== undefined && last !== undefined) {
        offset = Date.now() - first;
        // Keep time monotonic across passes even if a pass scripts more time than it plays.
        if (this.lastShiftedTime !== undefined && first + offset <= this.lastShiftedTime)
          offset = this.lastShiftedTime + 1000 - first;
        this.lastShiftedTime = last + offset;
      }
    }
    return this.pass === 0 && offset === 0 ? NO_REWRITE : passRewrite(this.ids, this.pass, offset);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private scale(ms: number): number {
    return Math.max(0, ms * this.opts.speed);
  }

  private scheduleNext(): void {
    if (this.closed || !this.sink || this.timer !== undefined) return;
    const step = this.scenario.steps[this.cursor];
    if (step === undefined) {
      this.markIdle();
      if (!this.opts.loop) return;
      // A floor on the gap stops speed 0 + loop from spinning the event loop.
      const gap = Math.max(10, this.scale(this.opts.loopGapMs ?? 1000));
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.startPass(this.pass + 1);
        this.scheduleNext();
      }, gap);
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.run(step);
    }, this.scale(step.delay));
  }

  private markIdle(): void {
    if (this.finished) return;
    this.finished = true;
    const waiters = this.idleWaiters.splice(0);
    for (const w of waiters) w.resolve();
  }

  private run(step: Step): void {
    const sink = this.sink;
    if (!sink) return;
    this.cursor++;
    const rw = (this.rewrite ??= this.computeRewrite());
    if (step.frame !== undefined) sink.send(serializeFrame(step.frame, rw));
    else if (step.raw !== undefined) sink.send(rewriteRaw(step.raw, rw));
    else if (step.binaryHex !== undefined) sink.send(Buffer.from(step.binaryHex, 'hex'));
    else if (step.drop !== undefined) {
      // Detach first: the rest of the script belongs to the next connection.
      this.sink = undefined;
      sink.drop(step.drop);
      if (this.cursor >= this.scenario.steps.length) this.markIdle();
      return;
    }
    this.scheduleNext();
  }
}
