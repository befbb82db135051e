import { NO_HITS, type SessionRule } from './rule';

/**
 * The SDK calls a connection lost after 8 s without a frame; the server drops a socket silent for
 * 16 s (protocol doc §1.4, §1.6). Its clock restarts at each inbound *message*, so the gap is
 * measured between messages the socket received, never from an `open`: a Chrome HAR's open is
 * made up by the reader at the entry's start (src/io/har-read.ts), and a HAR cut or recorded
 * mid-connection has its first message long after it. Silence before the first message (no
 * Welcome) is not a missed keepalive.
 */
const WARN_MS = 8_000;
const ERROR_MS = 16_000;

export const keepaliveGap: SessionRule<Map<string, { seq: number; t: number }>> = {
  id: 'keepalive-gap',
  severity: 'warn',
  summary:
    "No inbound message on a socket for over 8 s (the SDK calls the connection lost); over 16 s is an error (the server drops the socket). Counted from its first message, not from the open: a Chrome HAR's open is made up at the entry's start, and a HAR that begins mid-connection would otherwise read as a long silence.",
  start: () => new Map(),
  check(moment, lastInbound) {
    if (moment.kind !== 'processed') return NO_HITS;
    const { frame, socket } = moment;
    if (!socket || frame.dir !== 'in' || (frame.kind !== 'text' && frame.kind !== 'binary')) return NO_HITS;
    const last = lastInbound.get(socket.id);
    lastInbound.set(socket.id, { seq: frame.seq, t: frame.t });
    // A socket taken over by another login is closed on purpose: its silence is no alarm. Seen
    // through its worker, a socket's keepalives stay in the worker: silence proves nothing there.
    if (!last || socket.closed !== undefined || socket.takenOver !== undefined || socket.capture === 'worker')
      return NO_HITS;
    const gap = frame.t - last.t;
    if (gap <= WARN_MS) return NO_HITS;
    const error = gap > ERROR_MS;
    return [
      {
        seq: frame.seq,
        severity: error ? 'error' : 'warn',
        message: `${(gap / 1000).toFixed(1)} s without any inbound message on ${socket.id} between #${last.seq} and #${frame.seq}${error ? ': the server drops a socket silent for 16 s' : ': the SDK treats 8 s as connection lost'}.`,
        evidence: [last.seq],
      },
    ];
  },
};
