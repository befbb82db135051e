import { expect, test, type Page } from '@playwright/test';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadScenario, type Scenario } from '../sim/scenario';
import { startSimulator, type Simulator } from '../sim/server';
import { launchWithExtension, stopServiceWorker, type ExtensionBrowser } from './extension';
import { clickOverlay, overlayElements, overlayTexts, readOverlay } from './overlay-dom';

let sim: Simulator;
let browser: ExtensionBrowser;

test.afterEach(async () => {
  await browser?.close();
  await sim?.close();
});

/** A scenario that waits `ms` after the step whose event is `after`: time to look. */
function lingering(name: string, after: string, ms: number): Scenario {
  const scenario = structuredClone(loadScenario(name));
  const at = scenario.steps.findIndex(
    (s) => (s.frame as { data?: { type?: string } } | undefined)?.data?.type === after,
  );
  scenario.steps[at + 1]!.delay = ms;
  return scenario;
}

interface Setup {
  page: Page;
  panel: Page;
  tabId: number;
}

/** The simulated desktop playing `scenario`, and the panel on its tab. */
async function desktop(scenario: string | Scenario, colorScheme: 'light' | 'dark' = 'light'): Promise<Setup> {
  sim = await startSimulator({ scenario, keepaliveMs: 60_000 });
  browser = await launchWithExtension();
  const page = await browser.context.newPage();
  await page.emulateMedia({ colorScheme });
  await page.goto(sim.pageUrl);
  const tabId = await browser.tabIdOf(page);
  const panel = await browser.openPanel(tabId);
  return { page, panel, tabId };
}

/** Switches the overlay on with the panel's toolbar toggle, as a person would. */
async function overlayOnFromPanel({ panel, page }: Setup): Promise<void> {
  const toggle = panel.getByRole('button', { name: 'Overlay', exact: true });
  await expect(toggle).toBeEnabled({ timeout: 10_000 });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await page.bringToFront();
}

const poll = (fn: () => Promise<unknown>) => expect.poll(fn, { timeout: 15_000 });

test('switched on from the panel, the overlay shows On hold with a ticking timer during a hold', async () => {
  const setup = await desktop(lingering('inbound-hold-resume', 'AgentContactHeld', 20_000));
  const sw = await browser.serviceWorker();
  await overlayOnFromPanel(setup);
  await setup.panel.screenshot({
    path: 'test-results/overlay-panel-toolbar.png',
    clip: { x: 0, y: 0, width: 1280, height: 40 },
  });
  await poll(() => overlayTexts(sw, setup.tabId, '.badge-hold')).toEqual([expect.stringMatching(/^On hold 0:0\d$/)]);
  const first = (await overlayTexts(sw, setup.tabId, '.badge-hold'))[0];
  await poll(() => overlayTexts(sw, setup.tabId, '.badge-hold').then((t) => t[0])).not.toBe(first);
  await setup.page.screenshot({ path: 'test-results/overlay-collapsed-light.png' });
  await clickOverlay(setup.page, sw, setup.tabId, '.overlay.collapsed');
  await poll(() => overlayTexts(sw, setup.tabId, '.interaction .badge-hold')).toEqual([
    expect.stringMatching(/^On hold 0:\d\d$/),
  ]);
  expect((await overlayTexts(sw, setup.tabId, '.interaction .media'))[0]).toBe('telephony');
  expect((await overlayTexts(sw, setup.tabId, '.customer'))[0]).toMatch(/^phone-1 ··\d{4}$/);
  await setup.page.screenshot({ path: 'test-results/overlay-open-light.png' });
  const frames = await readOverlay(sw, setup.tabId, '.overlay');
  expect(frames.filter((f) => f.hosts > 0)).toHaveLength(1);
  // The README's picture: the desktop and the overlay in a smaller window.
  await setup.page.setViewportSize({ width: 1000, height: 520 });
  await setup.page.waitForTimeout(300);
  await setup.page.screenshot({ path: 'test-results/overlay-readme-light.png' });
});

