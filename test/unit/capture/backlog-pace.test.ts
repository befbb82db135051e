import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import { BACKLOG_WINDOW, PACE_HOLD_MS, PACE_TIMEOUT_MS } from '../../../src/capture/background/hub';
import type { HubToPanel, PanelToHub } from '../../../src/capture/shared/messages';
import { PanelLink } from '../../../src/capture/panel/panel-link';
import { hubWith, panelOn } from './hub-panel';
import { flushMicrotasks, portPair } from './port-pair';

const settle = async () => {
  for (let i = 0; i < 20; i++) await flushMicrotasks();
};

/** With fake timers: the test's ports deliver in microtasks; timers 0 ms apart let the hub's reads resolve. */
const settleFake = async () => {
  for (let i = 0; i < 20; i++) await vi.advanceTimersByTimeAsync(0);
};

afterEach(() => {
  vi.useRealTimers();
});

describe('paced backlog (a reopened panel on a long capture)', () => {
  it('keeps at most BACKLOG_WINDOW older messages unanswered; each `more` lets one more go; all arrive in order, then live ones', async () => {
    const hub = await hubWith(30);
    const p = panelOn(hub);
    p.port.postMessage({ type: 'subscribe', tabId: 4, after: 0, tail: 3, paced: true });
    await settle();
    expect(p.got.find((m) => m.type === 'tail')).toBeDefined();
    expect(p.backlog()).toBe(BACKLOG_WINDOW);
    // A live frame meanwhile waits behind the backlog (the tab's queue is held).
    const live = hub.acceptFrames(4, 'cdp-1', 'wss://x', [
      { seq: 31, t: 31, socket: 'ws-1', dir: 'in' as const, kind: 'text' as const, data: 'live' },
    ]);
    await settle();
    expect(p.seqs()).not.toContain(31);
    p.port.postMessage({ type: 'more' });
    await settle();
    expect(p.backlog()).toBe(BACKLOG_WINDOW + 1);
    for (let i = 0; i < 40 && !p.got.some((m) => m.type === 'backlog-done'); i++) {
      p.port.postMessage({ type: 'more' });
      await settle();
    }
    await live;
    await hub.idle(4);
    await settle();
    const tail = (p.got.find((m) => m.type === 'tail') as { frames: Frame[] }).frames.map((f) => f.seq);
    const older = p.got.flatMap((m) => (m.type === 'frames' && m.backlog ? m.frames.map((f) => f.seq) : []));
    expect([...older, ...tail]).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const done = p.got.findIndex((m) => m.type === 'backlog-done');
    const liveAt = p.got.findIndex((m) => m.type === 'frames' && !m.backlog);
    expect(done).toBeGreaterThan(0);
    expect(liveAt).toBeGreaterThan(done);
    expect(p.seqs().at(-1)).toBe(31);
  });

  it('sends the rest unpaced when the panel answers nothing for PACE_TIMEOUT_MS: a stuck panel does not hold the tab', async () => {
    const hub = await hubWith(20);
    vi.useFakeTimers();
    const p = panelOn(hub);
    p.port.postMessage({ type: 'subscribe', tabId: 4, after: 0, paced: true });
    await settleFake();
    expect(p.backlog()).toBe(BACKLOG_WINDOW);
    await vi.advanceTimersByTimeAsync(PACE_TIMEOUT_MS - 1);
    expect(p.backlog()).toBe(BACKLOG_WINDOW);
    await vi.advanceTimersByTimeAsync(1);
    await settleFake();
    expect(p.got.some((m) => m.type === 'backlog-done')).toBe(true);
    expect(p.seqs()).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('sends the rest unpaced once a slow panel (answering just within PACE_TIMEOUT_MS) held the tab for PACE_HOLD_MS', async () => {
    const hub = await hubWith(60);
    vi.useFakeTimers();
    const p = panelOn(hub);
    p.port.postMessage({ type: 'subscribe', tabId: 4, after: 0, paced: true });
    await settleFake();
    expect(p.backlog()).toBe(BACKLOG_WINDOW);
    // One answer a little under the silence timeout each time: paced on, one message per answer.
    const step = PACE_TIMEOUT_MS - 100;
    let answers = 0;
    while ((answers + 1) * step < PACE_HOLD_MS) {
      await vi.advanceTimersByTimeAsync(step);
      p.port.postMessage({ type: 'more' });
      answers++;
      await settleFake();
      expect(p.backlog()).toBe(BACKLOG_WINDOW + answers);
    }
    expect(p.got.some((m) => m.type === 'backlog-done')).toBe(false);
    await vi.advanceTimersByTimeAsync(PACE_HOLD_MS - answers * step);
    await settleFake();
    expect(p.got.some((m) => m.type === 'backlog-done')).toBe(true);
    expect(p.seqs()).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  it('lets the tab go on when a paced panel closes mid-backlog: the next panel gets everything', async () => {
    const hub = await hubWith(20);
    const first = panelOn(hub);
    first.port.postMessage({ type: 'subscribe', tabId: 4, after: 0, tail: 2, paced: true });
    await settle();
    expect(first.backlog()).toBe(BACKLOG_WINDOW);
    first.port.disconnect();
    await settle();
    const second = panelOn(hub);
    second.port.postMessage({ type: 'subscribe', tabId: 4, after: 0 });
    await hub.idle(4);
    await settle();
    expect(second.seqs()).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(second.got.some((m) => m.type === 'backlog-done')).toBe(true);
  });

  it('sheds what live frames push over the budget during a paced fill-in only after it: the panel gets every older frame, then the shed', async () => {
    const frameBytes = 200 * 1024;
    const hub = await hubWith(20, 24 * frameBytes);
    const p = panelOn(hub);
    p.port.postMessage({ type: 'subscribe', tabId: 4, after: 0, tail: 2, paced: true });
    await settle();
    const data = 'q'.repeat(frameBytes);
    const live = hub.acceptFrames(
      4,
      'cdp-1',
      'wss://x',
      Array.from({ length: 10 }, (_, i) => ({
        seq: 21 + i,
        t: 21 + i,
        socket: 'ws-1',
        dir: 'in' as const,
        kind: 'text' as const,
        data,
      })),
    );
    for (let i = 0; i < 40 && !p.got.some((m) => m.type === 'backlog-done'); i++) {
      p.port.postMessage({ type: 'more' });
      await settle();
    }
    await live;
    await hub.idle(4);
    await settle();
    const types = p.got.map((m) => m.type).filter((t) => t !== 'stats');
    const done = types.indexOf('backlog-done');
    const shed = p.got.find((m) => m.type === 'shed') as { firstSeq: number; frames: number } | undefined;
    expect(shed).toBeDefined();
    expect(types.indexOf('shed')).toBeGreaterThan(done);
    // In order of arrival: the tail, every older frame (none was shed under the panel while it
    // filled in), then the live ones.
    expect(p.seqs()).toEqual([
      19,
      20,
      ...Array.from({ length: 18 }, (_, i) => i + 1),
      ...Array.from({ length: 10 }, (_, i) => 21 + i),
    ]);
    expect(shed!.firstSeq - 1).toBe(shed!.frames);
  });

  it('an unpaced subscription (the overlay, an older panel) still gets the whole backlog at once', async () => {
    const hub = await hubWith(12);
    const p = panelOn(hub);
    p.port.postMessage({ type: 'subscribe', tabId: 4, after: 0 });
    await hub.idle(4);
    await settle();
    expect(p.seqs()).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it('the panel link subscribes paced when it can pace, answers through `backlogTaken`, and two paced panels show the same capture', async () => {
    const hub = await hubWith(25);
    const panels = [0, 1].map(() => {
      const state = { seqs: [] as number[], held: [] as (() => void)[], live: false, sent: [] as PanelToHub[] };
      new PanelLink(
        () => {
          const [panelSide, hubSide] = portPair<PanelToHub, HubToPanel>();
          hub.connectPanel(hubSide);
          const post = panelSide.postMessage.bind(panelSide);
          panelSide.postMessage = (m: PanelToHub) => {
            state.sent.push(m);
            post(m);
          };
          return panelSide;
        },
        4,
        {
          frames: (f) => state.seqs.push(...f.map((x) => x.seq)),
          tail: (f) => state.seqs.push(...f.map((x) => x.seq)),
          stats: () => {},
          cleared: () => {},
          connection: (c) => (state.live = c === 'live'),
          backlogTaken: (more) => state.held.push(more),
        },
        undefined,
        4,
      );
      return state;
    });
    await settle();
    for (const p of panels) expect(p.sent[0]).toMatchObject({ type: 'subscribe', after: 0, tail: 4, paced: true });
    // The first fills in; the second waits its turn in the tab's queue (so neither misses a live frame).
    expect(panels[0]!.held.length).toBe(BACKLOG_WINDOW);
    expect(panels[1]!.held.length).toBe(0);
    // The panels answer at their own pace, one after the other.
    for (let round = 0; round < 40 && panels.some((p) => !p.live); round++) {
      for (const p of panels) for (const more of p.held.splice(0)) more();
      await settle();
    }
    for (const p of panels) {
      expect(p.live).toBe(true);
      expect([...p.seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      expect(new Set(p.seqs).size).toBe(25);
      expect(p.sent.filter((m) => m.type === 'more').length).toBeGreaterThan(0);
    }
  });
});

describe('a clear during a paced fill-in', () => {
  it('clears at once: the backlog stops (no older frame after the clear), the panel gets `cleared`, live frames follow', async () => {
    const hub = await hubWith(30);
    const p = panelOn(hub);
    p.port.postMessage({ type: 'subscribe', tabId: 4, after: 0, tail: 2, paced: true });
    await settle();
    expect(p.backlog()).toBe(BACKLOG_WINDOW);
    // The panel's analysis is busy (no `more` yet) when its reader presses Clear.
    p.port.postMessage({ type: 'clear' });
    await settle();
    const types = p.got.map((m) => m.type).filter((t) => t !== 'stats');
    expect(types).toContain('cleared');
    expect(p.backlog()).toBe(BACKLOG_WINDOW);
    expect(types.indexOf('backlog-done')).toBeLessThan(types.indexOf('cleared'));
    expect((p.got.find((m) => m.type === 'cleared') as { nextSeq: number }).nextSeq).toBe(31);
    // Stale answers to the stopped backlog change nothing; a live frame comes next.
    p.port.postMessage({ type: 'more' });
    await hub.acceptFrames(4, 'cdp-1', 'wss://x', [
      { seq: 31, t: 31, socket: 'ws-1', dir: 'in' as const, kind: 'text' as const, data: 'live' },
    ]);
    await settle();
    const after = p.got.slice(p.got.findIndex((m) => m.type === 'cleared'));
    expect(after.flatMap((m) => (m.type === 'frames' ? m.frames.map((f) => f.seq) : []))).toEqual([31]);
    expect(after.some((m) => m.type === 'frames' && m.backlog)).toBe(false);
    expect((await hub.usage()).frames).toBe(1);
  });

  it("the options page's Delete all also stops a paced fill-in rather than waiting for it", async () => {
    const hub = await hubWith(30);
    const p = panelOn(hub);
    p.port.postMessage({ type: 'subscribe', tabId: 4, after: 0, paced: true });
    await settle();
    expect(p.backlog()).toBe(BACKLOG_WINDOW);
    let deleted = false;
    void hub.deleteAll().then(() => (deleted = true));
    await settle();
    expect(deleted).toBe(true);
    expect(p.got.some((m) => m.type === 'cleared')).toBe(true);
    expect(p.backlog()).toBe(BACKLOG_WINDOW);
  });
});
