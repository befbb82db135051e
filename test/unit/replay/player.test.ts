import { describe, expect, it } from 'vitest';
import type { ReplayPlan, ReplayStep } from '../../../src/replay/plan';
import { ReplayPlayer, type ReplaySink, type Timers } from '../../../src/replay/player';

/** Timers driven by hand: `advance(ms)` runs what falls due, in order. */
function manualTimers() {
  let now = 0;
  let id = 0;
  const due = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    set: (fn, ms) => {
      due.set(++id, { at: now + ms, fn });
      return id;
    },
    clear: (handle) => due.delete(handle as number),
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const next = [...due.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > until) break;
      due.delete(next[0]);
      now = next[1].at;
      next[1].fn();
    }
    now = until;
  };
  return { timers, advance, pending: () => due.size };
}

function frame(index: number, gapMs: number, eventName: string, interactionId = 'i-1'): ReplayStep {
  return { kind: 'frame', index, seq: index + 10, gapMs, text: `{"n":${index}}`, eventName, interactionId };
}

const PLAN: ReplayPlan = {
  agentId: 'a',
  steps: [
    frame(0, 0, 'AgentOfferContact'),
    frame(1, 1000, 'AgentContactAssigned'),
    frame(2, 2000, 'AgentContactHeld'),
    { kind: 'drop', index: 3, seq: 13, gapMs: 500, code: 1006, reason: '' },
    frame(4, 100, 'AgentContactUnheld'),
  ],
  skipped: { keepalive: 0, welcome: 0, outbound: 0, binary: 0, meta: 0, 'other-socket-kind': 0 },
};

function sink() {
  const sent: string[] = [];
  const drops: number[] = [];
  const s: ReplaySink = { send: (t) => sent.push(t), drop: (code) => drops.push(code) };
  return { s, sent, drops };
}

describe('ReplayPlayer', () => {
  it('timed: plays each step after its gap divided by the speed, and nothing while no socket is connected', () => {
    const t = manualTimers();
    const player = new ReplayPlayer(PLAN, { timers: t.timers, speed: 2 });
    t.advance(10_000);
    expect(player.state().cursor).toBe(0);
    const a = sink();
    player.attach(a.s);
    t.advance(0);
    expect(a.sent).toEqual(['{"n":0}']);
    t.advance(499);
    expect(a.sent).toHaveLength(1);
    t.advance(1);
    expect(a.sent).toHaveLength(2);
    t.advance(1000 + 250);
    // The drop closes the socket; the rest waits for the next connection.
    expect(a.sent).toHaveLength(3);
    expect(a.drops).toEqual([1006]);
    expect(player.state()).toMatchObject({ cursor: 4, connected: false });
    t.advance(5000);
    const b = sink();
    player.attach(b.s);
    t.advance(50);
    expect(b.sent).toEqual(['{"n":4}']);
    expect(player.state()).toMatchObject({ cursor: 5, total: 5, next: undefined });
  });

  it('step: nothing moves on its own; step() sends the next one, and the state shows what comes', () => {
    const t = manualTimers();
    const player = new ReplayPlayer(PLAN, { timers: t.timers, mode: 'step' });
    const a = sink();
    player.attach(a.s);
    t.advance(60_000);
    expect(a.sent).toEqual([]);
    expect(player.state().next).toMatchObject({ eventName: 'AgentOfferContact' });
    expect(player.step()).toBe(true);
    expect(a.sent).toEqual(['{"n":0}']);
    expect(player.state().next).toMatchObject({ eventName: 'AgentContactAssigned' });
    expect(t.pending()).toBe(0);
  });

  it('request: a result waits for its request, then goes at once; a request with no result releases nothing', () => {
    const t = manualTimers();
    const player = new ReplayPlayer(PLAN, {
      timers: t.timers,
      mode: 'request',
      awaitsRequest: (s) => s.kind === 'frame' && s.eventName === 'AgentContactHeld',
    });
    const a = sink();
    player.attach(a.s);
    t.advance(100_000);
    expect(a.sent).toHaveLength(2);
    expect(player.state()).toMatchObject({ waitingForRequest: true, cursor: 2 });
    expect(player.release((s) => s.kind === 'frame' && s.eventName === 'AgentContactUnheld')).toBeUndefined();
    expect(player.release((s) => s.kind === 'frame' && s.eventName === 'AgentContactHeld')).toMatchObject({ index: 2 });
    t.advance(0);
    expect(a.sent).toHaveLength(3);
    expect(player.state().waitingForRequest).toBe(false);
  });

  it('a request made before its result is due is remembered (a result may beat nothing: §10.9)', () => {
    const t = manualTimers();
    const player = new ReplayPlayer(PLAN, {
      timers: t.timers,
      mode: 'request',
      awaitsRequest: (s) => s.kind === 'frame' && s.eventName === 'AgentContactHeld',
    });
    const a = sink();
    player.attach(a.s);
    expect(player.release((s) => s.kind === 'frame' && s.eventName === 'AgentContactHeld')).toMatchObject({ index: 2 });
    t.advance(1000);
    expect(a.sent).toHaveLength(3);
  });

  it('pause, resume, speed and restart', () => {
    const t = manualTimers();
    const player = new ReplayPlayer(PLAN, { timers: t.timers });
    const a = sink();
    player.attach(a.s);
    t.advance(0);
    player.pause();
    t.advance(10_000);
    expect(a.sent).toHaveLength(1);
    player.setSpeed(10);
    player.resume();
    t.advance(100);
    expect(a.sent).toHaveLength(2);
    player.setSpeed(Number.NaN);
    expect(player.state().speed).toBe(1);
    player.restart();
    expect(player.state()).toMatchObject({ cursor: 0, played: 0 });
  });
});
