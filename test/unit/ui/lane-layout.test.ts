import { describe, expect, it } from 'vitest';
import type { Lane, LaneSegment, RequestOutcome, TrackedRequest } from '../../../src/model';
import { callText } from '../../../src/ui/request-view';
import { agentStateLane, Session, stackLane } from '../../../src/model';
import { BIDI_IDLE_REASON } from '../../sim/build/scenarios';
import { scenarioFrames } from '../../support/scenario-frames';
import { BAR_PX, bandsBackground, bandsSaid, clusterLabel, COMPACT_BAR_PX } from '../../../src/ui/components/LaneChart';
import {
  bandHeights,
  clusterActivation,
  clusterZoom,
  kindClass,
  layoutLane,
  lookTone,
  MAX_SUBROWS,
  type LaneCluster,
  type LaneItem,
} from '../../../src/ui/lane-layout';

const T0 = 1_767_603_600_000;

/** The agent's state lane of a shift: `n` changes, one every `everyMs`. */
function stateLane(n: number, everyMs: number): Lane {
  const segments: LaneSegment[] = Array.from({ length: n }, (_, i) => ({
    from: T0 + i * everyMs,
    to: T0 + (i + 1) * everyMs,
    open: i === n - 1,
    seq: 10 + i,
    kind: 'agent',
    what: i % 2 ? 'Idle/Lunch' : 'Available',
  }));
  return { id: 'agent', title: 'Agent', segments };
}

/** A request lane, stacked as the selector stacks it (bars at least 3% of the span long). */
function requestLane(starts: readonly number[], lengthMs: number, outcome: (i: number) => RequestOutcome): Lane {
  const segments: LaneSegment[] = starts.map((t, i) => ({
    from: T0 + t,
    to: T0 + t + lengthMs,
    open: false,
    seq: 1000 + i,
    kind: 'request',
    outcome: outcome(i),
    what: 'PUT …/session/state',
  }));
  const span = Math.max(...starts) + lengthMs;
  return stackLane({ id: 'agent-requests', title: 'Agent req.', segments }, (span * 3) / 100);
}

/** Every seq the drawing accounts for: its bars' and its clusters'. */
const seqsOf = (items: readonly LaneItem[]) =>
  items.flatMap((item) => (item.segment ? [item.segment.seq] : item.cluster!.seqs)).sort((a, b) => a - b);

