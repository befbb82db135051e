import { render } from 'preact';
import { Viewer } from '@/src/ui/components/Viewer';
import { followTheme } from '@/src/ui/host';
import { PanelStore } from '@/src/ui/panel-store';
import '@/src/ui/panel.css';

followTheme(document.documentElement);
const store = new PanelStore();
const createWorker = () => new Worker(new URL('../../src/ui/import-worker.ts', import.meta.url), { type: 'module' });
render(<Viewer store={store} createWorker={createWorker} />, document.getElementById('app')!);
Object.assign(window, { wxccInspector: { frames: () => store.frames(), counters: () => ({ ...store.log.counters }) } });
