/**
 * Where the viewer page's UI thread spends the long frames while a 100,000-event backlog is
 * analysed (issue 14 goal 3): a CDP CPU profile of the page (not its analysis worker) from the
 * load until the analysis is done. Busy stretches (consecutive samples not idle) longer than
 * `LONG_MS` are the long tasks; their self time is summed by function and by the callback that
 * started them. A diagnosis aid, not a benchmark: `tsx test/bench/panel-profile.ts`
 * (build first: `npm run build:test`; `WXT_NO_MINIFY=1` keeps the functions' names;
 * `PROFILE_EXTENSION_DIR` profiles another build).
 */
import type { LoafEntry } from './loaf';
import type { Frame } from '../../src/frame/frame';
import { launchWithExtension } from '../e2e/extension';
import { nodeName, type Profile } from './cpu-profile';
import { framesIntoPage, serveFrames, sessionFrames } from './panel-render';

const EVENTS = Number(process.env.BENCH_PANEL_EVENTS ?? 100_000);
const LONG_MS = Number(process.env.PROFILE_LONG_MS ?? 50);

const { frames } = sessionFrames(EVENTS);
const server = await serveFrames(frames);
const browser = await launchWithExtension({ extensionDir: process.env.PROFILE_EXTENSION_DIR });
try {
  const viewer = await browser.context.newPage();
  await viewer.addInitScript('window.__name = (f) => f');
  await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
  await viewer.waitForFunction(() => 'wxccInspector' in window);
  await framesIntoPage(viewer, server, frames.length);
  await viewer.evaluate(() => {
    const w = window as unknown as { __loaf: unknown[] };
    w.__loaf = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__loaf.push(e.toJSON());
    }).observe({ type: 'long-animation-frame' });
  });
  const cdp = await browser.context.newCDPSession(viewer);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await viewer.evaluate(() => {
    const w = window as unknown as { wxccInspector: { load(f: Frame[]): void }; __frames: Frame[] };
    w.wxccInspector.load(w.__frames);
    // As the panel bench: the page keeps only what the store keeps.
    w.__frames = [];
  });
  let x = 0;
  const firstMs = Number(process.env.PROFILE_FIRST_MS ?? 0);
  // PROFILE_FIRST_MS=n: only the first n ms after the load (the first render's path).
  if (firstMs) await new Promise((resolve) => setTimeout(resolve, firstMs));
  for (; !firstMs; ) {
    const left = await viewer.evaluate(() =>
      (window as unknown as { wxccInspector: { analysing(): number } }).wxccInspector.analysing(),
    );
    if (left === 0) break;
    await viewer.mouse.move(200 + (x++ % 400), 300 + (x % 200));
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  report(profile);
  const loaf = (await viewer.evaluate(() => (window as unknown as { __loaf: unknown[] }).__loaf)) as LoafEntry[];
  reportLoaf(loaf);
} finally {
  await browser.close();
  server.close();
}

