import { TASK_ENDS, type Interaction } from '../../protocol';
import type { EventRule } from './rule';

// Leaving is what these events are about; the roster change they bring is expected.
const LEAVING = new Set([
  ...TASK_ENDS.keys(),
  'ParticipantLeftConference',
  'ContactEnded',
  'AgentWrapup',
  'AgentWrappedUp',
  'AgentConsultEnded',
  'AgentBlindTransferred',
  'AgentVteamTransferred',
  'AgentConsultTransferred',
  'AgentConferenceTransferred',
]);

function present(snapshot: Interaction | undefined, agentId: string): boolean | undefined {
  if (!snapshot?.participants) return undefined;
  const self = snapshot.participants[agentId];
  return self !== undefined && self.hasLeft !== true;
}

export const selfLeftRoster: EventRule = {
  id: 'self-left-roster',
  severity: 'warn',
  summary:
    "The desktop's own agent disappears from the participants (or gets hasLeft) while events keep coming for the interaction.",
  check({ event, before, agentId, history }) {
    if (!agentId || !event.hasSnapshot || LEAVING.has(event.name) || event.flags.ended) return null;
    if (present(before.snapshot, agentId) !== true || present(event.snapshot, agentId) !== false) return null;
    const previous = history.at(-1);
    return {
      message: `Agent ${agentId} is ${event.snapshot?.participants?.[agentId] ? 'marked hasLeft' : 'missing from the participants'} after ${event.name} (#${event.seq}), though still receiving this interaction's events.`,
      evidence: previous ? [previous.seq] : [],
    };
  },
};
