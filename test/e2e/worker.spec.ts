// Capture reach (issue 11): the simulated desktop's worker mode, where the notification socket
// lives in a dedicated worker (protocol doc §10.8), seen through the MAIN-world worker tap.
import { expect, test } from '@playwright/test';
import type { Frame } from '../../src/frame/frame';
import { startSimulator, type Simulator } from '../sim/server';
import { launchWithExtension, type ExtensionBrowser } from './extension';
import { expectContiguous, panelFrames, showFrames } from './panel-page';
import { PanelPage } from './pages/panel-page';

let sim: Simulator;
const browsers: ExtensionBrowser[] = [];

test.afterEach(async () => {
  for (const b of browsers.splice(0)) await b.close();
  await sim?.close();
});

/** The notifications a worker-channel frame carries, as the simulator sent them. */
function relayed(frames: Frame[]): string[] {
  const out: string[] = [];
  for (const f of frames) {
    if (f.channel !== 'worker' || f.kind !== 'text' || f.dir !== 'in') continue;
    const message = JSON.parse(f.data!) as { type?: string; data?: { message?: string } };
    if (message.type === 'websocket_message_received' && typeof message.data?.message === 'string')
      out.push(message.data.message);
  }
  return out;
}

test('worker mode: every relayed frame reaches the panel through the worker tap, and the socket reads like a direct one', async () => {
  sim = await startSimulator({ scenario: 'inbound-hold-resume', keepaliveMs: 400, speed: 0 });
  const browser = await launchWithExtension();
  browsers.push(browser);
  const page = await browser.context.newPage();
  await page.goto(`${sim.pageUrl}?mode=worker&keepalive=400`);
  await sim.onIdle();
  await expect
    .poll(() => page.evaluate(() => (window as { __desktop?: { events: string[] } }).__desktop?.events.length))
    .toBeGreaterThan(5);
  const notifications = sim
    .sentLog()
    .map((r) => r.data.toString())
    .filter((d) => d !== '{"keepalive":"true"}');

  const panel = await browser.openPanel(await browser.tabIdOf(page));
  // The interactions view: the call, read from inside the worker's messages.
  await expect(panel.locator('.interaction-row, [data-interaction]').first()).toBeVisible({ timeout: 20_000 });
  await showFrames(panel);
  await expect
    .poll(async () => relayed(await panelFrames(panel)).length, { timeout: 20_000 })
    .toBe(notifications.length);
  const frames = await panelFrames(panel);
  expectContiguous(frames);
  expect(relayed(frames)).toEqual(notifications);
  // The page never opened a socket: everything came through worker-1, named by its script.
  expect(frames.some((f) => f.socket.startsWith('ws-'))).toBe(false);
  const open = frames.find((f) => f.socket === 'worker-1' && f.kind === 'open')!;
  expect(open.url).toMatch(/\/desktop-worker\.js$/);
  expect(open.frameUrl).toContain('/desktop.html?mode=worker');
  // The page → worker direction too, with the access token never recorded.
  const start = frames.find((f) => f.dir === 'out' && f.data?.includes('"start"'))!;
  expect(JSON.parse(start.data!).data.accessToken).toEqual({ $type: 'redacted' });
  expect(JSON.stringify(frames)).not.toContain('sim-access-token');

  // The model reads the bridged socket: capture source on the status bar, no keepalive rule.
  const view = new PanelPage(panel);
  await expect(view.statusBar).toContainText('worker-1/ws-1');
  await expect(view.statusCapture).toHaveText('worker');
  // Every socket row says how it was captured: the worker's own messages, and the bridged socket.
  await expect(view.frames.getByTitle(/^worker: /).first()).toBeVisible();
  await expect(view.frames.getByTitle(/^page: /)).toHaveCount(0);
  await view.showTab('Anomalies');
  await expect(view.ruleUnavailable('keepalive-gap')).toBeVisible();
  await panel.screenshot({ path: 'test-results/panel-worker-mode.png' });
});

