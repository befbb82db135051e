import { render } from 'preact';
import { installVisibleBidiControls } from '@/src/ui/visible-controls';
import type { Frame } from '@/src/frame/frame';
import { Viewer } from '@/src/ui/components/Viewer';
import { followTheme, receiveFromPanel } from '@/src/ui/host';
import { workerLink } from '@/src/ui/analysis/model-link';
import { PanelStore } from '@/src/ui/panel-store';
import { restorePayloads } from '@/src/ui/payload-pack';
import { browserScheduler } from '@/src/ui/store/ingest-queue';
import '@/src/ui/panel.css';

// Wire text never reorders what the panel shows (visible-controls.ts).
installVisibleBidiControls();

followTheme(document.documentElement);
// The session model runs in its own worker; the panel keeps a replica of what it shows.
const analysis = () =>
  new Worker(new URL('../../src/ui/analysis/model-worker.ts', import.meta.url), { type: 'module' });
const store = new PanelStore(browserScheduler, workerLink(analysis));
const createWorker = () => new Worker(new URL('../../src/ui/import-worker.ts', import.meta.url), { type: 'module' });
render(
  <Viewer store={store} createWorker={createWorker} receive={(onFile) => receiveFromPanel(location.search, onFile)} />,
  document.getElementById('app')!,
);
// A handle for the console of this page, the end-to-end tests and the panel benchmark.
Object.assign(window, {
  wxccInspector: {
    frames: () => store.frames(),
    counters: () => ({ ...store.log.counters }),
    analysing: () => store.analysing.value,
    load: (frames: Frame[], name?: string) => store.loadFrames(frames, name),
    append: (frames: Frame[]) => store.events.frames(frames),
    // Frames as the import worker hands them over (src/ui/payload-pack.ts), for the benchmark.
    restorePayloads,
  },
});
