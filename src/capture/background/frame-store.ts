import type { Frame } from '../../frame/frame';

/** What the hub knows about one tab; persisted with every batch so a worker restart resumes it. */
export interface TabRecord {
  tabId: number;
  /**
   * The browser session the capture belongs to (see retention.ts). Browsers reuse tab ids after a
   * restart: a record of another session is never served, it is deleted.
   */
  session?: string;
  /** The seq the next frame of the tab gets. */
  nextSeq: number;
  /** The oldest seq still kept; everything before it was shed or cleared. */
  firstSeq: number;
  frames: number;
  bytes: number;
  shedFrames: number;
  shedBytes: number;
  nextSocket: number;
  /** Per id prefix other than `ws` (`worker`, `cdp`, `http`…): the last number given in the tab. */
  nextIds?: Record<string, number>;
  /** Per document: its last stored page seq and how its sockets are named in the tab. */
  docs: Record<string, DocRecord>;
  /**
   * When the user last cleared the tab (ms since epoch): frames the page captured before it and
   * handed over after it (the page hands over in its idle time) are not kept.
   */
  clearedAt?: number;
}

export interface DocRecord {
  lastPageSeq: number;
  sockets: Record<string, string>;
  seen: number;
  /** The document's URL (from the relay's hello): the `frameUrl` of its sockets and workers. */
  url?: string;
}

export interface StoredBatch {
  tabId: number;
  firstSeq: number;
  lastSeq: number;
  bytes: number;
  /** Capture time of the batch's newest frame (ms since epoch), for expiry by age. */
  lastT?: number;
  frames: Frame[];
}

/** What is stored for one tab, without its frames. */
export type TabSummary = Pick<TabRecord, 'tabId' | 'session' | 'frames' | 'bytes'>;

/** What the oldest-first deletions (shedding, expiry) removed. */
export interface Removed {
  frames: number;
  bytes: number;
  /** The oldest seq still stored, or null when none is left. */
  nextFirstSeq: number | null;
}

/** The hub's storage. Every method resolves only once the change is durable. */
export interface FrameStore {
  loadTab(tabId: number): Promise<TabRecord | undefined>;
  /** Stores the batch (if any) and the tab record in one transaction. */
  save(tab: TabRecord, batch: StoredBatch | null): Promise<void>;
  /** Batches holding frames after `after`, oldest first, at most `limit` of them. */
  readAfter(tabId: number, after: number, limit: number): Promise<StoredBatch[]>;
  /**
   * The newest batches holding frames after `after`, oldest first: as few as hold at least
   * `frames` frames (all of them when there are fewer). A panel that reopens shows these first.
   */
  readLast(tabId: number, frames: number, after: number): Promise<StoredBatch[]>;
  /** Deletes the oldest batches until `bytesToFree` bytes are gone; returns what was deleted. */
  shedOldest(tabId: number, bytesToFree: number): Promise<Removed>;
  /** Deletes the oldest batches whose newest frame is older than `cutoffT` (ms since epoch). */
  expireBefore(tabId: number, cutoffT: number): Promise<Removed>;
  deleteTab(tabId: number): Promise<void>;
  /** Every stored tab, frames left out. */
  listTabs(): Promise<TabSummary[]>;
}

export function newTabRecord(tabId: number, session?: string): TabRecord {
  const record: TabRecord = {
    tabId,
    nextSeq: 1,
    firstSeq: 1,
    frames: 0,
    bytes: 0,
    shedFrames: 0,
    shedBytes: 0,
    nextSocket: 0,
    docs: {},
  };
  if (session !== undefined) record.session = session;
  return record;
}

/** Whether a stored batch is older than the cutoff (a batch from before `lastT` existed is). */
export function batchExpired(batch: StoredBatch, cutoffT: number): boolean {
  return (batch.lastT ?? Number.NEGATIVE_INFINITY) < cutoffT;
}

/** For unit tests and as the fallback when IndexedDB cannot be opened. */
export class MemoryFrameStore implements FrameStore {
  private readonly tabs = new Map<number, TabRecord>();
  private readonly batches = new Map<number, StoredBatch[]>();

  async loadTab(tabId: number): Promise<TabRecord | undefined> {
    const tab = this.tabs.get(tabId);
    return tab && structuredClone(tab);
  }

  async save(tab: TabRecord, batch: StoredBatch | null): Promise<void> {
    this.tabs.set(tab.tabId, structuredClone(tab));
    if (batch) {
      const list = this.batches.get(tab.tabId) ?? [];
      list.push(structuredClone(batch));
      this.batches.set(tab.tabId, list);
    }
  }

  async readAfter(tabId: number, after: number, limit: number): Promise<StoredBatch[]> {
    return (this.batches.get(tabId) ?? []).filter((b) => b.lastSeq > after).slice(0, limit);
  }

  async readLast(tabId: number, frames: number, after: number): Promise<StoredBatch[]> {
    const list = this.batches.get(tabId) ?? [];
    const out: StoredBatch[] = [];
    let count = 0;
    for (let i = list.length - 1; i >= 0 && count < frames && list[i]!.lastSeq > after; i--) {
      out.push(list[i]!);
      count += list[i]!.frames.length;
    }
    return out.reverse();
  }

  async shedOldest(tabId: number, bytesToFree: number): Promise<Removed> {
    let bytes = 0;
    return this.removeWhile(tabId, (batch) => {
      if (bytes >= bytesToFree) return false;
      bytes += batch.bytes;
      return true;
    });
  }

  async expireBefore(tabId: number, cutoffT: number): Promise<Removed> {
    return this.removeWhile(tabId, (batch) => batchExpired(batch, cutoffT));
  }

  async deleteTab(tabId: number): Promise<void> {
    this.tabs.delete(tabId);
    this.batches.delete(tabId);
  }

  async listTabs(): Promise<TabSummary[]> {
    return [...this.tabs.values()].map(({ tabId, session, frames, bytes }) => ({ tabId, session, frames, bytes }));
  }

  private removeWhile(tabId: number, remove: (batch: StoredBatch) => boolean): Removed {
    const list = this.batches.get(tabId) ?? [];
    let frames = 0;
    let bytes = 0;
    while (list.length && remove(list[0]!)) {
      const batch = list.shift()!;
      frames += batch.frames.length;
      bytes += batch.bytes;
    }
    return { frames, bytes, nextFirstSeq: list[0]?.firstSeq ?? null };
  }
}

/** A store usable at once while the real one is still opening (listeners must attach synchronously). */
export function deferredStore(ready: Promise<FrameStore>): FrameStore {
  return {
    loadTab: async (tabId) => (await ready).loadTab(tabId),
    save: async (tab, batch) => (await ready).save(tab, batch),
    readAfter: async (tabId, after, limit) => (await ready).readAfter(tabId, after, limit),
    readLast: async (tabId, frames, after) => (await ready).readLast(tabId, frames, after),
    shedOldest: async (tabId, bytes) => (await ready).shedOldest(tabId, bytes),
    expireBefore: async (tabId, cutoffT) => (await ready).expireBefore(tabId, cutoffT),
    deleteTab: async (tabId) => (await ready).deleteTab(tabId),
    listTabs: async () => (await ready).listTabs(),
  };
}
