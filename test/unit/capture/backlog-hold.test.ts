import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import { BACKLOG_WINDOW } from '../../../src/capture/background/hub';
import type { HubToPanel, PanelToHub } from '../../../src/capture/shared/messages';
import { PanelLink } from '../../../src/capture/panel/panel-link';
import { hubWith, panelOn } from './hub-panel';
import { flushMicrotasks, portPair } from './port-pair';

const PAYLOAD = 'p'.repeat(200 * 1024);

const frame = (seq: number, data = PAYLOAD) => ({
  seq,
  t: seq,
  socket: 'ws-1',
  dir: 'in' as const,
  kind: 'text' as const,
  data,
});

const settle = async () => {
  for (let i = 0; i < 20; i++) await flushMicrotasks();
};

/** Answers every backlog message (`more`) until `backlog-done`. */
async function answerAll(p: ReturnType<typeof panelOn>): Promise<void> {
  let answered = 0;
  for (let i = 0; i < 200 && !p.got.some((m) => m.type === 'backlog-done'); i++) {
    for (; answered < p.backlog(); answered++) p.port.postMessage({ type: 'more' });
    await settle();
  }
}

/** The seq order a panel filling in shows: the older frames, then the tail, then the rest in arrival order. */
function shown(p: ReturnType<typeof panelOn>): number[] {
  const tail = p.got.find((m) => m.type === 'tail') as { frames: Frame[] } | undefined;
  const from = tail?.frames[0]?.seq ?? Number.POSITIVE_INFINITY;
  const seqs = p.seqs();
  return [...seqs.filter((s) => s < from), ...seqs.filter((s) => s >= from)];
}

