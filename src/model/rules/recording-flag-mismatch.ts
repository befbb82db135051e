import { recordingState } from '../flags';
import type { EventRule } from './rule';

const EXPECTED: Record<string, 'paused' | 'active'> = {
  ContactRecordingPaused: 'paused',
  ContactRecordingResumed: 'active',
};

export const recordingFlagMismatch: EventRule = {
  id: 'recording-flag-mismatch',
  severity: 'error',
  summary: "After ContactRecordingPaused/Resumed, the snapshot's recordInProgress/isPaused say otherwise.",
  check({ event }) {
    const expected = EXPECTED[event.name];
    const cpd = event.snapshot?.callProcessingDetails;
    if (!expected || !event.hasSnapshot || !cpd) return null;
    const state = recordingState(cpd);
    if (state === expected || state === 'unknown') return null;
    return {
      message: `${event.name} (#${event.seq}) contradicts its own snapshot (event: ${expected} · snapshot: ${state}, recordInProgress ${String(cpd.recordInProgress)}, isPaused ${String(cpd.isPaused)}); the flags follow the event.`,
    };
  },
};
