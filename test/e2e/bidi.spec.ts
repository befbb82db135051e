// Unicode bidi controls from the wire (the simulator's hostile scenario): the panel, the in-page
// overlay and the viewer draw each as an escape (`\u202e`) in text and name it in tooltips
// (`⟦U+202E RLO⟧`), so no wire string reorders what a person reads ("Trojan Source"); nothing in
// them runs. In text each escape is a badge titled with what was removed, so a wire string that
// literally holds the six characters `\u202e` (plain text) never looks like one; nor in a tooltip.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import { startSimulator, type Simulator } from '../sim/server';
import { type ExtensionBrowser, sharedExtensionBrowser } from './extension';
import {
  AGENT_STATE,
  AGENT_STATE_TITLE,
  CUSTOMER,
  EVENT,
  EVENT_TITLE,
  hostileFileWithLiteral,
  hostileLingering,
  IDLE_BADGES,
  IDLE_REASON,
  LITERAL_STATE,
  LITERAL_STATE_TITLE,
} from './bidi-fixtures';
import { clickOverlay, overlayElements, overlayTexts } from './overlay-dom';

let sim: Simulator | undefined;
// One browser for the file: each test opens its own pages (a new simulator tab, the viewer).
const shared = sharedExtensionBrowser();
let browser: ExtensionBrowser | undefined;

test.afterEach(async () => {
  await sim?.close();
  browser = undefined;
  sim = undefined;
});

const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Text and read attributes (title, aria-label, alt, placeholder) of the page that still hold a bidi control. */
function bidiLeaks(page: Page): Promise<string[]> {
  return page.evaluate((source) => {
    const bidi = new RegExp(source);
    const leaks: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode())
      if (bidi.test((node as Text).data)) leaks.push(`text: ${JSON.stringify((node as Text).data.slice(0, 80))}`);
    for (const el of document.body.querySelectorAll('*'))
      for (const name of ['title', 'aria-label', 'alt', 'placeholder']) {
        const value = el.getAttribute(name);
        if (value && bidi.test(value)) leaks.push(`${el.localName}[${name}]: ${JSON.stringify(value.slice(0, 80))}`);
      }
    return leaks;
  }, BIDI.source);
}

/**
 * Whether the element's characters are laid out in their reading order, left to right, line by
 * line: what a person sees, measured glyph by glyph. A right-to-left override obeyed would put
 * them right to left.
 */
function readsLeftToRight(element: Locator): Promise<boolean> {
  return element.evaluate((el) => {
    const boxes: { left: number; top: number }[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node as Text;
      for (let i = 0; i < text.data.length; i++) {
        const range = document.createRange();
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        const r = range.getBoundingClientRect();
        if (r.width > 0) boxes.push({ left: r.left, top: Math.round(r.top) });
      }
    }
    return (
      boxes.length > 3 && boxes.every((b, i) => i === 0 || b.top !== boxes[i - 1]!.top || b.left >= boxes[i - 1]!.left)
    );
  });
}

/** The escape badges in `element`: their text and tooltip. */
function badges(element: Locator): Promise<{ text: string; title: string }[]> {
  return element.evaluate((el) =>
    [...el.querySelectorAll('.bidi-escape')].map((b) => ({
      text: b.textContent ?? '',
      title: b.getAttribute('title') ?? '',
    })),
  );
}

