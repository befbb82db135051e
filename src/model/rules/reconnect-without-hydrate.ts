import { awaitHydrates, type AwaitedHydrate } from './after-reconnect';
import type { InteractionTimeline } from '../timeline';
import { NO_HITS, type SessionHit, type SessionRule } from './rule';

export const reconnectWithoutHydrate: SessionRule<Map<InteractionTimeline, AwaitedHydrate>> = {
  id: 'reconnect-without-hydrate',
  severity: 'error',
  summary: 'An interaction active before a reconnect gets no AgentContact snapshot after it.',
  start: () => new Map(),
  check(moment, awaited) {
    awaitHydrates(moment, awaited);
    if (moment.kind === 'event') {
      const { event, timeline } = moment;
      const pending = awaited.get(timeline);
      if (!pending) return NO_HITS;
      awaited.delete(timeline);
      if (event.name === 'AgentContact') return NO_HITS;
      return [
        {
          seq: event.seq,
          interactionId: timeline.interactionId,
          message: `After the reconnect (Welcome #${pending.welcomeSeq}) this interaction's next event is ${event.name} (#${event.seq}), not an AgentContact snapshot.`,
          evidence: [pending.welcomeSeq, pending.lastSeq],
        },
      ];
    }
    if (moment.kind !== 'finished' || awaited.size === 0) return NO_HITS;
    const hits: SessionHit[] = [];
    for (const [timeline, pending] of awaited) {
      // Merged into another since the reconnect: the snapshot owed is that one's.
      if (timeline.merged) continue;
      // Its key now: a re-key since the reconnect moved it.
      const id = timeline.interactionId;
      hits.push({
        seq: pending.welcomeSeq,
        interactionId: id,
        message: `Interaction ${id} was active before the reconnect (last event #${pending.lastSeq}) but no AgentContact snapshot came after the new Welcome (#${pending.welcomeSeq}).`,
        evidence: [pending.lastSeq],
      });
    }
    awaited.clear();
    return hits;
  },
};
