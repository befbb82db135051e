import * as v from 'valibot';
import type { BackgroundToOverlay, OverlayToBackground } from '../shared/messages';
import { OverlaySummarySchema, type OverlaySummary } from '../shared/summary';

/** The part of `runtime.Port` the client uses. */
export interface ClientPort {
  postMessage(message: OverlayToBackground): void;
  onMessage: { addListener(listener: (message: BackgroundToOverlay) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export interface OverlayClientEvents {
  /** The overlay was switched on or off for this origin. */
  state(on: boolean): void;
  summary(summary: OverlaySummary): void;
}

const RETRY_MS = [100, 250, 500, 1000, 2000];

/**
 * The overlay content script's link to the background: says hello with its origin, passes on
 * the on/off state and every summary (checked against its schema: the page side trusts no shape),
 * and reconnects when the port drops, as it does when the service worker is stopped.
 */
export function connectOverlayClient(
  connect: () => ClientPort,
  hello: OverlayToBackground,
  events: OverlayClientEvents,
): () => void {
  let stopped = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const open = () => {
    if (stopped) return;
    let port: ClientPort;
    try {
      port = connect();
    } catch {
      return; // The extension was reloaded or removed: this content script is orphaned.
    }
    port.onMessage.addListener((message) => {
      attempt = 0;
      if (message?.type === 'state') events.state(message.on === true);
      else if (message?.type === 'summary') {
        const parsed = v.safeParse(OverlaySummarySchema, message.summary);
        if (parsed.success) events.summary(parsed.output);
      }
    });
    port.onDisconnect.addListener(() => {
      if (stopped) return;
      timer = setTimeout(open, RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)]);
    });
    port.postMessage(hello);
  };
  open();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
