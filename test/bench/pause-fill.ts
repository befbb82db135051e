/**
 * A panel paused in the middle of its fill-in, in real Chromium with the built test extension.
 *
 * A tab holds a 64 MiB capture of the busy-shift mix (panel-bound.ts's `reopen` capture); a panel
 * opens on it and is paused (its Pause button clicked from the page) right after it answered its
 * fifth backlog message, so mid-fill-in on any machine. Once nothing more arrives (the hub's
 * `backlog-done`, or 3 s without a frames message), the panel page's JS heap after a forced GC,
 * and the frames it received; then Resume, and the time until every frame is in and analysed.
 * Side by side, alternating: this build, where the paused panel has the hub hold the rest, and the
 * baseline `&hold=off` (the test build's knob: the panel goes on taking in the whole backlog while
 * paused, as before). Medians of the repeats. `BENCH_PAUSE_SMALL=1`: the capture is instead 64 MiB
 * of small frames (~170 bytes, keepalive-sized: about 390,000 of them).
 */
import type { Page } from '@playwright/test';
import type { PageFrame } from '../../src/capture/shared/page-chunk';
import { launchWithExtension, type ExtensionBrowser } from '../e2e/extension';
import { loadReopenCapture } from './panel-bound';
import { fmt, median } from './stats';

const REPEATS = Number(process.env.BENCH_PAUSE_REPEATS ?? 3);
const SMALL = process.env.BENCH_PAUSE_SMALL === '1';

/** A tab holding 64 MiB of keepalive-sized frames, handed to the hub 1,000 at a time. */
async function loadSmallCapture(browser: ExtensionBrowser): Promise<{ tabId: number; frames: number; bytes: number }> {
  await browser.context.newPage();
  const sw = await browser.serviceWorker();
  const tabId = await sw.evaluate(async () => Math.max(...(await chrome.tabs.query({})).map((t) => t.id ?? 0)));
  let seq = 0;
  let bytes = 0;
  while (bytes < 64 * 1024 * 1024 - 256 * 1024) {
    const chunk: PageFrame[] = [];
    for (let i = 0; i < 1_000; i++) {
      const data = JSON.stringify({ type: 'KeepaliveEvent', data: { seq: ++seq, pad: 'k'.repeat(100) } });
      bytes += data.length;
      chunk.push({
        seq,
        t: 1_700_000_000_000 + seq * 10,
        socket: 'ws-1',
        dir: 'in',
        kind: 'text',
        data,
        size: data.length,
      });
    }
    await sw.evaluate(
      ([id, part]) =>
        (
          globalThis as unknown as { wxccHub: { acceptFrames(tabId: number, f: unknown[]): Promise<void> } }
        ).wxccHub.acceptFrames(id, part),
      [tabId, chunk] as const,
    );
  }
  return { tabId, frames: seq, bytes };
}

export interface PauseRun {
  /** The panel page's used JS heap after a GC, paused, once nothing more arrived (MB, 10^6 bytes). */
  heapMB: number;
  /** Frames the panel received until then (the newest shown first and the older ones). */
  received: number;
  /** From the Resume click until every frame is in and analysed, ms. */
  resumeMs: number;
}

export interface PauseResult {
  frames: number;
  bytes: number;
  held: PauseRun[];
  baseline: PauseRun[];
  median: { held: PauseRun; baseline: PauseRun };
  loadAverage: number[];
}

type BenchState = { received: number; messages: number; done: boolean; pausedAt?: number };

/** In the panel page from its first script on: counts what arrives, pauses after `answers` answers. */
function pauseAfter(answers: number): void {
  const state: BenchState = { received: 0, messages: 0, done: false };
  Object.assign(window, { __pauseBench: state });
  const runtime = chrome.runtime;
  const connect = runtime.connect.bind(runtime);
  let more = 0;
  runtime.connect = ((...args: Parameters<typeof connect>) => {
    const port = connect(...args);
    const post = port.postMessage.bind(port);
    port.postMessage = (m: { type: string }) => {
      post(m);
      if (m.type === 'more' && ++more === answers)
        queueMicrotask(() => {
          document.querySelector<HTMLButtonElement>('button[aria-label="Pause"]')?.click();
          state.pausedAt = performance.now();
        });
    };
    port.onMessage.addListener((m: { type: string; frames?: unknown[] }) => {
      if (m.frames) {
        state.received += m.frames.length;
        state.messages++;
      }
      if (m.type === 'backlog-done') state.done = true;
    });
    return port;
  }) as typeof runtime.connect;
}

