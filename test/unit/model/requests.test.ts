import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { buildReport, classifyRequest, ReportSchema, RequestCorrelator, Session } from '../../../src/model';
import { TIMEOUT_REQ_MS } from '../../../src/model/requests';
import { AGENT, Flow, ID } from './flow';

const OTHER = 'c0ffee00-0000-4000-8000-0000000000ff';
const T0 = 1_767_603_600_000;
const held = (on: boolean) => (s: Record<string, any>) => (s['media'][ID]['isHold'] = on); // eslint-disable-line @typescript-eslint/no-explicit-any

function request(session: Session, id: string) {
  const found = session.requests.correlator.get(id);
  expect(found, `request ${id}`).toBeDefined();
  return found!;
}

const rules = (session: Session) => session.anomalies.map((a) => a.rule).filter((r) => r.startsWith('request-'));

describe('the operation table (§7)', () => {
  it('names task and agent operations from method and URL, absolute or relative, with a query', () => {
    expect(classifyRequest('POST', `https://api.wxcc-eu1.cisco.com/v1/tasks/${ID}/hold`)).toMatchObject({
      operation: { name: 'hold', timeoutMs: TIMEOUT_REQ_MS },
      interactionId: ID,
    });
    expect(classifyRequest('post', `/v1/tasks/${ID}/record/pause?x=1#y`)?.operation.name).toBe('pause-recording');
    expect(classifyRequest('PUT', '/v1/agents/session/state')).toMatchObject({
      operation: { name: 'state-change', scope: 'agent' },
      interactionId: undefined,
    });
    expect(classifyRequest('POST', `/v1/tasks/${ID}/conference/participants/p-1/drop`)?.operation.name).toBe(
      'conference-drop',
    );
    expect(
      classifyRequest('POST', `/v1/tasks/${ID}/hold`, JSON.stringify({ mediaResourceId: 'leg-2' }))?.mediaResourceId,
    ).toBe('leg-2');
  });

  it('tells consult to queue by its body: no timeout, AgentCtqFailed as its failure', () => {
    const queue = classifyRequest('POST', `/v1/tasks/${ID}/consult`, '{"to":"q-1","destinationType":"queue"}')!;
    expect(queue.operation).toMatchObject({ name: 'consult-to-queue', timeoutMs: null });
    expect(queue.operation.failure).toContain('AgentCtqFailed');
    expect(classifyRequest('POST', `/v1/tasks/${ID}/consult`, '{"destinationType":"agent"}')!.operation.name).toBe(
      'consult',
    );
  });

  it('ignores what is not an operation, and hostile input', () => {
    expect(classifyRequest('GET', `/v1/tasks/${ID}/hold`)).toBeUndefined();
    expect(classifyRequest('POST', '/v1/notification/subscribe')).toBeUndefined();
    expect(classifyRequest('POST', 'not a url')).toBeUndefined();
    expect(classifyRequest('POST', `/v1/tasks/%E0%A4%A/hold`)?.interactionId).toBe('%E0%A4%A');
    expect(classifyRequest('POST', `/v1/tasks/${ID}/hold`, '{"mediaResourceId":')?.mediaResourceId).toBeUndefined();
    expect(classifyRequest('POST', `/v1/tasks/${ID}/hold`, 'x'.repeat(1_000_000))?.operation.name).toBe('hold');
  });
});

