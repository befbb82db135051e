import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import {
  BACKLOG_FRAMES,
  HELD_SLICE_FRAMES,
  INGEST_SLICE_MS,
  IngestQueue,
  type IngestSink,
} from '../../../src/ui/store/ingest-queue';
import { ManualScheduler } from './manual-scheduler';

const frame = (seq: number, extra: Partial<Frame> = {}): Frame => ({
  seq,
  t: seq,
  socket: 'ws-1',
  dir: 'in',
  kind: 'text',
  data: `{"n":${seq}}`,
  size: 8,
  ...extra,
});
const frames = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => frame(from + i));

function setup(admit?: IngestSink['admit']) {
  const scheduler = new ManualScheduler();
  const log: number[] = [];
  const analysed: number[] = [];
  let renders = 0;
  let idles = 0;
  const queue = new IngestQueue(
    {
      admit,
      append: (fs) => log.push(...fs.map((f) => f.seq)),
      analyse: (f) => analysed.push(f.seq),
      idle: () => idles++,
      render: () => renders++,
    },
    scheduler,
  );
  return { scheduler, queue, log, analysed, renders: () => renders, idles: () => idles };
}

describe('IngestQueue', () => {
  it('puts frames into the log at once and analyses them later, in order', () => {
    const { scheduler, queue, log, analysed, idles } = setup();
    queue.push(frames(1, 3));
    queue.push(frames(4, 5));
    expect(log).toEqual([1, 2, 3, 4, 5]);
    expect(analysed).toEqual([]);
    expect(queue.analysing).toBe(5);
    scheduler.drain();
    expect(analysed).toEqual([1, 2, 3, 4, 5]);
    expect(queue.analysing).toBe(0);
    expect(idles()).toBe(1);
  });

  it('asks for one repaint per animation frame however many bursts arrive', () => {
    const { scheduler, queue, renders } = setup();
    for (let i = 0; i < 50; i++) queue.push([frame(i + 1)]);
    expect(scheduler.frames).toHaveLength(1);
    scheduler.paint();
    expect(renders()).toBe(1);
  });

  it('analyses a burst in slices of bounded time, yielding between them', () => {
    const { scheduler, queue, analysed } = setup();
    scheduler.costPerRead = 1; // every clock read costs 1 ms: a slice ends after ~INGEST_SLICE_MS reads
    queue.push(frames(1, 2_000));
    let slices = 0;
    while (scheduler.deferred.length) {
      scheduler.runDeferred();
      slices++;
    }
    expect(analysed).toHaveLength(2_000);
    expect(analysed.every((seq, i) => seq === i + 1)).toBe(true);
    // Each slice checks the clock every 64 frames, so it takes at most 64·(INGEST_SLICE_MS+1) frames.
    expect(slices).toBeGreaterThanOrEqual(Math.ceil(2_000 / (64 * (INGEST_SLICE_MS + 1))));
  });

  it('analyses a slice in this task on ingestNow, and the slice queued before runs only if work was queued since', () => {
    const { scheduler, queue, analysed } = setup();
    queue.accept(frames(1, 5));
    queue.ingestNow();
    expect(analysed).toEqual([1, 2, 3, 4, 5]);
    // The slice queued by accept finds nothing to do and queues nothing.
    scheduler.drain();
    expect(analysed).toEqual([1, 2, 3, 4, 5]);
    // Nothing waits: nothing happens; paused: nothing is analysed before resume.
    queue.ingestNow();
    queue.pause();
    queue.push(frames(6, 7));
    queue.ingestNow();
    expect(analysed).toEqual([1, 2, 3, 4, 5]);
    queue.resume();
    scheduler.drain();
    expect(analysed).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('holds frames while paused and shows them on resume, none dropped, order kept', () => {
    const { scheduler, queue, log, analysed } = setup();
    queue.push(frames(1, 2));
    queue.pause();
    queue.push(frames(3, 5));
    queue.push(frames(6, 6));
    scheduler.drain();
    expect(log).toEqual([1, 2]);
    expect(queue.heldCount).toBe(4);
    queue.resume();
    scheduler.drain();
    expect(log).toEqual([1, 2, 3, 4, 5, 6]);
    expect(analysed).toEqual([1, 2, 3, 4, 5, 6]);
    expect(queue.heldCount).toBe(0);
  });

  it('after a pause, lets the held frames go on a slice per task, each when the sink wants it; later frames queue behind', () => {
    const scheduler = new ManualScheduler();
    const log: number[] = [];
    const analysed: number[] = [];
    let wants = true;
    const queue = new IngestQueue(
      {
        append: (fs) => log.push(...fs.map((f) => f.seq)),
        analyse: (f) => analysed.push(f.seq),
        wantsHeld: () => wants,
        idle: () => {},
        render: () => {},
      },
      scheduler,
    );
    const total = 2 * HELD_SLICE_FRAMES + 10;
    queue.pause();
    queue.push(frames(1, total));
    queue.resume();
    // The click's task takes one slice into the log, no more.
    expect(log).toHaveLength(HELD_SLICE_FRAMES);
    expect(queue.heldCount).toBe(total - HELD_SLICE_FRAMES);
    // Arriving meanwhile: behind the held frames, not before them.
    queue.push(frames(total + 1, total + 3));
    expect(log).toHaveLength(HELD_SLICE_FRAMES);
    // The sink is busy: once the slice is analysed, the next waits for `kick`.
    wants = false;
    scheduler.drain();
    expect(analysed).toHaveLength(HELD_SLICE_FRAMES);
    expect(log).toHaveLength(HELD_SLICE_FRAMES);
    wants = true;
    queue.kick();
    let most = 0;
    while (scheduler.deferred.length || scheduler.frames.length) {
      const before = log.length;
      if (scheduler.deferred.length) scheduler.deferred.shift()!();
      else scheduler.paint();
      most = Math.max(most, log.length - before);
    }
    expect(most).toBeLessThanOrEqual(HELD_SLICE_FRAMES);
    const all = Array.from({ length: total + 3 }, (_, i) => i + 1);
    expect(log).toEqual(all);
    expect(analysed).toEqual(all);
    expect(queue.heldCount).toBe(0);
    // Paused again mid-way: nothing goes on until resume; a reset forgets what is held.
    queue.pause();
    queue.push(frames(total + 4, total + 4 + HELD_SLICE_FRAMES));
    queue.resume();
    queue.pause();
    scheduler.drain();
    expect(log).toHaveLength(total + 3 + HELD_SLICE_FRAMES);
    queue.reset();
    queue.resume();
    scheduler.drain();
    expect(queue.heldCount).toBe(0);
    expect(log).toHaveLength(total + 3 + HELD_SLICE_FRAMES);
  });

  it('after a pause, takes the frames held from the backlog whole, admits the live ones, and keeps the held frames newer than a cut', () => {
    const scheduler = new ManualScheduler();
    const log: number[] = [];
    let backlog = true;
    let queue: IngestQueue;
    // A page load (seq divisible by 1000) cuts what came before it, as Preserve log off does.
    const admit = (fs: Frame[]) => {
      const at = fs.findLastIndex((f) => f.seq % 1000 === 0);
      if (at < 0) return fs;
      queue.reset();
      log.length = 0;
      return fs.slice(at);
    };
    queue = new IngestQueue(
      {
        admit,
        inBacklog: () => backlog,
        append: (fs) => log.push(...fs.map((f) => f.seq)),
        analyse: () => {},
        idle: () => {},
        render: () => {},
      },
      scheduler,
    );
    queue.pause();
    queue.push(frames(1, 10)); // the backlog: a page load at 1000 would start nothing
    queue.push([frame(1000)]);
    backlog = false;
    queue.push(frames(1001, 1005)); // live
    queue.resume();
    scheduler.drain();
    expect(log).toEqual([...Array.from({ length: 10 }, (_, i) => i + 1), 1000, 1001, 1002, 1003, 1004, 1005]);
    // Live, page loads in every slice: the view starts at the last, and every frame after it follows.
    const end = 1005 + 2 * HELD_SLICE_FRAMES;
    const last = Math.floor(end / 1000) * 1000;
    queue.pause();
    queue.push(frames(1006, end));
    queue.resume();
    scheduler.drain();
    expect(log).toEqual(Array.from({ length: end - last + 1 }, (_, i) => last + i));
  });

  it('forgets what waits on reset; a slice scheduled before the reset does nothing', () => {
    const { scheduler, queue, analysed } = setup();
    queue.push(frames(1, 100));
    queue.reset();
    expect(queue.analysing).toBe(0);
    queue.push(frames(101, 102));
    scheduler.drain();
    expect(analysed).toEqual([101, 102]);
  });

  it('repaints only every BACKLOG_RENDER_MS while a large backlog is analysed', () => {
    const { scheduler, queue } = setup();
    scheduler.costPerRead = 1;
    queue.push(frames(1, BACKLOG_FRAMES + 5_000));
    scheduler.paint(); // the first repaint comes at once
    scheduler.runDeferred(); // one slice; the backlog is still large
    expect(scheduler.frames).toHaveLength(0);
    expect(scheduler.timers).toHaveLength(1);
    scheduler.drain();
    expect(queue.analysing).toBe(0);
  });

  it('lets the sink drop frames before a page load (Preserve log off)', () => {
    const { scheduler, queue, log } = setup((fs) => fs.filter((f) => f.seq > 2));
    queue.push(frames(1, 4));
    scheduler.drain();
    expect(log).toEqual([3, 4]);
  });

  it('hands on no more than the sink has room for, and goes on when kicked', () => {
    const scheduler = new ManualScheduler();
    const analysed: number[] = [];
    let room = 100;
    let flushes = 0;
    const queue = new IngestQueue(
      {
        append: () => {},
        analyse: (f) => {
          analysed.push(f.seq);
          room--;
        },
        flush: () => flushes++,
        room: () => room,
        idle: () => {},
        render: () => {},
      },
      scheduler,
    );
    queue.push(frames(1, 1_000));
    scheduler.drain();
    expect(analysed).toHaveLength(100);
    expect(flushes).toBeGreaterThan(0);
    expect(queue.analysing).toBe(900);
    room = 1_000; // the analysis caught up
    queue.kick();
    scheduler.drain();
    expect(analysed).toEqual(frames(1, 1_000).map((f) => f.seq));
    expect(queue.analysing).toBe(0);
  });
});
