/**
 * What the viewer page's main thread does from the load of a 100,000-event session until a
 * while after its first render (issue 14 goal 4): a Chromium trace (devtools.timeline, v8.gc) of
 * `TRACE_MS` after the load, summarised as the main thread's tasks over `LONG_MS` with what
 * they held (script, GC, style recalc with its element count, layout with its object count,
 * paint), then every task from 1 s on by kind with its thread (CPU) and wall time. A diagnosis
 * aid, not a benchmark: `tsx test/bench/panel-trace.ts` (build first: `npm run build:test`;
 * `TRACE_EXTENSION_DIR` traces another build).
 */
import { writeFileSync } from 'node:fs';
import type { Frame } from '../../src/frame/frame';
import { launchWithExtension } from '../e2e/extension';
import { framesIntoPage, serveFrames, sessionFrames } from './panel-render';

const EVENTS = Number(process.env.BENCH_PANEL_EVENTS ?? 100_000);
const TRACE_MS = Number(process.env.TRACE_MS ?? 3000);
const LONG_MS = Number(process.env.PROFILE_LONG_MS ?? 30);
const RUNS = Number(process.env.TRACE_RUNS ?? 1);

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: Record<string, unknown> & { data?: Record<string, unknown>; name?: string };
}

const { frames } = sessionFrames(EVENTS);
const server = await serveFrames(frames);
const extra = process.env.BENCH_CHROMIUM_ARGS?.split(' ').filter(Boolean) ?? [];
const browser = await launchWithExtension({ args: extra, extensionDir: process.env.TRACE_EXTENSION_DIR });
try {
  for (let run = 0; run < RUNS; run++) {
    const viewer = await browser.context.newPage();
    await viewer.setViewportSize({ width: 1280, height: 800 });
    await viewer.addInitScript('window.__name = (f) => f');
    await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
    await viewer.waitForFunction(() => 'wxccInspector' in window);
    await framesIntoPage(viewer, server, frames.length);
    const cdp = await browser.context.newCDPSession(viewer);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
    const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.start', {
      transferMode: 'ReportEvents',
      traceConfig: {
        includedCategories: [
          'devtools.timeline',
          'disabled-by-default-devtools.timeline',
          'v8.gc',
          'blink.user_timing',
          'toplevel',
          ...(process.env.TRACE_CATS?.split(',') ?? []),
        ],
      },
    });
    const firstRenderMs = await viewer.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const w = window as unknown as { wxccInspector: { load(f: Frame[]): void }; __frames: Frame[] };
          performance.mark('wxcc-load');
          const start = performance.now();
          w.wxccInspector.load(w.__frames);
          w.__frames = [];
          const check = () => {
            if (document.querySelector('.interaction'))
              requestAnimationFrame(() => {
                performance.mark('wxcc-first-render');
                resolve(performance.now() - start);
              });
            else requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        }),
    );
    await new Promise((r) => setTimeout(r, TRACE_MS));
    const counts = await viewer.evaluate(() => ({
      elements: document.querySelectorAll('*').length,
      interactions: document.querySelectorAll('.interaction').length,
      events: document.querySelectorAll('.timeline .event').length,
      frames: document.querySelectorAll('.frame-row, .frames tr').length,
    }));
    await cdp.send('Tracing.end');
    await done;
    console.log(`\nrun ${run + 1}: first render ${firstRenderMs.toFixed(0)} ms; DOM after ${TRACE_MS} ms:`, counts);
    // `TRACE_OUT=<path>`: the raw events too (`<path>-<run>.json`), to read again without a rerun.
    if (process.env.TRACE_OUT) writeFileSync(`${process.env.TRACE_OUT}-${run}.json`, JSON.stringify(events));
    summarise(events);
    await cdp.detach();
    await viewer.close();
  }
} finally {
  await browser.close();
  server.close();
}

