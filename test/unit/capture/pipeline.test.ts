import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import type { PageChunk, PageFrame } from '../../../src/capture/shared/page-chunk';
import { MemoryFrameStore } from '../../../src/capture/background/frame-store';
import { BACKLOG_MESSAGE_BYTES, Hub } from '../../../src/capture/background/hub';
import type { HubToPanel, HubToRelay, PanelToHub, RelayToHub } from '../../../src/capture/shared/messages';
import { PanelLink } from '../../../src/capture/panel/panel-link';
import type { Schedule } from '../../../src/capture/shared/port';
import { Relay } from '../../../src/capture/relay/relay';
import { flushMicrotasks, portPair, type TestPort } from './port-pair';

/** Timers the test advances by hand, so batching is checked without waiting. */
function manualClock() {
  let now = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 0;
  const schedule: Schedule = (fn, ms) => {
    const id = ++nextId;
    timers.push({ at: now + ms, fn, id });
    return () => {
      timers = timers.filter((t) => t.id !== id);
    };
  };
  const advance = async (ms: number) => {
    const end = now + ms;
    for (;;) {
      await flushMicrotasks();
      const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((t) => t !== due);
      now = due.at;
      due.fn();
    }
    now = end;
    await flushMicrotasks();
  };
  return { schedule, advance };
}

let pageSeq = 0;
function pageFrames(n: number, socket = 'ws-1'): PageFrame[] {
  return Array.from({ length: n }, () => {
    const seq = ++pageSeq;
    return { seq, t: 1_700_000_000_000 + seq, socket, dir: 'in' as const, kind: 'text' as const, data: `{"n":${seq}}` };
  });
}

/** A chunk as the interceptor dispatches it in Chrome: text payloads moved into one body. */
function chunk(frames: PageFrame[]): PageChunk {
  let body = '';
  for (const frame of frames) {
    if (frame.kind === 'text' && frame.data !== undefined) {
      frame.len = frame.data.length;
      body += frame.data;
      frame.data = undefined;
    }
  }
  return body ? { frames, body } : { frames };
}

/** A hub, a relay for one document of tab 7, and a panel; ports can be cut to mimic a worker stop. */
function setup(options: { budgetBytes?: number; store?: MemoryFrameStore } = {}) {
  pageSeq = 0;
  const clock = manualClock();
  const store = options.store ?? new MemoryFrameStore();
  let hub = new Hub({ store, budgetBytes: options.budgetBytes, now: () => 42 });
  const relayPorts: TestPort<HubToRelay, RelayToHub>[] = [];
  /** The hub's ends of every port: a stopped worker drops them all. */
  const hubEnds: { disconnect(): void }[] = [];
  const relay = new Relay({
    connect: () => {
      const [relaySide, hubSide] = portPair<RelayToHub, HubToRelay>();
      hub.connectRelay(hubSide, 7);
      relayPorts.push(relaySide);
      hubEnds.push(hubSide);
      return relaySide;
    },
    doc: 'doc-1',
    url: 'https://desktop.wxcc-us1.cisco.com/',
    top: true,
    schedule: clock.schedule,
  });
  const openPanel = () => {
    const received: Frame[] = [];
    const link = new PanelLink(
      () => {
        const [panelSide, hubSide] = portPair<PanelToHub, HubToPanel>();
        hub.connectPanel(hubSide);
        hubEnds.push(hubSide);
        return panelSide;
      },
      7,
      { frames: (f) => received.push(...f), stats: () => {}, cleared: () => {}, connection: () => {} },
      clock.schedule,
    );
    return { link, received };
  };
  return {
    clock,
    store,
    relay,
    relayPorts,
    openPanel,
    get hub() {
      return hub;
    },
    /** A service-worker restart: the hub's memory is gone, only the store remains. */
    restartHub() {
      hub = new Hub({ store, budgetBytes: options.budgetBytes, now: () => 42 });
      for (const port of hubEnds.splice(0)) port.disconnect();
    },
  };
}

