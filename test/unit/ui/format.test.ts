import { describe, expect, it } from 'vitest';
import { formatSpan, groupThousands } from '../../../src/ui/format';

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
