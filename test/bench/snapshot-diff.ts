/**
 * The model's snapshot diff (`diffSnapshots`, src/model/field-diff.ts) over the busy-shift mix of
 * the ingest benchmark: every snapshot of every interaction against the one before it, as the
 * session does per event. Baseline in the same run: bare `JSON.parse` of the same snapshots' text,
 * alternately; medians of the repeats. The diff is the model's largest own cost in the analysis
 * worker after `JSON.parse` and GC (issue 14 goal 3).
 */
import { diffSnapshots } from '../../src/model/field-diff';
import { decodeFrame } from '../../src/protocol';
import { capture } from './model-ingest';
import { fmt, median } from './stats';

const FRAMES = Number(process.env.BENCH_DIFF_FRAMES ?? 100_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);

export interface SnapshotDiffResult {
  snapshots: number;
  /** Field changes found in one pass (the same every pass). */
  changes: number;
  diffMicrosPerSnapshot: number;
  parseMicrosPerSnapshot: number;
  ratio: number;
}

export function benchSnapshotDiff(): SnapshotDiffResult {
  const snapshots: { id: string; text: string }[] = [];
  for (const frame of capture(FRAMES)) {
    const decoded = decodeFrame(frame);
    if (decoded.kind === 'event' && decoded.interaction)
      snapshots.push({ id: decoded.interaction.interactionId, text: JSON.stringify(decoded.interaction) });
  }
  const diffMs: number[] = [];
  const parseMs: number[] = [];
  let changes = 0;
  for (let r = 0; r < REPEATS + 1; r++) {
    // Each pass diffs fresh objects, as the session does (a diff shares the previous snapshot's subtrees).
    let t = performance.now();
    const parsed = snapshots.map((s) => JSON.parse(s.text) as unknown);
    const parse = performance.now() - t;
    const latest = new Map<string, unknown>();
    changes = 0;
    t = performance.now();
    for (let i = 0; i < parsed.length; i++) {
      const id = snapshots[i]!.id;
      const diff = diffSnapshots(latest.get(id), parsed[i]);
      changes += diff.changes.length;
      latest.set(id, diff.shared);
    }
    const diff = performance.now() - t;
    if (r > 0) {
      parseMs.push(parse);
      diffMs.push(diff);
    }
  }
  const n = snapshots.length;
  return {
    snapshots: n,
    changes,
    diffMicrosPerSnapshot: (median(diffMs) * 1000) / n,
    parseMicrosPerSnapshot: (median(parseMs) * 1000) / n,
    ratio: median(diffMs) / median(parseMs),
  };
}

export function printSnapshotDiff(r: SnapshotDiffResult): void {
  console.log(
    `\nSnapshot diff: ${r.snapshots} snapshots of the busy-shift mix, ${r.changes} field changes, median of ${REPEATS}`,
  );
  console.log(
    `  diff ${fmt(r.diffMicrosPerSnapshot, 1)} µs per snapshot; JSON.parse of the same ${fmt(r.parseMicrosPerSnapshot, 1)} µs → ${fmt(r.ratio, 2)}× JSON.parse`,
  );
}
