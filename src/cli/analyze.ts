import type { Frame } from '../frame/frame';
import { repairFrames } from '../io/frame-repair';
import { NOTHING_LEFT_OUT, recordLeftOut, type HarLeftOut } from '../io/har-left-out';
import { buildReport, Session, type Report, type ReportInputKind } from '../model';

/**
 * Runs the model over a file's frames and returns the report; `added`: how many of them the file's
 * reader added (its notices, read-frames-file.ts); `lacks`: what of the HAR they came from is not
 * in them (the file's source says, har-left-out.ts). The frames are put in order by the
 * same function the viewer's files go through (src/io/frame-repair.ts), so both read one file alike.
 */
export function analyzeFrames(
  frames: readonly Frame[],
  kind: ReportInputKind,
  added = 0,
  lacks: HarLeftOut = NOTHING_LEFT_OUT,
): Report {
  const session = new Session();
  const given = [...frames];
  const ordered = repairFrames(given);
  for (const frame of ordered) session.ingest(frame);
  session.finish();
  // Counted as the model read them, so `frames` is `frames.total`; a repair here adds its notice.
  return buildReport(session, {
    kind,
    frames: ordered.length,
    added: added + (ordered === given ? 0 : 1),
    ...recordLeftOut(lacks),
  });
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
    report.interactions.find((i) => sameId(i.interactionId, id)) ??
    report.interactions.find((i) => i.relatedIds.some((related) => sameId(related, id)));
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether an id typed by a person names a capture's id: exactly, or, for UUIDs, in either case (a
 * UUID's hex digits mean the same in upper case, RFC 9562, and tools and people copy it so). Other
 * ids are the wire's strings and match exactly.
 */
function sameId(id: string, typed: string): boolean {
  return id === typed || (UUID.test(id) && UUID.test(typed) && id.toLowerCase() === typed.toLowerCase());
}
