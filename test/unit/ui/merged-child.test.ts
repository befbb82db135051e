import { describe, expect, it } from 'vitest';
import { isRequestRow } from '../../../src/model';
import { PanelStore } from '../../../src/ui/panel-store';
import { badgesOf, stateWords } from '../../../src/ui/words';
import { MERGE, mergeCase } from '../../support/merge-case';
import { Flow } from '../model/flow';
import { ManualScheduler } from './manual-scheduler';

/*
 * A `ContactMerged` child in the panel (README "Re-keys and merges"): its row shows its own
 * timeline, marked as merged with a way to the parent; whatever happened under any of its ids
 * before the merge is its own (events, requests, anomalies), and after the merge the parent's.
 * The list, the selection, the links, the Frames tab's "Show …", the requests and the anomalies
 * agree on it.
 */

function loaded() {
  const { frames, seq } = mergeCase();
  const scheduler = new ManualScheduler();
  const store = new PanelStore(scheduler);
  store.events.frames(frames);
  scheduler.drain();
  return { store, seq };
}

const rowSeqs = (store: PanelStore) =>
  store.select.timelineRows.value.map((row) => (isRequestRow(row) ? `request #${row.seq}` : `#${row.seq}`));

describe('a merged child', () => {
  it('its row selects its own timeline (its events before the merge), marked as merged into the parent', () => {
    const { store, seq } = loaded();
    const rows = store.select.rows.value;
    expect(rows.map((r) => [r.interactionId, r.customer, r.merged])).toEqual([
      [MERGE.child, MERGE.childCustomer, { into: MERGE.parent, seq: seq['merged'], t: expect.any(Number) }],
      [MERGE.parent, MERGE.parentCustomer, undefined],
    ]);
    store.view.select(MERGE.child);
    expect(store.select.selectedInteractionId.value).toBe(MERGE.child);
    expect(store.select.selectedTimeline.value?.interactionId).toBe(MERGE.child);
    expect(store.select.visibleEvents.value.map((e) => [e.seq, e.name])).toEqual([
      [seq['childOffered'], 'AgentOfferCampaignReservation'],
      [seq['childAssigned'], 'AgentContactAssigned'],
      [seq['childHeld'], 'AgentContactHeld'],
    ]);
    expect(store.select.selectedEvent.value?.seq).toBe(seq['childHeld']);
    // Its header and its row say where it went; nothing of it is live any more (it was on hold).
    expect(store.select.selectedMerge.value).toEqual({ into: MERGE.parent, seq: seq['merged'] });
    const row = store.select.selectedRow.value!;
    expect(row.flags.onHold).toBe(true);
    expect(stateWords(row.flags)).toBe('Connected');
    expect(stateWords(row.flags, row.merged)).toBeUndefined();
    // The same flags, unmerged, would read live 5 s after the merge: on hold, recording.
    const later = row.merged!.t + 5_000;
    expect(badgesOf(row.flags, later).map((b) => b.text)).toEqual(['On hold 0:05', 'Recording']);
    expect(badgesOf(row.flags, later, row.merged).map((b) => [b.text, b.title])).toEqual([
      [
        `Merged into …${MERGE.parent.slice(-8)}`,
        `Merged into ${MERGE.parent} by ContactMerged #${seq['merged']}: it goes on there`,
      ],
    ]);
    // Its chart ends at the merge, not at the wall clock.
    expect(store.select.chartEnd.value).toBe(row.merged!.t);
    // Not active: the "active" filter hides it.
    store.view.onlyActive.value = true;
    expect(store.select.rows.value.map((r) => r.interactionId)).toEqual([MERGE.parent]);
  });

  it('the way to the parent shows the merge there, and the merge leads back to the child', () => {
    const { store, seq } = loaded();
    store.view.select(MERGE.child);
    const merge = store.select.selectedMerge.value!;
    store.view.select(merge.into, merge.seq);
    expect(store.select.selectedInteractionId.value).toBe(MERGE.parent);
    expect(store.select.selectedEvent.value?.name).toBe('ContactMerged');
    expect(store.select.selectedMerge.value).toBeUndefined();
    expect(store.select.mergeNote.value).toEqual({ child: MERGE.child, events: 3 });
    expect(store.select.visibleEvents.value.map((e) => e.seq)).toEqual([
      seq['parentReserved'],
      seq['parentAssigned'],
      seq['merged'],
      seq['updateUnderChildAfter'],
      seq['unheldAfter'],
    ]);
    store.view.select(store.select.mergeNote.value!.child);
    expect(store.select.selectedTimeline.value?.interactionId).toBe(MERGE.child);
    expect(store.select.mergeNote.value).toBeUndefined();
  });

  it("a request under the child's earlier id is listed on the child and shown there, as its anomaly is", () => {
    const { store, seq } = loaded();
    store.view.select(MERGE.child);
    expect(rowSeqs(store)).toEqual([
      `#${seq['childOffered']}`,
      `#${seq['childAssigned']}`,
      `request #${seq['holdUnderOldId']}`,
      `request #${seq['holdUnderChild']}`,
      `#${seq['childHeld']}`,
    ]);
    expect(store.select.requestLanes.value[0]!.segments.map((s) => s.seq)).toEqual([
      seq['holdUnderOldId'],
      seq['holdUnderChild'],
    ]);
    expect([...store.select.anomaliesBySeq.value.keys()]).toEqual([seq['holdUnderOldId']]);
    expect(store.select.rows.value.map((r) => [r.interactionId, r.counts.error])).toEqual([
      [MERGE.child, 1],
      [MERGE.parent, 0],
    ]);

    // The Frames tab's "Show request" (its request and its response frame) goes where it is listed.
    const onChild = { interactionId: MERGE.child, seq: seq['holdUnderOldId'], what: 'request' };
    expect(store.timelineRowOf(seq['holdUnderOldId']!)).toEqual(onChild);
    expect(store.timelineRowOf(seq['holdUnderOldIdAnswer']!)).toEqual(onChild);
    store.view.select(MERGE.parent);
    expect(store.showEventOf(seq['holdUnderOldId']!)).toBe(true);
    expect(store.select.selectedTimeline.value?.interactionId).toBe(MERGE.child);
    expect(store.select.selectedRequest.value?.seq).toBe(seq['holdUnderOldId']);

    // The anomaly's links (the request, its HTTP response) lead to the request's row, on the child.
    const anomaly = store.select.anomalyGroups.value[0]!.anomalies[0]!;
    expect([anomaly.rule, anomaly.interactionId, anomaly.evidence]).toEqual([
      'request-http-error',
      MERGE.child,
      [seq['holdUnderOldId'], seq['holdUnderOldIdAnswer']],
    ]);
    for (const evidence of anomaly.evidence) {
      store.view.select(MERGE.parent);
      store.view.tab.value = 'anomalies';
      store.openAnomaly(anomaly, evidence);
      expect([
        store.view.tab.value,
        store.select.selectedInteractionId.value,
        store.select.selectedRequest.value?.seq,
      ]).toEqual(['interactions', MERGE.child, seq['holdUnderOldId']]);
    }

    // After the merge the child's id means the parent: the unhold sent under it is the parent's.
    store.view.select(MERGE.parent);
    expect(rowSeqs(store)).toEqual([
      `#${seq['parentReserved']}`,
      `#${seq['parentAssigned']}`,
      `#${seq['merged']}`,
      `#${seq['updateUnderChildAfter']}`,
      `request #${seq['unholdAfter']}`,
      `#${seq['unheldAfter']}`,
    ]);
    expect(store.timelineRowOf(seq['unholdAfter']!)).toEqual({
      interactionId: MERGE.parent,
      seq: seq['unholdAfter'],
      what: 'request',
    });
  });

  it("the Frames tab shows each event in the timeline it is in: the child's own, and those under its id after the merge", () => {
    const { store, seq } = loaded();
    const event = (name: string, interactionId: string) => ({ interactionId, seq: seq[name], what: 'event' });
    expect(store.timelineRowOf(seq['childOffered']!)).toEqual(event('childOffered', MERGE.child));
    expect(store.timelineRowOf(seq['childHeld']!)).toEqual(event('childHeld', MERGE.child));
    expect(store.timelineRowOf(seq['merged']!)).toEqual(event('merged', MERGE.parent));
    expect(store.timelineRowOf(seq['updateUnderChildAfter']!)).toEqual(event('updateUnderChildAfter', MERGE.parent));
    expect(store.showEventOf(seq['childOffered']!)).toBe(true);
    expect([store.select.selectedInteractionId.value, store.select.selectedEvent.value?.seq]).toEqual([
      MERGE.child,
      seq['childOffered'],
    ]);
  });

  it('a request sent before the merge and answered after it: its result link and its own link each lead to the other', () => {
    const flow = new Flow()
      .event('AgentContactReserved', { interactionId: 'main-P' })
      .event('AgentContactReserved', { interactionId: 'child-C' })
      .request('http-1', 'POST', '/v1/tasks/child-C/hold', { body: { mediaResourceId: 'child-C' } })
      .response('http-1', 202, { after: 40 })
      .event('ContactMerged', { interactionId: 'main-P', data: { childInteractionId: 'child-C' } })
      .event('AgentContactHeld', { interactionId: 'child-C' });
    const [request, , , held] = flow.frames.slice(-4).map((f) => f.seq);
    const scheduler = new ManualScheduler();
    const store = new PanelStore(scheduler);
    store.events.frames(flow.frames);
    scheduler.drain();
    // The result went where the child's id meant by then: the parent.
    store.view.select('main-P', held);
    expect(store.select.joinedRowSeq.value).toBe(request);
    store.goToSeq(request!);
    expect([store.select.selectedInteractionId.value, store.select.selectedRequest.value?.seq]).toEqual([
      'child-C',
      request,
    ]);
    expect(store.select.joinedRowSeq.value).toBe(held);
    store.goToSeq(held!);
    expect([store.select.selectedInteractionId.value, store.select.selectedEvent.value?.seq]).toEqual(['main-P', held]);
  });
});
