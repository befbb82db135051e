import { fmt } from './stats';

/** The parts of a PerformanceLongAnimationFrameTiming entry (Chromium's LoAF) the benches read. */
export interface LoafEntry {
  startTime: number;
  duration: number;
  renderStart: number;
  styleAndLayoutStart: number;
  blockingDuration: number;
  scripts: {
    invoker: string;
    invokerType: string;
    sourceFunctionName: string;
    sourceCharPosition: number;
    duration: number;
    forcedStyleAndLayoutDuration: number;
    startTime: number;
  }[];
}

/** One long animation frame (> 50 ms) and where its time went, ms. */
export interface LongFrame {
  startMs: number;
  durationMs: number;
  /** Of it, the time its tasks blocked the thread beyond 50 ms each (LoAF's blockingDuration). */
  blockingMs: number;
  /** From the frame's rendering start (rAF callbacks, then style and layout) to its end. */
  renderMs: number;
  /** Style and layout of the frame's rendering (forced layouts inside scripts not counted). */
  styleAndLayoutMs: number;
  /** The scripts that ran in it: invoker type and invoker (and function, when named), their time. */
  scripts: { what: string; ms: number; forcedLayoutMs: number }[];
}

/** A long frame in one line: its scripts (longest first), then its rendering. */
export function describeFrame(f: LongFrame): string {
  const scripts = [...f.scripts]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 4)
    .map(
      (s) => `${s.what} ${fmt(s.ms, 0)}${s.forcedLayoutMs >= 1 ? ` (forced layout ${fmt(s.forcedLayoutMs, 0)})` : ''}`,
    );
  return `${fmt(f.durationMs, 0)} ms at ${fmt(f.startMs, 0)} ms (blocking ${fmt(f.blockingMs, 0)} ms): ${scripts.join(', ') || 'no script named (LoAF names none on our extension pages)'}; rendering ${fmt(f.renderMs, 0)} ms, of it style+layout ${fmt(f.styleAndLayoutMs, 0)} ms`;
}

/** A LoAF entry as the benches report it; `sinceMs` is subtracted from its start (a load's time). */
export function longFrameOf(e: LoafEntry, sinceMs = 0): LongFrame {
  const end = e.startTime + e.duration;
  return {
    startMs: e.startTime - sinceMs,
    durationMs: e.duration,
    blockingMs: e.blockingDuration,
    styleAndLayoutMs: e.styleAndLayoutStart ? end - e.styleAndLayoutStart : 0,
    renderMs: e.renderStart ? end - e.renderStart : 0,
    scripts: e.scripts.map((s) => ({
      what: `${s.invokerType} ${s.invoker}${s.sourceFunctionName ? ` ${s.sourceFunctionName}` : ''}`,
      ms: s.duration,
      forcedLayoutMs: s.forcedStyleAndLayoutDuration,
    })),
  };
}
