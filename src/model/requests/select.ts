import type { Lane, LaneSegment } from '../lanes';
import type { InteractionTimeline } from '../timeline';
import type { CorrelatorView, TrackedRequest } from './correlator';

/*
 * What the panel shows of requests: the ones of an interaction (its timeline rows and its
 * Requests lane), the agent's own (state changes, login: beside the Agent lane), and their bars.
 */

/**
 * The task requests that belong to the interaction (`ownerOf`: `Session.requestOwner`, what the
 * request's id meant when it was sent), in start order. Not by id: a merged child's id names the
 * child for what was sent before the merge and its parent after; an id only linked to it (a
 * consult's parent) names another interaction.
 */
export function interactionRequests(
  correlator: Pick<CorrelatorView, 'requests'>,
  timeline: InteractionTimeline,
  ownerOf: (request: TrackedRequest) => InteractionTimeline | undefined,
): TrackedRequest[] {
  return correlator.requests.filter((r) => r.operation !== undefined && ownerOf(r) === timeline);
}

/** Agent requests (no interaction: state change, login, logout…), in start order. */
export function agentRequests(correlator: Pick<CorrelatorView, 'requests'>): TrackedRequest[] {
  return correlator.requests.filter((r) => r.operation !== undefined && r.interactionId === undefined);
}

/** The outcomes a person looks for when something went wrong. */
export const PROBLEM_OUTCOMES: ReadonlySet<TrackedRequest['outcome']> = new Set(['failed', 'timed-out', 'http-error']);

/** When the request's bar ends: its result, its HTTP error, its timeout, or `end` while pending. */
export function requestEnd(request: TrackedRequest, end: number): { to: number; open: boolean; toSeq?: number } {
  if (request.resultSeq !== undefined && request.latencyMs !== undefined)
    return { to: request.t + request.latencyMs, open: false, toSeq: request.resultSeq };
  if (request.outcome === 'http-error' && request.ackMs !== undefined)
    return { to: request.t + request.ackMs, open: false, ...(request.ackSeq ? { toSeq: request.ackSeq } : {}) };
  if (request.outcome === 'timed-out' && typeof request.timeoutMs === 'number')
    return { to: request.t + request.timeoutMs, open: false };
  if (request.outcome === 'refused-duplicate') return { to: request.t, open: false };
  return { to: Math.max(end, request.t), open: true };
}

/** One line: `POST hold → succeeded in 412 ms`. */
export function describeRequest(request: TrackedRequest): string {
  const timing =
    request.latencyMs !== undefined
      ? ` in ${Math.round(request.latencyMs)} ms`
      : request.ackMs !== undefined
        ? ` (HTTP ${request.status} after ${Math.round(request.ackMs)} ms)`
        : '';
  return `${request.method} ${request.operation ?? request.url} → ${request.outcome}${timing}`;
}

/** A lane of request bars, from each request's start to its result (coloured by outcome). */
export function requestLane(id: string, title: string, requests: readonly TrackedRequest[], end: number): Lane {
  const segments: LaneSegment[] = requests.map((r) => {
    const { to, open, toSeq } = requestEnd(r, end);
    const segment: LaneSegment = {
      from: r.t,
      to,
      open,
      seq: r.seq,
      kind: 'request',
      what: describeRequest(r),
      outcome: r.outcome,
      request: r,
    };
    if (toSeq !== undefined) segment.toSeq = toSeq;
    return segment;
  });
  return { id, title, segments };
}