function watchDialogs(...pages: Page[]): string[] {
  const seen: string[] = [];
  for (const page of pages) {
    page.on('dialog', (d) => {
      seen.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => seen.push(`pageerror: ${e.message}`));
  }
  return seen;
}

test('bidi controls from the wire show as escapes in the panel and the overlay, never reordering a row', async () => {
  test.setTimeout(90_000);
  sim = await startSimulator({ scenario: hostileLingering(), keepaliveMs: 60_000 });
  browser = await shared.get();
  const page = await browser.context.newPage();
  await page.goto(sim.pageUrl);
  const tabId = await browser.tabIdOf(page);
  const panel = await browser.openPanel(tabId);
  await panel.setViewportSize({ width: 1400, height: 800 });
  const problems = watchDialogs(page, panel);

  // The panel: the Agent entry with the idle reason, the caller in the list, the event's name.
  const agentState = panel.locator('.agent-entry .state');
  await expect(agentState).toHaveText(AGENT_STATE, { timeout: 20_000 });
  await expect(agentState).toHaveAttribute('title', AGENT_STATE_TITLE);
  expect(await readsLeftToRight(agentState)).toBe(true);
  expect(await badges(agentState)).toEqual(IDLE_BADGES);
  const call = panel.locator('.interaction', { hasText: CUSTOMER });
  await expect(call).toHaveCount(1);
  // A long caller leaves the row's media label whole beside it (it used to paint over the caller).
  const media = (await call.locator('.media').boundingBox())!;
  const caller = (await call.locator('.customer').boundingBox())!;
  expect(media.width).toBeGreaterThan(30);
  expect(media.x + media.width).toBeLessThanOrEqual(caller.x);
  await call.click();
  await expect(panel.locator('.interaction-head .customer')).toHaveText(CUSTOMER);
  expect(await readsLeftToRight(panel.locator('.interaction-head .customer'))).toBe(true);
  const event = panel.locator('.timeline .e-name', { hasText: EVENT });
  await expect(event).toHaveCount(1, { timeout: 15_000 });
  await expect(event).toHaveText(new RegExp(`^${EVENT.replace(/\\/g, '\\\\')}`));
  expect(await readsLeftToRight(event)).toBe(true);
  await event.click();
  await expect(panel.locator('.details-title')).toContainText(EVENT);
  // The Agent entry's own view: its header and its state change's row.
  await panel.locator('.agent-entry').click();
  await expect(panel.locator('.interaction-head.agent-head .state')).toHaveText(AGENT_STATE);
  await expect(panel.locator('.timeline .agent-event').first()).toContainText(IDLE_REASON);
  expect(await bidiLeaks(panel), 'raw bidi controls in the panel').toEqual([]);
  await panel.setViewportSize({ width: 1400, height: 300 });
  await panel.screenshot({ path: 'test-results/bidi-panel-bottom.png' });
  await call.click();
  await event.click();
  await panel.setViewportSize({ width: 500, height: 700 });
  await panel.screenshot({ path: 'test-results/bidi-panel-side.png' });
  expect(await bidiLeaks(panel), 'raw bidi controls in the panel').toEqual([]);

  // The overlay, switched on from the panel: the idle reason in its head, the caller (unmasked
  // on a click), the event in the mini timeline and its tooltip.
  const toggle = panel.getByRole('button', { name: 'Overlay', exact: true });
  await expect(toggle).toBeEnabled({ timeout: 10_000 });
  await toggle.click();
  await page.bringToFront();
  const sw = await browser.serviceWorker();
  await expect.poll(() => overlayTexts(sw, tabId, '.overlay.collapsed'), { timeout: 15_000 }).toHaveLength(1);
  await clickOverlay(page, sw, tabId, '.overlay.collapsed');
  await expect.poll(() => overlayTexts(sw, tabId, '.agent-state'), { timeout: 15_000 }).toEqual([IDLE_REASON]);
  const customer = (await overlayElements(sw, tabId, '.interaction .customer')).find((c) => !c.text.includes('<img'));
  expect(customer, 'the call, masked').toBeDefined();
  await clickOverlay(page, sw, tabId, '.interaction .customer');
  await expect.poll(() => overlayTexts(sw, tabId, '.interaction .customer')).toContain(CUSTOMER.slice(0, 200));
  await expect
    .poll(async () => (await overlayTexts(sw, tabId, '.mini-timeline .ev')).some((t) => t.startsWith(`› ${EVENT} +`)))
    .toBe(true);
  const [timeline] = await overlayElements(sw, tabId, '.mini-timeline');
  expect(timeline!.title).toContain(EVENT_TITLE);
  const everything = await overlayElements(sw, tabId, '*');
  expect(
    everything.flatMap((e) => [e.text, e.title ?? '']).filter((s) => BIDI.test(s)),
    'raw bidi controls in the overlay',
  ).toEqual([]);
  await page.setViewportSize({ width: 1400, height: 300 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'test-results/bidi-overlay-1400x300.png' });
  await page.setViewportSize({ width: 500, height: 700 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'test-results/bidi-overlay-500x700.png' });
  expect(problems).toEqual([]);
});

test('bidi controls in a capture file show as escapes in the viewer; a literal "\\u202e" on the wire does not look like one', async () => {
  browser = await shared.get();
  const viewer = await browser.context.newPage();
  const problems = watchDialogs(viewer);
  await viewer.setViewportSize({ width: 1400, height: 800 });
  await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
  const file = 'test-results/hostile.wxcc.json';
  await writeFile(file, hostileFileWithLiteral());
  await viewer.getByLabel('Capture or HAR file').setInputFiles(file);
  await expect(viewer.locator('.file-name')).toHaveText('hostile.wxcc.json');

  const agentState = viewer.locator('.agent-entry .state');
  await expect(agentState).toHaveText(LITERAL_STATE);
  expect(await readsLeftToRight(agentState)).toBe(true);
  // The same six characters twice: the wire's as plain text, the escape of the real control in a badge.
  expect(await badges(agentState)).toEqual(IDLE_BADGES);
  expect(await agentState.evaluate((el) => el.firstChild?.textContent)).toBe('Idle/Lunch \\u202e ');
  // In its tooltip the real control is named in brackets: again the two read apart.
  await expect(agentState).toHaveAttribute('title', LITERAL_STATE_TITLE);
  await viewer.locator('.agent-entry').click();
  await expect(viewer.locator('.agent-head .state')).toHaveText(LITERAL_STATE);
  expect(await badges(viewer.locator('.agent-head .state'))).toEqual(IDLE_BADGES);
  const call = viewer.locator('.interaction', { hasText: CUSTOMER });
  await call.click();
  const event = viewer.locator('.timeline .e-name', { hasText: EVENT });
  await expect(event).toHaveCount(1);
  expect(await readsLeftToRight(event)).toBe(true);
  await event.click();
  await expect(viewer.locator('.details-title')).toContainText(EVENT);
  expect(await bidiLeaks(viewer), 'raw bidi controls in the viewer').toEqual([]);
  await viewer.setViewportSize({ width: 1400, height: 300 });
  await viewer.screenshot({ path: 'test-results/bidi-viewer-bottom.png' });
  await viewer.emulateMedia({ colorScheme: 'dark' });
  await viewer.screenshot({ path: 'test-results/bidi-viewer-bottom-dark.png' });
  await viewer.setViewportSize({ width: 500, height: 700 });
  await viewer.screenshot({ path: 'test-results/bidi-viewer-side-dark.png' });
  await viewer.emulateMedia({ colorScheme: 'light' });
  await viewer.screenshot({ path: 'test-results/bidi-viewer-side.png' });
  expect(problems).toEqual([]);
});

test('typing an escape as it is drawn finds the bidi control behind it, and the wire string that holds those characters', async () => {
  browser = await shared.get();
  const viewer = await browser.context.newPage();
  const problems = watchDialogs(viewer);
  await viewer.setViewportSize({ width: 1400, height: 300 });
  await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
  const file = 'test-results/hostile-search.wxcc.json';
  await writeFile(file, hostileFileWithLiteral());
  await viewer.getByLabel('Capture or HAR file').setInputFiles(file);
  await expect(viewer.locator('.file-name')).toHaveText('hostile-search.wxcc.json');
  const search = viewer.getByLabel('Search', { exact: true });

  // The call's event whose name begins with a right-to-left override, found by its badge's text.
  await viewer.locator('.interaction', { hasText: CUSTOMER }).click();
  const event = viewer.locator('.timeline .e-name', { hasText: EVENT });
  await expect(event).toHaveCount(1);
  await search.fill('\\U202EdleH');
  await expect(event).toHaveCount(1);
  await expect(viewer.locator('.timeline .e-name')).toHaveCount(1);
  await search.fill('\\u202ddleH');
  await expect(viewer.locator('.timeline .e-name')).toHaveCount(0);

  // The agent's idle reason: the literal six characters, then the real override, one search.
  await viewer.locator('.agent-entry').click();
  const stateRows = viewer.locator('.timeline .agent-event', { hasText: LITERAL_STATE.slice('Idle/'.length) });
  await search.fill('lunch \\u202e \\u202eevil\\u202c');
  await expect(stateRows).toHaveCount(1);
  await viewer.screenshot({ path: 'test-results/bidi-search-bottom.png' });
  await viewer.setViewportSize({ width: 500, height: 700 });
  await viewer.emulateMedia({ colorScheme: 'dark' });
  await viewer.screenshot({ path: 'test-results/bidi-search-side-dark.png' });
  await viewer.emulateMedia({ colorScheme: 'light' });
  await viewer.setViewportSize({ width: 1400, height: 300 });
  // The literal alone is found as it always was; an escape the line does not hold finds nothing.
  await search.fill('lunch \\u202e ');
  await expect(stateRows).toHaveCount(1);
  await search.fill('lunch \\u202eevil');
  await expect(stateRows).toHaveCount(0);

  // The Frames tab: the one payload whose event name the override reverses, its badges drawn.
  await viewer.getByRole('tab', { name: 'Frames' }).click();
  await search.fill(EVENT);
  await expect(viewer.locator('.frame-count')).toContainText(/^1 of \d+ rows/);
  const found = viewer.locator('.frame-log [role="option"]');
  await expect(found).toHaveCount(1);
  expect(await badges(found.locator('.c-name'))).toEqual([
    { text: '\\u202e', title: 'bidi control U+202E (right-to-left override) removed from display' },
    { text: '\\u202c', title: 'bidi control U+202C (pop directional formatting) removed from display' },
  ]);
  // The caller's "\u202eevil\u202c" is in most of the call's payloads.
  await search.fill('\\u202eevil\\u202c');
  await expect(viewer.locator('.frame-count')).toContainText(/^\d\d? of \d+ rows/);
  expect(await found.count()).toBeGreaterThan(1);
  await viewer.emulateMedia({ colorScheme: 'dark' });
  await viewer.screenshot({ path: 'test-results/bidi-search-frames-bottom-dark.png' });
  await viewer.emulateMedia({ colorScheme: 'light' });
  await viewer.setViewportSize({ width: 500, height: 700 });
  await viewer.screenshot({ path: 'test-results/bidi-search-frames-side.png' });
  await search.fill('\\u202devil');
  await expect(viewer.locator('.frame-count')).toContainText(/^0 of \d+ rows/);
  expect(await bidiLeaks(viewer), 'raw bidi controls in the viewer').toEqual([]);
  expect(problems).toEqual([]);
});
