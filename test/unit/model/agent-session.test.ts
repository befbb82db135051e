import { describe, expect, it } from 'vitest';
import { agentEvents, agentRows, agentSpan, agentStateLane, isRequestRow, Session } from '../../../src/model';
import { agentRequests, TIMEOUT_REQ_MS, type TimelineRow } from '../../../src/model/requests';
import { Flow, ID } from './flow';

/**
 * An agent before any call: login, a state change to Available that fails, one that times out, an
 * unsolicited failure, then Available; a call comes later.
 */
function idleAgent() {
  return new Flow()
    .request('http-1', 'POST', '/v1/agents/login', { body: { dialNumber: '+1' } })
    .response('http-1', 202, { after: 40 })
    .agentState('LoggedIn', 'Idle')
    .request('http-2', 'PUT', '/v1/agents/session/state', { body: { state: 'Available' }, after: 1000 })
    .response('http-2', 202, { after: 40 })
    .agentFailure('AgentStateChangeFailed', 'AGENT_NOT_FOUND', 1038, 300)
    .request('http-3', 'PUT', '/v1/agents/session/state', { body: { state: 'Available' }, after: 1000 })
    .response('http-3', 202, { after: 40 })
    .keepalive(TIMEOUT_REQ_MS + 1000)
    .agentFailure('AgentLogoutFailed', 'NOT_LOGGED_IN', 1, 100)
    .agentState('Available')
    .event('AgentContactReserved', { after: 5000 })
    .event('AgentContactAssigned');
}

function sessionOf(flow: Flow) {
  const session = new Session();
  for (const frame of flow.frames) session.ingest(frame);
  return session;
}

const label = (row: TimelineRow) =>
  isRequestRow(row) ? `↗ ${row.request.operation} ${row.request.outcome}` : 'name' in row ? row.name : '?';

describe("the agent's own session (the panel's Agent entry)", () => {
  it('lists every state change, the failures that answered its requests and unsolicited agent failures, once each, in order', () => {
    const flow = idleAgent();
    const session = sessionOf(flow);
    const names = new Map(flow.frames.map((f) => [f.seq, f.data?.match(/"data":\{"type":"(\w+)"/)?.[1]]));
    const events = agentEvents(session.agent.states, session.requests.correlator, (seq) => ({
      name: names.get(seq),
      t: flow.frames.find((f) => f.seq === seq)?.t,
    }));
    expect(events.map((e) => [e.name, e.state?.status])).toEqual([
      ['AgentStateChangeSuccess', 'LoggedIn'],
      ['AgentStateChangeFailed', undefined],
      ['AgentLogoutFailed', undefined],
      ['AgentStateChangeSuccess', 'Available'],
    ]);
    const failure = flow.frames.find((f) => f.data?.includes('AgentStateChangeFailed'))!;
    expect(events[1]).toEqual({ seq: failure.seq, t: failure.t, name: 'AgentStateChangeFailed' });
    // The interaction's events are not the agent's.
    expect(events.some((e) => e.seq >= flow.frames.at(-2)!.seq)).toBe(false);

    const rows = agentRows(events, agentRequests(session.requests.correlator));
    expect(rows.map(label)).toEqual([
      '↗ login timed-out',
      'AgentStateChangeSuccess',
      '↗ state-change failed',
      'AgentStateChangeFailed',
      '↗ state-change timed-out',
      'AgentLogoutFailed',
      'AgentStateChangeSuccess',
    ]);
  });

  it('without the frame log, names a result after its request and places it at the request plus its latency', () => {
    const session = sessionOf(idleAgent());
    const events = agentEvents(session.agent.states, session.requests.correlator, () => undefined);
    const failed = agentRequests(session.requests.correlator)[1]!;
    expect(events[1]).toMatchObject({
      seq: failed.resultSeq,
      t: failed.t + failed.latencyMs!,
      name: 'AgentStateChangeFailed',
    });
  });

  it("spans the agent's first event or request to now, or to a bar that ends later", () => {
    const flow = idleAgent();
    const session = sessionOf(flow);
    const events = agentEvents(session.agent.states, session.requests.correlator, () => undefined);
    const requests = agentRequests(session.requests.correlator);
    const first = flow.frames.find((f) => f.kind === 'request')!;
    const last = flow.frames.at(-1)!;
    expect(agentSpan(events, requests, last.t)).toEqual({ start: first.t, end: last.t });
    // A timed-out bar reaches its timeout even when "now" and the last event are earlier.
    expect(agentSpan(events.slice(0, 2), requests, first.t)?.end).toBe(requests[2]!.t + TIMEOUT_REQ_MS);
    expect(agentSpan([], [], last.t)).toBeUndefined();
  });

  it("draws the agent's state over a span: the last change before it from its start, the last one open to its end", () => {
    const session = sessionOf(idleAgent());
    const states = session.agent.states;
    const lane = agentStateLane(states, states[0]!.t + 10, states[1]!.t + 500);
    expect(lane).toMatchObject({ id: 'agent', title: 'Agent' });
    expect(lane.segments.map((s) => [s.what, s.from, s.to, s.open])).toEqual([
      ['LoggedIn/Idle', states[0]!.t + 10, states[1]!.t, false],
      ['Available', states[1]!.t, states[1]!.t + 500, true],
    ]);
    expect(agentStateLane(states, states[1]!.t + 600, states[1]!.t + 900).segments.map((s) => s.what)).toEqual([
      'Available',
    ]);
    expect(agentStateLane([], 0, 1).segments).toEqual([]);
  });

  it('leaves task requests to their interaction', () => {
    const flow = idleAgent()
      .request('http-4', 'POST', `/v1/tasks/${ID}/hold`, { body: { mediaResourceId: ID } })
      .response('http-4', 202);
    const session = sessionOf(flow);
    expect(agentRequests(session.requests.correlator).map((r) => r.id)).toEqual(['http-1', 'http-2', 'http-3']);
  });
});
