import { render } from 'preact';
import { installVisibleBidiControls } from '../../ui/visible-controls';
import { type ClientPort, connectOverlayClient } from './overlay-client';
import { createOverlayHost, type OverlayHost } from './overlay-host';
import { DEFAULT_LAYOUT, Overlay, type OverlayLayout } from './Overlay';
import { isMoveKey } from './overlay-move';
import css from './overlay.css?inline';
import { EMPTY_SUMMARY, type OverlaySummary } from '../shared/summary';

export interface OverlayPageOptions {
  connect(): ClientPort;
  /** Where the box was left (position, collapsed), kept per origin in the extension's storage. */
  loadLayout(): Promise<OverlayLayout | undefined>;
  saveLayout(layout: OverlayLayout): void;
  copy(text: string): Promise<boolean>;
}

/**
 * Whether this frame shows the overlay: the topmost frame of its origin, so a desktop in a CRM's
 * iframe gets it in the desktop's frame, and a desktop's own same-origin iframes do not add more.
 */
export function isTopmostOfOrigin(win: Window): boolean {
  if (win.parent === win) return true;
  try {
    return win.parent.location.origin !== win.location.origin;
  } catch {
    return true; // A cross-origin parent (the CRM) cannot be read.
  }
}

/**
 * The page side of the overlay: nothing is added to the page until the background says the
 * overlay is on for this origin; then one host element, rendered from summaries only, with bidi
 * controls drawn as escapes (src/ui/visible-controls.ts).
 */
export function startOverlay(win: Window, options: OverlayPageOptions): () => void {
  // Wire text (an idle reason, a customer, an event name) never reorders what the box says.
  installVisibleBidiControls();
  const doc = win.document;
  let host: OverlayHost | undefined;
  let summary: OverlaySummary = EMPTY_SUMMARY;
  let layout: OverlayLayout = DEFAULT_LAYOUT;
  let on = false;
  const layoutLoaded = options.loadLayout().then((saved) => {
    if (saved) layout = { ...DEFAULT_LAYOUT, ...saved };
  });
  const onLayout = (next: OverlayLayout) => {
    const persist = next.collapsed !== layout.collapsed;
    layout = next;
    draw();
    if (persist) options.saveLayout(next);
  };
  const onDragEnd = () => options.saveLayout(layout);
  // A move by the arrow keys ends as a drag does: remembered once the key is let go, not at each repeat.
  const onKeyMoveEnd = (event: KeyboardEvent) => {
    if (isMoveKey(event.key)) options.saveLayout(layout);
  };
  const draw = () => {
    if (!on) return;
    if (!host) {
      host = createOverlayHost(doc, css);
      host.container.addEventListener('pointerup', onDragEnd);
      host.container.addEventListener('keyup', onKeyMoveEnd);
    } else if (!host.attached()) host.reattach();
    render(<Overlay summary={summary} layout={layout} onLayout={onLayout} copy={options.copy} />, host.container);
  };
  const stop = connectOverlayClient(
    options.connect,
    { type: 'hello', origin: win.location.origin, top: win === win.top },
    {
      state(next) {
        on = next;
        if (on) void layoutLoaded.then(draw);
        else if (host) {
          render(null, host.container);
          host.remove();
          host = undefined;
          summary = EMPTY_SUMMARY;
        }
      },
      summary(next) {
        summary = next;
        void layoutLoaded.then(draw);
      },
    },
  );
  return () => {
    stop();
    if (host) {
      render(null, host.container);
      host.remove();
    }
  };
}
