import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import { MemoryFrameStore } from '../../../src/capture/background/frame-store';
import { Hub } from '../../../src/capture/background/hub';
import type { HubToPanel, HubToRelay, PanelToHub, RelayToHub } from '../../../src/capture/shared/messages';
import { flushMicrotasks, portPair } from './port-pair';

/** A hub of one browser session on a clock the test sets; documents send frames as relays do. */
function sessionHub(store: MemoryFrameStore, session: string, clock = { now: 1_000_000 }) {
  const hub = new Hub({ store, session: Promise.resolve(session), now: () => clock.now });
  const pageSeqs = new Map<number, number>();
  /** One relay message of `n` text frames from tab `tabId`, stamped with the clock's time. */
  const send = async (tabId: number, n: number): Promise<void> => {
    const [relay, hubSide] = portPair<RelayToHub, HubToRelay>();
    hub.connectRelay(hubSide, tabId);
    const frames = Array.from({ length: n }, () => {
      const seq = (pageSeqs.get(tabId) ?? 0) + 1;
      pageSeqs.set(tabId, seq);
      return { seq, t: clock.now, socket: 'ws-1', dir: 'in' as const, kind: 'text' as const, data: `frame ${seq}` };
    });
    relay.postMessage({ type: 'frames', doc: `doc-${tabId}`, chunks: [{ frames }] });
    await flushMicrotasks();
    await hub.idle(tabId);
  };
  /** What a panel opened on `tabId` receives. */
  const panel = async (tabId: number) => {
    const [panelSide, hubSide] = portPair<PanelToHub, HubToPanel>();
    const received: HubToPanel[] = [];
    panelSide.onMessage.addListener((m) => received.push(m));
    hub.connectPanel(hubSide);
    panelSide.postMessage({ type: 'subscribe', tabId, after: 0 });
    await flushMicrotasks();
    await hub.idle(tabId);
    await flushMicrotasks();
    const frames = (): Frame[] => received.flatMap((m) => (m.type === 'frames' ? m.frames : []));
    return { received, frames };
  };
  return { hub, send, panel, clock };
}

describe('retention', () => {
  it('never serves another browser session’s capture for a reused tab id, and deletes it', async () => {
    const store = new MemoryFrameStore();
    const before = sessionHub(store, 'session-A');
    await before.send(5, 3);
    expect((await before.panel(5)).frames().map((f) => f.data)).toEqual(['frame 1', 'frame 2', 'frame 3']);

    // The browser restarted: tab 5 is now someone else's tab.
    const after = sessionHub(store, 'session-B');
    const panel = await after.panel(5);
    expect(panel.frames()).toEqual([]);
    expect(panel.received.find((m) => m.type === 'stats')).toMatchObject({ stats: { frames: 0, bytes: 0 } });
    expect(await store.readAfter(5, 0, 100)).toEqual([]);
    await after.send(5, 1);
    expect((await after.panel(5)).frames().map((f) => [f.seq, f.data])).toEqual([[1, 'frame 1']]);
    expect((await store.listTabs()).map((t) => t.session)).toEqual(['session-B']);
  });

  it('at startup deletes captures of tabs that no longer exist and of earlier sessions, keeps live ones', async () => {
    const store = new MemoryFrameStore();
    const old = sessionHub(store, 'session-A');
    await old.send(3, 2);
    const current = sessionHub(store, 'session-B');
    await current.send(1, 2);
    await current.send(2, 2);

    const restarted = sessionHub(store, 'session-B'); // a service-worker restart in the same session
    await restarted.hub.sweep(async (tabId) => [1, 3].includes(tabId)); // tab 2 was closed; tab 3's id is live but not its capture
    expect((await store.listTabs()).map((t) => t.tabId)).toEqual([1]);
    expect(await restarted.hub.usage()).toEqual({ tabs: 1, frames: 2, bytes: 'frame 1'.length * 2 });
    expect((await restarted.panel(1)).frames()).toHaveLength(2);
  });

  it('expires frames older than the maximum age and says so in the stats', async () => {
    const store = new MemoryFrameStore();
    const s = sessionHub(store, 'session-A');
    s.hub.setMaxAge(3_600_000);
    await s.send(1, 2);
    s.clock.now += 30 * 60_000;
    await s.send(1, 1);
    expect((await s.hub.usage()).frames).toBe(3);
    s.clock.now += 45 * 60_000; // the first two frames are 75 minutes old now, the last one 45
    await s.send(1, 1);
    const panel = await s.panel(1);
    expect(panel.frames().map((f) => f.seq)).toEqual([3, 4]);
    expect(panel.received.find((m) => m.type === 'stats')).toMatchObject({ stats: { frames: 2, firstSeq: 3 } });
    expect((await s.hub.usage()).frames).toBe(2);
  });

  it('expires at startup too, and keeps everything for the session when no age is set', async () => {
    const store = new MemoryFrameStore();
    const s = sessionHub(store, 'session-A');
    await s.send(1, 2);
    s.clock.now += 48 * 3_600_000;
    await s.send(1, 1);
    expect((await s.hub.usage()).frames).toBe(3); // default: the browser session, no age limit
    const restarted = sessionHub(store, 'session-A', s.clock);
    restarted.hub.setMaxAge(3_600_000);
    await restarted.hub.sweep(async (tabId) => tabId === 1);
    expect((await restarted.panel(1)).frames().map((f) => f.data)).toEqual(['frame 3']);
  });

  it('Delete all empties the store, tells open panels, and a live tab numbers on', async () => {
    const store = new MemoryFrameStore();
    const s = sessionHub(store, 'session-A');
    await s.send(1, 2);
    await s.send(2, 3);
    const open = await s.panel(1);
    await s.hub.deleteAll();
    await flushMicrotasks();
    expect(await s.hub.usage()).toEqual({ tabs: 0, frames: 0, bytes: 0 });
    expect(await store.readAfter(1, 0, 100)).toEqual([]);
    expect(await store.readAfter(2, 0, 100)).toEqual([]);
    expect(open.received.some((m) => m.type === 'cleared')).toBe(true);
    await s.send(1, 1);
    expect((await s.panel(1)).frames().map((f) => f.seq)).toEqual([3]);
  });
});
