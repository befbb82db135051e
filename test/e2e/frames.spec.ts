import { expect, test } from '@playwright/test';
import { startSimulator, type Simulator } from '../sim/server';
import { launchWithExtension, type ExtensionBrowser } from './extension';
import { PanelPage } from './pages/panel-page';

let sim: Simulator;
let browser: ExtensionBrowser;

test.afterEach(async () => {
  await browser?.close();
  await sim?.close();
});

test('the Frames tab works like the Network panel: select, see whole, filter, jump to the event and back', async () => {
  sim = await startSimulator({ scenario: 'reconnect-hydrate', keepaliveMs: 60_000, speed: 0 });
  browser = await launchWithExtension();
  const page = await browser.context.newPage();
  await page.goto(sim.pageUrl);
  await sim.onIdle();
  const panel = new PanelPage(await browser.openPanel(await browser.tabIdOf(page)));
  await panel.page.setViewportSize({ width: 1400, height: 700 });
  await panel.showTab('Frames');

  // Rows lead with the event name and the interaction, not the envelope every frame shares.
  const held = panel.frame(/AgentContactAssigned/).first();
  await expect(held.locator('.c-name')).toHaveText('AgentContactAssigned');
  await expect(held.locator('.c-interaction')).toHaveText(/^…[0-9a-f]{8}$/);

  // Select with a click: the frame whole below the list, as a JSON tree, raw text and hex.
  await held.click();
  await expect(held).toHaveAttribute('aria-selected', 'true');
  await expect(panel.frameDetail.getByRole('heading')).toHaveText(/^#\d+ AgentContactAssigned$/);
  await expect(panel.frameDetail.locator('.json-tree')).toContainText('"AgentContactAssigned"');
  await panel.frameView('Raw').click();
  await expect(panel.frameDetail.locator('pre')).toContainText('"type":"AgentContactAssigned"');
  await panel.frameView('Hex').click();
  await expect(panel.frameDetail.locator('pre.hex')).toContainText('00000000  7b 22');
  await panel.frameView('JSON').click();

  // ↑/↓ move the selection; the detail follows. (In the detail they scroll: Escape returns to the list.)
  const seq = Number(await held.locator('.c-seq').textContent());
  await panel.page.keyboard.press('Escape');
  await expect(panel.frameList).toBeFocused();
  await panel.page.keyboard.press('ArrowDown');
  await expect(panel.frameDetail.getByRole('heading')).toHaveText(new RegExp(`^#${seq + 1} `));
  await panel.page.keyboard.press('ArrowUp');
  await expect(panel.frameDetail.getByRole('heading')).toHaveText(`#${seq} AgentContactAssigned`);

  // Copy puts the frame as received on the clipboard.
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await panel.frameDetail.getByRole('button', { name: 'Copy' }).click();
  await expect
    .poll(() => panel.page.evaluate(() => navigator.clipboard.readText()))
    .toContain('"type":"AgentContactAssigned"');

  // Filters: direction, socket, and the toolbar search (text or /regex/).
  const total = await panel.frames.count();
  await panel.frameDirection.selectOption('out');
  await expect(panel.frames.first().locator('.c-dir')).toHaveText('↑ out');
  expect(await panel.frames.locator('.c-dir').allTextContents()).not.toContain('↓ in');
  await panel.frameDirection.selectOption('control');
  await expect(panel.frame(/keepalive|open|close|page loaded/).first()).toBeVisible();
  expect(await panel.frames.locator('.c-name').allTextContents()).not.toContain('AgentContactAssigned');
  await panel.frameDirection.selectOption('all');
  await panel.frameSocket.selectOption('ws-2');
  // Each socket cell reads "<socket id> <how it was captured>".
  expect(new Set(await panel.frames.locator('.c-socket').allTextContents())).toEqual(new Set(['ws-2 page']));
  await panel.frameSocket.selectOption('');
  await panel.search.fill('/"type":"AgentContact(Assigned|Unheld)"/');
  await expect(panel.frames).not.toHaveCount(total);
  expect(new Set(await panel.frames.locator('.c-name').allTextContents())).toEqual(
    new Set(['AgentContactAssigned', 'AgentContactUnheld']),
  );
  await panel.search.fill('');

  // Frame → event, and back.
  await panel
    .frame(/AgentContactAssigned/)
    .first()
    .click();
  await panel.frameDetail.getByRole('button', { name: 'Show event' }).click();
  await expect(panel.tab('Interactions')).toHaveAttribute('aria-selected', 'true');
  await expect(panel.detailsTitle).toHaveText(`#${seq} AgentContactAssigned`);
  await panel.details.getByRole('button', { name: `frame #${seq}` }).click();
  await expect(panel.tab('Frames')).toHaveAttribute('aria-selected', 'true');
  await expect(panel.frameDetail.getByRole('heading')).toHaveText(`#${seq} AgentContactAssigned`);
  await expect(panel.frames.filter({ has: panel.page.locator(`[data-seq="${seq}"]`) })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await panel.page.screenshot({ path: 'test-results/frames-tab.png' });
});
