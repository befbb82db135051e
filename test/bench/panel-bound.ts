/**
 * The open panel against the hub's budget, in real Chromium with the built test extension.
 *
 * `heap`: a long capture of the busy-shift mix (model-ingest.ts's `capture`: calls every 40 s,
 * 5–15 KiB snapshots, keepalives) is streamed live into a tab through the hub (as deep capture's
 * frames enter it) with its default 64 MiB budget, while the panel (opened as a tab with ?tabId=,
 * on its Frames tab) watches. At each checkpoint, once the panel analysed everything, its JS heap
 * after a forced GC (CDP `Runtime.getHeapUsage`). Side by side, the baseline: the same panel told
 * to ignore the hub's shed messages (the test build's `&keep=all`: what every panel did before),
 * run to fewer frames so it does not exhaust this shared machine.
 *
 * `reopen`: a tab holding a 64 MiB capture of the same mix; a panel opens on it, alternately
 * asking for the newest frames first (the default) and for the backlog oldest first (`&tail=0`,
 * as before). Time from the panel's navigation until the newest frame's row is visible on the
 * Frames tab, until every frame is there and analysed, and meanwhile: the longest gap between
 * animation frames and its 99th percentile, the panel's longest task and how many tasks took
 * over 50 ms (PerformanceObserver 'longtask'), and its animation frames over 50 ms with where the
 * longest one's time went (Chromium's 'long-animation-frame': its scripts over 5 ms by invoker, its
 * blocking time, its rendering and style/layout). Medians of the repeats. After the last
 * newest-first run, the JS heap of the panel page and of its analysis worker (target-heap.ts).
 * `BENCH_REOPEN_TRACE=/tmp/t` writes a Chromium trace of each newest-first run (/tmp/t-N.json, for
 * chrome://tracing or Perfetto): the trace's thread CPU time tells work from waiting for a core.
 * `BENCH_REOPEN_PROFILE=/tmp/p` writes the panel thread's JS CPU profile of each run, from its load
 * event until all is analysed (/tmp/p-n-<time>.cpuprofile, for DevTools' Performance panel).
 * `BENCH_REOPEN_BASE=<dir of another chrome-mv3-test build>` alternates this build with that one
 * (see `benchReopen`).
 */
import { describeFrame, type LoafEntry, type LongFrame, longFrameOf } from './loaf';
import type { CDPSession, Page, Worker } from '@playwright/test';
import type { PageFrame } from '../../src/capture/shared/page-chunk';
import type { Frame } from '../../src/frame/frame';
import { launchWithExtension, type ExtensionBrowser } from '../e2e/extension';
import { capture } from './model-ingest';
import { fmt, median } from './stats';
import { targetHeaps, type TargetHeaps } from './target-heap';

const HEAP_FRAMES = Number(process.env.BENCH_BOUND_FRAMES ?? 200_000);
const BASELINE_FRAMES = Number(process.env.BENCH_BOUND_BASELINE_FRAMES ?? 40_000);
const CHECKPOINT = 20_000;
const CHUNK = 1_000;
const REOPEN_BYTES = 64 * 1024 * 1024 - 256 * 1024;
const REPEATS = Number(process.env.BENCH_REOPEN_REPEATS ?? 5);

interface Checkpoint {
  frames: number;
  heapMB: number;
  /** Frames the panel's log holds (the rest were shed). */
  kept: number;
  keptMB: number;
}

export interface PanelHeapResult {
  bounded: Checkpoint[];
  baseline: Checkpoint[];
  budgetMB: number;
  /** Wall time of the bounded arm, s. */
  streamSeconds: number;
  loadAverage: number[];
}

export interface ReopenRun {
  newestVisibleMs: number;
  doneMs: number;
  longestGapMs: number;
  /** The 99th percentile of the gaps between animation frames, ms. */
  p99GapMs: number;
  /** Tasks of 50 ms or more (the 'longtask' threshold) until every frame was in and analysed. */
  longTasks: number;
  /** The panel's longest task (PerformanceObserver 'longtask', ≥ 50 ms; 0 when none) and when it began. */
  longestTaskMs: number;
  longestTaskAtMs: number;
  /**
   * CPU time from the page's load event until all was analysed (CDP Performance metrics ThreadTime,
   * ProcessTime), ms: the panel's thread, and its renderer process (the extension's pages, service
   * worker, analysis worker).
   */
  threadCpuMs: number;
  processCpuMs: number;
  /** Animation frames over 50 ms (LoAF), and the longest one's attribution. */
  longFrames: number;
  longestFrame?: LongFrame;
}

