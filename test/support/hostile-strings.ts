/**
 * Strings that make a regex with nested or overlapping quantifiers backtrack without end: the
 * redaction's ReDoS guard. The unit test checks what redaction makes of them; the `redact`
 * benchmark times them (a time limit in a unit test flakes on a busy machine).
 */
export const HOSTILE_STRINGS: [string, string][] = [
  ['"1 " × 50,000', '1 '.repeat(50_000)],
  ['"1-" × 50,000', '1-'.repeat(50_000)],
  ['"(" + 1 × 100,000', `(${'1'.repeat(100_000)}`],
  ['"+1 " × 30,000', '+1 '.repeat(30_000)],
  ['"a@" × 50,000', 'a@'.repeat(50_000)],
  ['"a." × 50,000 + "@b"', `${'a.'.repeat(50_000)}@b`],
  ['"eyJ" + "a." × 50,000', `eyJ${'a.'.repeat(50_000)}`],
  // An encoded run (src/io/percent-runs.ts) is found from its trigger outwards, not by backtracking.
  ['"a" × 100,000 + "+"', `${'a'.repeat(100_000)}+`],
  ['"a+" × 50,000', 'a+'.repeat(50_000)],
  ['"%41" × 50,000', '%41'.repeat(50_000)],
  ['"%25" × 50,000 + "%"', `${'%25'.repeat(50_000)}%`],
  // A secret's context matched backwards from every position (a lookbehind) is quadratic here.
  ['"Bearer" + 200,000 blanks', `Bearer${' '.repeat(200_000)}`],
  ['"Cookie:" + 100,000 tabs', `Cookie:${'\t'.repeat(100_000)}`],
  // After Bearer, separators that JSON escapes (a tab is `\t` in the text) or that a token cannot hold.
  ['"x Bearer" + 100,000 tabs', `x Bearer${'\t'.repeat(100_000)}`],
  ['"x Bearer" + 100,000 colons', `x Bearer${':'.repeat(100_000)}`],
];
