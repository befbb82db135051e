import { JSDOM } from 'jsdom';
import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import type { CaptureSource } from '../../../src/io';
import { Viewer } from '../../../src/ui/components/Viewer';
import type { ImportedFile, ImportReply } from '../../../src/ui/file-import';
import { takePayloads } from '../../../src/ui/payload-pack';
import type { Frame } from '../../../src/frame/frame';
import { scenarioFrames } from '../../support/scenario-frames';
import { PanelStore } from '../../../src/ui/panel-store';
import { ManualScheduler } from './manual-scheduler';

const { window } = new JSDOM('<!doctype html>', { url: 'https://viewer.test/' });
// The toolbar watches its controls come and go (use-roving-toolbar.ts): the DOM's observer too.
// A file shown renders the panel: its lists measure themselves (VirtualList.tsx), its details
// wait for the first paint (use-after-first-paint.ts); a popup keeps within the window
// (popup-keys.ts), and Replay… remembers its server (localStorage).
Object.assign(globalThis, {
  window,
  document: window.document,
  localStorage: window.localStorage,
  MutationObserver: window.MutationObserver,
  ResizeObserver: class {
    observe(): void {}
    disconnect(): void {}
  },
  requestAnimationFrame: (cb: FrameRequestCallback) => setTimeout(() => cb(0), 0),
  cancelAnimationFrame: (id: number) => clearTimeout(id),
});

