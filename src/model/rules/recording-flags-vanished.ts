import type { EventRule } from './rule';
import type { Interaction } from '../../protocol';

const hasRecordingFlags = (snapshot: Interaction | undefined): boolean => {
  const cpd = snapshot?.callProcessingDetails;
  return (
    cpd !== undefined &&
    (cpd.recordingStarted !== undefined || cpd.recordInProgress !== undefined || cpd.isPaused !== undefined)
  );
};

export const recordingFlagsVanished: EventRule = {
  id: 'recording-flags-vanished',
  severity: 'warn',
  summary: 'Recording flags present in the previous snapshot are gone (e.g. callProcessingDetails: {}).',
  check({ event, before, history }) {
    if (!event.hasSnapshot || !hasRecordingFlags(before.snapshot) || hasRecordingFlags(event.snapshot)) return null;
    const previous = history.at(-1);
    return {
      message: `${event.name} (#${event.seq}) has no recordingStarted/recordInProgress/isPaused, which ${previous ? `#${previous.seq}` : 'the previous snapshot'} had: the recording state is unknown.`,
      evidence: previous ? [previous.seq] : [],
    };
  },
};
