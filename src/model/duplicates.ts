/** How long a delivery is remembered: a second delivery on an overlapping socket comes within this (capture ms). */
const WINDOW_MS = 5_000;

interface Seen {
  key: string;
  seq: number;
  t: number;
}

/**
 * Recognises the same event delivered twice (issue 10 kind 6, webex-js-sdk#4881): the same event
 * name for the same interaction with the same `data.trackingId`, or with the same `eventTime`,
 * within 5 s of capture time. Memory is bounded by the window, not by the capture.
 */
export class DuplicateWatch {
  private readonly byKey = new Map<string, Seen>();
  private readonly queue: Seen[] = [];
  private head = 0;

  /** The seq of the first delivery when this event is a second one; otherwise remembers it. */
  check(
    name: string,
    interactionId: string,
    trackingId: string | undefined,
    eventTime: number | undefined,
    seq: number,
    t: number,
  ): number | undefined {
    this.expire(t);
    const keys: string[] = [];
    if (trackingId) keys.push(`${name}\u0000${interactionId}\u0000t:${trackingId}`);
    if (eventTime !== undefined) keys.push(`${name}\u0000${interactionId}\u0000e:${eventTime}`);
    for (const key of keys) {
      const seen = this.byKey.get(key);
      if (seen) return seen.seq;
    }
    for (const key of keys) {
      const entry = { key, seq, t };
      this.byKey.set(key, entry);
      this.queue.push(entry);
    }
    return undefined;
  }

  private expire(now: number): void {
    while (this.head < this.queue.length && now - this.queue[this.head]!.t > WINDOW_MS) {
      const old = this.queue[this.head++]!;
      if (this.byKey.get(old.key) === old) this.byKey.delete(old.key);
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
  }
}
