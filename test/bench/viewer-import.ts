/**
 * Import into the viewer, in real Chromium: a ~100 MB Chrome HAR of ~150,000 frames is picked in
 * the viewer's file input; we time until the timeline shows and until every frame is analysed, and
 * record the longest gap between animation frames and the UI thread's CPU time meanwhile (the UI
 * must keep answering while the worker reads, parses and analyses). A fresh viewer page per run;
 * medians of `BENCH_IMPORT_RUNS` (3). With `BENCH_IMPORT_BASE=<dir of another chrome-mv3-test
 * build>` its runs alternate with this build's (each browser's page open one at a time).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import type { ExtensionBrowser } from '../e2e/extension';
import { benchFrames, chromeHarText } from './io-read';
import { cpuTimes } from './panel-bound';
import { type AlternatedResult, alternateBuilds, alternatedResult } from './builds';
import { fmt, medianFields } from './stats';

const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 3);

export type ViewerImportRun = {
  timelineMs: number;
  /** From the file picked until the status bar says nothing is left to analyse. */
  analysedMs: number;
  longestFrameGapMs: number;
  /** The viewer page's main thread, from the file picked until every frame is analysed. */
  uiThreadCpuMs: number;
};

export type ViewerImportResult = AlternatedResult<ViewerImportRun> & { frames: number; megabytes: number };

export async function benchViewerImport(): Promise<ViewerImportResult> {
  const frames = benchFrames();
  const text = chromeHarText(frames);
  await mkdir('bench-results', { recursive: true });
  const file = 'bench-results/import-100mb.har';
  await writeFile(file, text);
  const loadStart = loadavg()[0]!;
  const baseDir = process.env.BENCH_IMPORT_BASE;
  const runs = await alternateBuilds(RUNS, baseDir, (browser) => oneRun(browser, file));
  return {
    frames: frames.length,
    megabytes: text.length / 1024 / 1024,
    ...alternatedResult(runs, baseDir, loadStart, medianFields),
  };
}

async function oneRun(browser: ExtensionBrowser, file: string): Promise<ViewerImportRun> {
  const viewer = await browser.context.newPage();
  try {
    await viewer.addInitScript('window.__name = (f) => f');
    await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
    // Watch the frame rate for the whole import.
    await viewer.evaluate(() => {
      const w = window as unknown as { __gaps: number[]; __stop: boolean };
      w.__gaps = [];
      w.__stop = false;
      let last = performance.now();
      const tick = (now: number) => {
        w.__gaps.push(now - last);
        last = now;
        if (!w.__stop) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const cdp = await browser.context.newCDPSession(viewer);
    await cdp.send('Performance.enable');
    const cpuBefore = await cpuTimes(cdp);
    const start = Date.now();
    await viewer.getByLabel('Capture or HAR file').setInputFiles(file);
    await viewer.locator('.timeline .event').first().waitFor({ timeout: 120_000 });
    const timelineMs = Date.now() - start;
    await viewer.waitForFunction(
      () => (window as unknown as { wxccInspector: { analysing(): number } }).wxccInspector.analysing() === 0,
      undefined,
      { timeout: 120_000, polling: 50 },
    );
    const analysedMs = Date.now() - start;
    const uiThreadCpuMs = (await cpuTimes(cdp)).thread - cpuBefore.thread;
    await cdp.detach();
    const longestFrameGapMs = await viewer.evaluate(() => {
      const w = window as unknown as { __gaps: number[]; __stop: boolean };
      w.__stop = true;
      return Math.max(...w.__gaps);
    });
    return { timelineMs, analysedMs, longestFrameGapMs, uiThreadCpuMs };
  } finally {
    await viewer.close();
  }
}

export function printViewerImport(r: ViewerImportResult): void {
  console.log(
    `\nViewer import: a ${fmt(r.megabytes)} MB Chrome HAR of ${r.frames} frames; medians of ${r.runs.length} runs, load average ${fmt(r.loadAverage[0], 1)} → ${fmt(r.loadAverage[1], 1)}`,
  );
  const b = r.base;
  const side = (now: number, then: number | undefined, digits = 0) =>
    then === undefined ? fmt(now, digits) : `${fmt(now, digits)} (base ${fmt(then, digits)})`;
  console.log(
    `  file picked → timeline shown: ${side(r.timelineMs / 1000, b && b.timelineMs / 1000, 2)} s   (target ≤ 5 s); → every frame analysed: ${side(r.analysedMs / 1000, b && b.analysedMs / 1000, 2)} s`,
  );
  console.log(
    `  the UI meanwhile: longest gap between painted frames ${side(r.longestFrameGapMs, b?.longestFrameGapMs)} ms, its thread's CPU ${side(r.uiThreadCpuMs, b?.uiThreadCpuMs)} ms`,
  );
  for (const [label, runs] of [['this build', r.runs], ...(b ? [[`base ${b.dir}`, b.runs] as const] : [])] as const)
    console.log(
      `    ${label}: ${runs.map((x) => `timeline ${fmt(x.timelineMs / 1000, 2)} s, analysed ${fmt(x.analysedMs / 1000, 2)} s, gap ${fmt(x.longestFrameGapMs)} ms, CPU ${fmt(x.uiThreadCpuMs)} ms`).join('; ')}`,
    );
}
