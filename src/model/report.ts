import * as v from 'valibot';
import { FINDING_CODES } from '../protocol';
import { RULE_IDS } from './anomaly';
import { reportFlags } from './flags';
import { closeRecorded } from './sockets';
import { customerOfSnapshot } from './customer';
import { reportRequests, reportUnsolicited, RequestReportSchema, UnsolicitedResultSchema } from './requests/report';
import type { Session } from './session';

/*
 * The analysis report, format version 2: what `wxcc-inspector analyze --json` prints. The keys the
 * contract names (issue 4) are kept as they are; the extra keys (evidence, intervals, counts) are
 * additions the contract allows. Types come from this schema; tests validate the CLI's output
 * against it.
 *
 * Version 2 (issue 10) adds: each interaction's `customer` ({value, source}); on events the end
 * and failure facts the wire gave (`reason`, `reasonCode`, `terminatingParty`,
 * `agentsPendingWrapUp`, `participantId`, when sent) and `marks` (duplicateOf, late, reordered);
 * in flags `endedBy` and `consulted`, and `recording: "conflict"`. `wrapUp` now means wrap-up owed
 * by this agent (§10.4) and `onHold` the customer's leg. `requests` (issue 12: WxCC REST requests
 * joined to their results, model/requests/report.ts) and `unsolicited` (result events no captured
 * request asked for) are additions to version 2: keys readers of version 2 can ignore.
 */
const SEVERITY = v.picklist(['info', 'warn', 'error']);

export const ReportFlagsSchema = v.looseObject({
  state: v.nullable(v.string()),
  onHold: v.boolean(),
  heldLegs: v.array(v.string()),
  /** The customer's leg (the one `onHold` is about), when a snapshot named it; an addition to v2. */
  customerLeg: v.optional(v.nullable(v.string())),
  recording: v.picklist(['off', 'active', 'paused', 'conflict', 'unknown']),
  consulting: v.boolean(),
  conferencing: v.boolean(),
  ended: v.boolean(),
  wrapUp: v.boolean(),
  endedBy: v.nullable(v.string()),
  consulted: v.boolean(),
});

/** End and failure facts as the wire sent them (issue 10 kind 12); each only when present. */
const OUTCOME_KEYS = ['reason', 'reasonCode', 'terminatingParty', 'agentsPendingWrapUp', 'participantId'] as const;

const MarksSchema = v.looseObject({
  duplicateOf: v.optional(v.number()),
  late: v.optional(v.number()),
  reordered: v.optional(v.number()),
});

const ChangeSchema = v.looseObject({
  path: v.string(),
  op: v.picklist(['add', 'remove', 'change']),
  from: v.optional(v.unknown()),
  to: v.optional(v.unknown()),
});

const IntervalSchema = v.looseObject({
  kind: v.picklist(['hold', 'recording-active', 'recording-paused', 'consult', 'conference']),
  leg: v.optional(v.string()),
  fromSeq: v.number(),
  fromT: v.number(),
  toSeq: v.optional(v.number()),
  toT: v.optional(v.number()),
});

/** The report format's version: `--json` prints it, `--help` names it. */
export const REPORT_VERSION = 2;

export const ReportSchema = v.looseObject({
  format: v.literal('wxcc-inspector-report'),
  version: v.literal(REPORT_VERSION),
  input: v.looseObject({
    kind: v.picklist(['capture', 'har']),
    frames: v.number(),
    /** Of `frames`, those the reader added: its notices of what it repaired or could not read (an addition to v2). */
    added: v.optional(v.number()),
    /**
     * Frames from a browser's HAR: its entries that are neither a WebSocket nor a WxCC API call,
     * and its WxCC API calls that could not be read, none of which is in the frames (the HAR's own
     * counts, or those the capture file's `source` recorded; each only when not 0; additions to v2).
     */
    leftOut: v.optional(v.number()),
    unreadableCalls: v.optional(v.number()),
  }),
  frames: v.looseObject({
    total: v.number(),
    in: v.number(),
    out: v.number(),
    /** The capture's own frames (page loads, notices) and the REST frames: in + out + meta + http = total (additions to v2). */
    meta: v.optional(v.number()),
    http: v.optional(v.number()),
    keepalive: v.number(),
    events: v.number(),
    invalidJson: v.number(),
    binary: v.number(),
    unknown: v.number(),
    gaps: v.number(),
  }),
  sockets: v.array(
    v.looseObject({
      id: v.string(),
      url: v.nullable(v.string()),
      opened: v.nullable(v.number()),
      closed: v.nullable(v.number()),
      closeCode: v.nullable(v.number()),
      /** False for a socket read from a browser's HAR, which records no closes (an addition to v2). */
      closeRecorded: v.optional(v.boolean()),
    }),
  ),
  agent: v.looseObject({
    agentId: v.nullable(v.string()),
    states: v.array(
      v.looseObject({
        seq: v.number(),
        t: v.number(),
        status: v.nullable(v.string()),
        subStatus: v.nullable(v.string()),
      }),
    ),
  }),
  interactions: v.array(
    v.looseObject({
      interactionId: v.string(),
      mediaType: v.nullable(v.string()),
      relatedIds: v.array(v.string()),
      events: v.array(
        v.looseObject({
          seq: v.number(),
          t: v.number(),
          eventTime: v.nullable(v.number()),
          type: v.string(),
          category: v.string(),
          changes: v.array(ChangeSchema),
          flags: ReportFlagsSchema,
          marks: v.optional(MarksSchema),
          reason: v.optional(v.string()),
          reasonCode: v.optional(v.union([v.string(), v.number()])),
          terminatingParty: v.optional(v.string()),
          agentsPendingWrapUp: v.optional(v.array(v.string())),
          participantId: v.optional(v.string()),
        }),
      ),
      customer: v.nullable(v.looseObject({ value: v.string(), source: v.string() })),
      flags: ReportFlagsSchema,
      intervals: v.array(IntervalSchema),
      /** A later addition: the interaction a `ContactMerged` folded this one into (its key now), and where. */
      merged: v.optional(v.nullable(v.looseObject({ seq: v.number(), t: v.number(), into: v.string() }))),
    }),
  ),
  anomalies: v.array(
    v.looseObject({
      rule: v.picklist(RULE_IDS),
      severity: SEVERITY,
      seq: v.number(),
      interactionId: v.nullable(v.string()),
      message: v.string(),
      evidence: v.array(v.number()),
    }),
  ),
  /** WxCC REST requests joined to their results (issue 12). */
  requests: v.array(RequestReportSchema),
  /** Result events no captured request asked for (issue 12): shown, not an alarm. */
  unsolicited: v.array(UnsolicitedResultSchema),
  findings: v.array(
    v.looseObject({
      seq: v.number(),
      path: v.string(),
      code: v.picklist(FINDING_CODES),
      severity: SEVERITY,
      message: v.string(),
      count: v.number(),
    }),
  ),
});
export type Report = v.InferOutput<typeof ReportSchema>;
export type ReportInputKind = Report['input']['kind'];

