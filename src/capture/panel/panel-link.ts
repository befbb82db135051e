import type { Frame } from '../../frame/frame';
import type { CaptureStats } from '../../frame/capture-stats';
import type { DeepCaptureState, HubToPanel, PanelToHub, ShedReason } from '../shared/messages';
import { defaultSchedule, type PortLike, type Schedule } from '../shared/port';

export interface PanelLinkEvents {
  frames(frames: Frame[]): void;
  stats(stats: CaptureStats): void;
  cleared(nextSeq: number): void;
  /** The hub deleted every frame before `firstSeq` (`frames`, `bytes`: this deletion's share). */
  shed?(shed: { firstSeq: number; frames: number; bytes: number; reason: ShedReason }): void;
  connection(state: 'connecting' | 'live'): void;
  /** Chrome deep capture for the tab switched on or off (or refused, with the reason). */
  deepCapture?(state: DeepCaptureState): void;
}

/**
 * The panel's end of the hub: subscribes for one tab and, when the port drops (the service worker
 * was stopped), reconnects and asks only for what came after the last frame it has.
 */
export class PanelLink {
  private port: PortLike<HubToPanel, PanelToHub> | null = null;
  private lastSeq = 0;
  private closed = false;

  constructor(
    private readonly connect: () => PortLike<HubToPanel, PanelToHub>,
    private readonly tabId: number,
    private readonly events: PanelLinkEvents,
    private readonly schedule: Schedule = defaultSchedule,
  ) {
    this.open();
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
    port.onMessage.addListener((message) => {
      switch (message.type) {
        case 'frames': {
          const fresh = message.frames.filter((f) => f.seq > this.lastSeq);
          if (!fresh.length) return;
          this.lastSeq = fresh[fresh.length - 1]!.seq;
          this.events.frames(fresh);
          return;
        }
        case 'stats':
          this.events.stats(message.stats);
          return;
        case 'backlog-done':
          this.events.connection('live');
          return;
        case 'shed':
          this.events.shed?.(message);
          return;
        case 'cleared':
          this.lastSeq = Math.max(this.lastSeq, message.nextSeq - 1);
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
    port.postMessage({ type: 'subscribe', tabId: this.tabId, after: this.lastSeq });
  }
}
