/**
 * One socket seen twice: by the page (or through its worker) and by Chrome deep capture (CDP).
 * The same notification then arrives as two frames, and the model must count it once. An event
 * frame (not a keepalive: those are alike on every socket) whose text equals one that a socket of
 * the *other* capture delivered within 10 s makes its own socket a duplicate of that one, and
 * every later frame of a duplicate is left out of the model (it stays in the Frames tab). Two
 * sockets of the same capture are never merged: a backend that sends one event on two
 * overlapping sockets is a real finding (field case f13), not a capture artefact.
 *
 * A Welcome is alike on every connection of the agent, so it only pairs within 2 s (the two
 * copies of one arrive within milliseconds; a reconnect takes longer).
 *
 * Whichever copy reaches the capture first is kept (deep capture's frames usually do: the page's
 * wait for their batch), so no event is applied twice. When deep capture is switched off its
 * sockets stop, and `release` makes their duplicates count again.
 */
const WINDOW_MS = 10_000;
const MAX_REMEMBERED = 2_000;

export type CaptureSide = 'cdp' | 'tap';

export class CaptureDedup {
  /** Socket id → the socket it duplicates. */
  readonly duplicates = new Map<string, string>();
  private readonly recent = new Map<string, { socket: string; side: CaptureSide; t: number }>();

  /** True when the frame's socket is (or has just become) a duplicate of another capture's socket. */
  skip(
    socket: string,
    side: CaptureSide,
    text: string | undefined,
    isEvent: boolean,
    t: number,
    windowMs = WINDOW_MS,
  ): boolean {
    if (this.duplicates.has(socket)) return true;
    if (!isEvent || text === undefined) return false;
    const seen = this.recent.get(text);
    if (seen && seen.side !== side && seen.socket !== socket && Math.abs(t - seen.t) <= windowMs) {
      if (!this.duplicates.has(seen.socket)) {
        this.duplicates.set(socket, seen.socket);
        return true;
      }
    }
    this.recent.delete(text);
    this.recent.set(text, { socket, side, t });
    if (this.recent.size > MAX_REMEMBERED) this.recent.delete(this.recent.keys().next().value!);
    return false;
  }

  /** Deep capture stopped: sockets that duplicated its sockets are counted again. */
  release(isCdpSocket: (socket: string) => boolean): void {
    for (const [dup, original] of this.duplicates) if (isCdpSocket(original)) this.duplicates.delete(dup);
  }
}
