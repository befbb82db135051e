import type { AgentStateChange } from './agent-lane';
import { mayRecord } from './may-record';
import type { Interval, IntervalKind } from './intervals';
import type { RequestOutcome, TrackedRequest } from './requests/correlator';
import type { InteractionTimeline } from './timeline';

/** One bar of a lane: a stretch of time during which a flag was on, or the agent was in one state. */
export interface LaneSegment {
  /** Epoch ms. */
  from: number;
  to: number;
  /** Still going at `end` (the end of the capture, or "now" while live). */
  open: boolean;
  /** The event that started it (its seq), and the one that ended it when it ended. */
  seq: number;
  toSeq?: number;
  /** `hold`, `recording-active`, … or `agent` for the agent's state, `request` for a REST request. */
  kind: IntervalKind | 'agent' | 'request';
  /** For request segments: the request's outcome (model/requests). */
  outcome?: RequestOutcome;
  /** For request segments: the request itself (a packed bar names its requests' calls and answers). */
  request?: TrackedRequest;
  /** What it is, in words: "Recording paused", "Hold", or the agent's state ("Idle/Lunch"). */
  what: string;
  /** For agent segments: the state change itself (its time may be before the interaction began). */
  state?: AgentStateChange;
  /** The sub-row it is drawn in when bars of its lane overlap (0 = the first; see `Lane.rows`). */
  row?: number;
}

/** One row of the lane chart. */
export interface Lane {
  /** Stable key: `hold:<mediaResourceId>`, `recording`, `consult`, `conference`, `agent`. */
  id: string;
  /**
   * The row's label: "Recording", …, "Agent"; a hold lane says whose leg it is, "Hold · customer"
   * or "Hold · leg …b3" (`holdTitles`).
   */
  title: string;
  /** For hold lanes: the media leg (its whole mediaResourceId). */
  leg?: string;
  segments: LaneSegment[];
  /** Sub-rows its overlapping bars are stacked into (request lanes); 1 when absent. */
  rows?: number;
}

const TITLE: Record<IntervalKind, string> = {
  hold: 'Hold',
  'recording-active': 'Recording',
  'recording-paused': 'Recording',
  consult: 'Consult',
  conference: 'Conference',
};
const LANE_ORDER: readonly IntervalKind[] = ['hold', 'recording-active', 'recording-paused', 'consult', 'conference'];

/** The fewest characters of a leg's id a hold lane's name shows. */
const MIN_TAIL = 2;

/**
 * The names of an interaction's hold lanes, by leg: "Hold · customer" for the customer's leg
 * (every hold of it was while it was the customer's, `Interval.customer`), as the **On hold**
 * badge and the CLI's "on hold" mean it; "Hold · leg …b3" for another (a parked consult leg, the
 * **Leg held** badge), by the shortest end of its id (2 characters at least) that tells the other
 * legs held in this interaction apart, so the name stays short enough for a side dock's chart
 * and two held legs never read alike. The whole id is the lane's `leg`.
 */
export function holdTitles(holds: readonly Pick<Interval, 'leg' | 'customer'>[]): Map<string, string> {
  const customer = new Map<string, boolean>();
  for (const hold of holds) {
    const leg = hold.leg ?? '';
    customer.set(leg, (customer.get(leg) ?? true) && hold.customer === true);
  }
  const others = [...customer].filter(([leg, mine]) => !mine && leg !== '').map(([leg]) => leg);
  let tail = MIN_TAIL;
  while (
    tail < Math.max(0, ...others.map((leg) => leg.length)) &&
    new Set(others.map((leg) => leg.slice(-tail))).size < others.length
  )
    tail++;
  const titles = new Map<string, string>();
  for (const [leg, mine] of customer) {
    const end = leg.length > tail + 1 ? `…${leg.slice(-tail)}` : leg;
    titles.set(leg, mine ? HOLD_CUSTOMER : leg === '' ? 'Hold · leg' : `Hold · leg ${end}`);
  }
  return titles;
}

