import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPath } from '../../../src/frame/path';
import { deepEqual, diffSnapshots } from '../../../src/model/field-diff';

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
      { path: 'state', segments: ['state'], op: 'change', from: 'connected', to: 'hold' },
      { path: 'media.m-1.isHold', segments: ['media', 'm-1', 'isHold'], op: 'change', from: false, to: true },
    ]);
  });

  it('reports added and removed keys, and compares arrays as whole values', () => {
    const prev = { a: 1, participants: ['x', 'y'], gone: { deep: true } };
    const next = { a: 1, participants: ['y', 'x'], added: null };
    expect(diffSnapshots(prev, next).changes).toEqual([
      { path: 'participants', segments: ['participants'], op: 'change', from: ['x', 'y'], to: ['y', 'x'] },
      { path: 'added', segments: ['added'], op: 'add', to: null },
      { path: 'gone', segments: ['gone'], op: 'remove', from: { deep: true } },
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

  it('gives each change its path both as segments and written in the one path grammar', () => {
    const prev = { participants: { 'dana.agent@example.com': { hasLeft: false } } };
    const next = { participants: { 'dana.agent@example.com': { hasLeft: true } } };
    const [change] = diffSnapshots(prev, next).changes;
    expect(change!.segments).toEqual(['participants', 'dana.agent@example.com', 'hasLeft']);
    expect(change!.path).toBe(formatPath(change!.segments));
  });

  it('keeps a "__proto__" key from the wire as a field, never as a prototype', () => {
    const prev = JSON.parse('{"a":{"x":1}}') as Record<string, unknown>;
    const next = JSON.parse('{"a":{"x":2},"__proto__":{"polluted":true}}') as Record<string, unknown>;
    const { changes, shared } = diffSnapshots(prev, next);
    expect(changes.map((c) => c.path)).toEqual(['a.x', '__proto__']);
    expect(Object.getPrototypeOf(shared)).toBe(Object.prototype);
    expect(Object.keys(shared as object)).toEqual(['a', '__proto__']);
  });

  it('keeps "__proto__" a field when it changes inside an object whose keys stay as they were', () => {
    const prev = JSON.parse('{"a":1,"__proto__":{"x":1}}') as Record<string, unknown>;
    const next = JSON.parse('{"a":1,"__proto__":{"x":2}}') as Record<string, unknown>;
    const { changes, shared } = diffSnapshots(prev, next);
    expect(changes.map((c) => c.path)).toEqual(['__proto__.x']);
    expect(Object.getPrototypeOf(shared)).toBe(Object.prototype);
    expect(Object.keys(shared as object)).toEqual(['a', '__proto__']);
    expect(Object.getOwnPropertyDescriptor(shared, '__proto__')?.value).toEqual({ x: 2 });
  });

  it('objects with the same keys in the same order: the new values, unchanged ones shared, one change per changed leaf', () => {
    const pairs = fc.dictionary(fc.string(), fc.tuple(fc.jsonValue(), fc.jsonValue(), fc.boolean()), { maxKeys: 20 });
    fc.assert(
      fc.property(pairs, (entries) => {
        // A fresh copy where the two agree: equal values, not the same objects.
        const keys = Object.keys(entries);
        const prev = Object.fromEntries(keys.map((k) => [k, entries[k]![0]]));
        const next = Object.fromEntries(
          keys.map((k) => [k, entries[k]![2] ? structuredClone(entries[k]![0]) : entries[k]![1]]),
        );
        const { changes, shared } = diffSnapshots(prev, next);
        expect(deepEqual(shared, next)).toBe(true);
        expect(Object.keys(shared)).toEqual(keys);
        for (const key of keys) {
          if (deepEqual(prev[key], next[key])) expect((shared as Record<string, unknown>)[key]).toBe(prev[key]);
        }
        expect(changes.length === 0).toBe(deepEqual(prev, next));
        if (changes.length === 0) expect(shared).toBe(prev);
      }),
      { numRuns: 500 },
    );
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
