import { CLOSE_NOT_RECORDED_WHY, mayRecord, summarizeChanges, unclosedSocketWords, type Report } from '../model';
import { formatRequest, formatUnsolicited, requestsOf, unsolicitedOf } from './format-requests';
import { leftOutParts } from '../io';

type Interaction = Report['interactions'][number];
type ReportEvent = Interaction['events'][number];
type Flags = ReportEvent['flags'];

const pad2 = (n: number) => String(n).padStart(2, '0');
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** UTC, so the same capture prints the same everywhere. */
function clock(t: number): string {
  const d = new Date(t);
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
}

const legs = (ids: readonly string[]) => ids.map((l) => `…${l.slice(-8)}`).join(', ');

/**
 * The flags in the panel's words (README, *The WxCC panel*): **on hold** is the customer's leg,
 * **leg held** another one (a parked consult leg), each with its legs; the recording state, and
 * "recording unknown" for a task that may be recorded whose snapshot does not say (a channel that
 * is never recorded shows nothing, as the panel draws no Recording lane for it). The snapshot's
 * state comes first, and "consulting" or "conference" only when the state does not already say it.
 */
function flagSummary(flags: Flags, mediaType: string | null): string {
  const parts: string[] = [];
  if (flags.state) parts.push(flags.state);
  const customerLeg = flags.customerLeg ?? undefined;
  // Which held leg is the customer's is unknown only if no snapshot ever named it: then all are listed.
  const others = customerLeg === undefined ? [] : flags.heldLegs.filter((leg) => leg !== customerLeg);
  if (flags.onHold) parts.push(`on hold (${legs(customerLeg === undefined ? flags.heldLegs : [customerLeg])})`);
  if (others.length || (!flags.onHold && flags.heldLegs.length))
    parts.push(`leg held (${legs(others.length ? others : flags.heldLegs)})`);
  if (flags.recording !== 'unknown' || mayRecord(mediaType)) parts.push(`recording ${flags.recording}`);
  // The state word comes first; a flag that only repeats it is left out.
  const consult = flags.consulted ? 'consulted' : 'consulting';
  if (flags.consulting && flags.state !== consult) parts.push(consult);
  if (flags.conferencing && flags.state !== 'conference') parts.push('conference');
  if (flags.wrapUp) parts.push('wrap-up owed');
  if (flags.ended) parts.push(flags.endedBy ? `ended (${flags.endedBy})` : 'ended');
  return parts.join(', ');
}

/** How the event arrived, and the end or failure facts the wire gave (issue 10 kinds 4, 6, 12). */
function eventFacts(event: ReportEvent): string {
  const parts: string[] = [];
  if (event.marks?.duplicateOf !== undefined) parts.push(`duplicate of #${event.marks.duplicateOf}, counted once`);
  if (event.marks?.late !== undefined) parts.push(`late: the task ended at #${event.marks.late}, flags unchanged`);
  if (event.marks?.reordered !== undefined) parts.push(`eventTime before that of #${event.marks.reordered}`);
  if (event.reason !== undefined) parts.push(`reason ${JSON.stringify(event.reason)}`);
  if (event.reasonCode !== undefined) parts.push(`reasonCode ${JSON.stringify(event.reasonCode)}`);
  if (event.terminatingParty !== undefined) parts.push(`terminatingParty ${event.terminatingParty}`);
  if (event.agentsPendingWrapUp !== undefined)
    parts.push(`agentsPendingWrapUp [${event.agentsPendingWrapUp.join(', ')}]`);
  if (event.participantId !== undefined) parts.push(`participantId ${event.participantId}`);
  return parts.join(' · ');
}

/**
 * What the HAR the frames came from held that they do not (the HAR itself, or a capture made from
 * one that recorded it), in the words `convert` uses: nothing of a file may be left out unsaid.
 */
function lacksLine({ leftOut = 0, unreadableCalls = 0 }: Report['input']): string | undefined {
  const parts = leftOutParts({ leftOut, unreadableCalls });
  return parts.length ? `From a HAR: ${parts.join('; ')}` : undefined;
}

/**
 * The human-readable report, as lines: per interaction a compact timeline and its anomalies, then
 * agent and connections. No line holds a line break of its own: the writer prints a wire string's
 * newline as `\n` (terminal-text.ts), so a wire string cannot start a line of its own.
 */
