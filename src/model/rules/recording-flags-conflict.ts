import type { EventRule } from './rule';
import type { Interaction } from '../../protocol';

const conflict = (snapshot: Interaction | undefined) =>
  snapshot?.callProcessingDetails?.isPaused === true && snapshot.callProcessingDetails.recordInProgress === true;

export const recordingFlagsConflict: EventRule = {
  id: 'recording-flags-conflict',
  severity: 'error',
  summary: 'isPaused and recordInProgress are both true in a snapshot.',
  check({ event, before }) {
    if (!event.hasSnapshot || !conflict(event.snapshot) || conflict(before.snapshot)) return null;
    return { message: `After ${event.name} (#${event.seq}) isPaused and recordInProgress are both true.` };
  },
};
