import type { Frame } from '../frame/frame';
import type { CaptureStats } from '../frame/capture-stats';
import { lowerBoundSeq } from '../frame/seq-order';

/** A marker between frames; frames themselves are rows as they are (no wrapper per frame). */
export type MarkerRow =
  /** Frames `from`..`to` never arrived: lost on the way, never silently skipped. */
  | { type: 'gap'; from: number; to: number }
  /** Frames `from`..`to` are on their way: the newest ones were shown first, these fill in. */
  | { type: 'loading'; from: number; to: number; received: number }
  | ShedMarker;

/**
 * The one row at the top of a log the hub deleted frames from: frames shed to stay within the
 * budget (before the panel saw them, or since, while it showed them) and frames deleted for age.
 * Everything before `firstSeq` is gone.
 */
export interface ShedMarker {
  type: 'shed';
  /** Frames shed for the byte budget, and their payload bytes. */
  frames: number;
  bytes: number;
  budgetBytes: number;
  /** Frames deleted because they were older than the retention's maximum age. */
  expired: number;
  /**
   * Of those (`frames` and `expired`), the ones this panel's analysis never read, so their events
   * are not in its timelines: shed before it opened, held by a pause, or kept at the hub for its
   * paused fill-in. The others were analysed before they were shed: their events stay.
   */
  unanalysed: number;
  /** The oldest seq the log may still hold. */
  firstSeq: number;
}

export type LogRow = Frame | MarkerRow;

export const isMarker = (row: LogRow): row is MarkerRow => 'type' in row;

export interface LogCounters {
  frames: number;
  bytes: number;
  gaps: number;
  missing: number;
  shedFrames: number;
  /** Frames of a websocket (not the capture's own meta frames). */
  socketFrames: number;
}

/**
 * The frame log's rows: frames in seq order with a marker wherever seq jumps or frames were shed.
 * Appending is O(1) per frame, so a long shift of traffic stays cheap to extend. When the hub
 * sheds, the oldest frames leave in one cut (`shed`): the rows are copied once per shed, and the
 * hub sheds a tenth of its budget at a time, so this is O(1) per frame amortised. The arrays are
 * replaced, never spliced in place: whoever holds an index into the old ones sees the change.
 */
export class FrameLog {
  private rowList: LogRow[] = [];
  private frameList: Frame[] = [];
  readonly counters: LogCounters = { frames: 0, bytes: 0, gaps: 0, missing: 0, shedFrames: 0, socketFrames: 0 };
  private expected: number | null = null;
  private marker: ShedMarker | null = null;
  /** The log starts here (its last reset): the capture's frames before it were never in it. */
  private startsAt = 0;
  private budgetBytes = 0;
  /**
   * The newest frames, shown before the older ones arrived (`showTail`): kept apart until the
   * older ones reach them, the rows shown being the older ones, a loading marker, then these.
   */
  private tail: {
    rows: LogRow[];
    frames: Frame[];
    /** The tail's first seq, the next one expected behind it, and the first older one expected. */
    from: number;
    expected: number;
    olderFrom: number;
    /** Older frames received so far. */
    received: number;
  } | null = null;
  /** While filling in: the rows shown and every frame so far, each built when first read after a change. */
  private shown: LogRow[] | null = null;
  private merged: Frame[] | null = null;

  /**
   * Frames and markers in seq order; a new array after each shed or reset. While older frames
   * fill in, the rows are the newest frames behind one loading marker that counts the older ones
   * received: they join the rows in one go when all are there (`finishFill`), not one copy of
   * the whole log per message.
   */
  get rows(): readonly LogRow[] {
    return this.tail ? this.shownRows() : this.rowList;
  }

  /** The frames alone, in seq order (while filling in, older ones included: a copy per change). */
  get frames(): readonly Frame[] {
    if (!this.tail) return this.frameList;
    this.merged ??= this.frameList.concat(this.tail.frames);
    return this.merged;
  }

  /** Whether the newest frames are shown and older ones still fill in before them. */
  get filling(): boolean {
    return this.tail !== null;
  }

  /**
   * While older frames are still expected before the newest shown first (the loading row is
   * shown): the first of those newest, which the older ones come before. Undefined otherwise,
   * also while filling when no older frame is left to come (the tail began at the first kept).
   */
  get fillBefore(): number | undefined {
    const tail = this.tail;
    return tail && tail.olderFrom < tail.from ? tail.from : undefined;
  }

