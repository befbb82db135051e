import type { Frame } from '../../frame/frame';
import type { CaptureStats } from '../../frame/capture-stats';
import type { DeepCaptureState, HubToPanel, PanelToHub, ShedReason } from '../shared/messages';
import { defaultSchedule, type PortLike, type Schedule } from '../shared/port';

export interface PanelLinkEvents {
  /**
   * Frames in seq order from each message: the backlog (oldest first), then live ones. After a
   * `tail`, the backlog's frames are those before it, and live ones follow the tail.
   */
  frames(frames: Frame[]): void;
  /** The newest frames, sent first when the link asked for a tail (before the older backlog). */
  tail?(frames: Frame[]): void;
  stats(stats: CaptureStats): void;
  cleared(nextSeq: number): void;
  /** The hub deleted every frame before `firstSeq` (`frames`, `bytes`: this deletion's share). */
  shed?(shed: { firstSeq: number; frames: number; bytes: number; reason: ShedReason }): void;
  connection(state: 'connecting' | 'live'): void;
  /**
   * Paces the backlog (the link then subscribes `paced`): called after each backlog message was
   * handed to `frames`, with `more`, which asks the hub for the next one. Call it once ready for
   * more (the analysis caught up); the hub keeps a few messages on the way meanwhile. Without
   * it, the hub sends the backlog back to back.
   */
  backlogTaken?(more: () => void): void;
  /** Chrome deep capture for the tab switched on or off (or refused, with the reason). */
  deepCapture?(state: DeepCaptureState): void;
}

/**
 * How many of the newest frames a panel opening on a capture asks for first: a screenful many
 * times over, small enough to arrive and show within a second, whatever the capture's size.
 */
export const REOPEN_TAIL_FRAMES = 2_000;

/**
 * The panel's end of the hub: subscribes for one tab and, when the port drops (the service worker
 * was stopped), reconnects and asks only for what came after the last frame it has.
 */
export class PanelLink {
  private port: PortLike<HubToPanel, PanelToHub> | null = null;
  /** The newest frame received. */
  private lastSeq = 0;
  /**
   * While a tail is shown and the older backlog fills in: the last older frame received, and the
   * tail's first seq. Otherwise both follow `lastSeq`.
   */
  private filledSeq = 0;
  private tailFrom = 1;
  private closed = false;
  /** The panel is paused (`holdBacklog`): a backlog still coming is held at the hub. */
  private holding = false;
  /** This port's hub was asked to hold the backlog (and not yet to go on). */
  private holdSent = false;
  /** The backlog of this port's subscription is all here (`backlog-done`). */
  private done = false;

  /**
   * `tail`: on the first subscription, ask for the newest `tail` frames first (a reopened panel
   * shows the present at once); 0 asks for the backlog oldest first.
   */
  constructor(
    private readonly connect: () => PortLike<HubToPanel, PanelToHub>,
    private readonly tabId: number,
    private readonly events: PanelLinkEvents,
    private readonly schedule: Schedule = defaultSchedule,
    private readonly tail = 0,
  ) {
    this.open();
  }

  private get filling(): boolean {
    return this.filledSeq < this.tailFrom - 1;
  }

  clear(): void {
    this.port?.postMessage({ type: 'clear' });
  }

  /** Asks the background to attach (or detach) Chrome's debugger to the tab. */
  setDeepCapture(on: boolean): void {
    this.port?.postMessage({ type: 'deep-capture', on });
  }

  close(): void {
    this.closed = true;
    this.port?.disconnect();
  }

  /**
   * The panel was paused (true) or resumed (false). Paused while its backlog comes (a reopened
   * panel filling in), it asks the hub to keep the rest, and the live frames, until it resumes:
   * a paused panel holds no more than it has (the hub holds them anyway, within its budget).
   */
  holdBacklog(on: boolean): void {
    if (this.holding === on) return;
    this.holding = on;
    if (on && !this.done) this.sendHold();
    else if (!on && this.holdSent) {
      this.holdSent = false;
      this.send({ type: 'fill' });
    }
  }

