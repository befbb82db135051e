import type { EventRule } from './rule';

export const pauseNotEnabled: EventRule = {
  id: 'pause-not-enabled',
  severity: 'warn',
  summary: 'ContactRecordingPaused although callProcessingDetails.pauseResumeEnabled is false.',
  check({ event, before }) {
    if (event.name !== 'ContactRecordingPaused' || before.flags.pauseResumeAllowed !== false) return null;
    return { message: `ContactRecordingPaused (#${event.seq}) although pauseResumeEnabled was false.` };
  },
};