test('Paused during a recording pause (dark theme), and Recording again after the resume', async () => {
  const setup = await desktop(lingering('recording-pause-resume', 'ContactRecordingPaused', 6_000), 'dark');
  const sw = await browser.serviceWorker();
  await overlayOnFromPanel(setup);
  await poll(() => overlayTexts(sw, setup.tabId, '.badge-paused')).toEqual(['Paused']);
  await setup.page.screenshot({ path: 'test-results/overlay-collapsed-dark.png' });
  await clickOverlay(setup.page, sw, setup.tabId, '.overlay.collapsed');
  await poll(() => overlayTexts(sw, setup.tabId, '.interaction .badge-paused')).toEqual(['Paused']);
  await setup.page.screenshot({ path: 'test-results/overlay-open-dark.png' });
  // The overlay's box in the dark theme: dark background, the panel's dark Paused colours.
  await poll(() => overlayTexts(sw, setup.tabId, '.interaction .badge-rec')).toEqual(['Recording']);
});

test('the RONA countdown ticks while an offer rings', async () => {
  const setup = await desktop(lingering('inbound-hold-resume', 'AgentOfferContact', 20_000));
  const sw = await browser.serviceWorker();
  await overlayOnFromPanel(setup);
  await poll(() => overlayTexts(sw, setup.tabId, '.badge-hold')).toEqual([expect.stringMatching(/^Ringing 0:[23]\d$/)]);
  const first = (await overlayTexts(sw, setup.tabId, '.badge-hold'))[0]!;
  await poll(() => overlayTexts(sw, setup.tabId, '.badge-hold').then((t) => t[0])).not.toBe(first);
  const later = (await overlayTexts(sw, setup.tabId, '.badge-hold'))[0]!;
  const seconds = (text: string) => Number(text.match(/(\d+)$/)![1]);
  expect(seconds(later)).toBeLessThan(seconds(first)); // it counts down
});

/** Every element box of the page (the overlay's host excepted), and what page scripts can see. */
function pageBoxes(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('*')]
      .filter((e) => e.localName !== 'wxcc-inspector-overlay')
      .map((e) => {
        const r = e.getBoundingClientRect();
        return `${e.localName}${e.id ? `#${e.id}` : ''} ${r.x},${r.y} ${r.width}×${r.height}`;
      }),
  );
}

test('the page keeps its layout and focus, and its scripts see one added element and nothing inside it', async () => {
  const setup = await desktop(lingering('inbound-hold-resume', 'AgentContactHeld', 30_000));
  const sw = await browser.serviceWorker();
  const { page } = setup;
  // Wait for the hold, so the page's own content is still while it is measured.
  await expect(page.locator('body')).toContainText('AgentContactHeld', { timeout: 15_000 });
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.id = 'probe';
    document.body.prepend(input);
    input.focus();
    const seen: string[] = [];
    new MutationObserver((records) => {
      for (const r of records)
        for (const n of r.addedNodes) seen.push(`${(r.target as Element).localName} + ${(n as Element).localName}`);
    }).observe(document, { childList: true, subtree: true });
    Object.assign(window, { seen, count: document.querySelectorAll('*').length });
  });
  const before = await pageBoxes(page);
  await overlayOnFromPanel(setup);
  await poll(() => overlayTexts(sw, setup.tabId, '.badge-hold')).toEqual([expect.stringMatching(/^On hold/)]);
  await clickOverlay(page, sw, setup.tabId, '.overlay.collapsed');
  await poll(() => overlayTexts(sw, setup.tabId, '.copy')).toEqual(['Copy summary']);
  await clickOverlay(page, sw, setup.tabId, '.interaction');
  expect(await pageBoxes(page)).toEqual(before);
  const seen = await page.evaluate(() => {
    const w = window as unknown as { seen: string[]; count: number };
    const host = document.querySelector('wxcc-inspector-overlay')!;
    return {
      added: w.seen,
      more: document.querySelectorAll('*').length - w.count,
      shadowRoot: host.shadowRoot,
      children: host.childNodes.length,
      parent: host.parentElement?.localName,
      attributes: host.attributes.length,
      focused: document.activeElement?.id,
      text: (document.documentElement.textContent ?? '').includes('Copy summary'),
    };
  });
  expect(seen).toEqual({
    added: ['html + wxcc-inspector-overlay'],
    more: 1,
    shadowRoot: null,
    children: 0,
    parent: 'html',
    attributes: 0,
    focused: 'probe',
    text: false,
  });
  // Keyboard navigation of the page never enters the overlay.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.localName)).not.toBe('wxcc-inspector-overlay');
  // Off again: the element is gone and the page is as it was.
  await setup.panel.getByRole('button', { name: 'Overlay', exact: true }).click();
  await expect.poll(() => page.evaluate(() => document.querySelectorAll('wxcc-inspector-overlay').length)).toBe(0);
  expect(await pageBoxes(page)).toEqual(before);
});

