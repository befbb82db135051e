import { AGENT_DESKTOP_MATCHES } from '@/src/capture/shared/hosts';
import { RELAY_PORT } from '@/src/capture/shared/messages';
import { Relay } from '@/src/capture/relay/relay';
import { openInterceptorChannel } from '@/src/capture/relay/relay-channel';

export default defineContentScript({
  matches: AGENT_DESKTOP_MATCHES,
  runAt: 'document_start',
  allFrames: true,
  // Also the desktop's about:blank / srcdoc / blob: frames: a socket made with such a frame's
  // WebSocket would otherwise go uncaptured (Firefox has only match_about_blank).
  matchAboutBlank: true,
  matchOriginAsFallback: { chrome: true },
  main() {
    const relay = new Relay({
      connect: () => browser.runtime.connect({ name: RELAY_PORT }),
      doc: crypto.randomUUID(),
      url: location.href,
      top: window === window.top,
      // The interceptor hands chunks over in the page's idle time: a timer here would post them
      // in the middle of whatever the page does next.
      batchMs: 0,
    });
    openInterceptorChannel(document, (detail) => relay.accept(detail));
    // Registered after the interceptor's own pagehide listener, so its last chunk is included.
    addEventListener('pagehide', () => relay.flushNow());
  },
});
