/**
 * Interceptor overhead in real Chromium: a page receives 10,000 frames of about 8 KiB from a local
 * server and parses each, like the desktop does. The same browser, with the extension loaded,
 * alternates between an origin the extension captures (127.0.0.1) and one it does not
 * (127.0.0.2), so both sides of the ratio share one process, one machine state and one run.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { launchWithExtension } from '../e2e/extension';
import { routingFrames } from './payloads';
import { fmt, median } from './stats';

const FRAMES = Number(process.env.BENCH_FRAMES ?? 10_000);
const FRAME_BYTES = 8 * 1024;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

const PAGE = `<!doctype html><meta charset="utf-8"><title>bench</title><script>
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

interface Server {
  origin: string;
  close(): Promise<void>;
}

async function serve(host: string, frames: string[]): Promise<Server> {
  const server = http.createServer((_req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end(PAGE);
  });
  const wss = new WebSocketServer({ server, path: '/bench' });
  wss.on('connection', (ws) => {
    ws.on('message', () => {
      for (const frame of frames) ws.send(frame);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${port}`,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export interface OverheadResult {
  frames: number;
  runs: number;
  deliveryMs: { with: number; without: number; ratio: number };
  busyMs: { with: number; without: number; ratio: number };
  captured: number;
}

export async function benchInterceptorOverhead(): Promise<OverheadResult> {
  const frames = routingFrames(FRAMES, FRAME_BYTES);
  const captured = await serve('127.0.0.1', frames);
  const plain = await serve('127.0.0.2', frames);
  const browser = await launchWithExtension();
  const samples = { with: [] as { ms: number; busy: number }[], without: [] as { ms: number; busy: number }[] };
  let capturedFrames = 0;
  try {
    const runOnce = async (origin: string, countStored = false) => {
      const page = await browser.context.newPage();
      await page.goto(`${origin}/`);
      await page.waitForFunction(() => (window as { __ready?: boolean }).__ready === true);
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const busy = async () => {
        const { metrics } = await cdp.send('Performance.getMetrics');
        return metrics.find((m) => m.name === 'TaskDuration')!.value * 1000;
      };
      await page.waitForTimeout(200);
      const before = await busy();
      await page.evaluate(() => (window as unknown as { go(): void }).go());
      const done = await page.waitForFunction(
        () => (window as { __done?: { n: number; parsed: number; ms: number } }).__done,
        null,
        {
          timeout: 120_000,
          polling: 50,
        },
      );
      const result = (await done.jsonValue()) as { n: number; parsed: number; ms: number };
      // Let the capture finish its last batch: its cost belongs to the run.
      await page.waitForTimeout(300);
      const after = await busy();
      if (result.parsed !== FRAMES) throw new Error(`page parsed ${result.parsed} of ${FRAMES}`);
      let stored = 0;
      if (countStored) {
        const tabId = await browser.tabIdOf(page);
        // The hub may still be writing the tail: wait until its count stops moving.
        for (let last = -1; stored !== last; await page.waitForTimeout(500)) {
          last = stored;
          stored = await storedFrames(browser, tabId);
        }
      }
      await page.close();
      return { ms: result.ms, busy: after - before, stored };
    };
    // One warm-up each, then alternate.
    await runOnce(captured.origin);
    await runOnce(plain.origin);
    for (let i = 0; i < RUNS; i++) {
      const w = await runOnce(captured.origin, i === RUNS - 1);
      samples.with.push(w);
      samples.without.push(await runOnce(plain.origin));
      if (i === RUNS - 1) capturedFrames = w.stored;
    }
  } finally {
    await browser.close();
    await captured.close();
    await plain.close();
  }
  const med = (side: 'with' | 'without', key: 'ms' | 'busy') => median(samples[side].map((s) => s[key]));
  const deliveryWith = med('with', 'ms');
  const deliveryWithout = med('without', 'ms');
  const busyWith = med('with', 'busy');
  const busyWithout = med('without', 'busy');
  return {
    frames: FRAMES,
    runs: RUNS,
    deliveryMs: { with: deliveryWith, without: deliveryWithout, ratio: deliveryWith / deliveryWithout },
    busyMs: { with: busyWith, without: busyWithout, ratio: busyWith / busyWithout },
    captured: capturedFrames,
  };
}

/** How many frames the hub has captured for the tab, read from its IndexedDB in the worker. */
async function storedFrames(browser: Awaited<ReturnType<typeof launchWithExtension>>, tabId: number): Promise<number> {
  const sw = await browser.serviceWorker();
  return sw.evaluate(
    (id) =>
      new Promise<number>((resolve) => {
        const req = indexedDB.open('wxcc-inspector-capture');
        req.onsuccess = () => {
          const get = req.result.transaction('tabs').objectStore('tabs').get(id);
          // Kept plus shed by the byte budget (80 MB of frames exceed the default 64 MiB).
          get.onsuccess = () => {
            const tab = get.result as { frames: number; shedFrames: number } | undefined;
            resolve(tab ? tab.frames + tab.shedFrames : 0);
          };
          get.onerror = () => resolve(-1);
        };
        req.onerror = () => resolve(-1);
      }),
    tabId,
  );
}

export function printOverhead(r: OverheadResult): void {
  console.log(`\nInterceptor overhead: ${r.frames} frames of ~8 KiB, median of ${r.runs} alternating runs`);
  console.log(
    `  delivery, first→last frame: without ${fmt(r.deliveryMs.without)} ms, with ${fmt(r.deliveryMs.with)} ms → ${fmt(r.deliveryMs.ratio, 3)}×`,
  );
  console.log(
    `  page main-thread busy time: without ${fmt(r.busyMs.without)} ms, with ${fmt(r.busyMs.with)} ms → ${fmt(r.busyMs.ratio, 3)}×`,
  );
  console.log(
    `  frames captured by the hub in the last run (kept + shed by the 64 MiB budget): ${r.captured} of ${r.frames + 3}`,
  );
}