export interface ReopenResult {
  frames: number;
  bytes: number;
  newestFirst: ReopenRun[];
  oldestFirst: ReopenRun[];
  median: { newestFirst: ReopenRun; oldestFirst: ReopenRun };
  /** After the last newest-first run, once everything was analysed: the panel page's and its worker's heap. */
  heap?: TargetHeaps;
  /** The build of `BENCH_REOPEN_BASE`, its newest-first runs alternated with this build's (no oldest-first arm then). */
  base?: { dir: string; newestFirst: ReopenRun[]; median: ReopenRun };
  loadAverage: number[];
}

type PanelHandle = {
  counters(): { frames: number; bytes: number };
  analysing(): number;
};

const toPage = (frame: Frame, seq: number): PageFrame => ({
  seq,
  t: frame.t,
  socket: frame.socket,
  dir: frame.dir,
  kind: frame.kind,
  size: frame.size,
  ...(frame.data !== undefined ? { data: frame.data } : {}),
  ...(frame.url !== undefined ? { url: frame.url } : {}),
});

/** A tab the capture belongs to (any open tab will do: the hub only numbers frames for it). */
async function benchTab(browser: ExtensionBrowser): Promise<{ tabId: number; sw: Worker }> {
  await browser.context.newPage();
  const sw = await browser.serviceWorker();
  const tabId = await sw.evaluate(async () => Math.max(...(await chrome.tabs.query({})).map((t) => t.id ?? 0)));
  return { tabId, sw };
}

async function feed(sw: Worker, tabId: number, frames: PageFrame[]): Promise<void> {
  await sw.evaluate(
    ([id, part]) =>
      (
        globalThis as unknown as { wxccHub: { acceptFrames(tabId: number, f: unknown[]): Promise<void> } }
      ).wxccHub.acceptFrames(id, part),
    [tabId, frames] as const,
  );
}

const handle = (panel: Page) =>
  panel.evaluate(() => {
    const w = window as unknown as { wxccInspector: PanelHandle };
    return { counters: w.wxccInspector.counters(), analysing: w.wxccInspector.analysing() };
  });

