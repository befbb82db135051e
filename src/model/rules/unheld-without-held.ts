import { holdLeg, lastOf, type EventRule } from './rule';

export const unheldWithoutHeld: EventRule = {
  id: 'unheld-without-held',
  severity: 'warn',
  summary: 'AgentContactUnheld for a leg that was not on hold (no Held seen, or its isHold was already false).',
  check(ctx) {
    if (ctx.event.name !== 'AgentContactUnheld') return null;
    const leg = holdLeg(ctx);
    const wasHeld = leg ? ctx.before.snapshot?.media?.[leg]?.isHold === true : false;
    if (wasHeld) return null;
    const held = lastOf(ctx.history, ['AgentContactHeld', 'AgentContactUnheld']);
    const why =
      held?.name === 'AgentContactHeld'
        ? `its isHold was false after AgentContactHeld (#${held.seq})`
        : held
          ? `the last hold event was AgentContactUnheld (#${held.seq})`
          : 'no AgentContactHeld was seen';
    return {
      message: `AgentContactUnheld (#${ctx.event.seq}) for leg ${leg ?? '(unknown)'}, which was not on hold: ${why}.`,
      evidence: held ? [held.seq] : [],
    };
  },
};
