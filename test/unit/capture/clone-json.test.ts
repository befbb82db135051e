import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cloneJsonNatives,
  cloneToJson,
  cloneToJsonPieces,
  DEFERRED_STRING_UNITS,
  snapshotForJson,
} from '../../../src/capture/page/clone-json';
import { joinJsonPieces } from '../../../src/capture/shared/page-chunk';

const natives = cloneJsonNatives(globalThis as unknown as Window & typeof globalThis);
const json = (value: unknown, max?: number) => JSON.parse(cloneToJson(value, natives, max));

describe('structured-clone data as JSON text (worker messages)', () => {
  it('writes JSON values as JSON.stringify does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        fc.pre(
          !/token|authori[sz]ation|cookie|passw|secret|api[-_]?key|credential|jwt|Bearer /i.test(JSON.stringify(value)),
        );
        expect(cloneToJson(value, natives)).toBe(JSON.stringify(value));
      }),
    );
  });

  it('describes what JSON cannot hold, and never calls a getter', () => {
    let called = false;
    const withGetter = Object.defineProperty({}, 'x', {
      get: () => {
        called = true;
        return 1;
      },
      enumerable: true,
    });
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = cyclic;
    const out = json({
      u: undefined,
      n: Number.NaN,
      big: 12n,
      bytes: new Uint8Array([1, 2, 255]),
      buffer: new ArrayBuffer(2),
      view: new DataView(new ArrayBuffer(1)),
      map: new Map([['k', new Set([1])]]),
      date: new Date(5),
      re: /a+/g,
      error: new TypeError('boom'),
      blob: new Blob(['abc'], { type: 'text/plain' }),
      withGetter,
      cyclic,
      // biome-ignore lint/suspicious/noSparseArray: a hole is one of the values a message can hold.
      list: [undefined, , 3],
    });
    expect(called).toBe(false);
    expect(out).toEqual({
      u: { $type: 'undefined' },
      n: { $type: 'number', value: 'NaN' },
      big: { $type: 'bigint', value: '12' },
      bytes: { $type: 'Uint8Array', length: 3, bytes: '01 02 ff' },
      buffer: { $type: 'ArrayBuffer', length: 2, bytes: '00 00' },
      view: { $type: 'DataView', length: 1, bytes: '00' },
      map: { $type: 'Map', entries: [['k', { $type: 'Set', values: [1] }]] },
      date: { $type: 'Date', value: 5 },
      re: { $type: 'RegExp', value: '/a+/g' },
      error: { $type: 'Error', name: 'TypeError', message: 'boom' },
      blob: { $type: 'Blob', size: 3, type: 'text/plain' },
      withGetter: { x: { $type: 'accessor' } },
      cyclic: { a: 1, self: { $cycle: 1 } },
      list: [{ $type: 'undefined' }, { $type: 'undefined' }, 3],
    });
  });

  it('never records a credential', () => {
    const text = cloneToJson(
      {
        type: 'start',
        data: { accessToken: 'tok-1', Authorization: 'x', nested: { password: 'p' }, note: 'Bearer abc' },
      },
      natives,
    );
    expect(text).not.toMatch(/tok-1|"x"|"p"|abc/);
    expect(JSON.parse(text).data.accessToken).toEqual({ $type: 'redacted' });
  });

  it('caps the size and counts the cut, staying valid JSON', () => {
    const big = { a: 'x'.repeat(5000), b: ['y'.repeat(10), 'z'], c: 1 };
    const out = json(big, 1000);
    expect(out.$cut.chars).toBeGreaterThan(4000);
    expect(out.$cut.values).toBeGreaterThan(0);
    expect(out.value.a.length).toBeLessThan(1000);
    expect(json('short', 1000)).toBe('short');
    const deep = Array.from({ length: 200 }).reduce<unknown>((inner) => [inner], 1);
    expect(() => cloneToJson(deep, natives)).not.toThrow();
    expect(cloneToJson(deep, natives)).toContain('depth-limit');
  });
});

