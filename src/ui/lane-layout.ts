import { stackRows, type AgentStateChange, type Lane, type LaneSegment, type RequestOutcome } from '../model';
import { answerText, callText } from './request-view';

/*
 * What a lane draws at the chart's width: its bars, or, where they are too dense to tell apart,
 * clusters of them. An 8-hour shift has 20,000 agent state changes and thousands of requests: one
 * button per change is 0.05 px wide, and 24,000 buttons cost the panel seconds to draw and every
 * selection hundreds of ms. A cluster says how many bars it holds and their worst outcome, and
 * zooming in (activating it) splits it again: nothing is hidden, it is drawn at the size it can be.
 */

/** A state lane is packed when its bars in view average less than this (px)… */
const STATE_MIN_PX = 3;
/** …into clusters of the changes that start within this many px of the view. */
const STATE_BUCKET_PX = 6;
/** Sub-rows a request lane may take before its bars are clustered (six compact ones fit ~48 px). */
export const MAX_SUBROWS = 6;
/** A request bar is drawn at least this share of the view long (its outcome mark after it). */
export const MIN_BAR_SHARE = 3 / 100;

/**
 * A bar's classes. The agent's state comes from the wire: only its letters and digits make the
 * class (`agent-idle`), so a state such as "Idle open" or "x picked" cannot give a bar a class of
 * the chart's own (drawn open, marked as selected, or hidden).
 */
export const kindClass = (s: LaneSegment) =>
  s.state
    ? (stateClasses.get(s.state) ?? stateClass(s.state))
    : s.kind === 'request'
      ? `request outcome-${s.outcome ?? 'pending'}`
      : s.kind;

/**
 * An agent state's class: its sub-status names it (`agent-lunch`), else its status; then what it
 * means for taking contacts. Only an available agent (sub-status `Available`, or status
 * `Available` with none) takes contacts: every other state is `agent-idle` as well, drawn grey, so
 * an idle state with an idle (auxiliary) code ("Idle/Lunch", protocol doc §2.4: the sub-status
 * says Available or Idle, the code says why), logged in before any state, or a state the inspector
 * does not know (§2.4's `AgentState` takes free strings) is never drawn as Available. RONA (the
 * agent missed an offer and was made unavailable, §3) is `agent-rona`, drawn as a warning.
 * Kept per state change, and per status and sub-status (one string for a shift's many Lunches):
 * a packed shift's 20,000 bars are classed at every zoom (their bands). The second is emptied
 * past `AGENT_CLASSES_KEPT` (a hostile capture may send a new state each time).
 */
const stateClasses = new WeakMap<AgentStateChange, string>();
function stateClass(state: AgentStateChange): string {
  const kept = agentClass(state.status, state.subStatus);
  stateClasses.set(state, kept);
  return kept;
}
const agentClasses = new Map<string | undefined, Map<string | undefined, string>>();
const AGENT_CLASSES_KEPT = 256;
let agentClassesKept = 0;
const classWord = (state: string) => state.toLowerCase().replace(/[^a-z0-9]+/g, '_');
function agentClass(status: string | undefined, subStatus: string | undefined): string {
  let bySub = agentClasses.get(status);
  let kept = bySub?.get(subStatus);
  if (kept === undefined) {
    if (agentClassesKept >= AGENT_CLASSES_KEPT) {
      agentClasses.clear();
      agentClassesKept = 0;
      bySub = undefined;
    }
    if (!bySub) agentClasses.set(status, (bySub = new Map()));
    const name = classWord(subStatus ?? status ?? '');
    const rona = name === 'rona' || (status !== undefined && classWord(status) === 'rona');
    const meaning = rona ? 'rona' : name === 'available' ? name : 'idle';
    // The state's own class, then its meaning's unless that is the same word.
    kept = `agent agent-${name}${meaning === name || meaning === 'available' ? '' : ` agent-${meaning}`}`;
    bySub.set(subStatus, kept);
    agentClassesKept++;
  }
  return kept;
}