describe('the correlator (§10.9)', () => {
  it('joins a hold to its AgentContactHeld: outcome, ack and latency, tracking id and the flipped isHold', () => {
    const session = new Flow()
      .request('http-1', 'POST', `/v1/tasks/${ID}/hold`, { body: { mediaResourceId: ID }, trackingId: 'tracking-1' })
      .response('http-1', 202, { after: 80 })
      .event('AgentContactHeld', { edit: held(true), after: 320, data: { trackingId: 'tracking-1' } })
      .run();
    const hold = request(session, 'http-1');
    expect(hold).toMatchObject({
      operation: 'hold',
      interactionId: ID,
      outcome: 'succeeded',
      status: 202,
      ackMs: 80,
      latencyMs: 400,
      resultType: 'AgentContactHeld',
      resultSeq: 5,
      trackingConfirmed: true,
      holdConfirmed: true,
      ambiguous: false,
    });
    expect(session.requests.correlator.byResultSeq.get(5)).toBe(hold);
    expect(rules(session)).toEqual([]);
  });

  it('is pending from the start: a result that beats the 202 still matches', () => {
    const session = new Flow()
      .request('http-1', 'POST', `/v1/tasks/${ID}/hold`)
      .event('AgentContactHeld', { edit: held(true), after: 10 })
      .response('http-1', 202, { after: 30 })
      .run();
    expect(request(session, 'http-1')).toMatchObject({ outcome: 'succeeded', latencyMs: 10, ackMs: 40, status: 202 });
  });

  it('says when a hold "succeeded" but the leg\'s isHold did not flip', () => {
    const session = new Flow()
      .request('http-1', 'POST', `/v1/tasks/${ID}/hold`)
      .event('AgentContactHeld', { edit: held(false) })
      .run();
    expect(request(session, 'http-1')).toMatchObject({ outcome: 'succeeded', holdConfirmed: false });
  });

  it('fails the request with the failure reason and code', () => {
    const session = new Flow()
      .request('http-1', 'POST', `/v1/tasks/${ID}/record/pause`)
      .response('http-1', 202)
      .event('ContactRecordingPauseFailed', {
        noSnapshot: true,
        interactionId: ID,
        data: { reason: 'RECORDING_NOT_ACTIVE', reasonCode: 1154 },
      })
      .run();
    expect(request(session, 'http-1')).toMatchObject({
      outcome: 'failed',
      reason: 'RECORDING_NOT_ACTIVE',
      reasonCode: 1154,
      ambiguous: false,
    });
    const anomaly = session.anomalies.find((a) => a.rule === 'request-failed')!;
    expect(anomaly).toMatchObject({ severity: 'warn', seq: 3, interactionId: ID });
    expect(anomaly.message).toContain('RECORDING_NOT_ACTIVE');
  });

  it('gives a failure without interactionId to the oldest pending request, marked ambiguous when two were pending', () => {
    const flow = new Flow()
      .request('http-1', 'POST', `/v1/tasks/${ID}/hold`)
      .request('http-2', 'POST', `/v1/tasks/${OTHER}/hold`)
      .event('AgentContactHoldFailed', {
        noSnapshot: true,
        data: { interactionId: undefined, reason: 'MEDIA_NOT_FOUND', reasonCode: 2001 },
      });
    const session = flow.run();
    expect(request(session, 'http-1')).toMatchObject({ outcome: 'failed', ambiguous: true, reason: 'MEDIA_NOT_FOUND' });
    // The other one was left pending, and the capture ended before its result.
    expect(request(session, 'http-2').outcome).toBe('unresolved');
    expect(session.anomalies.find((a) => a.rule === 'request-failed')!.message).toContain('ambiguous');
  });

  it("gives a failure that names its interaction to that interaction's request, not the oldest", () => {
    const session = new Flow()
      .request('http-1', 'POST', `/v1/tasks/${OTHER}/hold`)
      .request('http-2', 'POST', `/v1/tasks/${ID}/hold`)
      .event('AgentContactHoldFailed', { noSnapshot: true, interactionId: ID })
      .run();
    expect(request(session, 'http-2')).toMatchObject({ outcome: 'failed', ambiguous: false, sdkFailedSeq: 3 });
    expect(request(session, 'http-1')).toMatchObject({ outcome: 'unresolved', sdkFailedSeq: undefined });
    // What the desktop showed: the SDK fails the oldest pending hold, whatever its interaction.
    expect(session.anomalies.filter((a) => a.rule === 'request-failed')).toMatchObject([
      {
        seq: 4,
        evidence: [3, 4, 5],
        message: `POST hold (#4) for ${ID} failed: AgentContactHoldFailed (#5) after 250 ms; the desktop showed it on #3 (the SDK fails the oldest pending request of the operation, whatever the interaction).`,
      },
    ]);
  });

  it('matches in request order, first match wins: one success ends one request', () => {
    const session = new Flow()
      .request('http-1', 'PUT', '/v1/agents/session/state', { body: { state: 'Available' } })
      .request('http-2', 'POST', `/v1/tasks/${ID}/hold`)
      .agentState('Available')
      .event('AgentContactHeld', { edit: held(true) })
      .run();
    expect(request(session, 'http-1')).toMatchObject({ outcome: 'succeeded', resultType: 'AgentStateChangeSuccess' });
    expect(request(session, 'http-2')).toMatchObject({ outcome: 'succeeded', resultSeq: 6 });
  });

  it('a second identical request sent while the first is pending is marked, not refused, and joined to its own result', () => {
    const session = new Flow()
      .request('http-1', 'POST', `/v1/tasks/${ID}/hold`, { trackingId: 't-1' })
      .request('http-2', 'POST', `/v1/tasks/${ID}/hold`, { trackingId: 't-2' })
      .response('http-1', 202)
      .response('http-2', 202)
      .event('AgentContactHeld', { edit: held(true), data: { trackingId: 't-1' } })
      .event('AgentContactHeld', { edit: held(true), data: { trackingId: 't-2' } })
      .request('http-3', 'POST', `/v1/tasks/${ID}/hold`)
      .run();
    expect(request(session, 'http-1')).toMatchObject({ outcome: 'succeeded', resultSeq: 7, trackingConfirmed: true });
    expect(request(session, 'http-2')).toMatchObject({
      outcome: 'succeeded',
      duplicateOf: 3,
      resultSeq: 8,
      trackingConfirmed: true,
    });
    expect([...session.requests.correlator.unsolicitedSeqs]).toEqual([]);
    // Not a duplicate once the first is over.
    expect(request(session, 'http-3')).toMatchObject({ outcome: 'unresolved', duplicateOf: undefined });
    expect(session.anomalies.filter((a) => a.rule.startsWith('request-'))).toMatchObject([
      {
        rule: 'request-sent-while-pending',
        severity: 'warn',
        seq: 4,
        evidence: [3, 4, 8],
        message: `POST hold (#4) for ${ID} was sent while #3 was pending (the SDK would refuse it); it got its own result, #8.`,
      },
    ]);
  });

  it('is refused (duplicate) only when the duplicate never left the page (HTTP status 0, not sent)', () => {
    const session = new Flow()
      .request('http-1', 'POST', `/v1/tasks/${ID}/hold`)
      .request('http-2', 'POST', `/v1/tasks/${ID}/hold`)
      .response('http-2', 0, { error: 'not sent' })
      .event('AgentContactHeld', { edit: held(true) })
      .run();
    expect(request(session, 'http-1')).toMatchObject({ outcome: 'succeeded', resultSeq: 6 });
    expect(request(session, 'http-2')).toMatchObject({ outcome: 'refused-duplicate', duplicateOf: 3 });
    expect(session.anomalies.filter((a) => a.rule.startsWith('request-'))).toMatchObject([
      { rule: 'request-refused-duplicate', severity: 'info', seq: 4, evidence: [3, 4] },
    ]);
  });

  it('a second hold on a leg already on hold did not flip isHold', () => {
    const session = new Flow()
      .request('http-1', 'POST', `/v1/tasks/${ID}/hold`, { body: { mediaResourceId: ID } })
      .event('AgentContactHeld', { edit: held(true) })
      .request('http-2', 'POST', `/v1/tasks/${ID}/hold`, { body: { mediaResourceId: ID } })
      .event('AgentContactHeld', { edit: held(true) })
      .request('http-3', 'POST', `/v1/tasks/${ID}/unhold`, { body: { mediaResourceId: ID } })
      .event('AgentContactUnheld', { edit: held(false) })
      .run();
    expect(['http-1', 'http-2', 'http-3'].map((id) => request(session, id).holdConfirmed)).toEqual([true, false, true]);
  });

  it('ends a request at once on an HTTP error; a result after it is its late result (the backend did it anyway)', () => {
    const session = new Flow()
      .request('http-1', 'PUT', '/v1/agents/session/state', { body: { state: 'Idle' } })
      .response('http-1', 500, { body: '{"message":"state change failed upstream"}' })
      .agentState('Idle')
      .run();
    expect(request(session, 'http-1')).toMatchObject({
      outcome: 'http-error',
      status: 500,
      reason: 'HTTP 500: state change failed upstream',
    });
    expect(request(session, 'http-1')).toMatchObject({ lateResultSeq: 5, resultSeq: undefined });
    expect(session.requests.correlator.byResultSeq.get(5)?.id).toBe('http-1');
    expect(session.requests.correlator.unsolicited).toEqual([]);
    expect(session.anomalies.filter((a) => a.rule === 'request-http-error')).toMatchObject([
      { severity: 'error', seq: 3, evidence: [3, 4] },
    ]);
  });

  it('counts no HTTP answer at all (network error) as an HTTP error', () => {
    const session = new Flow()
      .request('http-1', 'POST', `/v1/tasks/${ID}/end`)
      .response('http-1', 0, { error: 'network error' })
      .run();
    expect(request(session, 'http-1')).toMatchObject({ outcome: 'http-error', reason: 'network error' });
  });

  it('times out after the limit, not at it', () => {
    const atLimit = new Flow()
      .request('http-1', 'POST', `/v1/tasks/${ID}/hold`)
      .event('AgentContactHeld', { edit: held(true), after: TIMEOUT_REQ_MS })
      .run();
    expect(request(atLimit, 'http-1')).toMatchObject({ outcome: 'succeeded', latencyMs: TIMEOUT_REQ_MS });

    const late = new Flow()
      .request('http-1', 'POST', `/v1/tasks/${ID}/hold`)
      .event('AgentContactHeld', { edit: held(true), after: TIMEOUT_REQ_MS + 1 })
      .run();
    expect(request(late, 'http-1')).toMatchObject({ outcome: 'timed-out', lateResultSeq: 4, resultSeq: undefined });
    expect(late.anomalies.filter((a) => a.rule === 'request-timed-out')).toMatchObject([{ severity: 'warn', seq: 3 }]);
    expect(late.requests.correlator.unsolicited).toEqual([]);
  });

  it('times out on the passing of time alone (keepalives), and never for consult to queue', () => {
    const session = new Flow()
      .request('http-1', 'POST', `/v1/tasks/${ID}/record/pause`)
      .request('http-2', 'POST', `/v1/tasks/${ID}/consult`, { body: { destinationType: 'queue', to: 'q' } })
      .response('http-1', 202)
      .keepalive(5_000)
      .keepalive(5_000)
      .keepalive(5_000)
      .keepalive(5_001)
      .keepalive(5_000)
      .run();
    expect(request(session, 'http-1')).toMatchObject({ outcome: 'timed-out', status: 202 });
    expect(request(session, 'http-2').outcome).toBe('unresolved');
    expect(rules(session)).toEqual(['request-timed-out']);
  });

  it('leaves what the capture ended on as unresolved, with no anomaly', () => {
    const session = new Flow().request('http-1', 'POST', `/v1/tasks/${ID}/wrapup`).response('http-1', 202).run();
    expect(request(session, 'http-1').outcome).toBe('unresolved');
    expect(rules(session)).toEqual([]);
  });

  it('marks results without a request as unsolicited once operations are captured, never before', () => {
    const before = new Flow()
      .request('http-1', 'POST', '/v1/notification/subscribe')
      .event('AgentContactHeld', { edit: held(true) })
      .run();
    expect(before.requests.correlator.unsolicited).toEqual([]);
    expect(request(before, 'http-1')).toMatchObject({ operation: undefined, outcome: 'unresolved' });
    const after = new Flow()
      .request('http-1', 'PUT', '/v1/agents/session/state')
      .agentState('Available')
      .event('AgentContactHeld', { edit: held(true) })
      .run();
    expect(after.requests.correlator.unsolicited).toMatchObject([
      { seq: 5, name: 'AgentContactHeld', interactionId: ID },
    ]);
    expect(after.requests.correlator.unsolicitedSeqs.has(5)).toBe(true);
  });

  it('is usable on its own (a replay): start, end, result, with crafted times', () => {
    const correlator = new RequestCorrelator();
    correlator.start({ id: 'r', seq: 1, t: T0, method: 'POST', url: `/v1/tasks/${ID}/unhold` });
    const matched = correlator.result({ seq: 2, t: T0 + 5, name: 'AgentContactUnheld', interactionId: ID });
    expect(matched.matched?.id).toBe('r');
    expect(matched.matchedAs).toBe('success');
    expect(correlator.pendingRequests()).toEqual([]);
    expect(correlator.result({ seq: 3, t: T0 + 6, name: 'Whatever' }).resolved).toEqual([]);
  });

  it('never throws on hostile request frames', () => {
    const flow = new Flow()
      .request('http-1', 'POST', '/v1/tasks/\u0000<img onerror=x>/hold', { body: '{"__proto__":{"x":1}}' })
      .response('http-2', 404)
      .response('http-1', -1, { body: '{' });
    flow.frames.push({ seq: 99, t: T0, socket: 'http-9', dir: 'out', kind: 'request', size: 0 });
    expect(() => flow.run()).not.toThrow();
  });
});

