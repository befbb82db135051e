import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import { redactFrames } from '../../../src/io/redact';
import { OverlayFeed } from '../../../src/overlay/background/overlay-feed';
import { copySummary } from '../../../src/overlay/shared/copy-summary';
import type { OverlaySummary } from '../../../src/overlay/shared/summary';
import { OverlaySummarySchema } from '../../../src/overlay/shared/summary';
import * as v from 'valibot';
import { Masker } from '../../../src/overlay/background/masker';
import { MERGE, mergeCase } from '../../support/merge-case';
import { corpusFrames, leaks } from '../../support/pii-corpus';
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

describe('Masker', () => {
  it('masks what a message quotes by its field, and the customer values it learnt in any spelling', () => {
    const masker = new Masker();
    masker.learn({
      callProcessingDetails: { ani: '+14155550123', customerName: 'Maribel Quintero-Oyelaran' },
      participants: { '4155550123': { id: '4155550123', pType: 'Customer' } },
    });
    expect(masker.customer('+14155550123').masked).toBe('phone-1 ··0123');
    expect(
      masker.text(
        'participants["4155550123"].hasLeft false → true; callProcessingDetails.crmNote "Maribel Quintero-Oyelaran, (415) 555-0123" → "closed"; ' +
          'state "connected" → "hold"; callAssociatedData.note.value "call Mirabelle Quennell at 12 Elm Street, she is ve…; ' +
          'reason Maribel Quintero-Oyelaran hung up on 4155550123',
      ),
    ).toBe(
      'participants["phone-1"].hasLeft false → true; callProcessingDetails.crmNote "text-1" → "text-2"; ' +
        'state "connected" → "hold"; callAssociatedData.note.value "text-3…; reason name-1 hung up on phone-1',
    );
  });
});

describe('copySummary holds no customer value', () => {
  /** The last summary of a feed given `frames`, and its Copy summary text for each interaction. */
  const copies = (frames: Frame[]) => {
    const { feed, sent, advance } = fakeFeed();
    feed.frames(frames);
    feed.backlogDone();
    advance(0);
    const summary = sent.at(-1)!;
    return [undefined, ...summary.interactions].map((i) => copySummary(summary, i, frames.at(-1)!.t + 5_000));
  };

  it('a CRM note that changed while the socket was down is quoted whole in the anomaly, states stay', () => {
    const frames = scenarioFrames('reconnect-hydrate', { keepaliveMs: 0 }).map((frame): Frame => {
      const json = frame.data?.startsWith('{"type"') ? (JSON.parse(frame.data) as Record<string, any>) : undefined;
      const cpd = json?.['data']?.['interaction']?.['callProcessingDetails'];
      if (!cpd) return frame;
      cpd['customerName'] = 'Maribel Quintero-Oyelaran';
      cpd['crmNote'] = json['data']['type'] === 'AgentContact' ? 'closed' : 'Maribel Q., call 4155550103';
      const data = JSON.stringify(json);
      return { ...frame, data, size: data.length };
    });
    const text = copies(framesUntil(frames, 'AgentContact'))[1]!;
    expect(text).toContain(
      'differs from the last one before it (#7): state "connected" → "hold"; callProcessingDetails.crmNote "text-1" → "text-2"; ',
    );
    expect(text).toContain('customer phone-1 ··0103');
    for (const kept of ['Maribel', '4155550103', '555-0103']) expect(text).not.toContain(kept);
  });

  it('the PII corpus, at every event of its calls', () => {
    const frames = corpusFrames();
    let checked = 0;
    for (let at = 0; at < frames.length; at++) {
      if (!frames[at]!.data?.includes('"interaction"')) continue;
      for (const text of copies(frames.slice(0, at + 1))) expect(leaks(text), `#${at + 1}`).toEqual([]);
      checked++;
    }
    expect(checked).toBe(12);
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
