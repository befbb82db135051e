import type { Frame } from '../frame/frame';
import { utf8Length } from '../frame/utf8';

/*
 * Frames from a file are put in the order the model needs, the same way for the CLI, the viewer
 * and the panel's "Open a file…" (all read files through read-frames-file.ts, and analyze.ts runs
 * this too): a file can hold what a capture never does.
 *   - a time that is not a finite number (`1e400` parses as Infinity; a capture file's `null` or
 *     string reads as NaN, capture-file.ts), or one beyond what a Date holds (±8.64e15 ms: it
 *     printed as `NaN:NaN:NaN`): the previous frame's time (the next one's for the first
 *     frames), since no Date or duration can use it;
 *   - frames out of seq order (a file sorted or concatenated by hand): sorted by seq, stably;
 *   - a seq used twice: an exact copy of the frame before it is dropped; different frames sharing
 *     a seq are renumbered 1, 2, 3… in order, since seqs must be unique to be referred to.
 * What was repaired is said in a `notice` frame appended at the end (the decoder makes it a
 * finding), so nothing changes silently; frames needing no repair come back as they were.
 */

export const REPAIR_NOTICE_PREFIX = 'frames repaired when the file was read: ';

/** The largest time (ms from the epoch, either way) a Date holds (ECMA-262 §21.4.1.22). */
export const MAX_TIME_MS = 8.64e15;

/** Whether `t` is a time a Date can show: finite and within `MAX_TIME_MS`. */
export const isUsableTime = (t: number): boolean => Number.isFinite(t) && Math.abs(t) <= MAX_TIME_MS;

export function repairFrames(frames: Frame[]): Frame[] {
  const notes: string[] = [];
  let out = frames;

  let nonFinite = 0;
  for (const frame of out) if (!isUsableTime(frame.t)) nonFinite++;
  if (nonFinite > 0) {
    const firstFinite = out.find((f) => isUsableTime(f.t))?.t ?? 0;
    let last = firstFinite;
    out = out.map((frame) => {
      if (isUsableTime(frame.t)) {
        last = frame.t;
        return frame;
      }
      return { ...frame, t: last };
    });
    notes.push(
      `${nonFinite} ${nonFinite === 1 ? 'time was' : 'times were'} unusable (not a finite number, or beyond what a date holds; set to the time of the frame before)`,
    );
  }

  let unordered = 0;
  for (let i = 1; i < out.length; i++) if (out[i]!.seq < out[i - 1]!.seq) unordered++;
  if (unordered > 0) {
    out = out
      .map((frame, i) => ({ frame, i }))
      .sort((a, b) => a.frame.seq - b.frame.seq || a.i - b.i)
      .map((x) => x.frame);
    notes.push(`${unordered} ${unordered === 1 ? 'frame was' : 'frames were'} out of seq order (sorted by seq)`);
  }

  let copies = 0;
  let shared = 0;
  for (let i = 1; i < out.length; i++) if (out[i]!.seq === out[i - 1]!.seq) shared++;
  if (shared > 0) {
    const kept: Frame[] = [out[0]!];
    for (let i = 1; i < out.length; i++) {
      const frame = out[i]!;
      const before = kept[kept.length - 1]!;
      if (frame.seq === before.seq && sameFrame(frame, before)) copies++;
      else kept.push(frame);
    }
    out = kept;
    if (copies > 0) notes.push(`${copies} exact ${copies === 1 ? 'copy' : 'copies'} of a frame dropped`);
    if (shared > copies) {
      out = out.map((frame, i) => (frame.seq === i + 1 ? frame : { ...frame, seq: i + 1 }));
      notes.push(
        `${shared - copies} seq ${shared - copies === 1 ? 'number was' : 'numbers were'} used twice (all frames renumbered 1…${out.length}; gaps in the original numbering no longer show)`,
      );
    }
  }

  if (notes.length === 0) return frames;
  return [...out, noticeAfter(out, `${REPAIR_NOTICE_PREFIX}${notes.join('; ')}`)];
}

/**
 * A notice of the capture itself, numbered and timed after the last of `frames`: how a file's
 * reader says what it changed or could not read (the decoder makes it a `capture-notice` finding).
 */
export function noticeAfter(frames: readonly Frame[], data: string): Frame {
  const last = frames[frames.length - 1];
  return {
    seq: (last?.seq ?? 0) + 1,
    t: last?.t ?? 0,
    socket: 'capture',
    dir: 'meta',
    kind: 'notice',
    size: utf8Length(data),
    data,
  };
}

function sameFrame(a: Frame, b: Frame): boolean {
  return (
    a.t === b.t &&
    a.socket === b.socket &&
    a.dir === b.dir &&
    a.kind === b.kind &&
    a.size === b.size &&
    a.data === b.data &&
    a.url === b.url &&
    a.close?.code === b.close?.code &&
    a.close?.reason === b.close?.reason &&
    a.close?.wasClean === b.close?.wasClean
  );
}
