import type { Flags } from '../../model';
import { formatDuration, shortId } from '../format';

/** The live state of an interaction at a glance: hold (which leg, for how long), recording, … */
export function Badges({ flags, now }: { flags: Flags; now: number }) {
  const badges: { text: string; kind: string; title: string }[] = [];
  // "On hold" is the customer's leg; another held leg (a parked consult leg) is only "leg held".
  if (flags.onHold) {
    const since = Math.min(...flags.heldLegs.map((leg) => flags.heldSince[leg] ?? now));
    badges.push({
      text: `On hold ${formatDuration(now - since)}`,
      kind: 'hold',
      title: `The customer is on hold; held legs: ${flags.heldLegs.map(shortId).join(', ')}`,
    });
  } else if (flags.heldLegs.length) {
    badges.push({
      text: 'Leg held',
      kind: 'muted',
      title: `Not the customer's leg: ${flags.heldLegs.map(shortId).join(', ')}`,
    });
  }
  if (flags.recording === 'active') badges.push({ text: 'Recording', kind: 'rec', title: 'Recording in progress' });
  else if (flags.recording === 'paused') badges.push({ text: 'Paused', kind: 'paused', title: 'Recording paused' });
  else if (flags.recording === 'off') badges.push({ text: 'Rec off', kind: 'muted', title: 'Not recorded' });
  else if (flags.recording === 'conflict')
    badges.push({ text: 'Rec conflict', kind: 'paused', title: 'The recording flags contradict each other' });
  if (flags.consulting)
    badges.push({
      text: flags.consulted ? 'Consulted' : 'Consult',
      kind: 'consult',
      title: flags.consulted ? 'This agent is the consulted party' : 'Consult in progress',
    });
  if (flags.conferencing) badges.push({ text: 'Conference', kind: 'consult', title: 'Conference in progress' });
  if (flags.monitoring) badges.push({ text: 'Monitored', kind: 'muted', title: 'A supervisor is monitoring' });
  if (flags.wrapUp) badges.push({ text: 'Wrap-up', kind: 'muted', title: 'Wrap-up owed by this agent' });
  else if (flags.ended)
    badges.push({
      text: 'Ended',
      kind: 'muted',
      title: `The task is over for this agent${flags.endedBy ? ` (${flags.endedBy})` : ''}`,
    });
  if (flags.ronaDeadline !== undefined) {
    const left = flags.ronaDeadline - now;
    badges.push({
      text: left > 0 ? `Ringing ${formatDuration(left)}` : 'RONA due',
      kind: 'hold',
      title: 'Time left to answer before RONA',
    });
  }
  return (
    <span class="badges">
      {badges.map((b) => (
        <span key={b.kind + b.text} class={`badge badge-${b.kind}`} title={b.title}>
          {b.text}
        </span>
      ))}
    </span>
  );
}

export function SeverityCounts({ counts }: { counts: { error: number; warn: number; info: number } }) {
  return (
    <span class="severity-counts">
      {counts.error > 0 && (
        <span class="sev sev-error" title={`${counts.error} errors`}>
          ✖ {counts.error}
        </span>
      )}
      {counts.warn > 0 && (
        <span class="sev sev-warn" title={`${counts.warn} warnings`}>
          ▲ {counts.warn}
        </span>
      )}
      {counts.info > 0 && (
        <span class="sev sev-info" title={`${counts.info} notes`}>
          ● {counts.info}
        </span>
      )}
    </span>
  );
}
