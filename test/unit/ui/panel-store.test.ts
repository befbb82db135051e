import { effect } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import type { TimelineEvent } from '../../../src/model';
import {
  APPLY_SLICE_MS,
  FILL_AHEAD_FRAMES,
  FIRST_IN_FLIGHT_FRAMES,
  IN_FLIGHT_FRAMES,
  LIVE_FRAME_MARGIN_MS,
  PanelStore,
  POST_BYTES,
  postRuns,
} from '../../../src/ui/panel-store';
import { BACKLOG_WINDOW } from '../../../src/capture/background/hub';
import { DELTA_MAX_FRAMES } from '../../../src/ui/analysis/analyser';
import { BACKLOG_FRAMES, HELD_SLICE_FRAMES } from '../../../src/ui/store/ingest-queue';
import { Flow, ID } from '../model/flow';
import { inThreadLink, type ModelLink } from '../../../src/ui/analysis/model-link';
import type { SessionReplica } from '../../../src/ui/analysis/session-replica';
import { commandFor } from '../../../src/ui/store/keyboard';
import { scenarioFrames } from '../../support/scenario-frames';
import { ManualScheduler } from './manual-scheduler';

function storeWith(frames: Frame[] = []) {
  const scheduler = new ManualScheduler();
  const store = new PanelStore(scheduler);
  if (frames.length) store.events.frames(frames);
  scheduler.drain();
  return { store, scheduler };
}

