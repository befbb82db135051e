import { describe, expect, it } from 'vitest';
import { isRequestRow, TIMEOUT_REQ_MS, type TimelineRow } from '../../../src/model/requests';
import { PanelStore } from '../../../src/ui/panel-store';
import { noteText } from '../../../src/ui/request-view';
import { Flow, ID } from '../model/flow';
import { ManualScheduler } from './manual-scheduler';

const held = (on: boolean) => (s: Record<string, any>) => (s['media'][ID]['isHold'] = on); // eslint-disable-line @typescript-eslint/no-explicit-any

/** hold → AgentContactHeld after 400 ms; pause → no result (timed out); state change → HTTP 500. */
function flow() {
  return new Flow()
    .event('AgentContactReserved')
    .event('AgentOfferContact', { data: { ronaTimeout: 30 } })
    .event('AgentContactAssigned')
    .request('http-1', 'POST', `/v1/tasks/${ID}/hold`, { body: { mediaResourceId: ID }, trackingId: 'trk-1' })
    .response('http-1', 202, { after: 60 })
    .event('AgentContactHeld', { edit: held(true), after: 340, data: { trackingId: 'trk-1' } })
    .request('http-2', 'POST', `/v1/tasks/${ID}/record/pause`)
    .response('http-2', 202, { after: 50 })
    .request('http-3', 'PUT', '/v1/agents/session/state', { body: { state: 'Idle' } })
    .response('http-3', 500, { body: '{"message":"down"}', after: 80 })
    .keepalive(TIMEOUT_REQ_MS)
    .event('AgentWrapup');
}

function storeOf(f = flow()) {
  const scheduler = new ManualScheduler();
  const store = new PanelStore(scheduler);
  store.events.frames(f.frames);
  scheduler.drain();
  return store;
}

const label = (row: TimelineRow) => (isRequestRow(row) ? `↗ ${row.request.operation}` : row.name);
const rowLabels = (store: PanelStore) => store.select.timelineRows.value.map(label);
const seqOf = (store: PanelStore, name: string) =>
  store.select.selectedTimeline.value!.events.find((e) => e.name === name)!.seq;
const requestSeq = (store: PanelStore, id: string) => store.session.requests.correlator.get(id)!.seq;

