import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { disguiseFor } from '../../../src/capture/page/disguise';

// A separate realm, as the page's is: the disguise patches that realm's Function.prototype.
const dom = new JSDOM('<!doctype html>', { runScripts: 'outside-only' });
const win = dom.window as unknown as Window & typeof globalThis & { eval(source: string): unknown };
// Outside an extension nothing is "ours" by origin: name our frames by file and trap name.
const disguise = disguiseFor(win, { isOwnFrame: (line) => line.includes('disguise.ts') || line.includes('ownTrap') });

// Stands in for a native function: defined in the page realm, throws its own error.
const original = win.eval(
  '(function send(data) { if (data === undefined) throw new TypeError("1 argument required"); return data; })',
) as (data?: unknown) => unknown;
const wrapped = disguise.wrap(original, {
  apply: function ownTrap(target, self, args) {
    return Reflect.apply(target, self, args);
  },
});
const pageToString = win.Function.prototype.toString;
/** One call site for both; the test's own lines differ only in line:column, which is dropped. */
const probe = (fn: (data?: unknown) => unknown): string => {
  try {
    fn();
    return 'no error';
  } catch (error) {
    return String((error as Error).stack).replace(/disguise\.test\.ts:\d+:\d+/g, 'disguise.test.ts');
  }
};

describe('the disguise of page-world wrappers', () => {
  it('gives a wrapper the source text, name and length of the function it wraps', () => {
    expect(pageToString.call(wrapped)).toBe(pageToString.call(original));
    expect(wrapped.name).toBe('send');
    expect(wrapped.length).toBe(1);
    expect(wrapped('x')).toBe('x');
  });

  it('keeps Function.prototype.toString looking native, itself included', () => {
    expect(pageToString.call(pageToString)).toBe('function toString() { [native code] }');
    expect(pageToString.name).toBe('toString');
    expect(pageToString.call(win.Array)).toBe('function Array() { [native code] }');
    expect(() => pageToString.call({})).toThrow(win.TypeError);
  });

  it('removes its own frames from a stack thrown through a trap', () => {
    const plain = probe(original);
    const through = probe(wrapped);
    expect(plain).toContain('1 argument required');
    expect(through).not.toMatch(/disguise\.ts|ownTrap|Reflect\.apply/);
    expect(through).toBe(plain);
  });

  it('keeps the page’s stackTraceLimit: as many frames as natively, and the limit restored', () => {
    const depth = (n: number, fn: () => string): string => (n === 0 ? fn() : depth(n - 1, fn));
    const saved = win.Error.stackTraceLimit;
    try {
      win.Error.stackTraceLimit = 4;
      const plain = depth(10, () => probe(original));
      const through = depth(10, () => probe(wrapped));
      expect(plain.split('\n').filter((l) => l.startsWith('    at '))).toHaveLength(4);
      expect(through).toBe(plain);
      expect(win.Error.stackTraceLimit).toBe(4);
    } finally {
      win.Error.stackTraceLimit = saved;
    }
  });

  it('rethrows what the native threw, even when it is not an Error', () => {
    const thrower = disguise.wrap(() => 0, {
      apply: function ownTrap() {
        throw 'a string';
      },
    });
    expect(() => thrower()).toThrow('a string');
  });

  it('is one per window: a second request returns the same disguise and patches nothing twice', () => {
    const before = win.Function.prototype.toString;
    expect(disguiseFor(win)).toBe(disguise);
    expect(win.Function.prototype.toString).toBe(before);
    expect(
      Object.getOwnPropertySymbols(win)
        .map(String)
        .filter((s) => s.includes('wxcc')),
    ).toEqual([]);
  });
});
