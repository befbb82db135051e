import { expect, test, type Page, type Worker } from '@playwright/test';
import type { PageFrame } from '../../src/capture/shared/page-chunk';
import { launchWithExtension, stopServiceWorker, type ExtensionBrowser } from './extension';
import { counter, expectContiguous, panelFrames, showFrames } from './panel-page';

let browser: ExtensionBrowser;

test.afterEach(async () => {
  await browser?.close();
});

/** Frames `from`..`to` of a socket, ~1 KiB of JSON each, numbered by the page as `i`. */
function fillers(from: number, to: number): PageFrame[] {
  const pad = 'x'.repeat(1_000);
  const frames: PageFrame[] = [];
  for (let i = from; i <= to; i++) {
    const data = JSON.stringify({ type: 'Filler', data: { i, pad } });
    frames.push({ seq: i, t: 1_700_000_000_000 + i, socket: 'ws-1', dir: 'in', kind: 'text', data, size: data.length });
  }
  return frames;
}

/** Hands frames to the hub as deep capture's would enter it (the test build's `wxccHub` knob). */
async function feed(sw: Worker, tabId: number, frames: PageFrame[]): Promise<void> {
  for (let at = 0; at < frames.length; at += 1_000) {
    await sw.evaluate(
      ([id, part]) =>
        (
          globalThis as unknown as { wxccHub: { acceptFrames(tabId: number, f: unknown[]): Promise<void> } }
        ).wxccHub.acceptFrames(id, part),
      [tabId, frames.slice(at, at + 1_000)] as const,
    );
  }
}

type Seen = { type: string; count?: number; backlog?: boolean; afterHold: boolean };

/**
 * From the panel's first script: records what it sends and receives on its port, and presses
 * Pause (a click on the button, as a person would) right after it answered its `answers`-th
 * backlog message: the fill-in is then under way, whatever the machine's speed.
 */
function pauseAfterAnswers(answers: number): void {
  const runtime = chrome.runtime;
  const connect = runtime.connect.bind(runtime);
  const seen: Seen[] = [];
  const sent: string[] = [];
  let held = false;
  Object.assign(window, { __seen: seen, __sent: sent });
  runtime.connect = ((...args: Parameters<typeof connect>) => {
    const port = connect(...args);
    const post = port.postMessage.bind(port);
    port.postMessage = (m: { type: string }) => {
      sent.push(m.type);
      if (m.type === 'hold') held = true;
      post(m);
      if (m.type === 'more' && sent.filter((t) => t === 'more').length === answers)
        queueMicrotask(() => document.querySelector<HTMLButtonElement>('button[aria-label="Pause"]')?.click());
    };
    port.onMessage.addListener((m: { type: string; frames?: unknown[]; backlog?: boolean }) =>
      seen.push({ type: m.type, count: m.frames?.length, backlog: m.backlog, afterHold: held }),
    );
    return port;
  }) as typeof runtime.connect;
}

const seen = (panel: Page) => panel.evaluate(() => (window as unknown as { __seen: Seen[] }).__seen);
const sent = (panel: Page) => panel.evaluate(() => (window as unknown as { __sent: string[] }).__sent);

