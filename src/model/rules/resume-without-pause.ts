import { lastOf, type EventRule } from './rule';

export const resumeWithoutPause: EventRule = {
  id: 'resume-without-pause',
  severity: 'warn',
  summary: 'ContactRecordingResumed while recording was not paused.',
  check({ event, before, history }) {
    if (event.name !== 'ContactRecordingResumed' || before.flags.recording === 'paused') return null;
    const last = lastOf(history, ['ContactRecordingPaused', 'ContactRecordingResumed']);
    const why = last
      ? `the last recording event was ${last.name} (#${last.seq})`
      : 'no ContactRecordingPaused was seen';
    return {
      message: `ContactRecordingResumed (#${event.seq}) while recording was ${before.flags.recording}: ${why}.`,
      evidence: last ? [last.seq] : [],
    };
  },
};
