/**
 * The in-page overlay's cost to the agent's page: a page receives a burst of 5,000 notification
 * frames (~4 KiB, holds and unholds across 50 interactions, so what the overlay shows changes all
 * the time: the worst case for summaries) and parses each, like the desktop. The same browser and
 * origin alternate runs with the overlay on and off (both captured), so the ratio compares one
 * process, one machine state, one run. Also: how many summary messages reached the page, their
 * size and rate.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { WebSocketServer } from 'ws';
import { launchWithExtension } from '../e2e/extension';
import { routingFrames } from './payloads';
import { fmt, median } from './stats';

const FRAMES = Number(process.env.BENCH_FRAMES ?? 5_000);
const FRAME_BYTES = 4 * 1024;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** After the last frame: the capture's last batches and the last summaries belong to the run. */
const SETTLE_MS = 1_000;

const PAGE = `<!doctype html><meta charset="utf-8"><title>overlay bench</title><body><h1>desk</h1><script>
const total = ${FRAMES};
let n = 0, first = 0, parsed = 0;
const ws = new WebSocket('ws://' + location.host + '/bench');
ws.onmessage = (event) => {
  const now = performance.now();
  if (n === 0) first = now;
  if (JSON.parse(event.data).data) parsed++;
  if (++n === total) window.__done = { n, parsed, ms: now - first };
};
ws.onopen = () => { window.__ready = true; };
window.go = () => ws.send('go');
</script>`;

export interface OverlayCostResult {
  frames: number;
  runs: number;
  deliveryMs: { on: number; off: number; ratio: number };
  busyMs: { on: number; off: number; ratio: number };
  /** Per run with the overlay on (medians): summaries that reached the page, and their size. */
  summaries: { perRun: number; perSecond: number; meanBytes: number; maxPerSecondAllowed: number };
}

export async function benchOverlayCost(): Promise<OverlayCostResult> {
  const frames = routingFrames(FRAMES, FRAME_BYTES);
  const server = http.createServer((_req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end(PAGE);
  });
  const wss = new WebSocketServer({ server, path: '/bench' });
  wss.on('connection', (ws) =>
    ws.on('message', () => {
      for (const frame of frames) ws.send(frame);
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchWithExtension();
  const samples = { on: [] as Sample[], off: [] as Sample[] };
  try {
    const sw = await browser.serviceWorker();
    // An extension page to send the switch from, as the panel and the popup do.
    const control = await browser.context.newPage();
    await control.goto(`chrome-extension://${browser.extensionId}/popup.html?tabId=0`);
    const setOverlay = (tabId: number, on: boolean) =>
      control.evaluate(({ tabId, on }) => chrome.runtime.sendMessage({ type: 'overlay-set', tabId, on }), {
        tabId,
        on,
      }) as Promise<{ origin: string | null; on: boolean }>;

    const runOnce = async (on: boolean): Promise<Sample> => {
      const page = await browser.context.newPage();
      await page.goto(`${origin}/`);
      await page.waitForFunction(() => (window as { __ready?: boolean }).__ready === true);
      const tabId = await browser.tabIdOf(page);
      // The overlay script says hello at document_idle; then the switch knows the origin.
      for (let state = await setOverlay(tabId, on); state.origin === null; state = await setOverlay(tabId, on))
        await page.waitForTimeout(50);
      if (on) await page.waitForFunction(() => document.querySelector('wxcc-inspector-overlay') !== null);
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const busy = async () => {
        const { metrics } = await cdp.send('Performance.getMetrics');
        return metrics.find((m) => m.name === 'TaskDuration')!.value * 1000;
      };
      await page.waitForTimeout(300);
      const statsBefore = await overlayStats(page, tabId);
      const before = await busy();
      const started = Date.now();
      await page.evaluate(() => (window as unknown as { go(): void }).go());
      const done = await page.waitForFunction(
        () => (window as { __done?: { n: number; parsed: number; ms: number } }).__done,
        null,
        { timeout: 120_000, polling: 50 },
      );
      const result = (await done.jsonValue()) as { n: number; parsed: number; ms: number };
      await page.waitForTimeout(SETTLE_MS);
      const after = await busy();
      const elapsed = Date.now() - started;
      const statsAfter = await overlayStats(page, tabId);
      if (result.parsed !== FRAMES) throw new Error(`page parsed ${result.parsed} of ${FRAMES}`);
      await page.close();
      return {
        ms: result.ms,
        busy: after - before,
        summaries: statsAfter.summaries - statsBefore.summaries,
        bytes: statsAfter.bytes - statsBefore.bytes,
        seconds: elapsed / 1000,
      };
    };
    const overlayStats = async (_page: Page, tabId: number) =>
      (await sw.evaluate(
        (id) =>
          (
            globalThis as unknown as {
              wxccOverlay: { stats(): Record<number, { summaries: number; bytes: number }> };
            }
          ).wxccOverlay.stats()[id] ?? { summaries: 0, bytes: 0 },
        tabId,
      )) as { summaries: number; bytes: number };

    await runOnce(true);
    await runOnce(false);
    for (let i = 0; i < RUNS; i++) {
      // Alternate which side goes first, so neither always follows the other.
      const order = i % 2 ? [false, true] : [true, false];
      for (const on of order) samples[on ? 'on' : 'off'].push(await runOnce(on));
    }
  } finally {
    await browser.close();
    for (const client of wss.clients) client.terminate();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  const med = (side: 'on' | 'off', key: keyof Sample) => median(samples[side].map((s) => s[key]));
  const on = samples.on;
  return {
    frames: FRAMES,
    runs: RUNS,
    deliveryMs: { on: med('on', 'ms'), off: med('off', 'ms'), ratio: med('on', 'ms') / med('off', 'ms') },
    busyMs: { on: med('on', 'busy'), off: med('off', 'busy'), ratio: med('on', 'busy') / med('off', 'busy') },
    summaries: {
      perRun: med('on', 'summaries'),
      perSecond: median(on.map((s) => s.summaries / s.seconds)),
      meanBytes: median(on.map((s) => (s.summaries ? s.bytes / s.summaries : 0))),
      maxPerSecondAllowed: 4,
    },
  };
}

interface Sample {
  ms: number;
  busy: number;
  summaries: number;
  bytes: number;
  seconds: number;
}

export function printOverlayCost(r: OverlayCostResult): void {
  console.log(`\nOverlay cost to the page: ${r.frames} frames of ~4 KiB, median of ${r.runs} alternating runs`);
  console.log(
    `  delivery, first→last frame: overlay off ${fmt(r.deliveryMs.off)} ms, on ${fmt(r.deliveryMs.on)} ms → ${fmt(r.deliveryMs.ratio, 3)}×`,
  );
  console.log(
    `  page main-thread busy time: overlay off ${fmt(r.busyMs.off)} ms, on ${fmt(r.busyMs.on)} ms → ${fmt(r.busyMs.ratio, 3)}×`,
  );
  console.log(
    `  summaries to the page per run: ${r.summaries.perRun} (${fmt(r.summaries.perSecond, 2)}/s over the burst and 1 s after; at most ${r.summaries.maxPerSecondAllowed}/s), ${fmt(r.summaries.meanBytes, 0)} bytes of JSON each`,
  );
}
