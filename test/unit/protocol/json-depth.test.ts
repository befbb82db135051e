import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, tooDeep } from '../../../src/protocol/json-depth';

/** `levels` containers nested in one another, alternating objects and arrays, beside leaves. */
function nested(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let i = levels; i > 0; i--) value = i % 2 ? { side: 1, k: value } : [0, value, 'z'];
  return value;
}

describe('tooDeep', () => {
  it('finds the first container at the limit, and says where', () => {
    expect(tooDeep(nested(MAX_JSON_DEPTH))).toBeUndefined();
    const path = tooDeep(nested(MAX_JSON_DEPTH + 1));
    expect(path).toBe(
      Array.from({ length: MAX_JSON_DEPTH }, (_, i) => (i % 2 ? '[1]' : '.k'))
        .join('')
        .slice(1),
    );
    expect(tooDeep({ a: [[[]]] }, 3)).toBe('a[0][0]');
    expect(tooDeep({ a: [[[]]] }, 4)).toBeUndefined();
    for (const leaf of [null, 1, 'x', true, undefined]) expect(tooDeep(leaf)).toBeUndefined();
    // Limits of 0 or below, fractional or infinite, answer as the walk always did.
    expect(tooDeep({ a: { b: {} } }, 0)).toBe('');
    expect(tooDeep({ a: { b: {} } }, -1)).toBe('');
    expect(tooDeep({ a: { b: {} } }, 1.5)).toBe('a.b');
    expect(
      tooDeep(JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), Number.POSITIVE_INFINITY),
    ).toBeUndefined();
  });

  it('reads hostile depths without a stack overflow', () => {
    const text = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(tooDeep(JSON.parse(text))).toBe('[0]'.repeat(MAX_JSON_DEPTH));
  });

  it('answers as a plain walk of every container would, and names the first container it finds at the limit', () => {
    const depthOf = (value: unknown): number =>
      typeof value === 'object' && value !== null ? 1 + Math.max(0, ...Object.values(value).map(depthOf)) : 0;
    const at = (value: unknown, path: string): unknown => {
      for (const step of path.match(/[^.[\]]+/g) ?? []) value = (value as Record<string, unknown>)[step];
      return value;
    };
    // Keys JSON.parse makes own properties of, whatever they mean elsewhere, and holes.
    const key = fc.constantFrom('a', 'b', '__proto__', 'constructor', '');
    const tree = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom(1, 'x', null),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.sparseArray(tie('node'), { maxLength: 3 }),
        fc.dictionary(key, tie('node'), { maxKeys: 3 }),
      ),
    })).node;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 1, max: 9 }), (value, limit) => {
        // The deepest container sits at depth depthOf - 1.
        expect(tooDeep(value, limit) !== undefined).toBe(depthOf(value) - 1 >= limit);
      }),
    );
    fc.assert(
      fc.property(tree, fc.integer({ min: 1, max: 9 }), (value, limit) => {
        const path = tooDeep(value, limit);
        expect(path !== undefined).toBe(depthOf(value) - 1 >= limit);
        // A path names an empty key by nothing: it cannot be followed back.
        if (path === undefined || JSON.stringify(value).includes('"":')) return;
        const found = at(value, path);
        expect(typeof found === 'object' && found !== null).toBe(true);
      }),
    );
  });
});
