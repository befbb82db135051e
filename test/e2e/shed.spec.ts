import { expect, test, type Page } from '@playwright/test';
import type { Frame } from '../../src/frame/frame';
import { startSimulator, type Simulator } from '../sim/server';
import { launchWithExtension, type ExtensionBrowser } from './extension';
import { counter, expectContiguous, panelFrames, showFrames } from './panel-page';

let sim: Simulator;
let browser: ExtensionBrowser;

test.afterEach(async () => {
  await browser?.close();
  await sim?.close();
});

/** The hub's byte budget in the test build (its background's `wxccHub` knob). */
async function setBudget(bytes: number): Promise<void> {
  await (await browser.serviceWorker()).evaluate((n) => {
    (globalThis as unknown as { wxccHub: { setBudget(bytes: number): void } }).wxccHub.setBudget(n);
  }, bytes);
}

/** Scrolls the Frames tab's list to its top (again, while it follows new rows) until the marker shows. */
async function shedMarkerAtTop(panel: Page) {
  await expect
    .poll(async () => {
      await panel.locator('.vlist').evaluate((el) => (el.scrollTop = 0));
      return panel.locator('.marker.shed').count();
    })
    .toBe(1);
  return panel.locator('.marker.shed');
}

/**
 * Fillers `from`..`to - 1` of ~930 bytes, injected 20 at a time, each group once `panel` shows its
 * last one. The hub sheds whole stored batches, and the relay may gather many frames into one
 * (a loaded machine gathers more): a batch outweighing this tiny budget is shed whole as soon as
 * it is stored, and a panel waiting for its last frame would wait for a frame the hub deleted.
 * Twenty fillers (~19 KB) never outweigh it.
 */
async function injectFillers(panel: Page, from: number, to: number): Promise<void> {
  const filler = 'x'.repeat(900);
  for (let start = from; start < to; start += 20) {
    const end = Math.min(to, start + 20);
    for (let i = start; i < end; i++) sim.inject({ type: 'Filler', data: { i, filler } });
    await expect
      .poll(async () => (await panelFrames(panel)).some((f) => f.data?.includes(`"i":${end - 1},`)))
      .toBe(true);
  }
}

/** The hub's figures for the tab, as a panel's status bar shows them. */
const shedCount = async (panel: Page) => Number(await counter(panel, 'shed').textContent());

test('frames the hub shed leave every open panel too, behind one marker; two panels of a tab show the same capture', async () => {
  sim = await startSimulator({ scenario: 'inbound-hold-resume', keepaliveMs: 60_000, speed: 0 });
  browser = await launchWithExtension();
  await setBudget(40_000);
  const page = await browser.context.newPage();
  await page.goto(sim.pageUrl);
  await sim.onIdle();
  const tabId = await browser.tabIdOf(page);

  // One panel watches live while the hub sheds; a second one opens afterwards (the backlog).
  const live = await showFrames(await browser.openPanel(tabId));
  await expect.poll(() => panelFrames(live).then((f) => f.length)).toBeGreaterThan(5);
  // The last filler arrived (a keepalive of the page may come after it).
  await injectFillers(live, 0, 200);
  await expect.poll(() => shedCount(live), { timeout: 20_000 }).toBeGreaterThan(100);

  const later = await showFrames(await browser.openPanel(tabId));
  // Both read in one look: a frame still on its way (the page's keepalive, say) may reach one
  // panel between two looks.
  let a: Frame[] = [];
  await expect
    .poll(async () => {
      a = await panelFrames(live);
      const b = await panelFrames(later);
      const seqs = (frames: Frame[]) => frames.map((f) => f.seq).join(',');
      if (seqs(a) === seqs(b)) return 'the same frames';
      return `${a[0]?.seq}–${a.at(-1)?.seq} (${a.length}) / ${b[0]?.seq}–${b.at(-1)?.seq} (${b.length})`;
    })
    .toBe('the same frames');
  expectContiguous(a);
  // The live panel holds what the hub holds: within its budget, not every frame it ever saw.
  const bytes = a.reduce((n, f) => n + f.size, 0);
  expect(bytes).toBeLessThanOrEqual(40_000);
  expect(a.length).toBeLessThan(200);

  // Both say so the same way: one marker at the top, and the Shed counter.
  for (const panel of [live, later]) {
    const marker = await shedMarkerAtTop(panel);
    await expect(marker).toContainText(
      /oldest frames \([\d.]+ KiB\) were shed to stay within the 39\.1 KiB capture budget/,
    );
    await expect(marker).toHaveAttribute('data-first-seq', String(a[0]!.seq));
  }
  expect(await shedCount(live)).toBe(await shedCount(later));

  // The live panel analysed every frame before it was shed: the interaction it saw stays, with
  // its events, though their frames are gone (a panel opened later never saw them).
  await live.getByRole('tab', { name: 'Interactions' }).click();
  await expect(live.locator('[data-interaction]')).toHaveCount(1);
  await expect(live.locator('.event', { hasText: 'AgentContactHeld' }).first()).toBeVisible();

  // More traffic sheds again: the live panel moves its cut and keeps one marker.
  const firstBefore = a[0]!.seq;
  await injectFillers(live, 200, 300);
  await expect.poll(async () => (await panelFrames(live))[0]!.seq, { timeout: 20_000 }).toBeGreaterThan(firstBefore);
  await live.getByRole('tab', { name: 'Frames' }).click();
  await shedMarkerAtTop(live);
});

