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
  const filler = 'x'.repeat(900);
  for (let i = 0; i < 200; i++) sim.inject({ type: 'Filler', data: { i, filler } });
  await expect.poll(() => shedCount(live), { timeout: 20_000 }).toBeGreaterThan(100);
  const lastSent = (await panelFrames(live)).length;
  await expect.poll(async () => (await panelFrames(live)).at(-1)?.data ?? '').toContain('"i":199');
  expect(lastSent).toBeGreaterThan(0);

  const later = await showFrames(await browser.openPanel(tabId));
  const same = async (): Promise<[Frame[], Frame[]]> => [await panelFrames(live), await panelFrames(later)];
  await expect
    .poll(async () => {
      const [a, b] = await same();
      return `${a[0]?.seq}–${a.at(-1)?.seq} / ${b[0]?.seq}–${b.at(-1)?.seq}`;
    })
    .toMatch(/^(\d+)–(\d+) \/ \1–\2$/);
  const [a, b] = await same();
  expect(a.map((f) => f.seq)).toEqual(b.map((f) => f.seq));
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
  for (let i = 200; i < 300; i++) sim.inject({ type: 'Filler', data: { i, filler } });
  await expect.poll(async () => (await panelFrames(live))[0]!.seq, { timeout: 20_000 }).toBeGreaterThan(firstBefore);
  await live.getByRole('tab', { name: 'Frames' }).click();
  await shedMarkerAtTop(live);
});
