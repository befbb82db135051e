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

  it('objects with the same keys in the same order, at any depth: one change per changed leaf, every unchanged subtree shared', () => {
    type Tree = { [key: string]: unknown };
    const leaf = fc.oneof(
      fc.string({ maxLength: 3 }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.integer(), { maxLength: 2 }),
    );
    const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
      tree: fc.dictionary(
        fc.constantFrom('a', 'b', '__proto__', '0', 'x y'),
        fc.oneof({ depthSize: 'small' }, leaf, tie('tree')),
        {
          maxKeys: 5,
        },
      ),
    }));
    // Own values only: fast-check may make "__proto__" an own key of an object.
    const own = (object: Tree, key: string): unknown => Object.getOwnPropertyDescriptor(object, key)?.value;
    const isTree = (value: unknown): value is Tree =>
      typeof value === 'object' && value !== null && !Array.isArray(value);
    fc.assert(
      fc.property(tree, fc.array(fc.tuple(fc.boolean(), leaf), { minLength: 1, maxLength: 40 }), (prev, edits) => {
        // The next snapshot: a fresh copy with the same keys in the same order, some leaves replaced.
        let at = 0;
        const expected: string[][] = [];
        const mutate = (from: Tree, path: string[]): Tree => {
          const entries = Object.keys(from).map((key): [string, unknown] => {
            const value = own(from, key);
            if (isTree(value)) return [key, mutate(value, [...path, key])];
            const [replace, other] = edits[at++ % edits.length]!;
            if (!replace) return [key, structuredClone(value)];
            if (!deepEqual(value, other)) expected.push([...path, key]);
            return [key, other];
          });
          return Object.fromEntries(entries);
        };
        const next = mutate(prev, []);
        const { changes, shared } = diffSnapshots(prev, next);
        expect(changes.map((c) => c.segments)).toEqual(expected);
        expect(changes.every((c) => c.op === 'change')).toBe(true);
        expect(deepEqual(shared, next)).toBe(true);
        const sharesUnchanged = (before: Tree, after: Tree, result: Tree): void => {
          if (deepEqual(before, after)) expect(result).toBe(before);
          // A copy is a plain object whatever the keys: "__proto__" stays a key.
          if (result !== before) expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
          expect(Object.keys(result)).toEqual(Object.keys(after));
          for (const key of Object.keys(after)) {
            const [b, a, r] = [own(before, key), own(after, key), own(result, key)];
            if (isTree(b) && isTree(a)) sharesUnchanged(b, a, r as Tree);
            else if (deepEqual(b, a)) expect(r).toBe(b);
          }
        };
        sharesUnchanged(prev, next, shared);
      }),
      { numRuns: 1000 },
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
