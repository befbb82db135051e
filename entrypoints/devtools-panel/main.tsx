import { render } from 'preact';
import { effect } from '@preact/signals';
import { installVisibleBidiControls } from '@/src/ui/visible-controls';
import { DeepCaptureSwitch } from '@/src/ui/components/DeepCaptureSwitch';
import { PANEL_PORT } from '@/src/capture/shared/messages';
import { PanelLink, REOPEN_TAIL_FRAMES } from '@/src/capture/panel/panel-link';
import { StoreExportMenu } from '@/src/ui/components/ExportMenu';
import { Icon } from '@/src/ui/components/Icon';
import { OverlayToggle } from '@/src/ui/components/OverlayToggle';
import { StoreReplayButton } from '@/src/ui/components/ReplayButton';
import type { OverlayRequest, OverlayTabState } from '@/src/overlay/shared/messages';
import { Panel } from '@/src/ui/components/Panel';
import { followTheme, handOverToViewer, inspectedTabId } from '@/src/ui/host';
import { workerLink } from '@/src/ui/analysis/model-link';
import { PanelStore } from '@/src/ui/panel-store';
import { browserScheduler } from '@/src/ui/store/ingest-queue';
import '@/src/ui/panel.css';

// Wire text never reorders what the panel shows (visible-controls.ts).
installVisibleBidiControls();

followTheme(document.documentElement);
const app = document.getElementById('app')!;
const tabId = inspectedTabId(location.search);
if (tabId === null) {
  app.textContent = 'Open this panel from DevTools, or add ?tabId=N to inspect tab N.';
} else {
  // The session model runs in its own worker; the panel keeps a replica of what it shows.
  const analysis = () =>
    new Worker(new URL('../../src/ui/analysis/model-worker.ts', import.meta.url), { type: 'module' });
  const store = new PanelStore(browserScheduler, workerLink(analysis));
  // Chrome deep capture's state for this tab, as the background reports it (only the deep build offers
  // it): the switch shows it, and the no-socket notice offers it when it is there.
  const deepCapture = store.deepCapture;
  // The newest frames first, then the older ones fill in (a long capture shows at once). The test
  // build takes `&tail=0` (oldest first, as before), the bench's baseline for reopening,
  // `&keep=all`: the panel ignores what the hub shed, the bench's baseline for the panel's heap, and
  // `&hold=off`: a pause does not hold the backlog at the hub (the `pause` bench's baseline).
  const testParams = import.meta.env.MODE === 'test' ? new URLSearchParams(location.search) : null;
  const tailParam = testParams?.get('tail') ?? null;
  const link = new PanelLink(
    () => browser.runtime.connect({ name: PANEL_PORT }),
    tabId,
    testParams?.get('keep') === 'all' ? { ...store.events, shed: undefined } : store.events,
    undefined,
    tailParam !== null && /^\d+$/.test(tailParam) ? Number(tailParam) : REOPEN_TAIL_FRAMES,
  );
  // Paused before its backlog is all here, the panel has the hub keep the rest until it resumes.
  if (testParams?.get('hold') !== 'off') effect(() => link.holdBacklog(store.paused.value));
  const overlay = (on?: boolean): Promise<OverlayTabState> =>
    browser.runtime.sendMessage<OverlayRequest>(
      on === undefined ? { type: 'overlay-get', tabId } : { type: 'overlay-set', tabId, on },
    );
  const tools = (
    <>
      <DeepCaptureSwitch state={deepCapture} onToggle={(on) => link.setDeepCapture(on)} />
      <OverlayToggle request={overlay} />
      <StoreExportMenu store={store} source={{ kind: 'live' }} />
      <StoreReplayButton store={store} source={{ kind: 'live' }} />
      <a
        class="tool"
        href={browser.runtime.getURL('/viewer.html')}
        target="_blank"
        rel="noopener"
        title="Open a capture file or a HAR in the viewer"
        aria-label="Open a file…"
      >
        <Icon name="open" />
        <span class="tool-label">Open a file…</span>
      </a>
    </>
  );
  render(<Panel store={store} onClear={() => link.clear()} tools={tools} />, app);
  // A capture or HAR dropped on the panel opens in the viewer, next to the live capture.
  document.addEventListener('dragover', (event) => event.preventDefault());
  document.addEventListener('drop', (event) => {
    const file = event.dataTransfer?.files[0];
    if (!file) return;
    event.preventDefault();
    handOverToViewer(file, (url) => void window.open(url, '_blank'), browser.runtime.getURL('/viewer.html'));
  });
  // A read-only handle for the DevTools console of the panel itself (and end-to-end tests).
  Object.assign(window, {
    wxccInspector: {
      frames: () => store.frames(),
      counters: () => ({ ...store.log.counters }),
      /** The model's view: sockets with how they were captured, and its frame counters. */
      sockets: () =>
        [...store.session.sockets.values()].map(({ id, url, capture, frameUrl, duplicateOf, frames }) => ({
          id,
          url,
          capture,
          frameUrl,
          duplicateOf,
          frames,
        })),
      model: () => ({ ...store.session.counters }),
      /** Frames received but not yet through the model. */
      analysing: () => store.analysing.peek(),
      /** The hub's figures for the tab's capture (`CaptureStats`: its newest seq, what it shed). */
      stats: () => store.stats.peek(),
    },
  });
}
