import { lastOf, type EventRule } from './rule';

export const pauseWhilePaused: EventRule = {
  id: 'pause-while-paused',
  severity: 'warn',
  summary: 'ContactRecordingPaused while recording was already paused.',
  check({ event, before, history }) {
    if (event.name !== 'ContactRecordingPaused' || before.flags.recording !== 'paused') return null;
    const paused = lastOf(history, ['ContactRecordingPaused']);
    return {
      message: `ContactRecordingPaused (#${event.seq}) while recording was already paused${paused ? ` (since #${paused.seq})` : ''}.`,
      evidence: paused ? [paused.seq] : [],
    };
  },
};
