import { describe, expect, it } from 'vitest';
import { MemoryFrameStore, type StoredBatch } from '../../../src/capture/background/frame-store';
import { Hub } from '../../../src/capture/background/hub';
import { panelOn } from './hub-panel';
import { flushMicrotasks } from './port-pair';

const frame = (seq: number) => ({
  seq,
  t: seq,
  socket: 'ws-1',
  dir: 'in' as const,
  kind: 'text' as const,
  data: `f${seq}`,
});

/** A store whose reads that find nothing more wait for `release` (an IndexedDB read in flight). */
class GatedStore extends MemoryFrameStore {
  gate: Promise<void> | null = null;
  reachedEnd = false;
  override async readAfter(tabId: number, after: number, limit: number): Promise<StoredBatch[]> {
    const batches = await super.readAfter(tabId, after, limit);
    const gate = this.gate;
    if (!batches.length && gate !== null) {
      this.reachedEnd = true;
      await gate;
    }
    return batches;
  }
}

const settle = async () => {
  for (let i = 0; i < 10; i++) await flushMicrotasks();
};

describe('hold races at the hub', () => {
  it('a hold that arrives while the last read of the backlog is in flight keeps what the tab stores meanwhile for `fill`', async () => {
    const store = new GatedStore();
    const hub = new Hub({ store, now: () => 1 });
    for (let seq = 1; seq <= 5; seq++) await hub.acceptFrames(4, 'cdp-1', 'wss://x', [frame(seq)]);
    let release!: () => void;
    store.gate = new Promise((r) => (release = r));
    const p = panelOn(hub);
    p.port.postMessage({ type: 'subscribe', tabId: 4, after: 0 });
    await settle();
    expect(store.reachedEnd).toBe(true);
    expect(p.seqs()).toEqual([1, 2, 3, 4, 5]);
    // Paused now: the panel has not heard `backlog-done`, so it asks the hub to hold.
    p.port.postMessage({ type: 'hold' });
    await settle();
    store.gate = null;
    release();
    await settle();
    // Stored while the panel is held: kept for it.
    await hub.acceptFrames(4, 'cdp-1', 'wss://x', [frame(6)]);
    await hub.acceptFrames(4, 'cdp-1', 'wss://x', [frame(7)]);
    await settle();
    p.port.postMessage({ type: 'fill' });
    await settle();
    await hub.acceptFrames(4, 'cdp-1', 'wss://x', [frame(8)]);
    await settle();
    expect(p.seqs()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(p.got.filter((m) => m.type === 'backlog-done')).toHaveLength(1);
  });
});
