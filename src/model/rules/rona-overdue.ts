import type { InteractionTimeline } from '../timeline';
import { NO_HITS, type SessionHit, type SessionRule } from './rule';

/** Frames arrive late and clocks differ: the deadline is only missed by more than this. */
const MARGIN_MS = 5_000;

/** Interactions whose offer is ringing (they have a RONA deadline): by timeline, which a re-key keeps. */
export const ronaOverdue: SessionRule<Set<InteractionTimeline>> = {
  id: 'rona-overdue',
  severity: 'warn',
  summary: 'An offer neither answered nor RONA-ed within ronaTimeout seconds (plus 5 s).',
  start: () => new Set(),
  check(moment, ringing) {
    if (moment.kind === 'event') {
      const { timeline } = moment;
      if (timeline.flags.ronaDeadline !== undefined) ringing.add(timeline);
      else ringing.delete(timeline);
      return NO_HITS;
    }
    if (moment.kind !== 'processed' || ringing.size === 0) return NO_HITS;
    const { frame } = moment;
    let hits: SessionHit[] | undefined;
    for (const timeline of ringing) {
      const deadline = timeline.flags.ronaDeadline;
      // Merged into another interaction: its offer rings, or not, there.
      if (deadline === undefined || timeline.merged) {
        ringing.delete(timeline);
        continue;
      }
      if (frame.t <= deadline + MARGIN_MS) continue;
      ringing.delete(timeline);
      const offer = [...timeline.events]
        .reverse()
        .find((e) => e.name === 'AgentOfferContact' || e.name === 'AgentOfferConsult');
      (hits ??= []).push({
        seq: frame.seq,
        interactionId: timeline.interactionId,
        message: `The offer${offer ? ` (#${offer.seq})` : ''} was neither answered nor RONA-ed by its deadline plus 5 s: still ringing at #${frame.seq}, ${((frame.t - deadline) / 1000).toFixed(1)} s late.`,
        evidence: offer ? [offer.seq] : [],
      });
    }
    return hits ?? NO_HITS;
  },
};
