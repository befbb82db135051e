import type { EventRule } from './rule';
import type { Interaction } from '../../protocol';

import { recordingState } from '../flags';

// No single right reading where the flags contradict each other (§10.3): shown as a conflict.
const conflict = (snapshot: Interaction | undefined) => recordingState(snapshot?.callProcessingDetails) === 'conflict';

export const recordingFlagsConflict: EventRule = {
  id: 'recording-flags-conflict',
  severity: 'error',
  summary:
    'The recording flags contradict each other in a snapshot (recordInProgress with isPaused true, or with recordingStarted false).',
  check({ event, before }) {
    if (!event.hasSnapshot || !conflict(event.snapshot) || conflict(before.snapshot)) return null;
    const cpd = event.snapshot?.callProcessingDetails;
    return {
      message: `After ${event.name} (#${event.seq}) the recording flags contradict each other (recordingStarted ${String(cpd?.recordingStarted)}, recordInProgress ${String(cpd?.recordInProgress)}, isPaused ${String(cpd?.isPaused)}): shown as a conflict.`,
    };
  },
};
