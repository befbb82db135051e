import * as v from 'valibot';
import { FINDING_CODES } from '../protocol';
import { RULE_IDS } from './anomaly';
import { reportFlags } from './flags';
import type { Session } from './session';

/*
 * The analysis report, format version 1: what `wxcc-inspector analyze --json` prints. The keys the
 * contract names (issue 4) are kept as they are; the extra keys (evidence, intervals, counts) are
 * additions the contract allows. Types come from this schema; tests validate the CLI's output
 * against it.
 */
const SEVERITY = v.picklist(['info', 'warn', 'error']);

export const ReportFlagsSchema = v.looseObject({
  state: v.nullable(v.string()),
  onHold: v.boolean(),
  heldLegs: v.array(v.string()),
  recording: v.picklist(['off', 'active', 'paused', 'unknown']),
  consulting: v.boolean(),
  conferencing: v.boolean(),
  ended: v.boolean(),
  wrapUp: v.boolean(),
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

export const ReportSchema = v.looseObject({
  format: v.literal('wxcc-inspector-report'),
  version: v.literal(1),
  input: v.looseObject({ kind: v.picklist(['capture', 'har']), frames: v.number() }),
  frames: v.looseObject({
    total: v.number(),
    in: v.number(),
    out: v.number(),
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
        }),
      ),
      flags: ReportFlagsSchema,
      intervals: v.array(IntervalSchema),
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

/** The report of a finished session (call `session.finish()` first). */
export function buildReport(session: Session, input: { kind: ReportInputKind; frames: number }): Report {
  return {
    format: 'wxcc-inspector-report',
    version: 1,
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
      })),
      flags: reportFlags(timeline.flags),
      intervals: timeline.intervals.map((i) => ({ ...i })),
    })),
    anomalies: session.anomalies.map((a) => ({
      rule: a.rule,
      severity: a.severity,
      seq: a.seq,
      interactionId: a.interactionId ?? null,
      message: a.message,
      evidence: a.evidence,
    })),
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