describe('layoutLane: what a lane draws at the chart width', () => {
  it('draws a lane that fits bar by bar, its sub-rows as the selector stacked them', () => {
    const lane = stateLane(6, 60_000);
    const layout = layoutLane(lane, T0, T0 + 6 * 60_000, 1000);
    expect(layout.packed).toBe(false);
    expect(layout.items.map((i) => i.segment)).toEqual(lane.segments);
    const pileUp = requestLane([0, 10, 20, 30, 40, 50], 2500, () => 'succeeded');
    const requests = layoutLane(pileUp, T0, T0 + 30_000, 1000);
    expect(requests.packed).toBe(false);
    expect(requests.rows).toBe(6);
  });

  it('packs 20,000 state changes into clusters a few px wide, losing none of them', () => {
    const lane = stateLane(20_000, 1440);
    const layout = layoutLane(lane, T0, T0 + 20_000 * 1440, 1000);
    expect(layout.packed).toBe(true);
    expect(layout.rows).toBe(1);
    expect(layout.items.length).toBeLessThanOrEqual(1000 / 6 + 2);
    expect(seqsOf(layout.items)).toEqual(lane.segments.map((s) => s.seq));
    // Each cluster spans its bars: from the first one's start to the last one's end.
    const c = layout.items.find((i) => i.cluster)!.cluster!;
    expect(c.from).toBe(T0 + (c.seqs[0]! - 10) * 1440);
    expect(c.to).toBe(T0 + (c.seqs.at(-1)! - 10 + 1) * 1440);
  });

  it('zoomed in, the same lane comes apart into its bars again', () => {
    const lane = stateLane(20_000, 1440);
    const from = T0 + 5000 * 1440;
    const layout = layoutLane(lane, from, from + 60 * 1440, 1000);
    expect(layout.packed).toBe(false);
  });

  it('keeps a long state its own bar among dense short ones', () => {
    const lane = stateLane(2000, 1000);
    const lunch = lane.segments[1000]!;
    const long = 3_600_000;
    for (const s of lane.segments.slice(1001)) {
      s.from += long;
      s.to += long;
    }
    lunch.to += long;
    const layout = layoutLane(lane, T0, lane.segments.at(-1)!.to, 1000);
    expect(layout.packed).toBe(true);
    expect(layout.items.some((i) => i.segment?.seq === lunch.seq)).toBe(true);
    expect(seqsOf(layout.items)).toEqual(lane.segments.map((s) => s.seq));
  });

  it('clusters a request lane stacked deeper than six sub-rows, the worst outcome first, into few sub-rows', () => {
    // 4,000 state-change requests over 8 hours: 120 sub-rows deep as the selector stacks them.
    const starts = Array.from({ length: 4000 }, (_, i) => i * 7200);
    const lane = requestLane(starts, 360, (i) => (i === 1234 ? 'failed' : i === 2000 ? 'timed-out' : 'succeeded'));
    expect(lane.rows).toBeGreaterThan(MAX_SUBROWS);
    const layout = layoutLane(lane, T0, T0 + 4000 * 7200, 1000);
    expect(layout.packed).toBe(true);
    expect(layout.rows).toBeLessThanOrEqual(2);
    expect(seqsOf(layout.items)).toEqual(lane.segments.map((s) => s.seq));
    const failed = layout.items.find((i) => i.cluster?.seqs.includes(1000 + 1234))!.cluster!;
    expect(failed.outcomes![0]).toEqual(['failed', 1]);
    expect(failed.outcomes!.at(-1)![0]).toBe('succeeded');
    const timedOut = layout.items.find((i) => i.cluster?.seqs.includes(1000 + 2000))!.cluster!;
    expect(timedOut.outcomes![0]![0]).toBe('timed-out');
  });

  it('draws only what is in view when zoomed, and a request alone in its slice as its own bar', () => {
    const starts = Array.from({ length: 4000 }, (_, i) => i * 7200);
    const lane = requestLane(starts, 360, () => 'succeeded');
    const from = T0 + 100 * 7200;
    const layout = layoutLane(lane, from, from + 20 * 7200, 1000);
    const seqs = seqsOf(layout.items);
    expect(seqs[0]).toBeGreaterThanOrEqual(1000 + 99);
    expect(seqs.at(-1)).toBeLessThanOrEqual(1000 + 121);
    expect(layout.items.every((i) => i.segment)).toBe(true);
    // Nothing in view is packed: the key must not name packed bars ("many bars: activate to zoom in").
    expect(layout.packed).toBe(false);
  });

  it('zooms a cluster of long requests in on their starts, so activating it splits them: the failed one becomes its own bar', () => {
    // 60 requests 10 ms apart, each 20 s long (a pile-up): zooming to the cluster's whole extent
    // (its last bar's end) showed the same 20 s again, and the cluster never came apart.
    const lane = requestLane(
      Array.from({ length: 60 }, (_, i) => i * 10),
      20_000,
      (i) => (i === 37 ? 'http-error' : 'timed-out'),
    );
    let view: [number, number] = [T0, T0 + 600 + 20_000];
    let layout = layoutLane(lane, view[0], view[1], 1000);
    let zooms = 0;
    for (;;) {
      const cluster = layout.items.find((i) => i.cluster?.seqs.includes(1000 + 37))?.cluster;
      if (!cluster) break;
      expect(cluster.outcomes![0]).toEqual(['http-error', 1]);
      const next = clusterZoom(cluster)!;
      expect(next[1] - next[0], 'each activation narrows the view').toBeLessThan((view[1] - view[0]) / 5);
      view = next;
      layout = layoutLane(lane, view[0], view[1], 1000);
      expect(++zooms, 'activations until it comes apart').toBeLessThan(4);
    }
    expect(layout.items.find((i) => i.segment?.seq === 1000 + 37)?.segment?.outcome).toBe('http-error');
    expect(view[1] - view[0]).toBeGreaterThanOrEqual(10);
    expect(layout.packed).toBe(layout.items.some((i) => i.cluster));
  });

  it('does not zoom a cluster whose bars all start at the same millisecond (nothing would split them)', () => {
    const lane = requestLane(Array(10).fill(0), 5000, () => 'succeeded');
    const cluster = layoutLane(lane, T0, T0 + 5000, 1000).items.find((i) => i.cluster)!.cluster!;
    expect(cluster.seqs).toHaveLength(10);
    expect(clusterZoom(cluster)).toBeUndefined();
  });
});

/** A state lane of the given (offset ms, state) changes, each lasting until the next (the last 1 min). */
function statesAt(changes: readonly [number, string][]): Lane {
  const segments: LaneSegment[] = changes.map(([t, what], i) => ({
    from: T0 + t,
    to: T0 + (changes[i + 1]?.[0] ?? t + 60_000),
    open: false,
    seq: 10 + i,
    kind: 'agent',
    what,
  }));
  return { id: 'agent', title: 'Agent', segments };
}