describe('a paused panel holds its backlog at the hub (`hold`, then `fill`)', () => {
  it('stops the backlog at its next message; the tab goes on (live frames stored, not sent); `fill` sends the rest, then what came meanwhile, each once, in order', async () => {
    const hub = await hubWith(30);
    const p = panelOn(hub);
    p.port.postMessage({ type: 'subscribe', tabId: 4, after: 0, tail: 3, paced: true });
    await settle();
    expect(p.got.filter((m) => m.type === 'frames').length).toBe(BACKLOG_WINDOW);
    p.port.postMessage({ type: 'hold' });
    await settle();
    // Answers for the messages already on their way let nothing more go.
    for (let i = 0; i < BACKLOG_WINDOW; i++) p.port.postMessage({ type: 'more' });
    await settle();
    const before = p.seqs().length;
    // The tab's queue is not held: live frames are stored (this resolves), and kept for the panel.
    for (let seq = 31; seq <= 35; seq++) await hub.acceptFrames(4, 'cdp-1', 'wss://x', [frame(seq, `live ${seq}`)]);
    await settle();
    expect(p.seqs().length).toBe(before);
    expect(p.types()).not.toContain('backlog-done');
    // It still hears what the capture does (its counts).
    expect(p.got.at(-1)).toMatchObject({ type: 'stats', stats: { lastSeq: 35 } });

    p.port.postMessage({ type: 'fill' });
    await answerAll(p);
    expect(shown(p)).toEqual(Array.from({ length: 35 }, (_, i) => i + 1));
    // The frames stored meanwhile came as backlog, before `backlog-done`; live ones follow it.
    const done = p.types().indexOf('backlog-done');
    const lastBacklog = p.got.findLastIndex((m) => m.type === 'frames' && m.backlog);
    expect(lastBacklog).toBeLessThan(done);
    await hub.acceptFrames(4, 'cdp-1', 'wss://x', [frame(36, 'live 36')]);
    await settle();
    expect(p.got.findLast((m) => m.type === 'frames')).toMatchObject({ backlog: false, frames: [{ seq: 36 }] });
    expect(p.seqs().filter((s) => s === 36)).toHaveLength(1);
  });

  it('a hold answered by a `fill` before the hub stopped loses and repeats nothing', async () => {
    const hub = await hubWith(20);
    const p = panelOn(hub);
    p.port.postMessage({ type: 'subscribe', tabId: 4, after: 0, tail: 2, paced: true });
    await settle();
    p.port.postMessage({ type: 'hold' });
    p.port.postMessage({ type: 'fill' });
    await answerAll(p);
    expect(shown(p)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // A stale `fill` after the backlog is done does nothing.
    p.port.postMessage({ type: 'hold' });
    p.port.postMessage({ type: 'fill' });
    await settle();
    expect(p.types().filter((t) => t === 'backlog-done')).toHaveLength(1);
    expect(shown(p)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('sheds what live frames push over the budget while held: the panel hears the shed, and the rest starts at the first frame kept', async () => {
    // Budget for 20 frames of 200 KiB; 16 stored.
    const hub = await hubWith(16, 20 * 200 * 1024);
    const p = panelOn(hub);
    p.port.postMessage({ type: 'subscribe', tabId: 4, after: 0, tail: 2, paced: true });
    await settle();
    p.port.postMessage({ type: 'hold' });
    await settle();
    const received = p.seqs().length;
    for (let seq = 17; seq <= 30; seq++) await hub.acceptFrames(4, 'cdp-1', 'wss://x', [frame(seq)]);
    await settle();
    expect(p.seqs().length).toBe(received);
    const sheds = p.got.filter((m) => m.type === 'shed') as Extract<HubToPanel, { type: 'shed' }>[];
    expect(sheds.length).toBeGreaterThan(0);
    const firstSeq = sheds.at(-1)!.firstSeq;
    expect(firstSeq).toBeGreaterThan(received);
    expect(sheds.reduce((n, s) => n + s.frames, 0)).toBe(firstSeq - 1);

    p.port.postMessage({ type: 'fill' });
    await answerAll(p);
    // Nothing shed is sent, nothing twice: what the panel had, then what the hub keeps, in order.
    const had = Array.from({ length: received - 2 }, (_, i) => i + 1);
    const kept = Array.from({ length: 30 - firstSeq + 1 }, (_, i) => firstSeq + i);
    expect(shown(p)).toEqual([...had, ...kept]);
  });

  it('a clear while held ends the backlog (`backlog-done`, then `cleared`) and the panel goes live', async () => {
    const hub = await hubWith(20);
    const p = panelOn(hub);
    p.port.postMessage({ type: 'subscribe', tabId: 4, after: 0, tail: 2, paced: true });
    await settle();
    p.port.postMessage({ type: 'hold' });
    await settle();
    p.port.postMessage({ type: 'clear' });
    await settle();
    const types = p.types();
    expect(types.indexOf('backlog-done')).toBeGreaterThan(0);
    expect(types.indexOf('cleared')).toBeGreaterThan(types.indexOf('backlog-done'));
    const after = p.seqs().length;
    p.port.postMessage({ type: 'fill' });
    await hub.acceptFrames(4, 'cdp-1', 'wss://x', [frame(21, 'live')]);
    await settle();
    expect(p.seqs().slice(after)).toEqual([21]);
  });

  it('the panel link holds only while the backlog comes, goes on where it stopped, holds again after a reconnect; two panels show the same capture', async () => {
    const hub = await hubWith(24);
    const connections: ReturnType<typeof portPair<PanelToHub, HubToPanel>>[] = [];
    const connect = () => {
      const pair = portPair<PanelToHub, HubToPanel>();
      connections.push(pair);
      hub.connectPanel(pair[1]);
      return pair[0];
    };
    // Answered by hand (`answers`), as a panel whose analysis is busy would; else at once.
    const makeLink = (frames: Frame[], answers?: (() => void)[]) => {
      const link = new PanelLink(
        connect,
        4,
        {
          frames: (f) => frames.push(...f),
          tail: (f) => frames.push(...f),
          stats: () => {},
          cleared: () => {},
          connection: () => {},
          backlogTaken: (more) => (answers ? answers.push(more) : more()),
        },
        (cb) => {
          const id = setTimeout(cb, 0);
          return () => clearTimeout(id);
        },
        3,
      );
      return link;
    };
    const answers: (() => void)[] = [];
    const answerAll = async () => {
      for (let i = 0; i < 50 && answers.length; i++) {
        for (const more of answers.splice(0)) more();
        await settle();
      }
    };
    const paused: Frame[] = [];
    const a = makeLink(paused, answers);
    await settle();
    a.holdBacklog(true);
    for (const more of answers.splice(0)) more();
    await settle();
    const sent = () =>
      connections
        .at(-1)![0]
        .sent.map((m) => m.type)
        .filter((t) => t !== 'more');
    expect(sent()).toEqual(['subscribe', 'hold']);
    const received = paused.length;
    expect(received).toBeLessThan(24);
    await hub.acceptFrames(4, 'cdp-1', 'wss://x', [frame(25, 'live')]);
    // The service worker restarts while paused: the new port is held too.
    connections.at(-1)![1].disconnect();
    await settle();
    expect(sent()).toEqual(['subscribe', 'hold']);
    expect(paused.length).toBe(received);
    a.holdBacklog(false);
    await settle();
    expect(sent()).toContain('fill');
    await answerAll();
    const seqs = paused.map((f) => f.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect([...seqs].sort((x, y) => x - y)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));

    // Live: a pause sends nothing (live frames come on; the panel's pause holds them).
    a.holdBacklog(true);
    a.holdBacklog(false);
    expect(sent().filter((t) => t === 'hold')).toHaveLength(1);
    const other: Frame[] = [];
    makeLink(other);
    await settle();
    await hub.acceptFrames(4, 'cdp-1', 'wss://x', [frame(26, 'live')]);
    await settle();
    expect(other.map((f) => f.seq).sort((x, y) => x - y)).toEqual(paused.map((f) => f.seq).sort((x, y) => x - y));
  });
});
