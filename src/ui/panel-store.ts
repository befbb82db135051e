import { signal } from '@preact/signals';
import type { Frame } from '../frame/frame';
import type { CaptureStats } from '../frame/capture-stats';
import { Session, type InteractionTimeline } from '../model';
import { FrameLog } from './frame-log';

export type ConnectionState = 'connecting' | 'live';
export type MainTab = 'interactions' | 'frames' | 'anomalies';
export type DetailsTab = 'diff' | 'snapshot' | 'raw' | 'findings';

/** How long one slice of model ingest may hold the UI thread before it lets the panel paint. */
const INGEST_SLICE_MS = 8;

/**
 * The panel's state. Frames arrive in bursts (a backlog of 100k, or hundreds a second live): the
 * frame log takes them at once, the session model digests them in small time slices so the panel
 * stays responsive, and the view is told at most once per animation frame.
 */
export class PanelStore {
  readonly log = new FrameLog();
  session = new Session();
  /** Bumped when the log or the session changed; components read it to re-render. */
  readonly version = signal(0);
  readonly stats = signal<CaptureStats | null>(null);
  readonly connection = signal<ConnectionState>('connecting');
  readonly paused = signal(false);
  /** Frames that arrived while paused; shown on resume, never dropped. */
  readonly held = signal(0);
  /** Frames received but not yet through the model (a large backlog is digested in slices). */
  readonly analysing = signal(0);
  /** Wall clock, ticking each second, for "on hold for …" and "last keepalive … ago". */
  readonly now = signal(Date.now());

  readonly tab = signal<MainTab>('interactions');
  readonly selectedInteraction = signal<string | null>(null);
  readonly selectedSeq = signal<number | null>(null);
  readonly compareSeq = signal<number | null>(null);
  readonly detailsTab = signal<DetailsTab>('diff');
  readonly query = signal('');
  readonly category = signal('');
  readonly pathFilter = signal('');
  readonly onlyAnomalies = signal(false);
  /** DevTools' "Preserve log": off, each page load starts the view afresh (the capture itself is kept). */
  readonly preserve = signal(true);

  /** Run the end-of-capture checks once everything received is analysed (a file, not a live tab). */
  finishWhenIdle = false;
  /** A file's clock stands at its last frame; a live capture's follows the wall clock. */
  live = true;
  /** The name of the file the viewer shows, if any. */
  readonly fileName = signal<string | undefined>(undefined);
  private heldFrames: Frame[] = [];
  private pending: Frame[] = [];
  private pendingAt = 0;
  private renderQueued = false;
  private lastRender = 0;
  private ingestQueued = false;

  constructor(
    private readonly requestFrame: (cb: () => void) => void = (cb) => requestAnimationFrame(() => cb()),
    private readonly defer: (cb: () => void) => void = (cb) => setTimeout(cb, 0),
  ) {}

  readonly events = {
    frames: (frames: Frame[]): void => {
      if (this.paused.value) {
        for (const f of frames) this.heldFrames.push(f);
        this.held.value = this.heldFrames.length;
        return;
      }
      this.accept(frames);
    },
    stats: (stats: CaptureStats): void => {
      this.log.setStats(stats);
      this.stats.value = stats;
      this.queueRender();
    },
    cleared: (nextSeq: number): void => {
      this.heldFrames = [];
      this.held.value = 0;
      this.pending = [];
      this.pendingAt = 0;
      this.analysing.value = 0;
      this.session = new Session();
      this.log.reset(nextSeq);
      this.selectedInteraction.value = null;
      this.selectedSeq.value = null;
      this.compareSeq.value = null;
      this.queueRender();
    },
    connection: (state: ConnectionState): void => {
      this.connection.value = state;
    },
  };

  /** Every frame the log holds, in order (for the inspector's own tests and console debugging). */
  frames(): Frame[] {
    return [...this.log.frames];
  }

  frame(seq: number): Frame | undefined {
    return this.log.frame(seq);
  }

