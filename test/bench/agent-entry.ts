/**
 * The Agent entry on a long shift, in real Chromium on the extension's viewer page: a capture of
 * one call and `BENCH_AGENT_STATES` (20,000) agent state changes, every fifth one asked for by a
 * state-change request (PUT …/session/state, its 202, the AgentStateChange that answers it).
 * Measured once everything is analysed:
 * - **open**: a click on the Agent entry (from the call shown) until its timeline and its chart are
 *   in the page, and until the next animation frame (the paint);
 * - **↓**: the ↓ key in the entry's timeline until the next row is the selected one in the page,
 *   and until the next animation frame; median of `KEYS` presses per run;
 * - **live**: the frame times (animation frame to animation frame) for 3 s while state changes
 *   stream in, one every third frame (~20/s: far more than an agent makes, so every repaint has
 *   news), the entry shown: median, 90th percentile, longest.
 * With `BENCH_AGENT_BASE=<dir of another chrome-mv3-test build>` the same runs alternate between
 * that build and this one (one browser each, a fresh viewer page per run): the before/after of a
 * change, side by side on the same machine load. Medians of `BENCH_AGENT_RUNS` (5) runs per build.
 */
import { loadavg } from 'node:os';
import type { Page } from '@playwright/test';
import type { Frame } from '../../src/frame/frame';
import type { ExtensionBrowser } from '../e2e/extension';
import { agentShiftFrames } from '../unit/model/agent-shift';
import { alternateBuilds } from './builds';
import { fmt, median } from './stats';

const STATES = Number(process.env.BENCH_AGENT_STATES ?? 20_000);
const RUNS = Number(process.env.BENCH_AGENT_RUNS ?? 5);
const KEYS = 15;
type Handle = { load(frames: Frame[]): void; analysing(): number };

export interface AgentEntryRun {
  /** Click on the Agent entry until its timeline and chart are in the page, and until painted (ms). */
  openMs: number;
  openPaintMs: number;
  /** ↓ in its timeline until the next row is selected in the page, and until painted (ms; median of KEYS). */
  keyMs: number;
  keyPaintMs: number;
  /** Frame times while state changes stream in (ms): median, 90th percentile, longest. */
  liveMedianMs: number;
  liveP90Ms: number;
  liveMaxMs: number;
  /** What the page holds for the entry: its chart's bars and its timeline's rendered rows. */
  bars: number;
  rows: number;
}

export interface AgentEntryArm extends AgentEntryRun {
  runs: AgentEntryRun[];
}

export interface AgentEntryResult {
  states: number;
  frames: number;
  /** This build. */
  current: AgentEntryArm;
  /** The build of `BENCH_AGENT_BASE`, alternated run by run with this one, if given. */
  base?: AgentEntryArm & { dir: string };
  loadAverage: [number, number];
}

async function oneRun(browser: ExtensionBrowser, frames: Frame[]): Promise<AgentEntryRun> {
  const viewer = await browser.context.newPage();
  try {
    await viewer.setViewportSize({ width: 1400, height: 800 });
    // tsx names the functions it compiles with a `__name` helper the page does not have.
    await viewer.addInitScript('window.__name = (f) => f');
    await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
    await viewer.waitForFunction(() => 'wxccInspector' in window);
    await viewer.evaluate((all) => (window as unknown as { wxccInspector: Handle }).wxccInspector.load(all), frames);
    await viewer.waitForFunction(
      () =>
        (window as unknown as { wxccInspector: Handle }).wxccInspector.analysing() === 0 &&
        document.querySelector('.interaction-head:not(.agent-head)') !== null,
      undefined,
      { timeout: 120_000 },
    );
    // Let the last repaint and the analysis's idle work settle.
    await viewer.waitForTimeout(500);
    const open = await viewer.evaluate(
      () =>
        new Promise<{ dom: number; paint: number }>((resolve) => {
          const channel = new MessageChannel();
          const start = performance.now();
          document.querySelector<HTMLElement>('.agent-entry')!.click();
          channel.port1.onmessage = () => {
            if (!document.querySelector('.agent-head') || !document.querySelector('.timeline .agent-event')) {
              channel.port2.postMessage(null);
              return;
            }
            const dom = performance.now() - start;
            requestAnimationFrame(() => resolve({ dom, paint: performance.now() - start }));
          };
          channel.port2.postMessage(null);
        }),
    );
    await viewer.waitForTimeout(300);
    // A row in the middle of the shift, picked by a click; then ↓ from it.
    await viewer.evaluate(() => {
      const list = document.querySelector<HTMLElement>('.timeline')!;
      list.scrollTop = list.scrollHeight / 2;
    });
    await viewer.waitForTimeout(100);
    await viewer.evaluate(() => {
      const rows = [...document.querySelectorAll<HTMLElement>('.timeline .event')];
      rows[Math.floor(rows.length / 2)]!.click();
      document.querySelector<HTMLElement>('.timeline')!.focus();
    });
    await viewer.waitForTimeout(300);
    const keys: { dom: number; paint: number }[] = [];
    for (let i = 0; i < KEYS; i++) keys.push(await pressDown(viewer));
    const counts = await viewer.evaluate(() => ({
      bars: document.querySelectorAll('.lanes .seg').length,
      rows: document.querySelectorAll('.timeline .event').length,
    }));
    const live = (await streamStates(viewer, frames)).sort((a, b) => a - b);
    return {
      openMs: open.dom,
      openPaintMs: open.paint,
      keyMs: median(keys.map((k) => k.dom)),
      keyPaintMs: median(keys.map((k) => k.paint)),
      liveMedianMs: median(live),
      liveP90Ms: live[Math.floor(live.length * 0.9)] ?? 0,
      liveMaxMs: live.at(-1) ?? 0,
      ...counts,
    };
  } finally {
    await viewer.close();
  }
}