describe('layoutLane: bars that start less than a pixel apart', () => {
  it('packs a state that lasted 0 ms with the next one, naming both; nothing splits the same millisecond', () => {
    const lane = statesAt([
      [0, 'Available'],
      [30_000, 'Idle/Break'],
      [30_000, 'Idle/Lunch'],
      [50_000, 'Available'],
    ]);
    const layout = layoutLane(lane, T0, T0 + 110_000, 1000);
    expect(layout.packed).toBe(true);
    expect(seqsOf(layout.items)).toEqual([10, 11, 12, 13]);
    const cluster = layout.items.find((i) => i.cluster)!.cluster!;
    expect(cluster.seqs).toEqual([11, 12]);
    expect(cluster.kinds).toEqual([
      ['Idle/Break', 1],
      ['Idle/Lunch', 1],
    ]);
    expect(clusterZoom(cluster)).toBeUndefined();
    expect(clusterLabel(cluster, 'Agent', 'utc', 110_000)).toBe(
      '2 agent state changes, 09:00:30.000 – 09:00:50.000: Idle/Break, Idle/Lunch (started at the same moment, so no zoom splits them: activate to select the first)',
    );
    // At the closest zoom they are still one bar.
    expect(layoutLane(lane, T0 + 29_995, T0 + 30_005, 1000).items.some((i) => i.cluster)).toBe(true);
  });

  it('splits bars whose starts differ once a pixel lies between them, to a fraction of a millisecond', () => {
    // 110 s over 1000 px: 110 ms a pixel. A hold and a resume 40 ms apart, a HAR's 0.3 ms apart.
    const lane = statesAt([
      [0, 'Available'],
      [30_000, 'Idle/Lunch'],
      [30_040, 'Available'],
      [30_040.3, 'Idle/Break'],
    ]);
    let layout = layoutLane(lane, T0, T0 + 110_000, 1000);
    const cluster = layout.items.find((i) => i.cluster)!.cluster!;
    expect(cluster.seqs).toEqual([11, 12, 13]);
    expect(clusterLabel(cluster, 'Agent', 'utc', 110_000)).toMatch(
      /^3 agent state changes, 09:00:30\.000 – 09:01:30\.040: Idle\/Lunch, Available, Idle\/Break \(too close together .* activate to zoom in\)$/,
    );
    // Activated: the view narrows to their starts (about 0.1 ms a pixel), and they come apart.
    const view = clusterZoom(cluster)!;
    layout = layoutLane(lane, view[0], view[1], 1000);
    expect(layout.packed).toBe(false);
    expect(seqsOf(layout.items)).toEqual([10, 11, 12, 13]);
    // Two starts 0.3 ms apart (a HAR's times): one activation, to the closest zoom, parts them.
    const har = statesAt([
      [0, 'Available'],
      [30_000, 'Idle/Lunch'],
      [30_000.3, 'Available'],
    ]);
    const pair = layoutLane(har, T0, T0 + 110_000, 1000).items.find((i) => i.cluster)!.cluster!;
    expect(pair.seqs).toEqual([11, 12]);
    const closest = clusterZoom(pair)!;
    expect(closest[1] - closest[0]).toBeCloseTo(10, 6);
    layout = layoutLane(har, closest[0], closest[1], 1000);
    expect(layout.packed).toBe(false);
    expect(seqsOf(layout.items)).toEqual([10, 11, 12]);
  });

  it('says a cluster at the closest zoom is not split by activating it, and activating it selects', () => {
    // Starts 5 µs apart (a HAR's microsecond times) in a 500 px chart: at the closest zoom (10 ms)
    // a pixel is 20 µs, so they stay packed however the user zooms.
    const lane = statesAt([
      [0, 'Available'],
      [30_000, 'Idle/Lunch'],
      [30_000.005, 'Idle/Break'],
    ]);
    const whole = layoutLane(lane, T0, T0 + 60_000, 500).items.find((i) => i.cluster)!.cluster!;
    expect(clusterActivation(whole, 60_000)).toEqual(clusterZoom(whole));
    expect(clusterLabel(whole, 'Agent', 'utc', 60_000)).toMatch(
      /\(too close together to draw one by one: activate to zoom in\)$/,
    );
    const [from, to] = clusterZoom(whole)!;
    expect(to - from).toBeCloseTo(10, 6);
    const closest = layoutLane(lane, from, to, 500).items.find((i) => i.cluster)!.cluster!;
    expect(closest.seqs).toEqual([11, 12]);
    expect(clusterActivation(closest, to - from)).toBeUndefined();
    expect(clusterLabel(closest, 'Agent', 'utc', to - from)).toMatch(
      /: Idle\/Lunch, Idle\/Break \(too close together to draw one by one even at the closest zoom: activate to select the first\)$/,
    );
  });

  it('leaves a lane with nothing overlapping as the selector made it', () => {
    const lane = statesAt([
      [0, 'Available'],
      [30_000, 'Idle/Lunch'],
    ]);
    const layout = layoutLane(lane, T0, T0 + 90_000, 1000);
    expect(layout.packed).toBe(false);
    expect(layout.items.map((i) => i.segment)).toEqual(lane.segments);
  });

  it('says how a packed bar is drawn: the colours of its bars, the longest-lasting first, so the bands show what it holds', () => {
    const bar = (t: number, kind: LaneSegment['kind'], what: string, seq: number): LaneSegment => ({
      from: T0 + t,
      to: T0 + t + 10,
      open: false,
      seq,
      kind,
      what,
    });
    // A recording paused for 0 ms, between two active stretches: active and paused in one bar.
    const recording: Lane = {
      id: 'recording',
      title: 'Recording',
      segments: [
        bar(0, 'recording-active', 'Recording', 1),
        bar(30_000, 'recording-paused', 'Recording paused', 2),
        bar(30_000, 'recording-active', 'Recording', 3),
        bar(30_001, 'recording-active', 'Recording', 4),
      ],
    };
    const packed = layoutLane(recording, T0, T0 + 60_000, 1000).items.find((i) => i.cluster)!.cluster!;
    expect(packed.looks).toEqual([
      { tone: 'recording-active', names: ['Recording'], count: 2, ms: 20, to: T0 + 30_011 },
      { tone: 'recording-paused', names: ['Recording paused'], count: 1, ms: 10, to: T0 + 30_010 },
    ]);
    const hold: Lane = {
      id: 'hold:leg',
      title: 'Hold',
      segments: [bar(5, 'hold', 'Hold', 7), bar(5, 'hold', 'Hold', 8)],
    };
    expect(layoutLane(hold, T0, T0 + 60_000, 1000).items[0]!.cluster!.looks).toEqual([
      { tone: 'hold', names: ['Hold'], count: 2, ms: 20, to: T0 + 15 },
    ]);
    // The agent's states: each band is its bars' own colour (`--tone-*`, in either theme); the one
    // that lasted 0 ms after the one that lasted a minute, though each is one bar.
    const agent = statesAt([
      [0, 'Available'],
      [0, 'Idle'],
    ]);
    agent.segments[0]!.state = { t: T0, seq: 10, status: 'Available', subStatus: 'Available' } as never;
    agent.segments[1]!.state = { t: T0, seq: 11, status: 'Idle' } as never;
    expect(
      layoutLane(agent, T0, T0 + 60_000, 1000).items[0]!.cluster!.looks!.map(({ tone, count, ms }) => [
        tone,
        count,
        ms,
      ]),
    ).toEqual([
      ['agent-idle', 1, 60_000],
      ['agent', 1, 0],
    ]);
    // Looks go by name: Idle/Lunch twice is one look, whatever the second's state says (a status
    // "Idle/Lunch" from the wire), as the name counts it once: the bar shows what it names.
    const lunch = statesAt([
      [0, 'Idle/Lunch'],
      [0, 'Idle/Lunch'],
      [0, 'Available'],
    ]);
    lunch.segments[0]!.state = { t: T0, seq: 10, status: 'Idle', subStatus: 'Lunch' } as never;
    lunch.segments[1]!.state = { t: T0, seq: 11, status: 'Idle/Lunch' } as never;
    lunch.segments[2]!.state = { t: T0, seq: 12, status: 'Available', subStatus: 'Available' } as never;
    const both = layoutLane(lunch, T0, T0 + 60_000, 1000).items[0]!.cluster!;
    expect(both.looks).toEqual([
      { tone: 'agent', names: ['Available'], count: 1, ms: 60_000, to: T0 + 60_000 },
      { tone: 'agent-idle', names: ['Idle/Lunch'], count: 2, ms: 0, to: T0 },
    ]);
    expect(both.kinds).toEqual([
      ['Idle/Lunch', 2],
      ['Available', 1],
    ]);
    // Five kinds of state in three colours: three bands (idle grey for the three idle codes, the
    // longest-lasting behind), no "and more" row; the name still lists all five, and says each
    // colour's share of the time, as its band's height.
    const shift = statesAt([
      [0, 'Idle/Lunch'],
      [5_000, 'Available'],
      [10_000, 'Idle/Break'],
      [20_000, 'RONA/Idle'],
      [30_000, 'Idle/Meeting'],
      [40_000, 'Idle/Lunch'],
    ]);
    const states: [string, string | undefined][] = [
      ['Idle', 'Lunch'],
      ['Available', 'Available'],
      ['Idle', 'Break'],
      ['RONA', 'Idle'],
      ['Idle', 'Meeting'],
      ['Idle', 'Lunch'],
    ];
    shift.segments.forEach((seg, i) => {
      seg.state = { t: seg.from, seq: seg.seq, status: states[i]![0], subStatus: states[i]![1] } as never;
    });
    const five = layoutLane(shift, T0, T0 + 60_000_000, 1000).items[0]!.cluster!;
    expect(five.kinds!.map(([what]) => what)).toEqual([
      'Idle/Lunch',
      'Available',
      'Idle/Break',
      'RONA/Idle',
      'Idle/Meeting',
    ]);
    expect(five.looks).toEqual([
      {
        tone: 'agent-idle',
        names: ['Idle/Lunch', 'Idle/Break', 'Idle/Meeting'],
        count: 4,
        ms: 85_000,
        to: T0 + 100_000,
      },
      { tone: 'agent-rona', names: ['RONA/Idle'], count: 1, ms: 10_000, to: T0 + 30_000 },
      { tone: 'agent', names: ['Available'], count: 1, ms: 5_000, to: T0 + 10_000 },
    ]);
    // RONA is a tenth of the time (and a sixth of the changes): one pixel of eight, not a third.
    expect(bandsBackground(five, BAR_PX)).toBe(
      [
        'linear-gradient(var(--tone-agent-rona, #9aa0a6) 0 0) 0 1px / max(6px, 30%) 1px no-repeat',
        'linear-gradient(var(--tone-agent, #9aa0a6) 0 0) 0 2px / max(6px, 10%) 1px no-repeat',
        'var(--tone-agent-idle, #9aa0a6)',
      ].join(', '),
    );
    expect(clusterLabel(five, 'Agent', 'utc', 60_000_000)).toBe(
      '6 agent state changes, 09:00:00.000 – 09:01:40.000: Idle/Lunch ×2, Available, Idle/Break, RONA/Idle, Idle/Meeting; bands by share of time: Idle/Lunch + Idle/Break + Idle/Meeting 85%, RONA/Idle 10%, Available 5% (too close together to draw one by one: activate to zoom in)',
    );
    // A request cluster is drawn by its worst outcome instead.
    const requests = requestLane(Array(10).fill(0), 5000, () => 'succeeded');
    expect(layoutLane(requests, T0, T0 + 5000, 1000).items.find((i) => i.cluster)!.cluster!.looks).toBeUndefined();
  });

  it("shares a packed bar's height among its bands by their time, in whole pixels, each at least 1 px", () => {
    expect(bandHeights([], 8)).toEqual([]);
    expect(bandHeights([42], 8)).toEqual([8]);
    expect(bandHeights([42], 6)).toEqual([6]);
    // Half and half; a 0 ms notch over a long one: its least, 1 px.
    expect(bandHeights([1, 1], 8)).toEqual([4, 4]);
    expect(bandHeights([0, 1000], 8)).toEqual([1, 7]);
    expect(bandHeights([0, 1000], 6)).toEqual([1, 5]);
    // 50%, 20%, 30% of 8 px: 4, 1.6, 2.4, rounded by largest remainder; of 6 px: 3, 1.2, 1.8.
    expect(bandHeights([500, 200, 300], 8)).toEqual([4, 2, 2]);
    expect(bandHeights([500, 200, 300], 6)).toEqual([3, 1, 2]);
    // 70%, 20%, 10%: the tenth is under a pixel of 8 (0.8) and takes 1; the rest share 7 by 70:20.
    expect(bandHeights([70, 20, 10], 8)).toEqual([5, 2, 1]);
    expect(bandHeights([70, 20, 10], 6)).toEqual([4, 1, 1]);
    // A band floored leaves the others less, which may floor another (20% of 3 px is 0.6, then
    // 70% of what is left is under 1 px too).
    expect(bandHeights([10, 20, 70], 3)).toEqual([1, 1, 1]);
    expect(bandHeights([1, 1, 98], 6)).toEqual([1, 1, 4]);
    // Equal remainders: the upper band takes the pixel.
    expect(bandHeights([1, 1, 1], 8)).toEqual([3, 3, 2]);
    // No time at all (or none that counts): equal shares.
    expect(bandHeights([0, 0], 8)).toEqual([4, 4]);
    expect(bandHeights([-5, 0, 0], 6)).toEqual([2, 2, 2]);
    // Too little height for a pixel each: each gets its least, the longest what is left.
    expect(bandHeights([1, 5], 1)).toEqual([1, 1]);
    expect(bandHeights([1, 5, 1], 4)).toEqual([1, 2, 1]);
    // Whatever the weights, the bands fill the height exactly and none is under 1 px.
    expect(bandHeights([0.3, 0.3, 0.4], 6)).toEqual([2, 2, 2]);
    for (const weights of [
      [1, 2, 3],
      [999, 1, 1],
      [0.3, 0.3, 0.4],
      [3, 0],
      [1e9, 1, 7],
    ])
      for (const px of [6, 8]) {
        const heights = bandHeights(weights, px);
        expect(
          heights.reduce((sum, h) => sum + h, 0),
          `${weights} in ${px}`,
        ).toBe(px);
        expect(Math.min(...heights), `${weights} in ${px}`).toBeGreaterThanOrEqual(1);
      }
  });

  it("draws a packed bar's colours as layers of its background: the one ending last behind, the others over its top, each as high as its time and as long as it lasts", () => {
    const cluster = (looks: [string, number, number, number][]): LaneCluster => ({
      from: T0,
      to: T0 + 1000,
      lastFrom: T0 + 10,
      seqs: [1, 2],
      row: 0,
      looks: looks.map(([tone, count, ms, to]) => ({ tone, names: [tone], count, ms, to: T0 + to })),
    });
    // One look: the bar is that colour, nothing over it.
    expect(bandsBackground(cluster([['hold', 2, 1000, 1000]]), BAR_PX)).toBe('var(--tone-hold, #9aa0a6)');
    // Two colours: one row over the one ending last, as high as its time, at least 1 px (under
    // the bar's 1 px outline), at least 6 px long.
    const over = (tone: string, to: string, h: number) =>
      `linear-gradient(var(--tone-${tone}, #9aa0a6) 0 0) 0 1px / max(6px, ${to}) ${h}px no-repeat`;
    for (const [what, looks, row, base] of [
      // A recording paused for 0 ms as it resumed: teal, a 1 px grey notch.
      [
        'paused 0 ms',
        [
          ['recording-active', 2, 1000, 1000],
          ['recording-paused', 1, 0, 0],
        ],
        over('recording-paused', '0%', 1),
        'recording-active',
      ],
      // By time, not by count: five RONAs of 1 ms among an hour-long Available: 1 px.
      [
        'RONAs of 1 ms',
        [
          ['agent-rona', 5, 5, 400],
          ['agent', 2, 3_600_000, 1000],
        ],
        over('agent-rona', '40%', 1),
        'agent',
      ],
      // Every bar lasted 0 ms: time says nothing, so the count shares the height (1:2 of 8 px).
      [
        'all 0 ms',
        [
          ['hold', 2, 0, 0],
          ['recording-paused', 1, 0, 0],
        ],
        over('recording-paused', '0%', 3),
        'hold',
      ],
    ] as const)
      expect(bandsBackground(cluster(looks.map((look) => [...look])), BAR_PX), what).toBe(
        `${row}, var(--tone-${base}, #9aa0a6)`,
      );
    // Three colours: the one ending last behind (wherever it is in the time order), the others
    // top down, longest first, each as high as its share of the time (50%, 20%, 30%): of 8 px
    // inside the outline 4, 2 and 2; of a compact chart's 6 px 3, 1 and 2.
    const three = cluster([
      ['agent', 5, 500, 700],
      ['agent-idle', 3, 300, 1000],
      ['agent-rona', 1, 200, 400],
    ]);
    expect(bandsBackground(three, BAR_PX)).toBe(
      [
        'linear-gradient(var(--tone-agent, #9aa0a6) 0 0) 0 1px / max(6px, 70%) 4px no-repeat',
        'linear-gradient(var(--tone-agent-rona, #9aa0a6) 0 0) 0 5px / max(6px, 40%) 2px no-repeat',
        'var(--tone-agent-idle, #9aa0a6)',
      ].join(', '),
    );
    expect(bandsBackground(three, COMPACT_BAR_PX)).toBe(
      [
        'linear-gradient(var(--tone-agent, #9aa0a6) 0 0) 0 1px / max(6px, 70%) 3px no-repeat',
        'linear-gradient(var(--tone-agent-rona, #9aa0a6) 0 0) 0 4px / max(6px, 40%) 1px no-repeat',
        'var(--tone-agent-idle, #9aa0a6)',
      ].join(', '),
    );
    // More than three colours (no lane has that many today): the longest other one, then a
    // hatched row as high as the rest together (30%, 30%, 40% of 8 px: 3, 2, 3).
    const four = bandsBackground(
      cluster([
        ['hold', 4, 400, 1000],
        ['consult', 3, 300, 900],
        ['conference', 2, 200, 800],
        ['recording-paused', 1, 100, 700],
      ]),
      BAR_PX,
    )!.split(/(?<=no-repeat), /);
    expect(four).toEqual([
      'linear-gradient(var(--tone-consult, #9aa0a6) 0 0) 0 1px / max(6px, 90%) 3px no-repeat',
      'repeating-linear-gradient(135deg, var(--fg-dim) 0 1px, var(--bg-alt) 1px 3px) 0 4px / 100% 2px no-repeat',
      'var(--tone-hold, #9aa0a6)',
    ]);
    // A request cluster has no looks: its outcome draws it.
    expect(bandsBackground({ ...cluster([]), looks: undefined }, BAR_PX)).toBeUndefined();
  });

  it("says in a packed bar's name what its bands stand for: each colour's kinds and share of the time", () => {
    const look = (names: string[], count: number, ms: number) => ({ tone: 'agent', names, count, ms, to: T0 });
    expect(
      bandsSaid([look(['Available'], 3, 700), look(['Idle/Lunch', 'Idle/Break'], 2, 250), look(['RONA/Idle'], 2, 50)]),
    ).toBe('bands by share of time: Available 70%, Idle/Lunch + Idle/Break 25%, RONA/Idle 5%');
    // A sliver is under 1%, not 0% (its band is there), and the rest is not quite all of it.
    expect(bandsSaid([look(['Available'], 1, 99_950), look(['RONA/Idle'], 9, 50)])).toBe(
      'bands by share of time: Available >99%, RONA/Idle <1%',
    );
    // A lasting 0 ms is 0%; every bar 0 ms: by count, and it says so.
    expect(bandsSaid([look(['Recording'], 1, 30), look(['Recording paused'], 1, 0)])).toBe(
      'bands by share of time: Recording 100%, Recording paused 0%',
    );
    expect(bandsSaid([look(['Hold'], 3, 0), look(['Recording paused'], 1, 0)])).toBe(
      'bands by share of count (each lasted 0 ms): Hold 75%, Recording paused 25%',
    );
    // Many names of one colour: the first three, then how many more.
    expect(bandsSaid([look(['A', 'B', 'C', 'D', 'E'], 5, 10), look(['F'], 1, 10)])).toBe(
      'bands by share of time: A + B + C + 2 more 50%, F 50%',
    );
  });

  it("gives each look the tone its bars are drawn in, an agent's idle states grey", () => {
    expect(lookTone('hold')).toBe('hold');
    expect(lookTone('recording-paused')).toBe('recording-paused');
    expect(lookTone('agent agent-available')).toBe('agent');
    expect(lookTone('agent agent-idle')).toBe('agent-idle');
    expect(lookTone('agent agent-loggedin agent-idle')).toBe('agent-idle');
    expect(lookTone('agent agent-rona')).toBe('agent-rona');
    expect(lookTone('agent agent-idle agent-rona')).toBe('agent-rona');
    // A state merely named like one is not it.
    expect(lookTone('agent agent-idle_open')).toBe('agent');
    expect(lookTone('agent agent-rona_x')).toBe('agent');
  });

  it("names at most six kinds, with counts, and a request cluster's outcomes", () => {
    const kinds = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
    const lane = statesAt(Array.from({ length: 20 }, (_, i) => [i * 0.01, kinds[i % 8]!] as [number, string]));
    const cluster = layoutLane(lane, T0, T0 + 60_000, 1000).items[0]!.cluster!;
    expect(clusterLabel(cluster, 'Agent', 'utc', 110_000)).toContain(
      ': A ×3, B ×3, C ×3, D ×3, E ×2, F ×2 and 2 more kinds (',
    );
    const hold: Lane = {
      id: 'hold:leg',
      title: 'Hold',
      segments: statesAt([
        [0, 'Hold'],
        [0, 'Hold'],
      ]).segments,
    };
    expect(clusterLabel(layoutLane(hold, T0, T0 + 60_000, 1000).items[0]!.cluster!, 'Hold', 'utc', 60_000)).toMatch(
      /^2 Hold bars, .*: Hold ×2 \(started at the same moment/,
    );
    const requests = requestLane(Array(10).fill(0), 5000, (i) => (i < 3 ? 'failed' : 'succeeded'));
    const packed = layoutLane(requests, T0, T0 + 5000, 1000).items.find((i) => i.cluster)!.cluster!;
    expect(clusterLabel(packed, 'Agent req.', 'utc', 5000)).toMatch(
      /^10 requests, .*: 3× PUT …\/session\/state → ✗ failed, 7× PUT …\/session\/state → ✓ succeeded \(started at the same moment/,
    );
  });

  it("names a request cluster's calls and answers with counts, worst first, so a reader can pick one", () => {
    const ID = '7f3c9a2e-1b4d-4e8f-9a6b-2c5d8e1f0a3b';
    const call = (method: string, path: string, outcome: RequestOutcome, status?: number) =>
      ({
        method,
        url: `https://api.wxcc-us1.cisco.com/v1/tasks/${ID}/${path}`,
        interactionId: ID,
        outcome,
        status,
      }) as TrackedRequest;
    const made = [
      call('PUT', 'hold', 'succeeded', 202),
      call('PUT', 'hold', 'http-error', 409),
      call('PUT', 'hold', 'succeeded', 202),
      call('POST', 'record/pause', 'timed-out', 202),
      call('POST', 'record/pause', 'pending'),
      call('PUT', 'unhold', 'http-error', 0),
      call('PUT', 'unhold', 'failed', 202),
    ];
    const lane = stackLane(
      {
        id: 'requests',
        title: 'Requests',
        segments: made.map((request, i) => ({
          from: T0 + i,
          to: T0 + 4000,
          open: false,
          seq: 500 + i,
          kind: 'request' as const,
          outcome: request.outcome,
          what: `${request.method} ${request.url}`,
          request,
        })),
      },
      120,
    );
    const cluster = layoutLane({ ...lane, rows: MAX_SUBROWS + 1 }, T0, T0 + 4000, 1000).items.find((i) => i.cluster)!
      .cluster!;
    expect(cluster.calls).toEqual([
      ['PUT …/unhold → ✗ failed (202)', 1],
      ['PUT …/hold → ! 409', 1],
      ['PUT …/unhold → ! no HTTP answer', 1],
      ['POST …/record/pause → ◷ timed out (202)', 1],
      ['POST …/record/pause → … pending', 1],
      ['PUT …/hold → ✓ 202', 2],
    ]);
    expect(clusterLabel(cluster, 'Requests', 'utc', 4000)).toMatch(
      /^7 requests, .*: 1× PUT …\/unhold → ✗ failed \(202\), 1× PUT …\/hold → ! 409, .*, 2× PUT …\/hold → ✓ 202 \(too close together/,
    );
    // More calls than fit: the rest are counted, and every outcome is still said.
    const many = { ...cluster, calls: [...cluster.calls!, ['GET …/a/b → ✓ 200', 4] as [string, number]] };
    expect(clusterLabel(many, 'Requests', 'utc', 4000)).toContain(
      ', 2× PUT …/hold → ✓ 202 and 1 more (in all: 1 ✗ failed, 2 ! HTTP error, 1 ◷ timed out, 1 … pending, 2 ✓ succeeded) (',
    );
    // Answered later (the replica updates a request in place): its name follows.
    const later = call('PUT', 'hold', 'pending');
    expect(callText(later)).toBe('PUT …/hold → … pending');
    Object.assign(later, { outcome: 'succeeded', status: 202 });
    expect(callText(later)).toBe('PUT …/hold → ✓ 202');
    // A hostile path: as the URL spells it (percent-encoded), never a control or markup.
    const odd = call('PUT', 'x\u202e<img src=x>', 'succeeded', 200);
    expect(callText(odd)).toBe('PUT …/x%E2%80%AE%3Cimg%20src=x%3E → ✓ 200');
  });
});

describe("kindClass: a state bar's classes", () => {
  const bar = (subStatus: string | undefined, status: string | undefined = subStatus): LaneSegment => ({
    from: T0,
    to: T0 + 1000,
    open: false,
    seq: 1,
    kind: 'agent',
    what: subStatus ?? '',
    state: {
      t: T0,
      seq: 1,
      event: 'AgentStateChangeSuccess',
      status,
      subStatus,
      reason: undefined,
      changedBy: undefined,
    },
  });

  it("keys on the state, and a state from the wire adds no class of the chart's own", () => {
    expect(kindClass(bar('Idle'))).toBe('agent agent-idle');
    expect(kindClass(bar('LoggedIn'))).toBe('agent agent-loggedin agent-idle');
    for (const hostile of ['Idle open', 'x picked', 'a\tseg-cluster', 'Lu\u202ench lanes-pane collapsed']) {
      const classes = kindClass(bar(hostile)).split(/\s+/);
      // The state's own class, then what it means (not available), both the chart's words.
      expect(classes, hostile).toHaveLength(3);
      expect(classes[1], hostile).toMatch(/^agent-[a-z0-9_]*$/);
      expect(classes[2], hostile).toBe('agent-idle');
    }
  });

  it('classes an idle state with an idle code (Idle/Lunch) as idle, drawn as Idle is, not as Available', () => {
    expect(kindClass(bar('Lunch', 'Idle'))).toBe('agent agent-lunch agent-idle');
    expect(lookTone(kindClass(bar('Lunch', 'Idle')))).toBe('agent-idle');
    expect(kindClass(bar('Idle', 'Idle'))).toBe('agent agent-idle');
    expect(kindClass(bar(undefined, 'Idle'))).toBe('agent agent-idle');
    expect(kindClass(bar('Idle', 'LoggedIn'))).toBe('agent agent-idle');
    // Available, and logged in and available: green.
    for (const [sub, status] of [
      ['Available', 'Available'],
      ['Available', 'LoggedIn'],
      [undefined, 'Available'],
    ])
      expect(lookTone(kindClass(bar(sub, status))), `${status}/${sub}`).toBe('agent');
    // A state the inspector does not know (§2.4: free strings), logged in before any state, a
    // session closed by another login: not available, so never drawn as Available is.
    for (const [sub, status] of [
      ['Lunch', 'Lunch'],
      ['Lunch', undefined],
      ['Engaged', 'Engaged'],
      [undefined, 'LoggedIn'],
      ['multi-login', 'LoggedOut'],
    ])
      expect(lookTone(kindClass(bar(sub, status))), `${status}/${sub}`).toBe('agent-idle');
    // The class is kept per status and sub-status, not per sub-status alone.
    expect(kindClass(bar('Idle', 'Idle'))).toBe('agent agent-idle');
    expect(kindClass(bar('Idle', 'RONA'))).toBe('agent agent-idle agent-rona');
  });

  it('draws RONA (an offer missed, the agent made unavailable) as a warning, whatever its sub-status', () => {
    expect(kindClass(bar('RONA'))).toBe('agent agent-rona');
    expect(lookTone(kindClass(bar('RONA')))).toBe('agent-rona');
    expect(lookTone(kindClass(bar('Idle', 'RONA')))).toBe('agent-rona');
    expect(lookTone(kindClass(bar(undefined, 'RONA')))).toBe('agent-rona');
    expect(lookTone(kindClass(bar('Available', 'Available')))).toBe('agent');
  });

  it("the simulator's idle state whose code names hostile text (bidi controls) is idle too", () => {
    const session = new Session();
    for (const frame of scenarioFrames('hostile')) session.ingest(frame);
    session.finish();
    const state = session.agent.states.find((s) => s.subStatus === BIDI_IDLE_REASON)!;
    expect(state.status).toBe('Idle');
    const lane = agentStateLane([state], state.t, state.t + 1000);
    expect(lookTone(kindClass(lane.segments[0]!))).toBe('agent-idle');
  });

  it('stays right for a capture that sends a new state every time (its classes are kept per state, boundedly)', () => {
    for (let round = 0; round < 2; round++)
      for (let i = 0; i < 1000; i++) expect(kindClass(bar(`Aux ${i}`))).toBe(`agent agent-aux_${i} agent-idle`);
    expect(kindClass(bar('Idle'))).toBe('agent agent-idle');
  });
});
