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
 *
 * Cost: a lookup by text hashes the whole frame (5-15 KiB snapshots), which was a tenth of the
 * model's own time per event. Until a frame of the second capture arrives no lookup can match,
 * so the texts are only queued (the last `MAX_REMEMBERED` of the last `RETAIN_MS`, unhashed) and
 * indexed at that moment,
 * in their order: the index is then what it would have been. (It can hold fewer entries only when
 * the same text came more than once among the last 2,000 events of one capture.)
 */
const WINDOW_MS = 10_000;
const MAX_REMEMBERED = 2_000;
/**
 * Texts are remembered for this long (capture time, ms) behind the newest of their capture: a
 * pair is at most `WINDOW_MS` apart, and the other capture's frames may reach the model up to
 * 50 s behind it. A busy shift's 2,000 remembered snapshots were 20–40 MB of text in the model
 * (the analysis worker's heap); a minute of events is a few hundred kilobytes.
 */
export const RETAIN_MS = 60_000;

export type CaptureSide = 'cdp' | 'tap';

interface Remembered {
  socket: string;
  side: CaptureSide;
  t: number;
}

export class CaptureDedup {
  /** Socket id → the socket it duplicates. */
  readonly duplicates = new Map<string, string>();
  private readonly recent = new Map<string, Remembered>();
  /** The one capture seen so far, or 'both' once the index is built. */
  private sides: CaptureSide | 'both' | undefined;
  /** Event frames of that one capture, oldest first from `queueStart`, not yet indexed. */
  private queue: (Remembered & { text: string })[] = [];
  private queueStart = 0;

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
    if (this.sides !== 'both') {
      this.sides ??= side;
      if (side === this.sides) {
        this.enqueue({ text, socket, side, t });
        return false;
      }
      // A second capture: index the first one's recent frames as `remember` would have.
      this.sides = 'both';
      for (let i = this.queueStart; i < this.queue.length; i++) {
        const queued = this.queue[i]!;
        this.remember(queued.text, { socket: queued.socket, side: queued.side, t: queued.t });
      }
      this.queue = [];
      this.queueStart = 0;
    }
    const seen = this.recent.get(text);
    if (seen && seen.side !== side && seen.socket !== socket && Math.abs(t - seen.t) <= windowMs) {
      if (!this.duplicates.has(seen.socket)) {
        this.duplicates.set(socket, seen.socket);
        return true;
      }
    }
    this.remember(text, { socket, side, t });
    return false;
  }

  /** Texts remembered now (queued or indexed): what the model keeps for this check. */
  get remembered(): number {
    return this.queue.length - this.queueStart + this.recent.size;
  }

  private remember(text: string, entry: Remembered): void {
    this.recent.delete(text);
    this.recent.set(text, entry);
    if (this.recent.size > MAX_REMEMBERED) this.recent.delete(this.recent.keys().next().value!);
    // Oldest first (each text is re-inserted when seen again): those too old to pair leave.
    for (const [key, seen] of this.recent) {
      if (seen.t >= entry.t - RETAIN_MS) break;
      this.recent.delete(key);
    }
  }

  private enqueue(entry: Remembered & { text: string }): void {
    this.queue.push(entry);
    if (this.queue.length - this.queueStart > MAX_REMEMBERED) this.queueStart++;
    while (this.queueStart < this.queue.length && this.queue[this.queueStart]!.t < entry.t - RETAIN_MS)
      this.queueStart++;
    // Drop the consumed head now and then (not per frame: that would copy the array every time),
    // so what left it is not kept alive by the array.
    if (this.queueStart >= 64 && this.queueStart * 2 >= this.queue.length) {
      this.queue = this.queue.slice(this.queueStart);
      this.queueStart = 0;
    }
  }

  /** Deep capture stopped: sockets that duplicated its sockets are counted again. */
  release(isCdpSocket: (socket: string) => boolean): void {
    for (const [dup, original] of this.duplicates) if (isCdpSocket(original)) this.duplicates.delete(dup);
  }
}
