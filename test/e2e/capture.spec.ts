import { expect, test } from '@playwright/test';
import { startSimulator, type SimOptions, type Simulator } from '../sim/server';
import { launchWithExtension, stopServiceWorker, type ExtensionBrowser } from './extension';
import {
  counter,
  expectContiguous,
  panelFrames,
  showFrames,
  waitForFrames,
  waitForSimulatorFrames,
} from './panel-page';
import { servePage } from './static-page';

let sim: Simulator;
let browser: ExtensionBrowser;

test.afterEach(async () => {
  await browser?.close();
  await sim?.close();
});

/** The simulated desktop in a tab of a browser with the extension, its scenario played out. */
async function desktopPlayed(options: SimOptions, query = '') {
  sim = await startSimulator(options);
  browser = await launchWithExtension();
  const page = await browser.context.newPage();
  await page.goto(`${sim.pageUrl}${query}`);
  await sim.onIdle();
  return { page, tabId: await browser.tabIdOf(page) };
}

test('every frame in and out reaches the panel complete and in order, including those sent before it opened', async () => {
  const { tabId } = await desktopPlayed({ scenario: 'inbound-hold-resume', keepaliveMs: 400 }, '?keepalive=400');

  // Everything so far happened before any panel existed.
  const sentBefore = sim.sentLog().map((r) => r.data.toString());
  const receivedBefore = sim.received();
  expect(sentBefore.length).toBeGreaterThan(10);
  expect(receivedBefore.length).toBeGreaterThan(1);

  const panel = await showFrames(await browser.openPanel(tabId));
  await waitForFrames(panel, sentBefore.length + receivedBefore.length + 4);
  const all = await panelFrames(panel);
  expectContiguous(all);
  // The subscribe call before the socket is a WxCC API request: its own frames (requests.spec.ts).
  expect(all.slice(1, 3).map((f) => `${f.socket} ${f.kind}`)).toEqual(['http-1 request', 'http-1 response']);
  const frames = all.filter((f) => f.kind !== 'request' && f.kind !== 'response');
  expect(frames[0]).toMatchObject({ seq: 1, dir: 'meta', kind: 'navigation' });
  expect(frames[1]).toMatchObject({ dir: 'in', kind: 'open', socket: 'ws-1' });
  expect(frames[1]!.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/v1\/notification\/subscription\//);

  const inbound = frames.filter((f) => f.dir === 'in' && f.kind === 'text').map((f) => f.data);
  const outbound = frames.filter((f) => f.dir === 'out').map((f) => f.data);
  expect(inbound.slice(0, sentBefore.length)).toEqual(sentBefore);
  expect(outbound.slice(0, receivedBefore.length)).toEqual(receivedBefore);
  expect(JSON.parse(inbound[0]!)).toMatchObject({ type: 'Welcome' });
  expect(frames.find((f) => f.data?.includes('"AgentContactHeld"'))?.size).toBeGreaterThan(1000);

  // What a person sees: the counters, and the first rows once scrolled to the top.
  await expect(counter(panel, 'gaps')).toHaveText('0');
  await expect(counter(panel, 'shed')).toHaveText('0');
  await panel.locator('.vlist').evaluate((el) => (el.scrollTop = 0));
  await expect(panel.locator('.vrow', { hasText: 'page loaded' }).first()).toBeVisible();
  await expect(panel.locator('.vrow', { hasText: '"type":"Welcome"' }).first()).toBeVisible();
  await expect(panel.locator('.vrow', { hasText: '↑ out' }).first()).toBeVisible();

  // Live: frames sent now appear without reopening anything (the list follows them from its end;
  // scrolled to the top, a busy machine's keepalives can push the new row out of view).
  await panel.locator('.vlist').evaluate((el) => (el.scrollTop = el.scrollHeight));
  sim.inject({ type: 'RoutingMessage', data: { type: 'LiveProbe', marker: 'live-probe-1' } });
  await expect(panel.locator('.vrow', { hasText: 'live-probe-1' })).toBeVisible();
  await panel.screenshot({ path: 'test-results/panel-frames.png' });
});

test('a service-worker stop in mid-stream loses no frame', async () => {
  // Its waits (15, 30 and 20 s) end before the test does, so theirs is the message.
  test.setTimeout(90_000);
  const { page, tabId } = await desktopPlayed({ scenario: 'inbound-hold-resume', keepaliveMs: 60_000 });
  const panel = await showFrames(await browser.openPanel(tabId));
  await waitForFrames(panel, 5);

  const total = 1500;
  let stop: Awaited<ReturnType<typeof stopServiceWorker>> | undefined;
  for (let i = 1; i <= total; i++) {
    sim.inject({ type: 'RoutingMessage', data: { type: 'StreamProbe', n: i } });
    if (i === total / 2) stop = await stopServiceWorker(browser, page);
    if (i % 50 === 0) await page.waitForTimeout(20);
  }
  // The stop really happened: the worker that answers now is a fresh one.
  await stop!.restarted();

  await expect
    .poll(async () => (await panelFrames(panel)).filter((f) => f.data?.includes('StreamProbe')).length, {
      timeout: 30_000,
    })
    .toBe(total);
  const frames = await panelFrames(panel);
  expectContiguous(frames);
  const probes = frames
    .filter((f) => f.data?.includes('StreamProbe'))
    .map((f) => (JSON.parse(f.data!) as { data: { n: number } }).data.n);
  expect(probes).toEqual(Array.from({ length: total }, (_, i) => i + 1));

  // A panel opened after the restart gets the same capture from the stored backlog.
  const late = await showFrames(await browser.openPanel(tabId));
  await waitForFrames(late, frames.length);
  expect((await panelFrames(late)).slice(0, frames.length)).toEqual(frames);
});

test('a reload adds a navigation frame and keeps the capture; the new socket gets its own id', async () => {
  const { page, tabId } = await desktopPlayed({ scenario: 'inbound-hold-resume', keepaliveMs: 60_000, speed: 0 });
  // The simulator has sent everything; the page must have received it before it reloads (a frame
  // still on the wire when the page unloads never reached the page: there is nothing to capture).
  const sent = sim.sentLog().length;
  await page.waitForFunction((n) => (window as { __desktop?: { frames: number } }).__desktop!.frames >= n, sent);
  await page.reload();
  await sim.waitForConnections(2);
  await sim.onIdle();
  const panel = await showFrames(await browser.openPanel(tabId));
  const welcomes = async () =>
    (await panelFrames(panel)).filter((f) => f.data?.includes('"Welcome"')).map((f) => f.socket);
  await expect.poll(welcomes).toEqual(['ws-1', 'ws-2']);
  const frames = await panelFrames(panel);
  expectContiguous(frames);
  expect(frames.filter((f) => f.kind === 'navigation')).toHaveLength(2);
  const secondNav = frames.findIndex((f, i) => i > 0 && f.kind === 'navigation');
  const secondSocket = frames.findIndex((f) => f.socket === 'ws-2');
  expect(secondSocket).toBeGreaterThan(secondNav);

  // With "Preserve log" off, the next page load starts the view afresh.
  await panel.getByRole('checkbox', { name: 'Preserve log' }).uncheck();
  await page.reload();
  await sim.waitForConnections(3);
  await expect.poll(async () => (await panelFrames(panel)).filter((f) => f.kind === 'navigation').length).toBe(1);
  await expect
    .poll(async () => (await panelFrames(panel)).some((f) => f.socket === 'ws-3' && f.data?.includes('"Welcome"')))
    .toBe(true);
  expect((await panelFrames(panel)).some((f) => f.socket === 'ws-1')).toBe(false);
});

test('pause freezes the view without losing frames, resume shows them, clear empties the capture', async () => {
  // No page keepalives: on a loaded machine one could land after the clear and before "AfterClear".
  const { tabId } = await desktopPlayed(
    { scenario: 'inbound-hold-resume', keepaliveMs: 60_000, speed: 0 },
    '?keepalive=0',
  );
  const panel = await showFrames(await browser.openPanel(tabId));
  await waitForSimulatorFrames(panel, sim);
  const before = Number(await counter(panel, 'frames').textContent());

  await panel.getByRole('button', { name: 'Pause' }).click();
  for (let i = 0; i < 3; i++) sim.inject({ type: 'RoutingMessage', data: { type: 'WhilePaused', i } });
  await expect(panel.getByText('Paused — 3 new frames waiting')).toBeVisible();
  await expect(counter(panel, 'frames')).toHaveText(String(before));
  await panel.getByRole('button', { name: 'Resume' }).click();
  await expect(counter(panel, 'frames')).toHaveText(String(before + 3));

  await panel.getByRole('button', { name: 'Clear' }).click();
  await expect(panel.getByText('Capture cleared.')).toBeVisible();
  await expect(counter(panel, 'frames')).toHaveText('0');
  sim.inject({ type: 'RoutingMessage', data: { type: 'AfterClear' } });
  await expect(panel.locator('.vrow', { hasText: 'AfterClear' })).toBeVisible();
  await expect(counter(panel, 'frames')).toHaveText('1');
  // A panel opened now sees only what came after the clear.
  const late = await showFrames(await browser.openPanel(tabId));
  await waitForFrames(late, 1);
  expect((await panelFrames(late)).map((f) => f.data)).toEqual([expect.stringContaining('AfterClear')]);
});

test('the frame log stays a virtualized list at tens of thousands of rows', async () => {
  // The waits say where the frames were if they run out (the test's own timeout would not).
  test.setTimeout(120_000);
  const { page, tabId } = await desktopPlayed({ scenario: 'inbound-hold-resume', keepaliveMs: 60_000, speed: 0 });
  const panel = await showFrames(await browser.openPanel(tabId));
  const total = 20_000;
  for (let i = 1; i <= total; i++) {
    sim.inject({ type: 'RoutingMessage', data: { type: 'Bulk', n: i } });
    if (i % 5000 === 0) await page.waitForTimeout(10);
  }
  await waitForFrames(panel, total, 60_000, page);
  const frames = await panelFrames(panel);
  expectContiguous(frames);
  // Rendered rows stay a screenful however long the log is.
  expect(await panel.locator('.vrow').count()).toBeLessThan(120);
  const list = panel.locator('.vlist');
  // Scrolled up while rows still stream in: the list stays where the reader put it.
  await list.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  for (let i = 1; i <= 200; i++) sim.inject({ type: 'RoutingMessage', data: { type: 'Bulk', n: total + i } });
  await waitForFrames(panel, total + 200, 30_000, page);
  const row = panel.locator('.vrow').nth(15);
  const seq = Number(await row.locator('.c-seq').textContent());
  expect(seq).toBeGreaterThan(total * 0.4);
  expect(seq).toBeLessThan(total * 0.6);
  // The row shows the frame with that seq.
  await expect(row.locator('.c-data')).toHaveText(frames.find((f) => f.seq === seq)!.data!);
});

test('the panel follows the colour scheme and tells what to do before any frame arrived', async () => {
  browser = await launchWithExtension();
  const quiet = await servePage('<!doctype html><title>no socket here</title>');
  const page = await browser.context.newPage();
  await page.goto(quiet.url);
  const panel = await browser.context.newPage();
  await panel.emulateMedia({ colorScheme: 'dark' });
  await panel.goto(
    `chrome-extension://${browser.extensionId}/devtools-panel.html?tabId=${await browser.tabIdOf(page)}`,
  );
  // The page loaded with capture running, but never opened a socket.
  await expect(panel.getByText('No WebSocket on this page yet.')).toBeVisible();
  await showFrames(panel);
  await expect(panel.getByText('No WebSocket on this page yet.')).toBeVisible();
  await expect(panel.locator('.vrow', { hasText: 'page loaded' })).toBeVisible();
  await expect(panel.locator('html')).toHaveAttribute('data-theme', 'dark');
  await panel.emulateMedia({ colorScheme: 'light' });
  await expect(panel.locator('html')).toHaveAttribute('data-theme', 'light');
  const background = await panel.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(255, 255, 255)');
  await quiet.close();

  // A tab the capture never ran in (the extension was installed after it loaded, or another origin).
  const other = await showFrames(await browser.openPanel(999_999));
  await expect(other.getByText('No agent desktop socket yet.')).toBeVisible();
  await expect(other.getByText('Reload the desktop page so capture starts at page load')).toBeVisible();
});
