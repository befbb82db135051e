import { describe, expect, it } from 'vitest';
import { formatElapsed, formatSpan, groupThousands } from '../../../src/ui/format';

describe('groupThousands', () => {
  it('writes integers as en-US does, without a number formatter', () => {
    for (const n of [0, 7, 999, 1000, 12_345, 999_999, 1_000_000, 390_000, 1_234_567_890, -1, -1234, -1_000_000])
      expect(groupThousands(n)).toBe(n.toLocaleString('en-US'));
  });
});

describe('formatSpan', () => {
  it("says a view under a second in ms, not as formatDuration's 0:00", () => {
    expect(formatSpan(10)).toBe('10 ms');
    expect(formatSpan(0.25)).toBe('0.25 ms');
    expect(formatSpan(999.4)).toBe('999 ms');
    expect(formatSpan(10.000000001)).toBe('10 ms');
    expect(formatSpan(9.99976)).toBe('10 ms');
    expect(formatSpan(1000)).toBe('0:01');
    expect(formatSpan(65_000)).toBe('1:05');
  });
});

describe('formatElapsed', () => {
  it('says seconds up to two minutes, then minutes, hours and minutes, days', () => {
    expect(formatElapsed(15_400)).toBe('15 s');
    expect(formatElapsed(119_999)).toBe('119 s');
    expect(formatElapsed(120_000)).toBe('2 min');
    expect(formatElapsed(14 * 60_000 + 20_000)).toBe('14 min');
    expect(formatElapsed(119 * 60_000)).toBe('119 min');
    expect(formatElapsed(3 * 3_600_000 + 12 * 60_000)).toBe('3 h 12 min');
    expect(formatElapsed(5 * 3_600_000)).toBe('5 h');
    expect(formatElapsed(4 * 86_400_000 + 5_000)).toBe('4 days');
  });

  it('never goes below zero (a page clock ahead of the hub)', () => {
    expect(formatElapsed(-2_000)).toBe('0 s');
  });
});
