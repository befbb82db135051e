/**
 * The request tap's added cost per request, in real Chromium with the extension loaded: a page
 * makes 1,000 WxCC API calls one after another (XHR like the Desktop's axios, then fetch) to a
 * local server answering 202. The same browser alternates between an origin the extension captures
 * (127.0.0.1, where `/v1/tasks/…` is an API path) and one it does not run on (127.0.0.2). Per side:
 * the page's synchronous time inside the calls (open/setRequestHeader/send, or the fetch() call)
 * and the wall time per request until its response, medians of alternating runs.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { launchWithExtension } from '../e2e/extension';
import { fmt, median } from './stats';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

const PAGE = `<!doctype html><meta charset="utf-8"><title>bench</title><script>
const N = ${REQUESTS};
const url = '/v1/tasks/0f0f0f0f-0000-4000-8000-000000000001/hold';
const body = JSON.stringify({ mediaResourceId: '0f0f0f0f-0000-4000-8000-000000000001' });
function xhrOnce() {
  return new Promise((resolve) => {
    const x = new XMLHttpRequest();
    const t0 = performance.now();
    x.open('POST', url);
    x.setRequestHeader('Content-Type', 'application/json');
    x.setRequestHeader('Authorization', 'Bearer bench-token');
    x.setRequestHeader('trackingid', 'bench_1');
    x.send(body);
    const sync = performance.now() - t0;
    x.onloadend = () => resolve(sync);
  });
}
async function fetchOnce() {
  const t0 = performance.now();
  const p = fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer bench-token', trackingid: 'bench_1' }, body });
  const sync = performance.now() - t0;
  const res = await p;
  await res.arrayBuffer();
  return sync;
}
window.run = async (kind) => {
  const once = kind === 'xhr' ? xhrOnce : fetchOnce;
  let sync = 0;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) sync += await once();
  return { wallMs: performance.now() - t0, syncMs: sync };
};
</script>`;

interface Server {
  origin: string;
  close(): Promise<void>;
}

async function serve(host: string): Promise<Server> {
  const server = http.createServer((req, res) => {
    if (req.method === 'GET') {
      res.setHeader('content-type', 'text/html');
      res.end(PAGE);
      return;
    }
    req.resume();
    req.on('end', () => {
      res.writeHead(202, { trackingid: 'bench_1' });
      res.end();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

interface Side {
  /** Page's synchronous time inside the calls, µs per request. */
  syncUs: number;
  /** Wall time from the call to its response, µs per request. */
  wallUs: number;
}

export interface HttpTapResult {
  requests: number;
  runs: number;
  xhr: { with: Side; without: Side; addedSyncUs: number; syncRatio: number; wallRatio: number };
  fetch: { with: Side; without: Side; addedSyncUs: number; syncRatio: number; wallRatio: number };
  captured: number;
}

export async function benchHttpTap(): Promise<HttpTapResult> {
  const captured = await serve('127.0.0.1');
  const plain = await serve('127.0.0.2');
  const browser = await launchWithExtension();
  const samples: Record<'xhr' | 'fetch', Record<'with' | 'without', Side[]>> = {
    xhr: { with: [], without: [] },
    fetch: { with: [], without: [] },
  };
  let capturedRequests = 0;
  try {
    const pages = {
      with: await browser.context.newPage(),
      without: await browser.context.newPage(),
    };
    await pages.with.goto(`${captured.origin}/`);
    await pages.without.goto(`${plain.origin}/`);
    const runOnce = async (side: 'with' | 'without', kind: 'xhr' | 'fetch'): Promise<Side> => {
      const r = (await pages[side].evaluate(
        (k) => (window as unknown as { run(k: string): unknown }).run(k),
        kind,
      )) as {
        wallMs: number;
        syncMs: number;
      };
      return { syncUs: (r.syncMs * 1000) / REQUESTS, wallUs: (r.wallMs * 1000) / REQUESTS };
    };
    // One warm-up each, then alternate.
    for (const kind of ['xhr', 'fetch'] as const) {
      await runOnce('with', kind);
      await runOnce('without', kind);
    }
    for (let i = 0; i < RUNS; i++) {
      for (const kind of ['xhr', 'fetch'] as const) {
        samples[kind].with.push(await runOnce('with', kind));
        samples[kind].without.push(await runOnce('without', kind));
      }
    }
    // Every request the captured page made, in the panel's frames: request + response each.
    const panel = await browser.openPanel(await browser.tabIdOf(pages.with));
    let last = -1;
    for (let n = 0; n !== last; await panel.waitForTimeout(1000)) {
      last = n;
      n = await panel.evaluate(
        () =>
          (window as unknown as { wxccInspector: { frames(): { kind: string }[] } }).wxccInspector
            .frames()
            .filter((f) => f.kind === 'request').length,
      );
      capturedRequests = n;
    }
  } finally {
    await browser.close();
    await captured.close();
    await plain.close();
  }
  const side = (kind: 'xhr' | 'fetch', which: 'with' | 'without'): Side => ({
    syncUs: median(samples[kind][which].map((s) => s.syncUs)),
    wallUs: median(samples[kind][which].map((s) => s.wallUs)),
  });
  const summary = (kind: 'xhr' | 'fetch') => {
    const w = side(kind, 'with');
    const wo = side(kind, 'without');
    return {
      with: w,
      without: wo,
      addedSyncUs: w.syncUs - wo.syncUs,
      syncRatio: w.syncUs / wo.syncUs,
      wallRatio: w.wallUs / wo.wallUs,
    };
  };
  return { requests: REQUESTS, runs: RUNS, xhr: summary('xhr'), fetch: summary('fetch'), captured: capturedRequests };
}

export function printHttpTap(r: HttpTapResult): void {
  console.log(`\nRequest tap: ${r.requests} sequential WxCC API calls per run, median of ${r.runs} alternating runs`);
  for (const kind of ['xhr', 'fetch'] as const) {
    const k = r[kind];
    console.log(
      `  ${kind.padEnd(5)} page time in the calls: without ${fmt(k.without.syncUs)} µs, with ${fmt(k.with.syncUs)} µs per request → +${fmt(k.addedSyncUs)} µs (${fmt(k.syncRatio, 2)}×); call to response: without ${fmt(k.without.wallUs)} µs, with ${fmt(k.with.wallUs)} µs → ${fmt(k.wallRatio, 3)}×`,
    );
  }
  console.log(`  requests captured (both kinds, warm-ups included): ${r.captured} of ${2 * r.requests * (r.runs + 1)}`);
}
