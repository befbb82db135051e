// Chrome deep capture (issue 11): the panel's switch attaches chrome.debugger to the tab, and CDP
// Network.webSocket* events of the socket inside the desktop's worker become `cdp` frames; the
// model counts each notification once although the worker tap sees it too.
import { expect, test } from '@playwright/test';
import type { Frame } from '../../src/frame/frame';
import { startSimulator, type Simulator } from '../sim/server';
import { launchWithExtension, type ExtensionBrowser } from './extension';
import { expectContiguous, panelFrames } from './panel-page';
import { PanelPage } from './pages/panel-page';

let sim: Simulator;
let browser: ExtensionBrowser;

test.afterEach(async () => {
  await browser?.close();
  await sim?.close();
});

interface SocketRow {
  id: string;
  capture: string;
  duplicateOf?: string;
  frames: number;
}

test('deep capture records the socket that lives in a worker, as cdp frames, and the model counts each event once', async () => {
  sim = await startSimulator({ scenario: 'inbound-hold-resume', keepaliveMs: 500, speed: 0 });
  browser = await launchWithExtension();
  const page = await browser.context.newPage();
  await page.goto(`${sim.pageUrl}?mode=worker&keepalive=500`);
  await sim.onIdle();
  const panel = await browser.openPanel(await browser.tabIdOf(page));

  const toggle = panel.getByLabel('Deep capture');
  await expect(toggle).toBeVisible();
  await expect(toggle).not.toBeChecked();
  await toggle.check();
  await expect(panel.getByText('Chrome’s debugging bar is showing')).toBeVisible();
  await expect
    .poll(async () =>
      (await panelFrames(panel)).some((f) => f.kind === 'notice' && f.data?.startsWith('deep capture on')),
    )
    .toBe(true);

  // Deep capture starts from now: reload, so the worker's new socket is seen from its start.
  const before = sim.sentLog().length;
  await page.reload();
  await sim.waitForConnections(2);
  sim.play();
  await sim.onIdle();
  const sent = sim
    .sentLog()
    .slice(before)
    .filter((r) => r.connection === sim.totalConnections())
    .map((r) => r.data.toString());
  expect(sent.some((d) => d.includes('"Welcome"'))).toBe(true);

  // The reloaded worker's socket: the one whose handshake deep capture saw (the first load's
  // socket, still open when it was switched on, has keepalives only and no open).
  const newSocket = (frames: Frame[]) => frames.find((f) => f.source === 'cdp' && f.kind === 'open')?.socket;
  const cdpIn = (frames: Frame[]) =>
    frames.filter((f) => f.socket === newSocket(frames) && f.kind === 'text' && f.dir === 'in').map((f) => f.data);
  await expect
    .poll(async () => cdpIn(await panelFrames(panel)).length, { timeout: 20_000 })
    .toBeGreaterThanOrEqual(sent.length);
  const frames = await panelFrames(panel);
  expectContiguous(frames);
  // Every frame the server sent on the worker's socket, keepalives included (the tap cannot see those).
  expect(cdpIn(frames).slice(0, sent.length)).toEqual(sent);
  const cdpOpen = frames.find((f) => f.source === 'cdp' && f.kind === 'open')!;
  expect(cdpOpen.socket).toMatch(/^cdp-\d+$/);
  expect(cdpOpen.url).toMatch(/\/v1\/notification\/subscription\//);
  expect(cdpOpen.frameUrl).toMatch(/\/desktop-worker\.js$/);
  expect(frames.some((f) => f.source === 'cdp' && f.dir === 'out' && f.data === '{"keepalive":"true"}')).toBe(true);

  // The same socket seen twice (worker tap and CDP) is one socket to the model.
  const events = sent.filter((d) => !d.includes('"keepalive"')).length;
  await expect
    .poll(
      async () =>
        (
          (await panel.evaluate(() =>
            (window as never as { wxccInspector: { sockets(): SocketRow[] } }).wxccInspector.sockets(),
          )) as SocketRow[]
        ).filter((s) => s.duplicateOf).length,
    )
    .toBe(1);
  const sockets = (await panel.evaluate(() =>
    (window as never as { wxccInspector: { sockets(): SocketRow[] } }).wxccInspector.sockets(),
  )) as SocketRow[];
  // The pair: one of the new socket's two views names the other, of the other capture. (The first
  // load's socket, still open when deep capture started, is a cdp socket of its own: keepalives only.)
  const duplicate = sockets.find((s) => s.duplicateOf)!;
  const original = sockets.find((s) => s.id === duplicate.duplicateOf)!;
  expect([duplicate.capture, original.capture].sort()).toEqual(['cdp', 'worker']);
  // The replay's events, each once (Preserve log is off: the view starts afresh at the reload; the
  // model digests frames in slices, so wait for it).
  await expect
    .poll(
      async () =>
        (
          (await panel.evaluate(() =>
            (window as never as { wxccInspector: { model(): { events: number } } }).wxccInspector.model(),
          )) as { events: number }
        ).events,
      { timeout: 20_000 },
    )
    .toBe(events);
  await expect(new PanelPage(panel).statusCapture).toHaveText(/cdp|worker/);

  await toggle.uncheck();
  await expect
    .poll(async () => (await panelFrames(panel)).some((f) => f.kind === 'notice' && f.data === 'deep capture off'))
    .toBe(true);
  await panel.screenshot({ path: 'test-results/panel-deep-capture.png' });
});
