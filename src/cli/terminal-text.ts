/*
 * Text from a capture printed to a terminal: wire strings are the sender's, and a string with
 * ESC [ … can erase lines, OSC 0 retitle the terminal, OSC 52 write the clipboard, bidi
 * overrides show one thing and mean another, and a newline starts a line the CLI never wrote (a
 * customer number holding "\nAnomalies: 0 errors" forges the summary). Every control character,
 * newline and tab included, is shown as an escape instead (`\n`, `\x1b`, `\u202e`): visible, and
 * inert. The CLI's own line breaks are the only ones: its writers take lines (`printableLines`).
 */

import { BIDI_CONTROLS } from '../frame/visible-text';

// C0, DEL, C1; the bidi embeddings, overrides, isolates and marks; line and paragraph separators.
const CONTROLS = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029${BIDI_CONTROLS}]`, 'g');

/** The escapes a person reads at once; every other control by its code. */
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\t': '\\t' };

const hex = (c: string, width: number) => c.charCodeAt(0).toString(16).padStart(width, '0');

/** Reverse video on and off (SGR 7 / 27): how a terminal sets our escapes apart from wire text. */
const REVERSE = '\x1b[7m';
const REVERSE_OFF = '\x1b[27m';

/**
 * One line of human output: every control character as `\n`, `\t`, `\xNN` or `\uNNNN`. `styled`
 * (a terminal that takes colours, `takes-colour.ts`) draws each escape in reverse video, as the
 * panel draws one in a badge, so a wire string that literally holds `\u202e` or `\n` cannot pass
 * for a control that was there. The reverse video codes are the CLI's own: a wire ESC is itself
 * printed as `\x1b`.
 */
export function printable(text: string, styled = false): string {
  return text.replace(CONTROLS, (c) => {
    const shown = NAMED[c] ?? (c.charCodeAt(0) < 0x100 ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`);
    return styled ? `${REVERSE}${shown}${REVERSE_OFF}` : shown;
  });
}

/** Lines of human output, each made printable, joined by the CLI's own newlines. */
export function printableLines(lines: string | readonly string[], styled = false): string {
  return (typeof lines === 'string' ? [lines] : lines).map((line) => printable(line, styled)).join('\n');
}

/**
 * JSON output: JSON.stringify escapes C0 but leaves C1 and the bidi controls raw, which a terminal
 * still obeys. Each can only sit inside a JSON string, where `\uNNNN` means the same character.
 */
export function printableJson(json: string): string {
  return json.replace(CONTROLS, (c) => `\\u${hex(c, 4)}`);
}
