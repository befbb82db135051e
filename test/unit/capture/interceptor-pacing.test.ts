import { JSDOM } from 'jsdom';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { installInterceptor } from '../../../src/capture/page/interceptor';
import { openInterceptorChannel } from '../../../src/capture/relay/relay-channel';
import { joinJsonPieces, type PageChunk } from '../../../src/capture/shared/page-chunk';

// The hand-off is paced by the page's idle time: here the test is the browser's idle scheduler,
// so what goes when is checked without timing anything.
type IdleCallback = (deadline: IdleDeadline) => void;
const idleCallbacks: IdleCallback[] = [];
const dom = new JSDOM('<!doctype html>', { url: 'http://127.0.0.1/' });
const window = dom.window as unknown as Window & typeof globalThis;
window.requestIdleCallback = ((cb: IdleCallback) => idleCallbacks.push(cb)) as typeof window.requestIdleCallback;
const chunks: PageChunk[] = [];
let server: WebSocketServer;
let url: string;
let onConnection: (socket: ServerSocket) => void = () => {};

beforeAll(async () => {
  server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  server.on('connection', (socket) => onConnection(socket));
  // A small busy bound, so the test can also reach it.
  installInterceptor(window, { stringDetail: false, flushMs: 60_000, maxBusyBytes: 64 * 1024 });
  openInterceptorChannel(window.document, (detail) => chunks.push(detail as PageChunk));
});

// Each test starts with nothing waiting: what an earlier test left queued (a socket's close
// frame, say) goes out as on a page's exit, and is forgotten.
beforeEach(() => {
  window.dispatchEvent(new window.Event('pagehide'));
  chunks.length = 0;
  idleCallbacks.length = 0;
});