/** ↓ on the focused timeline (the panel's own key handler), until another row is the selected one. */
function pressDown(viewer: Page): Promise<{ dom: number; paint: number }> {
  return viewer.evaluate(
    () =>
      new Promise<{ dom: number; paint: number }>((resolve, reject) => {
        const selectedSeq = () => document.querySelector<HTMLElement>('.timeline .vrow.selected .event')?.dataset.seq;
        const before = selectedSeq();
        const list = document.querySelector<HTMLElement>('.timeline')!;
        const channel = new MessageChannel();
        const start = performance.now();
        list.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, cancelable: true }));
        // A message task runs after the key's handlers and the render they scheduled.
        channel.port1.onmessage = () => {
          if (selectedSeq() === before) {
            if (performance.now() - start > 10_000) reject(new Error(`↓ did not move from #${before}`));
            else channel.port2.postMessage(null);
            return;
          }
          const dom = performance.now() - start;
          requestAnimationFrame(() => resolve({ dom, paint: performance.now() - start }));
        };
        channel.port2.postMessage(null);
      }),
  );
}

/** Frame times (ms) for 3 s while a state change comes in every third animation frame. */
function streamStates(viewer: Page, frames: Frame[]): Promise<number[]> {
  const last = frames.at(-1)!;
  const template = frames.filter((f) => f.data?.includes('"AgentStateChange"')).at(-1)!;
  return viewer.evaluate(
    ({ template, seq0, t0 }) =>
      new Promise<number[]>((resolve) => {
        const w = window as unknown as { wxccInspector: { append(frames: Frame[]): void } };
        const times: number[] = [];
        let seq = seq0;
        let t = t0;
        let previous = performance.now();
        const end = previous + 3000;
        const step = (now: number) => {
          times.push(now - previous);
          previous = now;
          if (times.length % 3 === 0) w.wxccInspector.append([{ ...template, seq: ++seq, t: (t += 1000) }]);
          if (now < end) requestAnimationFrame(step);
          else resolve(times.slice(1));
        };
        requestAnimationFrame(step);
      }),
    { template, seq0: last.seq, t0: last.t },
  );
}

function arm(runs: AgentEntryRun[]): AgentEntryArm {
  const mid = (pick: (r: AgentEntryRun) => number) => median(runs.map(pick));
  return {
    runs,
    openMs: mid((r) => r.openMs),
    openPaintMs: mid((r) => r.openPaintMs),
    keyMs: mid((r) => r.keyMs),
    keyPaintMs: mid((r) => r.keyPaintMs),
    liveMedianMs: mid((r) => r.liveMedianMs),
    liveP90Ms: mid((r) => r.liveP90Ms),
    liveMaxMs: mid((r) => r.liveMaxMs),
    bars: mid((r) => r.bars),
    rows: mid((r) => r.rows),
  };
}

export async function benchAgentEntry(): Promise<AgentEntryResult> {
  const frames = agentShiftFrames(STATES);
  const baseDir = process.env.BENCH_AGENT_BASE;
  const loadStart = loadavg()[0]!;
  const runs = await alternateBuilds(RUNS, baseDir, (browser) => oneRun(browser, frames));
  return {
    states: STATES,
    frames: frames.length,
    current: arm(runs.current),
    ...(baseDir ? { base: { ...arm(runs.base), dir: baseDir } } : {}),
    loadAverage: [loadStart, loadavg()[0]!],
  };
}

export function printAgentEntry(r: AgentEntryResult): void {
  console.log(
    `\nAgent entry on a long shift (viewer page, real Chromium, 1400×800): ${r.states} state changes in ${r.frames} frames; medians of ${r.current.runs.length} runs, load average ${fmt(r.loadAverage[0])} → ${fmt(r.loadAverage[1])} (2 cores, shared)`,
  );
  const line = (name: string, a: AgentEntryArm) =>
    console.log(
      `  ${name}: ↓ in its timeline ${fmt(a.keyMs)} ms (painted ${fmt(a.keyPaintMs)} ms); open the entry ${fmt(a.openMs)} ms (painted ${fmt(a.openPaintMs)} ms); frame time while states stream in ${fmt(a.liveMedianMs)} ms median, ${fmt(a.liveP90Ms)} ms p90, ${fmt(a.liveMaxMs)} ms longest; ${fmt(a.bars, 0)} bars in the chart, ${fmt(a.rows, 0)} timeline rows in the page`,
    );
  line('this build', r.current);
  if (r.base) {
    line(`base (${r.base.dir})`, r.base);
    console.log(
      `  ↓: ${fmt(r.base.keyMs / r.current.keyMs, 1)}× faster than the base; open: ${fmt(r.base.openPaintMs / r.current.openPaintMs, 1)}×`,
    );
  }
  for (const [i, run] of r.current.runs.entries())
    console.log(
      `    run ${i + 1}: ↓ ${fmt(run.keyMs)} ms${r.base ? ` (base ${fmt(r.base.runs[i]!.keyMs)} ms)` : ''}, open ${fmt(run.openPaintMs)} ms${r.base ? ` (base ${fmt(r.base.runs[i]!.openPaintMs)} ms)` : ''}, live p90 ${fmt(run.liveP90Ms)} ms${r.base ? ` (base ${fmt(r.base.runs[i]!.liveP90Ms)} ms)` : ''}`,
    );
  console.log("  target: ↓ ≤ 16 ms (as an interaction timeline's select); opening the entry well under a second");
}
