import { describe, expect, it } from 'vitest';
import {
  answeredBy,
  interactionRequests,
  isRequestRow,
  isUnsolicited,
  joinedSeq,
  mergeRows,
  problemRequests,
  requestAt,
  resultSeqsOf,
  stackLane,
  stackRows,
  requestLane,
  TIMEOUT_REQ_MS,
  type TimelineRow,
} from '../../../src/model/requests';
import { Flow, ID } from './flow';

const held = (on: boolean) => (s: Record<string, any>) => (s['media'][ID]['isHold'] = on); // eslint-disable-line @typescript-eslint/no-explicit-any

/** A call with a hold that succeeds, a pause that times out (its result comes late) and a state change that 500s. */
function session() {
  return new Flow()
    .event('AgentContactReserved')
    .event('AgentOfferContact', { data: { ronaTimeout: 30 } })
    .event('AgentContactAssigned')
    .request('http-1', 'POST', `/v1/tasks/${ID}/hold`, { body: { mediaResourceId: ID } })
    .response('http-1', 202, { after: 60 })
    .event('AgentContactHeld', { edit: held(true), after: 340 })
    .request('http-2', 'POST', `/v1/tasks/${ID}/record/pause`)
    .response('http-2', 202, { after: 50 })
    .keepalive(TIMEOUT_REQ_MS)
    .event('ContactRecordingPaused', { noSnapshot: true, after: 100 })
    .request('http-3', 'PUT', '/v1/agents/session/state', { body: { state: 'Idle' } })
    .response('http-3', 500, { body: '{"message":"down"}', after: 80 })
    .event('AgentContactUnheld', { edit: held(false) })
    .run();
}

const label = (row: TimelineRow) =>
  isRequestRow(row) ? `↗ ${row.request.operation} ${row.request.outcome}` : row.name;

describe("requests among an interaction's events", () => {
  it('places each request at its start among the events, in capture order', () => {
    const s = session();
    const timeline = s.interaction(ID)!;
    const requests = interactionRequests(s.requests.correlator, timeline, (r) => s.requestOwner(r));
    expect(mergeRows(timeline.events, requests).map(label)).toEqual([
      'AgentContactReserved',
      'AgentOfferContact',
      'AgentContactAssigned',
      '↗ hold succeeded',
      'AgentContactHeld',
      '↗ pause-recording timed-out',
      'ContactRecordingPaused',
      'AgentContactUnheld',
    ]);
    // Without requests the events come back as they are (same array).
    expect(mergeRows(timeline.events, [])).toBe(timeline.events);
    // Requests after the last event still show.
    expect(mergeRows(timeline.events.slice(0, 2), requests).map(label).slice(-2)).toEqual([
      '↗ hold succeeded',
      '↗ pause-recording timed-out',
    ]);
  });

  it('joins a request to its result and back, a late result to its timed-out request, nothing else', () => {
    const s = session();
    const c = s.requests.correlator;
    const timeline = s.interaction(ID)!;
    const seqOf = (name: string) => timeline.events.find((e) => e.name === name)!.seq;
    const hold = c.get('http-1')!;
    const pause = c.get('http-2')!;
    expect(joinedSeq(c, hold.seq)).toBe(seqOf('AgentContactHeld'));
    expect(joinedSeq(c, seqOf('AgentContactHeld'))).toBe(hold.seq);
    expect(joinedSeq(c, pause.seq)).toBe(seqOf('ContactRecordingPaused'));
    expect(joinedSeq(c, seqOf('ContactRecordingPaused'))).toBe(pause.seq);
    expect(joinedSeq(c, seqOf('AgentContactReserved'))).toBeUndefined();
    expect(joinedSeq(c, c.get('http-3')!.seq)).toBeUndefined();
    expect(joinedSeq(c, null)).toBeUndefined();

    const heldEvent = timeline.events.find((e) => e.name === 'AgentContactHeld')!;
    expect(answeredBy(c, heldEvent)).toEqual({ request: hold, late: false, afterMs: 400 });
    const paused = timeline.events.find((e) => e.name === 'ContactRecordingPaused')!;
    expect(answeredBy(c, paused)).toEqual({ request: pause, late: true, afterMs: 50 + TIMEOUT_REQ_MS + 100 });
    expect(answeredBy(c, timeline.events[0])).toBeUndefined();
    expect(answeredBy(c, undefined)).toBeUndefined();
  });

  it('finds a request by the seq of its request frame, and nothing for any other seq', () => {
    const s = session();
    const c = s.requests.correlator;
    for (const r of c.requests) expect(requestAt(c, r.seq)).toBe(r);
    expect(requestAt(c, c.requests[0]!.seq + 1)).toBeUndefined();
    expect(requestAt(c, -1)).toBeUndefined();
    expect(requestAt(c, 1e9)).toBeUndefined();
    expect(requestAt(c, undefined)).toBeUndefined();
  });

  it('keeps the problem requests (failed, timed out, HTTP error) and knows their results', () => {
    const s = session();
    const c = s.requests.correlator;
    const problems = problemRequests(c.requests);
    expect(problems.map((r) => r.outcome)).toEqual(['timed-out', 'http-error']);
    expect([...resultSeqsOf(problems)]).toEqual([c.get('http-2')!.lateResultSeq]);
  });

  it('marks a result no request asked for as unsolicited', () => {
    const s = session();
    const unheld = s.interaction(ID)!.events.find((e) => e.name === 'AgentContactUnheld')!;
    expect(isUnsolicited(s.requests.correlator, unheld.seq)).toBe(true);
    const held = s.interaction(ID)!.events.find((e) => e.name === 'AgentContactHeld')!;
    expect(isUnsolicited(s.requests.correlator, held.seq)).toBe(false);
  });
});

