import * as v from 'valibot';
import { bodyLength, PageChunkSchema, type PageChunk } from '../shared/page-chunk';
import type { HubToRelay, RelayToHub } from '../shared/messages';
import { defaultSchedule, type PortLike, type Schedule } from '../shared/port';

export interface RelayOptions {
  /** Opens a port to the background; throws once the extension context is gone. */
  connect: () => PortLike<HubToRelay, RelayToHub>;
  doc: string;
  url: string;
  top: boolean;
  /** How long accepted frames wait to be batched (ms); 0 posts each chunk as it arrives. */
  batchMs?: number;
  batchFrames?: number;
  maxBufferedBytes?: number;
  schedule?: Schedule;
}

export interface RelayCounters {
  accepted: number;
  rejected: number;
  shedFrames: number;
  shedBytes: number;
  /** Frames held until the background acknowledges them. */
  buffered: number;
  acked: number;
}

interface Held {
  chunk: PageChunk;
  bytes: number;
  lastSeq: number;
}

function chunkBytes(chunk: PageChunk): number {
  let bytes = bodyLength(chunk.body);
  for (const frame of chunk.frames) bytes += 64 + (frame.data?.length ?? 0);
  return bytes;
}

/**
 * The ISOLATED-world relay of one document: it checks what the interceptor hands over, batches
 * it to the background and keeps every chunk until the background has stored it, so a dropped
 * port (service-worker restart) loses nothing: after reconnecting it resends from the hub's
 * acknowledgement. Its buffer is bounded by bytes; what it must shed is counted and reported.
 * Chunks stay whole (their payloads are one `body`, cut back into frames by length), so batches
 * are made of whole chunks.
 */
export class Relay {
  readonly counters: RelayCounters = { accepted: 0, rejected: 0, shedFrames: 0, shedBytes: 0, buffered: 0, acked: 0 };
  private readonly held: Held[] = [];
  /** Chunks shed from `held` after they were posted, until the hub acknowledges them. */
  private readonly unresendable: { frames: number; bytes: number; lastSeq: number }[] = [];
  private heldBytes = 0;
  /** How many of `held` went out on the current port. */
  private sent = 0;
  private lastSeq = 0;
  private notices: string[] = [];
  private port: PortLike<HubToRelay, RelayToHub> | null = null;
  private ready = false;
  private dead = false;
  private cancelFlush: (() => void) | null = null;
  private reconnectDelay = 0;
  private readonly batchMs: number;
  private readonly batchFrames: number;
  private readonly maxBufferedBytes: number;
  private readonly schedule: Schedule;

  constructor(private readonly options: RelayOptions) {
    this.batchMs = options.batchMs ?? 50;
    this.batchFrames = options.batchFrames ?? 500;
    this.maxBufferedBytes = options.maxBufferedBytes ?? 32 * 1024 * 1024;
    this.schedule = options.schedule ?? defaultSchedule;
    this.open();
  }

  /** Sends whatever is waiting now (the document is being unloaded). */
  flushNow(): void {
    this.cancelFlush?.();
    this.cancelFlush = null;
    this.flush();
  }

  /** Takes one chunk as the interceptor dispatched it; anything malformed is counted, not kept. */
  accept(detail: unknown): void {
    if (this.dead) return;
    let input: unknown = detail;
    if (typeof detail === 'string') {
      try {
        input = JSON.parse(detail);
      } catch {
        this.reject('a chunk that is not JSON');
        return;
      }
    }
    const parsed = v.safeParse(PageChunkSchema, input);
    if (!parsed.success) {
      this.reject(`a malformed chunk (${v.summarize(parsed.issues).split('\n')[0]})`);
      return;
    }
    const chunk = parsed.output;
    // Seqs only grow within a document: anything else is a replay, not the interceptor.
    let previous = this.lastSeq;
    for (const frame of chunk.frames) {
      if (frame.seq <= previous) {
        this.reject(`a chunk whose seq ${frame.seq} does not follow ${previous}`);
        return;
      }
      previous = frame.seq;
    }
    this.lastSeq = previous;
    const bytes = chunkBytes(chunk);
    this.held.push({ chunk, bytes, lastSeq: previous });
    this.heldBytes += bytes;
    this.counters.accepted += chunk.frames.length;
    this.counters.buffered += chunk.frames.length;
    this.shedOverflow();
    this.scheduleFlush();
  }

  private reject(what: string): void {
    this.counters.rejected++;
    // One notice per kind of problem and batch window is enough to make it visible.
    const notice = `relay ignored ${what}`;
    if (!this.notices.includes(notice)) this.notices.push(notice);
    this.scheduleFlush();
  }