async function settle(panel: Page, frames: number): Promise<{ frames: number; bytes: number }> {
  for (;;) {
    const h = await handle(panel);
    // Settled once the panel analysed all it got and holds the newest frame sent.
    if (h.analysing === 0 && h.counters.frames > 0) {
      const last = await panel.evaluate(() => {
        const w = window as unknown as { wxccInspector: { frames(): { seq: number }[] } };
        return w.wxccInspector.frames().at(-1)?.seq ?? 0;
      });
      if (last >= frames) return h.counters;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function heapMB(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return usedSize / 1024 / 1024;
}

async function streamArm(total: number, keepAll: boolean): Promise<{ points: Checkpoint[]; seconds: number }> {
  const browser = await launchWithExtension();
  try {
    const { tabId, sw } = await benchTab(browser);
    const panel = await browser.context.newPage();
    await panel.goto(
      `chrome-extension://${browser.extensionId}/devtools-panel.html?tabId=${tabId}${keepAll ? '&keep=all' : ''}`,
    );
    await panel.getByRole('tab', { name: 'Frames' }).click();
    const cdp = await browser.context.newCDPSession(panel);
    await cdp.send('HeapProfiler.enable');
    const points: Checkpoint[] = [];
    const start = performance.now();
    let seq = 0;
    let chunk: PageFrame[] = [];
    // Seq 1 is the hub's first frame of the tab: the page frames follow it one to one.
    for (const frame of capture(total)) {
      chunk.push(toPage(frame, ++seq));
      if (chunk.length < CHUNK && seq < total) continue;
      await feed(sw, tabId, chunk);
      chunk = [];
      if (seq % CHECKPOINT === 0 || seq === total) {
        const counters = await settle(panel, seq);
        points.push({
          frames: seq,
          heapMB: await heapMB(cdp),
          kept: counters.frames,
          keptMB: counters.bytes / 1024 / 1024,
        });
        console.log(
          `  ${keepAll ? 'baseline' : 'bounded '} ${seq} frames: panel heap ${fmt(points.at(-1)!.heapMB)} MB, log holds ${counters.frames} frames (${fmt(points.at(-1)!.keptMB)} MB)`,
        );
      } else {
        // Live pace: the panel keeps up before the next chunk (as with a real desktop's traffic).
        for (;;) {
          const h = await handle(panel);
          if (h.analysing < 5 * CHUNK) break;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    }
    return { points, seconds: (performance.now() - start) / 1000 };
  } finally {
    await browser.close();
  }
}

export async function benchPanelHeap(): Promise<PanelHeapResult> {
  const { loadavg } = await import('node:os');
  const baseline = await streamArm(BASELINE_FRAMES, true);
  const bounded = await streamArm(HEAP_FRAMES, false);
  return {
    bounded: bounded.points,
    baseline: baseline.points,
    budgetMB: 64,
    streamSeconds: bounded.seconds,
    loadAverage: loadavg(),
  };
}

/** In the panel page from its first script on: animation-frame gaps, and when the newest frame shows. */
function watchReopen(lastSeq: number): void {
  const w = window as unknown as {
    __reopen: { newestVisibleMs?: number; doneMs?: number; gaps: number[] };
    wxccInspector?: PanelHandle;
  };
  const state: {
    newestVisibleMs?: number;
    doneMs?: number;
    gaps: number[];
    tasks: [number, number][];
    frames: LoafEntry[];
  } = { gaps: [], tasks: [], frames: [] };
  w.__reopen = state;
  new PerformanceObserver((list) => {
    if (state.doneMs !== undefined) return;
    for (const e of list.getEntries()) state.tasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  // Long animation frames (Chromium's LoAF, > 50 ms): where the longest frame's time went.
  new PerformanceObserver((list) => {
    if (state.doneMs !== undefined) return;
    for (const e of list.getEntries()) state.frames.push(e.toJSON() as LoafEntry);
  }).observe({ type: 'long-animation-frame', buffered: true });
  let last = performance.now();
  const step = (now: number) => {
    state.gaps.push(now - last);
    last = now;
    const tab = [...document.querySelectorAll<HTMLElement>('[role=tab]')].find((t) => t.textContent === 'Frames');
    if (tab && tab.getAttribute('aria-selected') !== 'true') tab.click();
    if (state.newestVisibleMs === undefined && document.querySelector(`.frame[data-seq="${lastSeq}"]`))
      state.newestVisibleMs = now;
    const inspector = w.wxccInspector;
    if (
      state.newestVisibleMs !== undefined &&
      inspector &&
      inspector.analysing() === 0 &&
      inspector.counters().frames >= lastSeq - 1
    ) {
      state.doneMs = now;
      return;
    }
    requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
}

/** `BENCH_REOPEN_TRACE=path`: a Chromium trace of each newest-first run, to path-N.json (a diagnosis aid). */
const TRACE_TO = process.env.BENCH_REOPEN_TRACE;
let traced = 0;

async function startTrace(browser: ExtensionBrowser, panel: Page): Promise<{ stop(path: string): Promise<void> }> {
  const cdp = await browser.context.newCDPSession(panel);
  await cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: {
      includedCategories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'disabled-by-default-devtools.timeline.frame',
        'toplevel',
        'v8',
        'v8.execute',
        'blink',
        'cc',
        'gpu',
        'ipc',
        'extensions',
        'disabled-by-default-v8.gc',
      ],
    },
  });
  return {
    async stop(path: string) {
      const done = new Promise<{ stream: string }>((resolve) =>
        cdp.once('Tracing.tracingComplete', (e) => resolve(e as { stream: string })),
      );
      await cdp.send('Tracing.end');
      const { stream } = await done;
      const parts: string[] = [];
      for (;;) {
        const { data, eof } = (await cdp.send('IO.read', { handle: stream })) as { data: string; eof: boolean };
        parts.push(data);
        if (eof) break;
      }
      await cdp.send('IO.close', { handle: stream });
      const { writeFile } = await import('node:fs/promises');
      await writeFile(path, parts.join(''));
    },
  };
}

/** CPU time so far of the page's main thread and of its renderer process, ms (CDP Performance metrics). */
export async function cpuTimes(cdp: CDPSession): Promise<{ thread: number; process: number }> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const metric = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return { thread: metric('ThreadTime'), process: metric('ProcessTime') };
}

async function reopenOnce(
  browser: ExtensionBrowser,
  tabId: number,
  lastSeq: number,
  tail: boolean,
  measureHeap = false,
): Promise<ReopenRun & { heap?: TargetHeaps }> {
  const panel = await browser.context.newPage();
  try {
    // tsx names the functions it compiles with a `__name` helper the page does not have.
    await panel.addInitScript(`window.__name = (f) => f; (${watchReopen.toString()})(${lastSeq})`);
    const trace = tail && TRACE_TO ? await startTrace(browser, panel) : undefined;
    // CPU time: the panel's thread, and its renderer process (the extension's pages, its service
    // worker and the analysis worker share it): what the work took, whatever the machine's load.
    const cdp = await browser.context.newCDPSession(panel);
    await panel.goto(
      `chrome-extension://${browser.extensionId}/devtools-panel.html?tabId=${tabId}${tail ? '' : '&tail=0'}`,
    );
    // From the page's load event: the process and its thread served the earlier runs' panels too.
    await cdp.send('Performance.enable');
    if (process.env.BENCH_REOPEN_PROFILE) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const before = await cpuTimes(cdp);
    await panel.waitForFunction(() => (window as unknown as { __reopen: { doneMs?: number } }).__reopen.doneMs, null, {
      timeout: 180_000,
      polling: 500,
    });
    const after = await cpuTimes(cdp);
    if (process.env.BENCH_REOPEN_PROFILE) {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: unknown };
      const { writeFile } = await import('node:fs/promises');
      await writeFile(
        `${process.env.BENCH_REOPEN_PROFILE}-${tail ? 'n' : 'o'}-${Date.now()}.cpuprofile`,
        JSON.stringify(profile),
      );
    }
    const cpu = { threadCpuMs: after.thread - before.thread, processCpuMs: after.process - before.process };
    if (trace) await trace.stop(`${TRACE_TO}-${++traced}.json`);
    const run = await panel.evaluate(() => {
      const r = (
        window as unknown as {
          __reopen: {
            newestVisibleMs: number;
            doneMs: number;
            gaps: number[];
            tasks: [number, number][];
            frames: LoafEntry[];
          };
        }
      ).__reopen;
      const longestFrame = r.frames.reduce<LoafEntry | undefined>(
        (a, f) => (!a || f.duration > a.duration ? f : a),
        undefined,
      );
      const longest = r.tasks.reduce((a, t) => (t[1] > a[1] ? t : a), [0, 0] as [number, number]);
      const gaps = r.gaps.slice(1).sort((a, b) => a - b);
      return {
        newestVisibleMs: r.newestVisibleMs,
        doneMs: r.doneMs,
        longestGapMs: gaps.at(-1) ?? 0,
        p99GapMs: gaps[Math.min(gaps.length - 1, Math.floor(gaps.length * 0.99))] ?? 0,
        longTasks: r.tasks.length,
        longestTaskMs: longest[1],
        longestTaskAtMs: longest[0],
        longFrames: r.frames.length,
        ...(longestFrame ? { longestEntry: longestFrame } : {}),
      };
    });
    const { longestEntry, ...rest } = run;
    const measured = { ...rest, ...(longestEntry ? { longestFrame: longFrameOf(longestEntry) } : {}), ...cpu };
    if (!measureHeap) return measured;
    return { ...measured, heap: await targetHeaps(browser.userDataDir, `devtools-panel.html?tabId=${tabId}`) };
  } finally {
    await panel.close();
  }
}

/** A tab of `browser` filled with the 64 MiB capture, as a busy desktop's relay hands it over. */
export async function loadReopenCapture(
  browser: ExtensionBrowser,
): Promise<{ tabId: number; frames: number; bytes: number }> {
  const { tabId, sw } = await benchTab(browser);
  let seq = 0;
  let bytes = 0;
  let chunk: PageFrame[] = [];
  for (const frame of capture(Number.MAX_SAFE_INTEGER)) {
    if (bytes + frame.size > REOPEN_BYTES) break;
    bytes += frame.size;
    chunk.push(toPage(frame, ++seq));
    // Batches as a busy desktop's relay hands them over (a few hundred frames at most).
    if (chunk.length === CHUNK / 5) {
      await feed(sw, tabId, chunk);
      chunk = [];
    }
  }
  if (chunk.length) await feed(sw, tabId, chunk);
  return { tabId, frames: seq, bytes };
}

const medianRun = (runs: ReopenRun[]): ReopenRun => ({
  newestVisibleMs: median(runs.map((r) => r.newestVisibleMs)),
  doneMs: median(runs.map((r) => r.doneMs)),
  longestGapMs: median(runs.map((r) => r.longestGapMs)),
  p99GapMs: median(runs.map((r) => r.p99GapMs)),
  longTasks: median(runs.map((r) => r.longTasks)),
  longestTaskMs: median(runs.map((r) => r.longestTaskMs)),
  longestTaskAtMs: median(runs.map((r) => r.longestTaskAtMs)),
  longFrames: median(runs.map((r) => r.longFrames)),
  threadCpuMs: median(runs.map((r) => r.threadCpuMs)),
  processCpuMs: median(runs.map((r) => r.processCpuMs)),
});

const runLine = (label: string, run: ReopenRun, measured?: TargetHeaps): string =>
  `  ${label}: newest frame visible ${fmt(run.newestVisibleMs, 0)} ms, all analysed ${fmt(run.doneMs, 0)} ms, animation-frame gap longest ${fmt(run.longestGapMs, 0)} ms (p99 ${fmt(run.p99GapMs, 0)} ms), longest task ${fmt(run.longestTaskMs, 0)} ms at ${fmt(run.longestTaskAtMs, 0)} ms, ${run.longTasks} tasks ≥ 50 ms, CPU ${fmt(run.threadCpuMs, 0)} ms (process ${fmt(run.processCpuMs, 0)} ms), ${run.longFrames} frames > 50 ms${run.longestFrame ? `, longest ${describeFrame(run.longestFrame)}` : ''}${measured ? `; heap: panel ${fmt(measured.pageMB)} MB, worker ${measured.workersMB.map((w) => fmt(w)).join(' + ')} MB` : ''}`;

/**
 * With `BENCH_REOPEN_BASE=<dir of another chrome-mv3-test build>` the newest-first runs alternate
 * between this build and that one (two browsers, each holding the capture, one panel open at a
 * time, which goes first swapping each round) and the oldest-first arm is left out: the two builds
 * are compared at the same moments of a shared machine.
 */
export async function benchReopen(): Promise<ReopenResult> {
  const { loadavg } = await import('node:os');
  const baseDir = process.env.BENCH_REOPEN_BASE;
  // A debugging port for target-heap.ts (the analysis worker's heap).
  const browser = await launchWithExtension({ args: ['--remote-debugging-port=0'] });
  const baseBrowser = baseDir
    ? await launchWithExtension({ args: ['--remote-debugging-port=0'], extensionDir: baseDir })
    : undefined;
  try {
    const { tabId, frames: seq, bytes } = await loadReopenCapture(browser);
    const baseTab = baseBrowser ? await loadReopenCapture(baseBrowser) : undefined;
    const newestFirst: ReopenRun[] = [];
    const oldestFirst: ReopenRun[] = [];
    const baseRuns: ReopenRun[] = [];
    let heap: TargetHeaps | undefined;
    type Arm = 'newest' | 'oldest' | 'base';
    for (let r = 0; r < REPEATS; r++) {
      // Alternate the arms, and which goes first in each round.
      const arms: Arm[] = baseBrowser ? ['newest', 'base'] : ['newest', 'oldest'];
      if (r % 2) arms.reverse();
      for (const arm of arms) {
        const tail = arm !== 'oldest';
        const last = r === REPEATS - 1;
        const { heap: measured, ...run } =
          arm === 'base'
            ? await reopenOnce(baseBrowser!, baseTab!.tabId, baseTab!.frames, true)
            : await reopenOnce(browser, tabId, seq, tail, tail && last);
        if (measured) heap = measured;
        (arm === 'base' ? baseRuns : tail ? newestFirst : oldestFirst).push(run);
        console.log(
          runLine(arm === 'base' ? 'base, newest first' : tail ? 'newest first' : 'oldest first', run, measured),
        );
      }
    }
    return {
      frames: seq,
      bytes,
      newestFirst,
      oldestFirst,
      median: { newestFirst: medianRun(newestFirst), oldestFirst: medianRun(oldestFirst) },
      ...(heap ? { heap } : {}),
      ...(baseDir ? { base: { dir: baseDir, newestFirst: baseRuns, median: medianRun(baseRuns) } } : {}),
      loadAverage: loadavg(),
    };
  } finally {
    await browser.close();
    await baseBrowser?.close();
  }
}

export function printPanelHeap(r: PanelHeapResult): void {
  console.log(
    `\nPanel heap, a capture of the busy-shift mix streamed live through the hub (budget ${r.budgetMB} MiB); load average ${r.loadAverage.map((l) => fmt(l)).join(' ')}`,
  );
  const byFrames = new Map(r.baseline.map((p) => [p.frames, p]));
  for (const p of r.bounded) {
    const base = byFrames.get(p.frames);
    console.log(
      `  ${p.frames} frames: ${fmt(p.heapMB)} MB (log ${p.kept} frames, ${fmt(p.keptMB)} MB)${base ? `   keeping every frame: ${fmt(base.heapMB)} MB (log ${base.kept} frames, ${fmt(base.keptMB)} MB)` : ''}`,
    );
  }
  const peak = Math.max(...r.bounded.map((p) => p.heapMB));
  console.log(
    `  peak ${fmt(peak)} MB over ${r.bounded.at(-1)?.frames} frames in ${fmt(r.streamSeconds, 0)} s   (target < 300 MB)`,
  );
}

export function printReopen(r: ReopenResult): void {
  const n = r.median.newestFirst;
  // Beside this build's newest-first medians: the base build's (BENCH_REOPEN_BASE), else oldest first.
  const o = r.base ? r.base.median : r.median.oldestFirst;
  const vs = r.base ? `this build vs the base (${r.base.dir}), both newest first` : 'newest first vs oldest first';
  console.log(
    `\nReopen a panel on a ${fmt(r.bytes / 1024 / 1024)} MiB capture (${r.frames} frames), median of ${r.newestFirst.length}; load average ${r.loadAverage.map((l) => fmt(l)).join(' ')}`,
  );
  console.log(`  ${vs}:`);
  console.log(
    `  newest frame visible: ${fmt(n.newestVisibleMs, 0)} ms vs ${fmt(o.newestVisibleMs, 0)} ms   (target ≤ 1,000 ms)`,
  );
  console.log(`  every frame in and analysed: ${fmt(n.doneMs, 0)} ms vs ${fmt(o.doneMs, 0)} ms`);
  console.log(
    `  until then, gap between animation frames: longest ${fmt(n.longestGapMs, 0)} ms vs ${fmt(o.longestGapMs, 0)} ms, p99 ${fmt(n.p99GapMs, 0)} ms vs ${fmt(o.p99GapMs, 0)} ms   (target: no gap > 100 ms)`,
  );
  console.log(
    `  the panel's longest task ${fmt(n.longestTaskMs, 0)} ms vs ${fmt(o.longestTaskMs, 0)} ms, tasks ≥ 50 ms: ${fmt(n.longTasks, 0)} vs ${fmt(o.longTasks, 0)}   (target: longest ≤ 50 ms)`,
  );
  console.log(`  animation frames over 50 ms: ${fmt(n.longFrames, 0)} vs ${fmt(o.longFrames, 0)}`);
  console.log(
    `  CPU time meanwhile: the panel's thread ${fmt(n.threadCpuMs, 0)} ms vs ${fmt(o.threadCpuMs, 0)} ms, its renderer process (with the service worker and the analysis worker) ${fmt(n.processCpuMs, 0)} ms vs ${fmt(o.processCpuMs, 0)} ms`,
  );
  const longest = r.newestFirst
    .map((run) => run.longestFrame)
    .reduce<LongFrame | undefined>((a, f) => (f && (!a || f.durationMs > a.durationMs) ? f : a), undefined);
  if (longest) console.log(`  the longest newest first: ${describeFrame(longest)}`);
  if (r.heap) {
    const worker = r.heap.workersMB.reduce((a, b) => a + b, 0);
    console.log(
      `  heap once all is analysed (after GC): panel page ${fmt(r.heap.pageMB)} MB + analysis worker ${fmt(worker)} MB = ${fmt(r.heap.pageMB + worker)} MB, ${fmt(((r.heap.pageMB + worker) * 1e6) / r.frames / 1024, 2)} KiB per frame`,
    );
  }
}
