import { type ComponentChildren, Fragment, h, options, type VNode } from 'preact';
import {
  BIDI_ESCAPE_CLASS,
  bidiControlTitle,
  hasBidiControls,
  notateBidiControls,
  splitBidiControls,
} from '../frame/visible-text';

/*
 * Text from the wire is rendered as text, never as HTML; but Unicode's bidirectional controls
 * still reorder what a row says: U+202E in an agent's idle reason shows "evil" as "live" (the
 * "Trojan Source" trick). The panel, the viewer and the in-page overlay show them as escapes
 * instead (`\u202e`), visible and inert, as the CLI does in a terminal (src/cli/terminal-text.ts).
 * In text each escape is a badge (`.bidi-escape`, titled "bidi control U+202E (…) removed from
 * display"), so a wire string that holds the six characters `\u202e` cannot pass for one. A
 * tooltip reorders too, but an attribute cannot hold a badge: the attributes a person reads
 * (title, aria-label, alt) name each control in brackets instead, `⟦U+202E RLO⟧`, which the six
 * characters `\u202e` cannot pass for either, nor a wire string holding those very brackets (its
 * `⟦` reads `⟦U+27E6 bracket⟧`). Copy and export keep the payload as received:
 * only what is drawn changes.
 */

/** Attributes whose value a person reads: the tooltip, the accessible name, an image's text. */
const READ_ATTRIBUTES = ['title', 'aria-label', 'alt'] as const;

/** The runs and badges a text with bidi controls is drawn as. */
function drawn(text: string): ComponentChildren[] {
  return splitBidiControls(text).map((part) =>
    typeof part === 'string'
      ? part
      : h('span', { class: BIDI_ESCAPE_CLASS, title: bidiControlTitle(part.control) }, part.escape),
  );
}

let installed = false;

/**
 * Every text node Preact renders from now on shows bidi controls as escapes in badges, and every
 * title / aria-label / alt of an element names them (`⟦U+202E RLO⟧`). A text vnode is `type` null
 * with its string as `props`; one holding a control becomes a fragment of its runs and badges. An
 * element's props are a fresh object per render, so rewriting them changes no caller's data.
 * Called once by the panel's and
 * the viewer's entrypoints and by the overlay's page side; each bundle has its own Preact, so the
 * hook reaches only that context's rendering.
 */
export function installVisibleBidiControls(): void {
  if (installed) return;
  installed = true;
  const previous = options.vnode;
  options.vnode = (vnode: VNode) => {
    const node = vnode as unknown as { type: unknown; props: unknown };
    if (node.type === null) {
      if (typeof node.props === 'string' && hasBidiControls(node.props)) {
        node.type = Fragment;
        node.props = { children: drawn(node.props) };
      }
    } else if (typeof node.type === 'string') {
      const props = node.props as Record<string, unknown>;
      for (const name of READ_ATTRIBUTES) {
        const value = props[name];
        if (typeof value === 'string') props[name] = notateBidiControls(value);
      }
    }
    previous?.(vnode);
  };
}
