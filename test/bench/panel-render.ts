/**
 * The panel at scale, in real Chromium on the extension's own viewer page (the panel's UI without
 * a live tab): a session of 100,000 events is handed to the store at once, then we measure the
 * time to the first rendered interactions, the whole backlog's analysis (in the analysis worker:
 * frames/s) with the UI thread's longest frame gap and input delay meanwhile, selecting an event
 * until its diff shows, and the frame times while scrolling the timeline and while 200 frames/s
 * stream in. Each run is a fresh viewer page; medians of `BENCH_PANEL_RUNS` runs (5). The
 * baselines, measured in the same page: bare `JSON.parse` of every frame's payload, and the UI
 * thread's pulse once all is analysed, idle and beside one core kept busy (`referencePulses`).
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import type { Page } from '@playwright/test';
import type { Frame } from '../../src/frame/frame';
import { type PackedPayloads, takePayloads } from '../../src/ui/payload-pack';
import type { ExtensionBrowser } from '../e2e/extension';
import { targetHeaps } from './target-heap';
import { describeFrame, type LoafEntry, type LongFrame, longFrameOf } from './loaf';
import { capture } from './model-ingest';
import { cpuTimes } from './panel-bound';
import { chromiumThreadCpu, cpuSpent } from './thread-cpu';
import { type AlternatedResult, alternateBuilds, alternatedResult } from './builds';
import { fmt, median, medianFields } from './stats';

const EVENTS = Number(process.env.BENCH_PANEL_EVENTS ?? 100_000);
const RUNS = Number(process.env.BENCH_PANEL_RUNS ?? 5);
/** Frames per request when the page fetches the session. */
const PART = 20_000;

/** One long interaction-rich capture of `count` events (RoutingMessages) with their keepalives. */
export function sessionFrames(count: number): { frames: Frame[]; events: number } {
  const frames: Frame[] = [];
  let events = 0;
  for (const frame of capture(Number.MAX_SAFE_INTEGER)) {
    frames.push(frame);
    if (frame.data?.includes('"RoutingMessage"')) events++;
    if (events >= count) break;
  }
  return { frames, events };
}

export interface FrameServer {
  /** `${url}${i}` answers the frames from index i on, PART of them, as JSON. */
  url: string;
  close(): void;
}