  /** Interactions, newest first. */
  interactions(): InteractionTimeline[] {
    return [...this.session.interactions.values()].reverse();
  }

  selected(): InteractionTimeline | undefined {
    const id = this.selectedInteraction.value;
    const timeline = id ? this.session.interaction(id) : undefined;
    return timeline ?? this.interactions()[0];
  }

  select(interactionId: string, seq?: number): void {
    this.selectedInteraction.value = interactionId;
    this.selectedSeq.value = seq ?? null;
    this.compareSeq.value = null;
  }

  togglePause(): void {
    if (this.paused.value) {
      this.paused.value = false;
      const frames = this.heldFrames;
      this.heldFrames = [];
      this.held.value = 0;
      this.accept(frames);
    } else {
      this.paused.value = true;
    }
  }

  tick(now: number): void {
    if (this.live) this.now.value = now;
  }

  private accept(incoming: Frame[]): void {
    let frames = incoming;
    if (!this.preserve.value) {
      let load = -1;
      for (let i = frames.length - 1; i >= 0; i--) {
        if (frames[i]!.kind === 'navigation') {
          load = i;
          break;
        }
      }
      if (load >= 0 && (load > 0 || this.log.counters.frames > 0)) {
        this.events.cleared(frames[load]!.seq);
        frames = frames.slice(load);
      }
    }
    this.log.append(frames);
    if (this.pendingAt >= this.pending.length) {
      // Adopted, not copied: the arrays handed in (a port message, a file) are not used again.
      this.pending = frames;
      this.pendingAt = 0;
    } else {
      for (const frame of frames) this.pending.push(frame);
    }
    this.analysing.value = this.pending.length - this.pendingAt;
    this.queueIngest();
    this.queueRender();
  }

  private queueIngest(): void {
    if (this.ingestQueued) return;
    this.ingestQueued = true;
    this.defer(() => this.ingestSlice());
  }

  private ingestSlice(): void {
    this.ingestQueued = false;
    const start = performance.now();
    const pending = this.pending;
    while (this.pendingAt < pending.length) {
      this.session.ingest(pending[this.pendingAt++]!);
      if ((this.pendingAt & 63) === 0 && performance.now() - start > INGEST_SLICE_MS) break;
    }
    if (this.pendingAt >= pending.length) {
      this.pending = [];
      this.pendingAt = 0;
    }
    this.analysing.value = this.pending.length - this.pendingAt;
    if (this.analysing.value > 0) this.queueIngest();
    else if (this.finishWhenIdle) {
      this.finishWhenIdle = false;
      this.session.finish();
    }
    this.queueRender();
  }

  /** Shows a file's frames (the viewer): what was shown before is replaced. */
  loadFrames(frames: Frame[], name = 'capture'): void {
    this.fileName.value = name;
    const last = frames.at(-1)?.seq ?? 0;
    const first = frames[0]?.seq ?? 1;
    this.events.cleared(first);
    this.events.stats({
      frames: frames.length,
      bytes: 0,
      shedFrames: 0,
      shedBytes: 0,
      firstSeq: first,
      lastSeq: last,
      budgetBytes: 0,
    });
    this.finishWhenIdle = true;
    this.live = false;
    this.now.value = frames.at(-1)?.t ?? Date.now();
    this.accept(frames);
    this.connection.value = 'live';
  }

  private queueRender(): void {
    if (this.renderQueued) return;
    this.renderQueued = true;
    const render = () => {
      this.renderQueued = false;
      this.lastRender = performance.now();
      this.version.value++;
    };
    // While a large backlog is being analysed, repaint a few times a second rather than every
    // frame: the analysis gets the thread, and the view still shows its progress.
    const wait = this.lastRender + 150 - performance.now();
    if (this.pending.length - this.pendingAt > 5_000 && wait > 0) setTimeout(() => this.requestFrame(render), wait);
    else this.requestFrame(render);
  }
}
