import { NO_HITS, type SessionRule } from './rule';

/** The capture numbers every frame in the page; a jump means frames were lost before the model saw them. */
export const sequenceGap: SessionRule<{ lastSeq: number }> = {
  id: 'sequence-gap',
  severity: 'error',
  summary: 'Frames are missing from the capture itself (a jump in seq).',
  start: () => ({ lastSeq: 0 }),
  check(moment, state) {
    if (moment.kind !== 'received') return NO_HITS;
    const { seq } = moment.frame;
    const last = state.lastSeq;
    state.lastSeq = Math.max(last, seq);
    if (last === 0 || seq <= last + 1) return NO_HITS;
    const missing = seq - last - 1;
    return [
      {
        seq,
        message: `${missing} frame${missing === 1 ? '' : 's'} missing from the capture between #${last} and #${seq}.`,
        evidence: [last],
      },
    ];
  },
};
