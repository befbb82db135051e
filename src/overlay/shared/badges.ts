import { mayRecord } from '../../model/may-record';
import { formatDuration } from '../../ui/format';
import type { OverlayInteraction } from './summary';

/** One badge: its words, and the panel's colour class (`hold`, `rec`, `paused`, `consult`, `muted`). */
export interface OverlayBadge {
  text: string;
  kind: 'hold' | 'rec' | 'paused' | 'consult' | 'muted';
  title: string;
}

/**
 * The badges of an interaction in the panel's words and order (`src/ui/words.ts`;
 * a unit test holds the two together), ticking from the summary's timestamps at `now`.
 */
export function overlayBadges(i: OverlayInteraction, now: number): OverlayBadge[] {
  const badges: OverlayBadge[] = [];
  // As the panel (src/ui/words.ts): once the contact ended nothing is live any more.
  const live = !i.ended && !i.wrapUp;
  if (i.holdSince !== undefined && live)
    badges.push({ text: `On hold ${formatDuration(now - i.holdSince)}`, kind: 'hold', title: 'On hold' });
  if (live) {
    if (i.recording === 'active') badges.push({ text: 'Recording', kind: 'rec', title: 'Recording in progress' });
    else if (i.recording === 'paused') badges.push({ text: 'Paused', kind: 'paused', title: 'Recording paused' });
    else if (i.recording === 'off') badges.push({ text: 'Rec off', kind: 'muted', title: 'Not recorded' });
    else if (i.recording === 'conflict')
      badges.push({ text: 'Rec conflict', kind: 'paused', title: 'The recording flags contradict each other' });
    // The summary says "unknown" where the model has no media type: a call, maybe (mayRecord).
    else if (mayRecord(i.mediaType === 'unknown' ? undefined : i.mediaType))
      badges.push({
        text: 'Rec unknown',
        kind: 'muted',
        title: 'The snapshot does not say whether the call is recorded',
      });
    if (i.consult) badges.push({ text: 'Consult', kind: 'consult', title: 'Consult in progress' });
    if (i.conference) badges.push({ text: 'Conference', kind: 'consult', title: 'Conference in progress' });
    if (i.monitoring) badges.push({ text: 'Monitored', kind: 'muted', title: 'A supervisor is monitoring' });
  }
  if (i.wrapUp) badges.push({ text: 'Wrap-up', kind: 'muted', title: 'After-call work' });
  else if (i.ended) badges.push({ text: 'Ended', kind: 'muted', title: 'The contact has ended' });
  if (i.ronaDeadline !== undefined && live) {
    const left = i.ronaDeadline - now;
    badges.push({
      text: left > 0 ? `Ringing ${formatDuration(left)}` : 'RONA due',
      kind: 'hold',
      title: 'Time left to answer before RONA',
    });
  }
  return badges;
}
