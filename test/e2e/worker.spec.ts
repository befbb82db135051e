// Capture reach (issue 11): the simulated desktop's worker mode, where the notification socket
// lives in a dedicated worker (protocol doc §10.8), seen through the MAIN-world worker tap.
import { expect, test } from '@playwright/test';
import type { Frame } from '../../src/frame/frame';
import { startSimulator, type Simulator } from '../sim/server';
import { seriousViolations } from './axe';
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

test('a desktop page without any notification socket gets the no-socket notice after 15 s: one line at either dock size, what was seen and what to do a click away', async () => {
  sim = await startSimulator({ keepaliveMs: 60_000 });
  const browser = await launchWithExtension();
  browsers.push(browser);
  const page = await browser.context.newPage();
  // The worker harness: a desktop-origin page with workers and no notification socket at all.
  await page.goto(`${sim.origin}/worker-harness.html`);
  const panel = new PanelPage(await browser.openPanel(await browser.tabIdOf(page)));
  const notice = panel.noSocketNotice;
  await expect(notice).toBeVisible({ timeout: 30_000 });
  const line = notice.locator('summary');
  const headline = /^No notification socket in the \d+ s since this page loaded\. Saw 2 workers \(\d+ messages\)\.$/;
  await expect(line).toHaveText(headline);
  await expect(line).toHaveAttribute(
    'title',
    /^No notification socket in the \d+ s since this page loaded\. Saw 2 workers \(\d+ messages\)\. Open for what it saw and what to do\.$/,
  );
  // Read out once: the notice's one live region says the fact and what was seen, with no clock
  // and no message count, so it stays as it is while the line under it counts the seconds (a live
  // region around that line was read out again at every tick).
  const said = panel.noSocketSaid;
  const saw = 'No notification socket since this page loaded: saw 2 workers.';
  await expect(said).toHaveText(saw);
  await expect(notice.locator('[role="alert"], [role="status"], [role="log"], [aria-live]')).toHaveCount(1);
  await said.evaluate((el) => {
    const w = window as unknown as { saidChanges: number };
    w.saidChanges = 0;
    new MutationObserver((changes) => {
      w.saidChanges += changes.length;
    }).observe(el, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  const seconds = async () => Number(/ in the (\d+) s since /.exec((await line.textContent()) ?? '')?.[1]);
  const before = await seconds();
  await expect.poll(seconds, { timeout: 5_000 }).toBeGreaterThanOrEqual(before + 2);
  expect(await said.evaluate(() => (window as unknown as { saidChanges: number }).saidChanges)).toBe(0);
  await expect(said).toHaveText(saw);
  const workerLine = notice.getByText(/^worker-1 \(.*\): \d+ messages, none carrying a notification$/);
  // Its details a click away, the same facts as before, each in view once open.
  await expect(workerLine).toBeHidden();
  await expect(notice).toContainText('Deep capture');

  /** The notice's height and, on the Frames tab, the tab's. */
  const heights = () =>
    notice.evaluate((el) => ({
      notice: el.getBoundingClientRect().height,
      line: el.querySelector('summary')!.getBoundingClientRect().height,
      lineHeight: Number.parseFloat(getComputedStyle(el.querySelector('summary')!).lineHeight),
      tab: el.parentElement!.getBoundingClientRect().height,
    }));
  for (const [name, width, height] of [
    ['bottom', 1400, 300],
    ['side', 500, 700],
  ] as const) {
    for (const theme of ['light', 'dark'] as const) {
      await panel.page.setViewportSize({ width, height });
      await panel.page.emulateMedia({ colorScheme: theme });
      for (const tab of ['Interactions', 'Frames'] as const) {
        await panel.showTab(tab);
        await expect(line).toHaveText(headline);
        await expect(workerLine).toBeHidden();
        // Under it, the tab still says what it is for.
        if (tab === 'Interactions') await expect(panel.page.getByText('No interaction yet.')).toBeVisible();
        // One line: the summary a line high, the notice that and its padding and border.
        const closed = await heights();
        expect(closed.line, `${name} ${theme} ${tab}`).toBe(closed.lineHeight);
        expect(closed.notice, `${name} ${theme} ${tab}`).toBeLessThanOrEqual(closed.lineHeight + 6);
        expect(await seriousViolations(panel.page), `no-socket notice, ${name} ${theme} ${tab}`).toEqual([]);
        await panel.page.screenshot({ path: `test-results/no-socket-${tab.toLowerCase()}-${name}-${theme}.png` });
      }
    }
  }
  // Open (on the Frames tab, at the side): every fact, in view; it stays open on the other tab.
  await line.click();
  await expect(workerLine).toBeVisible();
  await expect(notice).toContainText('worker-harness-worker.js?access_token=(removed)&v=1');
  await expect(notice).not.toContainText('SECRET-W');
  for (const what of [
    'The Agent Desktop opens it within seconds, in the page or in a worker; the inspector saw neither.',
    'Deep capture',
    'Import a HAR',
    'Reload the page',
  ])
    await expect(notice.getByText(what).first()).toBeInViewport();
  // Open above the Frames tab's list, it gives way: at most 45% of the tab, the rest scrolls.
  const open = await heights();
  expect(open.notice).toBeLessThanOrEqual(open.tab * 0.45 + 1);
  expect(await seriousViolations(panel.page), 'no-socket notice open, side dark').toEqual([]);
  await panel.page.screenshot({ path: 'test-results/no-socket-open-side-dark.png' });
  await panel.showTab('Interactions');
  await expect(workerLine).toBeVisible();
  await line.click();
  await expect(workerLine).toBeHidden();
});
