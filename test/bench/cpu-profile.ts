/** A V8 CPU profile as CDP's `Profiler.stop` returns it (the fields the diagnosis aids read). */
export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface Profile {
  nodes: ProfileNode[];
  /** µs, as `timeDeltas`: each sample's distance from the one before it. */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A node's function, file and line, for a report. */
export const nodeName = (n: ProfileNode): string =>
  `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
