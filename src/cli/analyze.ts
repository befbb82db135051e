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
 * The report restricted to one interaction: its requests and unsolicited results (its own id or
 * one linked to it), and the anomalies and findings of its frames. The agent's own requests (no
 * interaction) are left out too.
 */
export function onlyInteraction(report: Report, id: string): Report | undefined {
  const interaction = report.interactions.find((i) => i.interactionId === id || i.relatedIds.includes(id));
  if (!interaction) return undefined;
  const seqs = new Set(interaction.events.map((e) => e.seq));
  const ids = new Set([interaction.interactionId, ...interaction.relatedIds]);
  const ours = (interactionId: string | null) => interactionId !== null && ids.has(interactionId);
  return {
    ...report,
    interactions: [interaction],
    anomalies: report.anomalies.filter((a) => a.interactionId === interaction.interactionId),
    requests: report.requests.filter((r) => ours(r.interactionId)),
    unsolicited: report.unsolicited.filter((u) => ours(u.interactionId) || seqs.has(u.seq)),
    findings: report.findings.filter((f) => seqs.has(f.seq)),
  };
}