test('a panel opening on a long capture shows the newest frames first, then every older one in order', async () => {
  sim = await startSimulator({ scenario: 'inbound-hold-resume', keepaliveMs: 60_000, speed: 0 });
  browser = await launchWithExtension();
  const page = await browser.context.newPage();
  await page.goto(sim.pageUrl);
  await sim.onIdle();
  // More frames than the panel asks for first (REOPEN_TAIL_FRAMES), and more bytes than its first
  // message holds (1 MiB): the older ones come in many messages, paced by the panel.
  const pad = 'x'.repeat(2_000);
  for (let i = 0; i < 2_500; i++) sim.inject({ type: 'Filler', data: { i, pad } });
  const tabId = await browser.tabIdOf(page);
  const first = await showFrames(await browser.openPanel(tabId));
  await expect
    .poll(async () => (await panelFrames(first)).some((f) => f.data?.includes('"i":2499')), { timeout: 20_000 })
    .toBe(true);
  const all = await panelFrames(first);
  await first.close();

  // A panel opened now: what the hub sent it, in order of arrival, is recorded from its first script.
  const panel = await browser.context.newPage();
  await panel.addInitScript(() => {
    const runtime = chrome.runtime;
    const connect = runtime.connect.bind(runtime);
    const seen: { type: string; first?: number; last?: number; backlog?: boolean }[] = [];
    const sent: { type: string; paced?: boolean }[] = [];
    Object.assign(window, { __hubMessages: seen, __panelMessages: sent });
    runtime.connect = ((...args: Parameters<typeof connect>) => {
      const port = connect(...args);
      const post = port.postMessage.bind(port);
      port.postMessage = (m: { type: string; paced?: boolean }) => {
        sent.push({ type: m.type, paced: m.paced });
        post(m);
      };
      port.onMessage.addListener((m: { type: string; frames?: { seq: number }[]; backlog?: boolean }) =>
        seen.push({ type: m.type, first: m.frames?.[0]?.seq, last: m.frames?.at(-1)?.seq, backlog: m.backlog }),
      );
      return port;
    }) as typeof runtime.connect;
  });
  await panel.goto(`chrome-extension://${browser.extensionId}/devtools-panel.html?tabId=${tabId}`);
  await showFrames(panel);
  await expect
    .poll(async () => (await panelFrames(panel)).length, { timeout: 20_000 })
    .toBeGreaterThanOrEqual(all.length);
  const messages = await panel.evaluate(
    () =>
      (window as unknown as { __hubMessages: { type: string; first?: number; last?: number; backlog?: boolean }[] })
        .__hubMessages,
  );
  const data = messages.filter((m) => m.type === 'tail' || m.type === 'frames');
  expect(data[0]!.type).toBe('tail');
  expect(data[0]!.last).toBeGreaterThanOrEqual(all.at(-1)!.seq);
  expect(data[1]).toMatchObject({ type: 'frames', first: all[0]!.seq });
  // The older ones came paced: the panel subscribed so and answered every one of them.
  const sent = () =>
    panel.evaluate(
      () => (window as unknown as { __panelMessages: { type: string; paced?: boolean }[] }).__panelMessages,
    );
  expect((await sent())[0]).toMatchObject({ type: 'subscribe', paced: true });
  const older = data.filter((m) => m.backlog).length;
  expect(older).toBeGreaterThan(6);
  await expect.poll(async () => (await sent()).filter((m) => m.type === 'more').length).toBe(older);
  // No frame lost, order kept, the same as the panel that got them oldest first.
  const reopened = await panelFrames(panel);
  expectContiguous(reopened);
  expect(reopened.slice(0, all.length).map((f) => f.seq)).toEqual(all.map((f) => f.seq));
  await expect(panel.locator('.marker.loading')).toHaveCount(0);
  // The model read them in order: the interaction and its hold, as the first panel had them.
  await panel.getByRole('tab', { name: 'Interactions' }).click();
  await expect(panel.locator('[data-interaction]')).toHaveCount(1);
  await expect(panel.locator('.event', { hasText: 'AgentContactHeld' }).first()).toBeVisible();
});
