/**
 * The worker tap's cost on the page (issue 11), measured like the socket interceptor's: a page
 * whose notification socket lives in a dedicated worker (protocol doc §10.8) gets 5,000 relayed
 * messages of ~8 KiB — the frame nested in `{type: 'websocket_message_received', data: {message}}`
 * — and parses each. The same browser with the extension alternates between an origin it captures
 * (127.0.0.1) and one it does not (127.0.0.2); medians of both sides, and their ratio.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { launchWithExtension } from '../e2e/extension';
import { routingFrames } from './payloads';
import { fmt, median } from './stats';

const MESSAGES = Number(process.env.BENCH_WORKER_MESSAGES ?? 5_000);
const MESSAGE_BYTES = 8 * 1024;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

const PAGE = `<!doctype html><meta charset="utf-8"><title>worker bench</title><script>
const total = ${MESSAGES};
let n = 0, first = 0, parsed = 0;
const worker = new Worker('/worker.js');
worker.onmessage = (event) => {
  const msg = event.data;
  if (msg.type === 'websocket_opened') { window.__ready = true; return; }
  if (msg.type !== 'websocket_message_received') return;
  const now = performance.now();
  if (n === 0) first = now;
  if (JSON.parse(msg.data.message).data) parsed++;
  if (++n === total) window.__done = { n, parsed, ms: now - first };
};
window.go = () => worker.postMessage({ type: 'websocket_send_message', data: { message: 'go' } });
</script>`;

const WORKER = `const ws = new WebSocket('ws://' + location.host + '/bench');
ws.onopen = () => postMessage({ type: 'websocket_opened', data: {} });
ws.onmessage = (event) => postMessage({ type: 'websocket_message_received', data: { message: event.data } });
onmessage = (event) => ws.send(event.data.data.message);`;

interface Server {
  origin: string;
  close(): Promise<void>;
}

async function serve(host: string, messages: string[]): Promise<Server> {
  const server = http.createServer((req, res) => {
    const worker = req.url === '/worker.js';
    res.setHeader('content-type', worker ? 'text/javascript' : 'text/html');
    res.end(worker ? WORKER : PAGE);
  });
  const wss = new WebSocketServer({ server, path: '/bench' });
  wss.on('connection', (ws) => {
    ws.on('message', () => {
      for (const message of messages) ws.send(message);
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

export interface WorkerTapResult {
  messages: number;
  runs: number;
  deliveryMs: { with: number; without: number; ratio: number };
  busyMs: { with: number; without: number; ratio: number };
  /** Worker-channel frames the panel's source (the hub) holds after the last captured run. */
  captured: number;
}

export async function benchWorkerTap(): Promise<WorkerTapResult> {
  const messages = routingFrames(MESSAGES, MESSAGE_BYTES);
  const captured = await serve('127.0.0.1', messages);
  const plain = await serve('127.0.0.2', messages);
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
        { timeout: 120_000, polling: 50 },
      );
      const result = (await done.jsonValue()) as { n: number; parsed: number; ms: number };
      // The capture's last batch belongs to the run.
      await page.waitForTimeout(300);
      const after = await busy();
      if (result.parsed !== MESSAGES) throw new Error(`page parsed ${result.parsed} of ${MESSAGES}`);
      let stored = 0;
      if (countStored) {
        const tabId = await browser.tabIdOf(page);
        for (let last = -1; stored !== last; await page.waitForTimeout(500)) {
          last = stored;
          stored = await storedFrames(browser, tabId);
        }
      }
      await page.close();
      return { ms: result.ms, busy: after - before, stored };
    };
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
    messages: MESSAGES,
    runs: RUNS,
    deliveryMs: { with: deliveryWith, without: deliveryWithout, ratio: deliveryWith / deliveryWithout },
    busyMs: { with: busyWith, without: busyWithout, ratio: busyWith / busyWithout },
    captured: capturedFrames,
  };
}

/** Frames the hub holds for the tab (kept plus shed), read from its IndexedDB. */
async function storedFrames(browser: Awaited<ReturnType<typeof launchWithExtension>>, tabId: number): Promise<number> {
  const sw = await browser.serviceWorker();
  return sw.evaluate(
    (id) =>
      new Promise<number>((resolve) => {
        const req = indexedDB.open('wxcc-inspector-capture');
        req.onsuccess = () => {
          const get = req.result.transaction('tabs').objectStore('tabs').get(id);
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

export function printWorkerTap(r: WorkerTapResult): void {
  console.log(`\nWorker tap overhead: ${r.messages} relayed messages of ~8 KiB, median of ${r.runs} alternating runs`);
  console.log(
    `  delivery, first→last message: without ${fmt(r.deliveryMs.without)} ms, with ${fmt(r.deliveryMs.with)} ms → ${fmt(r.deliveryMs.ratio, 3)}×`,
  );
  console.log(
    `  page main-thread busy time: without ${fmt(r.busyMs.without)} ms, with ${fmt(r.busyMs.with)} ms → ${fmt(r.busyMs.ratio, 3)}×`,
  );
  // navigation, the worker's open, go out, websocket_opened in, then the messages.
  console.log(`  frames captured by the hub in the last run: ${r.captured} of ${r.messages + 4}`);
}
