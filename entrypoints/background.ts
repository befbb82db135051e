import { deferredStore, MemoryFrameStore } from '@/src/capture/background/frame-store';
import { DeepCapture, type DebuggerApi } from '@/src/capture/background/deep-capture';
import { Hub } from '@/src/capture/background/hub';
import { IdbFrameStore } from '@/src/capture/background/idb-frame-store';
import { currentSession, followRetention, maxAgeMs } from '@/src/capture/background/retention';
import {
  type HubToPanel,
  type OptionsToBackground,
  PANEL_PORT,
  type PanelToHub,
  RELAY_PORT,
} from '@/src/capture/shared/messages';
import type { PageFrame } from '@/src/capture/shared/page-chunk';
import { syncUserScripts } from '@/src/capture/background/user-origins';
import { OverlayService } from '@/src/overlay/background/overlay-service';
import { OverlaySettings } from '@/src/overlay/background/overlay-settings';
import { memoryPorts } from '@/src/overlay/background/ports';
import { isOverlayRequest, OVERLAY_PORT, TOGGLE_OVERLAY_COMMAND } from '@/src/overlay/shared/messages';

export default defineBackground(() => {
  const store = IdbFrameStore.open().catch((error: unknown) => {
    console.error('wxcc-inspector: IndexedDB unavailable, keeping the capture in memory only', error);
    return new MemoryFrameStore();
  });
  // Deep capture only where the build carries the `debugger` permission (see README, "Capture modes").
  const debuggerApi = (globalThis as { chrome?: { debugger?: DebuggerApi } }).chrome?.debugger;
  let deep: DeepCapture | undefined;
  const hub = new Hub({
    store: deferredStore(store),
    session: currentSession(),
    deepCapture: debuggerApi
      ? {
          start: async (tabId) => deep!.start(tabId, (await browser.tabs.get(tabId)).url ?? ''),
          stop: (tabId) => deep!.stop(tabId),
          state: (tabId) => deep!.state(tabId),
        }
      : undefined,
  });
  if (debuggerApi) {
    deep = new DeepCapture(debuggerApi, {
      frames: (tabId, doc, url, frames) => void hub.acceptFrames(tabId, doc, url, frames),
      notice: (tabId, text) => void hub.acceptFrames(tabId, 'cdp-notices', '', [], [text]),
      state: (tabId, state) => hub.deepCaptureState(tabId, state),
    });
  }
  followRetention((retention) => hub.setMaxAge(maxAgeMs(retention)));
  // Retention at every start: captures of closed tabs and of earlier browser sessions go.
  hub
    .sweep((tabId) =>
      browser.tabs.get(tabId).then(
        () => true,
        () => false,
      ),
    )
    .catch((error: unknown) => console.error('wxcc-inspector: retention sweep failed', error));
  // The overlay's model subscribes to a tab's capture as a panel does.
  const overlays = new OverlayService({
    settings: new OverlaySettings(browser.storage.local),
    subscribe: () => {
      const [hubSide, overlaySide] = memoryPorts<HubToPanel, PanelToHub>();
      hub.connectPanel(hubSide);
      return overlaySide;
    },
  });

  // Listeners attach synchronously: a restarted worker must find them on its first turn.
  browser.runtime.onConnect.addListener((port) => {
    if (port.name === RELAY_PORT) hub.connectRelay(port, port.sender?.tab?.id);
    else if (port.name === PANEL_PORT) hub.connectPanel(port);
    else if (port.name === OVERLAY_PORT) overlays.connect(port, port.sender?.tab?.id, port.sender?.frameId);
  });
  browser.runtime.onMessage.addListener((message) =>
    isOverlayRequest(message) ? overlays.request(message) : undefined,
  );
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === TOGGLE_OVERLAY_COMMAND && tab?.id !== undefined) void overlays.toggle(tab.id);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    overlays.removeTab(tabId);
    void hub.removeTab(tabId);
  });
  browser.runtime.onMessage.addListener((message: OptionsToBackground, sender, sendResponse) => {
    // Only the extension's own pages (the options page) may ask; a content script's sender is the page.
    if (sender.id !== browser.runtime.id || !sender.url?.startsWith(browser.runtime.getURL('/'))) return;
    if (message?.type !== 'storage-usage' && message?.type !== 'delete-all') return;
    const done = message.type === 'delete-all' ? hub.deleteAll() : Promise.resolve();
    done.then(() => hub.usage()).then(sendResponse, (error: unknown) => sendResponse({ error: String(error) }));
    return true;
  });
  browser.runtime.onStartup.addListener(() => void syncUserScripts());
  browser.runtime.onInstalled.addListener(() => void syncUserScripts());
  // The test build only (e2e and bench): a small budget makes shedding happen in seconds, and the
  // bench streams a long capture into a tab as deep capture's frames enter the hub.
  if (import.meta.env.MODE === 'test') {
    Object.assign(globalThis, {
      wxccHub: {
        setBudget: (bytes: number) => hub.setBudget(bytes),
        acceptFrames: (tabId: number, frames: PageFrame[]) => hub.acceptFrames(tabId, 'bench', '', frames),
      },
    });
  }
  // Read-only figures for diagnostics, the benchmark and tests (summaries per tab, overlay documents).
  Object.assign(globalThis, { wxccOverlay: { stats: () => overlays.stats(), documents: () => overlays.documents() } });
});
