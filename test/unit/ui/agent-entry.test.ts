import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import { isRequestRow, TIMEOUT_REQ_MS, type TimelineRow } from '../../../src/model/requests';
import { PanelStore } from '../../../src/ui/panel-store';
import { noteText } from '../../../src/ui/request-view';
import { Flow, ID } from '../model/flow';
import { ManualScheduler } from './manual-scheduler';

function storeWith(frames: Frame[]) {
  const scheduler = new ManualScheduler();
  const store = new PanelStore(scheduler);
  store.events.frames(frames);
  scheduler.drain();
  return store;
}

/** The agent logs in, fails to go Available (the failure event), a second try times out; no call. */
function beforeAnyCall() {
  return new Flow()
    .agentState('LoggedIn', 'Idle')
    .request('http-1', 'PUT', '/v1/agents/session/state', { body: { state: 'Available' }, after: 1000 })
    .response('http-1', 202, { after: 40 })
    .agentFailure('AgentStateChangeFailed', 'AGENT_NOT_FOUND', 1038, 300)
    .request('http-2', 'PUT', '/v1/agents/session/state', { body: { state: 'Available' }, after: 1000 })
    .response('http-2', 202, { after: 40 })
    .keepalive(TIMEOUT_REQ_MS + 1000);
}

/** The same, then a call long after, then an idle-time state change long after the call ended. */
function withACall() {
  return beforeAnyCall()
    .agentState('Available')
    .event('AgentContactReserved', { after: 120_000 })
    .event('AgentContactAssigned')
    .event('ContactEnded', { data: { agentsPendingWrapUp: [] } })
    .keepalive(200_000)
    .request('http-3', 'PUT', '/v1/agents/session/state', { body: { state: 'Idle' } })
    .response('http-3', 500, { body: '{"message":"down"}', after: 80 })
    .keepalive(4000);
}

const label = (row: TimelineRow) =>
  isRequestRow(row) ? `↗ ${row.request.operation} ${row.request.outcome}` : row.name;
const rowLabels = (store: PanelStore) => store.select.timelineRows.value.map(label);
const requestSeq = (store: PanelStore, id: string) => store.session.requests.correlator.get(id)!.seq;

