/*
 * Unicode's bidirectional controls reorder what a line says: U+202E in an agent's idle reason
 * shows "evil" as "live" (the "Trojan Source" trick). Every view of wire text draws them as
 * escapes instead (`\u202e`), visible and inert: the panel, the viewer and the overlay through
 * src/ui/visible-controls.ts, the replay page directly. Copies and exports keep the text as received.
 */

/**
 * The bidi controls as the inside of a regex character class: the Arabic letter mark, LRM/RLM,
 * the embeddings and overrides, the isolates. Also what the CLI escapes (src/cli/terminal-text.ts).
 */
export const BIDI_CONTROLS = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
const BIDI = new RegExp(`[${BIDI_CONTROLS}]`);
const BIDI_ALL = new RegExp(BIDI.source, 'g');

/** `text` with every bidi control as a visible escape (`\u202e`). */
export function showBidiControls(text: string): string {
  if (!BIDI.test(text)) return text;
  return text.replace(BIDI_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
