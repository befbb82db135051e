import { describe, expect, it } from 'vitest';
import { RequestCorrelator, TIMEOUT_REQ_MS, type TrackedRequest } from '../../../src/model/requests';
import {
  noteText,
  OUTCOME,
  outcomeText,
  requestFacts,
  requestName,
  requestSummary,
  resultNote,
  shortPath,
} from '../../../src/ui/request-view';

const ID = '0f1e2d3c-0000-4000-8000-000000000001';
const API = 'https://api.wxcc-us1.cisco.com';
const T0 = 1_767_603_600_000;

/** One request through a bare correlator, with crafted times. */
function tracked(
  method: string,
  path: string,
  then: (c: RequestCorrelator, r: { seq: number; t: number }) => void = () => {},
  trackingId?: string,
): TrackedRequest {
  const c = new RequestCorrelator();
  c.start({ id: 'http-1', seq: 10, t: T0, method, url: `${API}${path}`, trackingId });
  then(c, { seq: 10, t: T0 });
  return c.get('http-1')!;
}

const facts = (r: TrackedRequest, options?: Parameters<typeof requestFacts>[1]) =>
  Object.fromEntries(requestFacts(r, options).map((f) => [f.label, f.value]));

describe('requests in words', () => {
  it('names a request by method and the path after its interaction (or its last two segments)', () => {
    expect(requestName({ method: 'POST', url: `${API}/v1/tasks/${ID}/hold`, interactionId: ID })).toBe('POST …/hold');
    expect(shortPath({ url: `${API}/v1/tasks/${ID}/record/pause?x=1`, interactionId: ID })).toBe('…/record/pause');
    expect(shortPath({ url: `${API}/v1/agents/session/state`, interactionId: undefined })).toBe('…/session/state');
    expect(shortPath({ url: '/v1/x', interactionId: undefined })).toBe('/v1/x');
    expect(shortPath({ url: 'not a url <script>', interactionId: undefined })).toBe('not a url <script>');
  });

  it('gives every outcome a mark and a word, all different', () => {
    const marks = Object.values(OUTCOME).map((o) => o.mark);
    const labels = Object.values(OUTCOME).map((o) => o.label);
    expect(new Set(marks).size).toBe(marks.length);
    expect(new Set(labels).size).toBe(labels.length);
    expect(outcomeText('timed-out')).toBe('◷ timed out');
  });

  it('a succeeded hold: status, ackMs and latencyMs in ms, the result, the confirming trackingId', () => {
    const r = tracked(
      'POST',
      `/v1/tasks/${ID}/hold`,
      (c) => {
        c.end({ id: 'http-1', seq: 11, t: T0 + 60, status: 202 });
        c.result({ seq: 12, t: T0 + 400, name: 'AgentContactHeld', interactionId: ID, trackingId: 'trk' });
      },
      'trk',
    );
    expect(requestSummary(r)).toBe('→ AgentContactHeld #12 after 400 ms · HTTP 202 after 60 ms');
    expect(facts(r)).toMatchObject({
      Method: 'POST',
      URL: `${API}/v1/tasks/${ID}/hold`,
      Operation: 'hold',
      Outcome: '✓ succeeded',
      'HTTP status': '202',
      'ackMs (to the HTTP response)': '60 ms',
      'latencyMs (to the result event)': '400 ms',
      'Result event': '#12 AgentContactHeld',
      trackingid: "trk · confirmed: the result's data.trackingId is the same",
      Timeout: `${TIMEOUT_REQ_MS} ms`,
    });
    expect(requestFacts(r).find((f) => f.label === 'Result event')?.seq).toBe(12);
    expect(noteText(resultNote({ request: r, late: false, afterMs: 400 }))).toBe(
      'Result of request #10 (POST …/hold), 400 ms after the request · HTTP 202 after 60 ms · data.trackingId confirms it',
    );
  });

  it('a hold whose isHold did not flip says so in the row, the details and the note', () => {
    const r = tracked('POST', `/v1/tasks/${ID}/hold`, (c) =>
      c.result({ seq: 12, t: T0 + 30, name: 'AgentContactHeld', interactionId: ID, isHold: () => false }),
    );
    expect(requestSummary(r)).toContain('isHold did not flip');
    expect(facts(r)['isHold']).toMatch(/^did not flip/);
    expect(noteText(resultNote({ request: r, late: false, afterMs: 30 }))).toContain('isHold did not flip');
  });

  it('a failure: reason, reason code, ambiguity', () => {
    const c = new RequestCorrelator();
    c.start({ id: 'a', seq: 1, t: T0, method: 'POST', url: `${API}/v1/tasks/${ID}/hold` });
    c.start({ id: 'b', seq: 2, t: T0 + 1, method: 'POST', url: `${API}/v1/tasks/other/hold` });
    c.result({ seq: 3, t: T0 + 50, name: 'AgentContactHoldFailed', reason: 'MEDIA_NOT_FOUND', reasonCode: 2001 });
    const r = c.get('a')!;
    expect(requestSummary(r)).toBe('→ AgentContactHoldFailed #3 after 50 ms · MEDIA_NOT_FOUND (code 2001) · ambiguous');
    expect(facts(r)).toMatchObject({
      Outcome: '✗ failed',
      Reason: 'MEDIA_NOT_FOUND',
      'Reason code': '2001',
      'HTTP status': 'no response yet',
    });
    expect(facts(r)['Ambiguous']).toMatch(/^yes: /);
  });

  it('an HTTP error and no answer at all', () => {
    const error = tracked('PUT', '/v1/agents/session/state', (c) =>
      c.end({ id: 'http-1', seq: 11, t: T0 + 80, status: 500, body: '{"message":"down"}' }),
    );
    expect(requestSummary(error)).toBe('HTTP 500 after 80 ms · down');
    expect(facts(error)).toMatchObject({
      Outcome: '! HTTP error',
      'HTTP status': '500',
      'latencyMs (to the result event)': '—',
      'Result event': 'none expected: the HTTP call failed',
      Reason: 'HTTP 500: down',
    });
    const none = tracked('POST', `/v1/tasks/${ID}/end`, (c) =>
      c.end({ id: 'http-1', seq: 11, t: T0 + 5, status: 0, error: 'network error' }),
    );
    expect(requestSummary(none)).toBe('no HTTP answer (network error) after 5 ms');
    expect(facts(none)['HTTP status']).toBe('none (network error)');
  });

  it('a timeout, its late result, and the note on that late event', () => {
    const r = tracked('POST', `/v1/tasks/${ID}/record/pause`, (c) => {
      c.end({ id: 'http-1', seq: 11, t: T0 + 50, status: 202 });
      c.result({ seq: 12, t: T0 + TIMEOUT_REQ_MS + 500, name: 'ContactRecordingPaused', interactionId: ID });
    });
    expect(r.outcome).toBe('timed-out');
    expect(requestSummary(r, 'ContactRecordingPaused')).toBe(
      `no result within ${TIMEOUT_REQ_MS} ms (late: ContactRecordingPaused #12) · HTTP 202 after 50 ms`,
    );
    expect(facts(r, { lateResultType: 'ContactRecordingPaused' })['Late result']).toBe(
      '#12 ContactRecordingPaused (after the timeout: the desktop had given up)',
    );
    expect(noteText(resultNote({ request: r, late: true, afterMs: TIMEOUT_REQ_MS + 500 }))).toBe(
      `Late result of request #10 (POST …/record/pause), ${TIMEOUT_REQ_MS + 500} ms after the request: after its ${TIMEOUT_REQ_MS} ms timeout, so the request timed out`,
    );
  });

  it('a duplicate sent while its twin was pending is a warning; refused only when never sent; pending and unresolved say so', () => {
    const c = new RequestCorrelator();
    c.start({ id: 'a', seq: 1, t: T0, method: 'POST', url: `${API}/v1/tasks/${ID}/hold` });
    c.start({ id: 'b', seq: 2, t: T0 + 5, method: 'POST', url: `${API}/v1/tasks/${ID}/hold` });
    const dup = c.get('b')!;
    expect(requestSummary(dup)).toBe('waiting for its result · ⚠ sent while #1 was pending (the SDK would refuse it)');
    expect(requestFacts(dup).find((f) => f.label === 'Duplicate of')).toMatchObject({ seq: 1 });
    c.start({ id: 'c', seq: 3, t: T0 + 6, method: 'POST', url: `${API}/v1/tasks/${ID}/hold` });
    c.end({ id: 'c', seq: 4, t: T0 + 7, status: 0, error: 'not sent' });
    expect(requestSummary(c.get('c')!)).toBe(
      'repeats #1 while it was pending, never sent · no HTTP answer (not sent) after 1 ms',
    );
    expect(requestSummary(c.get('a')!)).toBe('waiting for its result');
    c.finish();
    expect(facts(c.get('a')!)['Result event']).toBe('none before the capture ended');
  });

  it('keeps the request body as captured, and names a call that is no operation', () => {
    const r = tracked('GET', '/v1/whatever');
    expect(facts(r, { body: '{"a":1}' })).toMatchObject({
      'Request body': '{"a":1}',
      Operation: 'not one of the WxCC task or agent operations',
    });
  });
});
