/**
 * What capture costs the agent's page, in real Chromium driven over bare CDP (see cdp-browser.ts).
 * Three arms share one browser, one machine state and one run, and alternate run by run:
 * - `plain`: an origin the extension does not capture (127.0.0.2), nothing attached;
 * - `extension`: an origin it captures (127.0.0.1);
 * - `devtools`: the uncaptured origin with DevTools' own Network recording attached (a CDP session
 *   with `Network.enable`, which records every websocket frame: what a developer uses today).
 * Two kinds of traffic: a burst (5,000 frames of ~8 KiB sent as fast as the socket goes, the page
 * parses each; the figure is the span from first to last delivery) and realistic traffic (a
 * 13 KiB snapshot every 200 ms plus keepalives both ways; the figure is the page's busy time).
 * For every run a `toplevel` trace of the page's renderer main thread gives its busy time and its
 * longest task.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { type CdpBrowser, type CdpSession, evaluate, launchCdpBrowser } from './cdp-browser';
import { routingFrames } from './payloads';
import { fmt, median } from './stats';

const FRAMES = Number(process.env.BENCH_FRAMES ?? 5_000);
const FRAME_BYTES = 8 * 1024;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const REALISTIC_MS = Number(process.env.BENCH_REALISTIC_MS ?? 6_000);
const SNAPSHOT_BYTES = 13 * 1024;
const SNAPSHOT_EVERY_MS = 200;
const KEEPALIVE_EVERY_MS = 4_000;
const KEEPALIVE = '{"keepalive":"true"}';

const PAGE = `<!doctype html><meta charset="utf-8"><title>bench</title><script>
let total = 0, n = 0, first = 0, last = 0, parsed = 0;
const ws = new WebSocket('ws://' + location.host + '/bench');
ws.onmessage = (event) => {
  const now = performance.now();
  if (n === 0) first = now;
  last = now;
  if (JSON.parse(event.data).data) parsed++;
  if (++n === total) window.__done = { n, parsed, ms: now - first };
};
ws.onopen = () => { window.__ready = true; };
window.go = (mode, frames) => { total = frames; ws.send(mode); };
window.keepalive = () => ws.send(${JSON.stringify(KEEPALIVE)});
</script>`;

interface Server {
  origin: string;
  close(): Promise<void>;
}

async function serve(host: string, burst: string[], snapshots: string[]): Promise<Server> {
  const server = http.createServer((_req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end(PAGE);
  });
  const wss = new WebSocketServer({ server, path: '/bench' });
  wss.on('connection', (ws) => {
    const timers: NodeJS.Timeout[] = [];
    ws.on('message', (raw) => {
      const mode = String(raw);
      if (mode === 'burst') for (const frame of burst) ws.send(frame);
      if (mode === 'realistic') {
        let i = 0;
        timers.push(
          setInterval(() => {
            if (i < snapshots.length) ws.send(snapshots[i++]!);
          }, SNAPSHOT_EVERY_MS),
          setInterval(() => ws.send(KEEPALIVE), KEEPALIVE_EVERY_MS),
        );
      }
    });
    ws.on('close', () => {
      for (const timer of timers) clearInterval(timer);
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

type Arm = 'plain' | 'extension' | 'devtools';
const ARMS: Arm[] = ['plain', 'extension', 'devtools'];

interface Sample {
  /** Burst: first → last delivery; realistic: the run's length. */
  ms: number;
  busyMs: number;
  cpuMs: number;
  longestTaskMs: number;
}

export interface ArmFigures {
  ms: number;
  /** Wall time of the page main thread's tasks. */
  busyMs: number;
  /** CPU time of those tasks. */
  cpuMs: number;
  longestTaskMs: number;
}

interface Ratios {
  ms: number;
  busy: number;
  cpu: number;
}

