import type { Decoded } from '../protocol';

/**
 * What the model made of one frame, kept for the Frames tab's rows: the event name and the
 * interaction it belongs to, so a row leads with them instead of the envelope every frame shares.
 */
export interface FrameInfo {
  /** The decoder's verdict: event, keepalive, welcome, invalid-json, … */
  kind: Decoded['kind'];
  /** The event name (`AgentContactHeld`), `Welcome`, or undefined. */
  name?: string;
  /** The event's category from the catalogue (`hold`, `failure`, …), for its colour. */
  category?: string;
  /** The interaction the event names, as sent. */
  interactionId?: string;
  /**
   * The timeline the event went into, as the analysis numbers timelines (`TimelineDelta.ref`):
   * where the Frames tab shows it, whatever its id means since (a merge retires an id).
   */
  timeline?: number;
}

// Most frames are keepalives or capture/socket frames: one shared object each keeps 100k rows cheap.
const SHARED: Partial<Record<Decoded['kind'], FrameInfo>> = {
  keepalive: { kind: 'keepalive', name: 'keepalive' },
  meta: { kind: 'meta' },
  binary: { kind: 'binary' },
  'unknown-json': { kind: 'unknown-json' },
};

/** What the model made of a frame; `timeline`: the ref of the timeline its event went into, if any. */
export function frameInfoOf(decoded: Decoded, timeline?: number): FrameInfo {
  switch (decoded.kind) {
    case 'event': {
      const info: FrameInfo = { kind: 'event', name: decoded.name, category: decoded.info.category };
      if (decoded.interactionId !== undefined) info.interactionId = decoded.interactionId;
      if (timeline !== undefined) info.timeline = timeline;
      return info;
    }
    case 'welcome':
      return { kind: 'welcome', name: 'Welcome', category: 'connection' };
    case 'invalid-json':
      return { kind: 'invalid-json', name: 'invalid JSON' };
    default:
      return SHARED[decoded.kind] ?? { kind: decoded.kind };
  }
}
