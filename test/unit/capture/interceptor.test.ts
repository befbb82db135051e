import { JSDOM } from 'jsdom';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import type { Frame } from '../../../src/frame/frame';
import { MemoryFrameStore } from '../../../src/capture/background/frame-store';
import { Hub } from '../../../src/capture/background/hub';
import { installInterceptor } from '../../../src/capture/page/interceptor';
import type { HubToPanel, HubToRelay, PanelToHub, RelayToHub } from '../../../src/capture/shared/messages';
import { PanelLink } from '../../../src/capture/panel/panel-link';
import { Relay } from '../../../src/capture/relay/relay';
import { openInterceptorChannel } from '../../../src/capture/relay/relay-channel';
import { portPair } from './port-pair';

// jsdom gives the interceptor a DOM and a real WebSocket client; the server is `ws` on loopback.
// The whole capture path runs in-process: interceptor → channel → relay → hub → panel link.
const dom = new JSDOM('<!doctype html>', { url: 'http://127.0.0.1/' });
const window = dom.window as unknown as Window & typeof globalThis;
const { document, location, MessageEvent } = window;
let WebSocket: typeof globalThis.WebSocket;
let server: WebSocketServer;
let url: string;
const onServerConnection: ((socket: ServerSocket) => void)[] = [];
const hub = new Hub({ store: new MemoryFrameStore() });
const captured: Frame[] = [];

beforeAll(async () => {
  server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  server.on('connection', (socket) => onServerConnection.shift()?.(socket));

  installInterceptor(window, { stringDetail: false, flushMs: 5 });
  WebSocket = window.WebSocket;
  const relay = new Relay({
    connect: () => {
      const [relaySide, hubSide] = portPair<RelayToHub, HubToRelay>();
      hub.connectRelay(hubSide, 1);
      return relaySide;
    },
    doc: 'doc',
    url: location.href,
    top: true,
    batchMs: 5,
  });
  openInterceptorChannel(document, (detail) => relay.accept(detail));
  new PanelLink(
    () => {
      const [panelSide, hubSide] = portPair<PanelToHub, HubToPanel>();
      hub.connectPanel(hubSide);
      return panelSide;
    },
    1,
    { frames: (f) => captured.push(...f), stats: () => {}, cleared: () => {}, connection: () => {} },
  );
});

afterAll(async () => {
  for (const client of server.clients) client.terminate();
  await new Promise((resolve) => server.close(resolve));
});

