import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import { FrameLog, framePreview, isMarker } from '../../../src/ui/frame-log';

const frame = (seq: number, extra: Partial<Frame> = {}): Frame => ({
  seq,
  t: 0,
  socket: 'ws-1',
  dir: 'in',
  kind: 'text',
  data: `frame ${seq}`,
  size: 7,
  ...extra,
});
const stats = { frames: 0, bytes: 0, shedFrames: 0, shedBytes: 0, firstSeq: 1, lastSeq: 0, budgetBytes: 64 };

describe('FrameLog', () => {
  it('marks every jump in seq as a gap and counts the missing frames', () => {
    const log = new FrameLog();
    log.setStats(stats);
    log.append([frame(1), frame(2), frame(5)]);
    log.append([frame(6), frame(8)]);
    expect(log.rows.map((r) => (!isMarker(r) ? r.seq : `${r.type} ${'from' in r ? `${r.from}-${r.to}` : ''}`))).toEqual(
      [1, 2, 'gap 3-4', 5, 6, 'gap 7-7', 8],
    );
    expect(log.counters).toMatchObject({ frames: 5, bytes: 35, gaps: 2, missing: 3 });
  });

  it('starts with a shed marker when the hub shed frames before the panel connected', () => {
    const log = new FrameLog();
    log.setStats({ ...stats, shedFrames: 40, shedBytes: 4000, firstSeq: 41 });
    log.append([frame(41)]);
    expect(log.rows[0]).toMatchObject({ type: 'shed', frames: 40 });
    expect(log.counters.gaps).toBe(0);
  });

  it('starts over after a clear, expecting the seq the hub continues with', () => {
    const log = new FrameLog();
    log.setStats(stats);
    log.append([frame(1), frame(2)]);
    log.reset(3);
    log.append([frame(3)]);
    expect(log.rows).toHaveLength(1);
    expect(log.counters.frames).toBe(1);
  });

  it('previews at most 200 characters and describes socket events', () => {
    expect(framePreview(frame(1, { data: 'x'.repeat(500) }))).toHaveLength(200);
    expect(
      framePreview(frame(1, { kind: 'close', data: undefined, close: { code: 4001, reason: 'bye', wasClean: false } })),
    ).toBe('closed 4001 "bye" (not clean)');
    expect(framePreview(frame(1, { kind: 'open', data: undefined, url: 'wss://x/y' }))).toBe('opened wss://x/y');
  });
});
