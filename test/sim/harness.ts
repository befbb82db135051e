// The /harness websocket: a fixed, tiny conversation used to check that the extension's
// WebSocket patch is invisible to the page (same events, same data types, same close).
// Everything is sent in one synchronous burst so the page always sees the same order.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData } from 'ws';

export const HARNESS_CLOSE_CODE = 4001;
export const HARNESS_CLOSE_REASON = 'harness done';

/** The frames the harness sends, in order. */
export function harnessFrames(): Array<string | Buffer> {
  return [
    'harness:text-1',
    Buffer.from([0, 1, 2, 3, 4, 5, 6, 7]),
    'harness:text-2 \u00fcn\u00efc\u00f6d\u00e9 \u2713 \u{1F4DE}',
    // 70 bytes covering the high range, so a lossy text decode would show.
    Buffer.from(Array.from({ length: 70 }, (_, i) => (i * 37 + 11) & 0xff)),
  ];
}

export interface Harness {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Messages the harness received from pages, as text. */
  received(): string[];
  close(): void;
}

export function attachHarness(): Harness {
  const received: string[] = [];
  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    // Echo the first offered subprotocol so ws.protocol is observable when a page asks.
    handleProtocols: (protocols) => protocols.values().next().value ?? false,
  });
  wss.on('connection', (ws) => {
    ws.on('error', () => {
      /* the page may leave early */
    });
    ws.once('message', (data: RawData, isBinary: boolean) => {
      const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      received.push(isBinary ? `binary:${buf.toString('hex')}` : buf.toString('utf8'));
      ws.close(HARNESS_CLOSE_CODE, HARNESS_CLOSE_REASON);
    });
    for (const frame of harnessFrames()) ws.send(frame, { binary: typeof frame !== 'string' });
  });
  return {
    handleUpgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    received: () => received.slice(),
    close() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}
