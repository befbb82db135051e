import { batch, signal } from '@preact/signals';
import type { Frame } from '../frame/frame';
import type { CaptureStats } from '../frame/capture-stats';
import { NOTHING_LEFT_OUT, type HarLeftOut } from '../io/har-left-out';
import { requestAt, requestOfFrame, type Anomaly } from '../model';
import type { FromAnalyser } from './analysis/analyser';
import { inThreadLink, type ModelLink } from './analysis/model-link';
import type { SessionData } from './analysis/session-data';
import { SessionReplica } from './analysis/session-replica';
import { FrameLog } from './frame-log';
import type { FrameInfo } from './frame-info';
import { IngestQueue, browserScheduler, type IngestScheduler } from './store/ingest-queue';
import type { KeyCommand } from './store/keyboard';
import { Selectors } from './store/selectors';
import { NOTHING_WAITING, sameWaiting, type PauseWaiting } from './store/pause-status';
import type { PageLoad } from './store/silence';
import { ViewState } from './store/view-state';

export type { DetailsTab, MainTab } from './store/view-state';

/**
 * How far a live capture's frames may lag the panel's clock (the page batches them, the relay and
 * hub pass them on): the model's clock follows the wall clock this far behind, so a result sent
 * just in time is never called late.
 */
export const LIVE_FRAME_MARGIN_MS = 2000;
export type ConnectionState = 'connecting' | 'live';

const bytesOf = (frames: readonly Frame[]): number => {
  let bytes = 0;
  for (const frame of frames) bytes += frame.size;
  return bytes;
};

/**
 * Frames go to the analysis in messages of at most about this many payload bytes (`Frame.size`;
 * a message holds at least one frame). Most likely (inferred from the sizes, not traced)
 * Chromium's allocator takes a serialised copy above about 1 MiB straight from the system, in
 * pages never touched before, and where page faults are slow a first touch is what copying costs
 * most: on the 2-core CI machine (Chromium 156, 2026-12-01) posting 2,000 frames of 3.4 KB to a
 * worker took 58–61 ms as one 6.7 MB message, 51 ms as four of 1.7 MB, and 26–32 ms as eight of
 * 830 KB or sixteen of 415 KB, on this thread.
 */
export const POST_BYTES = 384 * 1024;

