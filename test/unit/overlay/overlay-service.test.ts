import { describe, expect, it, vi } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import { type FeedToHub, type HubMessage, OverlayService } from '../../../src/overlay/background/overlay-service';
import { OverlaySettings, type StorageLike } from '../../../src/overlay/background/overlay-settings';
import { memoryPorts, type PortLike } from '../../../src/overlay/background/ports';
import type { BackgroundToOverlay, OverlayToBackground } from '../../../src/overlay/shared/messages';
import { scenarioFrames } from '../../support/scenario-frames';

// Long enough for the feed's slice and its summary timer (both 0 ms here).
const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

function memoryStorage(): StorageLike & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  return {
    data,
    get: async (key) => (key in data ? { [key]: structuredClone(data[key]) } : {}),
    set: async (items) => void Object.assign(data, structuredClone(items)),
  };
}

/** A service on a fake hub that answers each subscription with `frames` and then stays live. */
function setup(frames: Frame[], storage = memoryStorage()) {
  const subscriptions: { tabId: number; hub: PortLike<FeedToHub, HubMessage>; open: boolean }[] = [];
  const service = new OverlayService({
    settings: new OverlaySettings(storage),
    // Whole slices: a loaded test machine must not turn one tick into several.
    feed: { minIntervalMs: 0, sliceMs: 60_000 },
    subscribe: () => {
      const [hub, feed] = memoryPorts<HubMessage, FeedToHub>();
      const entry = { tabId: -1, hub, open: true };
      subscriptions.push(entry);
      hub.onDisconnect.addListener(() => (entry.open = false));
      hub.onMessage.addListener((message) => {
        entry.tabId = message.tabId;
        hub.postMessage({ type: 'frames', frames });
        hub.postMessage({ type: 'backlog-done' });
      });
      return feed;
    },
  });
  const overlay = (tabId: number, origin: string) => {
    const [page, background] = memoryPorts<OverlayToBackground, BackgroundToOverlay>();
    const received: BackgroundToOverlay[] = [];
    page.onMessage.addListener((m) => received.push(m));
    service.connect(background, tabId);
    page.postMessage({ type: 'hello', origin, top: true });
    return { page, received, states: () => received.filter((m) => m.type === 'state').map((m) => m.on) };
  };
  return { service, storage, subscriptions, overlay };
}

const all = scenarioFrames('inbound-hold-resume', { keepaliveMs: 0 });
/** The call while it is on hold. */
const frames = all.slice(0, all.findIndex((f) => f.data?.includes('"type":"AgentContactHeld"')) + 1);

describe('OverlayService', () => {
  it('is off by default: no model runs and nothing but "off" reaches the page', async () => {
    const { overlay, subscriptions } = setup(frames);
    const desk = overlay(1, 'https://desktop.wxcc-us1.cisco.com');
    await tick();
    expect(desk.received).toEqual([{ type: 'state', on: false }]);
    expect(subscriptions).toHaveLength(0);
  });

  it('switched on for a tab, it is on for its origin (remembered), and summaries flow', async () => {
    const { service, overlay, storage, subscriptions } = setup(frames);
    const desk = overlay(1, 'https://desktop.wxcc-us1.cisco.com');
    const other = overlay(2, 'https://desktop.wxcc-eu1.cisco.com');
    await tick();
    expect(await service.request({ type: 'overlay-set', tabId: 1, on: true })).toEqual({
      origin: 'https://desktop.wxcc-us1.cisco.com',
      on: true,
    });
    await tick();
    expect(desk.states()).toEqual([false, true]);
    expect(other.states()).toEqual([false]);
    expect(storage.data.overlayOrigins).toEqual(['https://desktop.wxcc-us1.cisco.com']);
    expect(subscriptions.map((s) => s.tabId)).toEqual([1]);
    await vi.waitFor(() => {
      const summary = desk.received.find((m) => m.type === 'summary');
      expect(summary?.type === 'summary' && summary.summary.interactions.length).toBe(1);
    });
    // A page load of the same origin in another tab comes up on at once.
    const later = overlay(3, 'https://desktop.wxcc-us1.cisco.com');
    await tick();
    await tick();
    expect(later.states()).toEqual([true]);
    await vi.waitFor(() => expect(later.received.some((m) => m.type === 'summary')).toBe(true));
  });

  it('the keyboard command flips it; off, the tab’s model is let go', async () => {
    const { service, overlay, subscriptions } = setup(frames);
    const desk = overlay(1, 'https://desktop.wxcc-us1.cisco.com');
    await tick();
    expect((await service.toggle(1)).on).toBe(true);
    await tick();
    expect(subscriptions[0]!.open).toBe(true);
    expect((await service.toggle(1)).on).toBe(false);
    await tick();
    expect(desk.states()).toEqual([false, true, false]);
    expect(subscriptions[0]!.open).toBe(false);
  });

  it('the choice outlives the worker: a new service on the same storage comes up on', async () => {
    const first = setup(frames);
    first.overlay(1, 'https://desktop.wxcc-us1.cisco.com');
    await tick();
    await first.service.request({ type: 'overlay-set', tabId: 1, on: true });
    const restarted = setup(frames, first.storage);
    const desk = restarted.overlay(1, 'https://desktop.wxcc-us1.cisco.com');
    await tick();
    await tick();
    expect(desk.states()).toEqual([true]);
    await vi.waitFor(() => expect(desk.received.some((m) => m.type === 'summary')).toBe(true));
  });

  it('a tab without a desktop has no origin to switch; a closed page releases its model', async () => {
    const { service, overlay, subscriptions } = setup(frames);
    expect(await service.request({ type: 'overlay-get', tabId: 9 })).toEqual({ origin: null, on: false });
    expect(await service.toggle(9)).toEqual({ origin: null, on: false });
    const desk = overlay(1, 'https://desktop.wxcc-us1.cisco.com');
    await tick();
    await service.request({ type: 'overlay-set', tabId: 1, on: true });
    desk.page.disconnect();
    expect(subscriptions[0]!.open).toBe(false);
    expect(await service.request({ type: 'overlay-get', tabId: 1 })).toEqual({ origin: null, on: false });
  });

  it('ignores malformed hellos', async () => {
    const { service } = setup(frames);
    const [page, background] = memoryPorts<OverlayToBackground, BackgroundToOverlay>();
    service.connect(background, 1);
    page.postMessage({ type: 'hello', origin: 42 } as unknown as OverlayToBackground);
    page.postMessage(null as unknown as OverlayToBackground);
    await tick();
    expect(await service.request({ type: 'overlay-get', tabId: 1 })).toEqual({ origin: null, on: false });
  });
});
