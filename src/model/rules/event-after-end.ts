import { lastOf, type EventRule } from './rule';

// After the task ended for this agent only wrap-up traffic is expected (protocol doc §5.1 check 5).
const AFTER_END_OK = new Set(['AgentWrapup', 'AgentWrappedUp', 'ContactEnded', 'ParticipantPostCallActivity']);
const ENDS = ['ContactEnded', 'AgentWrapup'];
const FINAL = ['AgentWrappedUp', 'AgentOfferContactRona', 'AgentContactAssignFailed', 'AgentInviteFailed'];
/** A new offer after a RONA or failed assignment starts the task again. */
const NEW_OFFER = ['AgentContactReserved', 'AgentOfferContact', 'AgentOfferConsult', 'AgentOfferCampaignReservation'];
const FINAL_OR_OFFER = [...FINAL, ...NEW_OFFER];

export const eventAfterEnd: EventRule = {
  id: 'event-after-end',
  severity: 'warn',
  summary:
    'An event after the task ended: anything after AgentWrappedUp, RONA or a failed assignment, or more than wrap-up traffic after ContactEnded/AgentWrapup.',
  check({ event, history, before }) {
    const final = lastOf(history, FINAL_OR_OFFER);
    if (final && FINAL.includes(final.name)) {
      if (final.name !== 'AgentWrappedUp' && NEW_OFFER.includes(event.name)) return null;
      return {
        message: `${event.name} (#${event.seq}) after ${final.name} (#${final.seq}), which ended the task.`,
        evidence: [final.seq],
      };
    }
    if (!before.flags.ended || AFTER_END_OK.has(event.name)) return null;
    const end = lastOf(history, ENDS);
    if (!end) return null;
    return {
      message: `${event.name} (#${event.seq}) after ${end.name} (#${end.seq}): only wrap-up events are expected once the contact has ended.`,
      evidence: [end.seq],
    };
  },
};
