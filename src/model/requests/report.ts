import * as v from 'valibot';
import type { TrackedRequest } from './correlator';
import type { RequestTracker } from './tracker';

/**
 * The report's `requests` (issue 12): every request that is one of §7's operations, in start
 * order. `startedAt` is epoch ms; `ackMs` is start → HTTP response, `latencyMs` start → result
 * event (both ms, null when there was none). The keys after `ambiguous` are additions;
 * `belongsTo` is the key of the interaction the request belongs to (`Session.requestOwner`: what
 * its `interactionId` meant when it was sent), null for an agent request or an id that never
 * meant an interaction of the capture.
 */
export const RequestReportSchema = v.looseObject({
  method: v.string(),
  url: v.string(),
  operation: v.string(),
  interactionId: v.nullable(v.string()),
  startedAt: v.number(),
  status: v.nullable(v.number()),
  ackMs: v.nullable(v.number()),
  outcome: v.picklist(['succeeded', 'failed', 'http-error', 'timed-out', 'refused-duplicate', 'unresolved', 'pending']),
  resultSeq: v.nullable(v.number()),
  resultType: v.nullable(v.string()),
  latencyMs: v.nullable(v.number()),
  reason: v.nullable(v.string()),
  ambiguous: v.boolean(),
  seq: v.number(),
  reasonCode: v.nullable(v.number()),
  trackingConfirmed: v.boolean(),
  holdConfirmed: v.nullable(v.boolean()),
  duplicateOf: v.nullable(v.number()),
  lateResultSeq: v.nullable(v.number()),
  belongsTo: v.optional(v.nullable(v.string())),
});
export type RequestReport = v.InferOutput<typeof RequestReportSchema>;

export function reportRequests(
  tracker: RequestTracker,
  belongsTo: (request: TrackedRequest) => string | undefined,
): RequestReport[] {
  return tracker.correlator.requests
    .filter((r) => r.operation !== undefined)
    .map((r) => ({
      method: r.method,
      url: r.url,
      operation: r.operation!,
      interactionId: r.interactionId ?? null,
      startedAt: r.t,
      status: r.status ?? null,
      ackMs: r.ackMs ?? null,
      outcome: r.outcome,
      resultSeq: r.resultSeq ?? null,
      resultType: r.resultType ?? null,
      latencyMs: r.latencyMs ?? null,
      reason: r.reason ?? null,
      ambiguous: r.ambiguous,
      seq: r.seq,
      reasonCode: r.reasonCode ?? null,
      trackingConfirmed: r.trackingConfirmed,
      holdConfirmed: r.holdConfirmed ?? null,
      duplicateOf: r.duplicateOf ?? null,
      lateResultSeq: r.lateResultSeq ?? null,
      belongsTo: belongsTo(r) ?? null,
    }));
}

/** A result event no captured request asked for (another session, a supervisor, the backend). */
export const UnsolicitedResultSchema = v.object({
  seq: v.number(),
  /** Capture time, epoch ms. */
  t: v.number(),
  name: v.string(),
  interactionId: v.nullable(v.string()),
});
export type UnsolicitedReport = v.InferOutput<typeof UnsolicitedResultSchema>;

export function reportUnsolicited(tracker: RequestTracker): UnsolicitedReport[] {
  return tracker.correlator.unsolicited.map((u) => ({
    seq: u.seq,
    t: u.t,
    name: u.name,
    interactionId: u.interactionId ?? null,
  }));
}