  /** The newest frame's seq the log holds (the newest shown first included); 0 when empty. */
  get newestSeq(): number {
    const last = this.tail?.frames.at(-1) ?? this.frameList.at(-1);
    return last?.seq ?? 0;
  }

  /**
   * Shows the newest frames first (a reopened panel): frames `append`ed later that come before
   * them go in front, those after them behind, until `finishFill`.
   */
  showTail(frames: readonly Frame[]): void {
    if (this.tail || !frames.length) {
      this.append(frames);
      return;
    }
    const from = frames[0]!.seq;
    this.tail = { rows: [], frames: [], from, expected: from, olderFrom: this.expected ?? 1, received: 0 };
    this.append(frames);
  }

  /** The older frames are all there (or never will be): the tail joins the log, a gap before it if any. */
  finishFill(): void {
    const tail = this.tail;
    if (!tail) return;
    this.tail = null;
    this.shown = this.merged = null;
    if (this.expected !== null && this.expected < tail.from) this.noteGap(this.expected, tail.from - 1);
    this.rowList = this.rowList.concat(tail.rows);
    this.frameList = this.frameList.concat(tail.frames);
    this.expected = tail.expected;
  }

  /** The oldest seq the log may hold: frames before it were shed or deleted for age. */
  get firstSeq(): number {
    return this.marker?.firstSeq ?? 0;
  }

  setStats(stats: CaptureStats): void {
    this.counters.shedFrames = stats.shedFrames;
    this.budgetBytes = stats.budgetBytes;
    if (this.expected === null && this.rowList.length === 0) {
      this.expected = stats.firstSeq;
      if (stats.shedFrames > 0) {
        this.setMarker({
          type: 'shed',
          frames: stats.shedFrames,
          bytes: stats.shedBytes,
          budgetBytes: stats.budgetBytes,
          expired: 0,
          unanalysed: stats.shedFrames,
          firstSeq: stats.firstSeq,
        });
      }
    }
  }

  append(frames: readonly Frame[]): void {
    if (!this.tail && this.appendRun(frames)) return;
    const firstSeq = this.firstSeq;
    const tail = this.tail;
    for (const frame of frames) {
      if (frame.seq < firstSeq) {
        // Held while paused and shed meanwhile: it leaves the view as the others did.
        this.countShed([frame], 'budget');
        continue;
      }
      if (tail && frame.seq >= tail.from) {
        // Behind the newest frames shown first (or one of them again: already there).
        if (frame.seq < tail.expected) continue;
        if (frame.seq > tail.expected) {
          tail.rows.push({ type: 'gap', from: tail.expected, to: frame.seq - 1 });
          this.countGap(tail.expected, frame.seq - 1);
        }
        tail.rows.push(frame);
        tail.frames.push(frame);
        tail.expected = frame.seq + 1;
      } else {
        // Already in the log (a reconnect may send a frame again): never twice.
        if (this.expected !== null && frame.seq < this.expected) continue;
        if (this.expected !== null && frame.seq > this.expected) this.noteGap(this.expected, frame.seq - 1);
        this.rowList.push(frame);
        this.frameList.push(frame);
        this.expected = frame.seq + 1;
        if (tail) tail.received++;
      }
      this.counters.frames++;
      this.counters.bytes += frame.size;
      if (frame.dir !== 'meta') this.counters.socketFrames++;
    }
    if (tail) this.shown = this.merged = null;
  }

  /**
   * A large run of frames in seq order that continues the log with no gap (a file's frames, the
   * viewer's load): appended with two concats instead of two pushes per frame. The 386,836 frames
   * of the panel bench's load took 28-33 ms one by one, 5-7 ms so (Node), in the task that
   * hands a file to the store (issue 14 goal 3). Only when the run is at least half the log: a
   * concat copies the log too, where a push of a few live frames copies nothing. False when the
   * frames are not such a run (nothing appended then).
   */
  private appendRun(frames: readonly Frame[]): boolean {
    const first = frames[0];
    if (frames.length < 1024 || frames.length < this.rowList.length / 2) return false;
    if (!first || first.seq < this.firstSeq || (this.expected !== null && first.seq !== this.expected)) return false;
    let seq = first.seq;
    let bytes = 0;
    let socketFrames = 0;
    for (const frame of frames) {
      if (frame.seq !== seq) return false;
      seq++;
      bytes += frame.size;
      if (frame.dir !== 'meta') socketFrames++;
    }
    this.rowList = this.rowList.concat(frames);
    this.frameList = this.frameList.concat(frames);
    this.expected = seq;
    this.counters.frames += frames.length;
    this.counters.bytes += bytes;
    this.counters.socketFrames += socketFrames;
    return true;
  }

