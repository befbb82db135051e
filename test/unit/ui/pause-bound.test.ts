import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import type { CaptureStats } from '../../../src/frame/capture-stats';
import { PanelStore } from '../../../src/ui/panel-store';
import { isMarker } from '../../../src/ui/frame-log';
import { scenarioFrames } from '../../support/scenario-frames';
import { ManualScheduler } from './manual-scheduler';

const bytesOf = (frames: readonly Frame[]) => frames.reduce((n, f) => n + f.size, 0);

function stats(lastSeq: number, over: Partial<CaptureStats> = {}): CaptureStats {
  return {
    frames: lastSeq,
    bytes: 0,
    shedFrames: 0,
    shedBytes: 0,
    firstSeq: 1,
    lastSeq,
    budgetBytes: 1 << 20,
    ...over,
  };
}

/** The frames a hub of `frames` deletes before `firstSeq`, as its `shed` message says. */
function shedOf(frames: readonly Frame[], from: number, firstSeq: number) {
  const gone = frames.filter((f) => f.seq >= from && f.seq < firstSeq);
  return { firstSeq, reason: 'budget' as const, frames: gone.length, bytes: bytesOf(gone) };
}

const markers = (store: PanelStore) => store.log.rows.filter(isMarker);

/** A reopened panel: the last `tail` frames shown first, its analysis in the same thread. */
function reopened(all: Frame[], tail = 3) {
  const scheduler = new ManualScheduler();
  const store = new PanelStore(scheduler);
  store.events.stats(stats(all.at(-1)!.seq));
  store.events.tail(all.slice(-tail));
  scheduler.drain();
  return { store, scheduler };
}