const until = async (check: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

function serve(script: (socket: ServerSocket) => void): void {
  onServerConnection.push(script);
}

describe('the interceptor in a page', () => {
  it('leaves WebSocket looking native to the page', () => {
    expect(WebSocket.name).toBe('WebSocket');
    expect(WebSocket.OPEN).toBe(1);
    expect(WebSocket.prototype.send.name).toBe('send');
    expect(WebSocket.prototype.send.length).toBe(1);
    expect('prototype' in WebSocket.prototype.send).toBe(false);
    const ws = new WebSocket(url);
    expect(ws instanceof WebSocket).toBe(true);
    expect(ws.constructor).toBe(WebSocket);
    expect(Object.getPrototypeOf(ws)).toBe(WebSocket.prototype);
    ws.close();
    // The constructor's own errors reach the page unchanged.
    expect(() => new WebSocket('http://not-a-ws-url/')).toThrow(/SyntaxError|scheme|protocol/i);
    // So do send's: a socket still connecting refuses to send, and nothing is recorded.
    const connecting = new WebSocket(url);
    expect(() => connecting.send('too early')).toThrow();
    connecting.close();
  });

  it('captures text, binary, sends and the close while page handlers see the same data', async () => {
    serve((socket) => {
      socket.on('message', () => {
        socket.send('{"type":"Welcome"}');
        socket.send(Buffer.from([0, 1, 2, 253, 254, 255]));
        socket.send('second');
        socket.close(4001, 'done');
      });
    });
    const seen: string[] = [];
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    // The page's first listener stops immediate propagation: the capture must still see it all.
    ws.addEventListener('message', (e) => {
      seen.push(typeof e.data === 'string' ? e.data : `bytes:${(e.data as ArrayBuffer).byteLength}`);
      e.stopImmediatePropagation();
    });
    ws.onopen = () => ws.send('hello-from-page');
    const closed = new Promise<CloseEvent>((resolve) => (ws.onclose = resolve));
    const close = await closed;
    expect(close.code).toBe(4001);
    expect(seen).toEqual(['{"type":"Welcome"}', 'bytes:6', 'second']);

    await until(() => captured.some((f) => f.kind === 'close' && f.close?.code === 4001), 'the close frame');
    const socket = captured.find((f) => f.data === 'hello-from-page')!.socket;
    const frames = captured.filter((f) => f.socket === socket);
    expect(frames.map((f) => `${f.dir} ${f.kind} ${f.data ?? ''}`)).toEqual([
      'in open ',
      'out text hello-from-page',
      'in text {"type":"Welcome"}',
      'in binary 00 01 02 fd fe ff',
      'in text second',
      `in close `,
    ]);
    expect(frames[0]!.url).toBe(url);
    expect(frames[3]!.size).toBe(6);
    expect(frames[5]!.close).toEqual({ code: 4001, reason: 'done', wasClean: true });
  });

  it("records a socket's URL without the token its query carries; the page's socket keeps it", async () => {
    serve((socket) => socket.close(4002, 'bye'));
    const withToken = `${url}?access_token=SECRET-A&jwt=SECRET-B&keep=1`;
    const ws = new WebSocket(withToken);
    expect(ws.url).toBe(withToken);
    await new Promise((resolve) => (ws.onclose = resolve));
    await until(() => captured.some((f) => f.kind === 'close' && f.close?.code === 4002), 'the close frame');
    const socket = captured.find((f) => f.kind === 'close' && f.close?.code === 4002)!.socket;
    const open = captured.find((f) => f.socket === socket && f.kind === 'open')!;
    expect(open.url).toBe(`${url}?access_token=(removed)&jwt=(removed)&keep=1`);
    expect(JSON.stringify(captured)).not.toContain('SECRET-');
  });

  it('reads a Blob preview without delaying the page and keeps the frame in its place', async () => {
    serve((socket) => {
      socket.send(Buffer.alloc(100, 7));
      socket.send('after-blob');
    });
    const ws = new WebSocket(url);
    ws.binaryType = 'blob';
    const kinds: string[] = [];
    ws.onmessage = (e) => kinds.push(typeof e.data === 'string' ? 'text' : (e.data as Blob).constructor.name);
    await until(() => kinds.length === 2, 'both messages');
    expect(kinds).toEqual(['Blob', 'text']);
    await until(() => captured.some((f) => f.data === 'after-blob'), 'the text after the blob');
    const i = captured.findIndex((f) => f.data === 'after-blob');
    expect(captured[i - 1]).toMatchObject({ kind: 'binary', size: 100 });
    expect(captured[i - 1]!.data!.split(' ')).toHaveLength(64);
    ws.close();
  });

  it('turns its own failure into a notice frame and never throws into the page', async () => {
    serve(() => {});
    const ws = new WebSocket(url);
    await new Promise((resolve) => (ws.onopen = resolve));
    const pageSaw: string[] = [];
    ws.addEventListener('message', () => pageSaw.push('page listener ran'));
    // A message whose data cannot be read: the capture's read fails, the page's listener still runs.
    const poisoned = new MessageEvent('message');
    Object.defineProperty(poisoned, 'data', {
      get() {
        throw new Error('poisoned data');
      },
    });
    expect(() => ws.dispatchEvent(poisoned)).not.toThrow();
    expect(pageSaw).toEqual(['page listener ran']);
    await until(() => captured.some((f) => f.kind === 'notice'), 'the notice');
    expect(captured.find((f) => f.kind === 'notice')).toMatchObject({
      dir: 'meta',
      socket: 'capture',
      data: 'interceptor failure in message: poisoned data',
    });
    ws.close();
  });

  it('keeps its channel private when the page later wraps DOM methods to snoop on them', async () => {
    const seenTargets: string[] = [];
    const proto = window.EventTarget.prototype;
    const nodeProto = window.Node.prototype;
    const originalDispatch = proto.dispatchEvent;
    const originalAppend = nodeProto.appendChild;
    proto.dispatchEvent = function (this: EventTarget, event: Event) {
      seenTargets.push((this as Element).nodeName ?? String(this));
      return originalDispatch.call(this, event);
    };
    nodeProto.appendChild = function <T extends Node>(this: Node, child: T): T {
      seenTargets.push(this.nodeName);
      return originalAppend.call(this, child) as T;
    };
    try {
      serve((socket) => socket.send('while-snooped'));
      const ws = new WebSocket(url);
      await until(() => captured.some((f) => f.data === 'while-snooped'), 'the frame sent while the page snoops');
      ws.close();
    } finally {
      proto.dispatchEvent = originalDispatch;
      nodeProto.appendChild = originalAppend;
    }
    // The relay's own listeners run in this test's shared world; the page's hooks saw none of
    // the interceptor's calls on the channel node.
    expect(seenTargets.filter((name) => /wxcc/i.test(name))).toEqual([]);
  });

  it('numbers every frame of the page in one contiguous sequence', () => {
    const seqs = captured.map((f) => f.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });
});