describe('stacking overlapping request bars', () => {
  it('gives overlapping bars their own sub-rows and reuses a row once its bar ended', () => {
    expect(
      stackRows([
        { from: 0, to: 100 },
        { from: 50, to: 20_000 },
        { from: 101, to: 200 },
        { from: 150, to: 160 },
        { from: 20_001, to: 20_002 },
      ]),
    ).toEqual({ rows: [0, 1, 0, 2, 0], count: 3 });
    expect(stackRows([])).toEqual({ rows: [], count: 1 });
  });

  it('counts a bar as at least minMs long, so two short bars side by side do not touch', () => {
    expect(
      stackRows([
        { from: 0, to: 0 },
        { from: 5, to: 5 },
      ]).count,
    ).toBe(1);
    expect(
      stackRows(
        [
          { from: 0, to: 0 },
          { from: 5, to: 5 },
        ],
        10,
      ),
    ).toEqual({ rows: [0, 1], count: 2 });
  });

  it('places bars by start even when they come out of order', () => {
    expect(
      stackRows([
        { from: 50, to: 60 },
        { from: 0, to: 100 },
      ]),
    ).toEqual({ rows: [1, 0], count: 2 });
  });

  it("stacks a lane's request bars: the short hold under way while the long pause waits", () => {
    const s = new Flow()
      .event('AgentContactAssigned')
      .request('http-1', 'POST', `/v1/tasks/${ID}/hold`)
      .request('http-2', 'POST', `/v1/tasks/${ID}/record/pause`, { after: 10 })
      .event('AgentContactHeld', { edit: held(true), after: 300 })
      .keepalive(TIMEOUT_REQ_MS)
      .run();
    const timeline = s.interaction(ID)!;
    const lane = stackLane(
      requestLane(
        'requests',
        'Requests',
        interactionRequests(s.requests.correlator, timeline, (r) => s.requestOwner(r)),
        timeline.events.at(-1)!.t,
      ),
    );
    expect(lane.rows).toBe(2);
    expect(lane.segments.map((g) => [g.outcome, g.row])).toEqual([
      ['succeeded', 0],
      ['timed-out', 1],
    ]);
  });
});

describe('a failure result (no interactionId, §10.9) in its request’s interaction', () => {
  const session = new Flow()
    .event('AgentContactReserved')
    .event('AgentContactAssigned')
    .request('http-1', 'POST', `/v1/tasks/${ID}/unhold`, { body: { mediaResourceId: ID } })
    .response('http-1', 202, { after: 60 })
    .event('AgentContactUnHoldFailed', {
      noSnapshot: true,
      after: 100,
      data: { interactionId: undefined, reason: 'MEDIA_NOT_HELD', reasonCode: 1150 },
    })
    .run();
  const timeline = session.interaction(ID)!;
  const correlator = session.requests.correlator;
  const failed = correlator.get('http-1')!;

  it('enters that interaction’s timeline, joined both ways', () => {
    expect(failed).toMatchObject({ outcome: 'failed', resultSeq: 7, resultType: 'AgentContactUnHoldFailed' });
    expect(timeline.events.map((e) => [e.seq, e.name])).toEqual([
      [3, 'AgentContactReserved'],
      [4, 'AgentContactAssigned'],
      [7, 'AgentContactUnHoldFailed'],
    ]);
    expect(timeline.events.at(-1)!.data).toMatchObject({ reason: 'MEDIA_NOT_HELD', reasonCode: 1150 });
    expect(joinedSeq(correlator, failed.seq)).toBe(7);
    expect(joinedSeq(correlator, 7)).toBe(failed.seq);
    expect(session.unattached).toEqual([]);
  });

  it('stays with its request under "failed requests"', () => {
    const requests = problemRequests(interactionRequests(correlator, timeline, (r) => session.requestOwner(r)));
    const results = resultSeqsOf(requests);
    const rows = mergeRows(
      timeline.events.filter((e) => results.has(e.seq)),
      requests,
    );
    expect(rows.map((r) => (isRequestRow(r) ? `request #${r.seq}` : `${r.name} #${r.seq}`))).toEqual([
      'request #5',
      'AgentContactUnHoldFailed #7',
    ]);
  });
});