export interface TrafficResult {
  arms: Record<Arm, ArmFigures>;
  /** Extension and DevTools over plain, for delivery span (burst only) and busy time. */
  ratios: { extension: Ratios; devtools: Ratios };
}

export interface OverheadResult {
  frames: number;
  runs: number;
  burst: TrafficResult;
  realistic: TrafficResult & { seconds: number; snapshots: number };
  /** Frames the hub stored or shed by its budget in the last burst run, of those sent (+3 open/send/...). */
  captured: number;
  expected: number;
}

/** Task durations on the busiest renderer main thread of a `toplevel` trace (the bench page's). */
function pageThreadTasks(events: TraceEvent[]): { busyMs: number; cpuMs: number; longestTaskMs: number } {
  const mainThreads = new Set<string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      mainThreads.add(`${e.pid}:${e.tid}`);
  const perThread = new Map<string, { busy: number; cpu: number; longest: number }>();
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'ThreadControllerImpl::RunTask' || e.dur === undefined) continue;
    const key = `${e.pid}:${e.tid}`;
    if (!mainThreads.has(key)) continue;
    const t = perThread.get(key) ?? { busy: 0, cpu: 0, longest: 0 };
    t.busy += e.dur / 1000;
    t.cpu += (e.tdur ?? 0) / 1000;
    t.longest = Math.max(t.longest, e.dur / 1000);
    perThread.set(key, t);
  }
  let best = { busy: 0, cpu: 0, longest: 0 };
  for (const t of perThread.values()) if (t.busy > best.busy) best = t;
  return { busyMs: best.busy, cpuMs: best.cpu, longestTaskMs: best.longest };
}

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  dur?: number;
  /** Thread (CPU) time of the event, µs: less sensitive than `dur` to a machine shared with others. */
  tdur?: number;
  args?: { name?: string };
}

async function traced<T>(browser: CdpSession, body: () => Promise<T>): Promise<{ value: T; events: TraceEvent[] }> {
  const events: TraceEvent[] = [];
  const offData = browser.on('Tracing.dataCollected', (p) => {
    for (const e of p.value as TraceEvent[]) events.push(e);
  });
  let offComplete = () => {};
  const complete = new Promise<void>((resolve) => {
    offComplete = browser.on('Tracing.tracingComplete', () => resolve());
  });
  await browser.send('Tracing.start', {
    traceConfig: { includedCategories: ['toplevel', '__metadata'], excludedCategories: ['*'] },
    transferMode: 'ReportEvents',
  });
  const value = await body();
  await browser.send('Tracing.end');
  await complete;
  offData();
  offComplete();
  return { value, events };
}

