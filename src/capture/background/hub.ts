import type { Frame } from '../../frame/frame';
import { cleanCredentialUrl, cleanSocketCredentials } from '../../frame/credentials';
import { joinJsonPieces, type PageChunk, type PageFrame } from '../shared/page-chunk';
import { newTabRecord, type DocRecord, type FrameStore, type Removed, type TabRecord } from './frame-store';
import type { CaptureStats } from '../../frame/capture-stats';
import type {
  DeepCaptureState,
  HubToPanel,
  HubToRelay,
  PanelToHub,
  RelayToHub,
  ShedReason,
  StorageUsage,
} from '../shared/messages';
import type { PortLike } from '../shared/port';
import { utf8Length } from '../../frame/utf8';

export const DEFAULT_BUDGET_BYTES = 64 * 1024 * 1024;
/** Socket id of the frames the capture itself writes (navigations, notices). */
export const CAPTURE_SOCKET = 'capture';
const MAX_DOCS = 64;
const OTHER_ID_KINDS = new Set(['worker', 'cdp', 'http']);
const BACKLOG_CHUNK = 16;
/**
 * A backlog message holds about this many payload bytes at most (one frame more at most; a
 * stored batch may be split over messages): the panel deserialises each message in one task on
 * its UI thread, and a reopened panel receives the older frames back to back, so each must stay
 * a small slice (256 KiB: a few milliseconds; 1 MiB took 25–40 ms on a busy 2-core machine).
 */
export const BACKLOG_MESSAGE_BYTES = 256 * 1024;
/**
 * The newest frames sent first to a reopened panel come in one message of at most this many
 * payload bytes: one task to show the present (its rows), paid once.
 */
export const TAIL_MESSAGE_BYTES = 1024 * 1024;
/**
 * A paced backlog (`subscribe` with `paced`): at most this many backlog messages sent and not yet
 * answered with `more`, so the next is on its way while the panel takes one in.
 */
export const BACKLOG_WINDOW = 4;
/**
 * A paced backlog whose panel answers nothing for this long (ms) is sent on unpaced: the tab's
 * queue (its live frames, other panels) waits while a backlog is sent, so a stuck panel must not
 * hold it.
 */
export const PACE_TIMEOUT_MS = 2_000;
/**
 * A paced backlog is sent on unpaced once it has held the tab's queue this long (ms) in all: a
 * panel that answers, but slowly (its timers throttled in a hidden DevTools, a starved machine),
 * must not hold the tab's live frames, its other panels and the overlay for minutes either.
 * Filling in 64 MiB takes 2-4 s (README, Benchmarks, `reopen`).
 */
export const PACE_HOLD_MS = 20_000;

/** The panel's answers to a paced backlog (`more`), and whether its port is gone. */
class BacklogPace {
  private answered = 0;
  private sent = 0;
  private closed = false;
  private wake: (() => void) | null = null;
  /** When the first message went (epoch ms). */
  private started: number | undefined;

  more(): void {
    this.answered++;
    this.wake?.();
  }

  close(): void {
    this.closed = true;
    this.wake?.();
  }

  /** Stops a wait for room (`sentOne` resolves): the panel holds its backlog (`hold`). */
  interrupt(): void {
    this.wake?.();
  }

  /** The backlog goes on after a hold: `PACE_HOLD_MS` counts from its next message. */
  restart(): void {
    this.started = undefined;
  }

  /**
   * One more message sent; resolves once the window has room (or the panel is gone, or `stop`
   * says so when `interrupt`ed), false after a timeout (`PACE_TIMEOUT_MS` without an answer, or
   * `PACE_HOLD_MS` since the first message).
   */
  async sentOne(stop: () => boolean = () => false): Promise<boolean> {
    this.sent++;
    this.started ??= Date.now();
    while (!this.closed && !stop() && this.sent - this.answered >= BACKLOG_WINDOW) {
      const left = this.started + PACE_HOLD_MS - Date.now();
      if (left <= 0) return false;
      const answered = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), Math.min(PACE_TIMEOUT_MS, left));
        this.wake = () => {
          clearTimeout(timer);
          resolve(true);
        };
      });
      this.wake = null;
      if (!answered) return false;
    }
    return true;
  }
}