const HOSTILE_CSS = `
  *, *::before, *::after { font: italic 30px/3 serif !important; color: red !important; background: yellow !important;
    letter-spacing: 4px !important; box-sizing: content-box !important; border: 5px solid lime !important;
    padding: 9px !important; margin: 7px !important; text-transform: uppercase !important; visibility: visible !important; }
  div, span, button { display: block !important; position: static !important; width: 50px !important; height: 50px !important;
    float: left !important; pointer-events: none !important; }
  :host, :host(*), ::slotted(*), wxcc-inspector-overlay, html > :last-child, [style] {
    display: none !important; position: absolute !important; top: -9999px !important; width: 0 !important;
    transform: scale(0) !important; opacity: 0 !important; z-index: -1 !important; all: unset !important; }
  @media (prefers-color-scheme: light) { div { color: white !important; } }
`;

test('hostile page CSS (div, *, :host-like selectors) leaves the overlay exactly as it was', async () => {
  const setup = await desktop(lingering('inbound-hold-resume', 'AgentContactHeld', 30_000));
  const sw = await browser.serviceWorker();
  await overlayOnFromPanel(setup);
  await poll(() => overlayTexts(sw, setup.tabId, '.badge-hold')).toEqual([expect.stringMatching(/^On hold/)]);
  await clickOverlay(setup.page, sw, setup.tabId, '.overlay.collapsed');
  await poll(() => overlayTexts(sw, setup.tabId, '.copy')).toEqual(['Copy summary']);
  const look = () =>
    readOverlay(sw, setup.tabId, '*').then((frames) =>
      frames[0]!.elements!.map((e) => ({ ...e, text: e.text.replace(/On hold \d+:\d\d|\d+ s ago/g, '') })),
    );
  const clean = await look();
  expect(clean.length).toBeGreaterThan(10);
  await setup.page.addStyleTag({ content: HOSTILE_CSS });
  await setup.page.screenshot({ path: 'test-results/overlay-hostile-css.png' });
  expect(await look()).toEqual(clean);
  // The page's rules did reach the page itself.
  expect(await setup.page.evaluate(() => getComputedStyle(document.body).color)).toBe('rgb(255, 0, 0)');
});

test('Copy summary puts the masked plain text on the clipboard; a click unmasks the customer on screen only', async () => {
  const setup = await desktop(lingering('inbound-hold-resume', 'AgentContactHeld', 30_000));
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: sim.origin });
  const sw = await browser.serviceWorker();
  await overlayOnFromPanel(setup);
  await poll(() => overlayTexts(sw, setup.tabId, '.badge-hold')).toEqual([expect.stringMatching(/^On hold/)]);
  await clickOverlay(setup.page, sw, setup.tabId, '.overlay.collapsed');
  await poll(() => overlayTexts(sw, setup.tabId, '.customer')).toEqual(['phone-1 ··0100']);
  await clickOverlay(setup.page, sw, setup.tabId, '.customer');
  await poll(() => overlayTexts(sw, setup.tabId, '.customer')).toEqual(['+14155550100']);
  await clickOverlay(setup.page, sw, setup.tabId, '.copy');
  await poll(() => overlayTexts(sw, setup.tabId, '.copied')).toEqual(['Copied (masked)']);
  const text = await setup.page.evaluate(() => navigator.clipboard.readText());
  expect(text).toMatch(/^WxCC Inspector overlay summary, /);
  expect(text).toContain('· telephony · customer phone-1 ··0100 · state hold');
  expect(text).toMatch(/Flags: On hold since \d\d:\d\d:\d\d\.\d{3} \(0:\d\d\); Recording since /);
  expect(text).toContain('AgentContactHeld (hold)');
  expect(text).toMatch(/Socket: connected, last frame \d+ s ago, 0 reconnects/);
  expect(text).not.toContain('4155550100');
});

