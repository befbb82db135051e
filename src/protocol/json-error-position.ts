/**
 * Where a JSON text stops being valid JSON. `JSON.parse` says so only in engine-specific prose
 * (V8 sometimes gives "at position N", sometimes only the offending token; Firefox gives line and
 * column), so for the invalid-json finding the position is recomputed here, the same way in
 * every browser and in node. Iterative (an explicit stack), so deep nesting cannot overflow it;
 * it only runs on frames `JSON.parse` already rejected.
 */
export interface JsonErrorLocation {
  /** 0-based UTF-16 offset of the first character that cannot continue valid JSON (text length: it ended too early). */
  position: number;
  line: number;
  column: number;
  reason: string;
}

const IN_ARRAY = 0;
const IN_OBJECT = 1;
type Container = typeof IN_ARRAY | typeof IN_OBJECT;

export function locateJsonError(text: string): JsonErrorLocation | undefined {
  const n = text.length;
  const stack: Container[] = [];
  let i = 0;

  const fail = (reason: string, at = i): JsonErrorLocation => {
    const position = Math.min(at, n);
    let line = 1;
    let lineStart = 0;
    for (let k = 0; k < position; k++) {
      if (text.charCodeAt(k) === 10) {
        line++;
        lineStart = k + 1;
      }
    }
    return {
      position,
      line,
      column: position - lineStart + 1,
      reason: position >= n ? 'unexpected end of input' : reason,
    };
  };
  const skipSpace = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const isDigit = (c: number) => c >= 48 && c <= 57;
  const isHex = (c: number) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

  /** Consumes a string starting at the opening quote; returns an error or undefined. */
  const readString = (): JsonErrorLocation | undefined => {
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return undefined;
      }
      if (c < 32) return fail('control character in string');
      if (c === 92) {
        const e = text.charCodeAt(i + 1);
        if (e === 117) {
          for (let k = 2; k < 6; k++) if (!isHex(text.charCodeAt(i + k))) return fail('bad \\u escape', i + k);
          i += 6;
        } else if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) {
          i += 2;
        } else {
          return fail('bad escape', i + 1);
        }
      } else {
        i++;
      }
    }
    return fail('unterminated string');
  };

  const readNumber = (): JsonErrorLocation | undefined => {
    if (text.charCodeAt(i) === 45) i++;
    if (text.charCodeAt(i) === 48) i++;
    else if (isDigit(text.charCodeAt(i))) while (isDigit(text.charCodeAt(i))) i++;
    else return fail('expected a digit');
    if (text.charCodeAt(i) === 46) {
      i++;
      if (!isDigit(text.charCodeAt(i))) return fail('expected a digit after the decimal point');
      while (isDigit(text.charCodeAt(i))) i++;
    }
    const e = text.charCodeAt(i);
    if (e === 101 || e === 69) {
      i++;
      const sign = text.charCodeAt(i);
      if (sign === 43 || sign === 45) i++;
      if (!isDigit(text.charCodeAt(i))) return fail('expected a digit in the exponent');
      while (isDigit(text.charCodeAt(i))) i++;
    }
    return undefined;
  };

  const readKey = (): JsonErrorLocation | undefined => {
    skipSpace();
    if (text.charCodeAt(i) !== 34) return fail('expected a property name in double quotes');
    const error = readString();
    if (error) return error;
    skipSpace();
    if (text.charCodeAt(i) !== 58) return fail("expected ':' after the property name");
    i++;
    return undefined;
  };

  skipSpace();
  for (;;) {
    // A value starts at i.
    skipSpace();
    const c = text.charCodeAt(i);
    if (c === 123) {
      i++;
      skipSpace();
      if (text.charCodeAt(i) === 125) {
        i++;
      } else {
        stack.push(IN_OBJECT);
        const error = readKey();
        if (error) return error;
        continue;
      }
    } else if (c === 91) {
      i++;
      skipSpace();
      if (text.charCodeAt(i) === 93) {
        i++;
      } else {
        stack.push(IN_ARRAY);
        continue;
      }
    } else if (c === 34) {
      const error = readString();
      if (error) return error;
    } else if (c === 45 || isDigit(c)) {
      const error = readNumber();
      if (error) return error;
    } else {
      const literal = text.startsWith('true', i)
        ? 4
        : text.startsWith('false', i)
          ? 5
          : text.startsWith('null', i)
            ? 4
            : 0;
      if (literal === 0) return fail('unexpected character');
      i += literal;
    }
    // After a value: close containers or move to the next element.
    for (;;) {
      skipSpace();
      const top = stack[stack.length - 1];
      if (top === undefined) {
        return i < n ? fail('unexpected data after the JSON value') : undefined;
      }
      const d = text.charCodeAt(i);
      if (d === 44) {
        i++;
        if (top === IN_OBJECT) {
          const error = readKey();
          if (error) return error;
        }
        break;
      }
      if ((top === IN_OBJECT && d === 125) || (top === IN_ARRAY && d === 93)) {
        i++;
        stack.pop();
        continue;
      }
      return fail(top === IN_OBJECT ? "expected ',' or '}'" : "expected ',' or ']'");
    }
  }
}
