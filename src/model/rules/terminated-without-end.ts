import { lastOf, type EventRule } from './rule';

export const terminatedWithoutEnd: EventRule = {
  id: 'terminated-without-end',
  severity: 'warn',
  summary: 'The snapshot says isTerminated but no ContactEnded or AgentWrapup was seen.',
  check({ event, before, history }) {
    if (!event.hasSnapshot || event.snapshot?.isTerminated !== true || before.snapshot?.isTerminated === true)
      return null;
    if (
      ['ContactEnded', 'AgentWrapup', 'AgentWrappedUp'].includes(event.name) ||
      lastOf(history, ['ContactEnded', 'AgentWrapup'])
    )
      return null;
    return {
      message: `${event.name} (#${event.seq}) shows isTerminated true, but no ContactEnded or AgentWrapup was seen for this interaction.`,
    };
  },
};
