import { signal } from '@preact/signals';
import type { Frame } from '../capture/frame';
import type { CaptureStats } from '../capture/messages';
import { FrameLog } from './frame-log';

export type ConnectionState = 'connecting' | 'live';

/**
 * The panel's state. Frames arrive in bursts (a backlog of 100k, or hundreds a second live): they
 * are appended to the log at once but the view is told at most once per animation frame.
 */
export class PanelStore {
  readonly log = new FrameLog();
  /** Bumped when the log changed; components read it to re-render. */
  readonly version = signal(0);
  readonly stats = signal<CaptureStats | null>(null);
  readonly connection = signal<ConnectionState>('connecting');
  readonly paused = signal(false);
  /** Frames that arrived while paused; shown on resume, never dropped. */
  readonly held = signal(0);
  private heldFrames: Frame[] = [];
  private renderQueued = false;

  constructor(private readonly requestFrame: (cb: () => void) => void = (cb) => requestAnimationFrame(() => cb())) {}

  readonly events = {
    frames: (frames: Frame[]): void => {
      if (this.paused.value) {
        for (const f of frames) this.heldFrames.push(f);
        this.held.value = this.heldFrames.length;
        return;
      }
      this.log.append(frames);
      this.queueRender();
    },
    stats: (stats: CaptureStats): void => {
      this.log.setStats(stats);
      this.stats.value = stats;
      this.queueRender();
    },
    cleared: (nextSeq: number): void => {
      this.heldFrames = [];
      this.held.value = 0;
      this.log.reset(nextSeq);
      this.queueRender();
    },
    connection: (state: ConnectionState): void => {
      this.connection.value = state;
    },
  };

  /** Every frame the log holds, in order (for the inspector's own tests and console debugging). */
  frames(): Frame[] {
    const frames: Frame[] = [];
    for (const row of this.log.rows) if (row.type === 'frame') frames.push(row.frame);
    return frames;
  }

  togglePause(): void {
    if (this.paused.value) {
      this.paused.value = false;
      const frames = this.heldFrames;
      this.heldFrames = [];
      this.held.value = 0;
      this.log.append(frames);
      this.queueRender();
    } else {
      this.paused.value = true;
    }
  }

  private queueRender(): void {
    if (this.renderQueued) return;
    this.renderQueued = true;
    this.requestFrame(() => {
      this.renderQueued = false;
      this.version.value++;
    });
  }
}
