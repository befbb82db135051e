import type { EventRule } from './rule';

// Events that may legitimately come first although they create nothing (protocol doc §5.1 check 1).
const RACES = new Set(['AgentOutboundFailed', 'AgentConsulting']);

export const firstEventNotCreating: EventRule = {
  id: 'first-event-not-creating',
  severity: 'warn',
  summary:
    'The first event of an interaction is not one that creates a task (Reserved, Offer, OfferConsult, campaign reservation, AgentContact).',
  check({ history, decoded, event, sawConnectionStart }) {
    if (history.length > 0 || decoded.info.task === 'creates' || RACES.has(event.name)) return null;
    if (!sawConnectionStart) {
      return {
        severity: 'info',
        message: `${event.name} (#${event.seq}) is the first event seen for this interaction: the capture started mid-call.`,
      };
    }
    return {
      message: `${event.name} (#${event.seq}) is the first event of this interaction although the connection was captured from its Welcome: its creating event was missed.`,
    };
  },
};
