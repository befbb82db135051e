import { describe, expect, it } from 'vitest';
import { agentRequests, interactionRequests, requestLane } from '../../../src/model';
import { Flow, ID } from './flow';

describe('request lanes (the panel’s Requests and Agent req. lanes)', () => {
  it('draws each request from its start to its result, its HTTP error or its timeout, by outcome', () => {
    const session = new Flow()
      .event('AgentContactReserved')
      .event('AgentOfferContact', { data: { ronaTimeout: 30 } })
      .event('AgentContactAssigned')
      .request('http-1', 'POST', `/v1/tasks/${ID}/hold`, { body: { mediaResourceId: ID } })
      .response('http-1', 202, { after: 60 })
      .event('AgentContactHeld', { edit: (s) => (s['media'][ID]['isHold'] = true), after: 340 })
      .request('http-2', 'POST', `/v1/tasks/${ID}/record/pause`, {})
      .response('http-2', 202, { after: 50 })
      .request('http-3', 'PUT', '/v1/agents/session/state', { body: { state: 'Idle' } })
      .response('http-3', 500, { body: '{"message":"down"}', after: 80 })
      .run();
    const correlator = session.requests.correlator;
    const timeline = session.interaction(ID)!;
    const end = timeline.events.at(-1)!.t + 60_000;
    const tasks = requestLane(
      'requests',
      'Requests',
      interactionRequests(correlator, timeline, (r) => session.requestOwner(r)),
      end,
    );
    expect(tasks.segments.map((s) => [s.kind, s.outcome, s.to - s.from, s.open])).toEqual([
      ['request', 'succeeded', 400, false],
      ['request', 'unresolved', expect.any(Number), true],
    ]);
    expect(tasks.segments[0]!.toSeq).toBe(timeline.events.find((e) => e.name === 'AgentContactHeld')!.seq);
    expect(tasks.segments[0]!.what).toBe('POST hold → succeeded in 400 ms');
    const agent = requestLane('agent-requests', 'Agent req.', agentRequests(correlator), end);
    expect(agent.segments.map((s) => [s.outcome, s.to - s.from, s.what])).toEqual([
      ['http-error', 80, 'PUT state-change → http-error (HTTP 500 after 80 ms)'],
    ]);
  });
});