describe('request rows in the panel (issue 12)', () => {
  it("shows the interaction's requests among its events, the agent's own not", () => {
    const store = storeOf();
    expect(rowLabels(store)).toEqual([
      'AgentContactReserved',
      'AgentOfferContact',
      'AgentContactAssigned',
      '↗ hold',
      'AgentContactHeld',
      '↗ pause-recording',
      'AgentWrapup',
    ]);
  });

  it('selecting a request joins its result; selecting the result joins the request', () => {
    const store = storeOf();
    const hold = requestSeq(store, 'http-1');
    const heldSeq = seqOf(store, 'AgentContactHeld');
    store.view.selectedSeq.value = hold;
    expect(store.select.selectedRequest.value?.operation).toBe('hold');
    expect(store.select.selectedRowSeq.value).toBe(hold);
    expect(store.select.joinedRowSeq.value).toBe(heldSeq);
    store.view.selectedSeq.value = heldSeq;
    expect(store.select.selectedRequest.value).toBeUndefined();
    expect(store.select.selectedRowSeq.value).toBe(heldSeq);
    expect(store.select.joinedRowSeq.value).toBe(hold);
    store.view.selectedSeq.value = seqOf(store, 'AgentContactReserved');
    expect(store.select.joinedRowSeq.value).toBeUndefined();
  });

  it("details of a selected request: status, ackMs, latencyMs, outcome, trackingid; the result's note", () => {
    const store = storeOf();
    store.view.selectedSeq.value = requestSeq(store, 'http-1');
    const detail = store.select.requestDetail.value!;
    expect(detail.request).toMatchObject({ status: 202, ackMs: 60, latencyMs: 400, outcome: 'succeeded' });
    expect(detail.body).toBe(JSON.stringify({ mediaResourceId: ID }));
    store.view.selectedSeq.value = seqOf(store, 'AgentContactHeld');
    expect(store.select.requestDetail.value).toBeUndefined();
    const note = store.select.resultNote.value;
    expect('none' in note).toBe(false);
    if (!('none' in note))
      expect(noteText(note)).toBe(
        `Result of request #${requestSeq(store, 'http-1')} (POST …/hold), 400 ms after the request · HTTP 202 after 60 ms · data.trackingId confirms it`,
      );
    store.view.selectedSeq.value = seqOf(store, 'AgentContactReserved');
    expect(store.select.resultNote.value).toEqual({ none: true });
  });

  it('a request bar of the agent (state change) selects it too; its details show, no timeline row', () => {
    const store = storeOf();
    const state = requestSeq(store, 'http-3');
    store.view.selectedSeq.value = state;
    expect(store.select.requestDetail.value?.request).toMatchObject({ outcome: 'http-error', status: 500 });
    expect(store.select.timelineRows.value.some((r) => r.seq === state)).toBe(false);
  });

  it('↑/↓ walk the requests too', () => {
    const store = storeOf();
    store.view.selectedSeq.value = seqOf(store, 'AgentContactAssigned');
    store.moveEvent(1);
    expect(store.select.selectedRequest.value?.operation).toBe('hold');
    store.moveEvent(1);
    expect(store.select.selectedRowSeq.value).toBe(seqOf(store, 'AgentContactHeld'));
    store.moveEvent(1);
    expect(store.select.selectedRequest.value?.operation).toBe('pause-recording');
  });

  it('"failed or timed-out requests only": those requests and their results, in the rows and the lanes', () => {
    const store = storeOf();
    const lanes = () =>
      store.select.requestLanes.value.map((l) => `${l.id}: ${l.segments.map((s) => s.outcome).join(' ')}`);
    expect(lanes()).toEqual(['requests: succeeded timed-out', 'agent-requests: http-error']);
    store.view.onlyProblemRequests.value = true;
    expect(rowLabels(store)).toEqual(['↗ pause-recording']);
    expect(lanes()).toEqual(['requests: timed-out', 'agent-requests: http-error']);
    store.view.onlyProblemRequests.value = false;
    expect(rowLabels(store)).toContain('↗ hold');
  });

  it('the search and filters apply to request rows: text matches method, URL, operation, outcome', () => {
    const store = storeOf();
    store.view.query.value = 'record/pause';
    expect(rowLabels(store)).toEqual(['↗ pause-recording']);
    store.view.query.value = 'timed-out';
    expect(rowLabels(store)).toEqual(['↗ pause-recording']);
    store.view.query.value = 'Held';
    expect(rowLabels(store)).toEqual(['↗ hold', 'AgentContactHeld']); // its result type matches
    store.view.query.value = '';
    store.view.category.value = 'hold';
    expect(rowLabels(store).some((l) => l.startsWith('↗'))).toBe(false);
    store.view.category.value = '';
    store.view.onlyAnomalies.value = true;
    // request-timed-out flags the pause request itself.
    expect(rowLabels(store)).toContain('↗ pause-recording');
    expect(rowLabels(store)).not.toContain('↗ hold');
  });

  it('marks results no request asked for; a capture without requests shows its events as they are', () => {
    const store = storeOf(flow().event('AgentContactUnheld', { edit: held(false) }));
    const unheld = seqOf(store, 'AgentContactUnheld');
    expect(store.select.unsolicitedSeqs.value.has(unheld)).toBe(true);
    const plain = storeOf(new Flow().event('AgentContactAssigned').event('AgentContactHeld', { edit: held(true) }));
    expect(plain.select.timelineRows.value).toBe(plain.select.visibleEvents.value);
    expect(plain.select.hasRequests.value).toBe(false);
    expect(plain.select.unsolicitedSeqs.value.size).toBe(0);
  });

  it('follows outcomes as they change live: pending, then timed out; the details follow too', () => {
    const frames = flow().frames;
    const cut = frames.findIndex((f) => f.data === '{"keepalive":"true"}');
    const scheduler = new ManualScheduler();
    const store = new PanelStore(scheduler);
    store.events.frames(frames.slice(0, cut));
    scheduler.drain();
    const outcomes = () =>
      store.select.timelineRows.value.filter(isRequestRow).map((r) => `${r.request.operation} ${r.request.outcome}`);
    expect(outcomes()).toEqual(['hold succeeded', 'pause-recording pending']);
    store.view.selectedSeq.value = requestSeq(store, 'http-2');
    expect(store.select.requestDetail.value?.request.outcome).toBe('pending');
    const before = store.select.timelineRows.value;
    store.events.frames(frames.slice(cut));
    scheduler.drain();
    expect(store.select.timelineRows.value).not.toBe(before);
    expect(outcomes()).toEqual(['hold succeeded', 'pause-recording timed-out']);
    expect(store.select.requestDetail.value?.request.outcome).toBe('timed-out');
    // Nothing about the requests changed: the rows keep their identity.
    const settled = store.select.timelineRows.value;
    store.events.frames([{ ...frames.at(-1)!, seq: frames.at(-1)!.seq + 1, data: '{"keepalive":"true"}' }]);
    scheduler.drain();
    expect(store.select.timelineRows.value).toBe(settled);
  });

  it('stacks the Requests lane when bars overlap', () => {
    const f = new Flow()
      .event('AgentContactAssigned')
      .request('http-1', 'POST', `/v1/tasks/${ID}/hold`)
      .request('http-2', 'POST', `/v1/tasks/${ID}/record/pause`, { after: 10 })
      .event('AgentContactHeld', { edit: held(true), after: 300 })
      .keepalive(TIMEOUT_REQ_MS)
      .event('AgentWrapup');
    const lane = storeOf(f).select.requestLanes.value.find((l) => l.id === 'requests')!;
    expect(lane.rows).toBe(2);
    expect(lane.segments.map((s) => s.row)).toEqual([0, 1]);
  });
});
