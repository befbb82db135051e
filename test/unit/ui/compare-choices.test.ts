import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../../src/model';
import { COMPARE_AROUND, type CompareChoice, compareChoices } from '../../../src/ui/store/compare-choices';

/** `count` events, seq 1…count; every 10th holds no snapshot. */
function timeline(count: number): TimelineEvent[] {
  return Array.from(
    { length: count },
    (_, i) => ({ seq: i + 1, name: `E${i + 1}`, snapshot: (i + 1) % 10 ? {} : undefined }) as unknown as TimelineEvent,
  );
}
const holds = (e: TimelineEvent) => e.snapshot !== undefined;
/** The choices as text: seqs, and "-N" for N left out. */
const shape = (choices: CompareChoice[]) => choices.map((c) => ('omitted' in c ? -c.omitted : c.event.seq));

describe('compareChoices ("compare with…")', () => {
  it('offers every other event with a snapshot of a short timeline, in its order', () => {
    const events = timeline(30);
    const choices = shape(compareChoices(events, events[4]!, undefined, holds));
    expect(choices).toEqual(events.filter((e) => e.seq !== 5 && holds(e)).map((e) => e.seq));
  });

  it('offers the first, the nearest on each side, the last and the one picked of a long timeline, and counts the rest', () => {
    const events = timeline(5_000);
    const offered = events.filter((e) => holds(e) && e.seq !== 2_500);
    const choices = compareChoices(events, events[2_499]!, 4_001, holds);
    const seqs = choices.flatMap((c) => ('event' in c ? [c.event.seq] : []));
    const omitted = choices.reduce((sum, c) => sum + ('omitted' in c ? c.omitted : 0), 0);
    // Nothing offered twice, nothing lost: what is listed and what is counted make them all.
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs.length + omitted).toBe(offered.length);
    expect(seqs[0]).toBe(1);
    expect(seqs.at(-1)).toBe(4_999);
    expect(seqs).toContain(4_001);
    const before = offered
      .filter((e) => e.seq < 2_500)
      .slice(-COMPARE_AROUND)
      .map((e) => e.seq);
    const after = offered
      .filter((e) => e.seq > 2_500)
      .slice(0, COMPARE_AROUND)
      .map((e) => e.seq);
    for (const seq of [...before, ...after]) expect(seqs).toContain(seq);
    expect(seqs.length).toBe(2 * COMPARE_AROUND + 3);
    // In timeline order, a count between each run.
    // first · window · the one picked · last: three counts between them.
    expect(shape(choices).filter((x) => x < 0)).toHaveLength(3);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('at either end of a long timeline: the nearest on the one side it has, and no empty count', () => {
    const events = timeline(1_000);
    const first = shape(compareChoices(events, events[0]!, undefined, holds));
    expect(first.slice(0, COMPARE_AROUND)).toEqual(
      events
        .filter((e) => holds(e) && e.seq !== 1)
        .slice(0, COMPARE_AROUND)
        .map((e) => e.seq),
    );
    expect(first.at(-1)).toBe(999);
    expect(first.filter((x) => x <= 0)).toHaveLength(1);
    const last = shape(compareChoices(events, events.at(-1)!, undefined, holds));
    expect(last[0]).toBe(1);
    expect(last.filter((x) => x <= 0)).toHaveLength(1);
    expect(last.at(-1)).toBe(999);
  });

  it('never leaves out one event alone: just past the limit every event is listed', () => {
    const events = Array.from(
      { length: 204 },
      (_, i) => ({ seq: i + 1, name: `E${i + 1}`, snapshot: {} }) as unknown as TimelineEvent,
    );
    const choices = shape(compareChoices(events, events[101]!, undefined, () => true));
    expect(choices).toEqual(events.filter((e) => e.seq !== 102).map((e) => e.seq));
  });
});
