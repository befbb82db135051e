import { describe, expect, it } from 'vitest';
import type { CaptureStats } from '../../../src/frame/capture-stats';
import { PanelStore } from '../../../src/ui/panel-store';
import { pauseStatusText, pauseStatusTitle } from '../../../src/ui/store/pause-status';
import { scenarioFrames } from '../../support/scenario-frames';
import { ManualScheduler } from './manual-scheduler';

const stats = (firstSeq: number, lastSeq: number): CaptureStats => ({
  frames: lastSeq - firstSeq + 1,
  bytes: 0,
  shedFrames: 0,
  shedBytes: 0,
  firstSeq,
  lastSeq,
  budgetBytes: 1 << 20,
});

describe('the pause status says what waits', () => {
  it('new frames alone, a fill-in alone, both, and older frames of the fill-in taken in', () => {
    expect(pauseStatusText({ newer: 3, older: 0, fillIn: false })).toBe('Paused — 3 new frames waiting');
    expect(pauseStatusText({ newer: 1, older: 0, fillIn: false })).toBe('Paused — 1 new frame waiting');
    expect(pauseStatusText({ newer: 0, older: 0, fillIn: false })).toBe('Paused — 0 new frames waiting');
    expect(pauseStatusText({ newer: 0, older: 0, fillIn: true })).toBe('Paused — fill-in on hold');
    expect(pauseStatusText({ newer: 500, older: 0, fillIn: true })).toBe(
      'Paused — 500 new frames waiting; fill-in on hold',
    );
    expect(pauseStatusText({ newer: 500, older: 40, fillIn: true })).toBe(
      'Paused — 500 new and 40 older frames waiting; fill-in on hold',
    );
    expect(pauseStatusText({ newer: 0, older: 1, fillIn: true })).toBe(
      'Paused — 1 older frame waiting; fill-in on hold',
    );
  });

  it('the tooltip names each part and where it waits', () => {
    expect(pauseStatusTitle({ newer: 3, older: 0, fillIn: false })).toBe(
      '3 new frames: arrived since the pause (taken in here, or kept by the hub until you resume)',
    );
    expect(pauseStatusTitle({ newer: 1, older: 40, fillIn: true })).toBe(
      [
        '1 new frame: arrived since the pause (taken in here, or kept by the hub until you resume)',
        '40 older frames of the fill-in: taken in here before the hub held the rest',
        'Fill-in on hold: the older frames still on their way stay at the hub until you resume',
      ].join('\n'),
    );
  });
});

describe('the store tells a fill-in from frames the hub keeps', () => {
  it('a reconnect while paused (the service worker restarted): connecting, no fill-in, the newer frames counted', () => {
    const all = scenarioFrames('inbound-hold-resume');
    const n = all.length;
    const scheduler = new ManualScheduler();
    const store = new PanelStore(scheduler);
    store.events.stats(stats(1, 10));
    store.events.frames(all.slice(0, 10));
    store.events.connection('live');
    scheduler.drain();
    store.togglePause();
    store.events.frames(all.slice(10, 12));
    scheduler.drain();
    expect(store.select.pauseStatus.value?.text).toBe('Paused — 2 new frames waiting');
    // The port dropped and came back: the link subscribed after its last frame and holds again.
    store.events.connection('connecting');
    store.events.stats(stats(1, all[n - 1]!.seq));
    scheduler.drain();
    expect(store.connection.value).toBe('connecting');
    expect(store.waiting.value).toEqual({ newer: n - 10, older: 0, fillIn: false });
    expect(store.select.pauseStatus.value).toEqual({
      text: `Paused — ${n - 10} new frames waiting`,
      title: `${n - 10} new frames: arrived since the pause (taken in here, or kept by the hub until you resume)`,
    });
    store.togglePause();
    store.events.frames(all.slice(12));
    store.events.connection('live');
    scheduler.drain();
    expect(store.select.pauseStatus.value).toBeUndefined();
    expect(store.frames()).toEqual(all);
  });

  it('a reopened panel whose newest frames shown first are the whole capture: nothing older to fill in', () => {
    const all = scenarioFrames('inbound-hold-resume');
    const scheduler = new ManualScheduler();
    const store = new PanelStore(scheduler);
    store.events.stats(stats(1, all.at(-1)!.seq));
    store.events.tail(all);
    store.togglePause();
    scheduler.drain();
    expect(store.log.filling).toBe(true);
    expect(store.select.pauseStatus.value?.text).toBe('Paused — 0 new frames waiting');
  });

  it('a reopened panel paused mid fill-in: the fill-in waits; after the backlog ended (a late hold) it still does, older and newer frames held here', () => {
    const all = scenarioFrames('consult-conference-wrapup', { keepaliveMs: 200 });
    const n = all.length;
    const scheduler = new ManualScheduler();
    const store = new PanelStore(scheduler);
    store.events.stats(stats(1, all[n - 3]!.seq));
    store.events.tail(all.slice(n - 5, n - 2));
    store.events.frames(all.slice(0, 10));
    scheduler.drain();
    store.togglePause();
    scheduler.drain();
    expect(store.select.pauseStatus.value?.text).toBe('Paused — fill-in on hold');
    // The hold came during the hub's last read: the rest of the older frames, backlog-done, then live ones.
    store.events.frames(all.slice(10, n - 5));
    store.events.connection('live');
    store.events.frames(all.slice(n - 2));
    scheduler.drain();
    expect(store.waiting.value).toEqual({ newer: 2, older: n - 15, fillIn: true });
    expect(store.select.pauseStatus.value?.text).toBe(
      `Paused — 2 new and ${n - 15} older frames waiting; fill-in on hold`,
    );
    store.togglePause();
    scheduler.drain();
    expect(store.frames()).toEqual(all);
    expect(store.log.filling).toBe(false);
  });
});
