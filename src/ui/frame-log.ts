import type { Frame } from '../frame/frame';
import type { CaptureStats } from '../frame/capture-stats';

/** A marker between frames; frames themselves are rows as they are (no wrapper per frame). */
export type MarkerRow =
  /** Frames `from`..`to` never arrived: lost on the way, never silently skipped. */
  { type: 'gap'; from: number; to: number } | ShedMarker;

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

/** Index of the first frame with seq ≥ `seq` (frames are in seq order). */
function lowerBound(frames: readonly Frame[], seq: number): number {
  let lo = 0;
  let hi = frames.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (frames[mid]!.seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
  private budgetBytes = 0;

  /** Frames and markers in seq order; a new array after each shed or reset. */
  get rows(): readonly LogRow[] {
    return this.rowList;
  }

  /** The frames alone, in seq order, for lookups by seq; a new array after each shed or reset. */
  get frames(): readonly Frame[] {
    return this.frameList;
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
          firstSeq: stats.firstSeq,
        });
      }
    }
  }

  append(frames: readonly Frame[]): void {
    const firstSeq = this.firstSeq;
    for (const frame of frames) {
      if (frame.seq < firstSeq) {
        // Held while paused and shed meanwhile: it leaves the view as the others did.
        this.countShed([frame], 'budget');
        continue;
      }
      if (this.expected !== null && frame.seq > this.expected) {
        this.rowList.push({ type: 'gap', from: this.expected, to: frame.seq - 1 });
        this.counters.gaps++;
        this.counters.missing += frame.seq - this.expected;
      }
      this.rowList.push(frame);
      this.frameList.push(frame);
      this.expected = frame.seq + 1;
      this.counters.frames++;
      this.counters.bytes += frame.size;
      if (frame.dir !== 'meta') this.counters.socketFrames++;
    }
  }

  /**
   * The hub deleted every frame before `firstSeq`: they leave the log, and the marker at the top
   * counts them. Gaps before the cut go with them (the gap counters keep them: they were lost).
   * Returns the frames that left, for the caller's own per-frame state.
   */
  shed(firstSeq: number, reason: 'budget' | 'age'): Frame[] {
    if (firstSeq <= this.firstSeq) return [];
    const cut = lowerBound(this.frameList, firstSeq);
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
    const at = this.frameList[lowerBound(this.frameList, seq)];
    return at?.seq === seq ? at : undefined;
  }

  /** After the user cleared the capture: the next frame expected is `nextSeq`. */
  reset(nextSeq: number): void {
    this.rowList = [];
    this.frameList = [];
    this.marker = null;
    Object.assign(this.counters, { frames: 0, bytes: 0, gaps: 0, missing: 0, socketFrames: 0 });
    this.expected = nextSeq;
  }

  /** Adds frames that left the log to the marker at the top (made, or replaced, so views redraw it). */
  private countShed(gone: readonly Frame[], reason: 'budget' | 'age', firstSeq = this.firstSeq): void {
    let bytes = 0;
    for (const frame of gone) bytes += frame.size;
    const marker: ShedMarker = this.marker
      ? { ...this.marker, firstSeq }
      : { type: 'shed', frames: 0, bytes: 0, budgetBytes: this.budgetBytes, expired: 0, firstSeq };
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
      return `page loaded: ${frame.data ?? frame.url ?? ''}`;
    default:
      return (frame.data ?? '').slice(0, PREVIEW_CHARS);
  }
}
