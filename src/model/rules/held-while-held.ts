import { holdLeg, lastOf, type EventRule } from './rule';

export const heldWhileHeld: EventRule = {
  id: 'held-while-held',
  severity: 'warn',
  summary: 'AgentContactHeld for a leg that was already on hold.',
  check(ctx) {
    if (ctx.event.name !== 'AgentContactHeld') return null;
    const leg = holdLeg(ctx);
    if (!leg || ctx.before.snapshot?.media?.[leg]?.isHold !== true) return null;
    const held = lastOf(ctx.history, ['AgentContactHeld']);
    return {
      message: `AgentContactHeld (#${ctx.event.seq}) for leg ${leg}, which was already on hold${held ? ` since #${held.seq}` : ''}.`,
      evidence: held ? [held.seq] : [],
    };
  },
};
