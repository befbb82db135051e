import type { EventRule } from './rule';

export const eventTimeBackwards: EventRule = {
  id: 'event-time-backwards',
  severity: 'warn',
  summary:
    "An event's eventTime is earlier than the previous event's of the same interaction (reordering or a replayed snapshot).",
  check({ event, history }) {
    if (event.eventTime === undefined) return null;
    for (let i = history.length - 1; i >= 0; i--) {
      const previous = history[i]!;
      if (previous.eventTime === undefined) continue;
      if (event.eventTime >= previous.eventTime) return null;
      return {
        message: `${event.name} (#${event.seq}) has eventTime ${event.eventTime}, ${previous.eventTime - event.eventTime} ms before that of ${previous.name} (#${previous.seq}).`,
        evidence: [previous.seq],
      };
    }
    return null;
  },
};
