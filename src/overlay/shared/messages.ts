import type { OverlaySummary } from './summary';

/** The overlay content script's port to the background. */
export const OVERLAY_PORT = 'wxcc-overlay';

/** Content script → background, once per connection: which document it is. */
export type OverlayToBackground = { type: 'hello'; origin: string; top: boolean };

/**
 * Background → content script: whether the overlay is on for this origin, and while it is, the
 * summaries (only when something the overlay shows changed, at most a few per second).
 */
export type BackgroundToOverlay = { type: 'state'; on: boolean } | { type: 'summary'; summary: OverlaySummary };

/** The panel and the popup ask the background about a tab (one-off `runtime.sendMessage`). */
export type OverlayRequest =
  | { type: 'overlay-get'; tabId: number }
  | { type: 'overlay-set'; tabId: number; on: boolean };

/** The answer: the origins of the tab's desktop frames and whether the overlay is on there. */
export interface OverlayTabState {
  /** The origin the switch applies to: the desktop's frame, else the tab's page; null if neither can host it. */
  origin: string | null;
  on: boolean;
}

export function isOverlayRequest(message: unknown): message is OverlayRequest {
  const m = message as { type?: unknown; tabId?: unknown } | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    (m.type === 'overlay-get' || m.type === 'overlay-set') &&
    typeof m.tabId === 'number'
  );
}

/** The `commands` entry of the manifest that switches the overlay for the current tab's desktop. */
export const TOGGLE_OVERLAY_COMMAND = 'toggle-overlay';
