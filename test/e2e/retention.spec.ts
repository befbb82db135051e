import { expect, type Page, test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSimulator, type Simulator } from '../sim/server';
import { launchWithExtension, type ExtensionBrowser } from './extension';
import { counter, showFrames, waitForFrames, waitForSimulatorFrames } from './panel-page';

let sim: Simulator | undefined;
const browsers: ExtensionBrowser[] = [];
const profiles: string[] = [];

test.afterEach(async () => {
  for (const b of browsers.splice(0)) await b.close().catch(() => {});
  for (const dir of profiles.splice(0)) await rm(dir, { recursive: true, force: true });
  await sim?.close();
  sim = undefined;
});

async function optionsPage(browser: ExtensionBrowser): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  return page;
}

/** The options page's line about what is stored, e.g. "31 frames (12.3 KiB) stored for 1 tab." */
const stored = (options: Page) => options.getByRole('status', { name: 'Stored' });

/** Frames and batches in the extension's IndexedDB, read by the service worker itself. */
async function storedBatches(browser: ExtensionBrowser): Promise<number> {
  return (await browser.serviceWorker()).evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('wxcc-inspector-capture');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const count = open.result.transaction('batches').objectStore('batches').count();
          count.onsuccess = () => resolve(count.result);
          count.onerror = () => reject(count.error);
        };
      }),
  );
}

test('a browser restart deletes the captures of tabs that no longer exist; their old tab id opens nothing', async () => {
  test.setTimeout(90_000);
  sim = await startSimulator({ speed: 0, keepaliveMs: 60_000 });
  const profile = await mkdtemp(path.join(tmpdir(), 'wxcc-e2e-restart-'));
  profiles.push(profile);

  const first = await launchWithExtension({ userDataDir: profile });
  browsers.push(first);
  const desktop = await first.context.newPage();
  await desktop.goto(sim.pageUrl);
  await sim.onIdle();
  const oldTabId = await first.tabIdOf(desktop);
  await waitForSimulatorFrames(await showFrames(await first.openPanel(oldTabId)), sim);
  const options = await optionsPage(first);
  await expect(stored(options)).toContainText(/[1-9]\d* frames \(.*\) stored for 1 tab\./);
  expect(await storedBatches(first)).toBeGreaterThan(0);
  await first.close(); // the browser quits with the desktop tab open
  browsers.splice(0);

  const second = await launchWithExtension({ userDataDir: profile });
  browsers.push(second);
  await expect.poll(() => storedBatches(second), { timeout: 15_000 }).toBe(0);
  await expect(stored(await optionsPage(second))).toHaveText('0 frames (0 B) stored for 0 tabs.');
  // A panel (or a bookmark of one) for the old tab id gets nothing of the old capture.
  const stale = await showFrames(await second.openPanel(oldTabId));
  await expect(counter(stale, 'frames')).toHaveText('0');
});

test('Delete all on the options page deletes every stored capture and empties the open panel', async () => {
  sim = await startSimulator({ speed: 0, keepaliveMs: 60_000 });
  const browser = await launchWithExtension();
  browsers.push(browser);
  const desktop = await browser.context.newPage();
  // No keepalives either way: nothing but the probe below may arrive after Delete all.
  await desktop.goto(`${sim.pageUrl}?keepalive=0`);
  await sim.onIdle();
  const panel = await showFrames(await browser.openPanel(await browser.tabIdOf(desktop)));
  await waitForSimulatorFrames(panel, sim);

  const options = await optionsPage(browser);
  await expect(stored(options)).toContainText('stored for 1 tab.');
  await options.getByRole('button', { name: 'Delete all' }).click();
  await expect(options.getByText('Every stored capture was deleted.')).toBeVisible();
  await expect(stored(options)).toHaveText('0 frames (0 B) stored for 0 tabs.');
  expect(await storedBatches(browser)).toBe(0);
  await expect(counter(panel, 'frames')).toHaveText('0');

  // Capture goes on in the still-open tab, numbered after what was deleted.
  sim.inject({ type: 'RoutingMessage', data: { type: 'AfterDeleteAll' } });
  await waitForFrames(panel, 1);
  await options.reload();
  await expect(stored(options)).toContainText(/^1 frame \(/);
});

test('the retention setting is kept and offers only ages within the browser session', async () => {
  const browser = await launchWithExtension();
  browsers.push(browser);
  const options = await optionsPage(browser);
  const select = options.getByRole('combobox', { name: 'Keep frames' });
  await expect(select).toHaveValue('session');
  expect(await select.locator('option').allTextContents()).toEqual([
    'until the tab closes or the browser quits (default)',
    'at most 1 hour (and never past the browser session)',
    'at most 8 hours (and never past the browser session)',
    'at most 24 hours (and never past the browser session)',
  ]);
  await select.selectOption('8');
  await options.reload();
  await expect(options.getByRole('combobox', { name: 'Keep frames' })).toHaveValue('8');
  expect(
    await (await browser.serviceWorker()).evaluate(async () => (await chrome.storage.local.get('retention')).retention),
  ).toBe(8);
});