describe('relay → hub → panel', () => {
  it('numbers frames per tab after a navigation frame and delivers them all in order', async () => {
    const s = setup();
    await s.clock.advance(0);
    s.relay.accept(chunk(pageFrames(3)));
    await s.clock.advance(60);
    const { received } = s.openPanel();
    await s.clock.advance(10);
    expect(received.map((f) => [f.seq, f.kind, f.socket])).toEqual([
      [1, 'navigation', 'capture'],
      [2, 'text', 'ws-1'],
      [3, 'text', 'ws-1'],
      [4, 'text', 'ws-1'],
    ]);
    expect(received[1]!.size).toBe('{"n":1}'.length);
    s.relay.accept(chunk(pageFrames(2)));
    await s.clock.advance(60);
    expect(received.map((f) => f.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(s.relay.counters.acked).toBe(5);
    expect(s.relay.counters.buffered).toBe(0);
  });

  it('waits up to 50 ms, or sends at once when 500 frames are waiting', async () => {
    const s = setup();
    await s.clock.advance(0);
    const port = s.relayPorts[0]!;
    s.relay.accept(chunk(pageFrames(10)));
    await s.clock.advance(20);
    expect(port.sent.filter((m) => m.type === 'frames')).toHaveLength(0);
    await s.clock.advance(40);
    expect(port.sent.filter((m) => m.type === 'frames')).toHaveLength(1);
    for (let i = 0; i < 12; i++) s.relay.accept(chunk(pageFrames(100)));
    await s.clock.advance(0);
    const batches = port.sent.filter((m): m is Extract<RelayToHub, { type: 'frames' }> => m.type === 'frames');
    expect(batches.slice(1).map((b) => b.chunks.reduce((n, c) => n + c.frames.length, 0))).toEqual([500, 500]);
    await s.clock.advance(60);
    expect(port.sent.filter((m) => m.type === 'frames').length).toBe(4);
  });

  it('loses nothing when the hub restarts mid-stream: the relay resends from the last acknowledged frame', async () => {
    const s = setup();
    const { received } = s.openPanel();
    await s.clock.advance(0);
    s.relay.accept(chunk(pageFrames(100)));
    await s.clock.advance(60);
    s.relay.accept(chunk(pageFrames(100)));
    // The worker stops before this batch was sent.
    s.restartHub();
    s.relay.accept(chunk(pageFrames(100)));
    await s.clock.advance(3000);
    const panel2 = s.openPanel();
    await s.clock.advance(100);
    const seqs = panel2.received.map((f) => f.seq);
    expect(seqs).toEqual(Array.from({ length: 301 }, (_, i) => i + 1));
    expect(panel2.received.filter((f) => f.kind === 'navigation')).toHaveLength(1);
    // The first panel's port was cut by the restart too: it reconnects and catches up.
    expect(received.map((f) => f.seq)).toEqual(seqs);
  });

  it('drops duplicates the relay resends after an acknowledgement was lost', async () => {
    const s = setup();
    const [relaySide, hubSide] = portPair<RelayToHub, HubToRelay>();
    s.hub.connectRelay(hubSide, 7);
    pageSeq = 0;
    const first = pageFrames(5);
    relaySide.postMessage({ type: 'hello', doc: 'doc-2', url: 'u', top: false });
    relaySide.postMessage({ type: 'frames', doc: 'doc-2', chunks: [{ frames: first }] });
    relaySide.postMessage({ type: 'frames', doc: 'doc-2', chunks: [{ frames: first }] });
    pageSeq = 2;
    relaySide.postMessage({ type: 'frames', doc: 'doc-2', chunks: [chunk(pageFrames(5))] });
    await s.clock.advance(10);
    const { received } = s.openPanel();
    await s.clock.advance(10);
    // Tab seq 1 is doc-1's navigation; doc-2 is a sub-frame (no navigation frame).
    expect(received.filter((f) => f.kind === 'text').map((f) => f.data)).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((n) => `{"n":${n}}`),
    );
    expect(received.map((f) => f.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('keeps each id kind per tab (ws-N, worker-N), the channel, and the document URL on first frames', async () => {
    const s = setup();
    await s.clock.advance(0);
    const socket = pageFrames(1, 'ws-1');
    const worker = pageFrames(2, 'worker-1').map((f) => ({ ...f, channel: 'worker' as const, url: 'https://x/w.js' }));
    s.relay.accept(chunk([...socket, ...worker]));
    const [relaySide, hubSide] = portPair<RelayToHub, HubToRelay>();
    s.hub.connectRelay(hubSide, 7);
    relaySide.postMessage({ type: 'hello', doc: 'doc-iframe', url: 'https://desktop.example/', top: false });
    relaySide.postMessage({
      type: 'frames',
      doc: 'doc-iframe',
      chunks: [
        { frames: [{ seq: 1, t: 1, socket: 'worker-1', dir: 'out', kind: 'text', data: '1', channel: 'worker' }] },
      ],
    });
    await s.clock.advance(60);
    const { received } = s.openPanel();
    await s.clock.advance(10);
    const rows = received.filter((f) => f.kind === 'text').map((f) => [f.socket, f.channel, f.frameUrl]);
    // The sub-frame's frame is stored first: the relay of doc-1 batches for 50 ms.
    expect(rows).toEqual([
      ['worker-1', 'worker', 'https://desktop.example/'],
      ['ws-1', undefined, 'https://desktop.wxcc-us1.cisco.com/'],
      ['worker-2', 'worker', 'https://desktop.wxcc-us1.cisco.com/'],
      ['worker-2', 'worker', undefined],
    ]);
  });

  it('records no credential: not in a page address, a socket message, nor a worker message relaying one', async () => {
    const store = new MemoryFrameStore();
    const hub = new Hub({ store, now: () => 42 });
    const [relaySide, hubSide] = portPair<RelayToHub, HubToRelay>();
    hub.connectRelay(hubSide, 7);
    // The desktop's address right after its OAuth login.
    relaySide.postMessage({
      type: 'hello',
      doc: 'doc-1',
      url: 'https://desktop.wxcc-us1.cisco.com/?code=oauth-code-77&state=s1#access_token=page-token-88',
      top: true,
    });
    await flushMicrotasks();
    // Webex's Mercury socket authenticates with the user's token; a worker relays the same.
    const mercury = JSON.stringify({ id: 'm1', type: 'authorization', data: { token: 'Bearer mercury-token-99' } });
    const relayed = JSON.stringify({ type: 'websocket_send_message', data: { message: mercury } });
    const event =
      '{"type":"RoutingMessage","data":{"participants":{"a":{"sessionId":"5e55000a-0000-4000-8000-00000000000a"}}}}';
    const frames: PageFrame[] = [
      { seq: 1, t: 1, socket: 'ws-1', dir: 'out', kind: 'text', data: mercury },
      { seq: 2, t: 2, socket: 'worker-1', dir: 'out', kind: 'text', data: relayed, channel: 'worker' },
      { seq: 3, t: 3, socket: 'ws-2', dir: 'in', kind: 'text', data: event },
    ];
    relaySide.postMessage({ type: 'frames', doc: 'doc-1', chunks: [chunk(frames)] });
    await hub.idle(7);
    await flushMicrotasks();
    const stored = (await store.readAfter(7, 0, 100)).flatMap((batch) => batch.frames);
    expect(stored.map((f) => [f.kind, f.data, f.frameUrl, f.size])).toEqual([
      [
        'navigation',
        'https://desktop.wxcc-us1.cisco.com/?code=(removed)&state=s1#access_token=(removed)',
        undefined,
        0,
      ],
      [
        'text',
        '{"id":"m1","type":"authorization","data":{"token":"(removed)"}}',
        'https://desktop.wxcc-us1.cisco.com/?code=(removed)&state=s1#access_token=(removed)',
        mercury.length,
      ],
      [
        'text',
        JSON.stringify({
          type: 'websocket_send_message',
          data: { message: '{"id":"m1","type":"authorization","data":{"token":"(removed)"}}' },
        }),
        'https://desktop.wxcc-us1.cisco.com/?code=(removed)&state=s1#access_token=(removed)',
        relayed.length,
      ],
      // WxCC's own `sessionId` is an id, not a credential.
      [
        'text',
        event,
        'https://desktop.wxcc-us1.cisco.com/?code=(removed)&state=s1#access_token=(removed)',
        event.length,
      ],
    ]);
  });

  it('names each request http-N and forgets its page id after its response, so the map stays bounded', async () => {
    const s = setup();
    await s.clock.advance(0);
    const calls = Array.from({ length: 50 }, (_, i) => [
      { ...pageFrames(1, `http-${i + 1}`)[0]!, kind: 'request' as const, dir: 'out' as const },
      { ...pageFrames(1, `http-${i + 1}`)[0]!, kind: 'response' as const },
    ]).flat();
    const open = { ...pageFrames(1, 'http-51')[0]!, kind: 'request' as const, dir: 'out' as const };
    s.relay.accept(chunk([...calls, open]));
    await s.clock.advance(60);
    const { received } = s.openPanel();
    await s.clock.advance(10);
    const http = received.filter((f) => f.kind === 'request' || f.kind === 'response');
    expect(http).toHaveLength(101);
    expect(http[0]!.socket).toBe('http-1');
    expect(http[1]!.socket).toBe('http-1');
    expect(http[100]!.socket).toBe('http-51');
    const tab = await s.store.loadTab(7);
    // Only the request still in flight keeps its name.
    expect(Object.keys(tab!.docs['doc-1']!.sockets)).toEqual(['http-51']);
  });

  it('turns a hole in the page numbering into the same hole in the tab numbering', async () => {
    const s = setup();
    await s.clock.advance(0);
    s.relay.accept(chunk(pageFrames(2)));
    pageSeq += 3; // the page side shed three frames
    s.relay.accept(chunk(pageFrames(2)));
    await s.clock.advance(60);
    const { received } = s.openPanel();
    await s.clock.advance(10);
    expect(received.map((f) => f.seq)).toEqual([1, 2, 3, 7, 8]);
  });

  it('names sockets per tab and keeps meta frames on the capture socket', async () => {
    const s = setup();
    await s.clock.advance(0);
    s.relay.accept(chunk([...pageFrames(1, 'ws-1'), ...pageFrames(1, 'ws-2'), ...pageFrames(1, 'capture')]));
    await s.clock.advance(60);
    const { received } = s.openPanel();
    await s.clock.advance(10);
    expect(received.map((f) => f.socket)).toEqual(['capture', 'ws-1', 'ws-2', 'capture']);
  });

  it('escapes the long strings of a frame sent as JSON pieces, giving the text the page would have written', async () => {
    const s = setup();
    await s.clock.advance(0);
    const relayed = '{"data":{"say":"a \\"quoted\\" word\\n","é":"💬"}}\u2028';
    const text = `{"type":"websocket_message_received","data":{"message":${JSON.stringify(relayed)}}}`;
    const pieces = ['{"type":"websocket_message_received","data":{"message":', relayed, '}}'];
    const [framed, plain] = pageFrames(2, 'worker-1');
    framed!.channel = 'worker';
    plain!.data = 'after it';
    // As the relay reads it off the channel in Chrome: the pieces apart, joined by the hub.
    const body = [...pieces, plain!.data!];
    framed!.len = pieces.join('').length;
    framed!.json = pieces.map((piece) => piece.length);
    plain!.len = plain!.data.length;
    plain!.data = undefined;
    s.relay.accept({ frames: [framed!, plain!], body });
    // Pieces that do not add up to the payload are refused like any malformed chunk.
    const [bad] = pageFrames(1);
    s.relay.accept({ frames: [{ ...bad!, data: undefined, len: 3, json: [1, 1] }], body: ['a', 'bc'] });
    await s.clock.advance(60);
    const { received } = s.openPanel();
    await s.clock.advance(10);
    const frames = received.filter((f) => f.kind === 'text');
    expect(frames.map((f) => f.data)).toEqual([text, 'after it']);
    expect(JSON.parse(frames[0]!.data!).data.message).toBe(relayed);
    expect(frames[0]!.size).toBe(new TextEncoder().encode(text).length);
    expect(s.relay.counters.rejected).toBe(1);
    expect(
      received
        .filter((f) => f.kind === 'notice')
        .map((f) => f.data)
        .join('\n'),
    ).toMatch(/malformed chunk/);
  });

  it('acknowledges a run of frames messages together (one task on the page each), at least every 16th', async () => {
    pageSeq = 0;
    const store = new MemoryFrameStore();
    const hub = new Hub({ store, now: () => 42 });
    const [relaySide, hubSide] = portPair<RelayToHub, HubToRelay>();
    hub.connectRelay(hubSide, 7);
    const acks: number[] = [];
    relaySide.onMessage.addListener((m) => {
      if (m.type === 'ack') acks.push(m.seq);
    });
    relaySide.postMessage({ type: 'hello', doc: 'doc-1', url: 'https://desktop.wxcc-us1.cisco.com/', top: true });
    await flushMicrotasks();
    for (let i = 0; i < 40; i++)
      relaySide.postMessage({ type: 'frames', doc: 'doc-1', chunks: [chunk(pageFrames(5))] });
    await hub.idle(7);
    await flushMicrotasks();
    // Every frame stored and the last acknowledgement covers them all, in far fewer messages.
    expect((await store.readAfter(7, 0, 1000)).reduce((n, b) => n + b.frames.length, 0)).toBe(201);
    expect(acks.at(-1)).toBe(200);
    expect(acks.length).toBeGreaterThanOrEqual(Math.floor(40 / 16));
    expect(acks.length).toBeLessThan(40);
    expect(acks).toEqual([...acks].sort((a, b) => a - b));
    // A lone message is acknowledged at once.
    relaySide.postMessage({ type: 'frames', doc: 'doc-1', chunks: [chunk(pageFrames(1))] });
    await hub.idle(7);
    await flushMicrotasks();
    expect(acks.at(-1)).toBe(201);
  });

  it('ignores forged and malformed chunks, and says so in a notice frame', async () => {
    const s = setup();
    await s.clock.advance(0);
    s.relay.accept('not json');
    s.relay.accept({ hello: 'world' });
    s.relay.accept({ frames: [{ seq: 'x' }] });
    s.relay.accept({ frames: [{ seq: 1, t: 1, socket: 'ws-1', dir: 'in', kind: 'text', len: 5 }] }); // no body
    s.relay.accept(
      '{"frames":[{"seq":1,"t":1,"socket":"ws-1","dir":"in","kind":"text","data":"<img src=x onerror=alert(1)>"}]}',
    );
    s.relay.accept({ frames: [{ seq: 1, t: 1, socket: 'ws-1', dir: 'in', kind: 'text', data: 'replayed' }] });
    await s.clock.advance(60);
    const { received } = s.openPanel();
    await s.clock.advance(10);
    expect(s.relay.counters.rejected).toBe(5);
    expect(received.filter((f) => f.kind === 'text').map((f) => f.data)).toEqual(['<img src=x onerror=alert(1)>']);
    const notices = received.filter((f) => f.kind === 'notice').map((f) => f.data);
    expect(notices.join('\n')).toMatch(/not JSON/);
    expect(notices.join('\n')).toMatch(/malformed chunk/);
    expect(notices.join('\n')).toMatch(/does not follow/);
  });

  it('bounds the relay buffer while the background is unreachable and reports what it shed', async () => {
    pageSeq = 0;
    const clock = manualClock();
    const relay = new Relay({
      connect: () => {
        throw new Error('Extension context invalidated');
      },
      doc: 'd',
      url: 'u',
      top: true,
      schedule: clock.schedule,
    });
    relay.accept(chunk(pageFrames(3)));
    expect(relay.counters.buffered).toBe(0); // a dead context keeps nothing
    const [relaySide] = portPair<RelayToHub, HubToRelay>(); // never answers: no welcome
    const stuck = new Relay({
      connect: () => relaySide,
      doc: 'd',
      url: 'u',
      top: true,
      maxBufferedBytes: 1000,
      schedule: clock.schedule,
    });
    for (let i = 0; i < 100; i++) stuck.accept(chunk(pageFrames(1)));
    expect(stuck.counters.shedFrames).toBeGreaterThan(80);
    expect(stuck.counters.buffered).toBeLessThan(20);
  });

  it('counts posted frames it can no longer resend as shed only when the background restarts before storing them', async () => {
    pageSeq = 0;
    const clock = manualClock();
    // A background that welcomes the relay with `stored` and never acknowledges anything more.
    let stored = 0;
    const relayEnds: TestPort<HubToRelay, RelayToHub>[] = [];
    const hubEnds: TestPort<RelayToHub, HubToRelay>[] = [];
    const relay = new Relay({
      connect: () => {
        const [relaySide, hubSide] = portPair<RelayToHub, HubToRelay>();
        hubSide.onMessage.addListener((m) => {
          if (m.type === 'hello') hubSide.postMessage({ type: 'welcome', acked: stored });
        });
        relayEnds.push(relaySide);
        hubEnds.push(hubSide);
        return relaySide;
      },
      doc: 'd',
      url: 'u',
      top: true,
      batchMs: 0,
      maxBufferedBytes: 1000,
      schedule: clock.schedule,
    });
    await clock.advance(0);
    for (let i = 0; i < 50; i++) relay.accept(chunk(pageFrames(2)));
    await clock.advance(0);
    const postedSeqs = (port: TestPort<HubToRelay, RelayToHub>) =>
      port.sent.flatMap((m) => (m.type === 'frames' ? m.chunks.flatMap((c) => c.frames.map((f) => f.seq)) : []));
    const notices = (port: TestPort<HubToRelay, RelayToHub>) =>
      port.sent.flatMap((m) => (m.type === 'frames' ? (m.notices ?? []) : []));
    // Every chunk was posted as it came (batchMs 0); the buffer let go of the oldest posted
    // ones, which loses nothing while the port holds: no shed counted, no notice.
    expect(postedSeqs(relayEnds[0]!)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(relay.counters.shedFrames).toBe(0);
    expect(notices(relayEnds[0]!)).toEqual([]);
    const buffered = relay.counters.buffered;
    expect(buffered).toBeLessThan(100);
    // The background restarts having stored frames 1–10: what the relay could not resend is
    // counted and reported, what it still holds is resent, in order.
    stored = 10;
    hubEnds[0]!.disconnect();
    await clock.advance(100);
    expect(relayEnds).toHaveLength(2);
    expect(relay.counters.shedFrames).toBe(100 - 10 - buffered);
    expect(postedSeqs(relayEnds[1]!)).toEqual(Array.from({ length: buffered }, (_, i) => 101 - buffered + i));
    expect(notices(relayEnds[1]!).join('\n')).toMatch(
      new RegExp(`relay shed ${100 - 10 - buffered} frames .* background restarted before storing them`),
    );
  });

  it('keeps the tab within its byte budget, shedding the oldest frames and counting them', async () => {
    const s = setup({ budgetBytes: 500 });
    await s.clock.advance(0);
    for (let i = 0; i < 20; i++) {
      s.relay.accept(chunk(pageFrames(10)));
      await s.clock.advance(60);
    }
    let stats: { shedFrames: number; firstSeq: number; bytes: number } | null = null;
    const received: Frame[] = [];
    new PanelLink(
      () => {
        const [panelSide, hubSide] = portPair<PanelToHub, HubToPanel>();
        s.hub.connectPanel(hubSide);
        return panelSide;
      },
      7,
      { frames: (f) => received.push(...f), stats: (x) => (stats = x), cleared: () => {}, connection: () => {} },
      s.clock.schedule,
    );
    await s.clock.advance(10);
    expect(stats!.bytes).toBeLessThanOrEqual(500);
    expect(stats!.shedFrames).toBeGreaterThan(0);
    expect(received[0]!.seq).toBe(stats!.firstSeq);
    expect(received.at(-1)!.seq).toBe(201);
    expect(received.length + stats!.shedFrames).toBe(201);
  });

  it('tells open panels what it shed, so each drops the same frames and all show the same capture', async () => {
    const s = setup({ budgetBytes: 500 });
    await s.clock.advance(0);
    type Shed = { firstSeq: number; frames: number; bytes: number; reason: string };
    const panels = [0, 1].map(() => {
      const panel = { kept: [] as Frame[], sheds: [] as Shed[], firstSeq: 0 };
      new PanelLink(
        () => {
          const [panelSide, hubSide] = portPair<PanelToHub, HubToPanel>();
          s.hub.connectPanel(hubSide);
          return panelSide;
        },
        7,
        {
          frames: (f) => panel.kept.push(...f),
          shed: (shed) => {
            panel.sheds.push(shed);
            panel.kept = panel.kept.filter((f) => f.seq >= shed.firstSeq);
          },
          stats: (x) => (panel.firstSeq = x.firstSeq),
          cleared: () => {},
          connection: () => {},
        },
        s.clock.schedule,
      );
      return panel;
    });
    for (let i = 0; i < 20; i++) {
      s.relay.accept(chunk(pageFrames(10)));
      await s.clock.advance(60);
    }
    const [a, b] = panels as [(typeof panels)[0], (typeof panels)[0]];
    expect(a.sheds.length).toBeGreaterThan(1);
    expect(a.sheds.every((x) => x.reason === 'budget' && x.frames > 0 && x.bytes > 0)).toBe(true);
    expect(a.sheds.map((x) => x.firstSeq)).toEqual(b.sheds.map((x) => x.firstSeq));
    expect(a.kept[0]!.seq).toBe(a.firstSeq);
    expect(a.kept.map((f) => f.seq)).toEqual(b.kept.map((f) => f.seq));
    expect(a.kept.at(-1)!.seq).toBe(201);
    const shed = a.sheds.reduce((n, x) => n + x.frames, 0);
    expect(a.kept.length + shed).toBe(201);
  });

  it('sends the newest frames first when asked, then every older one, then live ones: none lost, none twice', async () => {
    const s = setup();
    await s.clock.advance(0);
    for (let i = 0; i < 10; i++) {
      s.relay.accept(chunk(pageFrames(10)));
      await s.clock.advance(60);
    }
    const got: { kind: 'tail' | 'frames'; seqs: number[] }[] = [];
    let live = false;
    const link = new PanelLink(
      () => {
        const [panelSide, hubSide] = portPair<PanelToHub, HubToPanel>();
        s.hub.connectPanel(hubSide);
        return panelSide;
      },
      7,
      {
        frames: (f) => got.push({ kind: 'frames', seqs: f.map((x) => x.seq) }),
        tail: (f) => got.push({ kind: 'tail', seqs: f.map((x) => x.seq) }),
        stats: () => {},
        cleared: () => {},
        connection: (state) => (live = state === 'live'),
      },
      s.clock.schedule,
      25,
    );
    await s.clock.advance(10);
    expect(live).toBe(true);
    expect(got[0]!.kind).toBe('tail');
    const tail = got[0]!.seqs;
    expect(tail.length).toBeGreaterThanOrEqual(25);
    expect(tail.at(-1)).toBe(101);
    const older = got.slice(1).flatMap((g) => g.seqs);
    expect([...older, ...tail]).toEqual(Array.from({ length: 101 }, (_, i) => i + 1));
    s.relay.accept(chunk(pageFrames(2)));
    await s.clock.advance(60);
    expect(got.at(-1)).toEqual({ kind: 'frames', seqs: [102, 103] });
    link.close();
  });

  it('a reconnect while older frames fill in asks again from the last older one, and skips the tail', async () => {
    const s = setup();
    await s.clock.advance(0);
    for (let i = 0; i < 40; i++) {
      s.relay.accept(chunk(pageFrames(3)));
      await s.clock.advance(60);
    }
    const seqs: number[] = [];
    const subscribes: PanelToHub[] = [];
    let stopAfter = 2;
    new PanelLink(
      () => {
        const [panelSide, hubSide] = portPair<PanelToHub, HubToPanel>();
        if (stopAfter > 0) {
          // The worker stops while it sends the second chunk of older frames.
          const post = hubSide.postMessage.bind(hubSide);
          hubSide.postMessage = (m: HubToPanel) => {
            post(m);
            if (m.type === 'frames' && --stopAfter === 0) hubSide.disconnect();
          };
        }
        s.hub.connectPanel(hubSide);
        const post = panelSide.postMessage.bind(panelSide);
        panelSide.postMessage = (m: PanelToHub) => {
          subscribes.push(m);
          post(m);
        };
        return panelSide;
      },
      7,
      {
        frames: (f) => seqs.push(...f.map((x) => x.seq)),
        tail: (f) => seqs.push(...f.map((x) => x.seq)),
        stats: () => {},
        cleared: () => {},
        connection: () => {},
      },
      s.clock.schedule,
      25,
    );
    await s.clock.advance(10);
    await s.clock.advance(200);
    expect(subscribes[0]).toMatchObject({ type: 'subscribe', after: 0, tail: 25 });
    expect(subscribes[1]).toMatchObject({ type: 'subscribe' });
    expect((subscribes[1] as { after: number }).after).toBeGreaterThan(0);
    expect((subscribes[1] as { tail?: number }).tail).toBeUndefined();
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 121 }, (_, i) => i + 1));
  });

  it('keeps the tail within a backlog message’s bytes (the older ones follow it), but sends at least one frame', async () => {
    const hub = new Hub({ store: new MemoryFrameStore(), now: () => 1 });
    const big = 'x'.repeat(300 * 1024);
    const frame = (seq: number) => ({
      seq,
      t: seq,
      socket: 'ws-1',
      dir: 'in' as const,
      kind: 'text' as const,
      data: big,
    });
    for (let seq = 1; seq <= 10; seq++) await hub.acceptFrames(4, 'cdp-1', 'wss://x', [frame(seq)]);
    const [panelSide, hubSide] = portPair<PanelToHub, HubToPanel>();
    hub.connectPanel(hubSide);
    const got: { type: string; seqs: number[] }[] = [];
    panelSide.onMessage.addListener((m) => {
      if (m.type === 'tail' || m.type === 'frames') got.push({ type: m.type, seqs: m.frames.map((f) => f.seq) });
    });
    panelSide.postMessage({ type: 'subscribe', tabId: 4, after: 0, tail: 5 });
    await hub.idle(4);
    await flushMicrotasks();
    expect(got[0]).toEqual({ type: 'tail', seqs: [8, 9, 10] });
    expect(got.slice(1).flatMap((g) => g.seqs)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('splits a stored batch over backlog messages of about BACKLOG_MESSAGE_BYTES: small slices for the panel, in order, none lost', async () => {
    const hub = new Hub({ store: new MemoryFrameStore(), now: () => 1 });
    const payload = 'y'.repeat(10 * 1024);
    // Two stored batches of 60 frames (600 KiB each), bigger than a backlog message.
    for (let b = 0; b < 2; b++)
      await hub.acceptFrames(
        5,
        'cdp-1',
        'wss://x',
        Array.from({ length: 60 }, (_, i) => ({
          seq: b * 60 + i + 1,
          t: 1,
          socket: 'ws-1',
          dir: 'in' as const,
          kind: 'text' as const,
          data: payload,
        })),
      );
    const [panelSide, hubSide] = portPair<PanelToHub, HubToPanel>();
    hub.connectPanel(hubSide);
    const messages: Frame[][] = [];
    panelSide.onMessage.addListener((m) => {
      if (m.type === 'frames') messages.push(m.frames);
    });
    panelSide.postMessage({ type: 'subscribe', tabId: 5, after: 0 });
    await hub.idle(5);
    await flushMicrotasks();
    expect(messages.flat().map((f) => f.seq)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(messages.length).toBeGreaterThan(2);
    for (const frames of messages) {
      const bytes = frames.reduce((n, f) => n + f.size, 0);
      expect(bytes - frames.at(-1)!.size).toBeLessThan(BACKLOG_MESSAGE_BYTES);
    }
  });

  it('tells open panels which frames expired for age', async () => {
    let now = 1_700_000_000_000;
    const hub = new Hub({ store: new MemoryFrameStore(), now: () => now });
    hub.setMaxAge(60_000);
    const [panelSide, hubSide] = portPair<PanelToHub, HubToPanel>();
    hub.connectPanel(hubSide);
    const messages: HubToPanel[] = [];
    panelSide.onMessage.addListener((m) => messages.push(m));
    panelSide.postMessage({ type: 'subscribe', tabId: 3, after: 0 });
    await hub.idle(3);
    const frame = (seq: number, t: number) => ({
      seq,
      t,
      socket: 'ws-1',
      dir: 'in' as const,
      kind: 'text' as const,
      data: 'x',
      size: 1,
    });
    await hub.acceptFrames(3, 'cdp-1', 'wss://x', [frame(1, now - 120_000)]);
    now += 61_000;
    await hub.acceptFrames(3, 'cdp-1', 'wss://x', [frame(2, now)]);
    expect(messages.find((m) => m.type === 'shed')).toMatchObject({
      type: 'shed',
      reason: 'age',
      frames: 1,
      firstSeq: 2,
    });
  });

  it('does not keep frames the page captured before a clear but handed over after it', async () => {
    pageSeq = 0;
    let now = 1_700_000_000_000;
    const hub = new Hub({ store: new MemoryFrameStore(), now: () => now });
    const [relaySide, hubSide] = portPair<RelayToHub, HubToRelay>();
    hub.connectRelay(hubSide, 3);
    relaySide.postMessage({ type: 'hello', doc: 'd', url: 'u', top: false });
    const frames = pageFrames(4);
    relaySide.postMessage({ type: 'frames', doc: 'd', chunks: [chunk(frames.slice(0, 1))] });
    await hub.idle(3);
    // The user clears after frames 2 and 3 were captured, before the page handed them over.
    const [panelSide, panelHub] = portPair<PanelToHub, HubToPanel>();
    hub.connectPanel(panelHub);
    panelSide.postMessage({ type: 'subscribe', tabId: 3, after: 0 });
    await flushMicrotasks();
    await hub.idle(3);
    now = frames[2]!.t + 1;
    panelSide.postMessage({ type: 'clear' });
    await flushMicrotasks();
    await hub.idle(3);
    relaySide.postMessage({ type: 'frames', doc: 'd', chunks: [chunk(frames.slice(1))] });
    await flushMicrotasks();
    await hub.idle(3);
    const [lateSide, lateHub] = portPair<PanelToHub, HubToPanel>();
    const late: Frame[] = [];
    lateSide.onMessage.addListener((m) => {
      if (m.type === 'frames') late.push(...m.frames);
    });
    hub.connectPanel(lateHub);
    lateSide.postMessage({ type: 'subscribe', tabId: 3, after: 0 });
    await flushMicrotasks();
    await hub.idle(3);
    await flushMicrotasks();
    // Only frame 4 (captured after the clear) is kept, numbered on without a gap.
    expect(late.map((f) => f.data)).toEqual([`{"n":4}`]);
    expect(late[0]!.seq).toBe(2);
  });

  it('clears a tab for every panel and carries on numbering', async () => {
    const s = setup();
    await s.clock.advance(0);
    s.relay.accept(chunk(pageFrames(3)));
    await s.clock.advance(60);
    const cleared: number[] = [];
    const received: Frame[] = [];
    const link = new PanelLink(
      () => {
        const [panelSide, hubSide] = portPair<PanelToHub, HubToPanel>();
        s.hub.connectPanel(hubSide);
        return panelSide;
      },
      7,
      { frames: (f) => received.push(...f), stats: () => {}, cleared: (n) => cleared.push(n), connection: () => {} },
      s.clock.schedule,
    );
    await s.clock.advance(10);
    link.clear();
    await s.clock.advance(10);
    expect(cleared).toEqual([5]);
    s.relay.accept(chunk(pageFrames(1)));
    await s.clock.advance(60);
    const late = s.openPanel();
    await s.clock.advance(10);
    expect(late.received.map((f) => f.seq)).toEqual([5]);
    expect(received.at(-1)!.seq).toBe(5);
  });
});
