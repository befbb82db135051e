import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import { FrameLog, framePreview, isMarker } from '../../../src/ui/frame-log';
import { frameMatches } from '../../../src/ui/store/selectors';

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

  it('appends a large run in seq order as it appends frame by frame, and any other batch the slow way', () => {
    const run = (from: number, count: number, meta = 0) =>
      Array.from({ length: count }, (_, i) => frame(from + i, i < meta ? { dir: 'meta', size: 3 } : {}));
    const batches = [
      run(1, 5), // a few frames: frame by frame
      run(6, 3_000, 7), // a run continuing the log: the fast way
      run(3_006, 1_500), // not half the log: frame by frame
      [...run(4_506, 2_000), frame(6_600)], // a gap inside: frame by frame
      run(6_601, 9_000), // the fast way again
      run(10_000, 20_000), // behind frames already there, then new ones: frame by frame
    ];
    const bulk = new FrameLog();
    const single = new FrameLog();
    bulk.setStats(stats);
    single.setStats(stats);
    const rowsBefore: unknown[] = [];
    for (const batch of batches) {
      rowsBefore.push(bulk.rows);
      bulk.append(batch);
      for (const f of batch) single.append([f]);
      expect(bulk.rows).toEqual(single.rows);
      expect(bulk.frames).toEqual(single.frames);
      expect(bulk.counters).toEqual(single.counters);
    }
    expect(bulk.counters).toMatchObject({ frames: 29_905, socketFrames: 29_898, gaps: 1, missing: 94 });
    // The fast way made new arrays; frame by frame kept the same one.
    expect(rowsBefore.map((rows, i) => rows === (rowsBefore[i + 1] ?? bulk.rows))).toEqual([
      true,
      false,
      true,
      true,
      false,
      true,
    ]);
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

  it('drops the frames the hub shed in one cut, behind one marker that counts them and why', () => {
    const log = new FrameLog();
    log.setStats(stats);
    log.append([frame(1), frame(2), frame(5), frame(6, { dir: 'meta' }), frame(7), frame(8)]);
    const before = log.rows;
    const gone = log.shed(4, 'budget');
    expect(gone.map((f) => f.seq)).toEqual([1, 2]);
    // A new array: an index into the old rows cannot point at the wrong frame.
    expect(log.rows).not.toBe(before);
    expect(log.rows.map((r) => (!isMarker(r) ? r.seq : `${r.type}`))).toEqual(['shed', 'gap', 5, 6, 7, 8]);
    expect(log.rows[1]).toEqual({ type: 'gap', from: 4, to: 4 });
    expect(log.rows[0]).toMatchObject({ type: 'shed', frames: 2, bytes: 14, expired: 0, firstSeq: 4 });
    expect(log.counters).toMatchObject({ frames: 4, bytes: 28, socketFrames: 3, gaps: 1, missing: 2 });
    expect(log.frame(1)).toBeUndefined();
    expect(log.frame(7)?.seq).toBe(7);
    log.shed(7, 'age');
    expect(log.rows.map((r) => (!isMarker(r) ? r.seq : r.type))).toEqual(['shed', 7, 8]);
    expect(log.rows[0]).toMatchObject({ frames: 2, expired: 2, firstSeq: 7 });
    expect(log.counters).toMatchObject({ frames: 2, socketFrames: 2 });
    expect(log.shed(5, 'budget')).toEqual([]);
    // The next frame continues without a gap; one held while paused and shed meanwhile is dropped.
    log.append([frame(6), frame(9)]);
    expect(log.rows.map((r) => (!isMarker(r) ? r.seq : r.type))).toEqual(['shed', 7, 8, 9]);
    expect(log.rows[0]).toMatchObject({ frames: 3 });
  });

  it('sheds past everything it holds, and on an empty log, without a gap after the cut', () => {
    const log = new FrameLog();
    log.setStats({ ...stats, shedFrames: 10, shedBytes: 100, firstSeq: 11 });
    log.append([frame(11), frame(12)]);
    expect(log.shed(20, 'budget')).toHaveLength(2);
    expect(log.rows).toEqual([
      { type: 'shed', frames: 12, bytes: 114, budgetBytes: 64, expired: 0, unanalysed: 10, firstSeq: 20 },
    ]);
    log.append([frame(20)]);
    expect(log.counters).toMatchObject({ frames: 1, gaps: 0 });
    const empty = new FrameLog();
    empty.setStats(stats);
    empty.shed(5, 'budget');
    empty.append([frame(5)]);
    expect(empty.rows.map((r) => (!isMarker(r) ? r.seq : r.type))).toEqual(['shed', 5]);
  });

  it('shows the newest frames first and puts the older ones before them as they arrive', () => {
    const log = new FrameLog();
    log.setStats(stats);
    const seqs = () =>
      log.rows.map((r) => (!isMarker(r) ? r.seq : `${r.type} ${'from' in r ? `${r.from}-${r.to}` : ''}`));
    log.showTail([frame(8), frame(9), frame(10)]);
    expect(log.filling).toBe(true);
    expect(seqs()).toEqual(['loading 1-7', 8, 9, 10]);
    expect(log.frame(9)?.seq).toBe(9);
    log.append([frame(1), frame(2), frame(4)]);
    // Older frames join the rows in one go at the end; the marker counts them meanwhile.
    expect(seqs()).toEqual(['loading 1-7', 8, 9, 10]);
    expect(log.rows[0]).toMatchObject({ received: 3 });
    expect(log.frames.map((f) => f.seq)).toEqual([1, 2, 4, 8, 9, 10]);
    expect(log.frame(2)?.seq).toBe(2);
    // A live frame behind the tail, and a tail frame sent again after a reconnect.
    log.append([frame(9), frame(11)]);
    log.append([frame(5), frame(6)]);
    log.finishFill();
    expect(log.filling).toBe(false);
    expect(seqs()).toEqual([1, 2, 'gap 3-3', 4, 5, 6, 'gap 7-7', 8, 9, 10, 11]);
    expect(log.frames.map((f) => f.seq)).toEqual([1, 2, 4, 5, 6, 8, 9, 10, 11]);
    expect(log.counters).toMatchObject({ frames: 9, gaps: 2, missing: 2 });
    log.append([frame(11), frame(12)]);
    expect(log.frames.map((f) => f.seq).slice(-2)).toEqual([11, 12]);
  });

  it('previews at most 200 characters and describes socket events', () => {
    expect(framePreview(frame(1, { data: 'x'.repeat(500) }))).toHaveLength(200);
    expect(
      framePreview(frame(1, { kind: 'close', data: undefined, close: { code: 4001, reason: 'bye', wasClean: false } })),
    ).toBe('closed 4001 "bye" (not clean)');
    expect(framePreview(frame(1, { kind: 'open', data: undefined, url: 'wss://x/y' }))).toBe('opened wss://x/y');
    const navigation = framePreview(
      frame(1, { kind: 'navigation', dir: 'meta', data: `https://x/${'a'.repeat(500)}` }),
    );
    expect([navigation.length, navigation.startsWith('page loaded: https://x/aaa')]).toEqual([200, true]);
  });

  it('previews an HTTP call as the call (method, URL, body) and its answer as its status', () => {
    const http = { socket: 'http-3', channel: 'http' as const };
    const url = 'https://api.wxcc-us1.cisco.com/v1/tasks/t-1/hold';
    expect(
      framePreview(frame(1, { ...http, kind: 'request', dir: 'out', url, http: { method: 'POST' }, data: '{"a":1}' })),
    ).toBe(`POST ${url} {"a":1}`);
    expect(framePreview(frame(2, { ...http, kind: 'response', http: { status: 202 }, data: undefined }))).toBe(
      'HTTP 202',
    );
    expect(
      framePreview(frame(3, { ...http, kind: 'response', http: { error: 'network error' }, data: undefined })),
    ).toBe('network error');
    const match = (text: string) => (value: string) => value.includes(text);
    const request = frame(1, { ...http, kind: 'request', dir: 'out', url, http: { method: 'POST' }, data: '{}' });
    const response = frame(2, { ...http, kind: 'response', http: { status: 202 }, data: '' });
    expect(frameMatches(request, undefined, 'all', '', match('/tasks/t-1/hold'))).toBe(true);
    expect(frameMatches(response, undefined, 'all', '', match('http-3'))).toBe(true);
    // A socket's frames are not found by their socket's name: that is the Socket filter's job.
    expect(frameMatches(frame(4), undefined, 'all', '', match('ws-1'))).toBe(false);
  });
});