describe('the report', () => {
  it("lists the requests with the contract's keys and validates", () => {
    const session = new Flow()
      .request('http-1', 'POST', `/v1/tasks/${ID}/hold`, { body: { mediaResourceId: ID } })
      .response('http-1', 202, { after: 50 })
      .event('AgentContactHeld', { edit: held(true), after: 100 })
      .request('http-2', 'PUT', '/v1/agents/session/state')
      .response('http-2', 500)
      .request('http-3', 'GET', '/v1/agents/config')
      .run();
    const report = buildReport(session, { kind: 'capture', frames: 0 });
    expect(v.safeParse(ReportSchema, report).success).toBe(true);
    expect(report.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: `https://api.wxcc-us1.cisco.com/v1/tasks/${ID}/hold`,
        operation: 'hold',
        interactionId: ID,
        startedAt: session.requests.correlator.get('http-1')!.t,
        status: 202,
        ackMs: 50,
        outcome: 'succeeded',
        resultSeq: 5,
        resultType: 'AgentContactHeld',
        latencyMs: 150,
        reason: null,
        ambiguous: false,
      }),
      expect.objectContaining({ operation: 'state-change', interactionId: null, outcome: 'http-error', status: 500 }),
    ]);
    expect(AGENT).toBeTruthy();
  });
});

