import type { EventRule } from './rule';

export const unknownEvent: EventRule = {
  id: 'unknown-event',
  severity: 'info',
  summary: 'An event name that is not in the catalogue; shown as received.',
  check({ event, decoded }) {
    if (decoded.info.category !== 'unknown') return null;
    return { message: `${event.name} (#${event.seq}) is not a known event; it is shown as received.` };
  },
};
