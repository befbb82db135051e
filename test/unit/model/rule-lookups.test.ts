import { describe, expect, it } from 'vitest';
import { eventWithSeq, lastOf } from '../../../src/model/rules/rule';
import type { TimelineEvent } from '../../../src/model/timeline';

/*
 * `lastOf` keeps a per-history index from 64 events on and `eventWithSeq` searches by halves:
 * both must answer exactly what a plain search of the history would, as the history grows
 * (asked between pushes, as the rules do), whichever names are asked for.
 */

/** A small seeded generator (mulberry32): the same histories on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['AgentContactHeld', 'AgentContactUnheld', 'ContactEnded', 'AgentWrapup', 'AgentConsulting', 'Other'];
const event = (seq: number, name: string) => ({ seq, name }) as TimelineEvent;

function naiveLast(history: readonly TimelineEvent[], names: readonly string[]): TimelineEvent | undefined {
  for (let i = history.length - 1; i >= 0; i--) if (names.includes(history[i]!.name)) return history[i];
  return undefined;
}

describe('rule look-ups', () => {
  it('lastOf answers as a backward search on growing histories, below and above the index threshold', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const next = random(seed);
      const history: TimelineEvent[] = [];
      const length = Math.floor(next() * 400);
      // Some histories use few names (long runs of one), some all of them.
      const names = NAMES.slice(0, 1 + Math.floor(next() * NAMES.length));
      let seq = 0;
      for (let i = 0; i < length; i++) {
        seq += 1 + Math.floor(next() * 5);
        history.push(event(seq, names[Math.floor(next() * names.length)]!));
        // Asked at most pushes (not all: the index catches up over several new events).
        if (next() < 0.7) {
          const asked = NAMES.filter(() => next() < 0.4);
          expect(lastOf(history, asked)).toBe(naiveLast(history, asked));
        }
      }
      for (const name of [...NAMES, 'Absent']) expect(lastOf(history, [name])).toBe(naiveLast(history, [name]));
      expect(lastOf(history, [])).toBeUndefined();
    }
  });

  it('lastOf keeps one index per history: two histories with the same events answer each for itself', () => {
    const a = Array.from({ length: 100 }, (_, i) => event(i + 1, i === 10 ? 'ContactEnded' : 'Other'));
    const b = a.slice(0, 50);
    expect(lastOf(a, ['ContactEnded'])?.seq).toBe(11);
    expect(lastOf(b, ['ContactEnded'])?.seq).toBe(11);
    a.push(event(101, 'ContactEnded'));
    expect(lastOf(a, ['ContactEnded'])?.seq).toBe(101);
    expect(lastOf(b, ['ContactEnded'])?.seq).toBe(11);
    // A copy (the panel's replica copies timelines) is indexed afresh.
    const copy = [...a];
    expect(lastOf(copy, ['ContactEnded', 'Other'])).toBe(copy.at(-1));
  });

  it('eventWithSeq finds what find() finds in histories in seq order, present or not', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const next = random(seed);
      const history: TimelineEvent[] = [];
      let seq = 0;
      const length = Math.floor(next() * 200);
      for (let i = 0; i < length; i++) history.push(event((seq += 1 + Math.floor(next() * 3)), 'Other'));
      for (let s = 0; s <= seq + 2; s++) expect(eventWithSeq(history, s)).toBe(history.find((e) => e.seq === s));
    }
  });
});
