/**
 * Where the viewer's analysis worker spends its time while a 100,000-event backlog is analysed
 * (issue 14 goal 3): a CPU profile of the worker (attached over the page's CDP session), from the
 * load until the analysis is done, as self time by function and the share it was idle, and every
 * Chromium thread's CPU time meanwhile. A diagnosis aid, not a benchmark (the profiler takes a
 * share of the cores itself: compare its runs only with each other): `tsx
 * test/bench/worker-profile.ts` (build first: `WXT_NO_MINIFY=1 npx wxt build --mode test` keeps
 * the functions' names; `PROFILE_EXTENSION_DIR` profiles another build).
 */
import type { Frame } from '../../src/frame/frame';
import { launchWithExtension } from '../e2e/extension';
import { nodeName, type Profile } from './cpu-profile';
import { framesIntoPage, serveFrames, sessionFrames } from './panel-render';
import { chromiumThreadCpu, cpuSpent } from './thread-cpu';

const EVENTS = Number(process.env.BENCH_PANEL_EVENTS ?? 100_000);

const { frames } = sessionFrames(EVENTS);
const server = await serveFrames(frames);
const browser = await launchWithExtension({ extensionDir: process.env.PROFILE_EXTENSION_DIR });
try {
  const viewer = await browser.context.newPage();
  await viewer.addInitScript('window.__name = (f) => f');
  const cdp = await browser.context.newCDPSession(viewer);
  // Non-flattened: the worker's messages come back on this session, which Playwright leaves to us.
  let workerSession = '';
  let nextId = 1;
  const replies = new Map<number, (result: unknown) => void>();
  cdp.on('Target.attachedToTarget', (e) => {
    if ((e.targetInfo as { type: string }).type === 'worker' && !workerSession) workerSession = e.sessionId;
  });
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const message = JSON.parse(e.message) as { id?: number; result?: unknown };
    if (message.id !== undefined) replies.get(message.id)?.(message.result);
  });
  const toWorker = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      replies.set(id, resolve);
      void cdp.send('Target.sendMessageToTarget', {
        sessionId: workerSession,
        message: JSON.stringify({ id, method, params }),
      });
    });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
  await viewer.waitForFunction(() => 'wxccInspector' in window);
  await framesIntoPage(viewer, server, frames.length);
  for (let i = 0; i < 100 && !workerSession; i++) await new Promise((r) => setTimeout(r, 50));
  if (!workerSession) throw new Error('no worker attached');
  await toWorker('Profiler.enable');
  await toWorker('Profiler.setSamplingInterval', { interval: 500 });
  await toWorker('Profiler.start');
  const before = chromiumThreadCpu(browser.userDataDir);
  const start = Date.now();
  await viewer.evaluate(() => {
    const w = window as unknown as { wxccInspector: { load(f: Frame[]): void }; __frames: Frame[] };
    w.wxccInspector.load(w.__frames);
    w.__frames = [];
  });
  let x = 0;
  for (;;) {
    const left = await viewer.evaluate(() =>
      (window as unknown as { wxccInspector: { analysing(): number } }).wxccInspector.analysing(),
    );
    if (left === 0) break;
    await viewer.mouse.move(200 + (x++ % 400), 300 + (x % 200));
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const wall = Date.now() - start;
  const cpu = cpuSpent(before, chromiumThreadCpu(browser.userDataDir)).filter(([, ms]) => ms >= 100);
  console.log(`CPU by thread meanwhile: ${cpu.map(([key, ms]) => `${key} ${ms} ms`).join('; ')}`);
  const { profile } = (await toWorker('Profiler.stop')) as { profile: Profile };
  report(profile, wall);
} finally {
  await browser.close();
  server.close();
}

function report(profile: Profile, wall: number): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const name = nodeName;
  const self = new Map<string, number>();
  let idle = 0;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    const n = byId.get(profile.samples[i]!)!;
    total += dt;
    if (n.callFrame.functionName === '(idle)') idle += dt;
    self.set(name(n), (self.get(name(n)) ?? 0) + dt);
  }
  console.log(
    `analysis ${wall} ms wall; worker profile ${(total / 1000).toFixed(0)} ms, idle ${(idle / 1000).toFixed(0)} ms, ${frames.length} frames`,
  );
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.PROFILE_TOP ?? 40)))
    console.log(`  ${(v / 1000).toFixed(1).padStart(8)} ms  ${k}`);
}
