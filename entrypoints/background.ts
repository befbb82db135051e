import { deferredStore, MemoryFrameStore } from '@/src/capture/background/frame-store';
import { Hub } from '@/src/capture/background/hub';
import { IdbFrameStore } from '@/src/capture/background/idb-frame-store';
import { PANEL_PORT, RELAY_PORT } from '@/src/capture/shared/messages';
import { syncUserScripts } from '@/src/capture/background/user-origins';

export default defineBackground(() => {
  const store = IdbFrameStore.open().catch((error: unknown) => {
    console.error('wxcc-inspector: IndexedDB unavailable, keeping the capture in memory only', error);
    return new MemoryFrameStore();
  });
  const hub = new Hub({ store: deferredStore(store) });

  // Listeners attach synchronously: a restarted worker must find them on its first turn.
  browser.runtime.onConnect.addListener((port) => {
    if (port.name === RELAY_PORT) hub.connectRelay(port, port.sender?.tab?.id);
    else if (port.name === PANEL_PORT) hub.connectPanel(port);
  });
  browser.tabs.onRemoved.addListener((tabId) => void hub.removeTab(tabId));
  browser.action.onClicked.addListener(() => void browser.tabs.create({ url: browser.runtime.getURL('/viewer.html') }));
  browser.runtime.onStartup.addListener(() => void syncUserScripts());
  browser.runtime.onInstalled.addListener(() => void syncUserScripts());
});
