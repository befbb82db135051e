import type { Report } from '../model';

type RequestEntry = Report['requests'][number];

/** One request as the human-readable report prints it (times in UTC via `clock`). */
export function formatRequest(r: RequestEntry, clock: (t: number) => string, start?: number): string {
  const offset = start === undefined ? '' : ` ${`+${((r.startedAt - start) / 1000).toFixed(3)}s`.padStart(10)}`;
  const parts: string[] = [];
  if (r.resultSeq !== null) parts.push(`${r.resultType} #${r.resultSeq} in ${r.latencyMs} ms`);
  if (r.outcome === 'refused-duplicate' && r.duplicateOf !== null) parts.push(`repeats #${r.duplicateOf}, never sent`);
  else if (r.duplicateOf !== null) parts.push(`sent while #${r.duplicateOf} was pending (the SDK would refuse it)`);
  if (r.outcome === 'timed-out' && r.lateResultSeq !== null) parts.push(`late result #${r.lateResultSeq}`);
  if (r.outcome === 'http-error' && r.lateResultSeq !== null)
    parts.push(`result #${r.lateResultSeq} after the HTTP error (the backend did it despite the error)`);
  if (r.status !== null) parts.push(`HTTP ${r.status}${r.ackMs !== null ? ` after ${r.ackMs} ms` : ''}`);
  if (r.reason !== null) parts.push(`${r.reason}${r.reasonCode !== null ? ` (${r.reasonCode})` : ''}`);
  if (r.ambiguous) parts.push('ambiguous');
  if (r.holdConfirmed === false) parts.push('isHold did not flip');
  if (r.trackingConfirmed) parts.push('trackingId confirmed');
  return `  ${clock(r.startedAt)}${offset}  #${String(r.seq).padEnd(5)} ↑ ${`${r.method} ${r.operation}`.padEnd(27)} ${r.outcome}${parts.length ? `: ${parts.join(' · ')}` : ''}`;
}

/**
 * The requests that belong to an interaction (`belongsTo`: what their id meant when they were
 * sent), as the panel lists them; with no interaction, the task requests whose id never meant
 * one of the capture's.
 */
export function requestsOf(report: Report, interaction?: Report['interactions'][number]): RequestEntry[] {
  if (!interaction) return report.requests.filter((r) => r.interactionId !== null && !r.belongsTo);
  return report.requests.filter((r) => r.belongsTo === interaction.interactionId);
}

type UnsolicitedEntry = Report['unsolicited'][number];

/**
 * The unsolicited results in an interaction's timeline (where their event went), or, with no
 * interaction, those in none (the agent's own).
 */
export function unsolicitedOf(report: Report, interaction?: Report['interactions'][number]): UnsolicitedEntry[] {
  const seqs = new Set((interaction ? [interaction] : report.interactions).flatMap((i) => i.events.map((e) => e.seq)));
  return report.unsolicited.filter((u) => seqs.has(u.seq) === (interaction !== undefined));
}

/** One unsolicited result: a result event no captured request asked for (not an alarm). */
export function formatUnsolicited(u: UnsolicitedEntry, clock: (t: number) => string, start?: number): string {
  const offset = start === undefined ? '' : ` ${`+${((u.t - start) / 1000).toFixed(3)}s`.padStart(10)}`;
  return `  ${clock(u.t)}${offset}  #${String(u.seq).padEnd(5)} ↓ ${u.name} (no captured request asked for it)`;
}