  private shedOverflow(): void {
    let frames = 0;
    let bytes = 0;
    while (this.heldBytes > this.maxBufferedBytes && this.held.length > 1) {
      const dropped = this.held.shift()!;
      this.heldBytes -= dropped.bytes;
      this.counters.buffered -= dropped.chunk.frames.length;
      if (this.sent > 0) {
        // Already posted: the hub most likely has it, only a resend would be impossible. It
        // counts as shed only if the port drops before the hub acknowledges it (see onWelcome).
        this.sent--;
        this.unresendable.push({ frames: dropped.chunk.frames.length, bytes: dropped.bytes, lastSeq: dropped.lastSeq });
        continue;
      }
      bytes += dropped.bytes;
      frames += dropped.chunk.frames.length;
    }
    if (frames) this.reportShed(frames, bytes, 'because the background did not keep up');
  }

  private reportShed(frames: number, bytes: number, why: string): void {
    this.counters.shedFrames += frames;
    this.counters.shedBytes += bytes;
    this.notices.push(`relay shed ${frames} frames (${bytes} bytes) ${why}; ${this.counters.shedFrames} shed in all`);
  }

  /** After a reconnect: posted chunks the relay no longer held and the hub never stored are lost. */
  private onWelcome(acked: number): void {
    let frames = 0;
    let bytes = 0;
    for (const chunk of this.unresendable) {
      if (chunk.lastSeq <= acked) continue;
      frames += chunk.frames;
      bytes += chunk.bytes;
    }
    this.unresendable.length = 0;
    if (frames) this.reportShed(frames, bytes, 'because the background restarted before storing them');
  }

  private unsentFrames(): number {
    let n = 0;
    for (let i = this.sent; i < this.held.length; i++) n += this.held[i]!.chunk.frames.length;
    return n;
  }

  private scheduleFlush(): void {
    if (!this.ready) return;
    const unsent = this.unsentFrames();
    // With no batch window the interceptor paces the hand-off (idle slices): post in its task.
    if (unsent >= this.batchFrames || (this.batchMs === 0 && unsent > 0)) {
      this.cancelFlush?.();
      this.cancelFlush = null;
      this.flush();
    } else if (!this.cancelFlush && (unsent > 0 || this.notices.length)) {
      this.cancelFlush = this.schedule(() => {
        this.cancelFlush = null;
        this.flush();
      }, this.batchMs);
    }
  }

  private flush(): void {
    if (!this.ready || !this.port) return;
    while (this.sent < this.held.length || this.notices.length) {
      const chunks: PageChunk[] = [];
      let frames = 0;
      let end = this.sent;
      while (
        end < this.held.length &&
        (frames === 0 || frames + this.held[end]!.chunk.frames.length <= this.batchFrames)
      ) {
        frames += this.held[end]!.chunk.frames.length;
        chunks.push(this.held[end]!.chunk);
        end++;
      }
      const message: RelayToHub = { type: 'frames', doc: this.options.doc, chunks };
      if (this.notices.length) message.notices = this.notices.splice(0);
      try {
        this.port.postMessage(message);
      } catch {
        this.onDisconnect();
        return;
      }
      this.sent = end;
      // Leave a remainder smaller than a batch for the timer, so batches stay full under load.
      if (this.unsentFrames() < this.batchFrames) break;
    }
    this.scheduleFlush();
  }

  private onAck(seq: number): void {
    while (this.unresendable.length && this.unresendable[0]!.lastSeq <= seq) this.unresendable.shift();
    let n = 0;
    while (n < this.held.length && this.held[n]!.lastSeq <= seq) {
      this.heldBytes -= this.held[n]!.bytes;
      this.counters.buffered -= this.held[n]!.chunk.frames.length;
      n++;
    }
    if (n) this.held.splice(0, n);
    this.sent = Math.max(0, this.sent - n);
    this.counters.acked = seq;
  }

  private open(): void {
    if (this.dead) return;
    let port: PortLike<HubToRelay, RelayToHub>;
    try {
      port = this.options.connect();
    } catch {
      // The extension was reloaded or removed: this document's relay has nobody to talk to.
      this.dead = true;
      this.held.length = 0;
      this.counters.buffered = 0;
      return;
    }
    this.port = port;
    port.onMessage.addListener((message) => {
      if (message.type === 'welcome') {
        this.onWelcome(message.acked);
        this.onAck(message.acked);
        this.sent = 0;
        this.ready = true;
        this.reconnectDelay = 0;
        this.flush();
      } else if (message.type === 'ack') {
        this.onAck(message.seq);
      }
    });
    port.onDisconnect.addListener(() => this.onDisconnect());
    try {
      port.postMessage({ type: 'hello', doc: this.options.doc, url: this.options.url, top: this.options.top });
    } catch {
      this.onDisconnect();
    }
  }

  private onDisconnect(): void {
    if (!this.port) return;
    this.port = null;
    this.ready = false;
    this.sent = 0;
    this.cancelFlush?.();
    this.cancelFlush = null;
    this.reconnectDelay = Math.min(2000, this.reconnectDelay ? this.reconnectDelay * 2 : 50);
    this.schedule(() => this.open(), this.reconnectDelay);
  }
}
