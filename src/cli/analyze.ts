import type { Frame } from '../frame/frame';
import { buildReport, Session, type Report, type ReportInputKind } from '../model';

/** Runs the model over a file's frames, in seq order, and returns the report. */
export function analyzeFrames(frames: readonly Frame[], kind: ReportInputKind): Report {
  const session = new Session();
  const ordered = [...frames].sort((a, b) => a.seq - b.seq);
  for (const frame of ordered) session.ingest(frame);
  session.finish();
  return buildReport(session, { kind, frames: frames.length });
}

/** The report restricted to one interaction (and the anomalies and findings of its frames). */
export function onlyInteraction(report: Report, id: string): Report | undefined {
  const interaction = report.interactions.find((i) => i.interactionId === id || i.relatedIds.includes(id));
  if (!interaction) return undefined;
  const seqs = new Set(interaction.events.map((e) => e.seq));
  return {
    ...report,
    interactions: [interaction],
    anomalies: report.anomalies.filter((a) => a.interactionId === interaction.interactionId),
    findings: report.findings.filter((f) => seqs.has(f.seq)),
  };
}
