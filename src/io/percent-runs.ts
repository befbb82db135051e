/*
 * Percent- and form-encoded runs of free text (`x=bob%40example.org&y=1`, `Maribel%20Quintero`,
 * `415+555+0128`): a log line, a pasted query or a CRM's message carries customer data encoded as
 * a URL would, outside any URL. The free-text pass (redact-text.ts) decodes each run, redacts what
 * it reads, and writes the result back encoded as the run was, so `x=bob%40example.org&y=1` reads
 * `x=email-1&y=1` and a redacted run is left as it is by a second redaction.
 *
 * Everything here is linear in the text: a run is found from a trigger (`%XX`, or a `+` between
 * two word characters) by scanning outwards to its delimiters, never by a regex that could
 * backtrack over a long run.
 */

/** Where an encoded run may start: a percent escape, or a `+` standing for a space between words. */
const TRIGGER = /%[0-9A-Fa-f]{2}|[A-Za-z0-9]\+[A-Za-z0-9(%]/g;

/**
 * What ends a run: blanks, quotes and angle brackets (text around it), and the separators of a
 * query (`&`, `=`, `?`, `#`, `;`, `/`), which a form keeps raw between its encoded values.
 */
function isDelimiter(c: number): boolean {
  return (
    c <= 32 ||
    c === 34 || // "
    c === 35 || // #
    c === 38 || // &
    c === 39 || // '
    c === 47 || // /
    c === 59 || // ;
    c === 60 || // <
    c === 61 || // =
    c === 62 || // >
    c === 63 || // ?
    c === 0x85 ||
    c === 0xa0 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x3000
  );
}

/** Quick test before looking for runs: most strings have neither `%` nor `+`. */
export function mayBeEncoded(text: string): boolean {
  return text.includes('%') || text.includes('+');
}

/**
 * The [start, end) of every encoded run of `text`, in order, not overlapping. A run with a raw
 * `@` is not one: a form escapes `@`, so `bob+tag@example.com` and `a%0Ab@example.com` are
 * addresses as written (the e-mail pass takes them whole).
 */
export function encodedRuns(text: string): [number, number][] {
  const runs: [number, number][] = [];
  TRIGGER.lastIndex = 0;
  for (let m = TRIGGER.exec(text); m; m = TRIGGER.exec(text)) {
    let at = false;
    let start = m.index;
    for (let c = text.charCodeAt(start - 1); start > 0 && !isDelimiter(c); c = text.charCodeAt(--start - 1))
      if (c === 64) at = true;
    let end = m.index + m[0].length;
    for (let c = text.charCodeAt(end); end < text.length && !isDelimiter(c); c = text.charCodeAt(++end))
      if (c === 64) at = true;
    if (!at) runs.push([start, end]);
    TRIGGER.lastIndex = end;
  }
  return runs;
}

const PERCENT_SEQUENCE = /(?:%[0-9A-Fa-f]{2})+/g;

/**
 * The run decoded as a form value: each sequence of escapes is UTF-8 (a sequence that is not,
 * `%FF`, stays as written: nothing is replaced by U+FFFD), and `+` is a space but at the run's
 * start (`+1+415+555+0128` is a number).
 */
export function decodeRun(run: string): string {
  const spaced = run[0]! + run.slice(1).replace(/\+/g, ' ');
  return spaced.replace(PERCENT_SEQUENCE, (escapes) => {
    try {
      return decodeURIComponent(escapes);
    } catch {
      return escapes;
    }
  });
}

const UNRESERVED = /[A-Za-z0-9\-_.~]/;

/**
 * `decoded` (a redacted decoding of `run`) encoded the way `run` was: a character the run wrote
 * raw stays raw, a space is `+` where the run wrote spaces that way, anything else is escaped.
 * Pseudonyms are unreserved characters, so they read as they are.
 */
export function encodeLike(decoded: string, run: string): string {
  const plusForSpace = run.includes('+') && !run.includes('%20');
  const raw = new Set(run);
  raw.delete('%');
  raw.delete('+');
  raw.delete(' ');
  let out = '';
  for (const c of decoded) {
    if (c === ' ' && plusForSpace) out += '+';
    else if (UNRESERVED.test(c) || raw.has(c)) out += c;
    else out += escaped(c);
  }
  return out;
}

/** A character as percent escapes of its UTF-8; a lone surrogate (which has none) as it is. */
function escaped(c: string): string {
  try {
    return encodeURIComponent(c);
  } catch {
    return c;
  }
}