afterAll(async () => {
  for (const client of server.clients) client.terminate();
  await new Promise((resolve) => server.close(resolve));
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const until = async (check: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 300 && !check(); i++) await sleep(10);
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};
/** Runs the idle callbacks the interceptor asked for, each with `ms` of idle time. */
function idle(ms: number): void {
  for (const cb of idleCallbacks.splice(0)) cb({ didTimeout: false, timeRemaining: () => ms });
}
/** Payloads in the order the channel received them. */
function payloads(): string[] {
  const out: string[] = [];
  for (const chunk of chunks) {
    let offset = 0;
    for (const frame of chunk.frames) {
      if (frame.kind !== 'text') continue;
      out.push(joined(chunk.body).slice(offset, offset + frame.len!));
      offset += frame.len!;
    }
  }
  return out;
}
/** A chunk's body as the hub joins it. */
const joined = (body: PageChunk['body']): string => (typeof body === 'string' ? body : (body ?? []).join(''));
const framesHandedOver = () => chunks.reduce((n, c) => n + c.frames.length, 0);

describe('the interceptor hands frames over in the page idle time', () => {
  it('holds a burst until the socket is quiet and the page idle, then hands it over in small ordered slices', async () => {
    const burst = Array.from({ length: 300 }, (_, i) => `{"n":${i}}`);
    onConnection = (socket) => {
      for (const data of burst) socket.send(data);
    };
    const seen: string[] = [];
    const ws = new window.WebSocket(url);
    ws.onmessage = (e) => seen.push(e.data as string);
    await until(() => seen.length === burst.length, 'the burst');
    // The page got every frame; the capture has copied none of them out yet.
    expect(chunks).toEqual([]);
    await until(() => idleCallbacks.length > 0, 'an idle callback request');
    expect(chunks).toEqual([]);
    while (framesHandedOver() < burst.length + 1) {
      idle(50);
      await sleep(5);
    }
    expect(chunks.every((c) => c.frames.length <= 64)).toBe(true);
    expect(payloads()).toEqual(burst);
    const seqs = chunks.flatMap((c) => c.frames.map((f) => f.seq));
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
    ws.close();
  });

  it('does not wait for idle time once the queue holds more than its bound', async () => {
    const big = Array.from({ length: 20 }, (_, i) => `${i}:${'x'.repeat(8 * 1024)}`);
    onConnection = (socket) => {
      for (const data of big) socket.send(data);
    };
    const ws = new window.WebSocket(url);
    let seen = 0;
    ws.onmessage = () => seen++;
    await until(() => seen === big.length, 'the big frames');
    // 20 × 8 KiB exceed the 64 KiB bound: what is above it goes without any idle callback.
    await until(() => framesHandedOver() > 0, 'a hand-off beyond the bound');
    expect(payloads()).toEqual(big.slice(0, payloads().length));
    ws.close();
    // The rest goes on pagehide, synchronously and in order (the page is going away).
    await until(() => chunks.length > 0 && seen === big.length, 'settled');
    window.dispatchEvent(new window.Event('pagehide'));
    expect(payloads()).toEqual(big);
  });

  it('hands frames over at once while the page is hidden (the browser throttles its idle callbacks)', async () => {
    const hidden = new JSDOM('<!doctype html>', { url: 'http://127.0.0.1/' });
    const win = hidden.window as unknown as Window & typeof globalThis;
    Object.defineProperty(win.Document.prototype, 'visibilityState', { get: () => 'hidden', configurable: true });
    const asked: IdleCallback[] = [];
    win.requestIdleCallback = ((cb: IdleCallback) => asked.push(cb)) as typeof win.requestIdleCallback;
    const got: PageChunk[] = [];
    installInterceptor(win, { stringDetail: false });
    openInterceptorChannel(win.document, (detail) => got.push(detail as PageChunk));
    onConnection = (socket) => {
      for (let i = 0; i < 100; i++) socket.send(`hidden-${i}`);
    };
    const ws = new win.WebSocket(url);
    await until(() => got.reduce((n, c) => n + c.frames.length, 0) === 101, 'every frame of the hidden page');
    expect(asked).toEqual([]);
    ws.close();
  });

  it("makes a deferred frame's text (a worker message) in the idle-time hand-off, in its place, and on pagehide", async () => {
    const win = new JSDOM('<!doctype html>', { url: 'http://127.0.0.1/' }).window as unknown as Window &
      typeof globalThis;
    const asked: IdleCallback[] = [];
    win.requestIdleCallback = ((cb: IdleCallback) => asked.push(cb)) as typeof win.requestIdleCallback;
    const got: PageChunk[] = [];
    const sink = installInterceptor(win, { stringDetail: false, flushMs: 60_000 })!;
    openInterceptorChannel(win.document, (detail) => got.push(detail as PageChunk));
    let made = 0;
    const text = (i: number) => () => {
      made++;
      return `{"later":${i}}`;
    };
    for (let i = 0; i < 100; i++) {
      const frame = sink.frame('worker-1', 'in', 'text');
      frame.channel = 'worker';
      if (i % 2) sink.pushLater(frame, 12, text(i));
      else {
        frame.data = `{"now":${i}}`;
        sink.push(frame, frame.data.length);
      }
    }
    await until(() => asked.length > 0, 'an idle callback request');
    // Nothing written while the page works: the texts wait for its idle time.
    expect(made).toBe(0);
    for (const cb of asked.splice(0)) cb({ didTimeout: false, timeRemaining: () => 50 });
    await until(() => got.length > 0, 'a hand-off');
    const handed = got.reduce((n, c) => n + c.frames.length, 0);
    expect(made).toBe(Math.floor(handed / 2));
    // The rest on pagehide, at once; order and numbering as queued, no function left in a frame.
    win.dispatchEvent(new win.Event('pagehide'));
    expect(made).toBe(50);
    const texts: string[] = [];
    for (const chunk of got) {
      let offset = 0;
      for (const frame of chunk.frames) {
        expect(typeof (frame as { later?: unknown }).later).not.toBe('function');
        texts.push(joined(chunk.body).slice(offset, offset + frame.len!));
        offset += frame.len!;
      }
    }
    expect(texts).toEqual(Array.from({ length: 100 }, (_, i) => (i % 2 ? `{"later":${i}}` : `{"now":${i}}`)));
  });

  it('hands JSON pieces over with their long strings unescaped (the hub escapes them), or joined for Firefox', async () => {
    const relayed = '{"data":{"say":"a \\"quoted\\" word"}}';
    const pieces = { texts: ['{"data":{"message":', '}}'], strings: [relayed] };
    const text = `{"data":{"message":${JSON.stringify(relayed)}}}`;
    for (const stringDetail of [false, true]) {
      const win = new JSDOM('<!doctype html>', { url: 'http://127.0.0.1/' }).window as unknown as Window &
        typeof globalThis;
      const got: unknown[] = [];
      const sink = installInterceptor(win, { stringDetail, flushMs: 60_000 })!;
      openInterceptorChannel(win.document, (detail) => got.push(detail));
      const frame = sink.frame('worker-1', 'in', 'text');
      frame.channel = 'worker';
      sink.pushLater(frame, relayed.length, () => pieces);
      win.dispatchEvent(new win.Event('pagehide'));
      expect(got).toHaveLength(1);
      if (stringDetail) {
        expect(JSON.parse(got[0] as string).frames[0].data).toBe(text);
        continue;
      }
      const chunk = got[0] as PageChunk;
      const sent = chunk.frames[0]!;
      expect(sent.json).toEqual([pieces.texts[0]!.length, relayed.length, 2]);
      // The page's own string, as it was: no escaping on the page's thread, no concatenation.
      expect(chunk.body).toEqual([pieces.texts[0], relayed, pieces.texts[1]]);
      expect(joinJsonPieces(joined(chunk.body), 0, sent.json!)).toBe(text);
    }
  });

  it('under light traffic looks once, when the next hand-off may be, not a quiet period after each frame', async () => {
    const win = new JSDOM('<!doctype html>', { url: 'http://127.0.0.1/' }).window as unknown as Window &
      typeof globalThis;
    const asked: IdleCallback[] = [];
    win.requestIdleCallback = ((cb: IdleCallback) => asked.push(cb)) as typeof win.requestIdleCallback;
    const delays: number[] = [];
    const nativeSetTimeout = win.setTimeout.bind(win);
    win.setTimeout = ((fn: () => void, ms: number) => {
      delays.push(ms);
      return nativeSetTimeout(fn, ms);
    }) as typeof win.setTimeout;
    const got: PageChunk[] = [];
    const sink = installInterceptor(win, { stringDetail: false, flushMs: 60_000 })!;
    openInterceptorChannel(win.document, (detail) => got.push(detail as PageChunk));
    const send = (text: string) => {
      const frame = sink.frame('ws-1', 'in', 'text');
      frame.data = text;
      sink.push(frame, text.length);
    };
    send('first');
    await until(() => asked.length > 0, 'an idle callback request');
    for (const cb of asked.splice(0)) cb({ didTimeout: false, timeRemaining: () => 50 });
    expect(got).toHaveLength(1);
    // Right after a hand-off, the next frame's one timer is set for when the next may go.
    delays.length = 0;
    send('second');
    send('third');
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeGreaterThan(400);
    await until(() => asked.length > 0, 'the next idle callback request');
    for (const cb of asked.splice(0)) cb({ didTimeout: false, timeRemaining: () => 50 });
    expect(joined(got[1]!.body)).toBe('secondthird');
  });
});