function customerFields(customer: { value: string; source: string } | undefined) {
  return customer ? { value: customer.value, source: customer.source } : null;
}

/** The end and failure facts of an event's data, as sent (only the keys present and well typed). */
export function outcomeOf(data: Readonly<Record<string, unknown>>): {
  reason?: string;
  reasonCode?: string | number;
  terminatingParty?: string;
  agentsPendingWrapUp?: string[];
  participantId?: string;
} {
  const out: Record<string, unknown> = {};
  for (const key of OUTCOME_KEYS) {
    const value = data[key];
    if (typeof value === 'string' || (key === 'reasonCode' && typeof value === 'number')) out[key] = value;
    else if (key === 'agentsPendingWrapUp' && Array.isArray(value) && value.every((a) => typeof a === 'string'))
      out[key] = [...value];
  }
  return out;
}

/** The report of a finished session (call `session.finish()` first). */
export function buildReport(session: Session, input: Report['input']): Report {
  return {
    format: 'wxcc-inspector-report',
    version: REPORT_VERSION,
    input,
    frames: { ...session.counters },
    sockets: [...session.sockets.values()].map((s) => ({
      id: s.id,
      url: s.url ?? null,
      opened: s.opened ?? null,
      closed: s.closed ?? null,
      closeCode: s.closeCode ?? null,
      closeReason: s.closeReason ?? null,
      welcomeSeq: s.welcomeSeq ?? null,
      frames: s.frames,
      // A report is always of a file: its sockets are `file`, as the viewer tags them (README,
      // *Capture modes*); how they were captured live stays in their ids (`worker-1/ws-1`, `cdp-1`).
      capture: 'file' as const,
      closeRecorded: closeRecorded(s),
      frameUrl: s.frameUrl ?? null,
      duplicateOf: s.duplicateOf ?? null,
    })),
    agent: {
      agentId: session.agent.agentId ?? null,
      states: session.agent.states.map((s) => ({
        seq: s.seq,
        t: s.t,
        event: s.event,
        status: s.status ?? null,
        subStatus: s.subStatus ?? null,
        reason: s.reason ?? null,
        changedBy: s.changedBy ?? null,
      })),
    },
    interactions: [...session.interactions.values()].map((timeline) => ({
      interactionId: timeline.interactionId,
      mediaType: timeline.mediaType ?? null,
      relatedIds: [...timeline.relatedIds],
      events: timeline.events.map((e) => ({
        seq: e.seq,
        t: e.t,
        eventTime: e.eventTime ?? null,
        type: e.name,
        category: e.info.category,
        changes: e.changes.map(({ segments: _segments, ...c }) => c),
        flags: reportFlags(e.flags),
        ...(e.marks ? { marks: { ...e.marks } } : {}),
        ...outcomeOf(e.data),
      })),
      customer: customerFields(customerOfSnapshot(timeline.snapshot)),
      flags: reportFlags(timeline.flags),
      intervals: timeline.intervals.map((i) => ({ ...i })),
      merged: timeline.merged
        ? { ...timeline.merged, into: session.timelineOf(timeline.merged.into)?.interactionId ?? timeline.merged.into }
        : null,
    })),
    anomalies: session.anomalies.map((a) => ({
      rule: a.rule,
      severity: a.severity,
      seq: a.seq,
      interactionId: a.interactionId ?? null,
      message: a.message,
      evidence: a.evidence,
    })),
    requests: reportRequests(session.requests, (r) => session.requestOwner(r)?.interactionId),
    unsolicited: reportUnsolicited(session.requests),
    findings: session.findings.map((f) => ({
      seq: f.seq,
      path: f.path,
      code: f.code,
      severity: f.severity,
      message: f.message,
      count: f.count,
    })),
  };
}
