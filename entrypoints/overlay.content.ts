import { AGENT_DESKTOP_MATCHES } from '@/src/capture/shared/hosts';
import { OVERLAY_PORT } from '@/src/overlay/shared/messages';
import { isTopmostOfOrigin, startOverlay } from '@/src/overlay/page/start-overlay';
import { copyToClipboard } from '@/src/overlay/page/clipboard';
import type { OverlayLayout } from '@/src/overlay/page/Overlay';

const layoutKey = `overlayLayout:${location.origin}`;

export default defineContentScript({
  matches: AGENT_DESKTOP_MATCHES,
  runAt: 'document_idle',
  allFrames: true,
  main(ctx) {
    if (!isTopmostOfOrigin(window)) return;
    const stop = startOverlay(window, {
      connect: () => browser.runtime.connect({ name: OVERLAY_PORT }),
      loadLayout: async () => (await browser.storage.local.get(layoutKey))[layoutKey] as OverlayLayout | undefined,
      saveLayout: (layout) => void browser.storage.local.set({ [layoutKey]: layout }),
      copy: (text) => copyToClipboard(document, text),
    });
    ctx.onInvalidated(stop);
  },
});
