import type { ReplayPlan, ReplayStep } from './plan';

/**
 * Plays a `ReplayPlan` into whatever notification socket is connected.
 *
 * - `timed`: each step after its captured gap, divided by `speed` (2 = twice as fast).
 * - `step`: nothing moves until `step()` (one click or key in the page); `next` shows what comes.
 * - `request`: timed, but a step that is the result of a request (`awaitsRequest(step)`) waits
 *   until the app under test makes that request (`release`), as the real service would answer it.
 *
 * The cursor belongs to the replay, not to a socket: a drop step closes the socket, and the next
 * connection (the page re-subscribes, as the Desktop does) continues after it. Nothing plays while
 * no socket is connected.
 */
export type ReplayMode = 'timed' | 'step' | 'request';

export const REPLAY_MODES: readonly ReplayMode[] = ['timed', 'step', 'request'];

export interface ReplaySink {
  send(text: string): void;
  drop(code: number, reason: string): void;
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface PlayerOptions {
  readonly mode?: ReplayMode;
  readonly speed?: number;
  readonly timers?: Timers;
  /** In `request` mode: whether this step waits for a request of the app (see `release`). */
  readonly awaitsRequest?: (step: ReplayStep) => boolean;
  /** Told after every change of the cursor, mode or connection (the page polls `state()`). */
  readonly onChange?: () => void;
}

export interface PlayerState {
  readonly mode: ReplayMode;
  readonly speed: number;
  readonly paused: boolean;
  /** Index of the next step to play; `total` when done. */
  readonly cursor: number;
  readonly total: number;
  readonly connected: boolean;
  /** The next step, shown before it is sent (step mode's preview). */
  readonly next: ReplayStep | undefined;
  /** In `request` mode: the next step is a result waiting for the app's request. */
  readonly waitingForRequest: boolean;
  readonly played: number;
}

export class ReplayPlayer {
  private mode: ReplayMode;
  private speed: number;
  private paused = false;
  private cursor = 0;
  private played = 0;
  private sink: ReplaySink | undefined;
  private timer: unknown;
  private readonly timers: Timers;
  private readonly released = new Set<number>();

  constructor(
    private readonly plan: ReplayPlan,
    private readonly options: PlayerOptions = {},
  ) {
    this.mode = options.mode ?? 'timed';
    this.speed = validSpeed(options.speed ?? 1);
    this.timers = options.timers ?? realTimers;
  }

  /** A notification socket connected: playing (re)starts from the cursor. */
  attach(sink: ReplaySink): void {
    this.sink = sink;
    this.schedule();
  }

  /** The socket went away (closed by the page, or by a drop step). */
  detach(sink: ReplaySink): void {
    if (this.sink !== sink) return;
    this.sink = undefined;
    this.cancel();
    this.changed();
  }

  setMode(mode: ReplayMode): void {
    this.mode = mode;
    this.schedule();
  }

  setSpeed(speed: number): void {
    this.speed = validSpeed(speed);
    this.schedule();
  }

  pause(): void {
    this.paused = true;
    this.schedule();
  }

  resume(): void {
    this.paused = false;
    this.schedule();
  }

  /** Sends the next step now, whatever the mode. False when done or no socket is connected. */
  step(): boolean {
    if (!this.sink || this.cursor >= this.plan.steps.length) return false;
    this.playNext();
    return true;
  }

  /** Back to the first step (the page reconnects and sees the capture again from its start). */
  restart(): void {
    this.cursor = 0;
    this.played = 0;
    this.released.clear();
    this.schedule();
  }

  /**
   * The app made a request: the first not-yet-played step for which `matches` holds is released
   * (it plays when the cursor reaches it, immediately if the cursor waits on it). Returns the
   * released step, or undefined when the rest of the capture has no result for this request.
   */
  release(matches: (step: ReplayStep) => boolean): ReplayStep | undefined {
    for (let i = this.cursor; i < this.plan.steps.length; i++) {
      const step = this.plan.steps[i]!;
      if (this.released.has(i) || !this.awaits(step)) continue;
      if (!matches(step)) continue;
      this.released.add(i);
      this.schedule();
      return step;
    }
    return undefined;
  }

  state(): PlayerState {
    const next = this.plan.steps[this.cursor];
    return {
      mode: this.mode,
      speed: this.speed,
      paused: this.paused,
      cursor: this.cursor,
      total: this.plan.steps.length,
      connected: this.sink !== undefined,
      next,
      waitingForRequest: next !== undefined && this.isBlocked(next),
      played: this.played,
    };
  }

  stop(): void {
    this.cancel();
    this.sink = undefined;
  }

  private awaits(step: ReplayStep): boolean {
    return step.kind === 'frame' && (this.options.awaitsRequest?.(step) ?? false);
  }

  private isBlocked(step: ReplayStep): boolean {
    return this.mode === 'request' && this.awaits(step) && !this.released.has(step.index);
  }

  private schedule(): void {
    this.cancel();
    this.changed();
    const step = this.plan.steps[this.cursor];
    if (!this.sink || !step || this.paused || this.mode === 'step' || this.isBlocked(step)) return;
    // A released result answers the app's request: it goes at once, not after the captured gap.
    const wait = this.mode === 'request' && this.released.has(step.index) ? 0 : step.gapMs / this.speed;
    this.timer = this.timers.set(() => {
      this.timer = undefined;
      this.playNext();
    }, wait);
  }

  private playNext(): void {
    const step = this.plan.steps[this.cursor];
    const sink = this.sink;
    if (!step || !sink) return;
    this.cursor++;
    this.played++;
    if (step.kind === 'frame') {
      sink.send(step.text);
      this.schedule();
    } else {
      // The socket closes; playing goes on when the page has reconnected (attach).
      this.sink = undefined;
      this.cancel();
      sink.drop(step.code, step.reason);
      this.changed();
    }
  }

  private cancel(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
  }

  private changed(): void {
    this.options.onChange?.();
  }
}

function validSpeed(speed: number): number {
  return Number.isFinite(speed) && speed > 0 ? Math.min(speed, 1000) : 1;
}
