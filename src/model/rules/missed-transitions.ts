import { isBookkeeping } from '../bookkeeping';
import { awaitHydrates, type AwaitedHydrate } from './after-reconnect';
import type { InteractionTimeline } from '../timeline';
import { NO_HITS, type SessionRule } from './rule';

const MAX_LISTED_CHANGES = 12;

function describeValue(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

export const missedTransitions: SessionRule<Map<InteractionTimeline, AwaitedHydrate>> = {
  id: 'missed-transitions',
  severity: 'warn',
  summary:
    'The AgentContact snapshot after a reconnect differs from the last one before it in more than bookkeeping timestamps: these changes happened unseen.',
  start: () => new Map(),
  check(moment, awaited) {
    awaitHydrates(moment, awaited);
    if (moment.kind !== 'event') return NO_HITS;
    const { event, timeline } = moment;
    const pending = awaited.get(timeline);
    if (!pending) return NO_HITS;
    awaited.delete(timeline);
    if (event.name !== 'AgentContact') return NO_HITS;
    // Bookkeeping timestamps move on every resend (webex-js-sdk#4353): alone they are no transition.
    const meaningful = event.changes.filter((c) => !isBookkeeping(c.path));
    if (!meaningful.length) return NO_HITS;
    const listed = [...meaningful, ...event.changes.filter((c) => isBookkeeping(c.path))]
      .slice(0, MAX_LISTED_CHANGES)
      .map((c) => `${c.path} ${describeValue(c.from)} → ${describeValue(c.to)}`);
    const more = event.changes.length - listed.length;
    return [
      {
        seq: event.seq,
        interactionId: timeline.interactionId,
        message: `The AgentContact snapshot after the reconnect (#${event.seq}) differs from the last one before it (#${pending.lastSeq}): ${listed.join('; ')}${more > 0 ? `; and ${more} more` : ''}.`,
        evidence: [pending.lastSeq, pending.welcomeSeq],
      },
    ];
  },
};
