import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import { buildReplayPlan, rewriteFrameText } from '../../../src/replay/plan';
import { scenarioFrames } from '../../support/scenario-frames';

const AGENT = 'a9e47000-0000-4000-8000-00000000000a';

function text(seq: number, t: number, socket: string, data: string, dir: Frame['dir'] = 'in'): Frame {
  return { seq, t, socket, dir, kind: 'text', data, size: data.length };
}

describe('buildReplayPlan', () => {
  it('keeps the notification frames in seq order with their gaps, and counts what it leaves out', () => {
    const frames = scenarioFrames('inbound-hold-resume');
    const plan = buildReplayPlan([...frames].reverse());
    const events = frames.filter((f) => f.dir === 'in' && f.kind === 'text' && !/keepalive|Welcome/.test(f.data!));
    expect(plan.steps.map((s) => s.seq)).toEqual(events.map((f) => f.seq));
    expect(plan.steps.every((s) => s.kind === 'frame')).toBe(true);
    expect(plan.steps[0]!.gapMs).toBe(0);
    expect(plan.steps[1]!.gapMs).toBe(events[1]!.t - events[0]!.t);
    expect(plan.agentId).toBe(AGENT);
    expect(plan.skipped.welcome).toBe(1);
    expect(plan.skipped.keepalive).toBeGreaterThan(0);
    expect(plan.skipped.outbound).toBeGreaterThan(0);
    // Unchanged text: a plain replay sends exactly what was captured.
    expect(plan.steps.map((s) => (s.kind === 'frame' ? s.text : ''))).toEqual(events.map((f) => f.data));
  });

  it('turns a socket close in the middle into a drop step, and drops a close at the very end', () => {
    const frames: Frame[] = [
      text(1, 1000, 'ws-1', JSON.stringify({ type: 'Welcome', data: { agentId: 'a' } })),
      text(
        2,
        1100,
        'ws-1',
        JSON.stringify({ type: 'RoutingMessage', data: { type: 'AgentOfferContact', interactionId: 'i' } }),
      ),
      {
        seq: 3,
        t: 1200,
        socket: 'ws-1',
        dir: 'in',
        kind: 'close',
        size: 0,
        close: { code: 1006, reason: '', wasClean: false },
      },
      text(4, 3000, 'ws-2', JSON.stringify({ type: 'Welcome', data: { agentId: 'a' } })),
      text(
        5,
        3100,
        'ws-2',
        JSON.stringify({ type: 'RoutingMessage', data: { type: 'AgentContact', interactionId: 'i' } }),
      ),
      {
        seq: 6,
        t: 3200,
        socket: 'ws-2',
        dir: 'in',
        kind: 'close',
        size: 0,
        close: { code: 1000, reason: 'bye', wasClean: true },
      },
    ];
    const plan = buildReplayPlan(frames);
    expect(plan.steps.map((s) => [s.kind, s.seq, s.gapMs])).toEqual([
      ['frame', 2, 0],
      ['drop', 3, 100],
      ['frame', 5, 1900],
    ]);
    expect(plan.steps[1]).toMatchObject({ code: 1006 });
  });

  it('leaves sockets that never carried notifications out, counted', () => {
    const frames = [
      text(1, 0, 'ws-1', '{"type":"Welcome","data":{"agentId":"a"}}'),
      text(2, 5, 'ws-9', 'chat: hello'),
      text(3, 6, 'ws-9', 'chat: again'),
    ];
    const plan = buildReplayPlan(frames);
    expect(plan.steps).toEqual([]);
    expect(plan.skipped['other-socket-kind']).toBe(2);
  });

  it('rewrites the agent and organisation ids everywhere and shifts epoch times (ms and s) by the same amount', () => {
    const frames = scenarioFrames('inbound-hold-resume');
    const plan = buildReplayPlan(frames, { agentId: 'my-agent', orgId: 'my-org', shiftMs: 86_400_000 });
    expect(plan.agentId).toBe('my-agent');
    const all = plan.steps.map((s) => (s.kind === 'frame' ? s.text : '')).join('\n');
    expect(all).not.toContain(AGENT);
    expect(all).not.toContain('c0de0000-0000-4000-8000-000000000001');
    expect(all).toContain('my-agent');
    const first = JSON.parse(
      (plan.steps.find((s) => s.kind === 'frame' && s.eventName === 'AgentOfferContact') as { text: string }).text,
    );
    const original = JSON.parse(frames.find((f) => f.data?.includes('"AgentOfferContact"'))!.data!);
    expect(first.data.eventTime).toBe(original.data.eventTime + 86_400_000);
  });

  it('shifts a time in seconds in seconds, keeps non-time numbers and non-JSON text as they are', () => {
    const ids = new Map<string, string>();
    const out = JSON.parse(
      rewriteFrameText(
        JSON.stringify({
          holdTimestamp: 1_767_600_000,
          eventTime: 1_767_600_000_000,
          ronaTimeout: 1_767_600_000_000,
          n: 5,
        }),
        ids,
        60_000,
      ),
    );
    expect(out).toEqual({
      holdTimestamp: 1_767_600_060,
      eventTime: 1_767_600_060_000,
      ronaTimeout: 1_767_600_000_000,
      n: 5,
    });
    expect(rewriteFrameText('not json {', ids, 60_000)).toBe('not json {');
    const proto = rewriteFrameText('{"__proto__":{"x":1},"eventTime":1767600000000}', ids, 1);
    expect(JSON.parse(proto)).toEqual(JSON.parse('{"__proto__":{"x":1},"eventTime":1767600000001}'));
  });
});