describe('the clock advancing without frames (a live capture’s tick)', () => {
  it('session.advanceTo times a request out past its limit, not at it, and the rule reports it once', () => {
    const flow = new Flow().request('http-1', 'POST', `/v1/tasks/${ID}/record/pause`).response('http-1', 202);
    const session = new Session();
    for (const frame of flow.frames) session.ingest(frame);
    const sent = flow.frames.find((f) => f.kind === 'request')!;
    expect(session.advanceTo(sent.t + TIMEOUT_REQ_MS)).toBe(false);
    expect(request(session, 'http-1').outcome).toBe('pending');
    expect(rules(session)).toEqual([]);
    expect(session.advanceTo(sent.t + TIMEOUT_REQ_MS + 1)).toBe(true);
    expect(request(session, 'http-1').outcome).toBe('timed-out');
    expect(session.anomalies.filter((a) => a.rule === 'request-timed-out')).toMatchObject([
      {
        severity: 'warn',
        seq: sent.seq,
        message: `POST pause-recording (#${sent.seq}) for ${ID} got no result within 20 s (HTTP 202 after 250 ms).`,
      },
    ]);
    expect(session.advanceTo(sent.t + 60_000)).toBe(false);
    expect(rules(session)).toEqual(['request-timed-out']);
  });
});