describe("the interactions list's Agent entry", () => {
  it('shows by itself when the capture has no interaction: its state, its requests and their failures', () => {
    const flow = beforeAnyCall();
    const store = storeWith(flow.frames);
    expect(store.select.selectedTimeline.value).toBeUndefined();
    expect(store.select.showsAgent.value).toBe(true);
    expect(store.select.agentEntry.value).toMatchObject({ state: 'LoggedIn/Idle', requests: 2, problems: 2 });
    expect(rowLabels(store)).toEqual([
      'AgentStateChangeSuccess',
      '↗ state-change failed',
      'AgentStateChangeFailed',
      '↗ state-change timed-out',
    ]);
    // The chart: the agent's state, then its requests, over the whole capture.
    expect(store.select.chartLanes.value.map((l) => l.id)).toEqual(['agent']);
    expect(store.select.requestLanes.value.map((l) => [l.id, l.segments.map((s) => s.outcome)])).toEqual([
      ['agent-requests', ['failed', 'timed-out']],
    ]);
    expect(store.select.chartStart.value).toBe(flow.frames.find((f) => f.data?.includes('LoggedIn'))!.t);
    // A live panel: the chart runs to now.
    expect(store.select.chartEnd.value).toBe(store.now.value);
    // With nothing picked the latest agent event is selected, its details shown.
    const detail = store.select.agentEventDetail.value;
    expect('none' in detail ? undefined : detail.row.name).toBe('AgentStateChangeFailed');
  });

  it('joins a request and its failure both ways, with the same details and notes as an interaction', () => {
    const store = storeWith(beforeAnyCall().frames);
    const failedSeq = requestSeq(store, 'http-1');
    store.view.selectAgent(failedSeq);
    expect(store.select.selectedRequest.value).toMatchObject({ outcome: 'failed', reason: 'AGENT_NOT_FOUND' });
    expect('none' in store.select.agentEventDetail.value).toBe(true);
    const failure = store.select.joinedRowSeq.value!;
    expect(store.select.timelineRows.value.find((r) => r.seq === failure)).toMatchObject({
      name: 'AgentStateChangeFailed',
    });
    store.goToSeq(failure);
    expect(store.select.selectedRowSeq.value).toBe(failure);
    expect(store.select.joinedRowSeq.value).toBe(failedSeq);
    const note = store.select.resultNote.value;
    expect('none' in note ? '' : noteText(note)).toMatch(/^Result of request #\d+ \(PUT .*session\/state\)/);
    const json = store.select.agentEventJson.value;
    expect(json.ok && (json.value as { data: { reasonCode: number } }).data.reasonCode).toBe(1038);
    // The cursor of the chart stands at the selected row.
    expect(store.select.selectedRowT.value).toBe(store.select.timelineRows.value.find((r) => r.seq === failure)!.t);
  });

  it('with calls in the capture: the list shows the interaction, the Agent entry has every agent request, idle-time ones too', () => {
    const store = storeWith(withACall().frames);
    expect(store.select.showsAgent.value).toBe(false);
    expect(store.select.selectedTimeline.value?.interactionId).toBe(ID);
    // On the interaction's chart: none of the agent's requests (all before it, or long after it ended).
    expect(store.select.requestLanes.value).toEqual([]);
    store.view.selectAgent();
    expect(store.select.showsAgent.value).toBe(true);
    expect(store.select.selectedTimeline.value).toBeUndefined();
    expect(store.select.requestLanes.value[0]!.segments.map((s) => s.outcome)).toEqual([
      'failed',
      'timed-out',
      'http-error',
    ]);
    expect(rowLabels(store).filter((l) => l.startsWith('↗'))).toHaveLength(3);
    expect(store.select.agentEntry.value).toMatchObject({ state: 'Available', requests: 3, problems: 3 });
    // Back to the interaction.
    store.view.select(ID);
    expect(store.select.showsAgent.value).toBe(false);
    expect(store.select.timelineRows.value.some((r) => isRequestRow(r))).toBe(false);
  });

  it('the keyboard walks from the Agent entry to the interactions and back; ↑/↓ walk its rows', () => {
    const store = storeWith(withACall().frames);
    store.moveInteraction(-1);
    expect(store.select.showsAgent.value).toBe(true);
    store.moveInteraction(-1);
    expect(store.select.showsAgent.value).toBe(true);
    // Nothing picked: the latest agent event is selected; ↑ picks the row above it.
    const rows = store.select.timelineRows.value;
    const at = rows.findIndex((r) => r.seq === store.select.selectedRowSeq.value);
    expect(rows[at]).toMatchObject({ name: 'AgentStateChangeSuccess' });
    store.moveEvent(-1);
    expect(store.view.agentSelected.value).toBe(true);
    expect(store.select.selectedRowSeq.value).toBe(rows[at - 1]!.seq);
    store.moveInteraction(1);
    expect(store.select.selectedTimeline.value?.interactionId).toBe(ID);
  });

  it('a row picked in the Agent entry stays shown when the first interaction arrives', () => {
    const flow = beforeAnyCall();
    const scheduler = new ManualScheduler();
    const store = new PanelStore(scheduler);
    store.events.frames(flow.frames);
    scheduler.drain();
    store.view.selectAgent(requestSeq(store, 'http-2'));
    const more = withACall().frames.slice(flow.frames.length);
    store.events.frames(more);
    scheduler.drain();
    expect(store.select.showsAgent.value).toBe(true);
    expect(store.select.selectedRequest.value?.outcome).toBe('timed-out');
  });

  it('the filters apply: failed requests only, the search, a category or a path', () => {
    const store = storeWith(withACall().frames);
    store.view.selectAgent();
    store.view.onlyProblemRequests.value = true;
    store.view.query.value = 'http-error';
    expect(rowLabels(store)).toEqual(['↗ state-change http-error']);
    store.view.query.value = '';
    // Available came after the second try's timeout: its late result, kept with it.
    expect(rowLabels(store)).toEqual([
      '↗ state-change failed',
      'AgentStateChangeFailed',
      '↗ state-change timed-out',
      'AgentStateChangeSuccess',
      '↗ state-change http-error',
    ]);
    store.view.onlyProblemRequests.value = false;
    store.view.query.value = 'Available';
    expect(rowLabels(store)).toEqual(['AgentStateChangeSuccess']);
    store.view.query.value = '';
    store.view.category.value = 'hold';
    expect(rowLabels(store)).toEqual([]);
    store.view.category.value = '';
    store.view.pathFilter.value = 'media';
    expect(rowLabels(store)).toEqual([]);
  });

  it('a new state on a live shift appends its row: the rows before keep their identity, the result equals a rebuild', () => {
    // The first state change after http-3 is its (late) result: that changes a request, and rebuilds.
    const flow = withACall().agentState('Idle', 'Idle', 1000);
    const before = flow.frames.length;
    // Then states no request asked for (a supervisor's changes).
    flow.agentState('Available', 'Available', 1000).agentState('Idle', 'Lunch', 1000).keepalive(1000);
    const rebuilt = (configure: (store: PanelStore) => void) => {
      const store = storeWith(flow.frames);
      store.view.selectAgent();
      configure(store);
      return store.select.timelineRows.value.map((r) => [r.seq, label(r)]);
    };
    for (const configure of [
      () => {},
      (store: PanelStore) => (store.view.query.value = 'Available'),
      (store: PanelStore) => (store.view.onlyProblemRequests.value = true),
    ]) {
      const scheduler = new ManualScheduler();
      const store = new PanelStore(scheduler);
      store.events.frames(flow.frames.slice(0, before));
      scheduler.drain();
      store.view.selectAgent();
      configure(store);
      const events = store.select.agentEventList.value;
      const rows = store.select.timelineRows.value;
      for (const frame of flow.frames.slice(before)) {
        store.events.frames([frame]);
        scheduler.drain();
      }
      expect(store.select.agentEventList.value).toHaveLength(events.length + 2);
      // The 24,000 rows of a long shift are not rebuilt for one state: the same objects, one more row.
      expect(store.select.agentEventList.value.slice(0, events.length)).toEqual(events);
      for (const [i, e] of events.entries()) expect(store.select.agentEventList.value[i]).toBe(e);
      const now = store.select.timelineRows.value;
      for (const [i, r] of rows.entries()) expect(now[i]).toBe(r);
      expect(now.map((r) => [r.seq, label(r)])).toEqual(rebuilt(configure));
    }
    // Read after every frame, with a request and its result among the new states: each step
    // (appended or rebuilt) ends equal to a fresh store's rows.
    const mixed = withACall().agentState('Idle', 'Idle', 1000);
    const start = mixed.frames.length;
    mixed
      .agentState('Available', 'Available', 1000)
      .request('http-9', 'PUT', '/v1/agents/session/state', { body: { state: 'Idle' }, after: 500 })
      .response('http-9', 202, { after: 40 })
      .agentState('Idle', 'Break', 200)
      .agentState('Available', 'Available', 1000);
    const scheduler = new ManualScheduler();
    const store = new PanelStore(scheduler);
    store.events.frames(mixed.frames.slice(0, start));
    scheduler.drain();
    store.view.selectAgent();
    for (const frame of mixed.frames.slice(start)) {
      store.events.frames([frame]);
      scheduler.drain();
      const fresh = storeWith(mixed.frames.slice(0, frame.seq));
      fresh.view.selectAgent();
      expect(rowLabels(store), `after #${frame.seq}`).toEqual(rowLabels(fresh));
      expect(store.select.timelineRows.value.map((r) => r.seq)).toEqual(
        fresh.select.timelineRows.value.map((r) => r.seq),
      );
    }
    expect(rowLabels(store).filter((l) => l.startsWith('↗'))).toContain('↗ state-change succeeded');
  });

  it('a frame of an agent event shows it in the Agent entry', () => {
    const flow = beforeAnyCall();
    const store = storeWith(flow.frames);
    const failure = flow.frames.find((f) => f.data?.includes('AgentStateChangeFailed'))!;
    store.view.tab.value = 'frames';
    expect(store.showEventOf(failure.seq)).toBe(true);
    expect([store.view.tab.value, store.view.agentSelected.value, store.select.selectedRowSeq.value]).toEqual([
      'interactions',
      true,
      failure.seq,
    ]);
  });

  it('appears when the first state change arrives in a panel already open, with no request at all', () => {
    const scheduler = new ManualScheduler();
    const store = new PanelStore(scheduler);
    // The panel is shown (its selectors read) before the desktop says anything.
    expect(store.select.agentEntry.value).toBeUndefined();
    expect(store.select.showsAgent.value).toBe(false);
    // Then only the agent's own events: state changes, no request, no interaction.
    store.events.frames(new Flow().agentState('LoggedIn', 'Idle').agentState('Available').frames);
    scheduler.drain();
    expect(store.select.agentEntry.value).toMatchObject({ state: 'Available', requests: 0 });
    expect(store.select.showsAgent.value).toBe(true);
    expect(store.select.timelineRows.value.map(label)).toEqual(['AgentStateChangeSuccess', 'AgentStateChangeSuccess']);
  });

  it('has no Agent entry without an agent state or request', () => {
    const store = storeWith(new Flow().event('AgentContactReserved').frames);
    expect(store.select.agentEntry.value).toBeUndefined();
    expect(store.select.showsAgent.value).toBe(false);
    store.view.clearSelection();
    expect(store.select.selectedTimeline.value?.interactionId).toBe(ID);
  });
});
