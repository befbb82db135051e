import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import { redactFrames } from '../../../src/io/redact';
import { OverlayFeed } from '../../../src/overlay/background/overlay-feed';
import { copySummary } from '../../../src/overlay/shared/copy-summary';
import type { OverlaySummary } from '../../../src/overlay/shared/summary';
import { OverlaySummarySchema } from '../../../src/overlay/shared/summary';
import * as v from 'valibot';
import { MERGE, mergeCase } from '../../support/merge-case';
import { scenarioFrames } from '../../support/scenario-frames';

/** A feed on a fake clock: `advance(ms)` runs the timers that fall due. */
function fakeFeed(minIntervalMs = 250) {
  let now = 0;
  const timers: { at: number; fn: () => void }[] = [];
  const sent: OverlaySummary[] = [];
  const sizes: number[] = [];
  const feed = new OverlayFeed({
    emit: (summary, json) => {
      sent.push(structuredClone(summary));
      sizes.push(json.length);
    },
    now: () => now,
    minIntervalMs,
    schedule: (fn, ms) => {
      const timer = { at: now + ms, fn };
      timers.push(timer);
      return () => timers.splice(timers.indexOf(timer), 1);
    },
  });
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const next = timers[0];
      if (!next || next.at > until) break;
      timers.shift();
      now = next.at;
      next.fn();
    }
    now = until;
  };
  return { feed, sent, sizes, advance };
}

/** The frames up to and including the first event named `name`. */
function framesUntil(frames: Frame[], name: string): Frame[] {
  const at = frames.findIndex((f) => f.data?.includes(`"type":"${name}"`));
  if (at < 0) throw new Error(`no ${name}`);
  return frames.slice(0, at + 1);
}

describe('OverlayFeed', () => {
  const frames = scenarioFrames('inbound-hold-resume', { keepaliveMs: 0 });

  it('shows nothing until the backlog is read, then one summary of the state it reached', () => {
    const { feed, sent, advance } = fakeFeed();
    feed.frames(framesUntil(frames, 'AgentContactHeld'));
    advance(1000);
    expect(sent).toHaveLength(0);
    feed.backlogDone();
    advance(0);
    expect(sent).toHaveLength(1);
    const [summary] = sent;
    expect(v.is(OverlaySummarySchema, summary)).toBe(true);
    const [call] = summary!.interactions;
    expect(call).toMatchObject({ mediaType: 'telephony', state: 'hold', recording: 'active', heldLegs: 1 });
    const held = frames.find((f) => f.data?.includes('"type":"AgentContactHeld"'))!;
    expect(call!.holdSince).toBe(held.t);
    expect(call!.events.at(-1)).toMatchObject({ name: 'AgentContactHeld', category: 'hold', seq: held.seq });
    expect(summary!.socket).toMatchObject({ state: 'connected', reconnects: 0 });
  });

  it('masks the customer with the pseudonym a redacted export gives the same number', () => {
    const { feed, sent, advance } = fakeFeed();
    feed.frames(framesUntil(frames, 'AgentContactHeld'));
    feed.backlogDone();
    advance(0);
    const customer = sent[0]!.interactions[0]!.customer!;
    expect(customer.full).toBe('+14155550100');
    const { pseudonyms } = redactFrames(frames);
    expect(customer.masked).toBe(`${pseudonyms.toMap().get('+14155550100')} ··0100`);
    expect(customer.masked).toBe('phone-1 ··0100');
  });

  it('sends at most one summary per interval, and none when nothing it shows changed', () => {
    const { feed, sent, advance } = fakeFeed(250);
    feed.backlogDone();
    for (const frame of frames) {
      feed.frames([frame]);
      advance(10);
    }
    advance(1000);
    // 10 ms apart, the whole call fits in a few intervals.
    expect(sent.length).toBeLessThanOrEqual(Math.ceil((frames.length * 10) / 250) + 1);
    const count = sent.length;
    // The same frames again change nothing the overlay draws (same second, same state).
    feed.frames([{ ...frames.at(-1)!, seq: frames.length + 1, dir: 'meta', kind: 'open', socket: 'ws-1' }]);
    advance(1000);
    expect(sent.length).toBeLessThanOrEqual(count + 1);
    const last = JSON.stringify(sent.at(-1));
    feed.frames([]);
    advance(1000);
    expect(JSON.stringify(sent.at(-1))).toBe(last);
  });

  it('an ended and wrapped-up call leaves the list; a new page load starts afresh', () => {
    const { feed, sent, advance } = fakeFeed();
    feed.frames(frames);
    feed.backlogDone();
    advance(0);
    expect(sent.at(-1)!.interactions).toHaveLength(0);
    const { feed: reloaded, sent: after, advance: advance2 } = fakeFeed();
    const held = framesUntil(frames, 'AgentContactHeld');
    const last = held.at(-1)!;
    reloaded.frames([
      ...held,
      { seq: last.seq + 1, t: last.t + 1, socket: 'capture', dir: 'meta', kind: 'navigation', data: 'x', size: 0 },
    ]);
    reloaded.backlogDone();
    advance2(0);
    expect(after.at(-1)!.interactions).toHaveLength(0);
  });

  it('a child merged into another call leaves the list: it goes on as that call (its hold too)', () => {
    const { feed, sent, advance } = fakeFeed();
    const { frames: merge, seq } = mergeCase();
    feed.frames(merge.filter((f) => f.seq <= seq['merged']!));
    feed.backlogDone();
    advance(0);
    expect(sent.at(-1)!.interactions.map((i) => [i.id, i.heldLegs])).toEqual([[MERGE.parent, 1]]);
  });

  it('counts RONA down from the offer: the deadline is the offer time plus ronaTimeout', () => {
    const { feed, sent, advance } = fakeFeed();
    const offered = framesUntil(frames, 'AgentOfferContact');
    feed.frames(offered);
    feed.backlogDone();
    advance(0);
    expect(sent[0]!.interactions[0]!.ronaDeadline).toBe(offered.at(-1)!.t + 30_000);
  });

  it('survives frames the model cannot read', () => {
    const { feed, sent, advance } = fakeFeed();
    feed.backlogDone();
    feed.frames([
      { seq: 1, t: 1, socket: 'ws-1', dir: 'in', kind: 'text', data: '{"type":', size: 8 },
      { seq: 2, t: 2, socket: 'ws-1', dir: 'in', kind: 'text', data: '\u0000'.repeat(100), size: 100 },
      { seq: 3, t: 3, socket: 'ws-1', dir: 'in', kind: 'binary', data: 'ff00', size: 2 },
    ]);
    advance(0);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.interactions).toEqual([]);
  });
});