/**
 * A panel's backlog, from its `subscribe` until sent. A clear of the tab stops it: the clear
 * waits in the tab's queue behind the backlog, and a paced one goes at the panel's analysis' pace
 * (seconds on a long capture), so the reader's Clear (or Delete all) would wait that long while
 * the frames it deletes kept arriving.
 */
interface FillIn {
  stopped: boolean;
  pace: BacklogPace | null;
  /**
   * The panel was paused (`hold`): the backlog stops at its next message, and what is left to send
   * (`rest`) waits for `fill`. Meanwhile the tab's queue goes on (live frames are stored, within
   * the budget), and the panel gets everything but frames: a paused panel holds no backlog.
   */
  held: boolean;
  rest: FillRange[] | null;
}

/** Frames with `after` < seq < `until` still to send to a panel. */
type FillRange = [after: number, until: number];

/** Deep capture as the hub drives it (deep-capture.ts); absent where the browser has none. */
export interface DeepCaptureControl {
  start(tabId: number): Promise<DeepCaptureState>;
  stop(tabId: number): Promise<DeepCaptureState>;
  state(tabId: number): DeepCaptureState;
}

export interface HubOptions {
  store: FrameStore;
  deepCapture?: DeepCaptureControl;
  budgetBytes?: number;
  now?: () => number;
  /**
   * This browser session's id (see retention.ts). A stored tab of another session is deleted, never
   * loaded: tab ids are reused after a restart. Without it (tests) every stored tab is current.
   */
  session?: Promise<string>;
}

/** A relay's frames messages stored before one is acknowledged, when more are waiting. */
const ACK_EVERY = 16;

/** How often at most a tab that receives frames checks them for expiry. */
const EXPIRY_CHECK_MS = 60_000;

interface TabState {
  record: TabRecord;
  panels: Set<PortLike<PanelToHub, HubToPanel>>;
  /** Panels whose backlog is held (`hold`): every message but frames goes to them too. */
  held: Map<PortLike<PanelToHub, HubToPanel>, FillIn>;
}

/**
 * Puts each text payload back into its frame from the chunk's body (see PageChunkSchema). A body
 * that does not match its lengths is reported, and the frames are kept with what could be read.
 */
export function unpackChunk(chunk: PageChunk): { pageFrames: PageFrame[]; problem?: string } {
  if (chunk.body === undefined) return { pageFrames: chunk.frames };
  const text = typeof chunk.body === 'string' ? chunk.body : chunk.body.join('');
  let offset = 0;
  for (const frame of chunk.frames) {
    if (frame.len === undefined) continue;
    frame.data = frame.json ? joinJsonPieces(text, offset, frame.json) : text.slice(offset, offset + frame.len);
    offset += frame.len;
    delete frame.len;
    delete frame.json;
  }
  if (offset === text.length) return { pageFrames: chunk.frames };
  const first = chunk.frames[0]!.seq;
  return {
    pageFrames: chunk.frames,
    problem: `payloads of frames ${first}–${chunk.frames.at(-1)!.seq} did not match their lengths (${text.length} characters for ${offset})`,
  };
}

/**
 * The tab-wide id of a document's socket, worker or request: the document's own id keeps its kind
 * (`ws-3` → `ws-N`, `worker-1` → `worker-N`, `cdp-…` → `cdp-N`), numbered per kind in the tab.
 */
function tabSocketId(record: TabRecord, pageId: string): string {
  const dash = pageId.indexOf('-');
  const prefix = dash > 0 ? pageId.slice(0, dash) : 'ws';
  if (!OTHER_ID_KINDS.has(prefix)) return `ws-${++record.nextSocket}`;
  const counters = (record.nextIds ??= {});
  const n = (counters[prefix] ?? 0) + 1;
  counters[prefix] = n;
  return `${prefix}-${n}`;
}

