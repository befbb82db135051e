import { isScanError, scanLiteral, scanNumber, scanString, skipWhitespace } from './json-scan';

/**
 * Where a JSON text stops being valid JSON. `JSON.parse` says so only in engine-specific prose
 * (V8 sometimes gives "at position N", sometimes only the offending token; Firefox gives line and
 * column), so for the invalid-json finding the position is recomputed here, the same way in
 * every browser and in node. Iterative (an explicit stack), so deep nesting cannot overflow it;
 * it only runs on frames `JSON.parse` already rejected. Tokens are read by json-scan.ts, the
 * tokenizer the redaction uses too.
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
    i = skipWhitespace(text, i);
  };
  // Strings and numbers by the tokenizer the redaction shares (json-scan.ts), strictly.
  const readString = (): JsonErrorLocation | undefined => {
    const token = scanString(text, i, true);
    if (isScanError(token)) return fail(token.error, token.at);
    i = token.end;
    return undefined;
  };
  const readNumber = (): JsonErrorLocation | undefined => {
    const end = scanNumber(text, i, true);
    if (isScanError(end)) return fail(end.error, end.at);
    i = end;
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
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      const error = readNumber();
      if (error) return error;
    } else {
      const end = scanLiteral(text, i);
      if (end < 0) return fail('unexpected character');
      i = end;
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
