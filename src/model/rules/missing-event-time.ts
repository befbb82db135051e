import type { EventRule } from './rule';

export const missingEventTime: EventRule = {
  id: 'missing-event-time',
  severity: 'info',
  summary: 'A contact event without data.eventTime (optional in the SDK type, so its order cannot be checked).',
  check({ event, decoded }) {
    if (event.eventTime !== undefined || decoded.shape !== 'task') return null;
    return { message: `${event.name} (#${event.seq}) has no eventTime.` };
  },
};
