import { options, type VNode } from 'preact';

/*
 * Text from the wire is rendered as text, never as HTML; but Unicode's bidirectional controls
 * still reorder what a row says: U+202E in an agent's idle reason shows "evil" as "live" (the
 * "Trojan Source" trick). The panel and the viewer show them as escapes instead (`\u202e`),
 * visible and inert, as the CLI does in a terminal (src/cli/terminal-text.ts). Copy and export
 * keep the payload as received: only what is drawn changes.
 */

/** The Arabic letter mark, LRM/RLM, the embeddings and overrides, the isolates. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const BIDI_ALL = new RegExp(BIDI.source, 'g');

/** `text` with every bidi control as a visible escape (`\u202e`). */
export function showBidiControls(text: string): string {
  if (!BIDI.test(text)) return text;
  return text.replace(BIDI_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

let installed = false;

/**
 * Every text node Preact renders from now on shows bidi controls as escapes (a text vnode is
 * `type` null with its string as `props`). Called once by the panel's and the viewer's entrypoints.
 */
export function installVisibleBidiControls(): void {
  if (installed) return;
  installed = true;
  const previous = options.vnode;
  options.vnode = (vnode: VNode) => {
    const text = vnode as unknown as { type: unknown; props: unknown };
    if (text.type === null && typeof text.props === 'string') text.props = showBidiControls(text.props);
    previous?.(vnode);
  };
}
