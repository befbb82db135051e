import { describe, expect, it } from 'vitest';
import { groupThousands } from '../../../src/ui/format';

describe('groupThousands', () => {
  it('writes integers as en-US does, without a number formatter', () => {
    for (const n of [0, 7, 999, 1000, 12_345, 999_999, 1_000_000, 390_000, 1_234_567_890, -1, -1234, -1_000_000])
      expect(groupThousands(n)).toBe(n.toLocaleString('en-US'));
  });
});