  private sendHold(): void {
    this.holdSent = true;
    this.send({ type: 'hold' });
  }

  private send(message: PanelToHub): void {
    try {
      this.port?.postMessage(message);
    } catch {
      // Gone meanwhile: the reconnect subscribes afresh (and holds again if still paused).
    }
  }

  private open(): void {
    if (this.closed) return;
    this.events.connection('connecting');
    let port: PortLike<HubToPanel, PanelToHub>;
    try {
      port = this.connect();
    } catch {
      this.schedule(() => this.open(), 500);
      return;
    }
    this.port = port;
    this.done = false;
    this.holdSent = false;
    port.onMessage.addListener((message) => {
      switch (message.type) {
        case 'tail': {
          const fresh = message.frames.filter((f) => f.seq > this.lastSeq);
          if (!fresh.length) return;
          if (!this.events.tail) {
            this.accept(fresh);
            return;
          }
          this.tailFrom = fresh[0]!.seq;
          this.lastSeq = fresh[fresh.length - 1]!.seq;
          this.events.tail(fresh);
          return;
        }
        case 'frames':
          this.accept(message.frames);
          if (message.backlog && this.events.backlogTaken) {
            // Only this port's hub counts the answer (a reconnect subscribes afresh).
            this.events.backlogTaken(() => {
              if (this.port !== port || this.closed) return;
              try {
                port.postMessage({ type: 'more' });
              } catch {
                // Gone meanwhile: the reconnect subscribes afresh.
              }
            });
          }
          return;
        case 'stats':
          this.events.stats(message.stats);
          return;
        case 'backlog-done':
          this.done = true;
          this.holdSent = false;
          // Whatever the backlog did not bring before the tail is not stored: it was shed.
          this.filledSeq = this.lastSeq;
          this.tailFrom = this.lastSeq + 1;
          this.events.connection('live');
          return;
        case 'shed':
          this.events.shed?.(message);
          return;
        case 'cleared':
          this.lastSeq = Math.max(this.lastSeq, message.nextSeq - 1);
          this.filledSeq = this.lastSeq;
          this.tailFrom = this.lastSeq + 1;
          this.events.cleared(message.nextSeq);
          return;
        case 'deep-capture':
          this.events.deepCapture?.(message.state);
      }
    });
    port.onDisconnect.addListener(() => {
      this.port = null;
      if (!this.closed) this.schedule(() => this.open(), 100);
    });
    // A reconnect in the middle of filling in asks again from the last older frame it has, in order.
    const paced = this.events.backlogTaken ? { paced: true } : {};
    if (this.filling) port.postMessage({ type: 'subscribe', tabId: this.tabId, after: this.filledSeq, ...paced });
    else if (this.lastSeq === 0 && this.tail > 0)
      port.postMessage({ type: 'subscribe', tabId: this.tabId, after: 0, tail: this.tail, ...paced });
    else port.postMessage({ type: 'subscribe', tabId: this.tabId, after: this.lastSeq, ...paced });
    // Paused meanwhile: this hub holds the backlog too.
    if (this.holding) this.sendHold();
  }

  /** Frames in seq order: older ones that fill in before the tail, and new ones after the last. */
  private accept(frames: Frame[]): void {
    const filling = this.filling;
    const fresh = frames.filter(
      (f) => f.seq > this.lastSeq || (filling && f.seq > this.filledSeq && f.seq < this.tailFrom),
    );
    if (!fresh.length) return;
    for (const frame of fresh) {
      if (frame.seq < this.tailFrom) this.filledSeq = frame.seq;
      else this.lastSeq = frame.seq;
    }
    if (!this.filling) this.filledSeq = this.lastSeq;
    this.events.frames(fresh);
  }
}
