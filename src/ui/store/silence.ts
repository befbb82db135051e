import type { SocketInfo } from '../../model';
import type { SessionData } from '../analysis/session-data';

/** How long a loaded desktop page may go without a notification socket before the panel says so (ms). */
export const SILENCE_MS = 15_000;

/** What the panel saw on a desktop page that has shown no notification socket for 15 s. */
export interface Silence {
  /** ms since the page loaded. */
  forMs: number;
  /** Workers the page created since it loaded: `worker-1`, its script URL, messages both ways. */
  workers: readonly { id: string; url: string | undefined; messages: number }[];
  /** Sockets seen since the load that are not the notification socket (another host or path). */
  otherSockets: readonly { id: string; url: string | undefined }[];
}

/** The notification socket: it said Welcome, a worker relays it, or its URL is the subscription's (protocol doc §1). */
export function isNotificationSocket(socket: SocketInfo): boolean {
  return (
    socket.welcomeSeq !== undefined ||
    socket.capture === 'worker' ||
    (socket.url !== undefined && /\/notification\/subscription\//.test(socket.url))
  );
}

/** The inspected page's latest load: its navigation frame's capture time (epoch ms) and seq. */
export interface PageLoad {
  t: number;
  seq: number;
}

/**
 * "No silence" (issue 11): a live desktop page loaded `SILENCE_MS` ago without any notification
 * socket — direct, bridged through a worker or seen by deep capture — gets a notice instead of an
 * empty panel. `load` is the page's latest load the panel knows of, undefined when no desktop
 * document reported in. What belongs to this load is told by seq, not time: the page's own clock
 * stamps a worker created at `document_start`, before the hub stamps the load.
 * Undefined while there is nothing to say.
 */
export function silenceOf(
  session: Pick<SessionData, 'sockets' | 'workers'>,
  load: PageLoad | undefined,
  now: number,
  live: boolean,
): Silence | undefined {
  if (!live || load === undefined) return undefined;
  const forMs = now - load.t;
  if (forMs < SILENCE_MS) return undefined;
  const sockets = [...session.sockets.values()].filter((s) => (s.lastInbound?.seq ?? -1) >= load.seq);
  if (sockets.some(isNotificationSocket)) return undefined;
  const workers = [...session.workers.values()]
    .filter((w) => w.firstSeq >= load.seq)
    .map((w) => ({ id: w.id, url: w.url, messages: w.messagesIn + w.messagesOut }));
  return { forMs, workers, otherSockets: sockets.map((s) => ({ id: s.id, url: s.url })) };
}

const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * What the no-socket notice saw, in the few words of its one line ("saw 2 workers (41 messages)
 * and 1 other socket", "saw no worker and no WebSocket"): its details list each of them.
 */
export function silenceSeen({ workers, otherSockets }: Pick<Silence, 'workers' | 'otherSockets'>): string {
  if (workers.length === 0 && otherSockets.length === 0) return 'saw no worker and no WebSocket';
  const parts: string[] = [];
  if (workers.length) {
    const messages = workers.reduce((n, w) => n + w.messages, 0);
    parts.push(`${counted(workers.length, 'worker', 'workers')} (${counted(messages, 'message', 'messages')})`);
  }
  if (otherSockets.length) parts.push(counted(otherSockets.length, 'other socket', 'other sockets'));
  return `saw ${parts.join(' and ')}`;
}

/**
 * What the no-socket notice's live region says: the fact and what was seen, counted by workers
 * and sockets only ("No notification socket since this page loaded: saw 2 workers and 1 other
 * socket."). No seconds and no message counts: those change while the notice stands, and a live
 * region whose text changes is read out again (every second, with a clock in it). It changes
 * when what the notice means does: a worker or another socket is seen.
 */
export function silenceSaid({ workers, otherSockets }: Pick<Silence, 'workers' | 'otherSockets'>): string {
  const parts: string[] = [];
  if (workers.length) parts.push(counted(workers.length, 'worker', 'workers'));
  if (otherSockets.length) parts.push(counted(otherSockets.length, 'other socket', 'other sockets'));
  const seen = parts.length ? parts.join(' and ') : 'no worker and no WebSocket';
  return `No notification socket since this page loaded: saw ${seen}.`;
}
