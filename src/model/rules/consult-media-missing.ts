import type { EventRule } from './rule';

export const consultMediaMissing: EventRule = {
  id: 'consult-media-missing',
  severity: 'error',
  summary: "consultMediaResourceId names a leg that the snapshot's media does not have.",
  check({ event }) {
    const leg = event.data['consultMediaResourceId'];
    if (typeof leg !== 'string' || !leg || !event.hasSnapshot || !event.snapshot) return null;
    if (event.snapshot.media && leg in event.snapshot.media) return null;
    return {
      message: `${event.name} (#${event.seq}) names consultMediaResourceId ${leg}, which is not among its media legs.`,
    };
  },
};
