import { TASK_ENDS } from '../../protocol';
import { lastOf, type EventRule } from './rule';

// While wrap-up is owed only wrap-up traffic is expected (protocol doc §5.1 check 5, §10.4).
const AFTER_END_OK = new Set(['AgentWrapup', 'AgentWrappedUp', 'ContactEnded', 'ParticipantPostCallActivity']);
const ENDS = [...TASK_ENDS.keys()];

export const eventAfterEnd: EventRule = {
  id: 'event-after-end',
  severity: 'warn',
  summary:
    'An event after the task ended for this agent (lifecycle table, §10.4): anything once it is finished, or more than wrap-up traffic while wrap-up is owed. A late offer or an event stamped before the end is marked late instead.',
  check({ event, history, before }) {
    if (!before.flags.ended) return null;
    const late = event.marks?.late !== undefined;
    // Known races, shown where they arrived and marked late: an offer overtaken by the failure that
    // ended it (webex-js-sdk#4987), an event stamped before the end it follows (#4948).
    if (late && (event.marks?.reordered !== undefined || event.info.category === 'offer')) return null;
    // While wrap-up is owed, wrap-up traffic; after a re-offerable end, the new offer.
    if (!late && (AFTER_END_OK.has(event.name) || event.info.category === 'offer')) return null;
    const end = lastOf(history, ENDS);
    return {
      message: end
        ? `${event.name} (#${event.seq}) after ${end.name} (#${end.seq}), which ended the task for this agent${before.flags.wrapUp ? ': only wrap-up events are expected while wrap-up is owed' : ''}.`
        : `${event.name} (#${event.seq}) after the task ended for this agent.`,
      evidence: end ? [end.seq] : [],
    };
  },
};