/**
 * The tone a look (`kindClass`) is drawn in: the `--tone-*` colour (panel.css, per theme) that its
 * bars' classes give them, so a packed bar's bands match the bars they stand for. An agent state
 * is red for RONA (`.seg-agent.agent-rona`), green when available, else grey (`.agent-idle`).
 */
export function lookTone(look: string): string {
  if (!look.startsWith('agent ')) return look;
  const classes = look.split(' ');
  if (classes.includes('agent-rona')) return 'agent-rona';
  return classes.includes('agent-idle') ? 'agent-idle' : 'agent';
}

/** Worst first: a cluster takes the outcome (pattern, colour, mark) of its worst request. */
const WORST_FIRST: readonly RequestOutcome[] = [
  'failed',
  'http-error',
  'timed-out',
  'unresolved',
  'pending',
  'refused-duplicate',
  'succeeded',
];

export interface LaneCluster {
  /** Epoch ms: the first bar's start to the last one's end. */
  from: number;
  to: number;
  /** Epoch ms: the last bar's start (bars are packed by their starts: what zooming in splits). */
  lastFrom: number;
  /** The bars it holds (their seqs, in start order). */
  seqs: readonly number[];
  /**
   * State and interval lanes: what its bars are (`LaneSegment.what`: "Available", "Hold") and how
   * many of each, in the order they first start. Request lanes say their outcomes instead.
   */
  kinds?: readonly [what: string, count: number][];
  /**
   * State and interval lanes: the colours its bars are drawn in (`lookTone` of `kindClass`:
   * `hold`, `recording-paused`, `agent-idle`), how many bars of each and how long they last, the
   * longest-lasting first (then the most, then in the order they first start): a packed bar shows
   * them as bands, so what it holds is seen, not only named. By colour, not by kind: Idle/Lunch,
   * Idle/Break and Idle/Meeting are one grey band, as their bars are one grey (four kinds of state
   * were four rows, the last a hatch, in 6 px).
   */
  looks?: readonly ClusterLook[];
  /** Request lanes: each outcome and how many of its bars had it, worst first. */
  outcomes?: readonly [RequestOutcome, number][];
  /**
   * Request lanes: each call and its answer (`PUT …/hold → ✓ 202`, `callText`) and how many of
   * its bars made it, worst outcome first, then in the order they first start: what a reader
   * needs to pick one.
   */
  calls?: readonly [call: string, count: number][];
  row: number;
}

/** One colour a packed bar's bars are drawn in, how many of them and how long (`LaneCluster.looks`). */
export interface ClusterLook {
  /** `lookTone` of its bars' `kindClass`: the `--tone-*` they are drawn in. */
  tone: string;
  /** Their names (`LaneSegment.what`), in the order they first start: what its band stands for. */
  names: string[];
  count: number;
  /**
   * How long its bars last, summed (ms): its band's share of the bar's height is this share of
   * its bars' time, not of their count (a shift's RONAs are a fifth of its changes and a sliver
   * of its time: drawn as a third of every packed bar, they read as a third of the time).
   */
  ms: number;
  /** Epoch ms: where the last of them ends (a band is drawn that long, not the whole cluster). */
  to: number;
}

export type LaneItem = { segment: LaneSegment; cluster?: undefined } | { cluster: LaneCluster; segment?: undefined };

export interface LaneLayout {
  /** Sub-rows drawn (1 when nothing is stacked). */
  rows: number;
  items: readonly LaneItem[];
  /** Whether some bars are drawn as clusters. */
  packed: boolean;
}

/**
 * The lane's drawing over the view [`from`, `to`] (epoch ms) at `widthPx`: its own segments and
 * sub-rows (`Lane.rows`, stacked by the selector) while they can be told apart; else the segments
 * in view, those starting within the same slice of the view (`STATE_BUCKET_PX` for the state lane,
 * `MIN_BAR_SHARE` for request lanes) packed into one cluster, re-stacked into sub-rows.
 */