  private noteGap(from: number, to: number): void {
    this.rowList.push({ type: 'gap', from, to });
    this.countGap(from, to);
  }

  private countGap(from: number, to: number): void {
    this.counters.gaps++;
    this.counters.missing += to - from + 1;
  }

  /** The rows while filling in: the shed marker if any, the loading marker, the newest frames. */
  private shownRows(): LogRow[] {
    const tail = this.tail!;
    if (!this.shown) {
      const head: LogRow[] = this.marker ? [this.marker] : [];
      if (tail.olderFrom < tail.from)
        head.push({ type: 'loading', from: tail.olderFrom, to: tail.from - 1, received: tail.received });
      this.shown = head.concat(tail.rows);
    }
    return this.shown;
  }

  /**
   * The hub deleted every frame before `firstSeq`: they leave the log, and the marker at the top
   * counts them. Gaps before the cut go with them (the gap counters keep them: they were lost).
   * Returns the frames that left, for the caller's own per-frame state.
   */
  shed(firstSeq: number, reason: 'budget' | 'age'): Frame[] {
    // A cut before the log's start (a page load with Preserve log off) takes nothing from it.
    if (firstSeq <= this.firstSeq || firstSeq <= this.startsAt) return [];
    // While older frames fill in (a paused panel's backlog is held by the hub, which sheds
    // meanwhile), the cut is among the older ones, and the loading marker starts at it; a cut
    // into the newest ones shown first leaves no older frame to wait for: they join now.
    const tail = this.tail;
    if (tail && firstSeq > tail.from) {
      if (this.expected === null || this.expected < tail.from) this.expected = tail.from;
      this.finishFill();
    } else if (tail) {
      tail.olderFrom = Math.max(tail.olderFrom, firstSeq);
      this.shown = this.merged = null;
    }
    const cut = lowerBoundSeq(this.frameList, firstSeq);
    const gone = this.frameList.slice(0, cut);
    this.frameList = this.frameList.slice(cut);
    let row = this.marker ? 1 : 0;
    while (row < this.rowList.length) {
      const r = this.rowList[row]!;
      if (isMarker(r) ? r.type === 'gap' && r.to >= firstSeq : r.seq >= firstSeq) break;
      row++;
    }
    const kept = this.rowList.slice(row);
    const head = kept[0];
    if (head && isMarker(head) && head.type === 'gap' && head.from < firstSeq) kept[0] = { ...head, from: firstSeq };
    this.rowList = this.marker ? [this.marker as LogRow].concat(kept) : kept;
    if (this.expected !== null && this.expected < firstSeq) this.expected = firstSeq;
    for (const frame of gone) {
      this.counters.frames--;
      this.counters.bytes -= frame.size;
      if (frame.dir !== 'meta') this.counters.socketFrames--;
    }
    this.countShed(gone, reason, firstSeq);
    return gone;
  }

  /** The frame with this seq (binary search: frames arrive in seq order). */
  frame(seq: number): Frame | undefined {
    const frames = this.tail && seq >= this.tail.from ? this.tail.frames : this.frameList;
    const at = frames[lowerBoundSeq(frames, seq)];
    return at?.seq === seq ? at : undefined;
  }

  /** After the user cleared the capture: the next frame expected is `nextSeq`. */
  reset(nextSeq: number): void {
    this.tail = null;
    this.shown = this.merged = null;
    this.rowList = [];
    this.frameList = [];
    this.marker = null;
    Object.assign(this.counters, { frames: 0, bytes: 0, gaps: 0, missing: 0, socketFrames: 0 });
    this.expected = nextSeq;
    this.startsAt = nextSeq;
  }

