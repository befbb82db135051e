import type { Frame } from '../frame/frame';
import { repairFrames } from '../io/frame-repair';
import { buildReport, Session, type Report, type ReportInputKind } from '../model';

/**
 * Runs the model over a file's frames and returns the report. The frames are put in order by the
 * same function the viewer's files go through (src/io/frame-repair.ts), so both read one file alike.
 */
export function analyzeFrames(frames: readonly Frame[], kind: ReportInputKind): Report {
  const session = new Session();
  const ordered = repairFrames([...frames]);
  for (const frame of ordered) session.ingest(frame);
  session.finish();
  return buildReport(session, { kind, frames: frames.length });
}

/**
 * The report restricted to one interaction, as the panel shows it: its events, the requests that
 * belong to it (`belongsTo`), the unsolicited results in its timeline, its anomalies, and the
 * findings of its frames. `id` is its key, else an id linked to it (a key before a re-key, …): a
 * merged child's key names the child, whose own timeline it is. The agent's own requests (no
 * interaction) are left out too.
 */
export function onlyInteraction(report: Report, id: string): Report | undefined {
  const interaction =
    report.interactions.find((i) => i.interactionId === id) ??
    report.interactions.find((i) => i.relatedIds.includes(id));
  if (!interaction) return undefined;
  const seqs = new Set(interaction.events.map((e) => e.seq));
  return {
    ...report,
    interactions: [interaction],
    anomalies: report.anomalies.filter((a) => a.interactionId === interaction.interactionId),
    requests: report.requests.filter((r) => r.belongsTo === interaction.interactionId),
    unsolicited: report.unsolicited.filter((u) => seqs.has(u.seq)),
    findings: report.findings.filter((f) => seqs.has(f.seq)),
  };
}