test('a pause in the middle of a fill-in holds the rest at the hub; on resume every frame shows once, in order', async () => {
  // Its waits (60 s for the fill-in, then 30 s) end before the test does, so theirs is the message.
  test.setTimeout(150_000);
  browser = await launchWithExtension();
  await browser.context.newPage();
  const sw = await browser.serviceWorker();
  const tabId = await sw.evaluate(async () => Math.max(...(await chrome.tabs.query({})).map((t) => t.id ?? 0)));
  // 20,000 frames of ~1 KiB: about 80 backlog messages after the newest 2,000 shown first.
  const total = 20_000;
  await feed(sw, tabId, fillers(1, total));

  const panel = await browser.context.newPage();
  await panel.addInitScript(pauseAfterAnswers, 5);
  await panel.goto(`chrome-extension://${browser.extensionId}/devtools-panel.html?tabId=${tabId}`);
  await showFrames(panel);

  // Paused mid-fill-in: the button says Resume, the older frames are still on their way.
  await expect(panel.getByRole('button', { name: 'Resume' })).toHaveAttribute('aria-pressed', 'true');
  expect(await sent(panel)).toContain('hold');
  // The loading marker is the list's first row (the list shows the newest at its end).
  const loading = panel.locator('.marker.loading');
  await panel.locator('.vlist').evaluate((el) => (el.scrollTop = 0));
  await expect(loading).toContainText('are on their way');
  const status = panel.locator('.toolbar .status.warn');
  await expect(status).toContainText('fill-in on hold');
  await expect(panel.locator('.toolbar')).toContainText('Connecting');

  // The page goes on meanwhile: the hub stores its frames and keeps them for the paused panel.
  const more = 500;
  await feed(sw, tabId, fillers(total + 1, total + more));
  // What the panel holds while paused: the backlog messages that were on their way when it
  // paused (at most the hub's window of four), nothing after them, no live frame.
  const heldHere = async () =>
    (await seen(panel)).filter((m) => m.afterHold && m.type === 'frames').reduce((n, m) => n + (m.count ?? 0), 0);
  // Waiting: the 500 new frames the hub keeps, and the fill-in's older frames that arrived here
  // after the pause (none, when the hold reached the hub before its next message).
  const waitingText = async () => {
    const older = await heldHere();
    return older > 0
      ? `Paused — ${more} new and ${older} older frames waiting; fill-in on hold`
      : `Paused — ${more} new frames waiting; fill-in on hold`;
  };
  await expect.poll(async () => (await status.textContent()) === (await waitingText())).toBe(true);
  const afterHold = (await seen(panel)).filter((m) => m.afterHold && m.type === 'frames');
  expect(afterHold.length).toBeLessThanOrEqual(4);
  expect(afterHold.every((m) => m.backlog)).toBe(true);
  const received = (await seen(panel)).filter((m) => m.type === 'frames' || m.type === 'tail');
  const receivedFrames = received.reduce((n, m) => n + (m.count ?? 0), 0);
  expect(receivedFrames).toBeLessThan(total / 2);
  // The loading marker still shows the older frames as on their way, with what came so far.
  await expect(loading).toContainText(/Older frames #1–\d+ are on their way/);
  // Docked at the side, the marker stays one row like the frames around it: its text ends in an
  // ellipsis, its title holds all of it (the wrapped second line was cut off before).
  await panel.setViewportSize({ width: 500, height: 700 });
  if (process.env.SHOTS) await panel.screenshot({ path: 'test-results/pause-fill-side.png' });
  await expect(loading).toHaveAttribute(
    'title',
    /^⟳ Older frames #1–\d+ are on their way: .+ \(the newest were shown first\)…$/,
  );
  expect(
    await loading.locator('span').evaluate((el) => ({
      oneLine: el.scrollHeight <= el.clientHeight,
      cut: el.scrollWidth > el.clientWidth,
    })),
  ).toEqual({ oneLine: true, cut: true });
  await panel.setViewportSize({ width: 1280, height: 800 });

  await panel.getByRole('button', { name: 'Resume' }).click();
  await expect(panel.getByRole('button', { name: 'Pause' })).toHaveAttribute('aria-pressed', 'false');
  await expect(panel.locator('.toolbar .status.ok')).toHaveText('● Live', { timeout: 60_000 });
  await expect(loading).toHaveCount(0);
  await expect(counter(panel, 'frames')).toHaveText(String(total + more), { timeout: 30_000 });
  const frames = await panelFrames(panel);
  expect(frames).toHaveLength(total + more);
  expectContiguous(frames);
  // In the page's order, each once: the i each filler carries runs 1..20,500.
  const order = frames.map((f) => (JSON.parse(f.data!) as { data: { i: number } }).data.i);
  expect(order).toEqual(Array.from({ length: total + more }, (_, k) => k + 1));
  await expect(panel.locator('.marker.gap')).toHaveCount(0);
  await expect(panel.locator('.marker.shed')).toHaveCount(0);
  await expect
    .poll(() =>
      panel.evaluate(() => (window as unknown as { wxccInspector: { analysing(): number } }).wxccInspector.analysing()),
    )
    .toBe(0);
  // The hub went on from where it stopped: the backlog came paced again, and done once.
  const messages = await seen(panel);
  expect(messages.filter((m) => m.type === 'backlog-done')).toHaveLength(1);
  expect((await sent(panel)).filter((t) => t === 'fill')).toHaveLength(1);
});

test('the hub shedding while a paused panel’s fill-in is held: one shed row counts all it shed, no gap, the rest in order', async () => {
  // Its waits (60 s for the fill-in, then 30 s) end before the test does, so theirs is the message.
  test.setTimeout(150_000);
  browser = await launchWithExtension();
  await browser.context.newPage();
  const sw = await browser.serviceWorker();
  const tabId = await sw.evaluate(async () => Math.max(...(await chrome.tabs.query({})).map((t) => t.id ?? 0)));
  const total = 20_000;
  await feed(sw, tabId, fillers(1, total));

  const panel = await browser.context.newPage();
  await panel.addInitScript(pauseAfterAnswers, 5);
  await panel.goto(`chrome-extension://${browser.extensionId}/devtools-panel.html?tabId=${tabId}`);
  await showFrames(panel);
  await expect(panel.getByRole('button', { name: 'Resume' })).toHaveAttribute('aria-pressed', 'true');

  // While paused, the capture goes over a smaller budget (~21 MB into 10 MiB): the hub sheds about
  // half of it, among the frames the panel holds and those it keeps for it still to send.
  await sw.evaluate(() =>
    (globalThis as unknown as { wxccHub: { setBudget(bytes: number): void } }).wxccHub.setBudget(10 * 1024 * 1024),
  );
  const more = 500;
  await sw.evaluate(
    ([id, part]) =>
      (
        globalThis as unknown as { wxccHub: { acceptFrames(tabId: number, f: unknown[]): Promise<void> } }
      ).wxccHub.acceptFrames(id, part),
    [tabId, fillers(total + 1, total + more)] as const,
  );
  const shed = counter(panel, 'shed');
  await expect.poll(async () => Number(await shed.textContent())).toBeGreaterThan(5_000);
  const shedFrames = Number(await shed.textContent());
  const status = panel.locator('.toolbar .status.warn');
  await expect(status).toContainText('fill-in on hold');

  await panel.getByRole('button', { name: 'Resume' }).click();
  await expect(panel.locator('.toolbar .status.ok')).toHaveText('● Live', { timeout: 60_000 });
  await expect(counter(panel, 'frames')).toHaveText(String(total + more - shedFrames), { timeout: 30_000 });
  const frames = await panelFrames(panel);
  expectContiguous(frames);
  expect(frames[0]!.seq).toBe(shedFrames + 1);
  expect(frames.at(-1)!.seq).toBe(total + more);
  // One row at the top says how many were shed, the same as the counter: those the panel had, those
  // it held and those it never got. Nothing reads as lost.
  await expect
    .poll(async () => {
      await panel.locator('.vlist').evaluate((el) => (el.scrollTop = 0));
      return panel.locator('.marker.shed').count();
    })
    .toBe(1);
  await expect(panel.locator('.marker.shed')).toContainText(`${shedFrames} oldest frames`);
  // Those it had taken in before the pause were analysed; those held or never sent were not.
  await expect(panel.locator('.marker.shed')).toContainText(
    /the events of \d+ stay in the timelines; \d+ never analysed here/,
  );
  await expect(panel.locator('.marker.shed')).toHaveAttribute('data-first-seq', String(shedFrames + 1));
  await expect(panel.locator('.marker.gap')).toHaveCount(0);
  await expect(counter(panel, 'gaps')).toHaveText('0');
});

test('paused when the service worker restarts: the frames stored meanwhile wait as new frames, no fill-in is said to be on hold; on resume all show once, in order', async () => {
  browser = await launchWithExtension();
  const page = await browser.context.newPage();
  let sw = await browser.serviceWorker();
  const tabId = await sw.evaluate(async () => Math.max(...(await chrome.tabs.query({})).map((t) => t.id ?? 0)));
  await feed(sw, tabId, fillers(1, 100));
  const panel = await browser.context.newPage();
  await panel.goto(`chrome-extension://${browser.extensionId}/devtools-panel.html?tabId=${tabId}`);
  await showFrames(panel);
  await expect(counter(panel, 'frames')).toHaveText('100');
  await expect(panel.locator('.toolbar .status.ok')).toHaveText('● Live');

  await panel.getByRole('button', { name: 'Pause' }).click();
  await feed(sw, tabId, fillers(101, 120));
  const status = panel.locator('.toolbar .status.warn');
  await expect(status).toHaveText('Paused — 20 new frames waiting');

  // The worker stops; the panel reconnects (connecting, its backlog held at the hub as it is paused).
  sw = await (await stopServiceWorker(browser, page)).restarted();
  await expect(panel.locator('.toolbar')).toContainText('○ Connecting…');
  await feed(sw, tabId, fillers(121, 150));
  // The 20 taken in before the stop and the 30 the hub keeps since: all newer than the view.
  await expect(status).toHaveText('Paused — 50 new frames waiting');
  await expect(status).toHaveAttribute(
    'title',
    '50 new frames: arrived since the pause (taken in here, or kept by the hub until you resume)',
  );
  await expect(panel.locator('.marker.loading')).toHaveCount(0);
  await expect(counter(panel, 'frames')).toHaveText('100');

  await panel.getByRole('button', { name: 'Resume' }).click();
  await expect(status).toHaveCount(0);
  await expect(panel.locator('.toolbar .status.ok')).toHaveText('● Live', { timeout: 30_000 });
  await expect(counter(panel, 'frames')).toHaveText('150');
  const frames = await panelFrames(panel);
  expectContiguous(frames);
  expect(frames.map((f) => (JSON.parse(f.data!) as { data: { i: number } }).data.i)).toEqual(
    Array.from({ length: 150 }, (_, k) => k + 1),
  );
});
