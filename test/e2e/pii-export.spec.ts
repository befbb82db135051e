import { expect, test, type Page } from '@playwright/test';
import { readFile, writeFile } from 'node:fs/promises';
import { readFramesFile } from '../../src/io';
import { startSimulator, type Simulator } from '../sim/server';
import { corpusHar, corpusScenario, KEPT, leaks, PERSON } from '../support/pii-corpus';
import { type ExtensionBrowser, sharedExtensionBrowser } from './extension';

/*
 * Issue #15's PII corpus through the real UI: the customer planted where contact centers put it
 * (test/support/pii-corpus.ts), captured live by the extension and exported from the panel, and
 * a Chrome HAR of it opened in the viewer and exported from there, in both formats. No planted
 * value may survive in any spelling (the unit test pii-corpus.test.ts covers the same in the CLI).
 */

// One browser for the file: each test opens its own pages (a new simulator tab, the viewer).
const shared = sharedExtensionBrowser();
let browser: ExtensionBrowser;
let sim: Simulator | undefined;
test.afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** Exports through the Export menu and returns the file's text. */
async function exportAs(page: Page, item: 'Capture file (.wxcc.json), redacted' | 'Chrome HAR (.har), redacted') {
  await page.getByRole('button', { name: /Export/ }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: item }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toMatch(/-redacted\.(wxcc\.json|har)$/);
  return readFile(await saved.path(), 'utf8');
}

async function expectClean(text: string) {
  expect(leaks(text)).toEqual([]);
  const file = readFramesFile(text);
  expect(file.ok && file.meta.redacted).toBe(true);
  // The binary frame: its size is kept, its bytes are not.
  const binary = file.ok ? file.frames.find((f) => f.kind === 'binary') : undefined;
  expect(binary?.size).toBe(PERSON.binary.length);
  // A CAD value that is only a UUID stays: in CAD and in CAD details of every snapshot.
  const data = file.ok ? file.frames.map((f) => f.data ?? '') : [];
  const snapshots = data.filter((d) => d.includes('"callAssociatedDetails"')).length;
  expect(snapshots).toBeGreaterThan(0);
  expect(data.join('\n').split(KEPT.crmContactId).length - 1).toBe(snapshots * 2);
}

test('the panel exports the live PII corpus redacted, in both formats, with nothing of the customer left', async () => {
  sim = await startSimulator({ scenario: corpusScenario(), keepaliveMs: 60_000, speed: 0 });
  browser = await shared.get();
  const page = await browser.context.newPage();
  await page.goto(sim.pageUrl);
  await sim.onIdle();
  const panel = await browser.openPanel(await browser.tabIdOf(page));
  await expect(panel.locator('.interaction')).toHaveCount(2);
  // What the panel holds is the corpus: the test would pass on an empty export otherwise.
  const frames = await panel.evaluate(() =>
    (window as unknown as { wxccInspector: { frames(): { data?: string }[] } }).wxccInspector.frames(),
  );
  expect(leaks(frames.map((f) => f.data ?? '').join('\n'))).toContain(PERSON.name);
  await expectClean(await exportAs(panel, 'Capture file (.wxcc.json), redacted'));
  await expectClean(await exportAs(panel, 'Chrome HAR (.har), redacted'));
});

test('the viewer opens a HAR of the PII corpus and exports it redacted, in both formats', async () => {
  const har = JSON.stringify(corpusHar(), null, 2);
  expect(leaks(har)).toContain(PERSON.email);
  await writeFile('test-results/pii-corpus.har', har);
  browser = await shared.get();
  const viewer = await browser.context.newPage();
  await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
  await viewer.getByLabel('Capture or HAR file').setInputFiles('test-results/pii-corpus.har');
  await expect(viewer.locator('.file-name')).toHaveText('pii-corpus.har');
  await expect(viewer.locator('.interaction')).toHaveCount(2);
  await expectClean(await exportAs(viewer, 'Capture file (.wxcc.json), redacted'));
  await expectClean(await exportAs(viewer, 'Chrome HAR (.har), redacted'));
});
