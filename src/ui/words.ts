import { mayRecord, type AgentEventRow, type Flags } from '../model';
import { formatDuration, shortId } from './format';

export interface Badge {
  text: string;
  /** CSS modifier: hold, rec, paused, consult, muted. */
  kind: string;
  title: string;
}

/** Where a merged interaction went (`InteractionRow.merged`): the other's key and the merge's seq. */
export interface MergedTo {
  into: string;
  seq: number;
}

/**
 * A call whose snapshot does not say whether it is recorded (`callProcessingDetails: {}`): said, so
 * it does not read like a chat or e-mail, which is never recorded and shows nothing (`mayRecord`).
 */
export const REC_UNKNOWN: Badge = {
  text: 'Rec unknown',
  kind: 'muted',
  title: 'The snapshot does not say whether the call is recorded',
};

/**
 * The live state of an interaction as badges, from the model's flags. Once the contact has ended
 * nothing is "live" any more: no Recording or Paused badge (the lane chart shows what was recorded).
 * Once merged into another interaction, it is that one that goes on: one **Merged into …** badge.
 * `mediaType` tells a call whose recording is unknown (**Rec unknown**) from a digital channel.
 */
export function badgesOf(flags: Flags, now: number, merged?: MergedTo, mediaType?: string | null): Badge[] {
  if (merged)
    return [
      {
        text: `Merged into ${shortId(merged.into)}`,
        kind: 'muted',
        title: `Merged into ${merged.into} by ContactMerged #${merged.seq}: it goes on there`,
      },
    ];
  const badges: Badge[] = [];
  const live = !flags.ended && !flags.wrapUp;
  // "On hold" is the customer's leg; another held leg (a parked consult leg) is only "leg held".
  if (flags.onHold && live) {
    const since = Math.min(...flags.heldLegs.map((leg) => flags.heldSince[leg] ?? now));
    badges.push({
      text: `On hold ${formatDuration(now - since)}`,
      kind: 'hold',
      title: `The customer is on hold; held legs: ${flags.heldLegs.map(shortId).join(', ')}`,
    });
  } else if (flags.heldLegs.length && live) {
    badges.push({
      text: 'Leg held',
      kind: 'muted',
      title: `Not the customer's leg: ${flags.heldLegs.map(shortId).join(', ')}`,
    });
  }
  if (live) {
    if (flags.recording === 'active') badges.push({ text: 'Recording', kind: 'rec', title: 'Recording in progress' });
    else if (flags.recording === 'paused') badges.push({ text: 'Paused', kind: 'paused', title: 'Recording paused' });
    else if (flags.recording === 'off') badges.push({ text: 'Rec off', kind: 'muted', title: 'Not recorded' });
    else if (flags.recording === 'conflict')
      badges.push({ text: 'Rec conflict', kind: 'paused', title: 'The recording flags contradict each other' });
    else if (mayRecord(mediaType)) badges.push(REC_UNKNOWN);
    if (flags.consulting)
      badges.push({
        text: flags.consulted ? 'Consulted' : 'Consult',
        kind: 'consult',
        title: flags.consulted ? 'This agent is the consulted party' : 'Consult in progress',
      });
    if (flags.conferencing) badges.push({ text: 'Conference', kind: 'consult', title: 'Conference in progress' });
    if (flags.monitoring) badges.push({ text: 'Monitored', kind: 'muted', title: 'A supervisor is monitoring' });
  }
  if (flags.wrapUp) badges.push({ text: 'Wrap-up', kind: 'muted', title: 'Wrap-up owed by this agent' });
  else if (flags.ended)
    badges.push({
      text: 'Ended',
      kind: 'muted',
      title: `The task is over for this agent${flags.endedBy ? ` (${flags.endedBy})` : ''}`,
    });
  if (flags.ronaDeadline !== undefined && live) {
    const left = flags.ronaDeadline - now;
    badges.push({
      text: left > 0 ? `Ringing ${formatDuration(left)}` : 'RONA due',
      kind: 'hold',
      title: 'Time left to answer before RONA',
    });
  }
  return badges;
}

/**
 * The interaction's `state` in words, or undefined when a badge already says it (hold, wrap-up) or
 * when it no longer holds (an ended, transferred-away or merged contact whose last state read
 * "connected").
 */
export function stateWords(flags: Flags, merged?: MergedTo): string | undefined {
  if (merged) return undefined;
  const state = flags.state;
  if (!state || flags.ended || flags.wrapUp) return undefined;
  if (state === 'hold' && flags.onHold) return undefined;
  if (/^wrap-?up$/i.test(state)) return undefined;
  const words = state
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * What an agent event of the Agent entry's timeline says, in words: the state it put the agent in
 * ("Idle/Lunch"), why, and who changed it; empty for an event that changes no state (a failure).
 */
export function agentEventWords(row: AgentEventRow): string {
  const state = row.state;
  if (!state) return '';
  const label = [...new Set([state.status, state.subStatus].filter(Boolean))].join('/');
  return [label, state.reason ? `reason ${state.reason}` : '', state.changedBy ? `by ${state.changedBy}` : '']
    .filter(Boolean)
    .join(' · ');
}
