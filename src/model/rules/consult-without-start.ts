import { lastOf, type EventRule } from './rule';

export const consultWithoutStart: EventRule = {
  id: 'consult-without-start',
  severity: 'warn',
  summary: 'AgentConsulting or AgentConsultEnded without a prior AgentConsultCreated or AgentOfferConsult.',
  check({ event, history }) {
    if (event.name !== 'AgentConsulting' && event.name !== 'AgentConsultEnded') return null;
    // Each consult must start anew: look back only to the end of the previous one.
    const start = lastOf(history, ['AgentConsultCreated', 'AgentOfferConsult', 'AgentConsultEnded']);
    if (start && start.name !== 'AgentConsultEnded') return null;
    if (
      event.name === 'AgentConsultEnded' &&
      lastOf(history, ['AgentConsulting']) &&
      start?.name !== 'AgentConsultEnded'
    )
      return null;
    return {
      message: `${event.name} (#${event.seq}) without AgentConsultCreated or AgentOfferConsult${start ? ` since the previous consult ended (#${start.seq})` : ''}.`,
      evidence: start ? [start.seq] : [],
    };
  },
};