/**
 * The background's per-tab capture: it numbers frames for the tab, stores them durably within a
 * byte budget (oldest shed first, counted), acknowledges them to the relay once stored, and
 * streams backlog and live frames to every panel open on the tab. All work for one tab runs in
 * order through one queue, so a panel subscribing mid-stream neither misses nor repeats a frame.
 */
export class Hub {
  private readonly tabs = new Map<number, Promise<TabState>>();
  private readonly queues = new Map<number, Promise<unknown>>();
  private budgetBytes: number;
  private readonly now: () => number;
  private readonly session: Promise<string | undefined>;
  private maxAgeMs: number | null = null;
  private readonly lastExpiryCheck = new Map<number, number>();
  /** Each tab's backlogs asked for and not yet sent (a clear stops them). */
  private readonly fillIns = new Map<number, Set<FillIn>>();

  constructor(private readonly options: HubOptions) {
    this.budgetBytes = options.budgetBytes ?? DEFAULT_BUDGET_BYTES;
    this.now = options.now ?? Date.now;
    this.session = options.session ?? Promise.resolve(undefined);
  }

  /**
   * Another byte budget per tab (the test build's knob, `wxccHub.setBudget` in its background;
   * the shipped build keeps `DEFAULT_BUDGET_BYTES`). A tab over it sheds with its next batch.
   */
  setBudget(bytes: number): void {
    this.budgetBytes = bytes;
  }

  /** Frames older than this are deleted (null: kept for the browser session; see retention.ts). */
  setMaxAge(ms: number | null): void {
    this.maxAgeMs = ms;
    this.lastExpiryCheck.clear();
  }

  /**
   * Startup retention: deletes every stored capture of a tab that no longer exists or belongs to
   * another browser session, and expires old frames of the rest. `isLive` asks the browser; it is
   * asked in the tab's own queue, so a tab that started capturing meanwhile is seen as live.
   */
  async sweep(isLive: (tabId: number) => Promise<boolean>): Promise<void> {
    const session = await this.session;
    for (const stored of await this.options.store.listTabs()) {
      const tabId = stored.tabId;
      if (session !== undefined && stored.session !== session) {
        await this.removeTab(tabId);
        continue;
      }
      await this.run(tabId, async (tab) => {
        if (await isLive(tabId)) await this.expire(tab, true);
        else await this.forgetTab(tabId);
      });
    }
  }

  /** Totals over every stored tab. */
  async usage(): Promise<StorageUsage> {
    const usage: StorageUsage = { tabs: 0, frames: 0, bytes: 0 };
    for (const stored of await this.options.store.listTabs()) {
      if (stored.frames > 0) usage.tabs++;
      usage.frames += stored.frames;
      usage.bytes += stored.bytes;
    }
    return usage;
  }

  /**
   * The options page's Delete all: every tab's frames go. A tab with a live capture continues its
   * numbering (as with the panel's Clear); any other tab's record goes too.
   */
  async deleteAll(): Promise<void> {
    const ids = new Set([...this.tabs.keys(), ...(await this.options.store.listTabs()).map((t) => t.tabId)]);
    await Promise.all(
      [...ids].map((tabId) => {
        this.stopFillIns(tabId);
        return this.tabs.has(tabId) ? this.run(tabId, (tab) => this.clear(tab)) : this.removeTab(tabId);
      }),
    );
  }

