import type { Frame } from '../frame/frame';
import { readWorkerMessage, type WorkerMessageType } from '../protocol';

/** One worker the page created, as its `worker` channel frames tell it. */
export interface WorkerInfo {
  /** `worker-N`: the frames' socket id. */
  id: string;
  /** The worker's script URL (from its first frame). */
  url: string | undefined;
  /** The document that created it (from its first frame). */
  frameUrl: string | undefined;
  created: number | undefined;
  /** seq of its first frame. */
  firstSeq: number;
  messagesIn: number;
  messagesOut: number;
  /** Messages that carried a notification or socket lifecycle (protocol doc §10.8). */
  bridged: number;
  /** The socket currently relayed through this worker (`worker-1/ws-2`), if any. */
  socket: string | undefined;
  /** The last `connection_state` the worker reported. */
  state: string | undefined;
  /** Worker protocol message types seen, with counts. */
  types: Map<WorkerMessageType, number>;
}

/**
 * Turns `worker` channel frames into the frames of the socket the worker relays, so the rest of
 * the model treats a bridged socket like a direct one. Each connection the worker reports (an
 * open, or a second Welcome without one) is its own socket `worker-N/ws-M`, which is how a
 * reconnect shows. A derived frame keeps the worker frame's seq and time.
 */
export class WorkerBridge {
  readonly workers = new Map<string, WorkerInfo>();
  private readonly connections = new Map<string, { count: number; open: boolean; welcomed: boolean }>();

  read(frame: Frame): Frame[] {
    const worker = this.workerOf(frame);
    if (frame.dir === 'in') worker.messagesIn++;
    else if (frame.dir === 'out') worker.messagesOut++;
    if (frame.kind === 'open') {
      worker.created ??= frame.t;
      return [];
    }
    const reading = readWorkerMessage(frame);
    if (reading.type) worker.types.set(reading.type, (worker.types.get(reading.type) ?? 0) + 1);
    if (!reading.items.length) return [];
    worker.bridged++;
    const derived: Frame[] = [];
    for (const item of reading.items) {
      if (item.kind === 'state') {
        worker.state = item.data;
        continue;
      }
      const connection = this.connectionOf(worker.id);
      const welcome =
        item.kind === 'text' && item.dir === 'in' && /^\s*\{\s*"type"\s*:\s*"Welcome"/.test(item.data ?? '');
      // A new connection: an open, or a second Welcome on one that never said it reopened.
      if ((item.kind === 'open' && connection.open) || (welcome && connection.welcomed) || connection.count === 0) {
        connection.count++;
        connection.open = false;
        connection.welcomed = false;
      }
      if (item.kind === 'open') connection.open = true;
      if (welcome) connection.welcomed = true;
      const socket = `${worker.id}/ws-${connection.count}`;
      worker.socket = socket;
      const out: Frame = { seq: frame.seq, t: frame.t, socket, dir: item.dir, kind: item.kind, size: 0 };
      if (item.data !== undefined) {
        out.data = item.data;
        out.size = item.data.length;
      }
      if (item.url !== undefined) out.url = item.url;
      if (item.close !== undefined) out.close = item.close;
      if (frame.frameUrl !== undefined) out.frameUrl = frame.frameUrl;
      if (item.kind === 'close') {
        // The next message starts a new connection.
        connection.open = false;
        connection.welcomed = false;
        connection.count++;
      }
      derived.push(out);
    }
    return derived;
  }

  private workerOf(frame: Frame): WorkerInfo {
    let worker = this.workers.get(frame.socket);
    if (!worker) {
      worker = {
        id: frame.socket,
        url: frame.url,
        frameUrl: frame.frameUrl,
        created: undefined,
        firstSeq: frame.seq,
        messagesIn: 0,
        messagesOut: 0,
        bridged: 0,
        socket: undefined,
        state: undefined,
        types: new Map(),
      };
      this.workers.set(frame.socket, worker);
    }
    worker.url ??= frame.url;
    worker.frameUrl ??= frame.frameUrl;
    return worker;
  }

  private connectionOf(id: string) {
    let connection = this.connections.get(id);
    if (!connection) {
      connection = { count: 0, open: false, welcomed: false };
      this.connections.set(id, connection);
    }
    return connection;
  }
}
