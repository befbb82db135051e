import { describe, expect, it } from 'vitest';
import { readHar } from '../../../src/io';
import { isRequestRow } from '../../../src/model/requests';
import { PanelStore } from '../../../src/ui/panel-store';
import { requestFacts } from '../../../src/ui/request-view';
import { HAR_SECRET, requestsHar } from '../../support/requests-har';
import { ManualScheduler } from './manual-scheduler';

describe('a Chrome HAR with REST calls next to the socket, in the viewer (issue 12)', () => {
  const { har, holdLatencyMs, interactionId } = requestsHar();
  const { frames } = readHar(structuredClone(har));
  const scheduler = new ManualScheduler();
  const store = new PanelStore(scheduler);
  store.loadFrames(frames, 'requests.har');
  scheduler.drain();

  it('shows each request in the timeline, joined to its result with the exact latency', () => {
    expect(store.select.selectedInteractionId.value).toBe(interactionId);
    const rows = store.select.timelineRows.value;
    const hold = rows.find((r) => isRequestRow(r) && r.request.operation === 'hold')!;
    const held = rows.find((r) => !isRequestRow(r) && r.name === 'AgentContactHeld')!;
    expect(rows.indexOf(hold)).toBe(rows.indexOf(held) - 1);
    store.view.selectedSeq.value = hold.seq;
    expect(store.select.joinedRowSeq.value).toBe(held.seq);
    const request = store.select.requestDetail.value!.request;
    // Chrome's message times have sub-millisecond digits: the latency is exactly their difference.
    expect(request.latencyMs).toBe(holdLatencyMs);
    expect(request).toMatchObject({ outcome: 'succeeded', status: 202, ackMs: 60, resultType: 'AgentContactHeld' });
    expect(requestFacts(request).find((f) => f.label.startsWith('latencyMs'))?.value).toBe(
      `${Math.round(holdLatencyMs)} ms`,
    );
    store.view.selectedSeq.value = held.seq;
    expect(store.select.joinedRowSeq.value).toBe(hold.seq);
  });

  it('an HTTP error ends its request; the event that came anyway is its late result; no credential is kept', () => {
    const rows = store.select.timelineRows.value;
    const unhold = rows.find((r) => isRequestRow(r) && r.request.operation === 'unhold')!;
    expect(isRequestRow(unhold) && unhold.request).toMatchObject({ outcome: 'http-error', status: 500 });
    const unheld = rows.find((r) => !isRequestRow(r) && r.name === 'AgentContactUnheld')!;
    // The backend did it despite the HTTP error: joined to the request like a late result.
    expect(store.select.unsolicitedSeqs.value.has(unheld.seq)).toBe(false);
    expect(isRequestRow(unhold) && unhold.request.lateResultSeq).toBe(unheld.seq);
    store.view.selectedSeq.value = unheld.seq;
    expect(store.select.joinedRowSeq.value).toBe(unhold.seq);
    store.view.onlyProblemRequests.value = true;
    expect(store.select.timelineRows.value.map((r) => (isRequestRow(r) ? r.request.operation : r.name))).toEqual([
      'unhold',
      'AgentContactUnheld',
    ]);
    store.view.onlyProblemRequests.value = false;
    expect(JSON.stringify(frames)).not.toContain(HAR_SECRET.slice(7));
  });
});