  connectRelay(port: PortLike<RelayToHub, HubToRelay>, tabId: number | undefined): void {
    if (tabId === undefined || tabId < 0) {
      port.disconnect();
      return;
    }
    // Frames messages received and not yet stored: while more are waiting, the last one's
    // acknowledgement covers them all (each one is a task on the page's thread), but at most
    // ACK_EVERY go unacknowledged, so the relay's buffer keeps draining under a steady stream.
    let waiting = 0;
    let unacked = 0;
    port.onMessage.addListener((message) => {
      if (message?.type === 'hello') {
        void this.run(tabId, async (tab) => {
          const doc = this.openDoc(tab.record, message.doc);
          // A page's address right after a login may hold its OAuth code or token: never recorded.
          const url = typeof message.url === 'string' ? cleanCredentialUrl(message.url) : message.url;
          if (typeof url === 'string') doc.url = url;
          if (doc.lastPageSeq === 0 && message.top && doc.seen === 0) {
            doc.seen = this.now();
            await this.commit(tab, [this.metaFrame(tab.record, 'navigation', url, url)]);
          } else {
            doc.seen = this.now();
          }
          this.post(port, { type: 'welcome', acked: doc.lastPageSeq });
        });
      } else if (message?.type === 'frames') {
        waiting++;
        void this.run(tabId, async (tab) => {
          waiting--;
          const doc = this.openDoc(tab.record, message.doc);
          const frames: Frame[] = [];
          for (const chunk of message.chunks ?? []) {
            const { pageFrames, problem } = unpackChunk(chunk);
            for (const frame of this.number(tab.record, doc, pageFrames)) frames.push(frame);
            if (problem) frames.push(this.metaFrame(tab.record, 'notice', problem));
          }
          for (const notice of message.notices ?? []) frames.push(this.metaFrame(tab.record, 'notice', notice));
          await this.commit(tab, frames);
          if (waiting > 0 && ++unacked < ACK_EVERY) return;
          unacked = 0;
          this.post(port, { type: 'ack', seq: doc.lastPageSeq });
        });
      }
    });
  }

  connectPanel(port: PortLike<PanelToHub, HubToPanel>): void {
    let tabId: number | null = null;
    let pace: BacklogPace | null = null;
    let fillIn: FillIn | null = null;
    port.onMessage.addListener((message) => {
      if (message?.type === 'subscribe' && tabId === null) {
        tabId = message.tabId;
        if (message.paced === true) pace = new BacklogPace();
        const own: FillIn = (fillIn = { stopped: false, pace, held: false, rest: null });
        // Tracked from now on: a clear queued behind it stops it before it starts.
        const untrack = this.track(tabId, own);
        void this.run(tabId, async (tab) => {
          this.post(port, { type: 'stats', stats: this.stats(tab.record) });
          await this.fill(tab, port, own, message.after, message.tail ?? 0, untrack);
        });
      } else if (message?.type === 'hold') {
        if (!fillIn || fillIn.stopped) return;
        fillIn.held = true;
        fillIn.pace?.interrupt();
      } else if (message?.type === 'fill' && tabId !== null && fillIn) {
        const own = fillIn;
        // Not stopped yet (the next message is still to be sent): it just goes on.
        own.held = false;
        const untrack = this.track(tabId, own);
        void this.run(tabId, async (tab) => {
          const rest = own.rest;
          // Nothing held (the backlog went on, or is done), or a clear ended it (`clear`).
          if (!rest || own.stopped || tab.held.get(port) !== own) return untrack();
          tab.held.delete(port);
          own.rest = null;
          own.pace?.restart();
          await this.fill(tab, port, own, rest, 0, untrack);
        });
      } else if (message?.type === 'deep-capture' && tabId !== null) {
        const control = this.options.deepCapture;
        const id = tabId;
        if (!control) {
          this.post(port, {
            type: 'deep-capture',
            state: { on: false, error: 'this browser or build has no deep capture' },
          });
          return;
        }
        void (message.on ? control.start(id) : control.stop(id)).then((state) => this.deepCaptureState(id, state));
      } else if (message?.type === 'more') {
        pace?.more();
      } else if (message?.type === 'clear' && tabId !== null) {
        this.stopFillIns(tabId);
        void this.run(tabId, (tab) => this.clear(tab));
      }
    });
    port.onDisconnect.addListener(() => {
      pace?.close();
      if (tabId === null) return;
      void this.tabs.get(tabId)?.then((tab) => {
        tab.panels.delete(port);
        tab.held.delete(port);
      });
    });
  }

