import type { TimelineEvent } from '../../model';

/** A "compare with…" choice: an event, or how many (at least 2) events holding a snapshot are not offered in a row. */
export type CompareChoice = { event: TimelineEvent } | { omitted: number };

/** Events "compare with…" offers on each side of the selected one, besides the timeline's first and last. */
export const COMPARE_AROUND = 100;

/**
 * What "compare with…" offers for the selected event: the timeline's other events that hold a
 * snapshot, in timeline order. All of them when they are few; else the first, the COMPARE_AROUND
 * nearest before and after the selected event, the last, and the one picked (`againstSeq`),
 * with how many are left out between. A select of every event of an interaction of 40,000 was
 * of no use to pick from, and cost a layout of all its options at each repaint while a file
 * was analysed (4,000 elements and growing, 20–100 ms a layout, on the import bench's HAR).
 */
export function compareChoices(
  events: readonly TimelineEvent[],
  selected: TimelineEvent,
  againstSeq: number | undefined,
  holdsSnapshot: (event: TimelineEvent) => boolean,
): CompareChoice[] {
  const offered: TimelineEvent[] = [];
  let split = -1;
  for (const event of events) {
    if (event === selected) split = offered.length;
    else if (holdsSnapshot(event)) offered.push(event);
  }
  if (offered.length <= 2 * COMPARE_AROUND + 2) return offered.map((event) => ({ event }));
  if (split < 0) split = offered.length;
  const from = Math.max(0, split - COMPARE_AROUND);
  const to = Math.min(offered.length, split + COMPARE_AROUND);
  const kept = (i: number) =>
    i === 0 || i === offered.length - 1 || (i >= from && i < to) || offered[i]!.seq === againstSeq;
  const choices: CompareChoice[] = [];
  let run = 0;
  offered.forEach((event, i) => {
    if (!kept(i)) {
      run++;
      return;
    }
    // One event left out alone would only trade its line for a line saying so.
    if (run === 1) choices.push({ event: offered[i - 1]! });
    else if (run > 1) choices.push({ omitted: run });
    run = 0;
    choices.push({ event });
  });
  return choices;
}