/** Serves the session's frames on 127.0.0.1 (any origin may read them: the viewer is an extension page). */
export async function serveFrames(frames: Frame[]): Promise<FrameServer> {
  const server = createServer((request, response) => {
    const packed = request.url?.startsWith('/packed/');
    const from = Number(request.url?.slice(packed ? 8 : 1));
    response.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
    const part = frames.slice(from, from + PART);
    if (!packed) response.end(JSON.stringify(part));
    else {
      // As the import worker posts them: payloads out of the frames, in chunks.
      const bare = part.map((frame) => ({ ...frame }));
      response.end(JSON.stringify({ frames: bare, payloads: takePayloads(bare) }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

type Handle = {
  load(frames: Frame[]): void;
  /** Absent in builds before payload packing. */
  restorePayloads?(frames: Frame[], payloads: PackedPayloads): void;
  append(frames: Frame[]): void;
  counters(): { frames: number };
  analysing(): number;
};

/** One run. Its `UiPulse` figures are the UI thread's while the backlog was analysed. */
export interface PanelRenderRun extends UiPulse {
  firstRenderMs: number;
  /** From the load to the last frame analysed. */
  analysedMs: number;
  analysisFramesPerS: number;
  /** Bare `JSON.parse` of every payload, in the same page, same run. */
  parseFramesPerS: number;
  /** Besides them, while the backlog was analysed: when the first gap over 100 ms was (ms after the load), if any… */
  firstLongGapAtMs: number | null;
  /** …when the longest gap ended (ms after the load)… */
  longestGapAtMs: number;
  /** …the longest animation frame Chromium reported (LoAF, > 50 ms; its start ms after the load): where its time went… */
  longestFrame: LongFrame | null;
  /**
   * …how many animation frames took over 50 ms (LoAF). Chromium names no script in them on our
   * extension pages, so their blocking time and rendering are all a frame tells: a panel-trace
   * gives each task's CPU time…
   */
  longFrames: number;
  /** …and the UI thread's CPU time from the load until the backlog was analysed (CDP ThreadTime). */
  uiThreadCpuMs: number;
  /**
   * Meanwhile, from `/proc` (Linux; 0 elsewhere): the analysis worker's thread CPU time, steadier
   * than the rate on a shared machine (the rate also waits for a core)…
   */
  workerCpuMs: number;
  /** …and the pool threads' of the renderers (V8's concurrent marking and sweeping of both heaps, mostly). */
  gcHelpersCpuMs: number;
  /** The same page once all is analysed, idle, and beside one core kept busy (`referencePulses`). */
  idle: UiPulse;
  busyCore: UiPulse;
  /** A click on an event until its diff is in the document… */
  selectMs: number;
  /** …and until the next animation frame (the paint that shows it). */
  selectPaintMs: number;
  scrollFrameMs: number;
  streamFrameMs: number;
  /** Once the backlog is analysed, after a GC: the viewer page's heap and its analysis worker's (MB). */
  pageHeapMB: number;
  workerHeapMB: number;
}

/** `base`: the build of `BENCH_PANEL_BASE`, its runs alternated with this one's, if given. */
export type PanelRenderResult = AlternatedResult<PanelRenderRun> & { events: number; frames: number };

/** Medians of each measure over the runs. */
function medians(runs: PanelRenderRun[]): PanelRenderRun {
  const mid = (pick: (r: PanelRenderRun) => number) => median(runs.map(pick));
  return {
    firstRenderMs: mid((r) => r.firstRenderMs),
    analysedMs: mid((r) => r.analysedMs),
    analysisFramesPerS: mid((r) => r.analysisFramesPerS),
    parseFramesPerS: mid((r) => r.parseFramesPerS),
    longestFrameGapMs: mid((r) => r.longestFrameGapMs),
    p99FrameGapMs: mid((r) => r.p99FrameGapMs),
    slowFrameShare: mid((r) => r.slowFrameShare),
    inputDelayMaxMs: mid((r) => r.inputDelayMaxMs),
    inputDelayMedianMs: mid((r) => r.inputDelayMedianMs),
    inputEvents: mid((r) => r.inputEvents),
    firstLongGapAtMs: null,
    longestGapAtMs: mid((r) => r.longestGapAtMs),
    longestFrame: null,
    longFrames: mid((r) => r.longFrames),
    uiThreadCpuMs: mid((r) => r.uiThreadCpuMs),
    workerCpuMs: mid((r) => r.workerCpuMs),
    gcHelpersCpuMs: mid((r) => r.gcHelpersCpuMs),
    idle: medianFields(runs.map((r) => r.idle)),
    busyCore: medianFields(runs.map((r) => r.busyCore)),
    selectMs: mid((r) => r.selectMs),
    selectPaintMs: mid((r) => r.selectPaintMs),
    scrollFrameMs: mid((r) => r.scrollFrameMs),
    streamFrameMs: mid((r) => r.streamFrameMs),
    pageHeapMB: mid((r) => r.pageHeapMB),
    workerHeapMB: mid((r) => r.workerHeapMB),
  };
}

/**
 * Puts the served frames in the page as `window.__frames`, in parts fetched from the server and
 * parsed by the page: strings then take one byte per character, as they do when the import worker
 * hands a file's frames over. Frames passed as an evaluate argument arrive as two-byte strings:
 * twice the heap, and at 390,000 frames the page and the analysis worker ran out of memory together.
 * A build whose import worker packs payloads (src/ui/payload-pack.ts) gets them packed, through
 * its own `restorePayloads`; an older build (a `BENCH_PANEL_BASE`) gets one string per payload.
 */
export async function framesIntoPage(page: Page, server: FrameServer, count: number): Promise<void> {
  await page.evaluate(() => ((window as unknown as { __frames: Frame[] }).__frames = []));
  for (let i = 0; i < count; i += PART) {
    await page.evaluate(
      async ([url, from]) => {
        const w = window as unknown as { __frames: Frame[]; wxccInspector: Partial<Handle> };
        const restore = w.wxccInspector.restorePayloads;
        if (!restore) {
          w.__frames.push(...((await (await fetch(`${url}${from}`)).json()) as Frame[]));
          return;
        }
        const part = (await (await fetch(`${url}packed/${from}`)).json()) as {
          frames: Frame[];
          payloads: PackedPayloads;
        };
        restore(part.frames, part.payloads);
        w.__frames.push(...part.frames);
      },
      [server.url, i] as const,
    );
  }
}

/** The page's state while its pulse is measured (window globals, so that `evaluate` reaches them). */
type PulseWindow = {
  __gaps: number[];
  __gapAt: number[];
  __input: number[];
  __loadAt: number;
  __longFrames: LoafEntry[];
  __stopPulse: () => void;
};

/** What a pulse recorded: gaps between animation frames, and the wait of each pointer input (ms). */
interface Pulse {
  /** From the pulse's start (or the load, if one happened during it) to its stop. */
  analysedMs: number;
  gaps: number[];
  input: number[];
  loadAt: number;
  firstLongGapAtMs: number | null;
  longestGapAtMs: number;
  longestEntry: LoafEntry | null;
  longFrames: number;
}

/**
 * Starts measuring the UI thread's pulse: every animation frame's gap from the one before, every
 * real pointermove's wait for its handler, the long animation frames (LoAF). `__loadAt` starts
 * as now; a load during the pulse sets it to its own start.
 */
async function startPulse(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as PulseWindow;
    w.__gaps = [];
    w.__gapAt = [];
    w.__input = [];
    w.__longFrames = [];
    w.__loadAt = performance.now();
    let stopped = false;
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longFrames.push(e.toJSON() as LoafEntry);
    });
    observer.observe({ type: 'long-animation-frame' });
    let last = performance.now();
    const pulse = (now: number) => {
      w.__gaps.push(now - last);
      w.__gapAt.push(now);
      last = now;
      if (!stopped) requestAnimationFrame(pulse);
    };
    requestAnimationFrame(pulse);
    const onInput = (event: PointerEvent) => w.__input.push(performance.now() - event.timeStamp);
    addEventListener('pointermove', onInput);
    w.__stopPulse = () => {
      stopped = true;
      observer.disconnect();
      removeEventListener('pointermove', onInput);
    };
  });
}

/** Stops the pulse `startPulse` began and returns it (the first gap, from its start, left out). */
function stopPulse(page: Page): Promise<Pulse> {
  return page.evaluate(() => {
    const w = window as unknown as PulseWindow;
    w.__stopPulse();
    const long = w.__gaps.findIndex((g, i) => i > 0 && g > 100);
    let longest = 1;
    for (let i = 2; i < w.__gaps.length; i++) if (w.__gaps[i]! > w.__gaps[longest]!) longest = i;
    // Frames from before the load (the pulse's own start) are not the backlog's.
    const frames = w.__longFrames.filter((f) => f.startTime + f.duration >= w.__loadAt);
    return {
      analysedMs: performance.now() - w.__loadAt,
      gaps: w.__gaps.slice(1),
      input: w.__input,
      loadAt: w.__loadAt,
      firstLongGapAtMs: long < 0 ? null : w.__gapAt[long]! - w.__loadAt,
      longestGapAtMs: (w.__gapAt[longest] ?? w.__loadAt) - w.__loadAt,
      longestEntry: frames.reduce<LoafEntry | null>((a, f) => (a && a.duration >= f.duration ? a : f), null),
      longFrames: frames.length,
    };
  });
}

/** Real pointer input through the browser, a move every ~25 ms (plus the round trip), until `done`. */
async function movePointerUntil(page: Page, done: () => Promise<boolean>): Promise<void> {
  for (let x = 0; !(await done()); x++) {
    await page.mouse.move(200 + (x % 400), 300 + ((x + 1) % 200));
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function analysing(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { wxccInspector: Handle }).wxccInspector.analysing());
}

/** How the UI thread answered during one pulse (all numbers: `medianFields` takes their medians). */
export type UiPulse = {
  /** The longest gap between animation frames, the 99th percentile gap (ms)… */
  longestFrameGapMs: number;
  p99FrameGapMs: number;
  /** …the share of frames that came later than 2 frames at 60 Hz… */
  slowFrameShare: number;
  /** …how long real pointer input waited for its handler (ms). */
  inputDelayMaxMs: number;
  inputDelayMedianMs: number;
  inputEvents: number;
};

function uiPulse(pulse: Pulse): UiPulse {
  const input = [...pulse.input].sort((a, b) => a - b);
  return {
    longestFrameGapMs: Math.max(0, ...pulse.gaps),
    p99FrameGapMs: [...pulse.gaps].sort((a, b) => a - b)[Math.floor(pulse.gaps.length * 0.99)] ?? 0,
    slowFrameShare: pulse.gaps.filter((g) => g > 2 * 16.7).length / Math.max(1, pulse.gaps.length),
    inputDelayMaxMs: input.at(-1) ?? 0,
    inputDelayMedianMs: input.length ? median(input) : 0,
    inputEvents: input.length,
  };
}

/** How long each reference window of `referencePulses` lasts, ms. */
const REFERENCE_MS = Number(process.env.BENCH_PANEL_REFERENCE_MS ?? 5000);

/**
 * The same pulse and pointer input on the same page once it holds the analysed session, for
 * `REFERENCE_MS` each, to tell what the analysis costs the UI from what this machine gives any
 * page: `idle`, nothing else running; `busyCore`, one OS process spinning on a core (what the
 * analysis worker takes at full speed, without its messages, garbage or GC).
 */
async function referencePulses(page: Page): Promise<{ idle: UiPulse; busyCore: UiPulse }> {
  const measure = async (): Promise<UiPulse> => {
    await startPulse(page);
    const end = Date.now() + REFERENCE_MS;
    await movePointerUntil(page, async () => Date.now() >= end);
    return uiPulse(await stopPulse(page));
  };
  const idle = await measure();
  const spin = `const end = Date.now() + ${REFERENCE_MS + 2000}; while (Date.now() < end);`;
  const spinner = spawn(process.execPath, ['-e', spin], { stdio: 'ignore' });
  let failed: Error | undefined;
  spinner.on('error', (error) => (failed = error));
  try {
    // Let it get going before the window opens.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const busyCore = await measure();
    // Without it, the window measured an idle page: not a figure to print as the busy core's.
    if (failed) throw new Error(`the busy-core reference's spinner failed: ${failed.message}`);
    return { idle, busyCore };
  } finally {
    spinner.kill();
  }
}

/**
 * With `BENCH_PANEL_BASE=<dir of another chrome-mv3-test build>` the runs alternate between this
 * build and that one (in two browsers, one page open at a time), which goes first swapping each
 * round: the two are compared at the same moments of a shared machine.
 */
export async function benchPanelRender(): Promise<PanelRenderResult> {
  const { frames, events } = sessionFrames(EVENTS);
  const loadStart = loadavg()[0]!;
  const server = await serveFrames(frames);
  const template = frames.find((f) => f.data?.includes('"ContactUpdated"')) ?? frames.at(-1)!;
  const baseDir = process.env.BENCH_PANEL_BASE;
  // A debugging port for target-heap.ts (the analysis worker's heap).
  const extra = process.env.BENCH_CHROMIUM_ARGS?.split(' ').filter(Boolean) ?? [];
  const args = ['--remote-debugging-port=0', ...extra];
  let runs: { current: PanelRenderRun[]; base: PanelRenderRun[] };
  try {
    runs = await alternateBuilds(RUNS, baseDir, (browser) => oneRun(browser, frames, server, template), { args });
  } finally {
    server.close();
  }
  return { events, frames: frames.length, ...alternatedResult(runs, baseDir, loadStart, medians) };
}

async function oneRun(
  browser: ExtensionBrowser,
  frames: Frame[],
  server: FrameServer,
  template: Frame,
): Promise<PanelRenderRun> {
  const viewer = await browser.context.newPage();
  try {
    await viewer.setViewportSize({ width: 1280, height: 800 });
    // tsx names the functions it compiles with a `__name` helper the page does not have.
    await viewer.addInitScript('window.__name = (f) => f');
    await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
    await viewer.waitForFunction(() => 'wxccInspector' in window);
    await framesIntoPage(viewer, server, frames.length);
    // The baseline: bare JSON.parse of every payload, in this page.
    const parseMs = await viewer.evaluate(() => {
      const w = window as unknown as { __frames: Frame[] };
      const start = performance.now();
      let n = 0;
      for (const frame of w.__frames) {
        if (frame.data === undefined) continue;
        try {
          if (JSON.parse(frame.data) !== null) n++;
        } catch {
          n--;
        }
      }
      return n === Number.MIN_SAFE_INTEGER ? 0 : performance.now() - start;
    });
    // The baseline's parse left ~1.3 GB of objects behind: collect them now (page and analysis
    // worker), or the first render and the backlog's pulse pay for the bench's own garbage, which
    // the viewer never makes (it hands a file's frames over without parsing them in the page).
    await targetHeaps(browser.userDataDir, 'viewer.html');
    // The stream phase's template, picked here, not in the page: the session may hold no
    // ContactUpdated, and then the page's search read all 1.3 GB of payload (~450 ms) inside the
    // pulse below, which counted it as the UI's longest gap right before the load.
    await viewer.evaluate((frame) => ((window as unknown as { __template: Frame }).__template = frame), template);
    // The UI thread's pulse while the backlog is analysed: animation frame gaps and input delay.
    await startPulse(viewer);
    const cdp = await browser.context.newCDPSession(viewer);
    await cdp.send('Performance.enable');
    const cpuBefore = await cpuTimes(cdp);
    const threadsBefore = chromiumThreadCpu(browser.userDataDir);
    // …then load them at once and time the first paint that shows interactions.
    const firstRenderMs = await viewer.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const w = window as unknown as {
            wxccInspector: Handle;
            __frames: Frame[];
            __loadAt: number;
          };
          const start = performance.now();
          w.__loadAt = start;
          w.wxccInspector.load(w.__frames);
          // The page lets go of its own copy, as the viewer does once the import worker handed a
          // file's frames over: what stays is what the store keeps (and the template).
          w.__frames = [];
          const check = () => {
            if (document.querySelector('.interaction')) requestAnimationFrame(() => resolve(performance.now() - start));
            else requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        }),
    );
    // Real pointer input through the browser while the analysis runs, until it is done.
    await movePointerUntil(viewer, async () => (await analysing(viewer)) === 0);
    const pulse = await stopPulse(viewer);
    const uiThreadCpuMs = (await cpuTimes(cdp)).thread - cpuBefore.thread;
    const threads = new Map(cpuSpent(threadsBefore, chromiumThreadCpu(browser.userDataDir)));
    await cdp.detach();

    // What the viewer keeps for the session, before anything else touches it.
    const heap = await targetHeaps(browser.userDataDir, 'viewer.html');

    // Select events in the timeline: from the click until the diff is in the document (the work
    // a select costs), and until the animation frame that paints it.
    const selects: { dom: number; paint: number }[] = [];
    for (let i = 0; i < 7; i++) {
      selects.push(
        await viewer.evaluate(
          (n) =>
            new Promise<{ dom: number; paint: number }>((resolve) => {
              const rows = [...document.querySelectorAll<HTMLElement>('.timeline .event')];
              const row = rows[n % rows.length]!;
              const seq = row.dataset.seq;
              const channel = new MessageChannel();
              const start = performance.now();
              row.click();
              // A message task runs after the click's handlers and the render they scheduled.
              channel.port1.onmessage = () => {
                if (!document.querySelector('.details-title')?.textContent?.startsWith(`#${seq} `)) {
                  channel.port2.postMessage(null);
                  return;
                }
                const dom = performance.now() - start;
                requestAnimationFrame(() => resolve({ dom, paint: performance.now() - start }));
              };
              channel.port2.postMessage(null);
            }),
          i * 3,
        ),
      );
    }

    // Frame times while the timeline scrolls (the longest interaction is selected first).
    await viewer.evaluate(() => {
      const rows = [...document.querySelectorAll<HTMLElement>('.interaction')];
      rows[rows.length - 1]?.click();
    });
    const frameTimes = (during: string) =>
      viewer.evaluate(
        (what) =>
          new Promise<number[]>((resolve) => {
            const w = window as unknown as { wxccInspector: Handle; __template: Frame };
            const list = document.querySelector('.timeline') ?? document.querySelector('.sidebar .vlist')!;
            const times: number[] = [];
            let last = performance.now();
            let seq = w.wxccInspector.counters().frames + 1;
            const template = w.__template;
            const end = last + 2000;
            const step = (now: number) => {
              times.push(now - last);
              last = now;
              if (what === 'scroll') {
                (list as HTMLElement).scrollTop += 40;
                (document.querySelector('.sidebar .vlist') as HTMLElement | null)?.scrollBy(0, 20);
              } else {
                // 200 frames/s: 3-4 per 16 ms frame.
                const batch = Array.from({ length: 3 + (times.length % 3 === 0 ? 1 : 0) }, () => ({
                  ...template,
                  seq: seq++,
                  t: Date.now(),
                }));
                w.wxccInspector.append(batch);
              }
              if (now < end) requestAnimationFrame(step);
              else resolve(times.slice(1));
            };
            requestAnimationFrame(step);
          }),
        during,
      );
    const scroll = await frameTimes('scroll');
    const stream = await frameTimes('stream');
    // The streamed frames analysed, the page is as it was after the backlog: now the references.
    await movePointerUntil(viewer, async () => (await analysing(viewer)) === 0);
    const reference = await referencePulses(viewer);
    return {
      firstRenderMs,
      analysedMs: pulse.analysedMs,
      analysisFramesPerS: frames.length / (pulse.analysedMs / 1000),
      parseFramesPerS: frames.length / (parseMs / 1000),
      ...uiPulse(pulse),
      firstLongGapAtMs: pulse.firstLongGapAtMs,
      longestGapAtMs: pulse.longestGapAtMs,
      longestFrame: pulse.longestEntry && longFrameOf(pulse.longestEntry, pulse.loadAt),
      longFrames: pulse.longFrames,
      uiThreadCpuMs,
      workerCpuMs: threads.get('renderer/DedicatedWorker') ?? 0,
      gcHelpersCpuMs: threads.get('renderer/ThreadPoolForeg') ?? 0,
      ...reference,
      selectMs: median(selects.map((x) => x.dom)),
      selectPaintMs: median(selects.map((x) => x.paint)),
      scrollFrameMs: median(scroll),
      streamFrameMs: median(stream),
      pageHeapMB: heap.pageMB,
      workerHeapMB: heap.workersMB.reduce((a, b) => a + b, 0),
    };
  } finally {
    await viewer.close();
  }
}