  /**
   * Sends a panel its backlog (`after` and `tail`: its subscription; or the ranges a hold left),
   * then `backlog-done`, and from then on the tab's live frames. Held (`hold`) before the end, it
   * stops where it is and keeps the rest for `fill`; the tab's queue goes on meanwhile.
   */
  private async fill(
    tab: TabState,
    port: PortLike<PanelToHub, HubToPanel>,
    fillIn: FillIn,
    after: number | FillRange[],
    tail: number,
    untrack: () => void,
  ): Promise<void> {
    const tabId = tab.record.tabId;
    let rest: FillRange[] | null;
    try {
      rest = await this.sendBacklog(port, tabId, after, tail, fillIn);
    } finally {
      untrack();
    }
    if (rest && !fillIn.stopped) {
      fillIn.rest = rest;
      tab.held.set(port, fillIn);
      return;
    }
    this.post(port, { type: 'backlog-done' });
    tab.panels.add(port);
    if (this.options.deepCapture) {
      this.post(port, { type: 'deep-capture', state: this.options.deepCapture.state(tabId) });
    }
  }

  /**
   * Frames that did not come through a relay (deep capture): numbered into the tab like a
   * document's, `doc` naming their source for its whole life.
   */
  acceptFrames(
    tabId: number,
    docId: string,
    url: string,
    pageFrames: PageFrame[],
    notices: string[] = [],
  ): Promise<void> {
    return this.run(tabId, async (tab) => {
      const doc = this.openDoc(tab.record, docId);
      doc.url ??= cleanCredentialUrl(url);
      doc.seen = this.now();
      const frames = this.number(tab.record, doc, pageFrames);
      for (const notice of notices) {
        const frame = this.metaFrame(tab.record, 'notice', notice);
        frame.source = 'cdp';
        frames.push(frame);
      }
      await this.commit(tab, frames);
    });
  }

  /** Tells every panel of the tab whether deep capture is on. */
  deepCaptureState(tabId: number, state: DeepCaptureState): void {
    void this.tabs.get(tabId)?.then((tab) => this.broadcast(tab, { type: 'deep-capture', state }));
  }

  removeTab(tabId: number): Promise<void> {
    return this.run(tabId, () => this.forgetTab(tabId));
  }

  /** Counts a backlog as on its way for the tab (`stopFillIns`); returns what forgets it. */
  private track(tabId: number, fillIn: FillIn): () => void {
    let fillIns = this.fillIns.get(tabId);
    if (!fillIns) this.fillIns.set(tabId, (fillIns = new Set()));
    fillIns.add(fillIn);
    const own = fillIns;
    return () => {
      own.delete(fillIn);
      if (!own.size && this.fillIns.get(tabId) === own) this.fillIns.delete(tabId);
    };
  }

  /**
   * Stops the tab's backlogs being sent (a clear is coming): each ends with `backlog-done` where it
   * is, and the `cleared` right behind it tells its panel that nothing before is kept.
   */
  private stopFillIns(tabId: number): void {
    for (const fillIn of this.fillIns.get(tabId) ?? []) {
      fillIn.stopped = true;
      fillIn.pace?.close();
    }
  }

  /** Resolves when all work queued so far for the tab is done (tests use it). */
  idle(tabId: number): Promise<void> {
    return this.run(tabId, async () => {});
  }

  private run(tabId: number, work: (tab: TabState) => Promise<void>): Promise<void> {
    const previous = this.queues.get(tabId) ?? Promise.resolve();
    const next = previous.then(async () => {
      try {
        await work(await this.tab(tabId));
      } catch (error) {
        // A failed write must not leave the counters ahead of what is stored: reload them. The
        // relay was not acknowledged, so it sends the frames again.
        console.error('wxcc-inspector hub:', error);
        this.tabs.delete(tabId);
      }
    });
    this.queues.set(tabId, next);
    return next;
  }

  private tab(tabId: number): Promise<TabState> {
    let tab = this.tabs.get(tabId);
    if (!tab) {
      tab = this.load(tabId);
      this.tabs.set(tabId, tab);
    }
    return tab;
  }