  /**
   * Frames the hub deleted before they reached the log (held by a pause, or still at the hub
   * while a paused panel's backlog waited): the marker counts them as it counts those `shed` cut,
   * as never analysed, with `cutUnanalysed` of those `shed` cut (the newest shown first, waiting
   * for the older ones before the analysis reads them).
   */
  shedUnseen(frames: number, bytes: number, reason: 'budget' | 'age', cutUnanalysed = 0): void {
    if (frames <= 0 && cutUnanalysed <= 0) return;
    const marker: ShedMarker = this.marker
      ? { ...this.marker }
      : {
          type: 'shed',
          frames: 0,
          bytes: 0,
          budgetBytes: this.budgetBytes,
          expired: 0,
          unanalysed: 0,
          firstSeq: this.firstSeq,
        };
    marker.unanalysed += frames + cutUnanalysed;
    if (reason === 'age') marker.expired += frames;
    else {
      marker.frames += frames;
      marker.bytes += Math.max(0, bytes);
    }
    this.setMarker(marker);
    if (this.tail) this.shown = null;
  }

  /** Adds frames that left the log to the marker at the top (made, or replaced, so views redraw it). */
  private countShed(gone: readonly Frame[], reason: 'budget' | 'age', firstSeq = this.firstSeq): void {
    let bytes = 0;
    for (const frame of gone) bytes += frame.size;
    const marker: ShedMarker = this.marker
      ? { ...this.marker, firstSeq }
      : { type: 'shed', frames: 0, bytes: 0, budgetBytes: this.budgetBytes, expired: 0, unanalysed: 0, firstSeq };
    if (reason === 'age') marker.expired += gone.length;
    else {
      marker.frames += gone.length;
      marker.bytes += bytes;
    }
    this.setMarker(marker);
  }

  private setMarker(marker: ShedMarker): void {
    // Replaced in place (the row count stays); the first marker makes a new array, as a shed does.
    if (this.marker) this.rowList[0] = marker;
    else this.rowList = [marker, ...this.rowList];
    this.marker = marker;
  }
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Where times are read: UTC (as the CLI prints them) or the browser's own zone. */
export type TimeZoneMode = 'utc' | 'local';

/** `09:00:05.776`: wall-clock time of an epoch-ms instant, in UTC or local time. */
export function formatTime(t: number, zone: TimeZoneMode = 'utc'): string {
  const d = new Date(t);
  if (zone === 'utc')
    return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** "UTC", or the local zone as its offset at `t` ("UTC+01:00", "UTC−05:00"). */
export function zoneLabel(zone: TimeZoneMode, t: number = Date.now()): string {
  if (zone === 'utc') return 'UTC';
  const offset = -new Date(t).getTimezoneOffset();
  if (offset === 0) return 'local (UTC+00:00)';
  const abs = Math.abs(offset);
  return `local (UTC${offset > 0 ? '+' : '−'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)})`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export const PREVIEW_CHARS = 200;

const head = (text: string | undefined): string => (text ?? '').slice(0, PREVIEW_CHARS);

/** The log's one-line summary of a frame: its payload's first 200 characters, or what happened. */
export function framePreview(frame: Frame): string {
  switch (frame.kind) {
    case 'open':
      return `opened ${frame.url ?? ''}`.trim();
    case 'close':
      return frame.close
        ? `closed ${frame.close.code}${frame.close.reason ? ` "${frame.close.reason}"` : ''}${frame.close.wasClean ? '' : ' (not clean)'}`
        : 'closed';
    case 'error':
      return 'socket error';
    case 'navigation':
      return `page loaded: ${head(frame.data ?? frame.url)}`.slice(0, PREVIEW_CHARS);
    // A request reads as the call it is, its answer as its status; the body follows. The URL and
    // body are cut first: trimming the joined text would copy a HAR's megabytes-long body whole
    // at every repaint of its row.
    case 'request':
      return `${frame.http?.method ?? ''} ${head(frame.url)} ${head(frame.data)}`.trim().slice(0, PREVIEW_CHARS);
    case 'response':
      return `${frame.http?.status !== undefined ? `HTTP ${frame.http.status}` : (frame.http?.error ?? 'no response')} ${head(frame.data)}`
        .trim()
        .slice(0, PREVIEW_CHARS);
    default:
      return (frame.data ?? '').slice(0, PREVIEW_CHARS);
  }
}
