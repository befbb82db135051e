import { CONSULT_LIFECYCLE } from '../../protocol';
import { lastOf, type EventRule } from './rule';

/** Failures of operations that leave a trace on the interaction before they can fail. */
const NEEDS_CONSULT = new Set([
  'AgentConsultFailed',
  'AgentConsultEndFailed',
  'AgentConsultTransferFailed',
  'AgentConsultConferenceFailed',
]);
const NEEDS_CONFERENCE = new Set([
  'AgentConsultConferenceEndFailed',
  'ParticipantLeftConferenceFailed',
  'AgentConferenceTransferFailed',
]);
const NEEDS_CTQ = new Set(['AgentCtqCancelFailed']);
/** The events that start a consult (the lifecycle table's 'start' phase). */
const CONSULT_STARTS = [...CONSULT_LIFECYCLE].filter(([, phase]) => phase === 'start').map(([name]) => name);

/** `AgentConsultFailed` can arrive on a call that never had a consult (webex-js-sdk#4841): it changes nothing. */
export const failureWithoutOperation: EventRule = {
  id: 'failure-without-operation',
  severity: 'warn',
  summary:
    'A …Failed event for an operation that never started on that interaction (e.g. AgentConsultFailed with no consult); it changes no flag.',
  check({ event, history, before }) {
    const name = event.name;
    let missing: string | undefined;
    if (NEEDS_CONSULT.has(name)) {
      const started = before.flags.consulting || lastOf(history, CONSULT_STARTS) !== undefined;
      if (!started) missing = 'a consult';
    } else if (NEEDS_CONFERENCE.has(name)) {
      if (!before.flags.conferencing && !lastOf(history, ['AgentConsultConferenced'])) missing = 'a conference';
    } else if (NEEDS_CTQ.has(name)) {
      if (!before.flags.consultToQueue) missing = 'a consult to queue';
    }
    if (!missing) return null;
    return { message: `${name} (#${event.seq}) although this interaction never had ${missing}: nothing changes.` };
  },
};
