import { JSDOM } from 'jsdom';
import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import type { CaptureSource } from '../../../src/io';
import { Viewer } from '../../../src/ui/components/Viewer';
import type { ImportReply } from '../../../src/ui/file-import';
import { PanelStore } from '../../../src/ui/panel-store';
import { ManualScheduler } from './manual-scheduler';

const { window } = new JSDOM('<!doctype html>');
// The toolbar watches its controls come and go (use-roving-toolbar.ts): the DOM's observer too.
Object.assign(globalThis, { document: window.document, MutationObserver: window.MutationObserver });

/** An import worker the test answers by hand. */
class FakeWorker {
  onmessage: ((event: MessageEvent<ImportReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  file: File | undefined;
  postMessage(message: { file: File }): void {
    this.file = message.file;
  }
  terminate(): void {
    this.terminated = true;
  }
  /** `source`: what the file says of itself (a HAR's counts as its reader records them). */
  done(leftOut = 0, source?: CaptureSource): void {
    if (this.terminated) return;
    this.onmessage?.({
      data: { type: 'done', kind: leftOut ? 'har' : 'capture', frames: [], meta: { source }, leftOut },
    } as unknown as MessageEvent<ImportReply>);
  }
}

// Preact runs effects after the next paint (about 100 ms without requestAnimationFrame).
const settle = () => new Promise((resolve) => setTimeout(resolve, 120));

/** A viewer on a fresh store whose import workers the test answers; `handedOver.open` is the panel's hand-over. */
function viewerWithFakeWorkers() {
  const store = new PanelStore(new ManualScheduler());
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
  return { store, workers, root, handedOver };
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
    const close = await vi.waitFor(() => {
      const button = root.querySelector<HTMLButtonElement>('button[aria-label="Close"]');
      expect(button).not.toBeNull();
      return button!;
    });
    close.click();
    await vi.waitFor(() => expect(store.fileName.value).toBeUndefined());
    expect(store.fileLeftOut.value).toBe(0);
    expect(store.fileFromHar.value).toEqual({ leftOut: 0, unreadableCalls: 0 });
  });
});
