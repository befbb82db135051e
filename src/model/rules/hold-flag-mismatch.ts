import { holdLeg, type EventRule } from './rule';

export const holdFlagMismatch: EventRule = {
  id: 'hold-flag-mismatch',
  severity: 'error',
  summary:
    "After AgentContactHeld/Unheld, the leg's isHold in the event's own snapshot says the opposite (or the leg is missing).",
  check(ctx) {
    const { event } = ctx;
    if ((event.name !== 'AgentContactHeld' && event.name !== 'AgentContactUnheld') || !event.hasSnapshot) return null;
    const leg = holdLeg(ctx);
    const expected = event.name === 'AgentContactHeld';
    const entry = leg ? event.snapshot?.media?.[leg] : undefined;
    if (!entry)
      return {
        message: `${event.name} (#${event.seq}) is about leg ${leg ?? '(unknown)'}, which its snapshot's media does not have.`,
      };
    if (entry.isHold === expected) return null;
    return {
      message: `${event.name} (#${event.seq}) contradicts its own snapshot (event: ${expected ? 'held' : 'resumed'} · snapshot: media.${leg}.isHold ${String(entry.isHold)}); the flags follow the event.`,
    };
  },
};
