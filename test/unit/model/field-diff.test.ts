import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepEqual, diffSnapshots, formatPath } from '../../../src/model/field-diff';

const leg = (isHold: boolean) => ({ mediaResourceId: 'm-1', isHold, participants: ['+14155550100', 'agent-1'] });

describe('diffSnapshots', () => {
  it('names each changed field by its dotted path, record keys as segments', () => {
    const prev = {
      state: 'connected',
      media: { 'm-1': leg(false) },
      callProcessingDetails: { recordInProgress: true },
    };
    const next = { state: 'hold', media: { 'm-1': leg(true) }, callProcessingDetails: { recordInProgress: true } };
    const { changes } = diffSnapshots(prev, next);
    expect(changes).toEqual([
      { path: 'state', op: 'change', from: 'connected', to: 'hold' },
      { path: 'media.m-1.isHold', op: 'change', from: false, to: true },
    ]);
  });

  it('reports added and removed keys, and compares arrays as whole values', () => {
    const prev = { a: 1, participants: ['x', 'y'], gone: { deep: true } };
    const next = { a: 1, participants: ['y', 'x'], added: null };
    expect(diffSnapshots(prev, next).changes).toEqual([
      { path: 'participants', op: 'change', from: ['x', 'y'], to: ['y', 'x'] },
      { path: 'added', op: 'add', to: null },
      { path: 'gone', op: 'remove', from: { deep: true } },
    ]);
  });

  it('shares every unchanged subtree with the previous snapshot', () => {
    const prev = { media: { 'm-1': leg(false), 'm-2': leg(false) }, cad: { big: { x: [1, 2, 3] } } };
    const next = structuredClone(prev);
    next.media['m-2'].isHold = true;
    const { shared } = diffSnapshots(prev, next);
    expect(shared).toEqual(next);
    expect(shared.cad).toBe(prev.cad);
    expect(shared.media['m-1']).toBe(prev.media['m-1']);
    expect(shared.media['m-2']).not.toBe(prev.media['m-2']);
    expect(shared.media['m-2'].participants).toBe(prev.media['m-2'].participants);
    // No change at all: the previous snapshot itself.
    expect(diffSnapshots(prev, structuredClone(prev)).shared).toBe(prev);
  });

  it('quotes keys that a dotted path would make ambiguous', () => {
    expect(formatPath(['participants', 'dana.agent@example.com', 'hasLeft'])).toBe(
      'participants["dana.agent@example.com"].hasLeft',
    );
    expect(formatPath(['participants', '+14155550100', 'hasLeft'])).toBe('participants.+14155550100.hasLeft');
    expect(formatPath(['a b', 'c'])).toBe('["a b"].c');
  });

  it('keeps a "__proto__" key from the wire as a field, never as a prototype', () => {
    const prev = JSON.parse('{"a":{"x":1}}') as Record<string, unknown>;
    const next = JSON.parse('{"a":{"x":2},"__proto__":{"polluted":true}}') as Record<string, unknown>;
    const { changes, shared } = diffSnapshots(prev, next);
    expect(changes.map((c) => c.path)).toEqual(['a.x', '__proto__']);
    expect(Object.getPrototypeOf(shared)).toBe(Object.prototype);
    expect(Object.keys(shared as object)).toEqual(['a', '__proto__']);
  });

  it('always yields a snapshot equal to the new one, and no change exactly when they are equal', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        const { changes, shared } = diffSnapshots(a, b);
        expect(deepEqual(shared, b)).toBe(true);
        expect(changes.length === 0).toBe(deepEqual(a, b));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('parsePath', () => {
  it('reads back every path formatPath writes', async () => {
    const { parsePath } = await import('../../../src/model/field-diff');
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 5 }), (segments) => {
        expect(parsePath(formatPath(segments))).toEqual(segments);
      }),
      { numRuns: 1000 },
    );
  });
});
