import type { Frame } from '../frame/frame';

/**
 * How a socket was captured: `page` (the interceptor wrapped it), `worker` (it lives in a worker
 * and its frames were found in the worker's messages, protocol doc §10.8), `cdp` (Chrome deep
 * capture), `file` (read from a file that does not say).
 */
export type SocketCapture = 'page' | 'worker' | 'cdp' | 'file';

/**
 * Whether a socket's close would be in its capture: a browser's HAR (frames `file`) records no
 * closes, so there a socket without one may have closed (a takeover closes it) or not.
 */
export const closeRecorded = (socket: Pick<SocketInfo, 'capture'>): boolean => socket.capture !== 'file';

/**
 * A socket with no close in its capture, in the words the panel's status bar and the CLI share
 * (`recorded`: `closeRecorded`): `open` while live; in a file, open at the end of the capture where closes are recorded, else
 * that the close is not recorded (a HAR cannot say whether it closed).
 */
export function unclosedSocketWords(recorded: boolean, live: boolean): string {
  if (live) return 'open';
  return recorded ? 'open at the end of the capture' : 'close not recorded';
}

/** Why a socket's close is not recorded: the CLI prints it after the words, the panel in their tooltip. */
export const CLOSE_NOT_RECORDED_WHY = 'a HAR holds no closes: it cannot say whether or when the socket closed';

/** One websocket of the inspected page, as far as its frames tell. */
export interface SocketInfo {
  id: string;
  url: string | undefined;
  capture: SocketCapture;
  /** The URL of the document that owns the socket (a desktop in a CRM's iframe shows here). */
  frameUrl: string | undefined;
  /** Set when deep capture and the page both saw this socket: the one the model reads instead. */
  duplicateOf: string | undefined;
  opened: number | undefined;
  closed: number | undefined;
  closeCode: number | undefined;
  closeReason: string | undefined;
  /** seq of this socket's Welcome, when it was captured. */
  welcomeSeq: number | undefined;
  frames: number;
  /** seq of an AGENT_MULTI_LOGIN on this socket: another session took over, the desktop closes it on purpose (§1.7). */
  takenOver: number | undefined;
  /** The latest inbound frame (or the open): what "time since the last frame" counts from. */
  lastInbound: { seq: number; t: number } | undefined;
}

/**
 * The sockets of a capture, kept up to date frame by frame: opened, closed (code, reason), the
 * Welcome, the latest inbound frame. Knows nothing of interactions.
 */
export class SocketTracker {
  readonly sockets = new Map<string, SocketInfo>();
  /** The socket of the latest frame: the one the desktop uses now. */
  latest: SocketInfo | undefined;
  /** Sockets whose Welcome was seen: more than one means the desktop reconnected. */
  welcomed = 0;
  /** Called with a socket each time it counts a frame (`frames` moved): what a delta of the sockets follows. */
  onFrame: ((socket: SocketInfo) => void) | undefined = undefined;
  /** Whether any socket was seen through its worker (§10.8): a socket's capture never changes. */
  workerCaptured = false;
  private lastWelcomed: SocketInfo | undefined;

  /** The socket a frame belongs to (created on its first frame); undefined for the capture's own meta frames. */
  socketOf(frame: Frame, capture: SocketCapture = 'page'): SocketInfo | undefined {
    if (frame.dir === 'meta') return undefined;
    let socket = this.sockets.get(frame.socket);
    if (!socket) {
      socket = {
        id: frame.socket,
        url: frame.url,
        capture,
        frameUrl: frame.frameUrl,
        duplicateOf: undefined,
        opened: undefined,
        closed: undefined,
        closeCode: undefined,
        closeReason: undefined,
        welcomeSeq: undefined,
        takenOver: undefined,
        frames: 0,
        lastInbound: undefined,
      };
      this.sockets.set(frame.socket, socket);
      if (capture === 'worker') this.workerCaptured = true;
    }
    socket.url ??= frame.url;
    socket.frameUrl ??= frame.frameUrl;
    socket.frames++;
    this.latest = socket;
    this.onFrame?.(socket);
    return socket;
  }

  /** An open, close or error frame of the socket. */
  onSocketEvent(frame: Frame, socket: SocketInfo | undefined): void {
    if (!socket) return;
    if (frame.kind === 'open') {
      socket.opened = frame.t;
      socket.lastInbound = { seq: frame.seq, t: frame.t };
    } else if (frame.kind === 'close') {
      socket.closed = frame.t;
      socket.closeCode = frame.close?.code;
      socket.closeReason = frame.close?.reason;
    }
  }

  /**
   * A Welcome on `socket`; returns whether it starts a new connection after an earlier one (a
   * reconnect). After a takeover the next connection is a new login, not a reconnect.
   */
  onWelcome(frame: Frame, socket: SocketInfo): boolean {
    const reconnect =
      this.welcomed > (socket.welcomeSeq === undefined ? 0 : 1) && this.lastWelcomed?.takenOver === undefined;
    if (socket.welcomeSeq === undefined) this.welcomed++;
    socket.welcomeSeq = frame.seq;
    this.lastWelcomed = socket;
    return reconnect;
  }

  /** After every frame: an inbound data frame is a sign of life. */
  onFrameDone(frame: Frame, socket: SocketInfo | undefined): void {
    if (socket && frame.dir === 'in' && frame.kind !== 'close' && frame.kind !== 'error')
      socket.lastInbound = { seq: frame.seq, t: frame.t };
  }
}