async function poll<T>(session: CdpSession, expression: string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await evaluate<T | null>(session, expression);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function benchInterceptorOverhead(): Promise<OverheadResult> {
  const burst = routingFrames(FRAMES, FRAME_BYTES);
  const snapshots = routingFrames(Math.ceil(REALISTIC_MS / SNAPSHOT_EVERY_MS) + 10, SNAPSHOT_BYTES);
  const captured = await serve('127.0.0.1', burst, snapshots);
  const plain = await serve('127.0.0.2', burst, snapshots);
  const cdp = await launchCdpBrowser();
  const samples: Record<'burst' | 'realistic', Record<Arm, Sample[]>> = {
    burst: { plain: [], extension: [], devtools: [] },
    realistic: { plain: [], extension: [], devtools: [] },
  };
  let stored = 0;
  let pageCount = 0;
  try {
    const runOnce = async (arm: Arm, mode: 'burst' | 'realistic'): Promise<Sample> => {
      const origin = arm === 'extension' ? captured.origin : plain.origin;
      // A URL of its own, so the hub's tab for this run is found by it.
      const url = `${origin}/?run=${++pageCount}`;
      const page = await cdp.newPage(url);
      const s = page.session;
      if (arm === 'devtools') await s.send('Network.enable');
      await poll(s, 'window.__ready === true', 10_000);
      await new Promise((r) => setTimeout(r, 200));
      const { value, events } = await traced(cdp.browser, async () => {
        if (mode === 'burst') {
          await evaluate(s, `go('burst', ${FRAMES})`);
          const done = await poll<{ parsed: number; ms: number }>(s, 'window.__done', 120_000);
          if (done.parsed !== FRAMES) throw new Error(`page parsed ${done.parsed} of ${FRAMES}`);
          // The capture's hand-off after the burst belongs to the run: trace until the hub has
          // every frame (the other arms get the same time to settle).
          if (arm === 'extension') {
            stored = await storedFrames(cdp, await tabIdOf(cdp, url), FRAMES + 3);
            if (stored !== FRAMES + 3)
              throw new Error(`the hub has ${stored} of ${FRAMES + 3} frames: ${await describeTab(cdp, url)}`);
          }
          await new Promise((r) => setTimeout(r, 300));
          return done.ms;
        }
        await evaluate(s, `go('realistic', 0)`);
        const keepalives = setInterval(() => void evaluate(s, 'keepalive()'), KEEPALIVE_EVERY_MS);
        await new Promise((r) => setTimeout(r, REALISTIC_MS));
        clearInterval(keepalives);
        return REALISTIC_MS;
      });
      const tasks = pageThreadTasks(events);
      await page.close();
      return { ms: value, ...tasks };
    };
    for (const mode of ['burst', 'realistic'] as const) {
      // One warm-up per arm, then the arms alternate run by run.
      for (const arm of ARMS) await runOnce(arm, mode);
      // The order rotates every round, so no arm always follows the extension's after-burst work
      // (the hub's writes run in another process on the same two cores).
      for (let i = 0; i < RUNS; i++)
        for (let k = 0; k < ARMS.length; k++) {
          const arm = ARMS[(i + k) % ARMS.length]!;
          samples[mode][arm].push(await runOnce(arm, mode));
        }
    }
  } finally {
    await cdp.close();
    await captured.close();
    await plain.close();
  }
  const figures = (mode: 'burst' | 'realistic'): TrafficResult => {
    const arms = Object.fromEntries(
      ARMS.map((arm) => {
        const list = samples[mode][arm];
        return [
          arm,
          {
            ms: median(list.map((s) => s.ms)),
            busyMs: median(list.map((s) => s.busyMs)),
            cpuMs: median(list.map((s) => s.cpuMs)),
            longestTaskMs: median(list.map((s) => s.longestTaskMs)),
          },
        ];
      }),
    ) as Record<Arm, ArmFigures>;
    const ratio = (arm: Arm): Ratios => ({
      ms: arms[arm].ms / arms.plain.ms,
      busy: arms[arm].busyMs / arms.plain.busyMs,
      cpu: arms[arm].cpuMs / arms.plain.cpuMs,
    });
    return { arms, ratios: { extension: ratio('extension'), devtools: ratio('devtools') } };
  };
  return {
    frames: FRAMES,
    runs: RUNS,
    burst: figures('burst'),
    realistic: {
      ...figures('realistic'),
      seconds: REALISTIC_MS / 1000,
      snapshots: Math.floor(REALISTIC_MS / SNAPSHOT_EVERY_MS),
    },
    captured: stored,
    // The frames, the navigation, the socket's open and the page's "burst" request.
    expected: FRAMES + 3,
  };
}

async function tabIdOf(cdp: CdpBrowser, url: string): Promise<number> {
  const sw = await cdp.serviceWorker();
  return evaluate<number>(sw, `chrome.tabs.query({ url: ${JSON.stringify(url)} }).then((tabs) => tabs[0].id)`);
}

/** Frame kinds and notices the hub stored for the tab (to explain a miscount). */
async function describeTab(cdp: CdpBrowser, url: string): Promise<string> {
  const tabId = await tabIdOf(cdp, url);
  const sw = await cdp.serviceWorker();
  return evaluate<string>(
    sw,
    `new Promise((resolve) => {
      const req = indexedDB.open('wxcc-inspector-capture');
      req.onsuccess = () => {
        const range = IDBKeyRange.bound([${tabId}, 0], [${tabId}, Number.MAX_SAFE_INTEGER]);
        req.result.transaction('batches').objectStore('batches').getAll(range).onsuccess = (e) => {
          const kinds = {};
          for (const b of e.target.result)
            for (const f of b.frames) {
              const k = f.kind === 'notice' ? 'notice ' + f.data : f.dir + ' ' + f.kind;
              kinds[k] = (kinds[k] || 0) + 1;
            }
          resolve(JSON.stringify(kinds));
        };
      };
    })`,
  );
}

/** How many frames the hub has captured for the tab (kept plus shed by its byte budget), once it has `expected` or stops moving. */
async function storedFrames(cdp: CdpBrowser, tabId: number, expected: number): Promise<number> {
  const sw = await cdp.serviceWorker();
  const read = () =>
    evaluate<number>(
      sw,
      `new Promise((resolve) => {
        const req = indexedDB.open('wxcc-inspector-capture');
        req.onsuccess = () => {
          const get = req.result.transaction('tabs').objectStore('tabs').get(${tabId});
          get.onsuccess = () => resolve(get.result ? get.result.frames + get.result.shedFrames : 0);
          get.onerror = () => resolve(-1);
        };
        req.onerror = () => resolve(-1);
      })`,
    );
  let count = await read();
  for (let last = -1, still = 0; count !== expected && still < 20; ) {
    await new Promise((r) => setTimeout(r, 100));
    last = count;
    count = await read();
    still = count === last ? still + 1 : 0;
  }
  return count;
}

export function printOverhead(r: OverheadResult): void {
  const row = (label: string, t: TrafficResult, span: boolean) => {
    const a = t.arms;
    console.log(`  ${label}`);
    if (span)
      console.log(
        `    delivery first→last: plain ${fmt(a.plain.ms)} ms | extension ${fmt(a.extension.ms)} ms → ${fmt(t.ratios.extension.ms, 3)}× | DevTools Network ${fmt(a.devtools.ms)} ms → ${fmt(t.ratios.devtools.ms, 3)}×`,
      );
    console.log(
      `    page main-thread busy: plain ${fmt(a.plain.busyMs)} ms | extension ${fmt(a.extension.busyMs)} ms → ${fmt(t.ratios.extension.busy, 3)}× | DevTools Network ${fmt(a.devtools.busyMs)} ms → ${fmt(t.ratios.devtools.busy, 3)}×`,
    );
    console.log(
      `    page main-thread CPU:  plain ${fmt(a.plain.cpuMs)} ms | extension ${fmt(a.extension.cpuMs)} ms → ${fmt(t.ratios.extension.cpu, 3)}× | DevTools Network ${fmt(a.devtools.cpuMs)} ms → ${fmt(t.ratios.devtools.cpu, 3)}×`,
    );
    console.log(
      `    longest page task: plain ${fmt(a.plain.longestTaskMs)} ms | extension ${fmt(a.extension.longestTaskMs)} ms | DevTools Network ${fmt(a.devtools.longestTaskMs)} ms`,
    );
  };
  console.log(
    `\nPage cost of capture: bare CDP Chromium, medians of ${r.runs} alternating runs per arm (plain / extension / DevTools Network.enable)`,
  );
  row(`burst: ${r.frames} frames of ~8 KiB, the page parses each`, r.burst, true);
  row(
    `realistic: a 13 KiB snapshot every 200 ms + keepalives both ways every 4 s, ${r.realistic.seconds} s`,
    r.realistic,
    false,
  );
  console.log(
    `  frames the hub captured in each burst run (kept + shed by its budget), checked every run; the last: ${r.captured} of ${r.expected}`,
  );
}