/** An import worker the test answers by hand. */
class FakeWorker {
  onmessage: ((event: MessageEvent<ImportReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  /** Delivers what it posts even once terminated: a message already on its way when the viewer ended it. */
  late = false;
  file: File | undefined;
  /** Its end of the channel to the analysis (`ImportSink.start`'s `parts`). */
  parts: MessagePort | undefined;
  postMessage(message: { file: File; parts: MessagePort }): void {
    this.file = message.file;
    this.parts = message.parts;
  }
  terminate(): void {
    this.terminated = true;
    this.parts?.close();
  }
  private post(reply: ImportReply): void {
    if (!this.terminated || this.late) this.onmessage?.({ data: reply } as MessageEvent<ImportReply>);
  }
  /** The file read: `total` frames to come; `source`, what the file says of itself (a HAR's counts as its reader records them). */
  start(total: number, leftOut = 0, source?: CaptureSource): void {
    const meta = { source } as ImportedFile['meta'];
    this.post({ type: 'start', file: { kind: leftOut ? 'har' : 'capture', meta, leftOut, total, firstSeq: 1 } });
  }
  /** A part of the frames, their payloads packed as the import worker posts them. */
  part(frames: Frame[], loaded: number, total: number): void {
    // Copies: packing takes the payloads off the frames it packs.
    const copies = frames.map((f) => ({ ...f }));
    const part = { frames: copies, payloads: takePayloads(copies) };
    // To the analysis as well, as the import worker posts it.
    if (!this.terminated) this.parts?.postMessage(part);
    this.post(structuredClone({ type: 'frames', ...part, loaded, total }));
  }
  /** A file without frames, read whole. */
  done(leftOut = 0, source?: CaptureSource): void {
    this.start(0, leftOut, source);
    this.post({ type: 'done' });
  }
  end(): void {
    this.post({ type: 'done' });
    this.parts?.close();
  }
  fail(message: string): void {
    this.onerror?.({ message } as ErrorEvent);
  }
}

// Preact runs effects after the next paint (about 100 ms without requestAnimationFrame).
const settle = () => new Promise((resolve) => setTimeout(resolve, 120));

/** A viewer on a fresh store whose import workers the test answers; `handedOver.open` is the panel's hand-over. */
function viewerWithFakeWorkers() {
  const scheduler = new ManualScheduler();
  const store = new PanelStore(scheduler);
  const workers: FakeWorker[] = [];
  const handedOver: { open?: (file: File) => void } = {};
  const root = document.createElement('div');
  render(
    <Viewer
      store={store}
      createWorker={() => {
        const worker = new FakeWorker();
        workers.push(worker);
        return worker as unknown as Worker;
      }}
      receive={(onFile) => {
        handedOver.open = onFile;
      }}
    />,
    root,
  );
  return { store, scheduler, workers, root, handedOver };
}

/** Clicks the panel's Close once it is there, and waits for the file to go. */
async function clickClose(root: HTMLElement, store: PanelStore): Promise<void> {
  const close = await vi.waitFor(() => {
    const button = root.querySelector<HTMLButtonElement>('button[aria-label="Close"]');
    expect(button).not.toBeNull();
    return button!;
  });
  close.click();
  await vi.waitFor(() => expect(store.fileName.value).toBeUndefined());
}

describe('the viewer opening one file after another', () => {
  it('shows the file opened last, however the earlier imports end, and a file handed over by the panel cancels the one importing', async () => {
    const { store, workers, root, handedOver } = viewerWithFakeWorkers();
    // Each step waits for what it expects, not a fixed time: under load a render may take
    // longer than Preact's effect timer leaves before a fixed wait ends (a flake seen once).
    await vi.waitFor(() => expect(handedOver.open).toBeDefined());
    // Three files handed over back to back (from the panel): each cancels the one before.
    handedOver.open!(new File(['{}'], 'a.har'));
    await vi.waitFor(() => expect(workers).toHaveLength(1));
    handedOver.open!(new File(['{}'], 'b.har'));
    await vi.waitFor(() => expect(workers).toHaveLength(2));
    expect(workers[0]!.terminated).toBe(true);
    // b is still importing: its progress and Cancel stay on screen.
    await vi.waitFor(() => expect(root.querySelector('.progress')).not.toBeNull());
    handedOver.open!(new File(['{}'], 'c.har'));
    await vi.waitFor(() => expect(workers).toHaveLength(3));
    expect(workers[1]!.terminated).toBe(true);
    workers[2]!.done();
    await vi.waitFor(() => expect(store.fileName.value).toBe('c.har'));
    // The earlier imports ending late change nothing.
    workers[1]!.done();
    workers[0]!.done();
    await settle();
    expect(store.fileName.value).toBe('c.har');
  });

  it("says in the store how many of a HAR's entries the import left out, and what the file's source records of its HAR, until the next file or Close", async () => {
    const { store, workers, root, handedOver } = viewerWithFakeWorkers();
    await vi.waitFor(() => expect(handedOver.open).toBeDefined());
    handedOver.open!(new File(['{}'], 'desktop.har'));
    await vi.waitFor(() => expect(workers).toHaveLength(1));
    workers[0]!.done(1204, { kind: 'har', leftOut: 1204, unreadableCalls: 1 });
    await vi.waitFor(() => expect(store.fileName.value).toBe('desktop.har'));
    expect(store.fileLeftOut.value).toBe(1204);
    expect(store.fileFromHar.value).toEqual({ leftOut: 1204, unreadableCalls: 1 });

    // A capture made from that HAR: nothing left out by this import, the HAR's counts recorded.
    handedOver.open!(new File(['{}'], 'shared.wxcc.json'));
    await vi.waitFor(() => expect(workers).toHaveLength(2));
    workers[1]!.done(0, { kind: 'file', leftOut: 1204, unreadableCalls: 1 });
    await vi.waitFor(() => expect(store.fileName.value).toBe('shared.wxcc.json'));
    expect(store.fileLeftOut.value).toBe(0);
    expect(store.fileFromHar.value).toEqual({ leftOut: 1204, unreadableCalls: 1 });

    handedOver.open!(new File(['{}'], 'live.wxcc.json'));
    await vi.waitFor(() => expect(workers).toHaveLength(3));
    workers[2]!.done(0, { kind: 'live' });
    await vi.waitFor(() => expect(store.fileName.value).toBe('live.wxcc.json'));
    expect(store.fileFromHar.value).toEqual({ leftOut: 0, unreadableCalls: 0 });

    handedOver.open!(new File(['{}'], 'desktop.har'));
    await vi.waitFor(() => expect(workers).toHaveLength(4));
    workers[3]!.done(3, { kind: 'har', leftOut: 3 });
    await vi.waitFor(() => expect(store.fileLeftOut.value).toBe(3));
    await clickClose(root, store);
    expect(store.fileLeftOut.value).toBe(0);
    expect(store.fileFromHar.value).toEqual({ leftOut: 0, unreadableCalls: 0 });
  });
});

describe('the viewer showing a file as its parts come', () => {
  const frames = () =>
    scenarioFrames('consult-conference-wrapup', { keepaliveMs: 50 }).map((f, i) => ({ ...f, seq: i + 1 }));

  /** Opens `name` (as the panel hands a file over); its import sends `start` and the first 20 of `all`, shown. */
  async function openStreaming(
    viewer: ReturnType<typeof viewerWithFakeWorkers>,
    name: string,
    all: Frame[],
  ): Promise<FakeWorker> {
    const before = viewer.workers.length;
    viewer.handedOver.open!(new File(['{}'], name));
    await vi.waitFor(() => expect(viewer.workers).toHaveLength(before + 1));
    const worker = viewer.workers.at(-1)!;
    worker.start(all.length);
    worker.part(all.slice(0, 20), 0, all.length);
    await vi.waitFor(() => expect(viewer.store.fileName.value).toBe(name));
    return worker;
  }

  it('shows the first part before the rest arrives, Export and Replay waiting for the whole file', async () => {
    const viewer = viewerWithFakeWorkers();
    const { store, scheduler, workers, root, handedOver } = viewer;
    await vi.waitFor(() => expect(handedOver.open).toBeDefined());
    const all = frames();
    await openStreaming(viewer, 'big.har', all);
    expect(store.fileLoading.value).toBe(true);
    expect(store.select.counters.value.frames).toBe(20);
    await vi.waitFor(() =>
      expect(root.querySelector('.progress')?.textContent).toContain(`Loading 20 of ${all.length} frames`),
    );
    const exportButton = () => root.querySelector<HTMLButtonElement>('button[title^="Export the capture"]');
    await vi.waitFor(() => expect(exportButton()).not.toBeNull());
    expect(exportButton()!.disabled).toBe(true);
    workers[0]!.part(all.slice(20), 20, all.length);
    workers[0]!.end();
    await vi.waitFor(() => expect(store.fileLoading.value).toBe(false));
    // The analysis' copy of the parts comes over its port, in the event loop's time.
    await vi.waitFor(() => {
      scheduler.drain();
      expect(store.analysing.value).toBe(0);
    });
    expect(store.select.counters.value.frames).toBe(all.length);
    expect(store.framesOf().map((f) => f.data)).toEqual(all.map((f) => f.data));
    await vi.waitFor(() => expect(exportButton()!.disabled).toBe(false));
    expect(root.querySelector('.progress')).toBeNull();
    // Its worker ends itself once the analysis took every part; the next file, once it comes in, ends it regardless.
    expect(workers[0]!.terminated).toBe(false);
    await openStreaming(viewer, 'next.har', all);
    expect(workers[0]!.terminated).toBe(true);
    expect(workers[1]!.terminated).toBe(false);
  });

  it('the file shown keeps its import worker while another file fails to open; that worker failing later stops the analysis and says why', async () => {
    const viewer = viewerWithFakeWorkers();
    const { store, workers, root, handedOver } = viewer;
    await vi.waitFor(() => expect(handedOver.open).toBeDefined());
    const all = frames();
    await openStreaming(viewer, 'a.har', all);
    workers[0]!.part(all.slice(20), 20, all.length);
    workers[0]!.end();
    await vi.waitFor(() => expect(store.fileLoading.value).toBe(false));
    // A file that cannot be read: the one shown stays, and so does what its analysis still needs.
    handedOver.open!(new File(['{}'], 'bad.har'));
    await vi.waitFor(() => expect(workers).toHaveLength(2));
    workers[1]!.fail('not a capture');
    await vi.waitFor(() => expect(root.textContent).toContain('bad.har: not a capture'));
    expect(store.fileName.value).toBe('a.har');
    expect(workers[0]!.terminated).toBe(false);
    // The worker of the file shown dies before the analysis took every part: said, and nothing waits.
    workers[0]!.fail('out of memory');
    await vi.waitFor(() =>
      expect(store.analysisError.value).toBe(
        'the import worker failed before the analysis had every frame: out of memory',
      ),
    );
    expect(store.analysing.value).toBe(0);
    expect(store.fileName.value).toBe('a.har');
  });

  it('leaves nothing half shown: Cancel, another file, or the worker failing while the parts come', async () => {
    const viewer = viewerWithFakeWorkers();
    const { store, workers, root, handedOver } = viewer;
    await vi.waitFor(() => expect(handedOver.open).toBeDefined());
    const all = frames();

    // Cancel.
    await openStreaming(viewer, 'a.har', all);
    const cancel = await vi.waitFor(() => {
      const button = [...root.querySelectorAll<HTMLButtonElement>('.progress button')].find(
        (b) => b.textContent === 'Cancel',
      );
      expect(button).toBeDefined();
      return button!;
    });
    cancel.click();
    await vi.waitFor(() => expect(store.fileName.value).toBeUndefined());
    expect(workers[0]!.terminated).toBe(true);
    expect(store.select.counters.value.frames).toBe(0);
    expect(store.fileLoading.value).toBe(false);
    expect(store.analysing.value).toBe(0);

    // Another file, which turns out not to be readable: the half-shown one is gone all the same.
    await openStreaming(viewer, 'b.har', all);
    handedOver.open!(new File(['{}'], 'c.har'));
    await vi.waitFor(() => expect(workers).toHaveLength(3));
    expect(workers[1]!.terminated).toBe(true);
    expect(store.fileName.value).toBeUndefined();
    workers[2]!.onmessage?.({ data: { type: 'error', error: 'not JSON' } } as MessageEvent<ImportReply>);
    await vi.waitFor(() => expect(root.querySelector('.file-error')?.textContent).toBe('c.har: not JSON'));
    expect(store.select.counters.value.frames).toBe(0);

    // The worker failing after its first part: said, with how far it got, and nothing shown.
    (await openStreaming(viewer, 'd.har', all)).fail('out of memory');
    await vi.waitFor(() =>
      expect(root.querySelector('.file-error')?.textContent).toBe(
        `d.har: out of memory (after 20 of ${all.length} frames; none is shown)`,
      ),
    );
    expect(store.fileName.value).toBeUndefined();
    expect(store.fileLoading.value).toBe(false);
  });

  it('Close while the parts come ends the import: the progress goes, and nothing more arrives', async () => {
    const viewer = viewerWithFakeWorkers();
    const { store, scheduler, workers, root, handedOver } = viewer;
    await vi.waitFor(() => expect(handedOver.open).toBeDefined());
    const all = frames();
    await openStreaming(viewer, 'a.har', all);
    await clickClose(root, store);
    expect(workers[0]!.terminated).toBe(true);
    await vi.waitFor(() => expect(root.querySelector('.progress')).toBeNull());
    // A part already on its way, and the end: neither reaches the store.
    workers[0]!.late = true;
    workers[0]!.part(all.slice(20), 20, all.length);
    workers[0]!.end();
    await settle();
    scheduler.drain();
    expect(store.select.counters.value.frames).toBe(0);
    expect(store.fileLoading.value).toBe(false);
    expect(store.analysing.value).toBe(0);
    expect(root.querySelector('.file-error')).toBeNull();
  });

  it('what an earlier import still sends after another file was opened reaches nothing', async () => {
    const { store, scheduler, workers, handedOver } = viewerWithFakeWorkers();
    await vi.waitFor(() => expect(handedOver.open).toBeDefined());
    const all = frames();
    handedOver.open!(new File(['{}'], 'a.har'));
    await vi.waitFor(() => expect(workers).toHaveLength(1));
    workers[0]!.start(all.length);
    handedOver.open!(new File(['{}'], 'b.har'));
    await vi.waitFor(() => expect(workers).toHaveLength(2));
    workers[0]!.late = true;
    workers[0]!.part(all.slice(0, 50), 0, all.length);
    workers[0]!.end();
    workers[1]!.start(20);
    workers[1]!.part(all.slice(0, 20), 0, 20);
    workers[0]!.part(all.slice(50), 50, all.length);
    workers[1]!.end();
    await vi.waitFor(() => expect(store.fileLoading.value).toBe(false));
    scheduler.drain();
    expect(store.fileName.value).toBe('b.har');
    expect(store.select.counters.value.frames).toBe(20);
    expect(store.framesOf().map((f) => f.seq)).toEqual(all.slice(0, 20).map((f) => f.seq));
  });

  it('an open Export menu closes when another file starts coming in, and exports nothing of it', async () => {
    const viewer = viewerWithFakeWorkers();
    const { store, workers, root, handedOver } = viewer;
    await vi.waitFor(() => expect(handedOver.open).toBeDefined());
    const all = frames();
    handedOver.open!(new File(['{}'], 'a.har'));
    await vi.waitFor(() => expect(workers).toHaveLength(1));
    workers[0]!.start(all.length);
    workers[0]!.part(all, 0, all.length);
    workers[0]!.end();
    await vi.waitFor(() => expect(store.fileLoading.value).toBe(false));
    const exportButton = await vi.waitFor(() => {
      const button = root.querySelector<HTMLButtonElement>('button[title^="Export the capture"]');
      expect(button?.disabled).toBe(false);
      return button!;
    });
    exportButton.click();
    await vi.waitFor(() => expect(root.querySelector('[role="menu"]')).not.toBeNull());
    await openStreaming(viewer, 'b.har', all);
    await vi.waitFor(() => expect(root.querySelector('[role="menu"]')).toBeNull());
    expect(root.querySelector<HTMLButtonElement>('button[title^="Export the capture"]')!.disabled).toBe(true);
  });
});
