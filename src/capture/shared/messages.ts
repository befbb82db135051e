import type { CaptureStats } from '../../frame/capture-stats';
import type { Frame } from '../../frame/frame';
import type { PageChunk } from './page-chunk';

/** Port names: the background tells its two kinds of peer apart by them. */
export const RELAY_PORT = 'wxcc-relay';
export const PANEL_PORT = 'wxcc-panel';

/** Relay → hub. `doc` identifies one document (page load in one frame) for its whole life. */
export type RelayToHub =
  | { type: 'hello'; doc: string; url: string; top: boolean }
  | { type: 'frames'; doc: string; chunks: PageChunk[]; notices?: string[] };

/** Hub → relay. `seq` is the document's last frame the hub has stored durably. */
export type HubToRelay = { type: 'welcome'; acked: number } | { type: 'ack'; seq: number };

/**
 * Panel → hub. `after` is the last tab seq the panel already has (0 for everything). With `tail`,
 * the hub sends the newest `tail` frames or more first (a `tail` message), then the older ones.
 * With `paced`, the backlog's `frames` messages are paced by the panel: the hub keeps at most
 * `BACKLOG_WINDOW` (hub.ts) of them unanswered, and the panel answers each with `more` once it is
 * ready for the next (its analysis caught up), so the hub, the panel and the analysis do not all
 * want a core at once while a long capture fills in.
 */
export type PanelToHub =
  | { type: 'subscribe'; tabId: number; after: number; tail?: number; paced?: boolean }
  /** A paced backlog: the panel took one backlog message in and is ready for another. */
  | { type: 'more' }
  | { type: 'clear' }
  /**
   * The panel was paused during its backlog: the hub stops sending it frames (older or live) and
   * keeps them, as it does anyway, within its budget; stats, sheds and a clear still go to it.
   */
  | { type: 'hold' }
  /** Resumed: the hub sends what it kept, from where it stopped (`hold`), then `backlog-done`. */
  | { type: 'fill' }
  /** Switch Chrome deep capture on or off for the panel's tab. */
  | { type: 'deep-capture'; on: boolean };

/** Whether Chrome deep capture runs for a tab; `error`: why it could not be switched on. */
export interface DeepCaptureState {
  on: boolean;
  error?: string;
}

/**
 * Why the hub deleted a tab's oldest frames: `budget`, to stay inside its byte budget (counted in
 * the stats' shed figures); `age`, older than the retention's maximum age (options page).
 */
export type ShedReason = 'budget' | 'age';

/** Hub → panel. */
export type HubToPanel =
  | { type: 'frames'; frames: Frame[]; backlog: boolean }
  /**
   * The newest stored frames, in seq order, sent first when the panel asked for a `tail`; the
   * backlog's `frames` messages then bring every older frame after `after`, oldest first, up to
   * the tail's first seq, and `backlog-done` follows.
   */
  | { type: 'tail'; frames: Frame[] }
  /**
   * The hub deleted the tab's oldest frames: every frame before `firstSeq` is gone (`frames`,
   * `bytes`: what this deletion removed). A panel drops them too, so it shows what the hub keeps.
   */
  | { type: 'shed'; firstSeq: number; frames: number; bytes: number; reason: ShedReason }
  | { type: 'backlog-done' }
  | { type: 'stats'; stats: CaptureStats }
  | { type: 'cleared'; nextSeq: number }
  | { type: 'deep-capture'; state: DeepCaptureState };

/** What the store holds, for the options page. */
export interface StorageUsage {
  /** Tabs with at least one stored frame. */
  tabs: number;
  frames: number;
  bytes: number;
}

/** Options page → background (`runtime.sendMessage`); the answer is the StorageUsage afterwards. */
export type OptionsToBackground = { type: 'storage-usage' } | { type: 'delete-all' };