test('worker mode: the page behaves identically with and without the extension', async () => {
  sim = await startSimulator({ keepaliveMs: 60_000 });
  const run = async (withExtension: boolean) => {
    const browser = await launchWithExtension({ withExtension });
    browsers.push(browser);
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${sim.origin}/worker-harness.html`);
    await page.waitForFunction(() => (window as { __harness?: { done: boolean } }).__harness?.done === true, null, {
      timeout: 20_000,
    });
    const events = await page.evaluate(
      () => (window as unknown as { __harness: { events: unknown[] } }).__harness.events,
    );
    return { events, errors, page, browser };
  };
  const without = await run(false);
  const withExt = await run(true);
  expect(without.errors).toEqual([]);
  expect(withExt.errors).toEqual([]);
  const text = JSON.stringify(without.events);
  for (const probe of [
    '"stoppedImmediatePropagation":true',
    'DataCloneError',
    '"detachedAfterTransfer":0',
    '"sharedWorker"',
  ])
    expect(text).toContain(probe);
  expect(withExt.events).toEqual(without.events);

  // …and the tap saw those messages, both ways.
  const panel = await showFrames(await withExt.browser.openPanel(await withExt.browser.tabIdOf(withExt.page)));
  await expect
    .poll(async () => (await panelFrames(panel)).filter((f) => f.channel === 'worker' && f.kind === 'text').length)
    .toBeGreaterThanOrEqual(6);
  // Both workers' messages: the second one's may arrive after the first six frames.
  await expect
    .poll(
      async () => new Set((await panelFrames(panel)).filter((f) => f.channel === 'worker').map((f) => f.socket)).size,
    )
    .toBeGreaterThanOrEqual(2);
  const frames = await panelFrames(panel);
  expect(frames.some((f) => f.dir === 'out' && f.data?.includes('"Uint8Array"'))).toBe(true);
  expect(frames.some((f) => f.dir === 'in' && f.data?.includes('echo'))).toBe(true);
});

test('embedded mode: the CRM tab’s panel shows the sockets of the desktop in its cross-origin iframe, labelled with the frame', async () => {
  sim = await startSimulator({ scenario: 'inbound-hold-resume', keepaliveMs: 60_000, speed: 0, crmHost: '127.0.0.2' });
  const browser = await launchWithExtension();
  browsers.push(browser);
  const page = await browser.context.newPage();
  const desktopUrl = `${sim.pageUrl}?keepalive=0`;
  await page.goto(sim.crmUrl(desktopUrl));
  await sim.onIdle();
  const sent = sim.sentLog().map((r) => r.data.toString());
  // The top page is another origin: the capture runs only in the desktop's frame.
  expect(new URL(page.url()).host).not.toBe(new URL(sim.origin).host);
  const frame = page.frames().find((f) => f.url().startsWith(sim.pageUrl))!;
  await expect
    .poll(() => frame.evaluate(() => (window as { __desktop?: { events: string[] } }).__desktop?.events.length))
    .toBeGreaterThan(5);

  // The extension has no permission for the CRM's origin, so Chrome hides the tab's URL from it:
  // the CRM tab is the newest tab.
  const sw = await browser.serviceWorker();
  const tabId = await sw.evaluate(async () => Math.max(...(await chrome.tabs.query({})).map((t) => t.id ?? -1)));
  const panel = await showFrames(await browser.openPanel(tabId));
  await expect
    .poll(
      async () =>
        (await panelFrames(panel)).filter((f) => f.socket === 'ws-1' && f.kind === 'text' && f.dir === 'in').length,
      { timeout: 20_000 },
    )
    .toBe(sent.length);
  const frames = await panelFrames(panel);
  expectContiguous(frames);
  expect(frames.filter((f) => f.socket === 'ws-1' && f.kind === 'text' && f.dir === 'in').map((f) => f.data)).toEqual(
    sent,
  );
  expect(frames.find((f) => f.socket === 'ws-1')!.frameUrl).toBe(desktopUrl);
  // The rows say which document the socket lives in (the desktop's frame, not the CRM page).
  await expect(new PanelPage(panel).framesInDocument(desktopUrl).first()).toBeVisible();
  await panel.getByRole('tab', { name: /Interactions/ }).click();
  await expect(panel.locator('[data-interaction]').first()).toBeVisible();
});

test('a desktop page without any notification socket gets the no-socket notice after 15 s, with what was seen', async () => {
  sim = await startSimulator({ keepaliveMs: 60_000 });
  const browser = await launchWithExtension();
  browsers.push(browser);
  const page = await browser.context.newPage();
  // The worker harness: a desktop-origin page with workers and no notification socket at all.
  await page.goto(`${sim.origin}/worker-harness.html`);
  const panel = new PanelPage(await browser.openPanel(await browser.tabIdOf(page)));
  const notice = panel.noSocketNotice;
  await expect(notice).toBeVisible({ timeout: 30_000 });
  await expect(notice).toContainText(/No notification socket in the \d+ s since this page loaded\./);
  await expect(notice).toContainText('worker-1');
  // Its script URL as recorded: the token the page put in it is gone.
  await expect(notice).toContainText('worker-harness-worker.js?access_token=(removed)&v=1');
  await expect(notice).not.toContainText('SECRET-W');
  await expect(notice).toContainText('Deep capture');
  await expect(notice).toContainText('Import a HAR');
  await expect(notice).toContainText('Reload the page');
  // The Frames tab says it too, above the workers' messages.
  await panel.showTab('Frames');
  await expect(panel.noSocketNotice).toBeVisible();
  await panel.page.screenshot({ path: 'test-results/panel-no-socket.png' });
});