test('the overlay follows the capture across a page reload and a service-worker restart', async () => {
  const setup = await desktop(lingering('inbound-hold-resume', 'AgentContactHeld', 8_000));
  let sw = await browser.serviceWorker();
  await overlayOnFromPanel(setup);
  await poll(() => overlayTexts(sw, setup.tabId, '.badge-hold')).toEqual([expect.stringMatching(/^On hold/)]);
  // Drag the pill up and to the left: it moves with the pointer, and stays collapsed.
  const pill = async () => (await overlayElements(sw, setup.tabId, '.overlay.collapsed'))[0]!.box;
  const start = await pill();
  await setup.page.mouse.move(start.x + 10, start.y + start.height / 2);
  await setup.page.mouse.down();
  await setup.page.mouse.move(start.x - 100, start.y - 50, { steps: 5 });
  await setup.page.mouse.move(start.x - 290, start.y - 200 + start.height / 2, { steps: 5 });
  await setup.page.mouse.up();
  const moved = await pill();
  expect(Math.round(moved.x + moved.width - (start.x + start.width))).toBe(-300);
  expect(Math.round(moved.y - start.y)).toBe(-200);
  // Stop the worker: the overlay reconnects, the model is rebuilt from the stored capture.
  sw = await (await stopServiceWorker(browser, setup.page)).restarted();
  // The resume and the end of the call arrive after the restart: the hold badge goes, then the call.
  await poll(() => overlayTexts(sw, setup.tabId, '.pill-text')).toEqual(['WxCC']);
  await poll(() => overlayTexts(sw, setup.tabId, '.badge-hold')).toEqual([]);
  await sim.onIdle();
  await poll(() => overlayTexts(sw, setup.tabId, '.overlay .state')).toEqual(['no active interaction']);
  // A reload: still on for this origin, and it follows the new page load.
  await setup.page.reload();
  await sim.waitForConnections(2);
  sim.play();
  await poll(() => overlayTexts(sw, setup.tabId, '.pill-text')).toEqual(['WxCC']);
  await poll(() => overlayTexts(sw, setup.tabId, '.badge-hold')).toEqual([expect.stringMatching(/^On hold/)]);
  // Where it was dragged to is remembered for the origin (measured by its right edge: its width follows its badges).
  const after = await pill();
  expect(Math.round(after.x + after.width)).toBe(Math.round(moved.x + moved.width));
  expect(Math.round(after.y)).toBe(Math.round(moved.y));
});

test('a desktop in a CRM iframe: switched on from the popup, the overlay appears in the desktop’s frame only', async () => {
  sim = await startSimulator({
    scenario: lingering('inbound-hold-resume', 'AgentContactHeld', 20_000),
    keepaliveMs: 60_000,
  });
  // The CRM on an origin the extension does not match (127.0.0.2), the desktop in its iframe.
  const crm = http.createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(
      `<!doctype html><title>CRM</title><h1>CRM</h1><iframe id="desktop" src="${sim.pageUrl}" style="width:900px;height:600px"></iframe>`,
    );
  });
  await new Promise<void>((resolve) => crm.listen(0, '127.0.0.2', resolve));
  try {
    browser = await launchWithExtension();
    const page = await browser.context.newPage();
    await page.goto(`http://127.0.0.2:${(crm.address() as AddressInfo).port}/`);
    await page.bringToFront();
    const sw = await browser.serviceWorker();
    // Without a host permission for the CRM, the extension cannot read the tab's URL: take the active tab.
    const tabId = await sw.evaluate(
      async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]!.id!,
    );
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tabId=${tabId}`);
    const toggle = popup.getByRole('button', { name: 'Overlay', exact: true });
    await expect(toggle).toBeEnabled({ timeout: 10_000 });
    await expect(toggle).toHaveAttribute('title', new RegExp(`on ${sim.origin.replace(/[.:/]/g, '\\$&')} `));
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await page.bringToFront();
    const holdIn = async () =>
      (await readOverlay(sw, tabId, '.badge-hold'))
        .filter((f) => f.hosts > 0)
        .map((f) => ({ origin: new URL(f.url).origin, top: f.frameId === 0, texts: f.elements!.map((e) => e.text) }));
    await poll(holdIn).toEqual([
      { origin: sim.origin, top: false, texts: [expect.stringMatching(/^On hold 0:\d\d$/)] },
    ]);
    expect(await page.evaluate(() => document.querySelectorAll('wxcc-inspector-overlay').length)).toBe(0);
    expect(await page.frames()[1]!.evaluate(() => document.querySelectorAll('wxcc-inspector-overlay').length)).toBe(1);
    await page.screenshot({ path: 'test-results/overlay-crm-iframe.png' });
  } finally {
    crm.closeAllConnections();
    await new Promise((resolve) => crm.close(resolve));
  }
});