describe('a pause holds no more than the hub keeps', () => {
  it('live: held frames the hub sheds leave the pause at once, counted once by the one marker; the rest show on resume', () => {
    const all = scenarioFrames('consult-conference-wrapup', { keepaliveMs: 200 });
    const scheduler = new ManualScheduler();
    const store = new PanelStore(scheduler);
    store.events.stats(stats(0, { firstSeq: 1 }));
    store.events.connection('live');
    store.events.frames(all.slice(0, 10));
    scheduler.drain();
    store.togglePause();
    store.events.frames(all.slice(10));
    scheduler.drain();
    expect(store.waiting.value).toEqual({ newer: all.length - 10, older: 0, fillIn: false });
    const cut = all[19]!.seq;
    store.events.shed(shedOf(all, 1, cut));
    scheduler.drain();
    // The frames held and shed are let go now, not on resume.
    expect(store.waiting.value).toEqual({ newer: all.length - 19, older: 0, fillIn: false });
    expect(store.log.rows[0]).toMatchObject({ type: 'shed', frames: 19, bytes: bytesOf(all.slice(0, 19)) });
    store.togglePause();
    scheduler.drain();
    expect(store.frames()).toEqual(all.slice(19));
    // The ten the panel showed were analysed before the cut; the nine it held never were.
    expect(markers(store)).toEqual([
      expect.objectContaining({ type: 'shed', frames: 19, unanalysed: 9, firstSeq: cut }),
    ]);
    expect(store.log.counters.frames).toBe(all.length - 19);
    // The model read every frame handed to it; those shed while held never reached it.
    expect(store.analysing.value).toBe(0);
  });

  it('during a fill-in: the hub sheds while the backlog is held there; the marker counts what was here and what never came, no gap, the rest in order', () => {
    const all = scenarioFrames('consult-conference-wrapup', { keepaliveMs: 200 });
    const n = all.length;
    const { store, scheduler } = reopened(all);
    store.events.frames(all.slice(0, 10));
    scheduler.drain();
    store.togglePause();
    // Two messages on their way when the hub was told to hold: held here.
    store.events.frames(all.slice(10, 15));
    scheduler.drain();
    expect(store.paused.value).toBe(true);
    // Waiting: the fill-in's older frames held here, and those the hub keeps (newer than the tail).
    store.events.stats(stats(n + 4));
    scheduler.drain();
    expect(store.waiting.value).toEqual({ newer: 4, older: 5, fillIn: true });
    expect(store.select.pauseStatus.value?.text).toBe('Paused — 4 new and 5 older frames waiting; fill-in on hold');
    // Live frames push the hub over its budget twice: the first cut among what the panel has,
    // the second among what the hub still holds for it.
    store.events.shed(shedOf(all, 1, all[12]!.seq));
    store.events.shed(shedOf(all, all[12]!.seq, all[19]!.seq));
    scheduler.drain();
    expect(store.waiting.value).toEqual({ newer: 4, older: 0, fillIn: true });
    expect(store.select.pauseStatus.value?.text).toBe('Paused — 4 new frames waiting; fill-in on hold');
    expect(markers(store)).toEqual([
      expect.objectContaining({ type: 'shed', frames: 19, bytes: bytesOf(all.slice(0, 19)) }),
      expect.objectContaining({ type: 'loading', from: all[19]!.seq, to: all[n - 3]!.seq - 1 }),
    ]);
    // Resumed: the hub sends the rest from the first frame it keeps.
    store.togglePause();
    store.events.frames(all.slice(19, n - 3));
    store.events.connection('live');
    scheduler.drain();
    expect(store.frames()).toEqual(all.slice(19));
    expect(markers(store)).toEqual([
      expect.objectContaining({ type: 'shed', frames: 19, unanalysed: 9, firstSeq: all[19]!.seq }),
    ]);
    expect(store.analysing.value).toBe(0);
  });

  it('during a fill-in: a shed that reaches the newest frames shown first ends the filling in; nothing counted twice, nothing lost', () => {
    const all = scenarioFrames('consult-conference-wrapup', { keepaliveMs: 200 });
    const n = all.length;
    const { store, scheduler } = reopened(all);
    store.events.frames(all.slice(0, 10));
    scheduler.drain();
    store.togglePause();
    store.events.shed(shedOf(all, 1, all[n - 2]!.seq));
    scheduler.drain();
    // Analysed: the ten older frames the panel had; not the tail's first, nor those never sent.
    expect(markers(store)).toEqual([expect.objectContaining({ type: 'shed', frames: n - 2, unanalysed: n - 12 })]);
    expect(store.log.filling).toBe(false);
    store.togglePause();
    store.events.connection('live');
    scheduler.drain();
    expect(store.frames()).toEqual(all.slice(-2));
    expect(markers(store)).toEqual([expect.objectContaining({ type: 'shed', frames: n - 2 })]);
    expect(store.log.counters.frames).toBe(2);
    expect(store.analysing.value).toBe(0);
  });

  it('after a reconnect (the service worker restarted): paused while the rest comes, the hub sheds frames it never sent; the marker and the waiting count say so', () => {
    const all = scenarioFrames('consult-conference-wrapup', { keepaliveMs: 200 });
    const n = all.length;
    const scheduler = new ManualScheduler();
    const store = new PanelStore(scheduler);
    store.events.stats(stats(0));
    store.events.connection('live');
    store.events.frames(all.slice(0, 20));
    scheduler.drain();
    // The port dropped: the link subscribes again after the last frame, a backlog on its way.
    store.events.connection('connecting');
    store.events.frames(all.slice(20, 25));
    store.events.stats(stats(all[n - 1]!.seq));
    scheduler.drain();
    store.togglePause();
    scheduler.drain();
    // Connecting, its backlog held at the hub, but nothing older is to come: no fill-in waits.
    expect(store.waiting.value).toEqual({ newer: n - 25, older: 0, fillIn: false });
    expect(store.select.pauseStatus.value?.text).toBe(`Paused — ${n - 25} new frames waiting`);
    // Held at the hub, which sheds the 25 the panel has and 15 it never sent.
    const cut = all[40]!.seq;
    store.events.shed(shedOf(all, 1, cut));
    store.events.stats(stats(all[n - 1]!.seq, { firstSeq: cut, shedFrames: 40 }));
    scheduler.drain();
    expect(store.waiting.value).toEqual({ newer: n - 40, older: 0, fillIn: false });
    expect(markers(store)).toEqual([expect.objectContaining({ type: 'shed', frames: 40, unanalysed: 15 })]);
    store.togglePause();
    store.events.frames(all.slice(40));
    store.events.connection('live');
    scheduler.drain();
    expect(store.frames()).toEqual(all.slice(40));
    expect(markers(store)).toEqual([expect.objectContaining({ type: 'shed', frames: 40, firstSeq: cut })]);
    expect(store.log.counters.frames).toBe(n - 40);
  });

  it('after a reconnect: frames a page load dropped from the view (Preserve log off) and the hub sheds later are not counted as shed here', () => {
    const all = scenarioFrames('consult-conference-wrapup', { keepaliveMs: 200 });
    const n = all.length;
    const scheduler = new ManualScheduler();
    const store = new PanelStore(scheduler);
    store.events.stats(stats(0));
    store.events.connection('live');
    store.events.frames(all.slice(0, 20));
    scheduler.drain();
    // A page load: the view starts afresh from it; the hub keeps what came before.
    const load: Frame = {
      seq: all[20]!.seq,
      t: all[20]!.t,
      socket: 'capture',
      dir: 'meta',
      kind: 'navigation',
      data: 'https://desktop',
      size: 0,
    };
    store.events.frames([load, ...all.slice(21, 25)]);
    scheduler.drain();
    expect(store.frames()[0]).toEqual(load);
    store.events.connection('connecting');
    store.events.stats(stats(all[n - 1]!.seq));
    store.togglePause();
    scheduler.drain();
    // The hub sheds the ten oldest: none of them was in this view any more.
    const cut = all[10]!.seq;
    store.events.shed(shedOf(all, 1, cut));
    store.events.stats(stats(all[n - 1]!.seq, { firstSeq: cut, shedFrames: 10 }));
    scheduler.drain();
    expect(markers(store)).toEqual([]);
    store.togglePause();
    store.events.frames(all.slice(25));
    store.events.connection('live');
    scheduler.drain();
    expect(store.frames()).toEqual([load, ...all.slice(21)]);
    expect(markers(store)).toEqual([]);
  });
});
