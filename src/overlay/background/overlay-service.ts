import type { Frame } from '../../frame/frame';
import type { BackgroundToOverlay, OverlayRequest, OverlayTabState, OverlayToBackground } from '../shared/messages';
import { OverlayFeed, type OverlayFeedOptions } from './overlay-feed';
import type { OverlaySettings } from './overlay-settings';
import type { PortLike } from './ports';

/** What the hub sends a subscriber (the panel protocol; only the parts the feed needs). */
export type HubMessage =
  | { type: 'frames'; frames: Frame[] }
  | { type: 'backlog-done' }
  | { type: 'cleared' }
  | { type: 'stats' }
  /** The hub deleted the tab's oldest frames: the overlay holds no frames, its summaries stay right. */
  | { type: 'shed' }
  /** Sent only to a subscriber that asked for a tail first; the overlay reads its backlog in order. */
  | { type: 'tail' }
  /** Chrome deep capture switched on or off for the tab: nothing the overlay shows. */
  | { type: 'deep-capture' };
export type FeedToHub = { type: 'subscribe'; tabId: number; after: number };

export interface OverlayServiceOptions {
  /** A new subscription to the tab's capture, as a panel gets it (backlog, then live frames). */
  subscribe(tabId: number): PortLike<HubMessage, FeedToHub>;
  settings: OverlaySettings;
  feed?: Omit<OverlayFeedOptions, 'emit'>;
}

interface Peer {
  port: PortLike<OverlayToBackground, BackgroundToOverlay>;
  tabId: number;
  frameId: number;
  origin: string;
  on: boolean;
}

interface TabFeed {
  feed: OverlayFeed;
  hub: PortLike<HubMessage, FeedToHub>;
}

/**
 * The background side of the overlay: knows which desktop documents have an overlay content
 * script (a port each), whether the overlay is on for their origin, and runs one `OverlayFeed`
 * per tab while at least one of its overlays is on. Switching it on or off (panel, popup,
 * keyboard command) is stored per origin and applied at once to every open document of it.
 */
export class OverlayService {
  private readonly peers = new Set<Peer>();
  private readonly feeds = new Map<number, TabFeed>();

  constructor(private readonly options: OverlayServiceOptions) {}

  connect(port: PortLike<OverlayToBackground, BackgroundToOverlay>, tabId: number | undefined, frameId = 0): void {
    if (tabId === undefined || tabId < 0) {
      port.disconnect();
      return;
    }
    let peer: Peer | undefined;
    port.onMessage.addListener((message) => {
      if (message?.type !== 'hello' || peer || typeof message.origin !== 'string') return;
      const joined: Peer = { port, tabId, frameId, origin: message.origin, on: false };
      peer = joined;
      this.peers.add(joined);
      void this.options.settings.isOn(joined.origin).then((on) => {
        if (this.peers.has(joined)) this.apply(joined, on);
      });
    });
    port.onDisconnect.addListener(() => {
      if (!peer) return;
      this.peers.delete(peer);
      this.releaseIfUnused(peer.tabId);
    });
  }

  /** The panel's and the popup's questions about a tab. */
  async request(message: OverlayRequest): Promise<OverlayTabState> {
    if (message.type === 'overlay-set') await this.set(message.tabId, message.on);
    return this.state(message.tabId);
  }

  /** The keyboard command: flips the overlay for the tab's desktop origin. */
  async toggle(tabId: number): Promise<OverlayTabState> {
    const state = await this.state(tabId);
    if (state.origin !== null) await this.set(tabId, !state.on);
    return this.state(tabId);
  }

  removeTab(tabId: number): void {
    for (const peer of this.peers) if (peer.tabId === tabId) this.peers.delete(peer);
    this.releaseIfUnused(tabId);
  }

  /** Per tab with an overlay on: frames modelled, summaries sent and their bytes (benchmarks). */
  stats(): Record<number, { frames: number; summaries: number; bytes: number }> {
    const out: Record<number, { frames: number; summaries: number; bytes: number }> = {};
    for (const [tabId, { feed }] of this.feeds) out[tabId] = { ...feed.stats };
    return out;
  }

  /** The documents with an overlay script, by tab and frame (diagnostics and tests). */
  documents(): { tabId: number; frameId: number; origin: string; on: boolean }[] {
    return [...this.peers].map(({ tabId, frameId, origin, on }) => ({ tabId, frameId, origin, on }));
  }

  private async state(tabId: number): Promise<OverlayTabState> {
    const origin = this.originOf(tabId);
    return { origin, on: origin !== null && (await this.options.settings.isOn(origin)) };
  }

  private async set(tabId: number, on: boolean): Promise<void> {
    const origin = this.originOf(tabId);
    if (origin === null) return;
    await this.options.settings.set(origin, on);
    for (const peer of this.peers) if (peer.origin === origin) this.apply(peer, on);
  }

  /** The desktop origin of a tab: the one its overlay content scripts run in (a CRM's iframe too). */
  private originOf(tabId: number): string | null {
    for (const peer of this.peers) if (peer.tabId === tabId) return peer.origin;
    return null;
  }

  private apply(peer: Peer, on: boolean): void {
    peer.on = on;
    this.post(peer, { type: 'state', on });
    if (on) {
      const current = this.feedFor(peer.tabId).feed.current;
      if (current) this.post(peer, { type: 'summary', summary: current });
    } else {
      this.releaseIfUnused(peer.tabId);
    }
  }

  private feedFor(tabId: number): TabFeed {
    let tab = this.feeds.get(tabId);
    if (tab) return tab;
    const feed = new OverlayFeed({
      ...this.options.feed,
      emit: (summary) => {
        for (const peer of this.peers)
          if (peer.tabId === tabId && peer.on) this.post(peer, { type: 'summary', summary });
      },
    });
    const hub = this.options.subscribe(tabId);
    tab = { feed, hub };
    this.feeds.set(tabId, tab);
    hub.onMessage.addListener((message) => {
      if (message.type === 'frames') feed.frames(message.frames);
      else if (message.type === 'backlog-done') feed.backlogDone();
      else if (message.type === 'cleared') feed.cleared();
    });
    hub.onDisconnect.addListener(() => {
      feed.close();
      if (this.feeds.get(tabId) === tab) this.feeds.delete(tabId);
    });
    hub.postMessage({ type: 'subscribe', tabId, after: 0 });
    return tab;
  }

  private releaseIfUnused(tabId: number): void {
    for (const peer of this.peers) if (peer.tabId === tabId && peer.on) return;
    const tab = this.feeds.get(tabId);
    if (!tab) return;
    this.feeds.delete(tabId);
    tab.feed.close();
    tab.hub.disconnect();
  }

  private post(peer: Peer, message: BackgroundToOverlay): void {
    try {
      peer.port.postMessage(message);
    } catch {
      this.peers.delete(peer);
    }
  }
}