export function layoutLane(lane: Lane, from: number, to: number, widthPx: number): LaneLayout {
  const span = Math.max(1, to - from);
  const request = lane.segments[0]?.kind === 'request';
  const width = Math.max(1, widthPx);
  const bucketMs = request ? span * MIN_BAR_SHARE : (span * STATE_BUCKET_PX) / width;
  const dense = request
    ? (lane.rows ?? 1) > MAX_SUBROWS
    : lane.segments.length > width / STATE_MIN_PX && visibleCount(lane.segments, from, to) > width / STATE_MIN_PX;
  if (!dense) {
    if (request) return { rows: lane.rows ?? 1, items: lane.segments.map((segment) => ({ segment })), packed: false };
    return packOverlapping(lane.segments, span / width);
  }

  // Segments in start order within the view, grouped by the slice their start falls in. A long
  // shift is laid out at every repaint: one pass, no copies, unless its segments need sorting.
  const inView = inStartOrder(lane.segments);
  const items: LaneItem[] = [];
  let group: LaneSegment[] = [];
  let bucket = Number.NaN;
  const flush = () => {
    if (group.length === 1) items.push({ segment: { ...group[0]!, row: 0 } });
    else if (group.length > 1) items.push({ cluster: clusterOf(group, request) });
    group = [];
  };
  for (const s of inView) {
    if (s.to < from || s.from > to) continue;
    const at = Math.floor((Math.max(s.from, from) - from) / bucketMs);
    // A bar wide enough to be seen on its own stays one (a long lunch among short states).
    const wide = !request && Math.min(s.to, to) - Math.max(s.from, from) >= bucketMs;
    if (wide || at !== bucket) {
      flush();
      bucket = wide ? Number.NaN : at;
    }
    group.push(s);
    if (wide) flush();
  }
  flush();
  // Zoomed in far enough, a dense lane's bars in view may all stand alone: nothing is packed then
  // (the key names packed bars only while one is drawn).
  const packed = items.some((item) => item.cluster);
  if (!request) return { rows: 1, items, packed };
  const bars = items.map((item) => item.segment ?? item.cluster);
  const { rows, count } = stackRows(bars, bucketMs);
  const stacked = items.map(
    (item, i): LaneItem =>
      item.segment ? { segment: { ...item.segment, row: rows[i]! } } : { cluster: { ...item.cluster, row: rows[i]! } },
  );
  return { rows: count, items: stacked, packed };
}

/**
 * A state or interval lane that fits bar by bar, except where bars start less than a pixel
 * (`pxMs`) apart: drawn one over the other they read as one bar, the first hidden under the next
 * (a state that lasted 0 ms, a hold and its resume in the same millisecond). Those are packed into
 * one cluster that names them; zooming in splits them as soon as a pixel lies between their starts.
 */
function packOverlapping(segments: readonly LaneSegment[], pxMs: number): LaneLayout {
  const inOrder = inStartOrder(segments);
  let items: LaneItem[] | undefined;
  for (let i = 0; i < inOrder.length; ) {
    let j = i + 1;
    while (j < inOrder.length && inOrder[j]!.from - inOrder[i]!.from < pxMs) j++;
    if (j - i > 1 && !items) items = inOrder.slice(0, i).map((segment) => ({ segment }));
    if (items) items.push(j - i > 1 ? { cluster: clusterOf(inOrder.slice(i, j), false) } : { segment: inOrder[i]! });
    i = j;
  }
  // Nothing overlaps (the usual case): the lane's own segments, as the selector made them.
  if (!items) return { rows: 1, items: segments.map((segment) => ({ segment })), packed: false };
  return { rows: 1, items, packed: true };
}

/** The segments by start (then seq): as they are when they already are (the state lane, a request lane). */
function inStartOrder(segments: readonly LaneSegment[]): readonly LaneSegment[] {
  for (let i = 1; i < segments.length; i++) {
    const a = segments[i - 1]!;
    const b = segments[i]!;
    if (a.from > b.from || (a.from === b.from && a.seq > b.seq))
      return [...segments].sort((x, y) => x.from - y.from || x.seq - y.seq);
  }
  return segments;
}