describe('a worker message copied now, written as JSON at hand-off (snapshotForJson)', () => {
  const later = (value: unknown, max?: number) => {
    const snapshot = snapshotForJson(value, natives, max);
    if (!snapshot) throw new Error('refused');
    return () => cloneToJson(snapshot.value, natives, max);
  };

  it('gives the very text cloneToJson gives now, for any JSON-like value, credentials and cuts included', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 10, max: 400 }), (value, max) => {
        expect(later(value)()).toBe(cloneToJson(value, natives));
        // With a small cap it may refuse (the caller then writes the text at once).
        const capped = snapshotForJson(value, natives, max);
        if (capped) expect(cloneToJson(capped.value, natives, max)).toBe(cloneToJson(value, natives, max));
      }),
    );
    const cyclic: Record<string, unknown> = { list: [1, undefined, -0], token: 'x', note: 'Bearer abc' };
    cyclic['self'] = cyclic;
    (cyclic['list'] as unknown[]).push(cyclic);
    // biome-ignore lint/suspicious/noSparseArray: a hole reads as undefined, as the native writer reads it.
    const holes = [1, , 3];
    let deep: unknown = 'bottom';
    for (let i = 0; i < 60; i++) deep = { d: deep };
    for (const value of [cyclic, holes, deep, { ['__proto__']: 1 }, JSON.parse('{"__proto__":{"a":1}}')])
      expect(later(value)()).toBe(cloneToJson(value, natives));
  });

  it('records the message as it was, whatever the page does to it afterwards', () => {
    const message = { type: 'websocket_message_received', data: { message: '{"a":1}', list: [1, 2] } };
    const write = later(message);
    const before = cloneToJson(message, natives);
    message.data.message = 'changed';
    message.data.list.push(3);
    (message as Record<string, unknown>)['added'] = true;
    expect(write()).toBe(before);
  });

  it('refuses what it cannot copy by value (written at once instead), and never calls a getter', () => {
    let called = false;
    const withGetter = Object.defineProperty({}, 'x', {
      get: () => {
        called = true;
        return 1;
      },
      enumerable: true,
    });
    for (const value of [
      { bytes: new Uint8Array([1]) },
      [new Map()],
      { when: new Date(0) },
      withGetter,
      { f: () => 1 },
      { s: Symbol('s') },
      new Error('e'),
    ])
      expect(snapshotForJson(value, natives)).toBeUndefined();
    expect(called).toBe(false);
    // Too big to be worth copying: cloneToJson cuts it at once.
    expect(snapshotForJson(['x'.repeat(200)], natives, 100)).toBeUndefined();
  });

  it('estimates the text length for the queue bounds', () => {
    const message = { data: { message: 'x'.repeat(8192) } };
    const snapshot = snapshotForJson(message, natives)!;
    const text = cloneToJson(message, natives);
    expect(snapshot.units).toBeGreaterThanOrEqual(8192);
    expect(snapshot.units).toBeLessThan(text.length * 1.5);
  });
});

describe('a worker message in pieces, its long strings escaped by the hub (cloneToJsonPieces)', () => {
  /** What the hub makes of the pieces: the body and lengths as the interceptor hands them over. */
  const joined = (value: unknown, max?: number): string => {
    const pieces = cloneToJsonPieces(value, natives, max);
    if (typeof pieces === 'string') return pieces;
    expect(pieces.texts.length).toBe(pieces.strings.length + 1);
    const all = pieces.texts.flatMap((text, i) => (i < pieces.strings.length ? [text, pieces.strings[i]!] : [text]));
    return joinJsonPieces(
      all.join(''),
      0,
      all.map((piece) => piece.length),
    );
  };
  const long = (seed: string) => seed.repeat(Math.ceil(DEFERRED_STRING_UNITS / seed.length) + 1);

  it('gives the very text cloneToJson gives, for any value, long strings, credentials and cuts included', () => {
    const longString = fc
      .string({ unit: 'binary', minLength: 1, maxLength: 8 })
      .map((seed) => seed.repeat(Math.ceil(DEFERRED_STRING_UNITS / seed.length) + 3));
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue(),
        longString,
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, fc.integer({ min: 10, max: 20_000 }), (v, max) => {
        expect(joined(v)).toBe(cloneToJson(v, natives));
        expect(joined(v, max)).toBe(cloneToJson(v, natives, max));
      }),
    );
  });

  it('leaves the long strings unescaped, and never a credential', () => {
    const frame = long('{"data":{"quote":"\\"}}\n');
    const message = {
      type: 'websocket_message_received',
      data: { message: frame },
      token: long('secret'),
      note: `Bearer ${long('x')}`,
    };
    const pieces = cloneToJsonPieces(message, natives);
    if (typeof pieces === 'string') throw new Error('expected pieces');
    expect(pieces.strings).toEqual([frame]);
    expect(pieces.texts.join('')).not.toContain('secret');
    expect(pieces.texts.join('')).not.toContain('Bearer');
    expect(joined(message)).toBe(cloneToJson(message, natives));
  });

  it('writes the exact text when it could be cut, and plain text when nothing is long', () => {
    const big = { message: long('"') };
    // Within the escaped bound it cannot be cut: pieces.
    expect(typeof cloneToJsonPieces(big, natives, 100_000)).toBe('object');
    // Past it the page writes the exact text, cut or not.
    const near = cloneToJsonPieces(big, natives, 4 * DEFERRED_STRING_UNITS);
    expect(near).toBe(cloneToJson(big, natives, 4 * DEFERRED_STRING_UNITS));
    expect(cloneToJsonPieces({ short: 'a"b' }, natives)).toBe('{"short":"a\\"b"}');
  });
});