export function formatReport(report: Report, file: string): string[] {
  const lines: string[] = [];
  const f = report.frames;
  // The parts add up to the whole: in + out + meta (+ HTTP) = frames; what the reader added is said.
  const http = f.http ? `, ${f.http} HTTP` : '';
  const added = report.input.added
    ? `, ${report.input.added} added by the reader (${report.input.added === 1 ? 'its notice' : 'its notices'} of what it repaired or could not read)`
    : '';
  lines.push(
    `${file}: ${report.input.kind}, ${plural(report.input.frames, 'frame')} (${f.in} in, ${f.out} out, ${f.meta ?? 0} meta${http}; ${f.keepalive} keepalives, ${f.events} events, ${f.invalidJson} invalid JSON, ${f.binary} binary, ${f.unknown} unrecognised, ${plural(f.gaps, 'gap')})${added}`,
  );
  const lacks = lacksLine(report.input);
  if (lacks) lines.push(lacks);
  for (const interaction of report.interactions) {
    lines.push('');
    const related = interaction.relatedIds.length ? ` · related ${interaction.relatedIds.join(', ')}` : '';
    const merged = interaction.merged
      ? ` · merged into ${interaction.merged.into} (ContactMerged #${interaction.merged.seq}; its events since are there)`
      : '';
    const customer = interaction.customer
      ? ` · customer ${interaction.customer.value} (${interaction.customer.source})`
      : '';
    lines.push(
      `Interaction ${interaction.interactionId} · ${interaction.mediaType ?? 'unknown media'}${customer} · ${plural(interaction.events.length, 'event')}${related}${merged}`,
    );
    const start = interaction.events[0]?.t ?? 0;
    for (const event of interaction.events) {
      const offset = `+${((event.t - start) / 1000).toFixed(3)}s`.padStart(10);
      const changes = summarizeChanges(event.changes);
      lines.push(
        `  ${clock(event.t)} ${offset}  #${String(event.seq).padEnd(5)} ${event.type.padEnd(28)} ${event.category.padEnd(10)} [${flagSummary(event.flags, interaction.mediaType)}]`,
      );
      if (changes) lines.push(`${' '.repeat(31)}${changes}`);
      const facts = eventFacts(event);
      if (facts) lines.push(`${' '.repeat(31)}${facts}`);
    }
    const requests = requestsOf(report, interaction);
    if (requests.length) lines.push('  Requests:');
    for (const r of requests) lines.push(formatRequest(r, clock, start));
    const unsolicited = unsolicitedOf(report, interaction);
    if (unsolicited.length)
      lines.push('  Unsolicited results (another session, a supervisor, the backend; not an alarm):');
    for (const u of unsolicited) lines.push(formatUnsolicited(u, clock, start));
    const anomalies = report.anomalies.filter((a) => a.interactionId === interaction.interactionId);
    for (const a of anomalies) lines.push(`  ${a.severity.toUpperCase().padEnd(5)} ${a.rule}: ${a.message}`);
    if (!anomalies.length) lines.push('  no anomalies');
  }
  // Task requests whose id never meant an interaction of the capture: said, not dropped.
  const orphans = requestsOf(report);
  if (orphans.length) {
    lines.push('');
    lines.push('Requests for no interaction in this capture:');
    for (const r of orphans) lines.push(formatRequest(r, clock));
  }
  lines.push('');
  const agent = report.agent;
  lines.push(
    `Agent ${agent.agentId ?? '(unknown)'}: ${agent.states.length ? agent.states.map((s) => `${[...new Set([s.status, s.subStatus].filter(Boolean))].join('/') || '?'} (#${s.seq} ${clock(s.t)})`).join(' → ') : 'no state changes seen'}`,
  );
  const agentRequests = report.requests.filter((r) => r.interactionId === null);
  if (agentRequests.length) lines.push("  Agent's requests:");
  for (const r of agentRequests) lines.push(formatRequest(r, clock));
  const agentUnsolicited = unsolicitedOf(report);
  if (agentUnsolicited.length) lines.push('  Unsolicited results (no captured request; not an alarm):');
  for (const u of agentUnsolicited) lines.push(formatUnsolicited(u, clock));
  for (const s of report.sockets) {
    const closed =
      s.closed === null
        ? `${unclosedSocketWords(s.closeRecorded !== false, false)}${s.closeRecorded === false ? ` (${CLOSE_NOT_RECORDED_WHY})` : ''}`
        : `closed ${clock(s.closed)}${s.closeCode === null ? '' : ` code ${s.closeCode}`}`;
    lines.push(
      `Socket ${s.id}: ${s.url ?? '(url unknown)'} · ${s.opened === null ? 'open not seen' : `opened ${clock(s.opened)}`} · ${closed}${via(s)}`,
    );
  }
  const general = report.anomalies.filter((a) => a.interactionId === null);
  for (const a of general) lines.push(`${a.severity.toUpperCase().padEnd(5)} ${a.rule}: ${a.message}`);
  const count = (list: { severity: string }[], severity: string) => list.filter((x) => x.severity === severity).length;
  const problems = report.findings.filter((x) => x.severity !== 'info');
  for (const finding of problems.slice(0, 20))
    lines.push(
      `${finding.severity.toUpperCase().padEnd(5)} finding #${finding.seq} ${finding.path || '(frame)'}: ${finding.message}`,
    );
  if (problems.length > 20) lines.push(`… and ${problems.length - 20} more findings (use --json)`);
  lines.push('');
  lines.push(
    `Anomalies: ${count(report.anomalies, 'error')} errors, ${count(report.anomalies, 'warn')} warnings, ${count(report.anomalies, 'info')} info. Findings: ${count(report.findings, 'error')} errors, ${count(report.findings, 'warn')} warnings, ${report.findings.filter((x) => x.severity === 'info').reduce((n, x) => n + x.count, 0)} info (wire quirks normalised).`,
  );
  return lines;
}

/** A socket that is a copy of another (deep capture and the page both saw it). */
function via(socket: Record<string, unknown>): string {
  return typeof socket.duplicateOf === 'string' ? ` · duplicate of ${socket.duplicateOf}` : '';
}