function clusterOf(group: readonly LaneSegment[], request: boolean): LaneCluster {
  let to = group[0]!.to;
  const seqs: number[] = [];
  for (const s of group) {
    if (s.to > to) to = s.to;
    seqs.push(s.seq);
  }
  const cluster: LaneCluster = { from: group[0]!.from, to, lastFrom: group.at(-1)!.from, seqs, row: 0 };
  if (request) {
    cluster.outcomes = outcomeCounts(group);
    cluster.calls = callCounts(group);
  } else {
    cluster.kinds = kindCounts(group);
    cluster.looks = lookCounts(group);
  }
  return cluster;
}

/** The narrowest view a cluster zooms to (ms): the axis still tells its ticks apart. */
export const MIN_ZOOM_MS = 10;

/**
 * The view (epoch ms) that activating a cluster zooms to: around its bars' starts, which is what
 * packed them, not its longest bar's end (a pile-up of 20 s requests started within 1 s would
 * zoom to the same 20 s again and never come apart). Each zoom narrows the view to a few times
 * one packing slice, so every cluster whose starts differ comes apart in a few activations.
 * Undefined when they all start at the same moment: nothing can split them. Starts a fraction of a
 * millisecond apart (a HAR's times) do come apart: at `MIN_ZOOM_MS` a pixel is a hundredth of one.
 */
export function clusterZoom(c: LaneCluster): [number, number] | undefined {
  const starts = c.lastFrom - c.from;
  if (starts <= 0) return undefined;
  const end = Math.min(c.to, c.lastFrom + starts);
  const margin = Math.max((end - c.from) * 0.1, (MIN_ZOOM_MS - (end - c.from)) / 2, 0);
  return [c.from - margin, end + margin];
}

/**
 * What activating a cluster does in a view `viewMs` wide: the view to zoom to (`clusterZoom`), or
 * undefined when no zoom would narrow the view, so the first of its bars is selected instead: its
 * bars start at the same moment, or the view is already as close as `MIN_ZOOM_MS` allows around
 * starts a few microseconds apart (a HAR's times, in a narrow chart).
 */
export function clusterActivation(c: LaneCluster, viewMs: number): [number, number] | undefined {
  const view = clusterZoom(c);
  return view && view[1] - view[0] < viewMs * 0.99 ? view : undefined;
}

function visibleCount(segments: readonly LaneSegment[], from: number, to: number): number {
  let n = 0;
  for (const s of segments) if (s.to >= from && s.from <= to) n++;
  return n;
}

function kindCounts(group: readonly LaneSegment[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const s of group) counts.set(s.what, (counts.get(s.what) ?? 0) + 1);
  return [...counts];
}

/**
 * Each colour's bars, counted by their name first (`what`; a cluster holds few names), then by the
 * tone of each name's first bar: a look asked of every bar (its state read, 20,000 of them
 * scattered in memory) cost a 20,000-change shift 4.5-5.2 ms per layout instead of 1.0-1.2 ms
 * without looks; by name, 1.4 ms. Bars of one name are drawn in one colour: the wire could give
 * two different states one name (a status "Idle/Lunch" with no sub-status, status Idle with
 * sub-status Lunch), and the packed bar then draws them as it names them, alike.
 */
function lookCounts(group: readonly LaneSegment[]): ClusterLook[] {
  const byName = new Map<string, ClusterLook>();
  const looks = new Map<string, ClusterLook>();
  for (const s of group) {
    let look = byName.get(s.what);
    if (!look) {
      const tone = lookTone(kindClass(s));
      look = looks.get(tone);
      if (!look) looks.set(tone, (look = { tone, names: [], count: 0, ms: 0, to: s.to }));
      look.names.push(s.what);
      byName.set(s.what, look);
    }
    look.count++;
    look.ms += s.to - s.from;
    if (s.to > look.to) look.to = s.to;
  }
  // Stable: looks as long and as common stay in the order they first start.
  return [...looks.values()].sort((a, b) => b.ms - a.ms || b.count - a.count);
}