/** A backlog: `copies` copies of one call (a consult, conference and wrap-up), each its own interactions. */
function copiesOfACall(copies: number): { frames: Frame[]; ids: string[] } {
  const call = scenarioFrames('consult-conference-wrapup', { keepaliveMs: 50 });
  const ids = [
    ...new Set(call.flatMap((f) => [...(f.data ?? '').matchAll(/"interactionId":"([^"]+)"/g)].map((m) => m[1]!))),
  ];
  const frames: Frame[] = [];
  for (let copy = 0; copy < copies; copy++)
    for (const f of call) {
      let data = f.data;
      for (const id of ids) data = data?.replaceAll(id, `${id}-${copy}`);
      frames.push({ ...f, seq: frames.length + 1, data });
    }
  return { frames, ids };
}

const names = (store: PanelStore) => store.select.visibleEvents.value.map((e) => e.name);

describe('PanelStore', () => {
  it('shows the newest interaction and its latest event until the reader picks', () => {
    const { store } = storeWith(scenarioFrames('consult-conference-wrapup'));
    const rows = store.select.rows.value;
    expect(rows.length).toBeGreaterThan(0);
    expect(store.select.selectedInteractionId.value).toBe(rows[0]!.interactionId);
    const timeline = store.select.selectedTimeline.value!;
    expect(store.select.selectedEventSeq.value).toBe(timeline.events.at(-1)!.seq);
    const first = timeline.events[0]!;
    store.view.selectedSeq.value = first.seq;
    expect(store.select.selectedEvent.value).toBe(first);
    const detail = store.select.eventDetail.value;
    expect('none' in detail ? undefined : detail.event).toBe(first);
    expect(store.select.diff.value?.caption).toBe('The first snapshot of this interaction: see Snapshot');
  });

  it('compares the selected event with the one picked, and with its previous snapshot when the one picked is itself', () => {
    const { store } = storeWith(scenarioFrames('consult-conference-wrapup'));
    const timeline = store.select.selectedTimeline.value!;
    const [a, b] = timeline.events.filter((e) => e.snapshot !== undefined).slice(-3);
    store.view.selectedSeq.value = b!.seq;
    store.view.compareSeq.value = a!.seq;
    const picked = store.select.eventDetail.value;
    expect('none' in picked ? undefined : picked.against).toBe(a);
    expect(store.select.diff.value?.caption).toBe(`From #${a!.seq} ${a!.name} to #${b!.seq} ${b!.name}`);
    // The reader selects the event they picked: it is not among its own choices, nor compared with itself.
    store.view.selectedSeq.value = a!.seq;
    const itself = store.select.eventDetail.value;
    expect('none' in itself ? undefined : itself.against).toBeUndefined();
    expect(store.select.diff.value?.caption).toBe(`Changes of #${a!.seq} against the previous snapshot`);
  });

  it('filters the timeline by text, /regex/, category, path and anomalies; compiles the query once', () => {
    const { store } = storeWith(scenarioFrames('recording-pause-resume'));
    expect(names(store)).toHaveLength(10);
    store.view.query.value = 'isHold';
    expect(names(store)).toEqual(['AgentContactHeld', 'AgentContactUnheld']);
    const compiled = store.select.query.value;
    store.view.category.value = 'hold'; // another filter: the query is not compiled again
    expect(store.select.query.value).toBe(compiled);
    store.view.query.value = '/^ContactRecording(Paused|Resumed)$/';
    store.view.category.value = '';
    expect(names(store)).toEqual(['ContactRecordingPaused', 'ContactRecordingResumed']);
    store.view.query.value = '/[unclosed/';
    expect(store.select.queryError.value).toMatch(/Invalid regular expression/);
    store.view.query.value = '';
    store.view.pathFilter.value = 'recordInProgress';
    expect(names(store)).toEqual(['ContactRecordingPaused', 'ContactRecordingResumed']);
    store.view.pathFilter.value = '';
    store.view.onlyAnomalies.value = true;
    expect(names(store)).toEqual([]);
  });

  it('walks the visible events and the interactions with the keyboard commands', () => {
    const { store } = storeWith(scenarioFrames('consult-conference-wrapup'));
    const events = store.select.visibleEvents.value;
    store.view.selectedSeq.value = events[1]!.seq;
    store.run(
      commandFor({ key: 'ArrowDown', ctrl: false, meta: false, alt: false, where: 'timeline', tab: 'interactions' }),
    );
    expect(store.select.selectedEventSeq.value).toBe(events[2]!.seq);
    store.run(commandFor({ key: 'k', ctrl: false, meta: false, alt: false, where: 'timeline', tab: 'interactions' }));
    store.run(commandFor({ key: 'k', ctrl: false, meta: false, alt: false, where: 'timeline', tab: 'interactions' }));
    store.run(commandFor({ key: 'k', ctrl: false, meta: false, alt: false, where: 'timeline', tab: 'interactions' }));
    expect(store.select.selectedEventSeq.value).toBe(events[0]!.seq); // stops at the first
    const rows = store.select.rows.value;
    if (rows.length > 1) {
      store.moveInteraction(1);
      expect(store.select.selectedInteractionId.value).toBe(rows[1]!.interactionId);
      store.moveInteraction(-1);
      expect(store.select.selectedInteractionId.value).toBe(rows[0]!.interactionId);
    }
    // Typing in the search box is never a command.
    expect(
      commandFor({ key: 'j', ctrl: false, meta: false, alt: false, where: 'text-input', tab: 'interactions' }).type,
    ).toBe('none');
  });

  it('pauses the view while frames keep coming, and shows them all on resume', () => {
    const all = scenarioFrames('inbound-hold-resume');
    const { store, scheduler } = storeWith(all.slice(0, 5));
    store.togglePause();
    expect(store.paused.value).toBe(true);
    store.events.frames(all.slice(5));
    scheduler.drain();
    expect(store.waiting.value).toEqual({ newer: all.length - 5, older: 0, fillIn: false });
    expect(store.select.pauseStatus.value?.text).toBe(`Paused — ${all.length - 5} new frames waiting`);
    expect(store.select.counters.value.frames).toBe(5);
    store.togglePause();
    scheduler.drain();
    expect(store.paused.value).toBe(false);
    expect(store.waiting.value).toEqual({ newer: 0, older: 0, fillIn: false });
    expect(store.select.pauseStatus.value).toBeUndefined();
    expect(store.select.counters.value.frames).toBe(all.length);
    expect(store.frames().map((f) => f.seq)).toEqual(all.map((f) => f.seq));
  });

  it('clears: no frames, no interaction, no selection; the next frames start afresh', () => {
    const all = scenarioFrames('inbound-hold-resume');
    const { store, scheduler } = storeWith(all);
    store.view.select(store.select.rows.value[0]!.interactionId, all[10]!.seq);
    store.events.cleared(all.length + 1);
    scheduler.drain();
    expect(store.select.rows.value).toEqual([]);
    expect(store.select.selectedTimeline.value).toBeUndefined();
    expect(store.view.selectedSeq.value).toBeNull();
    expect(store.select.counters.value.frames).toBe(0);
    store.events.frames(all.map((f) => ({ ...f, seq: f.seq + all.length })));
    scheduler.drain();
    expect(store.select.rows.value).toHaveLength(1);
    expect(store.select.counters.value.gaps).toBe(0);
  });

  it('takes a burst of 20,000 frames in slices and repaints a bounded number of times', () => {
    const burst = scenarioFrames('consult-conference-wrapup', { keepaliveMs: 50 });
    const frames: Frame[] = [];
    while (frames.length < 20_000) {
      for (const f of burst) if (frames.length < 20_000) frames.push({ ...f, seq: frames.length + 1 });
    }
    const { store, scheduler } = storeWith();
    let statusRenders = 0;
    const stop = effect(() => {
      store.select.status.value;
      statusRenders++;
    });
    scheduler.costPerRead = 0.05;
    store.events.frames(frames);
    let rounds = 0;
    while (scheduler.deferred.length || scheduler.frames.length || scheduler.timers.length) {
      scheduler.drain();
      rounds++;
    }
    stop();
    expect(rounds).toBe(1);
    expect(store.select.counters.value.frames).toBe(20_000);
    expect(store.analysing.value).toBe(0);
    expect(store.session.counters.total).toBe(20_000);
    // Every repaint is one batch: the status line changed far fewer times than frames arrived.
    expect(statusRenders).toBeLessThan(200);
  });

  it('applies the analysis’ deltas in short tasks, in order: the same replica as applied at once', () => {
    const burst = scenarioFrames('consult-conference-wrapup', { keepaliveMs: 50 });
    const frames: Frame[] = [];
    while (frames.length < 6_000) {
      for (const f of burst) if (frames.length < 6_000) frames.push({ ...f, seq: frames.length + 1 });
    }
    const atOnce = storeWith(frames).store;
    // Every clock read costs a whole apply slice: each task applies exactly one delta.
    const { store, scheduler } = storeWith();
    scheduler.costPerRead = APPLY_SLICE_MS;
    store.events.frames(frames);
    let applyTasks = 0;
    let paints = 0;
    // Tasks, paints and timers interleaved as in a browser: the view repaints while deltas wait.
    for (
      let i = 0;
      i < 100_000 && (scheduler.deferred.length || scheduler.frames.length || scheduler.timers.length);
      i++
    ) {
      applyTasks += scheduler.runDeferred();
      if (scheduler.paint()) {
        paints++;
        // Nothing shown as done before the replica has it: a waiting delta counts as analysing.
        if (store.analysing.value === 0) expect(store.frameInfo.size).toBe(frames.length);
      }
      scheduler.advance(16);
    }
    expect(paints).toBeGreaterThan(1);
    expect(applyTasks).toBeGreaterThan(Math.ceil(frames.length / DELTA_MAX_FRAMES));
    expect(store.analysing.value).toBe(0);
    expect([...store.session.interactions.keys()]).toEqual([...atOnce.session.interactions.keys()]);
    // What the panel reads of each event (its texts lie elsewhere in deltas split elsewhere).
    const read = (e: TimelineEvent) => [e.seq, e.t, e.name, e.info, e.data, e.flags, e.marks, e.changes, e.snapshot];
    for (const [id, timeline] of atOnce.session.interactions)
      expect(store.session.interactions.get(id)!.events.map(read)).toEqual(timeline.events.map(read));
    expect(store.session.anomalies).toEqual(atOnce.session.anomalies);
    expect(store.session.counters).toEqual(atOnce.session.counters);
    expect(new Map(store.frameInfo)).toEqual(new Map(atOnce.frameInfo));
    expect(store.select.rows.value).toEqual(atOnce.select.rows.value);
  });

  it('hands frames to the analysis in messages of at most POST_BYTES of payload, each frame once, in order', () => {
    const { frames } = copiesOfACall(200);
    const scheduler = new ManualScheduler();
    const analysis = inThreadLink(scheduler);
    const sent: Frame[][] = [];
    const link: ModelLink = {
      post: (message) => {
        if (message.type === 'frames') sent.push(message.frames);
        analysis.post(message);
      },
      onMessage: () => {},
      onFailure: () => {},
    };
    analysis.onMessage = (read) => link.onMessage(read);
    const store = new PanelStore(scheduler, link);
    store.events.frames(frames);
    scheduler.drain();
    const bytes = (run: Frame[]) => run.reduce((sum, f) => sum + f.size, 0);
    expect(bytes(frames)).toBeGreaterThan(4 * POST_BYTES);
    expect(sent.length).toBeGreaterThan(4);
    for (const run of sent) expect(run.length === 1 || bytes(run) <= POST_BYTES).toBe(true);
    expect(sent.flat().map((f) => f.seq)).toEqual(frames.map((f) => f.seq));
    const atOnce = storeWith(frames).store;
    expect(store.select.rows.value).toEqual(atOnce.select.rows.value);
  });

  it('cuts a run of frames by payload, never splitting a frame, one frame bigger than the limit alone', () => {
    const sized = (...sizes: number[]) => sizes.map((size, i) => ({ seq: i + 1, size }) as Frame);
    const seqs = (runs: Frame[][]) => runs.map((run) => run.map((f) => f.seq));
    expect(seqs(postRuns(sized(4, 4, 4, 4), 8))).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(seqs(postRuns(sized(3, 20, 3, 3, 3), 8))).toEqual([[1], [2], [3, 4], [5]]);
    expect(postRuns([], 8)).toEqual([]);
    const one = sized(1, 1, 1);
    expect(postRuns(one, 8)[0]).toBe(one);
  });

  it('reads each message of the analysis once, in order, only when applying it; hands it frames only for what was applied', () => {
    const { frames } = copiesOfACall(80);
    const scheduler = new ManualScheduler();
    scheduler.costPerRead = 0.5;
    const analysis = inThreadLink(scheduler);
    let posted = 0;
    // Per message that arrived: how many times it was read.
    const messages: { read: number }[] = [];
    let readSoFar = 0;
    let inFlightMax = 0;
    const link: ModelLink = {
      post: (message) => {
        if (message.type === 'frames') posted += message.frames.length;
        analysis.post(message);
      },
      onMessage: () => {},
      onFailure: () => {},
    };
    analysis.onMessage = (read) => {
      const entry = { read: 0 };
      const index = messages.push(entry) - 1;
      link.onMessage(() => {
        entry.read++;
        // Read in arrival order: every message before it was read first.
        expect(index).toBe(readSoFar++);
        return read();
      });
    };
    const store = new PanelStore(scheduler, link);
    store.events.frames(frames);
    let waitingMax = 0;
    for (
      let i = 0;
      i < 100_000 && (scheduler.deferred.length || scheduler.frames.length || scheduler.timers.length);
      i++
    ) {
      scheduler.runDeferred();
      scheduler.paint();
      scheduler.advance(16);
      inFlightMax = Math.max(inFlightMax, posted - (frames.length - store.analysing.value));
      waitingMax = Math.max(waitingMax, messages.filter((m) => m.read === 0).length);
    }
    expect(store.analysing.value).toBe(0);
    expect(messages.length).toBeGreaterThan(10);
    expect(messages.every((m) => m.read === 1)).toBe(true);
    // Messages did wait for their turn unread, and what waits is bounded by the frames in flight.
    expect(waitingMax).toBeGreaterThan(0);
    expect(inFlightMax).toBeLessThanOrEqual(IN_FLIGHT_FRAMES);
    // The same replica as the analysis on this thread, applied at once.
    const { store: direct } = storeWith(frames);
    expect(store.select.rows.value.map((r) => r.interactionId)).toEqual(
      direct.select.rows.value.map((r) => r.interactionId),
    );
    expect(store.session.counters).toEqual(direct.session.counters);
  });

  it("hands a file's first frames to the analysis in the load itself, few until its first interactions are shown", () => {
    const { frames } = copiesOfACall(80);
    expect(frames.length).toBeGreaterThan(4 * FIRST_IN_FLIGHT_FRAMES);
    const scheduler = new ManualScheduler();
    const analysis = inThreadLink(scheduler);
    const posts: number[] = [];
    const link: ModelLink = {
      post: (message) => {
        if (message.type === 'frames') posts.push(message.frames.length);
        analysis.post(message);
      },
      onMessage: () => {},
      onFailure: () => {},
    };
    analysis.onMessage = (read) => link.onMessage(read);
    const store = new PanelStore(scheduler, link);
    store.loadFrames(frames, 'big.json');
    // Before any slice, repaint or timer ran: the analysis has its first frames, and only those.
    const first = posts.reduce((a, b) => a + b, 0);
    expect(first).toBe(FIRST_IN_FLIGHT_FRAMES);
    // Until the first interactions are applied, no more is copied to the analysis.
    let shownAt = -1;
    for (
      let i = 0;
      i < 100_000 && (scheduler.deferred.length || scheduler.frames.length || scheduler.timers.length);
      i++
    ) {
      const before = posts.reduce((a, b) => a + b, 0);
      scheduler.runDeferred();
      scheduler.paint();
      scheduler.advance(16);
      if (shownAt < 0 && store.select.rows.value.length > 0) shownAt = before;
    }
    expect(shownAt).toBeGreaterThan(0);
    expect(shownAt).toBeLessThanOrEqual(2 * FIRST_IN_FLIGHT_FRAMES);
    // Then the whole capture went through, in order, as when it streams in.
    expect(posts.reduce((a, b) => a + b, 0)).toBe(frames.length);
    const { store: direct } = storeWith(frames);
    expect(store.select.rows.value.map((r) => r.interactionId)).toEqual(
      direct.select.rows.value.map((r) => r.interactionId),
    );
    expect(store.session.counters).toEqual(direct.session.counters);
  });

  it('holds the interaction shown without a pick while a backlog is analysed, then shows the newest', () => {
    const { frames, ids } = copiesOfACall(80);
    expect(frames.length).toBeGreaterThan(2 * BACKLOG_FRAMES);
    const { store, scheduler } = storeWith();
    scheduler.costPerRead = 0.5;
    store.events.frames(frames);
    const shown = new Set<string>();
    const newestDuring = new Set<string>();
    for (
      let i = 0;
      i < 100_000 && (scheduler.deferred.length || scheduler.frames.length || scheduler.timers.length);
      i++
    ) {
      scheduler.runDeferred();
      if (scheduler.paint() && store.analysing.value > BACKLOG_FRAMES) {
        const id = store.select.selectedInteractionId.value;
        if (id) shown.add(id);
        newestDuring.add(store.select.rows.value[0]?.interactionId ?? '');
      }
      scheduler.advance(16);
    }
    // The list's first moved while the backlog was analysed; the interaction shown did not.
    expect(newestDuring.size).toBeGreaterThan(1);
    expect(shown.size).toBe(1);
    // Done: the newest is shown, as without a backlog.
    expect(store.analysing.value).toBe(0);
    expect(store.select.selectedInteractionId.value).toBe(store.select.rows.value[0]!.interactionId);
    expect(store.select.rows.value).toHaveLength(80 * ids.length);
  });

  it('keeps the row the reader clicked in the held interaction when the backlog is done', () => {
    const { frames } = copiesOfACall(80);
    const { store, scheduler } = storeWith();
    scheduler.costPerRead = 0.5;
    store.events.frames(frames);
    let clicked: { id: string; seq: number } | undefined;
    for (
      let i = 0;
      i < 100_000 && (scheduler.deferred.length || scheduler.frames.length || scheduler.timers.length);
      i++
    ) {
      scheduler.runDeferred();
      if (scheduler.paint() && !clicked && store.analysing.value > BACKLOG_FRAMES) {
        const timeline = store.select.selectedTimeline.value;
        if (timeline?.events.length) {
          // The reader clicks the first event of the timeline shown (as the Timeline's rows do).
          clicked = { id: timeline.interactionId, seq: timeline.events[0]!.seq };
          store.view.selectedSeq.value = clicked.seq;
        }
      }
      scheduler.advance(16);
    }
    expect(clicked).toBeDefined();
    expect(store.analysing.value).toBe(0);
    expect(store.select.rows.value[0]!.interactionId).not.toBe(clicked!.id);
    // What the reader was reading stays on screen: the interaction and the row they clicked.
    expect(store.select.selectedInteractionId.value).toBe(clicked!.id);
    expect(store.select.selectedRowSeq.value).toBe(clicked!.seq);
  });

  it('an agent request the reader clicked on the shown interaction’s lane keeps that interaction shown when the next arrives', () => {
    const other = 'c0ffee00-0000-4000-8000-0000000000b2';
    const flow = new Flow()
      .event('AgentContactReserved')
      .event('AgentContactAssigned')
      .request('http-1', 'PUT', '/v1/agents/session/state', { body: { state: 'Idle' } })
      .response('http-1', 202);
    const { store, scheduler } = storeWith(flow.frames);
    expect(store.select.selectedInteractionId.value).toBe(ID);
    const agentRequest = flow.frames.at(-2)!.seq;
    // A click on the bar in the Agent req. lane (as LaneChart does).
    store.view.selectedSeq.value = agentRequest;
    expect(store.select.selectedRequest.value?.operation).toBe('state-change');
    const next = new Flow({ welcome: false }).event('AgentContactReserved', { interactionId: other });
    const last = flow.frames.at(-1)!;
    store.events.frames(next.frames.map((f, i) => ({ ...f, seq: last.seq + 1 + i, t: last.t + 1000 + i })));
    scheduler.drain();
    expect(store.session.interactions.has(other)).toBe(true);
    expect([store.select.selectedInteractionId.value, store.select.selectedRequest.value?.seq]).toEqual([
      ID,
      agentRequest,
    ]);
  });

  it('drops the deltas still waiting to be applied when the capture is cleared', () => {
    const burst = scenarioFrames('consult-conference-wrapup', { keepaliveMs: 50 });
    const frames: Frame[] = [];
    while (frames.length < 3_000) {
      for (const f of burst) if (frames.length < 3_000) frames.push({ ...f, seq: frames.length + 1 });
    }
    const { store, scheduler } = storeWith();
    scheduler.costPerRead = APPLY_SLICE_MS;
    store.events.frames(frames);
    // Run until some deltas were applied and more wait, then clear.
    for (let i = 0; i < 1000 && store.session.counters.total === 0; i++) scheduler.runDeferred();
    expect(store.session.counters.total).toBeGreaterThan(0);
    expect(store.session.counters.total).toBeLessThan(frames.length);
    store.events.cleared(frames.at(-1)!.seq + 1);
    scheduler.drain();
    expect(store.session.counters.total).toBe(0);
    expect(store.session.interactions.size).toBe(0);
    expect(store.analysing.value).toBe(0);
    // The next capture is analysed and applied whole.
    const next = frames.map((f, i) => ({ ...f, seq: frames.at(-1)!.seq + 1 + i }));
    store.events.frames(next);
    scheduler.drain();
    expect(store.session.counters.total).toBe(next.length);
  });

  it('keeps a selector identical while what it describes is unchanged (narrow redraws)', () => {
    const all = scenarioFrames('inbound-hold-resume');
    const { store, scheduler } = storeWith(all);
    const rows = store.select.rows.value;
    const events = store.select.visibleEvents.value;
    const groups = store.select.anomalyGroups.value;
    // A keepalive changes neither the list, nor the timeline, nor the anomalies.
    const last = all.at(-1)!;
    store.events.frames([{ ...last, seq: last.seq + 1, data: '{"keepalive":"true"}', size: 20 }]);
    scheduler.drain();
    expect(store.select.counters.value.frames).toBe(all.length + 1);
    expect(store.select.rows.value).toBe(rows);
    expect(store.select.visibleEvents.value).toBe(events);
    expect(store.select.anomalyGroups.value).toBe(groups);
  });

  it('Preserve log (off by default): a live page load starts the view afresh; on, it keeps what came before', () => {
    const all = scenarioFrames('inbound-hold-resume');
    const navigation = (seq: number): Frame => ({
      seq,
      t: all.at(-1)!.t + 1,
      socket: '',
      dir: 'meta',
      kind: 'navigation',
      data: 'http://desktop/',
      size: 0,
    });
    const off = storeWith(all);
    off.store.events.connection('live'); // the backlog is in: from now on a page load is live
    off.store.view.preserve.value = false;
    off.store.events.frames([navigation(all.length + 1)]);
    off.scheduler.drain();
    expect(off.store.select.counters.value.frames).toBe(1);
    expect(off.store.select.rows.value).toEqual([]);

    expect(storeWith().store.view.preserve.value).toBe(false);
    // The backlog a panel gets when it opens is shown whole, page loads and all.
    const opening = storeWith([...all, navigation(all.length + 1)]);
    expect(opening.store.select.counters.value.frames).toBe(all.length + 1);

    const on = storeWith(all);
    on.store.events.connection('live');
    on.store.view.preserve.value = true;
    on.store.events.frames([navigation(all.length + 1)]);
    on.scheduler.drain();
    expect(on.store.select.counters.value.frames).toBe(all.length + 1);
  });

  it('a page load while paused (Preserve log off): on resume the view starts at it and shows every frame after it, however many slices they take', () => {
    const { frames } = copiesOfACall(Math.ceil((2.5 * HELD_SLICE_FRAMES) / 190));
    const at = Math.floor(1.5 * HELD_SLICE_FRAMES);
    const load: Frame = {
      seq: frames[at]!.seq,
      t: frames[at]!.t,
      socket: '',
      dir: 'meta',
      kind: 'navigation',
      data: 'http://desktop/',
      size: 0,
    };
    const all = [...frames.slice(0, at), load, ...frames.slice(at + 1)];
    const { store, scheduler } = storeWith(all.slice(0, 10));
    store.events.connection('live');
    store.togglePause();
    for (let i = 10; i < all.length; i += 100) store.events.frames(all.slice(i, i + 100));
    scheduler.drain();
    expect(store.frames()).toEqual(all.slice(0, 10));
    store.togglePause();
    // More arrive live while the held ones go on: behind them, kept too.
    const later = { ...all.at(-1)!, seq: all.length + 1 };
    store.events.frames([later]);
    scheduler.drain();
    expect(store.frames()).toEqual([...all.slice(at), later]);
    expect(store.analysing.value).toBe(0);
  });

  it('a pause during a fill-in: the backlog is shown whole on resume, page loads and all, as without the pause', () => {
    const all = scenarioFrames('inbound-hold-resume');
    const load: Frame = {
      seq: 6,
      t: all[5]!.t,
      socket: '',
      dir: 'meta',
      kind: 'navigation',
      data: 'http://desktop/',
      size: 0,
    };
    const frames = [...all.slice(0, 5), load, ...all.slice(6)];
    const { store, scheduler } = storeWith();
    store.events.tail(frames.slice(-3));
    scheduler.drain();
    store.togglePause();
    store.events.frames(frames.slice(0, -3));
    store.events.connection('live');
    scheduler.drain();
    // Paused: the view stays as it was, the older frames still on their way (not a gap).
    expect(store.frames()).toEqual(frames.slice(-3));
    expect(store.log.rows[0]).toMatchObject({ type: 'loading' });
    store.togglePause();
    scheduler.drain();
    expect(store.frames()).toEqual(frames);
    expect(store.log.rows.some((r) => 'type' in r)).toBe(false);
    expect(store.analysing.value).toBe(0);
    const { store: inOrder } = storeWith(frames);
    expect(store.session.counters).toEqual(inOrder.session.counters);
  });

  it('a file: everything analysed, end-of-capture checks run, the clock stands at the last frame', () => {
    const all = scenarioFrames('reconnect-hydrate');
    const { store, scheduler } = storeWith();
    store.loadFrames(all, 'x.wxcc.json');
    scheduler.drain();
    expect(store.live.value).toBe(false);
    expect(store.now.value).toBe(all.at(-1)!.t);
    expect(store.select.status.value.live).toBe(false);
    expect(store.select.counters.value.frames).toBe(all.length);
  });
  it("keeps how many of a HAR's entries gave no frame while that file is shown; the next file or Close forgets it", () => {
    const { store, scheduler } = storeWith();
    store.loadFrames(scenarioFrames('reconnect-hydrate'), 'page.har', 1204, { leftOut: 1204, unreadableCalls: 1 });
    scheduler.drain();
    expect(store.fileLeftOut.value).toBe(1204);
    expect(store.fileFromHar.value).toEqual({ leftOut: 1204, unreadableCalls: 1 });
    store.loadFrames(scenarioFrames('reconnect-hydrate'), 'x.wxcc.json');
    expect(store.fileLeftOut.value).toBe(0);
    expect(store.fileFromHar.value).toEqual({ leftOut: 0, unreadableCalls: 0 });
    store.loadFrames(scenarioFrames('reconnect-hydrate'), 'page.har', 2, { leftOut: 2, unreadableCalls: 0 });
    store.closeFile();
    scheduler.drain();
    expect(store.fileLeftOut.value).toBe(0);
    expect(store.fileFromHar.value).toEqual({ leftOut: 0, unreadableCalls: 0 });
    expect(store.fileName.value).toBeUndefined();
    expect(store.select.counters.value.frames).toBe(0);
  });
  it('drops frames the hub shed from the log and the frame names, and keeps the model whole', () => {
    const frames = scenarioFrames('consult-conference-wrapup');
    const { store, scheduler } = storeWith(frames);
    const interactions = store.select.rows.value.length;
    const events = store.select.selectedTimeline.value!.events.length;
    const cut = frames[Math.floor(frames.length / 2)]!.seq;
    store.view.frameSeq.value = frames[1]!.seq;
    const firstEvent = store.select.selectedTimeline.value!.events[0]!;
    store.events.shed({ firstSeq: cut, reason: 'budget' });
    scheduler.drain();
    expect(store.frames()[0]!.seq).toBe(cut);
    expect(store.frameInfo.has(frames[0]!.seq)).toBe(false);
    expect(store.frameInfo.has(cut)).toBe(true);
    expect(store.select.frameRows.value.length).toBe(store.log.rows.length);
    expect(store.log.rows[0]).toMatchObject({ type: 'shed', frames: cut - frames[0]!.seq });
    // A shed frame selected: nothing to show, no crash; the model still knows every interaction.
    expect(store.select.selectedFrame.value).toBeUndefined();
    expect(store.select.rows.value.length).toBe(interactions);
    expect(store.select.selectedTimeline.value!.events.length).toBe(events);
    store.view.selectedSeq.value = firstEvent.seq;
    store.view.detailsTab.value = 'raw';
    const detail = store.select.eventDetail.value;
    expect('none' in detail ? undefined : [detail.shed, detail.data]).toEqual([firstEvent.seq < cut, undefined]);
    // The snapshots of events before the cut are let go, all but each interaction's latest; the
    // changes, flags and names stay.
    for (const timeline of store.session.interactions.values()) {
      for (const event of timeline.events) {
        if (event.seq >= cut) expect(event.released).toBeUndefined();
        else if (event.released) expect(event.snapshot).toBeUndefined();
        else expect(event.snapshot === undefined || event.snapshot === timeline.snapshot).toBe(true);
      }
      expect(timeline.snapshot).toBeDefined();
    }
    const released = [...store.session.interactions.values()].flatMap((t) => t.events).filter((e) => e.released);
    expect(released.length).toBeGreaterThan(0);
    expect(released.some((e) => e.changes.length > 0)).toBe(true);
    // Nothing left to release, in the panel's replica as in the worker's session.
    expect((store.session as SessionReplica).releaseSnapshotsBefore(cut)).toBe(0);
    store.view.selectedSeq.value = released.find((e) => e.changes.length > 0)!.seq;
    store.view.detailsTab.value = 'diff';
    expect(store.select.diff.value?.changes.length).toBeGreaterThan(0);
  });

  it('analyses a frame shed before its turn but keeps no frame name for it', () => {
    const frames = scenarioFrames('recording-pause-resume');
    const scheduler = new ManualScheduler();
    const store = new PanelStore(scheduler);
    store.events.frames(frames);
    store.events.shed({ firstSeq: frames[3]!.seq, reason: 'budget' });
    scheduler.drain();
    expect(store.session.counters.total).toBe(frames.length);
    expect([...store.frameInfo.keys()].every((seq) => seq >= frames[3]!.seq)).toBe(true);
    expect(store.frameInfo.size).toBe(frames.length - 3);
  });
  it('shows the newest frames first, analyses in seq order once the older ones are in, and counts what waits', () => {
    const frames = scenarioFrames('consult-conference-wrapup');
    const scheduler = new ManualScheduler();
    // What the model reads, in order: the frames handed to the analysis.
    const order: number[] = [];
    const analysis = inThreadLink(scheduler);
    const link: ModelLink = {
      post: (message) => {
        if (message.type === 'frames') for (const frame of message.frames) order.push(frame.seq);
        analysis.post(message);
      },
      onMessage: () => {},
      onFailure: () => {},
    };
    analysis.onMessage = (read) => link.onMessage(read);
    const store = new PanelStore(scheduler, link);
    const cut = frames.length - 5;
    store.events.tail(frames.slice(cut));
    scheduler.drain();
    expect(store.frames().map((f) => f.seq)).toEqual(frames.slice(cut).map((f) => f.seq));
    expect(store.log.rows[0]).toMatchObject({ type: 'loading' });
    expect(store.analysing.value).toBe(5);
    expect(order).toEqual([]);
    store.events.frames(frames.slice(0, 6));
    scheduler.drain();
    expect(order).toEqual(frames.slice(0, 6).map((f) => f.seq));
    store.events.frames(frames.slice(6, cut));
    store.events.connection('live');
    scheduler.drain();
    expect(order).toEqual(frames.map((f) => f.seq));
    expect(store.frames()).toEqual(frames);
    expect(store.log.rows.some((r) => 'type' in r)).toBe(false);
    expect(store.analysing.value).toBe(0);
    // The same session as when the frames came oldest first.
    const { store: inOrder } = storeWith(frames);
    expect(store.select.rows.value.map((r) => r.interactionId)).toEqual(
      inOrder.select.rows.value.map((r) => r.interactionId),
    );
    expect(store.loadedAt.value).toEqual(inOrder.loadedAt.value);
  });

  it('asks the hub for the next older backlog message only while the analysis has fewer than FILL_AHEAD_FRAMES waiting', () => {
    const { frames } = copiesOfACall(
      Math.ceil((FILL_AHEAD_FRAMES + 100) / scenarioFrames('consult-conference-wrapup').length),
    );
    const scheduler = new ManualScheduler();
    const store = new PanelStore(scheduler);
    const cut = frames.length - 20;
    store.events.tail(frames.slice(cut));
    scheduler.drain();
    let asked = 0;
    // A small message: the analysis has room, the answer goes at once.
    store.events.frames(frames.slice(0, 10));
    store.events.backlogTaken((): void => void asked++);
    expect(asked).toBe(1);
    // A big one: held until the analysis caught up, then sent (once per message taken).
    store.events.frames(frames.slice(10, 10 + FILL_AHEAD_FRAMES));
    store.events.backlogTaken((): void => void asked++);
    store.events.backlogTaken((): void => void asked++);
    expect(asked).toBe(1);
    scheduler.drain();
    expect(asked).toBe(3);
    store.events.frames(frames.slice(10 + FILL_AHEAD_FRAMES, cut));
    store.events.connection('live');
    scheduler.drain();
    expect(store.frames()).toEqual(frames);
    expect(store.analysing.value).toBe(0);
  });

  it("a pause during a paced fill-in: the hub is answered meanwhile; on resume the held frames go on in slices at the analysis' pace, answers keep coming, none lost, order kept", () => {
    const { frames } = copiesOfACall(Math.ceil((3.5 * HELD_SLICE_FRAMES) / 190));
    const scheduler = new ManualScheduler();
    const store = new PanelStore(scheduler);
    const cut = frames.length - 20;
    store.events.tail(frames.slice(cut));
    scheduler.drain();
    // The hub, paced: each answer lets one more backlog message (100 frames) go, in a task of its own.
    const MESSAGE = 100;
    let sent = 0;
    let answers = 0;
    let due = 0;
    const deliver = () => {
      if (sent >= cut) return;
      store.events.frames(frames.slice(sent, Math.min(cut, sent + MESSAGE)));
      sent = Math.min(cut, sent + MESSAGE);
      store.events.backlogTaken(() => {
        answers++;
        due++;
      });
    };
    deliver();
    scheduler.drain();
    store.togglePause();
    // Paused: nothing is analysed, so nothing to wait for; each message is answered as it is
    // taken (the hub must not give up pacing, nor hold the tab's queue, for a paused panel).
    while (sent < 2.5 * HELD_SLICE_FRAMES) {
      const before = answers;
      deliver();
      expect(answers).toBe(before + 1);
    }
    // The hub's window is full again: its next messages are on their way.
    due = BACKLOG_WINDOW;
    scheduler.drain();
    const logged = store.log.frames.length;
    // Older frames of the fill-in, none newer than the tail: the fill-in waits too.
    expect(store.waiting.value).toEqual({ newer: 0, older: sent - MESSAGE, fillIn: true });
    expect(store.select.pauseStatus.value?.text).toBe(
      `Paused — ${sent - MESSAGE} older frames waiting; fill-in on hold`,
    );
    // Resume (a click: one task), then every task one at a time, the hub delivering as answered.
    const analysed = () => store.frameInfo.size;
    let mostPerTask = 0;
    let mostBetweenAnswers = 0;
    let sinceAnswer = analysed();
    const step = (task: () => void) => {
      const before = store.log.frames.length;
      const answered = answers;
      task();
      mostPerTask = Math.max(mostPerTask, store.log.frames.length - before);
      if (answers > answered) {
        mostBetweenAnswers = Math.max(mostBetweenAnswers, analysed() - sinceAnswer);
        sinceAnswer = analysed();
      }
    };
    step(() => store.togglePause());
    expect(store.paused.value).toBe(false);
    for (let i = 0; i < 100_000; i++) {
      if (due > 0) {
        due--;
        step(deliver);
      } else if (scheduler.deferred.length) step(() => scheduler.deferred.shift()!());
      else if (scheduler.frames.length) step(() => scheduler.paint());
      else if (scheduler.timers.length) step(() => scheduler.advance(1_000));
      else break;
    }
    expect(sent).toBe(cut);
    // No task took more than a slice of the held frames into the log.
    expect(store.log.frames.length).toBeGreaterThan(logged + HELD_SLICE_FRAMES);
    expect(mostPerTask).toBeLessThanOrEqual(HELD_SLICE_FRAMES);
    // The hub was answered while the held frames were analysed, not only once they all were.
    expect(mostBetweenAnswers).toBeLessThanOrEqual(HELD_SLICE_FRAMES + FILL_AHEAD_FRAMES + MESSAGE);
    store.events.connection('live');
    scheduler.drain();
    expect(store.frames()).toEqual(frames);
    expect(store.waiting.value).toEqual({ newer: 0, older: 0, fillIn: false });
    expect(store.analysing.value).toBe(0);
    const { store: inOrder } = storeWith(frames);
    expect(store.select.rows.value.map((r) => r.interactionId)).toEqual(
      inOrder.select.rows.value.map((r) => r.interactionId),
    );
    expect(store.session.counters).toEqual(inOrder.session.counters);
  });

  it('a live capture times a request out on the clock tick, with no frame arriving (a file does not)', () => {
    const flow = new Flow().request('http-1', 'POST', `/v1/tasks/${ID}/hold`).response('http-1', 202);
    const sent = flow.frames.find((f) => f.kind === 'request')!;
    const { store, scheduler } = storeWith(flow.frames);
    const outcome = () => store.session.requests.correlator.get('http-1')!.outcome;
    const revision = store.sessionRevision.value;
    // The model's clock stays LIVE_FRAME_MARGIN_MS behind the wall clock, for frames in flight.
    store.tick(sent.t + 20_000 + LIVE_FRAME_MARGIN_MS);
    scheduler.drain();
    expect([outcome(), store.sessionRevision.value]).toEqual(['pending', revision]);
    store.tick(sent.t + 20_001 + LIVE_FRAME_MARGIN_MS);
    scheduler.drain();
    expect(outcome()).toBe('timed-out');
    expect(store.sessionRevision.value).toBe(revision + 1);
    expect(store.session.anomalies.map((a) => a.rule)).toContain('request-timed-out');

    // A file's clock stands at its last frame: what it ended on stays unresolved.
    const fileScheduler = new ManualScheduler();
    const file = new PanelStore(fileScheduler);
    file.loadFrames(flow.frames);
    fileScheduler.drain();
    file.tick(sent.t + 60_000);
    fileScheduler.drain();
    expect(file.session.requests.correlator.get('http-1')!.outcome).toBe('unresolved');
  });
  it('no request times out on the clock tick while its answer may be among the frames a pause holds', () => {
    const flow = new Flow().request('http-1', 'POST', `/v1/tasks/${ID}/hold`).response('http-1', 202);
    const [sent, answer] = flow.frames.filter((f) => f.kind === 'request' || f.kind === 'response');
    const { store, scheduler } = storeWith(flow.frames.filter((f) => f.seq < answer!.seq));
    store.togglePause();
    store.events.frames(flow.frames.filter((f) => f.seq >= answer!.seq));
    store.tick(sent!.t + 60_000 + LIVE_FRAME_MARGIN_MS);
    scheduler.drain();
    const outcome = () => store.session.requests.correlator.get('http-1')!.outcome;
    expect(outcome()).toBe('pending');
    store.togglePause();
    scheduler.drain();
    expect(outcome()).not.toBe('timed-out');
    expect(store.session.anomalies.map((a) => a.rule)).not.toContain('request-timed-out');
  });

  it('a clear while the analysis is busy: nothing of the old capture comes back', () => {
    const all = scenarioFrames('consult-conference-wrapup');
    const { store, scheduler } = storeWith();
    store.events.frames(all);
    // Part of the way: frames handed over, the analysis has not answered yet.
    scheduler.runDeferred();
    scheduler.runDeferred();
    store.events.cleared(all.length + 1);
    scheduler.drain();
    expect(store.select.rows.value).toEqual([]);
    expect(store.session.counters.total).toBe(0);
    expect(store.frameInfo.size).toBe(0);
    const later = scenarioFrames('inbound-hold-resume').map((f) => ({ ...f, seq: f.seq + all.length }));
    store.events.frames(later);
    scheduler.drain();
    expect(store.session.counters.total).toBe(later.length);
    expect(store.select.rows.value).toHaveLength(1);
  });

  it('says in the status bar when the analysis fails, never a silent stall', () => {
    const scheduler = new ManualScheduler();
    const link: ModelLink = { post: () => {}, onMessage: () => {}, onFailure: () => {} };
    const store = new PanelStore(scheduler, link);
    store.events.frames(scenarioFrames('inbound-hold-resume'));
    scheduler.drain();
    expect(store.select.status.value.analysing).toBeGreaterThan(0);
    link.onMessage(() => ({ type: 'error', generation: 0, message: 'the analysis failed on frame #3: boom' }));
    // In order with the deltas before it: shown once they are applied. The analysis goes on.
    scheduler.drain();
    expect(store.select.status.value.analysisError).toMatch(/frame #3: boom/);
    expect(store.select.status.value.analysing).toBeGreaterThan(0);
    link.onFailure('the analysis worker failed: out of memory');
    expect(store.select.status.value.analysisError).toBe('the analysis worker failed: out of memory');
    // Stopped: no "Analysing N frames…" that would never end beside the error.
    expect(store.select.status.value.analysing).toBe(0);
    store.events.cleared(100);
    expect(store.select.status.value.analysisError).toBeUndefined();
    store.events.frames(scenarioFrames('inbound-hold-resume').map((f) => ({ ...f, seq: f.seq + 100 })));
    scheduler.drain();
    expect(store.select.status.value.analysing).toBeGreaterThan(0);
  });

  it('once the analysis stopped, frames still reach the log, a resumed pause too, and a late frame error does not hide the stop', () => {
    const one = scenarioFrames('inbound-hold-resume');
    // Copies of one session after another: more frames than the analysis may have in flight.
    const all: Frame[] = [];
    for (let copy = 0; all.length < 3_000; copy++)
      for (const f of one) all.push({ ...f, seq: all.length + 1, t: f.t + copy * 3_600_000 });
    const scheduler = new ManualScheduler();
    const link: ModelLink = { post: () => {}, onMessage: () => {}, onFailure: () => {} };
    const store = new PanelStore(scheduler, link);
    store.events.frames(all.slice(0, 2_000));
    scheduler.drain();
    link.onFailure('the analysis worker failed: out of memory');
    // A frame error the worker sent before it died, applied after.
    link.onMessage(() => ({ type: 'error', generation: 0, message: 'the analysis failed on frame #3: boom' }));
    scheduler.drain();
    expect(store.select.status.value.analysisError).toBe('the analysis worker failed: out of memory');
    expect(store.select.status.value.analysing).toBe(0);
    store.togglePause();
    store.events.frames(all.slice(2_000));
    scheduler.drain();
    expect(store.waiting.value.newer).toBe(1_000);
    store.togglePause();
    scheduler.drain();
    expect(store.select.counters.value.frames).toBe(3_000);
    expect(store.waiting.value.newer).toBe(0);
    expect(store.select.status.value.analysing).toBe(0);
  });

  it('a link goes to that very row: a failure result in its request’s interaction, never another event', () => {
    const flow = new Flow()
      .event('AgentContactReserved')
      .event('AgentContactAssigned')
      .request('http-1', 'POST', `/v1/tasks/${ID}/unhold`, { body: { mediaResourceId: ID } })
      .response('http-1', 202)
      .event('AgentContactUnHoldFailed', { noSnapshot: true, data: { interactionId: undefined, reason: 'X' } })
      .event('AgentContactHeld');
    const { store } = storeWith(flow.frames);
    const failure = flow.frames.find((f) => f.data?.includes('AgentContactUnHoldFailed'))!.seq;
    store.goToSeq(failure);
    expect([store.select.selectedEventSeq.value, store.select.selectedEvent.value?.name]).toEqual([
      failure,
      'AgentContactUnHoldFailed',
    ]);
    expect(store.select.joinedRowSeq.value).toBe(5);
    store.goToSeq(5);
    expect(store.select.selectedRequest.value?.operation).toBe('unhold');
    expect(store.select.joinedRowSeq.value).toBe(failure);
    // A seq that is no row (the response frame): nothing changes.
    store.goToSeq(6);
    expect(store.view.selectedSeq.value).toBe(5);
  });
  it("a frame shows its timeline row: an event frame its event, a request or response frame its request; an agent request the Agent entry's", () => {
    const flow = new Flow()
      .event('AgentContactReserved')
      .event('AgentContactAssigned')
      .request('http-1', 'POST', `/v1/tasks/${ID}/hold`, { body: { mediaResourceId: ID } })
      .response('http-1', 202)
      .event('AgentContactHeld')
      .request('http-2', 'PUT', '/v1/agents/session/state', { body: { state: 'Idle' } })
      .response('http-2', 202);
    const { store } = storeWith(flow.frames);
    // After the socket's open and Welcome frames.
    const [reserved, , holdRequest, holdResponse, held, stateRequest, stateResponse] = flow.frames
      .slice(-7)
      .map((f) => f.seq);
    expect(store.timelineRowOf(reserved!)).toEqual({ interactionId: ID, seq: reserved, what: 'event' });
    expect(store.timelineRowOf(holdRequest!)).toEqual({ interactionId: ID, seq: holdRequest, what: 'request' });
    expect(store.timelineRowOf(holdResponse!)).toEqual({ interactionId: ID, seq: holdRequest, what: 'request' });
    const agentRow = { interactionId: undefined, seq: stateRequest, what: 'request' };
    expect(store.timelineRowOf(stateRequest!)).toEqual(agentRow);
    expect(store.timelineRowOf(stateResponse!)).toEqual(agentRow);
    store.view.tab.value = 'frames';
    expect(store.showEventOf(holdResponse!)).toBe(true);
    expect([store.view.tab.value, store.select.selectedRequest.value?.operation]).toEqual(['interactions', 'hold']);
    expect(store.showEventOf(held!)).toBe(true);
    expect(store.select.selectedEvent.value?.name).toBe('AgentContactHeld');
    expect(store.showEventOf(stateResponse!)).toBe(true);
    expect(store.select.showsAgent.value).toBe(true);
    expect(store.select.selectedRequest.value?.operation).toBe('state-change');
  });

  it('the agent’s own requests after the interaction ended still show on its Agent req. lane, under "failed requests" too', () => {
    const flow = new Flow()
      .event('AgentContactReserved')
      .event('AgentContactAssigned')
      .event('ContactEnded', { data: { agentsPendingWrapUp: [] } })
      .request('http-1', 'PUT', '/v1/agents/session/state', { body: { state: 'Available' }, after: 3000 })
      .response('http-1', 500, { body: '{"message":"cannot go available"}', after: 50 })
      .request('http-2', 'PUT', '/v1/agents/session/state', { body: { state: 'Idle' }, after: 1000 })
      .response('http-2', 202, { after: 50 })
      .agentState('Idle');
    const { store } = storeWith(flow.frames);
    expect(store.select.selectedTimeline.value?.flags.ended).toBe(true);
    const lane = () => store.select.requestLanes.value.find((l) => l.id === 'agent-requests');
    expect(lane()?.segments.map((s) => s.outcome)).toEqual(['http-error', 'succeeded']);
    const stateResult = flow.frames.at(-1)!;
    expect(store.select.chartEnd.value).toBe(stateResult.t);
    store.view.onlyProblemRequests.value = true;
    expect(lane()?.segments.map((s) => s.outcome)).toEqual(['http-error']);
  });
});
