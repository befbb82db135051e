import { NO_HITS, type SessionRule } from './rule';

interface State {
  /** The notification socket whose Welcome came last, and that Welcome's seq. */
  newest: { id: string; welcomeSeq: number } | undefined;
  /** Pairs already reported ("old new"). */
  reported: Set<string>;
}

/**
 * After a network blip two notification sockets can be open at once (webex-js-sdk#4881): frames
 * keep coming on the old one after the new one's Welcome. Then the same event may arrive on both.
 */
export const overlappingSockets: SessionRule<State> = {
  id: 'overlapping-sockets',
  severity: 'warn',
  summary:
    'Frames still arrive on a notification socket after a newer one was welcomed: two sockets are open at once, and events may be delivered twice.',
  start: () => ({ newest: undefined, reported: new Set() }),
  check(moment, state) {
    if (moment.kind === 'welcome') {
      state.newest = { id: moment.socket.id, welcomeSeq: moment.frame.seq };
      return NO_HITS;
    }
    if (moment.kind !== 'processed') return NO_HITS;
    const { frame, socket } = moment;
    const newest = state.newest;
    if (!newest || !socket || socket.id === newest.id || frame.dir !== 'in' || frame.kind !== 'text') return NO_HITS;
    if (socket.welcomeSeq === undefined || socket.welcomeSeq > newest.welcomeSeq || socket.closed !== undefined)
      return NO_HITS;
    const pair = `${socket.id} ${newest.id}`;
    if (state.reported.has(pair)) return NO_HITS;
    state.reported.add(pair);
    return [
      {
        seq: frame.seq,
        message: `#${frame.seq} arrived on ${socket.id} after ${newest.id} was welcomed (#${newest.welcomeSeq}): two notification sockets are open at once; events delivered on both are counted once.`,
        evidence: [newest.welcomeSeq],
      },
    ];
  },
};
