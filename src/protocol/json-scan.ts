/*
 * The one JSON tokenizer below both readers of raw JSON text that JSON.parse cannot serve: the
 * redaction, which rewrites strings in place and must keep every other byte (src/io/redact-json.ts),
 * and the locator of where invalid JSON breaks (json-error-position.ts). Each call reads one
 * token from `start` and says where it ends. `strict` checks the grammar (escapes, control
 * characters, the number syntax) and says what is wrong and where; without it the redaction reads
 * leniently (a number by its characters, any escape as two characters) and never fails on what it
 * only has to skip.
 */

/** What could not be read, and the offset that cannot continue valid JSON. */
export interface ScanError {
  error: string;
  at: number;
}

export interface StringToken {
  /** The opening quote. */
  start: number;
  /** Just past the closing quote. */
  end: number;
  /** Whether the string holds a backslash (its value is not its raw text). */
  escaped: boolean;
}

const LENIENT_BODY = /[^"\\]*/y;
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON strings may not hold raw control characters
const STRICT_BODY = /[^"\\\u0000-\u001f]*/y;
const WHITESPACE = /[ \t\n\r]*/y;

export const isScanError = (value: unknown): value is ScanError =>
  typeof value === 'object' && value !== null && 'error' in value;

/** The offset of the first character at or after `i` that is not JSON whitespace. */
export function skipWhitespace(text: string, i: number): number {
  // Compact JSON (the wire's) has none: the regex runs only when there is some.
  if (text.charCodeAt(i) > 32) return i;
  WHITESPACE.lastIndex = i;
  WHITESPACE.test(text);
  return WHITESPACE.lastIndex;
}

const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/** The string whose opening quote is at `start`. */
export function scanString(text: string, start: number, strict: boolean): StringToken | ScanError {
  const n = text.length;
  let escaped = false;
  let i = start + 1;
  for (;;) {
    // Most strings of a frame are ids of a few dozen characters, where a plain loop beats a
    // sticky regex's call; longer stretches go to the regex.
    const limit = Math.min(n, i + 64);
    for (; i < limit; i++) {
      const c = text.charCodeAt(i);
      if (c === 34) return { start, end: i + 1, escaped };
      if (c === 92 || (strict && c < 32)) break;
    }
    if (i >= n) return { error: 'unterminated string', at: n };
    let c = text.charCodeAt(i);
    if (c !== 92 && (c >= 32 || !strict)) {
      const body = strict ? STRICT_BODY : LENIENT_BODY;
      body.lastIndex = i;
      body.test(text);
      i = body.lastIndex;
      if (i >= n) return { error: 'unterminated string', at: n };
      c = text.charCodeAt(i);
      if (c === 34) return { start, end: i + 1, escaped };
    }
    if (c < 32) return { error: 'control character in string', at: i };
    // A backslash.
    escaped = true;
    if (strict) {
      const e = text.charCodeAt(i + 1);
      if (e === 117) {
        for (let k = 2; k < 6; k++) if (!isHex(text.charCodeAt(i + k))) return { error: 'bad \\u escape', at: i + k };
        i += 6;
        continue;
      }
      if (!(e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116))
        return { error: 'bad escape', at: i + 1 };
    }
    i += 2;
  }
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * The end of the number at `start`. Strict: by JSON's grammar. Lenient: by its characters only
 * (digits . e E + -), -1 when it does not start like one: how it is written changes nothing for
 * the redaction, and the model reports a malformed one.
 */
export function scanNumber(text: string, start: number, strict: boolean): number | ScanError {
  let i = start;
  if (!strict) {
    const c = text.charCodeAt(i);
    if (c !== 45 && !isDigit(c)) return { error: 'expected a digit', at: i };
    for (i++; i < text.length; i++) {
      const d = text.charCodeAt(i);
      if (!(isDigit(d) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45)) break;
    }
    return i;
  }
  if (text.charCodeAt(i) === 45) i++;
  if (text.charCodeAt(i) === 48) i++;
  else if (isDigit(text.charCodeAt(i))) while (isDigit(text.charCodeAt(i))) i++;
  else return { error: 'expected a digit', at: i };
  if (text.charCodeAt(i) === 46) {
    i++;
    if (!isDigit(text.charCodeAt(i))) return { error: 'expected a digit after the decimal point', at: i };
    while (isDigit(text.charCodeAt(i))) i++;
  }
  const e = text.charCodeAt(i);
  if (e === 101 || e === 69) {
    i++;
    const sign = text.charCodeAt(i);
    if (sign === 43 || sign === 45) i++;
    if (!isDigit(text.charCodeAt(i))) return { error: 'expected a digit in the exponent', at: i };
    while (isDigit(text.charCodeAt(i))) i++;
  }
  return i;
}

/** The end of `true`, `false` or `null` at `start`, or -1. */
export function scanLiteral(text: string, start: number): number {
  const c = text.charCodeAt(start);
  if (c === 116) return text.startsWith('true', start) ? start + 4 : -1;
  if (c === 102) return text.startsWith('false', start) ? start + 5 : -1;
  if (c === 110) return text.startsWith('null', start) ? start + 4 : -1;
  return -1;
}