  private async load(tabId: number): Promise<TabState> {
    const [session, stored] = await Promise.all([this.session, this.options.store.loadTab(tabId)]);
    let record = stored;
    if (record && session !== undefined && record.session !== session) {
      // Another session's tab that had the same id: never shown, deleted now.
      await this.options.store.deleteTab(tabId);
      record = undefined;
    }
    return { record: record ?? newTabRecord(tabId, session), panels: new Set(), held: new Map() };
  }

  private async forgetTab(tabId: number): Promise<void> {
    await this.options.store.deleteTab(tabId);
    this.tabs.delete(tabId);
    this.lastExpiryCheck.delete(tabId);
  }

  private async clear(tab: TabState): Promise<void> {
    await this.options.store.deleteTab(tab.record.tabId);
    const { docs, nextSeq, nextSocket, nextIds, session } = tab.record;
    // Seq numbering and the documents' acknowledgements carry on: only the frames go.
    tab.record = {
      ...newTabRecord(tab.record.tabId, session),
      docs,
      nextSeq,
      nextSocket,
      nextIds,
      firstSeq: nextSeq,
      clearedAt: this.now(),
    };
    await this.options.store.save(tab.record, null);
    // A held backlog ends here, as a running one does (`stopFillIns`): nothing before is kept.
    for (const [port, fillIn] of tab.held) {
      fillIn.stopped = true;
      fillIn.rest = null;
      this.post(port, { type: 'backlog-done' });
      tab.panels.add(port);
    }
    tab.held.clear();
    this.broadcast(tab, { type: 'cleared', nextSeq });
    this.broadcast(tab, { type: 'stats', stats: this.stats(tab.record) });
  }

  /** Deletes the tab's frames older than the maximum age (at most once a minute unless `now`). */
  private async expire(tab: TabState, now = false): Promise<void> {
    if (this.maxAgeMs === null) return;
    const record = tab.record;
    const t = this.now();
    if (!now && t - (this.lastExpiryCheck.get(record.tabId) ?? 0) < EXPIRY_CHECK_MS) return;
    this.lastExpiryCheck.set(record.tabId, t);
    const removed = await this.options.store.expireBefore(record.tabId, t - this.maxAgeMs);
    if (!removed.frames) return;
    this.forget(record, removed);
    await this.options.store.save(record, null);
    this.broadcastShed(tab, removed, 'age');
    this.broadcast(tab, { type: 'stats', stats: this.stats(record) });
  }

  /** Takes deleted batches off the record's counters. */
  private forget(record: TabRecord, removed: Removed): void {
    record.frames -= removed.frames;
    record.bytes -= removed.bytes;
    record.firstSeq = removed.nextFirstSeq ?? record.nextSeq;
  }

  private openDoc(record: TabRecord, docId: string): DocRecord {
    let doc = record.docs[docId];
    if (!doc) {
      doc = { lastPageSeq: 0, sockets: {}, seen: 0 };
      record.docs[docId] = doc;
      const ids = Object.keys(record.docs);
      if (ids.length > MAX_DOCS) {
        ids.sort((a, b) => record.docs[a]!.seen - record.docs[b]!.seen);
        for (const id of ids.slice(0, ids.length - MAX_DOCS)) if (id !== docId) delete record.docs[id];
      }
    }
    return doc;
  }

