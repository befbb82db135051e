import type { Frame } from '../frame/frame';
import type { CaptureStats } from '../frame/capture-stats';

/** A marker between frames; frames themselves are rows as they are (no wrapper per frame). */
export type MarkerRow =
  /** Frames `from`..`to` never arrived: lost on the way, never silently skipped. */
  | { type: 'gap'; from: number; to: number }
  /** The hub shed the oldest frames to stay within its byte budget before the panel saw them. */
  | { type: 'shed'; frames: number; bytes: number; budgetBytes: number };

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
 * Append-only and O(1) per frame, so a long shift of traffic stays cheap to extend.
 */
export class FrameLog {
  readonly rows: LogRow[] = [];
  /** The frames alone, in seq order, for lookups by seq. */
  readonly frames: Frame[] = [];
  readonly counters: LogCounters = { frames: 0, bytes: 0, gaps: 0, missing: 0, shedFrames: 0, socketFrames: 0 };
  private expected: number | null = null;

  setStats(stats: CaptureStats): void {
    this.counters.shedFrames = stats.shedFrames;
    if (this.expected === null && this.rows.length === 0) {
      this.expected = stats.firstSeq;
      if (stats.shedFrames > 0) {
        this.rows.push({
          type: 'shed',
          frames: stats.shedFrames,
          bytes: stats.shedBytes,
          budgetBytes: stats.budgetBytes,
        });
      }
    }
  }

  append(frames: readonly Frame[]): void {
    for (const frame of frames) {
      if (this.expected !== null && frame.seq > this.expected) {
        this.rows.push({ type: 'gap', from: this.expected, to: frame.seq - 1 });
        this.counters.gaps++;
        this.counters.missing += frame.seq - this.expected;
      }
      this.rows.push(frame);
      this.frames.push(frame);
      this.expected = frame.seq + 1;
      this.counters.frames++;
      this.counters.bytes += frame.size;
      if (frame.dir !== 'meta') this.counters.socketFrames++;
    }
  }

  /** The frame with this seq (binary search: frames arrive in seq order). */
  frame(seq: number): Frame | undefined {
    let lo = 0;
    let hi = this.frames.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = this.frames[mid]!.seq;
      if (at === seq) return this.frames[mid];
      if (at < seq) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** After the user cleared the capture: the next frame expected is `nextSeq`. */
  reset(nextSeq: number): void {
    this.rows.length = 0;
    this.frames.length = 0;
    Object.assign(this.counters, { frames: 0, bytes: 0, gaps: 0, missing: 0, socketFrames: 0 });
    this.expected = nextSeq;
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
