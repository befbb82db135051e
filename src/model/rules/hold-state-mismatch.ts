import type { EventRule } from './rule';

const mismatch = (state: string | undefined, heldLegs: readonly string[]) => state === 'hold' && heldLegs.length === 0;

export const holdStateMismatch: EventRule = {
  id: 'hold-state-mismatch',
  severity: 'warn',
  summary: 'The interaction\'s state is "hold" while no media leg has isHold true.',
  check({ event, before }) {
    // Reported when it starts, not on every event while it lasts.
    if (
      !event.hasSnapshot ||
      !mismatch(event.flags.state, event.flags.heldLegs) ||
      mismatch(before.flags.state, before.flags.heldLegs)
    )
      return null;
    return { message: `After ${event.name} (#${event.seq}) the state is "hold" but no media leg has isHold true.` };
  },
};