describe('copySummary', () => {
  it('is plain text with flags since when, last events and anomalies, and no customer number', () => {
    const { feed, sent, advance } = fakeFeed();
    const held = framesUntil(scenarioFrames('recording-pause-resume', { keepaliveMs: 0 }), 'ContactRecordingPaused');
    feed.frames(held);
    feed.backlogDone();
    advance(0);
    const summary = sent.at(-1)!;
    const text = copySummary(summary, summary.interactions[0], held.at(-1)!.t + 5_000);
    expect(text).toContain(`Interaction ${summary.interactions[0]!.id} · telephony · customer phone-1 ··`);
    expect(text).toMatch(/Flags: .*Recording paused since \d\d:\d\d:\d\d\.\d{3} \(0:05\)/);
    expect(text).toContain('ContactRecordingPaused (recording)');
    expect(text).toMatch(/Session anomalies: (none|\d+)/);
    const full = summary.interactions[0]!.customer!.full;
    expect(text).not.toContain(full);
    expect(text).not.toContain(full.replace(/\D/g, ''));
  });
});

describe('OverlayFeed slices its work', () => {
  it('models a burst in slices with rests between them, and gets everything in order', () => {
    let now = 0;
    const timers: { at: number; fn: () => void }[] = [];
    const sent: OverlaySummary[] = [];
    const delays: number[] = [];
    // Every frame "costs" 1 ms of the fake clock.
    const feed = new OverlayFeed({
      emit: (summary) => sent.push(summary),
      now: () => now,
      schedule: (fn, ms) => {
        const timer = { at: now + ms, fn };
        timers.push(timer);
        delays.push(ms);
        return () => timers.splice(timers.indexOf(timer), 1);
      },
      sliceMs: 8,
      restMs: 32,
    });
    const frames = scenarioFrames('inbound-hold-resume', { keepaliveMs: 100 });
    const slowFrames = frames.map((f) => ({
      ...f,
      get data() {
        now += 1;
        return f.data;
      },
    }));
    feed.frames(slowFrames as Frame[]);
    feed.backlogDone();
    while (timers.length) {
      timers.sort((a, b) => a.at - b.at);
      const next = timers.shift()!;
      now = Math.max(now, next.at);
      next.fn();
    }
    expect(frames.length).toBeGreaterThan(50);
    // Slices of 32 frames (the clock is read every 32): a rest of 32 ms after each but the last.
    expect(delays.filter((ms) => ms === 32).length).toBe(Math.ceil(frames.length / 32) - 1);
    // The end of the call was modelled: nothing active, after a summary of the live state.
    expect(sent.at(-1)!.interactions).toEqual([]);
    expect(feed.stats.frames).toBe(frames.length);
  });
});
