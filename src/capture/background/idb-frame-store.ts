import {
  batchExpired,
  type FrameStore,
  type Removed,
  type StoredBatch,
  type TabRecord,
  type TabSummary,
} from './frame-store';

const DB_NAME = 'wxcc-inspector-capture';
const TABS = 'tabs';
const BATCHES = 'batches';
const BY_LAST = 'byLastSeq';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/**
 * The hub's durable store. A service worker can be stopped at any moment; a batch is acknowledged
 * to the relay only after its transaction completed here, so a restart loses nothing.
 */
export class IdbFrameStore implements FrameStore {
  private constructor(private readonly db: IDBDatabase) {}

  static async open(factory: IDBFactory = indexedDB): Promise<IdbFrameStore> {
    const req = factory.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      const db = req.result;
      db.createObjectStore(TABS, { keyPath: 'tabId' });
      const batches = db.createObjectStore(BATCHES, { keyPath: ['tabId', 'firstSeq'] });
      batches.createIndex(BY_LAST, ['tabId', 'lastSeq']);
    };
    return new IdbFrameStore(await request(req));
  }

  async loadTab(tabId: number): Promise<TabRecord | undefined> {
    const tx = this.db.transaction(TABS, 'readonly');
    return (await request(tx.objectStore(TABS).get(tabId))) as TabRecord | undefined;
  }

  async save(tab: TabRecord, batch: StoredBatch | null): Promise<void> {
    const tx = this.db.transaction([TABS, BATCHES], 'readwrite', { durability: 'relaxed' });
    tx.objectStore(TABS).put(tab);
    if (batch) tx.objectStore(BATCHES).put(batch);
    await done(tx);
  }

  async readAfter(tabId: number, after: number, limit: number): Promise<StoredBatch[]> {
    const tx = this.db.transaction(BATCHES, 'readonly');
    const range = IDBKeyRange.bound([tabId, after + 1], [tabId, Number.MAX_SAFE_INTEGER]);
    return (await request(tx.objectStore(BATCHES).index(BY_LAST).getAll(range, limit))) as StoredBatch[];
  }

  async readLast(tabId: number, frames: number, after: number): Promise<StoredBatch[]> {
    const tx = this.db.transaction(BATCHES, 'readonly');
    const range = IDBKeyRange.bound([tabId, after + 1], [tabId, Number.MAX_SAFE_INTEGER]);
    const out: StoredBatch[] = [];
    let count = 0;
    await new Promise<void>((resolve, reject) => {
      const cursorReq = tx.objectStore(BATCHES).index(BY_LAST).openCursor(range, 'prev');
      cursorReq.onerror = () => reject(cursorReq.error);
      cursorReq.onsuccess = () => {
        const cursor = cursorReq.result;
        if (!cursor) return resolve();
        const batch = cursor.value as StoredBatch;
        out.push(batch);
        count += batch.frames.length;
        if (count >= frames) return resolve();
        cursor.continue();
      };
    });
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

  async listTabs(): Promise<TabSummary[]> {
    const tx = this.db.transaction(TABS, 'readonly');
    const records = (await request(tx.objectStore(TABS).getAll())) as TabRecord[];
    return records.map(({ tabId, session, frames, bytes }) => ({ tabId, session, frames, bytes }));
  }

  /** Deletes the tab's batches oldest first while `remove` says so, in one transaction. */
  private async removeWhile(tabId: number, remove: (batch: StoredBatch) => boolean): Promise<Removed> {
    const tx = this.db.transaction(BATCHES, 'readwrite');
    const store = tx.objectStore(BATCHES);
    const range = IDBKeyRange.bound([tabId, 0], [tabId, Number.MAX_SAFE_INTEGER]);
    let frames = 0;
    let bytes = 0;
    let nextFirstSeq: number | null = null;
    await new Promise<void>((resolve, reject) => {
      const cursorReq = store.openCursor(range);
      cursorReq.onerror = () => reject(cursorReq.error);
      cursorReq.onsuccess = () => {
        const cursor = cursorReq.result;
        if (!cursor) return resolve();
        const batch = cursor.value as StoredBatch;
        if (!remove(batch)) {
          nextFirstSeq = batch.firstSeq;
          return resolve();
        }
        frames += batch.frames.length;
        bytes += batch.bytes;
        cursor.delete();
        cursor.continue();
      };
    });
    await done(tx);
    return { frames, bytes, nextFirstSeq };
  }

  async deleteTab(tabId: number): Promise<void> {
    const tx = this.db.transaction([TABS, BATCHES], 'readwrite');
    tx.objectStore(TABS).delete(tabId);
    tx.objectStore(BATCHES).delete(IDBKeyRange.bound([tabId, 0], [tabId, Number.MAX_SAFE_INTEGER]));
    await done(tx);
  }
}