  /**
   * Gives page frames their tab seq. A hole in the document's own numbering (frames the page side
   * had to shed) is carried over as the same hole in the tab's, so the panel shows it as a gap.
   */
  private number(record: TabRecord, doc: DocRecord, pageFrames: PageFrame[]): Frame[] {
    const frames: Frame[] = [];
    for (const page of pageFrames) {
      if (page.seq <= doc.lastPageSeq) continue;
      record.nextSeq += page.seq - doc.lastPageSeq - 1;
      doc.lastPageSeq = page.seq;
      // Captured before a clear, arrived after it: cleared too, and no gap in the numbering.
      if (record.clearedAt !== undefined && page.t < record.clearedAt) continue;
      let socket = CAPTURE_SOCKET;
      let first = false;
      if (page.socket !== CAPTURE_SOCKET) {
        const known = doc.sockets[page.socket];
        if (known === undefined) {
          socket = doc.sockets[page.socket] = tabSocketId(record, page.socket);
          first = true;
        } else socket = known;
      }
      const frame: Frame = {
        seq: record.nextSeq++,
        t: page.t,
        socket,
        dir: page.dir,
        kind: page.kind,
        size: page.size ?? (page.data === undefined ? 0 : utf8Length(page.data)),
      };
      if (page.url !== undefined) frame.url = page.url;
      // A socket's or a worker's message may carry a token (Webex's Mercury socket sends the
      // user's access token): cleaned before it is stored, so no credential is ever recorded.
      // `size` stays the wire's. (REST frames were cleaned in the page.)
      if (page.data !== undefined) frame.data = page.kind === 'text' ? cleanSocketCredentials(page.data) : page.data;
      if (page.close !== undefined) frame.close = page.close;
      if (page.channel !== undefined) frame.channel = page.channel;
      if (page.source !== undefined) frame.source = page.source;
      if (page.frameUrl !== undefined) frame.frameUrl = page.frameUrl;
      else if (first && doc.url !== undefined) frame.frameUrl = doc.url;
      if (page.http !== undefined) frame.http = page.http;
      // A response is a request's last frame: its id is not needed again, so the map stays bounded
      // by the requests in flight rather than growing with every call the page makes.
      if (page.kind === 'response') delete doc.sockets[page.socket];
      frames.push(frame);
    }
    return frames;
  }

  private metaFrame(record: TabRecord, kind: 'navigation' | 'notice', data: string, url?: string): Frame {
    const frame: Frame = {
      seq: record.nextSeq++,
      t: this.now(),
      socket: CAPTURE_SOCKET,
      dir: 'meta',
      kind,
      data,
      size: 0,
    };
    if (url !== undefined) frame.url = url;
    return frame;
  }

  private async commit(tab: TabState, frames: Frame[]): Promise<void> {
    const record = tab.record;
    if (!frames.length) {
      await this.options.store.save(record, null);
      return;
    }
    let bytes = 0;
    for (const frame of frames) bytes += frame.size;
    record.frames += frames.length;
    record.bytes += bytes;
    let lastT = 0;
    for (const frame of frames) if (frame.t > lastT) lastT = frame.t;
    await this.options.store.save(record, {
      tabId: record.tabId,
      firstSeq: frames[0]!.seq,
      lastSeq: frames[frames.length - 1]!.seq,
      bytes,
      lastT,
      frames,
    });
    this.broadcast(tab, { type: 'frames', frames, backlog: false });
    if (record.bytes > this.budgetBytes) {
      // Shed a little more than needed so a full tab does not shed on every single batch.
      const shed = await this.options.store.shedOldest(record.tabId, record.bytes - this.budgetBytes * 0.9);
      this.forget(record, shed);
      record.shedFrames += shed.frames;
      record.shedBytes += shed.bytes;
      await this.options.store.save(record, null);
      this.broadcastShed(tab, shed, 'budget');
    }
    this.broadcast(tab, { type: 'stats', stats: this.stats(record) });
    await this.expire(tab);
  }

