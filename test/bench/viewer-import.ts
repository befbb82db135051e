/**
 * Import into the viewer, in real Chromium: a ~100 MB Chrome HAR of ~150,000 frames is picked in
 * the viewer's file input; we time until the timeline shows, and record the longest gap between
 * animation frames meanwhile (the UI must keep answering while the worker reads and parses).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { launchWithExtension } from '../e2e/extension';
import { benchFrames, chromeHarText } from './io-read';
import { fmt } from './stats';

export interface ViewerImportResult {
  frames: number;
  megabytes: number;
  timelineMs: number;
  longestFrameGapMs: number;
}

export async function benchViewerImport(): Promise<ViewerImportResult> {
  const frames = benchFrames();
  const text = chromeHarText(frames);
  await mkdir('bench-results', { recursive: true });
  const file = 'bench-results/import-100mb.har';
  await writeFile(file, text);
  const browser = await launchWithExtension();
  try {
    const viewer = await browser.context.newPage();
    await viewer.addInitScript('window.__name = (f) => f');
    await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
    // Watch the frame rate for the whole import.
    await viewer.evaluate(() => {
      const w = window as unknown as { __gaps: number[] };
      w.__gaps = [];
      let last = performance.now();
      const tick = (now: number) => {
        w.__gaps.push(now - last);
        last = now;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const start = Date.now();
    await viewer.getByLabel('Capture or HAR file').setInputFiles(file);
    await viewer.locator('.timeline .event').first().waitFor({ timeout: 120_000 });
    const timelineMs = Date.now() - start;
    const longestFrameGapMs = await viewer.evaluate(() =>
      Math.max(...(window as unknown as { __gaps: number[] }).__gaps),
    );
    return { frames: frames.length, megabytes: text.length / 1024 / 1024, timelineMs, longestFrameGapMs };
  } finally {
    await browser.close();
  }
}

export function printViewerImport(r: ViewerImportResult): void {
  console.log(`\nViewer import: a ${fmt(r.megabytes)} MB Chrome HAR of ${r.frames} frames`);
  console.log(`  file picked → timeline shown: ${fmt(r.timelineMs / 1000, 2)} s   (target ≤ 5 s)`);
  console.log(
    `  longest gap between painted frames during the import: ${fmt(r.longestFrameGapMs)} ms (the UI keeps answering)`,
  );
}