export function printPanelRender(r: PanelRenderResult): void {
  console.log(
    `\nPanel at scale (viewer page, real Chromium): ${r.events} events in ${r.frames} frames; medians of ${r.runs.length} runs, load average ${fmt(r.loadAverage[0])} → ${fmt(r.loadAverage[1])} (2 cores, shared)`,
  );
  console.log(`  first render with interactions: ${fmt(r.firstRenderMs)} ms   (target ≤ 300 ms)`);
  console.log(
    `  whole backlog analysed (analysis worker): ${fmt(r.analysedMs / 1000, 1)} s = ${fmt(r.analysisFramesPerS, 0)} frames/s; bare JSON.parse of the same payloads in the page ${fmt(r.parseFramesPerS, 0)} frames/s (${fmt(r.parseFramesPerS / r.analysisFramesPerS, 1)}× faster)   (target ≥ 15,000 frames/s)`,
  );
  console.log(
    `  CPU meanwhile: UI thread ${fmt(r.uiThreadCpuMs, 0)} ms, analysis worker ${fmt(r.workerCpuMs, 0)} ms${r.workerCpuMs > 0 ? ` (${fmt(r.frames / (r.workerCpuMs / 1000), 0)} frames per CPU second of it)` : ' (not measured: /proc is Linux only)'}, V8's helper threads ${fmt(r.gcHelpersCpuMs, 0)} ms`,
  );
  console.log(
    `  UI thread meanwhile: longest frame gap ${fmt(r.longestFrameGapMs)} ms, 99th percentile ${fmt(r.p99FrameGapMs)} ms, ${fmt(r.slowFrameShare * 100, 1)}% of frames later than 33 ms; pointer input delay median ${fmt(r.inputDelayMedianMs)} ms, max ${fmt(r.inputDelayMaxMs)} ms (${fmt(r.inputEvents, 0)} events); ${fmt(r.longFrames, 0)} animation frames over 50 ms   (target: every frame)`,
  );
  const ui = (p: UiPulse) =>
    `${fmt(p.slowFrameShare * 100, 1)}% of frames later than 33 ms, p99 gap ${fmt(p.p99FrameGapMs)} ms, longest ${fmt(p.longestFrameGapMs)} ms; input median ${fmt(p.inputDelayMedianMs)} ms, max ${fmt(p.inputDelayMaxMs)} ms`;
  console.log(
    `  the same page afterwards, ${fmt(REFERENCE_MS / 1000, 0)} s each with the same input: idle ${ui(r.idle)}; one core kept busy by another process ${ui(r.busyCore)}   (what this machine gives any page)`,
  );
  console.log(
    `  select an event until its diff is in the page: median ${fmt(r.selectMs)} ms, until the next animation frame ${fmt(r.selectPaintMs)} ms   (target ≤ 16 ms)`,
  );
  console.log(
    `  frame time while scrolling the timeline: median ${fmt(r.scrollFrameMs)} ms; while 200 frames/s stream in: median ${fmt(r.streamFrameMs)} ms   (target ≤ 16 ms)`,
  );
  console.log(
    `  heap once analysed (after GC): viewer page ${fmt(r.pageHeapMB)} MB (the frames, their payload, the replica) + analysis worker ${fmt(r.workerHeapMB)} MB = ${fmt(r.pageHeapMB + r.workerHeapMB)} MB; per frame ${fmt(((r.pageHeapMB + r.workerHeapMB) * 1e6) / r.frames / 1024, 2)} KiB (page ${fmt((r.pageHeapMB * 1e6) / r.frames / 1024, 2)}, worker ${fmt((r.workerHeapMB * 1e6) / r.frames / 1024, 2)})`,
  );
  const runLine = (i: number, run: PanelRenderRun, label = '') =>
    console.log(
      `    run ${i + 1}: first render ${fmt(run.firstRenderMs)} ms, analysis ${fmt(run.analysisFramesPerS, 0)} frames/s (JSON.parse ${fmt(run.parseFramesPerS, 0)}), longest gap ${fmt(run.longestFrameGapMs)} ms ending ${fmt(run.longestGapAtMs, 0)} ms after the load${run.firstLongGapAtMs === null ? '' : ` (first gap over 100 ms at ${fmt(run.firstLongGapAtMs, 0)} ms)`}, p99 gap ${fmt(run.p99FrameGapMs)} ms, input max ${fmt(run.inputDelayMaxMs)} ms, frames over 50 ms ${run.longFrames}, frames > 33 ms ${fmt(run.slowFrameShare * 100, 1)}% (idle ${fmt(run.idle.slowFrameShare * 100, 1)}%, one core busy ${fmt(run.busyCore.slowFrameShare * 100, 1)}%), UI thread CPU ${fmt(run.uiThreadCpuMs, 0)} ms, worker ${fmt(run.workerCpuMs, 0)} ms, helpers ${fmt(run.gcHelpersCpuMs, 0)} ms, select ${fmt(run.selectMs)} ms (painted ${fmt(run.selectPaintMs)} ms)${label}${run.longestFrame ? `\n      longest animation frame: ${describeFrame(run.longestFrame)}` : ''}`,
    );
  for (const [i, run] of r.runs.entries()) runLine(i, run);
  if (!r.base) return;
  const b = r.base;
  for (const [i, run] of b.runs.entries()) runLine(i, run, ' (base)');
  const side = (name: string, mine: number, theirs: number, digits = 1) =>
    `${name} ${fmt(mine, digits)} vs ${fmt(theirs, digits)}`;
  console.log(`  this build vs the base (${b.dir}), medians of runs alternated between them:`);
  console.log(
    `    ${side('p99 gap', r.p99FrameGapMs, b.p99FrameGapMs)} ms; ${side('frames > 33 ms', r.slowFrameShare * 100, b.slowFrameShare * 100)} %; ${side('input median', r.inputDelayMedianMs, b.inputDelayMedianMs)} ms; ${side('input max', r.inputDelayMaxMs, b.inputDelayMaxMs)} ms; ${side('longest gap', r.longestFrameGapMs, b.longestFrameGapMs)} ms; afterwards, idle / one core busy: ${side('frames > 33 ms', r.idle.slowFrameShare * 100, b.idle.slowFrameShare * 100)} / ${side('', r.busyCore.slowFrameShare * 100, b.busyCore.slowFrameShare * 100)} %`,
  );
  console.log(
    `    ${side('frames/s', r.analysisFramesPerS, b.analysisFramesPerS, 0)}; CPU: ${side('UI thread', r.uiThreadCpuMs, b.uiThreadCpuMs, 0)} ms, ${side('analysis worker', r.workerCpuMs, b.workerCpuMs, 0)} ms, ${side("V8's helpers", r.gcHelpersCpuMs, b.gcHelpersCpuMs, 0)} ms; ${side('page heap', r.pageHeapMB, b.pageHeapMB, 0)} MB; ${side('worker heap', r.workerHeapMB, b.workerHeapMB, 0)} MB; ${side('first render', r.firstRenderMs, b.firstRenderMs)} ms; ${side('select', r.selectMs, b.selectMs)} ms (painted ${side('', r.selectPaintMs, b.selectPaintMs)} ms)`,
  );
}
