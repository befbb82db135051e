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