/** `frames` cut, in order, into runs of at most `POST_BYTES` of payload (each at least one frame). */
export function postRuns(frames: readonly Frame[], maxBytes = POST_BYTES): Frame[][] {
  const runs: Frame[][] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < frames.length; i++) {
    const size = frames[i]!.size;
    if (i > start && bytes + size > maxBytes) {
      runs.push(frames.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += size;
  }
  if (start < frames.length) runs.push(start === 0 ? (frames as Frame[]) : frames.slice(start));
  return runs;
}

/**
 * At most this many frames are handed to the analysis and not yet applied to the replica (about a
 * second of its work): the rest wait in the log, so a 390,000-frame backlog is never copied whole
 * at once, and the deltas waiting to be applied stay as few.
 */
export const IN_FLIGHT_FRAMES = 16_384;

/**
 * Until a capture's first interactions are shown (and for its first `IN_FLIGHT_FRAMES` frames at
 * most), only this many frames are in flight: the analysis needs no more for its first delta, and
 * the UI thread, not copying frames to it, is free to paint that delta at once (first render,
 * issue 14 goal 4: the ingest slices copying 16,384 frames ran between the first delta and its
 * paint).
 */
export const FIRST_IN_FLIGHT_FRAMES = 1_024;

/**
 * How long one task may spend applying the analysis' deltas to the replica (ms). Deltas are
 * applied as they arrive, in tasks of about this length, not all at the (throttled) repaint:
 * 150 ms of a backlog's deltas applied at once held the UI thread for one long frame (issue 14
 * goal 3). At least one whole delta per task: a delta is applied whole or not at all.
 */
export const APPLY_SLICE_MS = 4;

/**
 * A reopened panel asks the hub for the next older backlog message (a paced backlog, hub.ts)
 * only while fewer than this many frames wait for the analysis: the hub's reads, this thread's
 * deserialising and the analysis then take turns instead of all wanting one of two cores at once
 * (issue 14 goal 2), and the analysis always has the next frames at hand.
 */
export const FILL_AHEAD_FRAMES = 512;

/**
 * The panel's state, in three parts: the ingest queue (frames in, paused, handed to the analysis
 * in slices, repaint throttled), the view state (what the reader picked: plain signals) and the
 * selectors (what to show, derived). The session model runs behind a `ModelLink` (a worker in the
 * panel and the viewer); the store keeps the frame log and a replica of the model, updated from
 * the analysis' deltas in short tasks as they arrive. Components read selectors and call the actions here; they
 * never read the model's mutable objects to decide what to draw.
 */
export class PanelStore {
  readonly log = new FrameLog();
  private replica = new SessionReplica();
  readonly view = new ViewState();
  /** Bumped once per repaint when frames entered the log; read by selectors only. */
  readonly logRevision = signal(0);
  /** Bumped once per repaint when the model analysed frames; read by selectors only. */
  readonly sessionRevision = signal(0);
  readonly stats = signal<CaptureStats | null>(null);
  readonly connection = signal<ConnectionState>('connecting');
  readonly paused = signal(false);
  /**
   * What waits while paused (shown on resume; dropped only when the hub sheds it): frames newer
   * than the view (here, and while the backlog still comes those the hub keeps for the panel),
   * a fill-in's older frames taken in here, and whether the fill-in itself waits.
   */
  readonly waiting = signal<PauseWaiting>(NOTHING_WAITING);
  /** Frames received but not yet through the model (a large backlog is digested in slices); 0 once the analysis failed. */
  readonly analysing = signal(0);
  /** Chrome deep capture for this tab: null until the background says (or where there is none). */
  readonly deepCapture = signal<{ on: boolean; error?: string } | null>(null);
  /** Wall clock, ticking each second, for "on hold for …" and "last keepalive … ago". */
  readonly now = signal(Date.now());
  /** A file's clock stands at its last frame; a live capture's follows the wall clock. */
  readonly live = signal(true);
  /**
   * The inspected page's latest load (its navigation frame; else the first frame a desktop
   * document sent): when the 15 s without a notification socket start (issue 11).
   */
  readonly loadedAt = signal<PageLoad | undefined>(undefined);
  /** The name of the file the viewer shows, if any. */
  readonly fileName = signal<string | undefined>(undefined);
  /**
   * The entries of the HAR shown that gave no frame (`FramesFile.leftOut`): neither shown nor in
   * an export, so the viewer says how many rather than drop them silently. 0 for anything else.
   */
  readonly fileLeftOut = signal(0);
  /** A file the viewer shows is still coming in from its import (`openFile` until `endFile`): not whole yet. */
  readonly fileLoading = signal(false);
  /**
   * What the file's source records of the HAR its frames came from (har-left-out.ts): the HAR
   * shown (its counts), or a capture made from one. An export or replay of the file records it
   * again, so the count is never reset by passing through the viewer. Nothing for anything else.
   */
  readonly fileFromHar = signal<HarLeftOut>(NOTHING_LEFT_OUT);
  readonly select: Selectors;
  /** The analysis stopped or failed on a frame: why, shown in the panel until the capture is cleared. */
  readonly analysisError = signal<string | undefined>(undefined);

  /** Run the end-of-capture checks once everything received is analysed (a file, not a live tab). */
  private finishWhenIdle = false;
  /** Of the file being opened (`openFile`), the frames still to come from its import, and those in. */
  private fileToCome = 0;
  private fileFrames = 0;
  private logDirty = false;
  private sessionDirty = false;
  private readonly queue: IngestQueue;
  /** The newest frames shown first, waiting for the older ones before the model reads them. */
  private tailWaiting: Frame[] | null = null;
  /**
   * The backlog ended while older frames were held by a pause: the log fills in until the first
   * of the newest frames shown first (this seq) comes through behind them, then joins them.
   */
  private fillEndsAt: number | undefined;
  /** The newest seq received from the capture (the hub holds what is newer while paused). */
  private newestSeq = 0;
  /** The view starts here (its last clear, or page load with Preserve log off). */
  private viewFrom = 0;
  /** Whether `loadedAt` is a navigation frame (else the first frame: any older one replaces it). */
  private loadFromNavigation = false;
  private readonly link: ModelLink;
  /** Bumped when the capture is cleared: the analysis' messages of an older one are dropped. */
  private generation = 0;
  /** The analysis failed (`ModelLink.onFailure`): nothing counts as analysing until a clear starts another. */
  private analysisStopped = false;
  /**
   * Frames handed to the analysis in this generation, and how many of those the replica has
   * applied: what the panel shows as done, and what the worker may be handed next, follow that.
   */
  private posted = 0;
  private applied = 0;
  private outbox: Frame[] = [];
  /**
   * The file shown has its frames reach the analysis straight from its import worker (`openFile`'s
   * `parts`): this thread hands them on as a count, never copying their payloads (issue 14 goal 3).
   * Frames that come otherwise meanwhile (`events.frames`) are in `byValue` and go as they are.
   */
  private fromParts = false;
  private byValue = new WeakSet<Frame>();
  /**
   * What the analysis sent and the replica has not applied yet, oldest first (from `deltaAt` on):
   * deltas, and errors in their place among them (shown after the frames analysed before them).
   * Each is read (deserialised) only when its turn comes (`ModelLink.onMessage`).
   */
  private deltas: (() => FromAnalyser)[] = [];
  private deltaAt = 0;
  private applyQueued = false;
  /** The hub's paced backlog: the answers (`more`) held until the analysis caught up. */
  private moreWaiting: (() => void)[] = [];
  private readonly scheduler: IngestScheduler;
  /** Whether this capture's first interactions were sent to the repaint yet. */
  private shownInteractions = false;

  /**
   * `link` is where the model runs: the panel and the viewer pass a worker's (`workerLink`);
   * without one (unit tests) the same analysis runs on this thread, driven by `scheduler`.
   */
  constructor(scheduler: IngestScheduler = browserScheduler, link?: ModelLink) {
    const store = this;
    this.scheduler = scheduler;
    this.link = link ?? inThreadLink(scheduler);
    this.link.onMessage = (message) => this.receive(message);
    this.link.onFailure = (reason) => this.stopAnalysis(reason);
    this.queue = new IngestQueue(
      {
        admit: (frames) => this.admit(frames),
        // As `admit` tells a backlog: before the capture is live.
        inBacklog: () => this.connection.value !== 'live',
        append: (frames) => {
          this.noteLoad(frames);
          this.log.append(frames);
          if (this.fillEndsAt !== undefined && (frames.at(-1)?.seq ?? 0) >= this.fillEndsAt) {
            this.fillEndsAt = undefined;
            this.log.finishFill();
          }
          this.logDirty = true;
        },
        analyse: (frame) => {
          this.outbox.push(frame);
        },
        flush: () => {
          if (!this.outbox.length) return;
          // Stopped, the analysis takes nothing: the frames are in the log, and nothing waits for them.
          if (this.analysisStopped) {
            this.outbox = [];
            return;
          }
          this.posted += this.outbox.length;
          this.postToAnalysis(this.outbox);
          this.outbox = [];
        },
        // While a reopened panel fills in, the older frames still to come count as a backlog too
        // (the hub paces them, so few wait here at a time): the view repaints at the backlog's pace.
        backlog: () => (this.tailWaiting ? Number.POSITIVE_INFINITY : this.backlog()),
        room: () =>
          this.analysisStopped
            ? Number.POSITIVE_INFINITY
            : this.inFlightLimit() - (this.posted - this.applied) - this.outbox.length,
        // After a pause, the held frames go on at the pace a paced backlog would: the answers to
        // the hub (`askForMore`) go at the same points, so the hub stays paced meanwhile.
        wantsHeld: () => this.nearCaughtUp(),
        idle: () => {
          if (!this.finishWhenIdle) return;
          this.finishWhenIdle = false;
          this.link.post({ type: 'finish', generation: this.generation });
        },
        render: () => this.render(),
      },
      scheduler,
    );
    this.select = new Selectors(
      {
        log: this.log,
        get frameInfo() {
          return store.replica.frameInfo;
        },
        get session() {
          return store.replica;
        },
        logRevision: this.logRevision,
        sessionRevision: this.sessionRevision,
        stats: this.stats,
        analysing: this.analysing,
        analysisError: this.analysisError,
        now: this.now,
        live: this.live,
        loadedAt: this.loadedAt,
        deepCapture: this.deepCapture,
        paused: this.paused,
        waiting: this.waiting,
      },
      this.view,
    );
  }

  /** Frames from the capture, their payloads packed: into the queue, or behind a reopened panel's newest. */
  /** Frames from the capture while a file's come from its parts: the analysis is handed their payloads. */
  private noteByValue(frames: Frame[]): void {
    if (this.fromParts) for (const frame of frames) this.byValue.add(frame);
  }

  private takeFrames(frames: Frame[]): void {
    this.newestSeq = Math.max(this.newestSeq, frames.at(-1)?.seq ?? 0);
    const waiting = this.tailWaiting;
    if (!waiting) {
      this.queue.push(frames);
      return;
    }
    // Filling in before the newest frames shown first: older ones go to the log and the model
    // now (in seq order); any after the tail wait with it, so the model reads in order.
    const from = waiting[0]!.seq;
    const older = frames.filter((f) => f.seq < from);
    if (older.length) this.queue.push(older);
    for (const frame of frames) if (frame.seq >= from) waiting.push(frame);
    this.log.append(frames.filter((f) => f.seq >= from));
    this.noteLoad(frames);
    this.logDirty = true;
    // Repainted at the queue's pace (once per animation frame, less often during a backlog),
    // never once per message: the older frames arrive in many messages back to back.
    this.queue.requestRender();
  }

  /**
   * What the capture side (the panel link, the viewer) calls. Frames handed to `frames` and `tail`
   * belong to the store from then on. Their payloads stay the strings the port gave: packing them
   * (payload-pack.ts, as a file's are) cost this thread more than it saved within the hub's budget.
   */
  readonly events = {
    frames: (frames: Frame[]): void => {
      this.noteByValue(frames);
      this.takeFrames(frames);
    },
    /**
     * The newest frames, before the older backlog (a reopened panel): shown at once, analysed
     * once every older frame was (the model reads in seq order).
     */
    tail: (frames: Frame[]): void => {
      this.noteByValue(frames);
      if (this.tailWaiting || !frames.length) {
        this.takeFrames(frames);
        return;
      }
      this.tailWaiting = frames.slice();
      this.newestSeq = Math.max(this.newestSeq, frames.at(-1)!.seq);
      this.log.showTail(frames);
      this.noteLoad(frames);
      this.logDirty = true;
      // At the next animation frame: out of the message's own task, which paid for its size.
      this.queue.requestRender(true);
    },
    stats: (stats: CaptureStats): void => {
      this.log.setStats(stats);
      this.stats.value = stats;
      this.logDirty = true;
      // The hub sends stats after every batch: repainted with the batch, not on its own.
      this.queue.requestRender();
    },
    /**
     * The hub deleted every frame before `firstSeq` (`frames`, `bytes`: this deletion's share):
     * the log drops them, and so does a pause holding some, behind one marker that counts them.
     */
    shed: ({
      firstSeq,
      reason,
      frames = 0,
      bytes = 0,
    }: {
      firstSeq: number;
      reason: 'budget' | 'age';
      frames?: number;
      bytes?: number;
    }): void => {
      // Its backlog still coming (a reopened panel filling in, or a reconnect after the service
      // worker restarted): the hub owes this panel every frame it keeps, so a share larger than
      // what the panel has was deleted unsent. Not when the hub still kept frames older than the
      // view's start (a page load with Preserve log off): some of the share was never owed.
      const hubFirst = this.stats.peek()?.firstSeq ?? 1;
      const filling = this.tailWaiting !== null || (this.connection.peek() !== 'live' && hubFirst >= this.viewFrom);
      const gone = this.log.shed(firstSeq, reason);
      for (const frame of gone) this.replica.frameInfo.delete(frame.seq);
      // Held by a pause, they leave too: a long pause holds no more than the hub keeps.
      const held = this.queue.shedHeld(firstSeq);
      let unseen = held.length;
      let unseenBytes = bytesOf(held);
      // While filling in, the hub sends this panel every frame it keeps: what it deleted unsent
      // (the backlog a pause held at the hub) is the rest of this deletion's share.
      if (filling && frames > gone.length + unseen) {
        unseen = frames - gone.length;
        unseenBytes = bytes - bytesOf(gone);
      }
      // The cut reached the newest frames shown first: no older frame is left to wait for, and
      // those cut never reach the analysis.
      let cutUnanalysed = 0;
      if (this.tailWaiting && !this.log.filling) {
        const waiting = this.tailWaiting.filter((f) => f.seq >= firstSeq);
        cutUnanalysed = this.tailWaiting.length - waiting.length;
        this.tailWaiting = null;
        this.queue.push(waiting);
      }
      this.log.shedUnseen(unseen, unseenBytes, reason, cutUnanalysed);
      // The model keeps what it read from them but lets their events' snapshots go (README,
      // "What the extension keeps"): in the worker, and in the replica when its delta says so.
      this.link.post({ type: 'release', generation: this.generation, before: firstSeq });
      this.logDirty = true;
      this.render();
    },
    cleared: (nextSeq: number): void => {
      this.viewFrom = nextSeq;
      this.fileToCome = 0;
      this.fileLoading.value = false;
      this.finishWhenIdle = false;
      this.queue.reset();
      this.tailWaiting = null;
      this.newestSeq = Math.max(this.newestSeq, nextSeq - 1);
      this.fillEndsAt = undefined;
      this.loadFromNavigation = false;
      this.fromParts = false;
      this.byValue = new WeakSet();
      this.generation++;
      this.link.post({ type: 'reset', generation: this.generation });
      this.replica = new SessionReplica();
      this.outbox = [];
      this.deltas = [];
      this.deltaAt = 0;
      this.posted = this.applied = 0;
      this.shownInteractions = false;
      this.analysisError.value = undefined;
      this.analysisStopped = false;
      this.log.reset(nextSeq);
      this.loadedAt.value = undefined;
      this.logDirty = this.sessionDirty = true;
      this.view.clearSelection();
      this.render();
      // Nothing waits for the analysis any more: a paced backlog goes on.
      this.askForMore();
    },
    connection: (state: ConnectionState): void => {
      const waiting = this.tailWaiting;
      if (state === 'live' && waiting) {
        // The backlog is all here: the newest frames join the log and go through the model. Older
        // frames held by a pause join first: the log fills in until they are through.
        this.tailWaiting = null;
        if (this.queue.heldCount > 0) this.fillEndsAt = waiting[0]!.seq;
        else this.log.finishFill();
        this.queue.push(waiting);
      }
      this.connection.value = state;
    },
    deepCapture: (state: { on: boolean; error?: string }): void => {
      this.deepCapture.value = state;
    },
    /** A backlog message was taken in: ask for the next once the analysis is near caught up. */
    backlogTaken: (more: () => void): void => {
      this.moreWaiting.push(more);
      this.askForMore();
    },
  };

  /**
   * Sends the held answers to the hub's paced backlog while the analysis has little waiting.
   * Frames held by a pause do not count: while paused nothing is analysed (nothing to take turns
   * with, and an unanswered hub gives up pacing after PACE_TIMEOUT_MS); after it they go on a
   * slice at a time, each once the analysis is near caught up, as the answers do.
   */
  private askForMore(): void {
    if (!this.moreWaiting.length || !this.nearCaughtUp()) return;
    const answers = this.moreWaiting;
    this.moreWaiting = [];
    for (const more of answers) more();
  }

  /** The session model as the UI thread knows it (a replica of the analysis'); replaced on clear. */
  get session(): SessionData {
    return this.replica;
  }

  /** What the model made of each analysed frame, by seq (the Frames tab's name and interaction). */
  get frameInfo(): ReadonlyMap<number, FrameInfo> {
    return this.replica.frameInfo;
  }

  /** Every frame the log holds, in order (for the inspector's own tests and console debugging). */
  frames(): Frame[] {
    return [...this.log.frames];
  }

  /** `frames`, bound: a stable callback for components. */
  readonly framesOf = (): Frame[] => this.frames();

  frame(seq: number): Frame | undefined {
    return this.log.frame(seq);
  }

  togglePause(): void {
    if (this.queue.paused) this.queue.resume();
    else this.queue.pause();
    this.render();
  }

  tick(now: number): void {
    if (!this.live.value) return;
    this.now.value = now;
    // Request timeouts fall due with no frame arriving; frames still queued or in flight (up to
    // LIVE_FRAME_MARGIN_MS) would be older, so the model's clock waits for them.
    // The worker answers with a delta only when something fell due.
    const settled = this.backlog() === 0 && this.queue.heldCount === 0 && this.tailWaiting === null;
    if (settled) this.link.post({ type: 'advance', generation: this.generation, now: now - LIVE_FRAME_MARGIN_MS });
  }

  /**
   * Shows a file's frames (the viewer): what was shown before is replaced. `leftOut`: the file's
   * entries that gave no frame (a browser's HAR's page, scripts, other services' calls);
   * `fromHar`: what its source records of the HAR its frames came from.
   */
  loadFrames(frames: Frame[], name = 'capture', leftOut = 0, fromHar: HarLeftOut = NOTHING_LEFT_OUT): void {
    this.openFile(name, { total: frames.length, firstSeq: frames[0]?.seq ?? 1, leftOut, fromHar });
    this.appendFile(frames);
    this.endFile();
  }

  /**
   * Starts showing a file whose frames come in parts (the viewer's import worker posts them as it
   * packs them): what was shown before is replaced now, and the first part is analysed and shown
   * while the rest is still on its way. `total`: the frames to come, counted as analysing until
   * they are; `firstSeq`: the first one's. Then `appendFile` for each part, in order, and `endFile`.
   */
  openFile(
    name: string,
    file: { total: number; firstSeq: number; leftOut?: number; fromHar?: HarLeftOut; parts?: MessagePort },
  ): void {
    this.fileName.value = name;
    this.fileLeftOut.value = file.leftOut ?? 0;
    this.fileFromHar.value = file.fromHar ?? NOTHING_LEFT_OUT;
    this.events.cleared(file.firstSeq);
    if (file.parts) {
      this.fromParts = true;
      this.link.post({ type: 'file-parts', generation: this.generation, port: file.parts }, [file.parts]);
    }
    this.fileToCome = file.total;
    this.fileFrames = 0;
    this.fileLoading.value = true;
    this.live.value = false;
    this.now.value = Date.now();
    this.connection.value = 'live';
    this.render();
  }

  /** The next part of the file `openFile` started: into the log and the analysis. */
  appendFile(frames: Frame[]): void {
    if (!frames.length) return;
    const first = this.fileFrames === 0;
    this.fileToCome = Math.max(0, this.fileToCome - frames.length);
    this.fileFrames += frames.length;
    this.events.stats({
      frames: this.fileFrames,
      bytes: 0,
      shedFrames: 0,
      shedBytes: 0,
      firstSeq: this.viewFrom,
      lastSeq: frames.at(-1)!.seq,
      budgetBytes: 0,
    });
    this.now.value = frames.at(-1)!.t;
    this.queue.accept(frames);
    // The first frames go to the analysis now: its first delta is then on its way while this
    // thread paints the log (first render, issue 14 goal 4).
    if (first) this.queue.ingestNow();
  }

  /** Every part of the file is in: its end-of-capture checks run once all of it is analysed. */
  endFile(): void {
    this.fileToCome = 0;
    this.fileLoading.value = false;
    if (this.queue.analysing > 0) {
      this.finishWhenIdle = true;
      return;
    }
    this.link.post({ type: 'finish', generation: this.generation });
    this.render();
  }

  /**
   * The analysis stopped (its worker failed, or a file's import worker did before the analysis had
   * every part): `reason` is shown until the next clear or file, which starts another.
   */
  stopAnalysis(reason: string): void {
    this.analysisError.value = reason;
    // Nothing in flight will be analysed now: the status bar stops counting it down, and the
    // frames held back for the analysis (a paced backlog, a resumed pause) go on to the log.
    this.analysisStopped = true;
    this.queue.kick();
    this.askForMore();
    this.render();
  }

  /** Closes the file the viewer shows: nothing shown, and nothing of that file said any more. */
  closeFile(): void {
    this.events.cleared(1);
    this.fileName.value = undefined;
    this.fileLeftOut.value = 0;
    this.fileFromHar.value = NOTHING_LEFT_OUT;
  }

  /** Moves the selection by `step` within the timeline's rows, events and requests (the keyboard's ↑/↓). */
  moveEvent(step: 1 | -1): void {
    const events = this.select.timelineRows.value;
    if (!events.length) return;
    const current = events.findIndex((e) => e.seq === this.select.selectedRowSeq.value);
    const from = current < 0 ? events.length - 1 : current;
    this.selectRow(events[Math.max(0, Math.min(events.length - 1, from + step))]!.seq);
  }

  /**
   * Selects a row (event or request) of the timeline shown: in the Agent entry it keeps the entry
   * shown (an interaction arriving does not take it away), else in the interaction shown.
   */
  readonly selectRow = (seq: number): void => {
    if (this.select.showsAgent.value) this.view.selectAgent(seq);
    else this.view.selectedSeq.value = seq;
  };

  /** Moves to the next (1) or previous (-1) interaction of the list (the keyboard's ←/→). */
  moveInteraction(step: 1 | -1): void {
    const rows = this.select.rows.value;
    // The Agent entry, when there is one, is the list's first row (index -1 here).
    const agent = this.select.agentEntry.value !== undefined;
    const current = this.select.showsAgent.value
      ? -1
      : rows.findIndex((r) => r.interactionId === this.select.selectedInteractionId.value);
    const to = current + step;
    if (to === -1 && agent) this.view.selectAgent();
    else if (rows[to] && to >= 0) this.view.select(rows[to].interactionId);
  }

  /**
   * A link to a row (a request's result, the request an event answered, the request it repeated):
   * selects that request or event, in whichever interaction's timeline has it. A seq that is
   * neither selects nothing: never another event in its place.
   */
  goToSeq(seq: number): void {
    const timeline = this.select.selectedTimeline.peek();
    const request = requestAt(this.session.requests.correlator, seq);
    // A task request is listed in the interaction it belongs to (a merged child's, maybe).
    const owner = request && this.session.requestOwner(request);
    if (owner && owner !== timeline) {
      this.view.select(owner.interactionId, seq);
      return;
    }
    if (request || timeline?.events.some((e) => e.seq === seq)) {
      this.view.selectedSeq.value = seq;
      return;
    }
    if (this.select.agentEventList.peek().some((e) => e.seq === seq)) {
      this.view.selectAgent(seq);
      return;
    }
    for (const other of this.session.interactions.values()) {
      if (other.events.some((e) => e.seq === seq)) {
        this.view.select(other.interactionId, seq);
        return;
      }
    }
  }

  /**
   * The timeline row a frame stands for: the event it carried, in the timeline it went into, or
   * the request it started or answered over HTTP, in the timeline it belongs to (agent requests
   * and events are the Agent entry's). Never by what the frame's id means now: after a merge the
   * child's id means the parent, while its earlier events and requests stay the child's.
   */
  timelineRowOf(
    seq: number,
  ): { interactionId: string | undefined; seq: number; what: 'event' | 'request' } | undefined {
    const info = this.frameInfo.get(seq);
    const timeline = this.replica.timelineOfFrame(seq);
    if (timeline) return { interactionId: timeline.interactionId, seq, what: 'event' };
    const request = requestOfFrame(this.session.requests.correlator, seq);
    // The agent's own calls and events are the Agent entry's rows (interactionId undefined).
    if (request?.operation !== undefined && request.interactionId === undefined)
      return { interactionId: undefined, seq: request.seq, what: 'request' };
    if (!request && !info?.interactionId && this.select.agentEventList.peek().some((e) => e.seq === seq))
      return { interactionId: undefined, seq, what: 'event' };
    if (request?.operation === undefined || request.interactionId === undefined) return undefined;
    const owner = this.session.requestOwner(request);
    return owner ? { interactionId: owner.interactionId, seq: request.seq, what: 'request' } : undefined;
  }

  /**
   * An anomaly's `#seq` link: that row in the anomaly's interaction when it is one of its rows (an
   * event, a request that belongs to it, a takeover shown there), else the row the frame stands
   * for wherever it is (a request's response frame: its request). An anomaly of no interaction: an
   * agent request or event (a failed state change) in the Agent entry, else the frame itself.
   */
  openAnomaly(anomaly: Pick<Anomaly, 'interactionId'>, seq: number): void {
    const key = anomaly.interactionId;
    if (key === undefined) {
      if (this.timelineRowOf(seq)?.interactionId !== undefined || !this.showEventOf(seq)) this.showFrame(seq);
      return;
    }
    const timeline = this.session.timelineOf(key);
    const request = requestAt(this.session.requests.correlator, seq);
    const own = request ? this.session.requestOwner(request) === timeline : timeline?.events.some((e) => e.seq === seq);
    if ((timeline && own) || !this.showEventOf(seq)) {
      this.view.select(key, seq);
      this.view.tab.value = 'interactions';
    }
  }

  /** Frame → timeline: shows the event (or request) this frame stands for in its interaction's (or the agent's) timeline. */
  showEventOf(seq: number): boolean {
    const row = this.timelineRowOf(seq);
    if (!row) return false;
    if (row.interactionId === undefined) this.view.selectAgent(row.seq);
    else this.view.select(row.interactionId, row.seq);
    this.view.tab.value = 'interactions';
    return true;
  }

  /** Event → frame: shows the frame in the Frames tab, selected, whatever its filters hid. */
  showFrame(seq: number): void {
    this.view.frameDir.value = 'all';
    this.view.frameSocket.value = '';
    this.view.query.value = '';
    this.view.frameSeq.value = seq;
    this.view.tab.value = 'frames';
  }

  /** Moves the frame selection by `step` within the Frames tab's visible rows. */
  moveFrame(step: number): void {
    const rows = this.select.frameRows.value;
    if (!rows.length) return;
    const current = this.select.selectedFrameIndex.value;
    const from = current === undefined ? (step > 0 ? -1 : rows.length) : current;
    const next = Math.max(0, Math.min(rows.length - 1, from + step));
    const row = this.log.rows[rows[next]!]!;
    if ('seq' in row) this.view.frameSeq.value = row.seq;
  }

  /** Runs a keyboard command that changes state; returns whether it did (focus moves are the view's). */
  run(command: KeyCommand): boolean {
    switch (command.type) {
      case 'next-event':
        this.moveEvent(command.step);
        return true;
      case 'next-interaction':
        this.moveInteraction(command.step);
        return true;
      case 'next-frame':
        this.moveFrame(command.step);
        return true;
      case 'toggle-help':
        this.view.helpOpen.value = !this.view.helpOpen.value;
        return true;
      case 'clear-search':
        this.view.query.value = '';
        return true;
      default:
        return false;
    }
  }

  /**
   * Preserve log off: a page load while the panel watches starts the view afresh from it. The
   * backlog the panel gets when it opens is shown whole (the capture survives reloads; that is
   * what the reader opened the panel to see), as is a file.
   */
  private admit(frames: Frame[]): Frame[] {
    if (this.view.preserve.value || !this.live.value || this.connection.value !== 'live') return frames;
    let load = -1;
    for (let i = frames.length - 1; i >= 0; i--) {
      if (frames[i]!.kind === 'navigation') {
        load = i;
        break;
      }
    }
    if (load < 0 || (load === 0 && this.log.counters.frames === 0)) return frames;
    this.events.cleared(frames[load]!.seq);
    return frames.slice(load);
  }

  /**
   * The page's latest load: its newest navigation frame, else the first frame of the capture.
   * Frames may come newest first (a reopened panel), so the seqs decide, not the arrival.
   */
  private noteLoad(frames: readonly Frame[]): void {
    if (!this.live.value) return;
    let load = this.loadedAt.peek();
    const before = load;
    for (const frame of frames) {
      if (frame.kind === 'navigation') {
        if (this.loadFromNavigation && load && frame.seq <= load.seq) continue;
        this.loadFromNavigation = true;
        load = { t: frame.t, seq: frame.seq };
      } else if (!this.loadFromNavigation && (!load || frame.seq < load.seq)) {
        load = { t: frame.t, seq: frame.seq };
      }
    }
    if (load !== before) this.loadedAt.value = load;
  }

  /**
   * Frames to the analysis, in order: those of a file whose parts it receives (`fromParts`) as
   * counts of the next ones, the rest with their payloads in messages of `POST_BYTES`.
   */
  private postToAnalysis(frames: Frame[]): void {
    const generation = this.generation;
    const post = (run: Frame[]) => {
      for (const part of postRuns(run)) this.link.post({ type: 'frames', generation, frames: part });
    };
    if (!this.fromParts) {
      post(frames);
      return;
    }
    for (let start = 0, end = 0; start < frames.length; start = end) {
      const byValue = this.byValue.has(frames[start]!);
      end = start + 1;
      while (end < frames.length && this.byValue.has(frames[end]!) === byValue) end++;
      if (byValue) post(frames.slice(start, end));
      else this.link.post({ type: 'file-frames', generation, count: end - start });
    }
  }

  private inFlightLimit(): number {
    return this.shownInteractions || this.applied >= IN_FLIGHT_FRAMES ? IN_FLIGHT_FRAMES : FIRST_IN_FLIGHT_FRAMES;
  }

  /** Whether the analysis has fewer than FILL_AHEAD_FRAMES waiting: time for the next frames. */
  private nearCaughtUp(): boolean {
    return this.backlog() < FILL_AHEAD_FRAMES;
  }

  /** Frames received but not through the model yet: waiting here, or in the analysis. */
  private backlog(): number {
    // Stopped, nothing is in the analysis any more: frames still in flight there never come back.
    const inFlight = this.analysisStopped ? 0 : this.posted - this.applied;
    return this.queue.analysing + this.outbox.length + inFlight;
  }

  private receive(read: () => FromAnalyser): void {
    this.deltas.push(read);
    // Until the first interactions are shown, the reader waits for them: no queueing behind the
    // ingest slices' tasks (first render, issue 14 goal 4).
    if (!this.shownInteractions && !this.applyQueued) this.applySlice();
    else this.queueApply();
  }

  private queueApply(): void {
    if (this.applyQueued) return;
    this.applyQueued = true;
    const generation = this.generation;
    this.scheduler.defer(() => {
      this.applyQueued = false;
      if (generation === this.generation) this.applySlice();
      else if (this.deltaAt < this.deltas.length) this.queueApply();
    });
  }

  /**
   * Applies waiting deltas, in order, for about `APPLY_SLICE_MS`, then yields (the rest follow in
   * the next task). The replica runs ahead of `sessionRevision` until the next repaint bumps it,
   * as the model on this thread once did between repaints. A delta's frames count as analysed
   * for the view (the status bar, `analysing`) once it is applied.
   */
  private applySlice(): void {
    const start = this.scheduler.now();
    let first = false;
    while (this.deltaAt < this.deltas.length) {
      const read = this.deltas[this.deltaAt]!;
      this.deltas[this.deltaAt++] = undefined as never;
      const message = read();
      // Sent before the capture was cleared: it belongs to nobody.
      if (message.generation !== this.generation) continue;
      if (message.type === 'error') {
        // A frame's error applied after the worker stopped must not hide that it stopped.
        if (!this.analysisStopped) this.analysisError.value = message.message;
        continue;
      }
      const { analysed, delta } = message;
      // A frame shed before its analysis still went through the model (interactions that began
      // before the shed point stay right), but the Frames tab no longer shows it.
      this.replica.apply(delta, this.log.firstSeq);
      this.applied = analysed;
      this.sessionDirty = true;
      if (!this.shownInteractions && delta.timelines.length > 0) this.shownInteractions = first = true;
      if (this.scheduler.now() - start >= APPLY_SLICE_MS) break;
    }
    // The analysis has room again for what was applied: it is handed more while this thread
    // paints. (Counted at apply, not on arrival: the deltas waiting here are bounded by
    // IN_FLIGHT_FRAMES too.)
    this.queue.kick();
    this.askForMore();
    if (this.deltaAt >= this.deltas.length) {
      this.deltas = [];
      this.deltaAt = 0;
    } else this.queueApply();
    // The first interactions of a capture are shown at once; later ones at the throttled pace.
    this.queue.requestRender(first);
  }

  /** One repaint: every signal the queue's work changed, in one batch. */
  private render(): void {
    batch(() => {
      if (this.logDirty) this.logRevision.value++;
      if (this.sessionDirty) this.sessionRevision.value++;
      this.logDirty = this.sessionDirty = false;
      this.paused.value = this.queue.paused;
      // Paused before the backlog was all here, the panel link holds it at the hub (`holdBacklog`).
      // Those the hub shed meanwhile (before its first kept frame) no longer wait.
      const { lastSeq = 0, firstSeq = 1 } = this.stats.peek() ?? {};
      const waitingFrom = Math.max(this.newestSeq, firstSeq - 1);
      const atHub = this.queue.paused && this.connection.peek() !== 'live' ? Math.max(0, lastSeq - waitingFrom) : 0;
      // A fill-in is told by the log's loading row, not by the connection: a paused panel that
      // reconnected (the service worker restarted) is connecting with no older frame to come.
      if (this.queue.paused) {
        const fillBefore = this.log.fillBefore;
        const here = this.queue.heldOutside(fillBefore ?? 0, this.log.newestSeq);
        const waiting = { newer: here.after + atHub, older: here.before, fillIn: fillBefore !== undefined };
        if (!sameWaiting(waiting, this.waiting.peek())) this.waiting.value = waiting;
      } else if (this.waiting.peek() !== NOTHING_WAITING) this.waiting.value = NOTHING_WAITING;
      // Frames held by a pause count once it is over: they wait for their slice of the analysis.
      const held = this.queue.paused ? 0 : this.queue.heldCount;
      this.analysing.value = this.analysisStopped
        ? 0
        : this.backlog() + held + (this.tailWaiting?.length ?? 0) + this.fileToCome;
    });
  }
}