  /**
   * Everything stored after `after`, oldest first. With `tail` > 0 the newest `tail` frames (whole
   * batches) go first, so a reopened panel shows the present at once, then the older ones up to
   * them. The tab's queue waits meanwhile, so no live frame overtakes the backlog. With a `pace`,
   * each older message waits for room in the panel's window (`BACKLOG_WINDOW`); a panel silent
   * for `PACE_TIMEOUT_MS` gets the rest unpaced. Once `stopped` (a clear is queued), nothing more.
   * `after` may instead be the ranges a hold left. Returns what is left when `held` stopped it
   * (the ranges, from the last frame sent on, and everything after the tail), else null.
   */
  private async sendBacklog(
    port: PortLike<PanelToHub, HubToPanel>,
    tabId: number,
    after: number | FillRange[],
    tail: number,
    fillIn: FillIn,
  ): Promise<FillRange[] | null> {
    const { pace } = fillIn;
    let paced = pace !== null;
    /** Whether the message went; `sent` the last frame that went. */
    let sent = 0;
    const send = async (frames: Frame[]): Promise<boolean> => {
      if (fillIn.stopped || fillIn.held || !this.post(port, { type: 'frames', frames, backlog: true })) return false;
      sent = frames[frames.length - 1]!.seq;
      if (paced && !(await pace!.sentOne(() => fillIn.held))) paced = false;
      return !fillIn.stopped && !fillIn.held;
    };
    let ranges: FillRange[] = typeof after === 'number' ? [[after, Number.POSITIVE_INFINITY]] : after;
    if (tail > 0 && typeof after === 'number') {
      const last = await this.options.store.readLast(tabId, tail, after);
      let frames: Frame[] = [];
      for (const batch of last) for (const frame of batch.frames) if (frame.seq > after) frames.push(frame);
      // One message of bounded size: the older ones come after it.
      let bytes = 0;
      let from = frames.length;
      while (from > 0 && (bytes += frames[from - 1]!.size) <= TAIL_MESSAGE_BYTES) from--;
      if (from === frames.length) from--;
      if (from > 0) frames = frames.slice(from);
      if (!frames.length || fillIn.stopped) return null;
      if (!this.post(port, { type: 'tail', frames })) return null;
      // Nothing is stored after the tail until this backlog is done (the tab's queue waits), unless
      // a hold lets the queue go on first: then those frames follow the older ones.
      ranges = [
        [after, frames[0]!.seq],
        [frames[frames.length - 1]!.seq, Number.POSITIVE_INFINITY],
      ];
    }
    for (let r = 0; r < ranges.length; r++) {
      let [cursor, until] = ranges[r]!;
      sent = cursor;
      const left = (): FillRange[] | null =>
        fillIn.held && !fillIn.stopped ? [[sent, until], ...ranges.slice(r + 1)] : null;
      while (cursor < until - 1) {
        if (fillIn.stopped || fillIn.held) return left();
        const batches = await this.options.store.readAfter(tabId, cursor, BACKLOG_CHUNK);
        if (!batches.length) break;
        let frames: Frame[] = [];
        let bytes = 0;
        for (const batch of batches) {
          for (const frame of batch.frames) {
            if (frame.seq <= cursor || frame.seq >= until) continue;
            frames.push(frame);
            bytes += frame.size;
            if (bytes >= BACKLOG_MESSAGE_BYTES) {
              if (!(await send(frames))) return left();
              frames = [];
              bytes = 0;
            }
          }
          cursor = Math.max(cursor, batch.lastSeq);
        }
        if (frames.length && !(await send(frames))) return left();
      }
    }
    // Held once everything was read (the hold came during the last read): what the tab stores
    // meanwhile is still to send, from the last frame sent on.
    const end = ranges.at(-1);
    return fillIn.held && !fillIn.stopped && end ? [[sent, end[1]]] : null;
  }

  private stats(record: TabRecord): CaptureStats {
    return {
      frames: record.frames,
      bytes: record.bytes,
      shedFrames: record.shedFrames,
      shedBytes: record.shedBytes,
      firstSeq: record.firstSeq,
      lastSeq: record.nextSeq - 1,
      budgetBytes: this.budgetBytes,
    };
  }

  /** Tells the tab's panels which frames are gone, so they drop them too (before the new stats). */
  private broadcastShed(tab: TabState, removed: Removed, reason: ShedReason): void {
    if (!removed.frames) return;
    const { firstSeq } = tab.record;
    this.broadcast(tab, { type: 'shed', firstSeq, frames: removed.frames, bytes: removed.bytes, reason });
  }

  private broadcast(tab: TabState, message: HubToPanel): void {
    for (const port of tab.panels) if (!this.post(port, message)) tab.panels.delete(port);
    if (message.type === 'frames') return;
    for (const port of tab.held.keys()) if (!this.post(port, message)) tab.held.delete(port);
  }

  private post<T>(port: PortLike<unknown, T>, message: T): boolean {
    try {
      port.postMessage(message);
      return true;
    } catch {
      return false;
    }
  }
}
