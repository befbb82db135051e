import type { Severity } from '../protocol';

/** The rule ids: stable, used in reports, filters and `--fail-on`. */
export const RULE_IDS = [
  'first-event-not-creating',
  'held-while-held',
  'unheld-without-held',
  'hold-flag-mismatch',
  'hold-state-mismatch',
  'pause-while-paused',
  'resume-without-pause',
  'pause-not-enabled',
  'recording-flag-mismatch',
  'recording-flags-conflict',
  'recording-flags-vanished',
  'event-after-end',
  'event-time-backwards',
  'missing-event-time',
  'self-left-roster',
  'rona-overdue',
  'terminated-without-end',
  'consult-without-start',
  'consult-media-missing',
  'unknown-event',
  'keepalive-gap',
  'reconnect-without-hydrate',
  'missed-transitions',
  'sequence-gap',
  'overlapping-sockets',
  'duplicate-delivery',
  'multi-login',
  'failure-without-operation',
  'request-timed-out',
  'request-failed',
  'request-http-error',
  'request-refused-duplicate',
  'request-sent-while-pending',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** Something in the capture that breaks the protocol's invariants (protocol doc §5.1). */
export interface Anomaly {
  rule: RuleId;
  severity: Severity;
  /** The frame at which it was detected. */
  seq: number;
  interactionId?: string;
  /** Names its evidence by seq, so a reader can go and look. */
  message: string;
  /** Every frame the message refers to, the detecting one included. */
  evidence: number[];
}

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warn: 1, error: 2 };

/**
 * An interaction re-keyed from `from` to `to`: its anomalies are filed under the new key. Any
 * already there (a request sent for `to` before it was a key) stay, the two lists merged by seq
 * (a stable sort: equal seqs keep the order found), the same in the model and the panel's replica.
 */
export function moveAnomalies(byInteraction: Map<string, Anomaly[]>, from: string, to: string): void {
  const moved = byInteraction.get(from);
  if (!moved) return;
  byInteraction.delete(from);
  for (const anomaly of moved) anomaly.interactionId = to;
  const filed = byInteraction.get(to);
  byInteraction.set(to, filed ? [...moved, ...filed].sort((a, b) => a.seq - b.seq) : moved);
}
