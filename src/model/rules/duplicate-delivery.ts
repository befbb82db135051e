import { eventWithSeq, type EventRule } from './rule';

/** The session marks a duplicate before the rules run (session.ts); this rule reports it. */
export const duplicateDelivery: EventRule = {
  id: 'duplicate-delivery',
  severity: 'warn',
  summary:
    'The same event delivered twice (same data.trackingId, or same name, interaction and eventTime within 5 s); shown, counted once.',
  check({ event, history }) {
    const first = event.marks?.duplicateOf;
    if (first === undefined) return null;
    const original = eventWithSeq(history, first);
    return {
      message: `${event.name} (#${event.seq}) is a second delivery of #${first}${original?.data['trackingId'] ? ` (trackingId ${String(original.data['trackingId'])})` : ''}: counted once in flags and intervals.`,
      evidence: [first],
    };
  },
};
