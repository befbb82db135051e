import type { AgentStateChange } from './agent-lane';
import { OPERATIONS } from './requests/operations';
import type { CorrelatorView, TrackedRequest } from './requests/correlator';
import { mergeRows, type AgentEventRow, type TimelineRow } from './requests/rows';
import { agentRequests, requestEnd } from './requests/select';

/*
 * The agent's own session as one timeline (the panel's **Agent** entry): its state changes, its
 * requests (state change, login, logout, relogin: they name no interaction) and the events that
 * answered them, over the whole capture. Agent requests outside every interaction's span (an
 * idle-time state change, a failed login before the first call) are on no interaction's chart;
 * here every one of them is.
 */

/** Result events of the agent operations (§7: state change, login, logout, relogin). */
const AGENT_RESULT_NAMES: ReadonlySet<string> = new Set(
  OPERATIONS.filter((op) => op.scope === 'agent').flatMap((op) => [...op.success, ...op.failure, ...op.cancel]),
);

/**
 * The agent's events, in seq order, each once: every state change, the result events of agent
 * requests that are no state change (a failure, a late result), and agent results no captured
 * request asked for. `eventAt` gives an event's name and capture time (epoch ms) by its seq (the
 * panel's frame info and log); without them a result is named after the request's `resultType`
 * and placed at its request's start plus its latency.
 */
export function agentEvents(
  states: readonly AgentStateChange[],
  correlator: CorrelatorView,
  eventAt: (seq: number) => { name?: string | undefined; t?: number | undefined } | undefined,
): AgentEventRow[] {
  const bySeq = new Map<number, AgentEventRow>();
  for (const state of states) bySeq.set(state.seq, stateRow(state));
  for (const request of agentRequests(correlator)) {
    for (const seq of [request.resultSeq, request.lateResultSeq]) {
      if (seq === undefined || bySeq.has(seq)) continue;
      const known = eventAt(seq);
      const inTime = seq === request.resultSeq && request.latencyMs !== undefined;
      bySeq.set(seq, {
        seq,
        t: known?.t ?? (inTime ? request.t + request.latencyMs! : request.t),
        name: known?.name ?? (inTime ? request.resultType : undefined) ?? `event #${seq}`,
      });
    }
  }
  for (const result of correlator.unsolicited) {
    if (result.interactionId !== undefined || !AGENT_RESULT_NAMES.has(result.name) || bySeq.has(result.seq)) continue;
    bySeq.set(result.seq, { seq: result.seq, t: result.t, name: result.name });
  }
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * The items `after` adds at the end of `before`, when `after` starts with `before`'s items (by
 * identity of the last one: both lists only ever grow), or undefined.
 */
export function addedAtEnd<T>(before: readonly T[], after: readonly T[]): readonly T[] | undefined {
  if (after.length <= before.length) return undefined;
  if (before.length && after[before.length - 1] !== before[before.length - 1]) return undefined;
  return after.slice(before.length);
}

const stateRow = (state: AgentStateChange): AgentEventRow => ({ seq: state.seq, t: state.t, name: state.event, state });

/**
 * `events` (`agentEvents` of the states `before`, with the same requests) with the states that
 * `after` adds at its end, when that is all that changed: `after` starts with `before`'s states
 * and adds later ones (seq above every event's), and the results the correlator called unsolicited
 * since (`newUnsolicited`) are those states' own events or an interaction's. Undefined otherwise
 * (rebuild with `agentEvents`). A live shift's new state then costs its own row, not 24,000 (the
 * rows before keep their identity).
 */
export function withNewStates(
  events: readonly AgentEventRow[],
  before: readonly AgentStateChange[],
  after: readonly AgentStateChange[],
  newUnsolicited: readonly { seq: number; interactionId?: string | undefined }[],
): AgentEventRow[] | undefined {
  const newStates = addedAtEnd(before, after);
  if (!newStates) return undefined;
  let last = events.at(-1)?.seq ?? -Infinity;
  const added: AgentEventRow[] = [];
  const seqs = new Set<number>();
  for (const state of newStates) {
    if (state.seq <= last) return undefined;
    last = state.seq;
    seqs.add(state.seq);
    added.push(stateRow(state));
  }
  if (newUnsolicited.some((r) => r.interactionId === undefined && !seqs.has(r.seq))) return undefined;
  return [...events, ...added];
}

/** The agent's timeline rows: its events and its requests (each at its start), in capture order. */
export function agentRows(
  events: readonly AgentEventRow[],
  requests: readonly TrackedRequest[],
): readonly TimelineRow[] {
  return mergeRows(events, requests);
}

/**
 * The span (epoch ms) the agent's chart covers: from its first state change or request to `now`
 * (a file's last frame, or the live clock), or to the end of a bar that reaches past it. Undefined
 * when the agent has neither.
 */
export function agentSpan(
  events: readonly AgentEventRow[],
  requests: readonly TrackedRequest[],
  now: number,
): { start: number; end: number } | undefined {
  const first = Math.min(events[0]?.t ?? Infinity, requests[0]?.t ?? Infinity);
  if (first === Infinity) return undefined;
  let end = Math.max(now, events.at(-1)?.t ?? first);
  for (const r of requests) end = Math.max(end, requestEnd(r, r.t).to);
  return { start: first, end };
}
