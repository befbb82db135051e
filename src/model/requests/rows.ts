import { itemAtSeq } from '../../frame/seq-order';
import type { AgentStateChange } from '../agent-lane';
import type { Lane, LaneSegment } from '../lanes';
import type { TimelineEvent } from '../timeline';
import type { CorrelatorView, TrackedRequest } from './correlator';
import { PROBLEM_OUTCOMES } from './select';

/*
 * Requests among the events of an interaction's timeline (issue 12): where a request's row goes,
 * which row it is joined to (its result event, or the request an event answered), which events no
 * request asked for, and how overlapping request bars stack. The panel's selectors call these; the
 * matching itself is the correlator's.
 */

/** A request's row in the timeline, placed at its start (`seq`, `t` of its request frame). */
export interface RequestRow {
  seq: number;
  t: number;
  request: TrackedRequest;
}

/**
 * An event of the agent's own session among its requests (the panel's **Agent** entry): a state
 * change (login, Available, Idle…, a takeover) or the result event of an agent request (a failure).
 */
export interface AgentEventRow {
  seq: number;
  t: number;
  /** The event name (`AgentStateChange`, `AgentStateChangeFailed`…). */
  name: string;
  /** The state change, when the event is one. */
  state?: AgentStateChange;
}

export type TimelineRow = TimelineEvent | RequestRow | AgentEventRow;

export const isRequestRow = (row: TimelineRow): row is RequestRow => 'request' in row;
export const isAgentEventRow = (row: TimelineRow): row is AgentEventRow => !('request' in row) && !('info' in row);

const rowOf = (request: TrackedRequest): RequestRow => ({ seq: request.seq, t: request.t, request });

/**
 * Events and requests as one list in capture order (both inputs in seq order; a request frame and
 * an event never share a seq). Returns `events` itself when there is no request to add.
 */
export function mergeRows<E extends { seq: number }>(
  events: readonly E[],
  requests: readonly TrackedRequest[],
): readonly (E | RequestRow)[] {
  if (!requests.length) return events;
  const rows: (E | RequestRow)[] = [];
  let r = 0;
  for (const event of events) {
    while (r < requests.length && requests[r]!.seq < event.seq) rows.push(rowOf(requests[r++]!));
    rows.push(event);
  }
  while (r < requests.length) rows.push(rowOf(requests[r++]!));
  return rows;
}

/** The events that answered one of `requests`: in time, or late (after its timeout). */
export function resultSeqsOf(requests: readonly TrackedRequest[]): Set<number> {
  const seqs = new Set<number>();
  for (const r of requests) {
    if (r.resultSeq !== undefined) seqs.add(r.resultSeq);
    if (r.lateResultSeq !== undefined) seqs.add(r.lateResultSeq);
  }
  return seqs;
}

/** Requests that failed, timed out or got an HTTP error (the "failed or timed-out requests only" filter). */
export const problemRequests = (requests: readonly TrackedRequest[]): TrackedRequest[] =>
  requests.filter((r) => PROBLEM_OUTCOMES.has(r.outcome));

/** The request whose request frame has this seq (requests start in seq order: a binary search). */
export function requestAt(correlator: CorrelatorView, seq: number | null | undefined): TrackedRequest | undefined {
  if (seq === null || seq === undefined) return undefined;
  return itemAtSeq(correlator.requests, seq);
}

/** The request an HTTP frame belongs to: the one it started (its request frame) or answered (its response). */
export function requestOfFrame(correlator: CorrelatorView, seq: number): TrackedRequest | undefined {
  return requestAt(correlator, seq) ?? correlator.requests.find((r) => r.ackSeq === seq);
}

/** How an event answered a request: in time (`late` false) or after the request had timed out. */
export interface AnsweredRequest {
  request: TrackedRequest;
  late: boolean;
  /** Request start → this event, ms (the request's `latencyMs` when it came in time). */
  afterMs: number;
}

/** The request the event answered, if it answered one. */
export function answeredBy(
  correlator: CorrelatorView,
  event: { seq: number; t: number } | undefined,
): AnsweredRequest | undefined {
  if (!event) return undefined;
  const request = correlator.byResultSeq.get(event.seq);
  return request ? { request, late: request.resultSeq !== event.seq, afterMs: event.t - request.t } : undefined;
}

/**
 * The row joined to the selected one: a request's result event (its late one after a timeout), or
 * the request a result event answered. Undefined when the row has no partner.
 */
export function joinedSeq(correlator: CorrelatorView, selectedSeq: number | null | undefined): number | undefined {
  if (selectedSeq === null || selectedSeq === undefined) return undefined;
  const answered = correlator.byResultSeq.get(selectedSeq);
  if (answered) return answered.seq;
  const request = requestAt(correlator, selectedSeq);
  return request?.resultSeq ?? request?.lateResultSeq;
}

/** Whether the event is a result no captured request asked for (another session, a supervisor, the backend). */
export const isUnsolicited = (correlator: CorrelatorView, eventSeq: number): boolean =>
  correlator.unsolicitedSeqs.has(eventSeq);

/**
 * Sub-rows for bars that overlap in time, so none is drawn over another: each segment (in start
 * order) takes the first sub-row whose last bar ended before it starts, or a new one. A bar counts
 * as at least `minMs` long (a bar is drawn at least a few pixels wide). Returns the sub-row of each
 * segment, by index, and how many sub-rows there are (at least 1).
 */
export function stackRows(
  segments: readonly Pick<LaneSegment, 'from' | 'to'>[],
  minMs = 0,
): { rows: number[]; count: number } {
  const order = segments.map((_, i) => i).sort((a, b) => segments[a]!.from - segments[b]!.from || a - b);
  const ends: number[] = [];
  const rows = new Array<number>(segments.length).fill(0);
  for (const i of order) {
    const s = segments[i]!;
    const to = Math.max(s.to, s.from + minMs);
    let row = ends.findIndex((end) => end < s.from);
    if (row < 0) row = ends.push(to) - 1;
    else ends[row] = to;
    rows[i] = row;
  }
  return { rows, count: Math.max(1, ends.length) };
}

/** The lane with its overlapping bars stacked into sub-rows (`stackRows`). */
export function stackLane(lane: Lane, minMs = 0): Lane {
  const { rows, count } = stackRows(lane.segments, minMs);
  return { ...lane, rows: count, segments: lane.segments.map((s, i) => ({ ...s, row: rows[i]! })) };
}