const HOLD_CUSTOMER = 'Hold · customer';

/**
 * The interaction's intervals as lanes, in a fixed order: one hold lane per media leg (only legs
 * that were held; named by `holdTitles`), one Recording lane (active and paused share it), Consult, Conference (always
 * present, possibly empty), then the agent's state from the last change before `start` to `end`.
 * Open intervals run to `end`.
 */
export function lanesOf(
  timeline: InteractionTimeline,
  agentStates: readonly AgentStateChange[],
  start: number,
  end: number,
): Lane[] {
  const lanes = new Map<string, Lane>();
  const lane = (id: string, title: string, leg?: string): Lane => {
    let found = lanes.get(id);
    if (!found) {
      found = { id, title, segments: [] };
      if (leg !== undefined) found.leg = leg;
      lanes.set(id, found);
    }
    return found;
  };
  const holds = holdTitles(timeline.intervals.filter((interval) => interval.kind === 'hold'));
  for (const kind of LANE_ORDER) {
    const id = kind === 'hold' ? undefined : kind.startsWith('recording') ? 'recording' : kind;
    for (const interval of timeline.intervals) {
      if (interval.kind !== kind) continue;
      const leg = interval.leg ?? '';
      const row = id === undefined ? lane(`hold:${leg}`, holds.get(leg)!, leg) : lane(id, TITLE[kind]);
      // A bar says whose leg it held, even on a lane whose leg was not always the customer's.
      const what =
        kind === 'recording-paused'
          ? 'Recording paused'
          : id === undefined && interval.customer
            ? HOLD_CUSTOMER
            : row.title;
      const segment: LaneSegment = {
        from: interval.fromT,
        to: interval.toT ?? end,
        open: interval.toT === undefined,
        seq: interval.fromSeq,
        kind,
        what,
      };
      if (interval.toSeq !== undefined) segment.toSeq = interval.toSeq;
      row.segments.push(segment);
    }
    // Digital channels are not recorded: no Recording lane unless something was recorded.
    if (id === 'recording' && !lanes.has(id) && !mayRecord(timeline.mediaType)) continue;
    if (id !== undefined) lane(id, TITLE[kind]);
  }
  // The agent's state while this interaction lasted (the last change before it, and those during it).
  lanes.set('agent', agentStateLane(agentStates, start, end));
  return [...lanes.values()];
}

/**
 * The agent's state from `start` to `end` (epoch ms) as the **Agent** lane: the last change before
 * `start` (drawn from `start`) and every change up to `end`; the last one runs on to `end`, open.
 * Used by an interaction's chart and by the agent's own (the whole capture). `previous`, the lane
 * this returned for the same states before more came in, lends its unchanged segments: on a long
 * shift (20,000 changes) a repaint then allocates one array, not 20,000 segments.
 */
export function agentStateLane(
  agentStates: readonly AgentStateChange[],
  start: number,
  end: number,
  previous?: Lane,
): Lane {
  const agent: Lane = { id: 'agent', title: 'Agent', segments: [] };
  const relevant = agentStates.filter((s, i) => s.t <= end && (agentStates[i + 1]?.t ?? Infinity) >= start);
  const reuse = previous?.segments ?? [];
  relevant.forEach((state, i) => {
    const next = relevant[i + 1];
    const from = Math.max(state.t, start);
    const to = next?.t ?? end;
    const old = reuse[i];
    if (old && old.state === state && old.from === from && old.to === to && old.open === !next) {
      agent.segments.push(old);
      return;
    }
    agent.segments.push({ from, to, open: !next, seq: state.seq, kind: 'agent', what: stateWords(state), state });
  });
  return agent;
}

/** "Available", "Idle/Lunch" (status and sub-status, once when equal), else the event's name. */
function stateWords(state: AgentStateChange): string {
  const { status, subStatus } = state;
  if (status && subStatus && status !== subStatus) return `${status}/${subStatus}`;
  return status || subStatus || state.event;
}