const benchState = (panel: Page) =>
  panel.evaluate(() => (window as unknown as { __pauseBench: BenchState }).__pauseBench);

async function pauseOnce(browser: ExtensionBrowser, tabId: number, lastSeq: number, hold: boolean): Promise<PauseRun> {
  const panel = await browser.context.newPage();
  try {
    // tsx names the functions it compiles with a `__name` helper the page does not have.
    await panel.addInitScript(`window.__name = (f) => f; (${pauseAfter.toString()})(5)`);
    const cdp = await browser.context.newCDPSession(panel);
    await cdp.send('HeapProfiler.enable');
    await panel.goto(
      `chrome-extension://${browser.extensionId}/devtools-panel.html?tabId=${tabId}${hold ? '' : '&hold=off'}`,
    );
    await panel.waitForFunction(
      () => (window as unknown as { __pauseBench: BenchState }).__pauseBench.pausedAt !== undefined,
      null,
      { timeout: 120_000, polling: 100 },
    );
    // Until nothing more arrives: the whole backlog (baseline), or 3 s without a frames message.
    let last = -1;
    let still = 0;
    for (;;) {
      const state = await benchState(panel);
      if (state.done) break;
      still = state.messages === last ? still + 1 : 0;
      last = state.messages;
      if (still >= 6) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const { received } = await benchState(panel);
    const start = performance.now();
    await panel.getByRole('button', { name: 'Resume' }).click();
    await panel.waitForFunction(
      (n) => {
        const w = window as unknown as {
          wxccInspector: { analysing(): number; counters(): { frames: number } };
        };
        return w.wxccInspector.analysing() === 0 && w.wxccInspector.counters().frames >= n;
      },
      lastSeq,
      { timeout: 300_000, polling: 200 },
    );
    return { heapMB: usedSize / 1e6, received, resumeMs: performance.now() - start };
  } finally {
    await panel.close();
  }
}

const medianRun = (runs: PauseRun[]): PauseRun => ({
  heapMB: median(runs.map((r) => r.heapMB)),
  received: median(runs.map((r) => r.received)),
  resumeMs: median(runs.map((r) => r.resumeMs)),
});

const line = (label: string, r: PauseRun) =>
  `  ${label}: panel heap ${fmt(r.heapMB)} MB paused, ${r.received} frames received, resume → all analysed ${fmt(r.resumeMs, 0)} ms`;

export async function benchPauseFill(): Promise<PauseResult> {
  const { loadavg } = await import('node:os');
  const browser = await launchWithExtension();
  try {
    const { tabId, frames, bytes } = SMALL ? await loadSmallCapture(browser) : await loadReopenCapture(browser);
    const held: PauseRun[] = [];
    const baseline: PauseRun[] = [];
    for (let r = 0; r < REPEATS; r++) {
      // Alternate the arms, and which goes first in each round.
      const arms = r % 2 ? [false, true] : [true, false];
      for (const hold of arms) {
        const run = await pauseOnce(browser, tabId, frames, hold);
        (hold ? held : baseline).push(run);
        console.log(line(hold ? 'held at the hub' : 'baseline (hold=off)', run));
      }
    }
    return {
      frames,
      bytes,
      held,
      baseline,
      median: { held: medianRun(held), baseline: medianRun(baseline) },
      loadAverage: loadavg(),
    };
  } finally {
    await browser.close();
  }
}

export function printPauseFill(r: PauseResult): void {
  const { held, baseline } = r.median;
  console.log(
    `\nPause mid-fill-in on a ${fmt(r.bytes / 1024 / 1024)} MiB capture (${r.frames} frames), median of ${r.held.length}; load average ${r.loadAverage.map((l) => fmt(l)).join(' ')}`,
  );
  console.log(
    `  paused panel heap: ${fmt(held.heapMB)} MB held at the hub vs ${fmt(baseline.heapMB)} MB taking the backlog in (${fmt(baseline.heapMB / held.heapMB, 2)}×)`,
  );
  console.log(`  frames received while paused: ${held.received} vs ${baseline.received}`);
  console.log(`  resume → every frame in and analysed: ${fmt(held.resumeMs, 0)} ms vs ${fmt(baseline.resumeMs, 0)} ms`);
}
