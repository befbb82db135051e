import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locateJsonError } from '../../../src/protocol/json-error-position';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1);

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('locateJsonError', () => {
  it.each([
    ['', 0, 'unexpected end of input'],
    ['{', 1, 'unexpected end of input'],
    ['{"a":1,}', 7, 'expected a property name in double quotes'],
    ['[1,2', 4, 'unexpected end of input'],
    ['[1 2]', 3, "expected ',' or ']'"],
    ['{"a" 1}', 5, "expected ':' after the property name"],
    ['{"a":01}', 6, "expected ',' or '}'"],
    ['"abc', 4, 'unexpected end of input'],
    ['"a\\x"', 3, 'bad escape'],
    ['"\\u12G4"', 5, 'bad \\u escape'],
    ['"tab\there"', 4, 'control character in string'],
    ['tru', 0, 'unexpected character'],
    ['{"a":1} x', 8, 'unexpected data after the JSON value'],
    ['-', 1, 'unexpected end of input'],
    ['1.', 2, 'unexpected end of input'],
    ['1e+', 3, 'unexpected end of input'],
    ['\uFEFF{}', 0, 'unexpected character'],
    ['{"a":[1,{"b":nul}]}', 13, 'unexpected character'],
  ])('%j fails at %i (%s)', (text, position, reason) => {
    expect(parses(text)).toBe(false);
    expect(locateJsonError(text)).toMatchObject({ position, reason });
  });

  it('gives 1-based line and column', () => {
    expect(locateJsonError('{\n  "a": 1,\n  "b": ]\n}')).toMatchObject({ line: 3, column: 8 });
  });

  it('agrees with V8 where V8 names a position', () => {
    for (const text of ['{"a":1,}', '[1 2]', '{"a" 1}', '{"type":"x",\n"data":{"type":"y",}}']) {
      let message = '';
      try {
        JSON.parse(text);
      } catch (error) {
        message = (error as Error).message;
      }
      const v8 = /position (\d+)/.exec(message);
      if (v8) expect(locateJsonError(text)?.position, text).toBe(Number(v8[1]));
    }
  });

  it('finds nothing wrong in valid JSON, deep nesting included, without recursing', () => {
    expect(locateJsonError('[1, {"a": [true, false, null, -0.5e-3, "\\u00e9\\n"]}]')).toBeUndefined();
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(locateJsonError(deep)).toBeUndefined();
    expect(locateJsonError(`${'['.repeat(200_000)}${']'.repeat(199_999)}`)?.position).toBe(399_999);
  });

  it('reports an error exactly when JSON.parse throws', () => {
    const jsonish = fc.string({ unit: fc.constantFrom(...'{}[]",:0123456789-+.eEtrufalsn \\/u\n'), maxLength: 40 });
    fc.assert(
      fc.property(fc.oneof(jsonish, fc.json(), fc.string({ unit: 'binary', maxLength: 20 })), (text) => {
        const location = locateJsonError(text);
        expect(location === undefined, text).toBe(parses(text));
        if (location) expect(location.position).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 3000 * RUNS },
    );
  });

  it('puts the error of a truncated document at or before the cut', () => {
    fc.assert(
      fc.property(
        fc.json({ depthSize: 'medium' }).filter((t) => t.length > 1),
        fc.nat(),
        (text, n) => {
          const cut = n % text.length;
          const truncated = text.slice(0, cut);
          if (parses(truncated)) return; // "123" cut to "12" is still JSON
          expect(locateJsonError(truncated)?.position).toBeLessThanOrEqual(cut);
        },
      ),
      { numRuns: 1000 * RUNS },
    );
  });
});
