import { lastOf, type EventRule } from './rule';

export const consultWithoutStart: EventRule = {
  id: 'consult-without-start',
  severity: 'warn',
  summary:
    "AgentConsulting or AgentConsultEnded without a prior AgentConsultCreated or AgentOfferConsult; only a note (info) when the capture started mid-call, with neither the Welcome nor the task's start in it.",
  check({ event, history, sawConnectionStart }) {
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
    // A capture that began mid-call (no Welcome, the task's start unseen) may simply have started
    // after the consult did: said, not warned about, as first-event-not-creating does.
    if (!start && !sawConnectionStart && !history.some((e) => e.info.task === 'creates'))
      return {
        severity: 'info',
        message: `${event.name} (#${event.seq}) without AgentConsultCreated or AgentOfferConsult: the capture started mid-call, after the consult may have begun.`,
        evidence: [],
      };
    return {
      message: `${event.name} (#${event.seq}) without AgentConsultCreated or AgentOfferConsult${start ? ` since the previous consult ended (#${start.seq})` : ''}.`,
      evidence: start ? [start.seq] : [],
    };
  },
};