function report(profile: Profile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = nodeName;
  /** The outermost JS frame under the root: the task's callback. */
  const top = (id: number): string => {
    let at = id;
    let last = id;
    while (parent.has(at) && parent.get(at) !== profile.nodes[0]!.id) {
      last = at;
      at = parent.get(at)!;
    }
    return name(byId.get(at) ?? byId.get(last)!);
  };
  const idle = (id: number) => {
    const f = byId.get(id)!.callFrame.functionName;
    return f === '(idle)' || (f === '(program)' && !process.env.PROFILE_PROGRAM_BUSY);
  };
  // Busy stretches: runs of samples that are not idle.
  const stretches: { start: number; end: number; samples: { id: number; dt: number }[] }[] = [];
  let t = profile.startTime;
  let current: (typeof stretches)[number] | undefined;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    const id = profile.samples[i]!;
    t += profile.timeDeltas[i]!;
    if (idle(id)) {
      if (current) stretches.push(current);
      current = undefined;
      continue;
    }
    current ??= { start: t, end: t, samples: [] };
    current.end = t + dt;
    current.samples.push({ id, dt });
  }
  if (current) stretches.push(current);
  const long = stretches.filter((s) => (s.end - s.start) / 1000 > LONG_MS);
  const total = (profile.samples.length && (t - profile.startTime) / 1000) || 0;
  const busy = stretches.reduce((a, s) => a + (s.end - s.start) / 1000, 0);
  console.log(
    `profile ${total.toFixed(0)} ms, busy ${busy.toFixed(0)} ms in ${stretches.length} stretches; ${long.length} over ${LONG_MS} ms: ${long
      .map((s) => ((s.end - s.start) / 1000).toFixed(0))
      .join(', ')}`,
  );
  const selfAll = new Map<string, number>();
  const selfLong = new Map<string, number>();
  const topLong = new Map<string, number>();
  for (const s of stretches)
    for (const { id, dt } of s.samples) selfAll.set(name(byId.get(id)!), (selfAll.get(name(byId.get(id)!)) ?? 0) + dt);
  for (const s of long)
    for (const { id, dt } of s.samples) {
      selfLong.set(name(byId.get(id)!), (selfLong.get(name(byId.get(id)!)) ?? 0) + dt);
      topLong.set(top(id), (topLong.get(top(id)) ?? 0) + dt);
    }
  const print = (title: string, m: Map<string, number>) => {
    console.log(title);
    for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.PROFILE_TOP ?? 25)))
      console.log(`  ${(v / 1000).toFixed(1).padStart(8)} ms  ${k}`);
  };
  print('self time, all busy stretches:', selfAll);
  print(`self time inside stretches over ${LONG_MS} ms:`, selfLong);
  print(`by top-level callback inside stretches over ${LONG_MS} ms:`, topLong);
  // Inclusive time by function (each function once per sample, however deep it recurs): which
  // component's subtree a render's time went to. PROFILE_INCLUSIVE=1 (or a function's name).
  if (process.env.PROFILE_INCLUSIVE) {
    const inclusive = new Map<string, number>();
    // PROFILE_INCLUSIVE=<function name>: only the stretches where that function ran (a render's).
    const only = process.env.PROFILE_INCLUSIVE;
    const ran = (s: (typeof long)[number]) =>
      s.samples.some(({ id }) => {
        for (let at: number | undefined = id; at !== undefined; at = parent.get(at))
          if (byId.get(at)!.callFrame.functionName === only) return true;
        return false;
      });
    for (const s of only === '1' ? long : long.filter(ran))
      for (const { id, dt } of s.samples) {
        const names = new Set<string>();
        for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) names.add(name(byId.get(at)!));
        for (const n of names) inclusive.set(n, (inclusive.get(n) ?? 0) + dt);
      }
    print(`inclusive time inside stretches over ${LONG_MS} ms:`, inclusive);
  }
  for (const s of [...long].sort((a, b) => b.end - b.start - (a.end - a.start)).slice(0, 6)) {
    const m = new Map<string, number>();
    for (const { id, dt } of s.samples) {
      const k = `${top(id)} > ${name(byId.get(id)!)}`;
      m.set(k, (m.get(k) ?? 0) + dt);
    }
    print(
      `stretch of ${((s.end - s.start) / 1000).toFixed(0)} ms at ${((s.start - profile.startTime) / 1000).toFixed(0)} ms:`,
      m,
    );
  }
}

/** Long animation frames (Chromium's LoAF entries): where each long frame's time went. */
function reportLoaf(entries: LoafEntry[]): void {
  const long = entries.filter((e) => e.duration > LONG_MS);
  console.log(`\nlong animation frames over ${LONG_MS} ms: ${long.length} of ${entries.length} reported (>50 ms)`);
  const byScript = new Map<string, number>();
  let scripts = 0;
  let forced = 0;
  let layout = 0;
  let total = 0;
  for (const e of long) {
    total += e.duration;
    if (e.styleAndLayoutStart) layout += e.startTime + e.duration - e.styleAndLayoutStart;
    for (const s of e.scripts) {
      const k = `${s.invokerType} ${s.invoker} ${s.sourceFunctionName}@${s.sourceCharPosition}`;
      byScript.set(k, (byScript.get(k) ?? 0) + s.duration);
      scripts += s.duration;
      forced += s.forcedStyleAndLayoutDuration;
    }
  }
  console.log(
    `  total ${total.toFixed(0)} ms: scripts ${scripts.toFixed(0)} ms (of which forced style/layout ${forced.toFixed(0)} ms), rendering style+layout ${layout.toFixed(0)} ms`,
  );
  for (const [k, v] of [...byScript].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(`  ${v.toFixed(0).padStart(7)} ms  ${k}`);
  for (const e of [...long].sort((a, b) => b.duration - a.duration).slice(0, 8))
    console.log(
      `  frame ${e.duration.toFixed(0)} ms at ${e.startTime.toFixed(0)}: ${e.scripts
        .map(
          (s) =>
            `${s.invoker}/${s.sourceFunctionName} ${s.duration.toFixed(0)}${s.forcedStyleAndLayoutDuration ? ` (forced ${s.forcedStyleAndLayoutDuration.toFixed(0)})` : ''}`,
        )
        .join(
          ', ',
        )}; style+layout ${e.styleAndLayoutStart ? (e.startTime + e.duration - e.styleAndLayoutStart).toFixed(0) : 0}`,
    );
}
