import { describe, expect, it } from 'vitest';
import type { Lane, LaneSegment, RequestOutcome, TrackedRequest } from '../../../src/model';
import { callText } from '../../../src/ui/request-view';
import { agentStateLane, Session, stackLane } from '../../../src/model';
import { BIDI_IDLE_REASON } from '../../sim/build/scenarios';
import { scenarioFrames } from '../../support/scenario-frames';
import { bandsBackground, clusterLabel } from '../../../src/ui/components/LaneChart';
import {
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

  it('says how a packed bar is drawn: the colours of its bars, most first, so the bands show what it holds', () => {
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
      { tone: 'recording-active', count: 2, to: T0 + 30_011 },
      { tone: 'recording-paused', count: 1, to: T0 + 30_010 },
    ]);
    const hold: Lane = {
      id: 'hold:leg',
      title: 'Hold',
      segments: [bar(5, 'hold', 'Hold', 7), bar(5, 'hold', 'Hold', 8)],
    };
    expect(layoutLane(hold, T0, T0 + 60_000, 1000).items[0]!.cluster!.looks).toEqual([
      { tone: 'hold', count: 2, to: T0 + 15 },
    ]);
    // The agent's states: each band is its bars' own colour (`--tone-*`, in either theme).
    const agent = statesAt([
      [0, 'Available'],
      [0, 'Idle'],
    ]);
    agent.segments[0]!.state = { t: T0, seq: 10, status: 'Available', subStatus: 'Available' } as never;
    agent.segments[1]!.state = { t: T0, seq: 11, status: 'Idle' } as never;
    expect(
      layoutLane(agent, T0, T0 + 60_000, 1000).items[0]!.cluster!.looks!.map(({ tone, count }) => [tone, count]),
    ).toEqual([
      ['agent', 1],
      ['agent-idle', 1],
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
    expect(both.looks!.map(({ tone, count }) => [tone, count])).toEqual([
      ['agent-idle', 2],
      ['agent', 1],
    ]);
    expect(both.kinds).toEqual([
      ['Idle/Lunch', 2],
      ['Available', 1],
    ]);
    // Five kinds of state in three colours: three bands (idle grey for the three idle codes, the
    // longest-lasting behind), no "and more" row; the name still lists all five.
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
    expect(five.looks!.map(({ tone, count }) => [tone, count])).toEqual([
      ['agent-idle', 4],
      ['agent', 1],
      ['agent-rona', 1],
    ]);
    expect(bandsBackground(five)).toBe(
      [
        'linear-gradient(transparent calc(0% + 1px), var(--tone-agent, #9aa0a6) calc(0% + 1px) calc(33.333% + 0.333px), transparent calc(33.333% + 0.333px)) 0 0 / max(6px, 10%) 100% no-repeat',
        'linear-gradient(transparent calc(33.333% + 0.333px), var(--tone-agent-rona, #9aa0a6) calc(33.333% + 0.333px) calc(66.667% - 0.333px), transparent calc(66.667% - 0.333px)) 0 0 / max(6px, 30%) 100% no-repeat',
        'var(--tone-agent-idle, #9aa0a6)',
      ].join(', '),
    );
    // A request cluster is drawn by its worst outcome instead.
    const requests = requestLane(Array(10).fill(0), 5000, () => 'succeeded');
    expect(layoutLane(requests, T0, T0 + 5000, 1000).items.find((i) => i.cluster)!.cluster!.looks).toBeUndefined();
  });

  it("draws a packed bar's colours as layers of its background: the longest behind, the others over its top, each as long as it lasts", () => {
    const cluster = (looks: [string, number, number][]): LaneCluster => ({
      from: T0,
      to: T0 + 1000,
      lastFrom: T0 + 10,
      seqs: [1, 2],
      row: 0,
      looks: looks.map(([tone, count, to]) => ({ tone, count, to: T0 + to })),
    });
    // One look: the bar is that colour, nothing over it.
    expect(bandsBackground(cluster([['hold', 2, 1000]]))).toBe('var(--tone-hold, #9aa0a6)');
    // A recording paused for 0 ms as it resumed: teal behind, a grey notch (at least 6 px) over the top half
    // (a row drawn by the stops of a layer as tall as the bar: rows meet exactly, whatever its height,
    // and share the height inside its 1 px outline).
    expect(
      bandsBackground(
        cluster([
          ['recording-active', 2, 1000],
          ['recording-paused', 1, 0],
        ]),
      ),
    ).toBe(
      'linear-gradient(transparent calc(0% + 1px), var(--tone-recording-paused, #9aa0a6) calc(0% + 1px) 50%, transparent 50%) 0 0 / max(6px, 0%) 100% no-repeat, var(--tone-recording-active, #9aa0a6)',
    );
    // Three colours: the longest behind (wherever it is in the count order), the others a third each, top down.
    expect(
      bandsBackground(
        cluster([
          ['agent', 5, 500],
          ['agent-idle', 3, 1000],
          ['agent-rona', 1, 250],
        ]),
      ),
    ).toBe(
      [
        'linear-gradient(transparent calc(0% + 1px), var(--tone-agent, #9aa0a6) calc(0% + 1px) calc(33.333% + 0.333px), transparent calc(33.333% + 0.333px)) 0 0 / max(6px, 50%) 100% no-repeat',
        'linear-gradient(transparent calc(33.333% + 0.333px), var(--tone-agent-rona, #9aa0a6) calc(33.333% + 0.333px) calc(66.667% - 0.333px), transparent calc(66.667% - 0.333px)) 0 0 / max(6px, 25%) 100% no-repeat',
        'var(--tone-agent-idle, #9aa0a6)',
      ].join(', '),
    );
    // More than three colours (no lane has that many today): the most common other one, then a
    // hatched row for the rest (the name lists them).
    const four = bandsBackground(
      cluster([
        ['hold', 4, 1000],
        ['consult', 3, 900],
        ['conference', 2, 800],
        ['recording-paused', 1, 700],
      ]),
    )!.split(/(?<=no-repeat), /);
    expect(four).toHaveLength(3);
    expect(four[0]).toBe(
      'linear-gradient(transparent calc(0% + 1px), var(--tone-consult, #9aa0a6) calc(0% + 1px) calc(33.333% + 0.333px), transparent calc(33.333% + 0.333px)) 0 0 / max(6px, 90%) 100% no-repeat',
    );
    expect(four[1]).toMatch(/^repeating-linear-gradient\(135deg, .*\) 0 50% \/ 100% 33\.3+\d*% no-repeat$/);
    expect(four[2]).toBe('var(--tone-hold, #9aa0a6)');
    // A request cluster has no looks: its outcome draws it.
    expect(bandsBackground({ ...cluster([]), looks: undefined })).toBeUndefined();
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
