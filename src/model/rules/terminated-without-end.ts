import { TASK_ENDS } from '../../protocol';
import { lastOf, type EventRule } from './rule';

const ENDS = [...TASK_ENDS.keys()];

export const terminatedWithoutEnd: EventRule = {
  id: 'terminated-without-end',
  severity: 'warn',
  summary: 'The snapshot says isTerminated but no event that ends the task (lifecycle table, §10.4) was seen.',
  check({ event, before, history }) {
    if (!event.hasSnapshot || event.snapshot?.isTerminated !== true || before.snapshot?.isTerminated === true)
      return null;
    // Any end of the lifecycle table counts (AgentConsultEnded with isTerminated, AgentOutboundFailed, …).
    if (TASK_ENDS.has(event.name) || lastOf(history, ENDS)) return null;
    return {
      message: `${event.name} (#${event.seq}) shows isTerminated true, but no ContactEnded or AgentWrapup was seen for this interaction.`,
    };
  },
};
