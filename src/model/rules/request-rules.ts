import type { RequestOutcome, TrackedRequest } from '../requests/correlator';
import { NO_HITS, type SessionHit, type SessionRule } from './rule';

/*
 * Rules on WxCC REST requests and their results (issue 12; protocol doc §7, §10.9). The correlator
 * (model/requests) decides each request's outcome; each rule reports the requests that reached
 * its outcome since it last looked (its state: how far it has read the resolved list). The hit
 * sits on the request's own frame, so it shows on the request's row.
 */

function what(request: TrackedRequest): string {
  const on = request.interactionId ? ` for ${request.interactionId}` : '';
  return `${request.method} ${request.operation ?? request.url} (#${request.seq})${on}`;
}

function requestRule(
  id: SessionRule['id'],
  severity: SessionRule['severity'],
  summary: string,
  outcome: RequestOutcome,
  explain: (request: TrackedRequest) => { message: string; evidence: number[] },
): SessionRule<{ read: number }> {
  return {
    id,
    severity,
    summary,
    start: () => ({ read: 0 }),
    check(moment, state) {
      if (
        moment.kind !== 'processed' &&
        moment.kind !== 'event' &&
        moment.kind !== 'advanced' &&
        moment.kind !== 'finished'
      )
        return NO_HITS;
      const resolved = moment.session.requests.resolved;
      if (state.read === resolved.length) return NO_HITS;
      let hits: SessionHit[] | undefined;
      for (; state.read < resolved.length; state.read++) {
        const request = resolved[state.read]!;
        if (request.outcome !== outcome) continue;
        (hits ??= []).push({ seq: request.seq, request, ...explain(request) });
      }
      return hits ?? NO_HITS;
    },
  };
}

export const requestTimedOut = requestRule(
  'request-timed-out',
  'warn',
  'A task or agent request got no result event within its timeout (20 s; 80 s for campaign preview accept; none for consult to queue).',
  'timed-out',
  (r) => ({
    message: `${what(r)} got no result within ${((r.timeoutMs ?? 0) / 1000).toFixed(0)} s${r.status !== undefined ? ` (HTTP ${r.status} after ${r.ackMs} ms)` : ''}${r.lateResultSeq !== undefined ? `; its ${r.resultType ?? 'result'} came late, at #${r.lateResultSeq}` : ''}.`,
    evidence: [r.ackSeq, r.lateResultSeq].filter((s): s is number => s !== undefined),
  }),
);

export const requestFailed = requestRule(
  'request-failed',
  'warn',
  'A request was answered by its failure event (e.g. `AgentContactHoldFailed`), with reason and code; *ambiguous* when several pending requests could have taken it.',
  'failed',
  (r) => ({
    message: `${what(r)} failed: ${r.resultType} (#${r.resultSeq}) after ${r.latencyMs} ms${r.reason ? `, reason ${r.reason}` : ''}${r.reasonCode !== undefined ? ` (code ${r.reasonCode})` : ''}${r.ambiguous ? '; ambiguous: the failure names no interaction and more than one request was pending, so it went to the oldest (as the SDK does)' : ''}${r.sdkFailedSeq !== undefined ? `; the desktop showed it on #${r.sdkFailedSeq} (the SDK fails the oldest pending request of the operation, whatever the interaction)` : ''}.`,
    evidence: [r.resultSeq!, ...(r.sdkFailedSeq === undefined ? [] : [r.sdkFailedSeq])],
  }),
);

export const requestHttpError = requestRule(
  'request-http-error',
  'error',
  'A request to the WxCC API got an HTTP error (400 or more) or no HTTP answer at all.',
  'http-error',
  (r) => ({
    message: `${what(r)}: ${r.reason ?? `HTTP ${r.status}`}${r.ackMs !== undefined ? ` after ${r.ackMs} ms` : ''}.`,
    evidence: r.ackSeq === undefined ? [] : [r.ackSeq],
  }),
);

export const requestRefusedDuplicate = requestRule(
  'request-refused-duplicate',
  'info',
  'A second identical request (same operation and interaction) while the first was pending, whose call never left the page (HTTP status 0, not sent): the refusal the desktop makes.',
  'refused-duplicate',
  (r) => ({
    message: `${what(r)} repeats #${r.duplicateOf}, still pending, and was never sent: the desktop refuses such a request without calling the API.`,
    evidence: [r.duplicateOf!],
  }),
);

/**
 * A second identical request that was sent all the same (§10.9: the SDK refuses it without a REST
 * call, so it came from elsewhere). Reported when it ends, whatever its outcome.
 */
export const requestSentWhilePending: SessionRule<{ read: number }> = {
  id: 'request-sent-while-pending',
  severity: 'warn',
  summary:
    'A second identical request (same operation and interaction) was sent while the first was pending; the SDK would refuse it without calling the API, so something else sent it. Joined to its own result.',
  start: () => ({ read: 0 }),
  check(moment, state) {
    if (moment.kind === 'received' || moment.kind === 'welcome' || moment.kind === 'agent-event') return NO_HITS;
    const resolved = moment.session.requests.resolved;
    let hits: SessionHit[] | undefined;
    for (; state.read < resolved.length; state.read++) {
      const r = resolved[state.read]!;
      if (r.duplicateOf === undefined || r.outcome === 'refused-duplicate') continue;
      const hit: SessionHit = {
        seq: r.seq,
        request: r,
        message: `${what(r)} was sent while #${r.duplicateOf} was pending (the SDK would refuse it); it ${r.outcome === 'succeeded' ? `got its own result, #${r.resultSeq}` : `ended ${r.outcome}`}.`,
        evidence: [r.duplicateOf, ...(r.resultSeq === undefined ? [] : [r.resultSeq])],
      };
      (hits ??= []).push(hit);
    }
    return hits ?? NO_HITS;
  },
};
