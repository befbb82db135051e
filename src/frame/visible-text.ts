/*
 * Unicode's bidirectional controls reorder what a line says: U+202E in an agent's idle reason
 * shows "evil" as "live" (the "Trojan Source" trick). Every view of wire text draws them as
 * escapes instead (`\u202e`), visible and inert: the panel, the viewer and the overlay through
 * src/ui/visible-controls.ts, the replay page directly. Drawn as text, the escape is set apart (a
 * boxed badge, `BIDI_ESCAPE_CLASS`, titled `bidiControlTitle`): a wire string that literally holds
 * the six characters `\u202e` must not read as a control that was there. An attribute (a tooltip,
 * an accessible name) cannot hold a badge: there a control reads `⟦U+202E RLO⟧`, and a literal
 * `⟦` in the text reads `⟦U+27E6 bracket⟧`, so every `⟦` there is one the inspector wrote
 * (`notateBidiControls`). Copies and exports keep the text as received.
 */

/**
 * The bidi controls as the inside of a regex character class: the Arabic letter mark, LRM/RLM,
 * the embeddings and overrides, the isolates. Also what the CLI escapes (src/cli/terminal-text.ts).
 */
export const BIDI_CONTROLS = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
const BIDI = new RegExp(`[${BIDI_CONTROLS}]`);
const BIDI_ALL = new RegExp(BIDI.source, 'g');

/** Each control's name and abbreviation (Unicode's), for the escape's tooltip and an attribute's notation. */
const NAMES: Readonly<Record<number, readonly [name: string, abbreviation: string]>> = {
  1564: ['Arabic letter mark', 'ALM'],
  8206: ['left-to-right mark', 'LRM'],
  8207: ['right-to-left mark', 'RLM'],
  8234: ['left-to-right embedding', 'LRE'],
  8235: ['right-to-left embedding', 'RLE'],
  8236: ['pop directional formatting', 'PDF'],
  8237: ['left-to-right override', 'LRO'],
  8238: ['right-to-left override', 'RLO'],
  8294: ['left-to-right isolate', 'LRI'],
  8295: ['right-to-left isolate', 'RLI'],
  8296: ['first strong isolate', 'FSI'],
  8297: ['pop directional isolate', 'PDI'],
};

/** The class of the badge an escape is drawn in (styled in the panel's, overlay's and replay page's CSS). */
export const BIDI_ESCAPE_CLASS = 'bidi-escape';

const escapeOf = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
const codePointOf = (c: string) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** A bidi control's escape's tooltip: "bidi control U+202E (right-to-left override) removed from display". */
export function bidiControlTitle(control: string): string {
  return `bidi control ${codePointOf(control)} (${NAMES[control.charCodeAt(0)]?.[0] ?? 'bidi control'}) removed from display`;
}

/** Whether `text` holds a bidi control. */
export const hasBidiControls = (text: string): boolean => BIDI.test(text);

/**
 * `text` with every bidi control as the escape text draws in its badge (`\u202e`): what a person
 * sees, and so what the search matches a query written with an escape against (src/ui/search.ts).
 */
export function escapeBidiControls(text: string): string {
  if (!BIDI.test(text)) return text;
  return text.replace(BIDI_ALL, escapeOf);
}

/**
 * An attribute's notation for a bidi control: `⟦U+202E RLO⟧` (code point and Unicode's
 * abbreviation in white square brackets).
 */
const bidiControlNotation = (control: string): string =>
  `⟦${codePointOf(control)} ${NAMES[control.charCodeAt(0)]?.[1] ?? 'bidi'}⟧`;

/** The notation's opening bracket (U+27E6, mathematical left white square bracket). */
const OPEN = '\u27e6';
/** What a literal opening bracket in wire text reads as in an attribute. */
const OPEN_NOTATION = '⟦U+27E6 bracket⟧';
/** What `notateBidiControls` rewrites: the controls and the notation's own opening bracket. */
const NOTATED = new RegExp(`[${BIDI_CONTROLS}${OPEN}]`);
const NOTATED_ALL = new RegExp(NOTATED.source, 'g');

/**
 * `text` with every bidi control in its attribute notation (`⟦U+202E RLO⟧`), for the places that
 * hold plain text only (title, aria-label, alt): an attribute cannot hold a badge, and the
 * escape drawn in text (`\u202e`) would read the same as a wire string that literally holds
 * those six characters (JSON-escaped text holds them routinely). A literal `⟦` in `text` is
 * notated too (`⟦U+27E6 bracket⟧`), so a wire string that holds a whole `⟦U+202E RLO⟧` reads
 * `⟦U+27E6 bracket⟧U+202E RLO⟧`: every `⟦` in the result opens a notation the inspector wrote,
 * up to the next `⟧`. Text with neither costs one regex test and is returned as is.
 */
export function notateBidiControls(text: string): string {
  if (!NOTATED.test(text)) return text;
  return text.replace(NOTATED_ALL, (c) => (c === OPEN ? OPEN_NOTATION : bidiControlNotation(c)));
}

/** An escaped control in `splitBidiControls`: what to draw (`\u202e`) and the control it stands for. */
export interface BidiEscape {
  escape: string;
  control: string;
}

/**
 * `text` cut into its plain runs and its bidi controls, each control as its escape, in order:
 * what a view draws as text and badges. [] for "".
 */
export function splitBidiControls(text: string): (string | BidiEscape)[] {
  const parts: (string | BidiEscape)[] = [];
  let from = 0;
  for (const match of text.matchAll(BIDI_ALL)) {
    if (match.index > from) parts.push(text.slice(from, match.index));
    parts.push({ escape: escapeOf(match[0]), control: match[0] });
    from = match.index + 1;
  }
  if (from < text.length) parts.push(text.slice(from));
  return parts;
}
