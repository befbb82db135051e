import { formatDuration } from '../../ui/format';
import type { OverlayInteraction, OverlaySummary } from './summary';

const time = (t: number): string => new Date(t).toISOString().slice(11, 23);

/**
 * The plain text that **Copy summary** puts on the clipboard for a support ticket: the selected
 * interaction, its flags with since when, its last events and the anomalies, all masked (only the
 * summary's masked fields are read; the customer's real value never appears). Times in UTC.
 */
export function copySummary(summary: OverlaySummary, selected: OverlayInteraction | undefined, now: number): string {
  const lines = [`WxCC Inspector overlay summary, ${new Date(now).toISOString()}`];
  const i = selected;
  if (!i) lines.push('No active interaction.');
  else {
    lines.push(
      `Interaction ${i.id} · ${i.mediaType} · customer ${i.customer?.masked ?? '(unknown)'} · state ${i.state}`,
    );
    const flags: string[] = [];
    const since = (t: number | undefined) => (t === undefined ? '' : ` since ${time(t)} (${formatDuration(now - t)})`);
    if (i.holdSince !== undefined) flags.push(`On hold${since(i.holdSince)}`);
    if (i.recording === 'active') flags.push(`Recording${since(i.recordingSince)}`);
    else if (i.recording === 'paused') flags.push(`Recording paused${since(i.recordingSince)}`);
    else if (i.recording === 'off') flags.push('Recording off');
    else if (i.recording === 'conflict') flags.push('Recording flags in conflict');
    if (i.consult) flags.push(`Consult${since(i.consultSince)}`);
    if (i.conference) flags.push(`Conference${since(i.conferenceSince)}`);
    if (i.monitoring) flags.push('Monitored');
    if (i.wrapUp) flags.push(`Wrap-up${since(i.wrapUpSince)}`);
    if (i.ronaDeadline !== undefined) flags.push(`Ringing, RONA at ${time(i.ronaDeadline)}`);
    lines.push(`Flags: ${flags.length ? flags.join('; ') : 'none'}`);
    lines.push('Last events:');
    for (const e of i.events) lines.push(`  ${time(e.t)}  #${e.seq}  ${e.name} (${e.category})`);
    lines.push(`Anomalies of this interaction: ${i.anomalies}${i.lastAnomaly ? `, newest: ${i.lastAnomaly}` : ''}`);
  }
  const s = summary.socket;
  lines.push(
    `Socket: ${s.state}${s.lastFrameT !== undefined ? `, last frame ${Math.max(0, Math.round((now - s.lastFrameT) / 1000))} s ago` : ''}, ${s.reconnects} reconnect${s.reconnects === 1 ? '' : 's'}`,
  );
  const a = summary.anomaly;
  lines.push(
    a
      ? `Session anomalies: ${a.total}; newest ${a.severity} ${a.rule} (×${a.count}) at #${a.seq}: ${a.message}`
      : 'Session anomalies: none',
  );
  return `${lines.join('\n')}\n`;
}