/** The least height (px) of a packed bar's band: a colour held for a sliver of its time is still seen. */
export const BAND_MIN_PX = 1;

/**
 * The heights (whole px) of a packed bar's bands, top down, sharing `px` (the height inside its
 * outline) by `weights` (each band's time, or count), each at least `minPx`; they add up to `px`.
 * Whole pixels: a band edge at a fraction of a pixel is drawn as a blended pixel of neither colour,
 * which in a 6 px bar is a band of its own. A band whose share is under `minPx` gets `minPx`, the
 * others share what is left by their weights, rounded by largest remainder (ties to the upper).
 * With no weight at all (every bar 0 ms), the bands share it equally. `px` is assumed to hold
 * `minPx` per band (a packed bar draws at most three in 6 or 8 px).
 */
export function bandHeights(weights: readonly number[], px: number, minPx = BAND_MIN_PX): number[] {
  const n = weights.length;
  if (!n) return [];
  const total = weights.reduce((sum, w) => sum + Math.max(0, w), 0);
  const share = weights.map((w) => (total > 0 ? Math.max(0, w) / total : 1 / n));
  const floored = new Array<boolean>(n).fill(false);
  // Each band under its least takes its least; the rest then share less, so look again.
  for (let changed = true; changed; ) {
    changed = false;
    const left = px - minPx * floored.filter(Boolean).length;
    const of = share.reduce((sum, sh, i) => (floored[i] ? sum : sum + sh), 0);
    for (let i = 0; i < n; i++)
      if (!floored[i] && (of > 0 ? (share[i]! / of) * left : left / n) < minPx) floored[i] = changed = true;
  }
  const left = px - minPx * floored.filter(Boolean).length;
  const of = share.reduce((sum, sh, i) => (floored[i] ? sum : sum + sh), 0);
  const free = floored.filter((f) => !f).length;
  const exact = share.map((sh, i) => (floored[i] ? minPx : of > 0 ? (sh / of) * left : left / free));
  const heights = exact.map((h, i) => (floored[i] ? minPx : Math.floor(h)));
  let short = px - heights.reduce((sum, h) => sum + h, 0);
  // No band above its least (a bar too short for its bands): the longest takes what is left.
  if (free === 0) heights[share.indexOf(Math.max(...share))]! += Math.max(0, short);
  const byRemainder = exact
    .map((h, i) => ({ i, rest: floored[i] ? -1 : h - Math.floor(h) }))
    .filter(({ rest }) => rest >= 0)
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of byRemainder) {
    if (short <= 0) break;
    heights[i]!++;
    short--;
  }
  return heights;
}

function callCounts(group: readonly LaneSegment[]): [string, number][] {
  const counts = new Map<string, { count: number; rank: number }>();
  for (const s of group) {
    const outcome = s.outcome ?? 'pending';
    const call = s.request ? callText(s.request) : `${s.what} → ${answerText({ outcome, status: undefined })}`;
    const seen = counts.get(call);
    if (seen) seen.count++;
    else counts.set(call, { count: 1, rank: WORST_FIRST.indexOf(outcome) });
  }
  // Stable: calls of the same outcome stay in the order they first start.
  return [...counts].sort((a, b) => a[1].rank - b[1].rank).map(([call, { count }]): [string, number] => [call, count]);
}

function outcomeCounts(group: readonly LaneSegment[]): [RequestOutcome, number][] {
  const counts = new Map<RequestOutcome, number>();
  for (const s of group) {
    const outcome = s.outcome ?? 'pending';
    counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  }
  return WORST_FIRST.filter((o) => counts.has(o)).map((o) => [o, counts.get(o)!]);
}
