import * as v from 'valibot';
import { PageFrameBatchSchema, type PageFrame } from './frame';
import type { HubToRelay, RelayToHub } from './messages';
import { defaultSchedule, type PortLike, type Schedule } from './port';

export interface RelayOptions {
  /** Opens a port to the background; throws once the extension context is gone. */
  connect: () => PortLike<HubToRelay, RelayToHub>;
  doc: string;
  url: string;
  top: boolean;
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
  buffered: number;
  acked: number;
}

const frameBytes = (frame: PageFrame): number => 64 + (frame.data?.length ?? 0);

/**
 * The ISOLATED-world relay of one document: it checks what the interceptor hands over, batches
 * it to the background and keeps every frame until the background has stored it, so a dropped
 * port (service-worker restart) loses nothing: after reconnecting it resends from the hub's
 * acknowledgement. Its buffer is bounded by bytes; what it must shed is counted and reported.
 */
export class Relay {
  readonly counters: RelayCounters = { accepted: 0, rejected: 0, shedFrames: 0, shedBytes: 0, buffered: 0, acked: 0 };
  private readonly buffer: PageFrame[] = [];
  private bufferedBytes = 0;
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

  /** Takes one batch as the interceptor dispatched it; anything malformed is counted, not kept. */
  accept(detail: unknown): void {
    if (this.dead) return;
    let batch: unknown = detail;
    if (typeof detail === 'string') {
      try {
        batch = JSON.parse(detail);
      } catch {
        this.reject('a batch that is not JSON');
        return;
      }
    }
    const parsed = v.safeParse(PageFrameBatchSchema, batch);
    if (!parsed.success) {
      this.reject(`a malformed batch (${v.summarize(parsed.issues).split('\n')[0]})`);
      return;
    }
    for (const frame of parsed.output) {
      if (frame.seq <= this.lastSeq) {
        this.reject(`a frame whose seq ${frame.seq} does not follow ${this.lastSeq}`);
        continue;
      }
      this.lastSeq = frame.seq;
      this.buffer.push(frame);
      this.bufferedBytes += frameBytes(frame);
      this.counters.accepted++;
    }
    this.shedOverflow();
    this.counters.buffered = this.buffer.length;
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
    while (this.bufferedBytes > this.maxBufferedBytes && this.buffer.length > 1) {
      const dropped = this.buffer.shift()!;
      const size = frameBytes(dropped);
      this.bufferedBytes -= size;
      bytes += size;
      frames++;
      if (this.sent > 0) this.sent--;
    }
    if (frames) {
      this.counters.shedFrames += frames;
      this.counters.shedBytes += bytes;
      this.notices.push(
        `relay shed ${frames} frames (${bytes} bytes) because the background did not keep up; ${this.counters.shedFrames} shed in all`,
      );
    }
  }

  private scheduleFlush(): void {
    if (!this.ready) return;
    const unsent = this.buffer.length - this.sent;
    if (unsent >= this.batchFrames) {
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
    while (this.sent < this.buffer.length || this.notices.length) {
      const frames = this.buffer.slice(this.sent, this.sent + this.batchFrames);
      const message: RelayToHub = { type: 'frames', doc: this.options.doc, frames };
      if (this.notices.length) message.notices = this.notices.splice(0);
      try {
        this.port.postMessage(message);
      } catch {
        this.onDisconnect();
        return;
      }
      this.sent += frames.length;
      // Leave a remainder smaller than a batch for the timer, so batches stay full under load.
      if (this.buffer.length - this.sent < this.batchFrames) break;
    }
    this.scheduleFlush();
  }

  private onAck(seq: number): void {
    let n = 0;
    while (n < this.buffer.length && this.buffer[n]!.seq <= seq) {
      this.bufferedBytes -= frameBytes(this.buffer[n]!);
      n++;
    }
    if (n) this.buffer.splice(0, n);
    this.sent = Math.max(0, this.sent - n);
    this.counters.acked = seq;
    this.counters.buffered = this.buffer.length;
  }

  private open(): void {
    if (this.dead) return;
    let port: PortLike<HubToRelay, RelayToHub>;
    try {
      port = this.options.connect();
    } catch {
      // The extension was reloaded or removed: this document's relay has nobody to talk to.
      this.dead = true;
      this.buffer.length = 0;
      return;
    }
    this.port = port;
    port.onMessage.addListener((message) => {
      if (message.type === 'welcome') {
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
