/** The one element the overlay adds to the page. */
export const HOST_TAG = 'wxcc-inspector-overlay';

/*
 * The host's own box, as `:host` rules marked `!important` inside the shadow root: for important
 * declarations the shadow tree's context wins over the page's (CSS Cascade 4, "context"), even
 * over the page's inline styles, so `* { display: none !important }` or
 * `wxcc-inspector-overlay { top: -9999px !important }` cannot hide, move or resize it. It is a
 * zero-size fixed box that takes no pointer events; only the overlay's own box inside it does.
 */
const HOST_RULES = [
  'all: initial',
  'display: block',
  'position: fixed',
  'top: 0',
  'left: 0',
  'width: 0',
  'height: 0',
  'margin: 0',
  'padding: 0',
  'border: 0',
  'overflow: visible',
  'z-index: 2147483647',
  'pointer-events: none',
  'visibility: visible',
  'opacity: 1',
  'transform: none',
  'filter: none',
  'contain: none',
]
  .map((declaration) => `${declaration} !important;`)
  .join(' ');

/** Events that stop at the shadow root, so the page's own bubbling handlers never see the overlay's clicks and keys. */
const CONTAINED_EVENTS = [
  'click',
  'dblclick',
  'auxclick',
  'contextmenu',
  'mousedown',
  'mouseup',
  'mouseover',
  'mouseout',
  'mousemove',
  'pointerdown',
  'pointerup',
  'pointermove',
  'pointerover',
  'pointerout',
  'pointercancel',
  'touchstart',
  'touchend',
  'touchmove',
  'wheel',
  'keydown',
  'keyup',
  'keypress',
  'input',
  'focusin',
  'focusout',
  'copy',
  'selectstart',
  'dragstart',
] as const;

export interface OverlayHost {
  /** Where the overlay renders (inside the closed shadow root). */
  container: HTMLElement;
  /** Whether the host is still in the document (a page may rewrite its whole document). */
  attached(): boolean;
  /** Puts the host back after the page removed it. */
  reattach(): void;
  remove(): void;
}

/**
 * Adds the overlay's single host element at the end of `<html>` (outside `<body>`, so no page
 * selector such as `body > :last-child` and no layout of the body changes) with a closed shadow
 * root holding its own styles. The page's scripts see this one element and nothing inside it.
 */
export function createOverlayHost(doc: Document, css: string): OverlayHost {
  const host = doc.createElement(HOST_TAG);
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = `:host { ${HOST_RULES} }\n${css}`;
  const container = doc.createElement('div');
  shadow.append(style, container);
  for (const type of CONTAINED_EVENTS) shadow.addEventListener(type, (event) => event.stopPropagation());
  // A press on the overlay keeps the page's keyboard focus where it was (a chat box stays focused).
  shadow.addEventListener('mousedown', (event) => event.preventDefault());
  const reattach = () => {
    if (!host.isConnected) doc.documentElement.append(host);
  };
  reattach();
  return { container, attached: () => host.isConnected, reattach, remove: () => host.remove() };
}