function summarise(events: TraceEvent[]): void {
  const mark = events.find((e) => e.name === 'wxcc-load');
  const end = events.find((e) => e.name === 'wxcc-first-render');
  if (!mark) {
    console.log('no load mark in the trace');
    return;
  }
  const { pid } = mark;
  const main = events.find(
    (e) => e.pid === pid && e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  )?.tid;
  const t0 = mark.ts;
  const rel = (ts: number) => ((ts - t0) / 1000).toFixed(1);
  console.log(`  first render mark at ${end ? rel(end.ts) : '?'} ms after the load mark`);
  const onMain = events.filter((e) => e.pid === pid && e.tid === main && e.ts >= t0 - 1000 && e.ph === 'X');
  const tasks = onMain.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  const inside = (t: TraceEvent) =>
    onMain.filter((e) => e !== t && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + (t.dur ?? 0));
  const firstAt = end?.ts ?? Number.POSITIVE_INFINITY;
  // Worker threads of the same renderer: their tasks until the first render.
  const workerTids = new Set(
    events
      .filter(
        (e) => e.pid === pid && e.ph === 'M' && e.name === 'thread_name' && String(e.args?.name).includes('Worker'),
      )
      .map((e) => e.tid),
  );
  for (const e of events)
    if (
      workerTids.has(e.tid) &&
      e.pid === pid &&
      e.ph === 'X' &&
      e.ts >= t0 &&
      e.ts <= firstAt &&
      (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') &&
      (e.dur ?? 0) > 2000
    )
      console.log(`  worker ${e.tid} task at ${rel(e.ts)} ms: ${((e.dur ?? 0) / 1000).toFixed(1)} ms`);
  let lastTask = -1;
  for (const task of tasks) {
    const ms = (task.dur ?? 0) / 1000;
    if (task.ts === lastTask) continue;
    lastTask = task.ts;
    if (ms < (task.ts <= firstAt ? 2 : LONG_MS)) continue;
    const parts = new Map<string, { ms: number; n: number; extra: string[] }>();
    for (const e of inside(task)) {
      if (
        ![
          'FunctionCall',
          'EvaluateScript',
          'v8.callFunction',
          'MinorGC',
          'MajorGC',
          'V8.GC_SCAVENGER',
          'V8.GC_MC_FINALIZE',
          'V8.GC_MARK_COMPACTOR',
          'MinorMS',
          'UpdateLayoutTree',
          'Layout',
          'Paint',
          'PrePaint',
          'Layerize',
          'Commit',
          'FireAnimationFrame',
          'TimerFire',
          'EventDispatch',
          'ParseHTML',
          'BlinkGC.AtomicPhase',
          'ScheduleStyleRecalculation',
          'IntersectionObserverController::computeIntersections',
          'UpdateLayer',
          'HitTest',
        ].includes(e.name)
      )
        continue;
      const p = parts.get(e.name) ?? { ms: 0, n: 0, extra: [] };
      p.ms += (e.dur ?? 0) / 1000;
      p.n++;
      const d = e.args?.data ?? (e.args as Record<string, Record<string, unknown>> | undefined)?.beginData;
      if (e.name === 'UpdateLayoutTree' && d) p.extra.push(`${(e.args?.elementCount ?? d.elementCount) as number}el`);
      if (e.name === 'Layout') {
        const b = (e.args as { beginData?: { dirtyObjects?: number; totalObjects?: number } }).beginData;
        if (b) p.extra.push(`${b.dirtyObjects}/${b.totalObjects}obj`);
      }
      if (e.name === 'FunctionCall' && d?.functionName) p.extra.push(String(d.functionName));
      if (e.name === 'TimerFire' || e.name === 'FireAnimationFrame') p.extra.push('');
      parts.set(e.name, p);
    }
    console.log(
      `  task at ${rel(task.ts)} ms: ${ms.toFixed(1)} ms — ${[...parts]
        .sort((a, b) => b[1].ms - a[1].ms)
        .map(
          ([k, v]) =>
            `${k} ${v.ms.toFixed(1)}${v.n > 1 ? `×${v.n}` : ''}${v.extra.filter(Boolean).length ? ` [${[...new Set(v.extra.filter(Boolean))].slice(0, 6).join(',')}]` : ''}`,
        )
        .join('; ')}`,
    );
  }
  tasksByKind(onMain, tasks, t0 + 1_000_000);
  // The first render's frame: every event inside it by name (wall and thread time).
  const frame = tasks
    .filter((t) => t.ts <= firstAt && (t.dur ?? 0) > 20_000)
    .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))[0];
  if (frame) {
    const by = new Map<string, { dur: number; tdur: number; n: number }>();
    for (const e of events)
      if (e.pid === pid && e.tid === main && e.ph === 'X' && e.ts >= frame.ts && e.ts <= frame.ts + (frame.dur ?? 0)) {
        const b = by.get(e.name) ?? { dur: 0, tdur: 0, n: 0 };
        b.dur += (e.dur ?? 0) / 1000;
        b.tdur += ((e as { tdur?: number }).tdur ?? 0) / 1000;
        b.n++;
        by.set(e.name, b);
      }
    console.log(
      `  the longest task before the first render (${((frame.dur ?? 0) / 1000).toFixed(0)} ms wall, ${(((frame as { tdur?: number }).tdur ?? 0) / 1000).toFixed(0)} ms thread):`,
    );
    for (const [k, v] of [...by].sort((a, b) => b[1].dur - a[1].dur).slice(0, 40))
      console.log(
        `    ${v.dur.toFixed(1).padStart(7)} ms wall ${v.tdur.toFixed(1).padStart(7)} ms thread ×${v.n}  ${k}`,
      );
  }
  // GCs on the main thread, and the worker's messages.
  const gcs = onMain.filter((e) => ['MinorGC', 'MajorGC', 'V8.GC_MARK_COMPACTOR', 'MinorMS'].includes(e.name));
  const bigGc = gcs.filter((e) => (e.dur ?? 0) / 1000 > 10);
  console.log(
    `  GC on the main thread: ${gcs.length} events, ${(gcs.reduce((a, e) => a + (e.dur ?? 0), 0) / 1000).toFixed(0)} ms; over 10 ms: ${bigGc.map((e) => `${e.name} ${((e.dur ?? 0) / 1000).toFixed(0)} at ${rel(e.ts)}`).join(', ')}`,
  );
}

/**
 * The main thread's tasks from 1 s after the load (the backlog's steady state), by what they held:
 * a repaint (an animation frame), a GC, a timer (ingest and apply slices), a message. Thread time
 * (CPU) beside wall time: on 2 cores with the analysis worker busy a task's wall time is often
 * 2–4× its CPU time, and only the CPU time says what the panel's own code costs.
 */
function tasksByKind(onMain: TraceEvent[], tasks: TraceEvent[], from: number): void {
  const kinds = new Map<string, { cpu: number[]; wall: number[] }>();
  let at = 0;
  const sorted = [...onMain].sort((a, b) => a.ts - b.ts);
  let last = -1;
  for (const task of tasks) {
    if (task.ts < from || task.ts === last) continue;
    last = task.ts;
    const end = task.ts + (task.dur ?? 0);
    while (at < sorted.length && sorted[at]!.ts < task.ts) at++;
    const names = new Set<string>();
    for (let i = at; i < sorted.length && sorted[i]!.ts <= end; i++) names.add(sorted[i]!.name);
    const kind = names.has('FireAnimationFrame')
      ? 'repaint'
      : names.has('MajorGC')
        ? 'major GC'
        : names.has('MinorGC')
          ? 'minor GC'
          : names.has('TimerFire')
            ? 'timer'
            : names.has('FunctionCall')
              ? 'message'
              : 'other';
    const k = kinds.get(kind) ?? { cpu: [], wall: [] };
    k.cpu.push(((task as { tdur?: number }).tdur ?? 0) / 1000);
    k.wall.push((task.dur ?? 0) / 1000);
    kinds.set(kind, k);
  }
  const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)] ?? 0;
  console.log('  tasks from 1 s after the load, by kind: CPU (thread time) p50 / p90 / max | wall p50 / p90 / max, ms');
  for (const [kind, { cpu, wall }] of kinds)
    console.log(
      `    ${kind.padEnd(9)} ×${String(cpu.length).padStart(5)}: ${q(cpu, 0.5).toFixed(1)} / ${q(cpu, 0.9).toFixed(1)} / ${q(cpu, 1).toFixed(1)} | ${q(wall, 0.5).toFixed(1)} / ${q(wall, 0.9).toFixed(1)} / ${q(wall, 1).toFixed(1)}`,
    );
}
