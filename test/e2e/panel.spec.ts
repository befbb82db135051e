import { expect, test } from '@playwright/test';
import { loadScenario, type Scenario } from '../sim/scenario';
import { startSimulator, type Simulator } from '../sim/server';
import { type ExtensionBrowser, sharedExtensionBrowser } from './extension';
import { PanelPage } from './pages/panel-page';

let sim: Simulator;
// One browser for the file: each test opens its own pages (a new simulator tab, the viewer).
const shared = sharedExtensionBrowser();
let browser: ExtensionBrowser;

test.afterEach(async () => {
  await sim?.close();
});

/** A scenario whose step `after` (an event name) waits `ms` before the next step: time to look. */
function lingering(name: string, after: string, ms: number): Scenario {
  const scenario = structuredClone(loadScenario(name));
  const at = scenario.steps.findIndex(
    (s) => (s.frame as { data?: { type?: string } } | undefined)?.data?.type === after,
  );
  scenario.steps[at + 1]!.delay = ms;
  return scenario;
}

async function panelOn(
  scenario: string | Scenario,
  options: { wait?: boolean; colorScheme?: 'light' | 'dark' } = {},
): Promise<PanelPage> {
  sim = await startSimulator({ scenario, keepaliveMs: 60_000 });
  browser = await shared.get();
  const page = await browser.context.newPage();
  await page.goto(sim.pageUrl);
  if (options.wait ?? true) await sim.onIdle();
  const panel = await browser.context.newPage();
  await panel.setViewportSize({ width: 1280, height: 800 });
  if (options.colorScheme) await panel.emulateMedia({ colorScheme: options.colorScheme });
  await panel.goto(
    `chrome-extension://${browser.extensionId}/devtools-panel.html?tabId=${await browser.tabIdOf(page)}`,
  );
  return new PanelPage(panel);
}

test('live hold: the badge reads On hold and ticks, and the diff shows isHold false → true', async () => {
  const panel = await panelOn(lingering('inbound-hold-resume', 'AgentContactHeld', 20_000), { wait: false });
  const interaction = panel.interactions.first();
  await expect(interaction.locator('.badge-hold')).toHaveText(/^On hold 0:0\d$/, { timeout: 15_000 });
  const first = await interaction.locator('.badge-hold').textContent();
  await expect(interaction.locator('.badge-hold')).not.toHaveText(first!, { timeout: 5_000 }); // it ticks
  await panel.event('AgentContactHeld').click();
  await expect(panel.detailsTitle).toContainText('AgentContactHeld');
  await expect(panel.change('isHold').locator('.c-from')).toHaveText('false');
  await expect(panel.change('isHold').locator('.c-to')).toHaveText('true');
  // An inline tree: the change sits under media → its leg, with the unchanged fields counted.
  await expect(panel.details.locator('.diff-branch summary', { hasText: /^media$/ })).toBeVisible();
  await expect(panel.details.locator('.unchanged').first()).toHaveText(/^… \d+ unchanged fields?$/);
  await expect(panel.event('AgentContactHeld').locator('.chip')).toHaveText('hold');
  await expect(panel.laneBars('hold')).toHaveCount(1);
  await panel.page.screenshot({ path: 'test-results/panel-hold-light.png' });
});

test('recording: Paused, then Recording again, and the lanes draw both the pause and the hold', async () => {
  const panel = await panelOn(lingering('recording-pause-resume', 'ContactRecordingPaused', 4_000), {
    wait: false,
    colorScheme: 'dark',
  });
  const interaction = panel.interactions.first();
  await expect(interaction.locator('.badge-paused')).toHaveText('Paused', { timeout: 15_000 });
  await expect(interaction.locator('.badge-rec')).toHaveText('Recording', { timeout: 10_000 });
  await expect(interaction.locator('.badge-paused')).toHaveCount(0);
  await sim.onIdle();
  await expect(panel.laneBars('recording-paused')).toHaveCount(1);
  // One Recording lane: recording before the pause and after the resume, paused in between.
  await expect(panel.laneBars('recording-active')).toHaveCount(2);
  await expect(panel.laneBars('hold')).toHaveCount(1);
  // Each bar is a button named by its interval.
  await expect(panel.lanes.getByRole('button', { name: /^Recording paused: / })).toHaveAccessibleName(
    /^Recording paused: .* \(0:0[3-5]\), from #\d+ to #\d+$/,
  );
  // Clicking the bar selects the event that started it.
  await panel.laneBars('recording-paused').click();
  await expect(panel.detailsTitle).toContainText('ContactRecordingPaused');
  await panel.page.screenshot({ path: 'test-results/panel-recording-dark.png' });
});

test('anomalies: the rule is listed with a link that opens its event', async () => {
  const panel = await panelOn('anomalies');
  await panel.showTab('Anomalies');
  const group = panel.ruleGroup('held-while-held');
  await expect(group.locator('h3')).toContainText('held-while-held · 1');
  const evidence = group.getByRole('button', { name: /^#\d+$/ }).last();
  const seq = (await evidence.textContent())!.slice(1);
  await evidence.click();
  await expect(panel.tab('Interactions')).toHaveAttribute('aria-selected', 'true');
  await expect(panel.detailsTitle).toHaveText(`#${seq} AgentContactHeld`);
  // The same event also breaks hold-flag-mismatch (an error), so its marker is the error's.
  const marker = panel.selectedEvent.locator(`[data-seq="${seq}"] .e-anomaly`);
  await expect(marker).toHaveText('✖');
  await expect(marker).toHaveAttribute('title', /held-while-held: AgentContactHeld/);
  await panel.showTab('Anomalies');
  await expect(panel.ruleGroup('hold-flag-mismatch').locator('.sev')).toHaveText('error');
  await panel.page.screenshot({ path: 'test-results/panel-anomalies.png' });
});

test('search, filters and the keyboard', async () => {
  const panel = await panelOn('recording-pause-resume');
  await expect(panel.events).toHaveCount(10);

  await panel.page.keyboard.press('/');
  await expect(panel.search).toBeFocused();
  await panel.page.keyboard.type('isHold');
  await expect.poll(() => panel.eventNames()).toEqual(['AgentContactHeld', 'AgentContactUnheld']);
  // Esc anywhere but the search box leaves the search alone (in DevTools it shows or hides the
  // drawer): on the category filter, a toolbar button, a checkbox, the timeline.
  await panel.page.keyboard.press('Tab');
  await expect(panel.category).toBeFocused();
  await panel.page.keyboard.press('Escape');
  for (const control of [panel.button('Pause'), panel.onlyAnomalies, panel.timeline]) {
    await control.focus();
    await panel.page.keyboard.press('Escape');
    await expect(control).toBeFocused();
  }
  await expect(panel.search).toHaveValue('isHold');
  expect(await panel.eventNames()).toEqual(['AgentContactHeld', 'AgentContactUnheld']);
  // In the search box Esc clears it.
  await panel.search.focus();
  await panel.page.keyboard.press('Escape');
  await expect(panel.search).toHaveValue('');
  await expect(panel.events).toHaveCount(10);

  await panel.search.fill('/^ContactRecording(Paused|Resumed)$/');
  await expect.poll(() => panel.eventNames()).toEqual(['ContactRecordingPaused', 'ContactRecordingResumed']);
  await panel.search.fill('/[unclosed/');
  await expect(panel.search).toHaveAttribute('title', /Invalid regular expression/);
  await panel.search.fill('');

  await panel.category.selectOption('hold');
  await expect.poll(() => panel.eventNames()).toEqual(['AgentContactHeld', 'AgentContactUnheld']);
  await panel.category.selectOption('');
  await panel.pathFilter.fill('recordInProgress');
  await expect.poll(() => panel.eventNames()).toEqual(['ContactRecordingPaused', 'ContactRecordingResumed']);
  await panel.pathFilter.fill('');

  // ↑/↓ and j/k walk the timeline; the details follow.
  await panel.event('AgentContactAssigned').click();
  await panel.page.keyboard.press('ArrowDown');
  await expect(panel.detailsTitle).toHaveText(/ContactRecordingPaused$/);
  await panel.page.keyboard.press('j');
  await expect(panel.detailsTitle).toHaveText(/ContactRecordingResumed$/);
  await panel.page.keyboard.press('k');
  await panel.page.keyboard.press('ArrowUp');
  await expect(panel.detailsTitle).toHaveText(/AgentContactAssigned$/);

  // Details tabs: the snapshot as a tree, the raw frame, the decoder's findings.
  await panel.detailsTab('Snapshot').click();
  await expect(panel.detailsBody.locator('.json-tree')).toContainText('callProcessingDetails');
  await panel.detailsBody.locator('summary', { hasText: 'callProcessingDetails' }).click();
  // Each field carries its documentation from the SDK's Interaction type as a tooltip.
  await expect(panel.detailsBody.locator('.j-key', { hasText: /^ani$/ })).toHaveAttribute(
    'title',
    /Automatic Number Identification/,
  );
  await panel.detailsTab('Raw').click();
  await expect(panel.detailsBody.locator('pre')).toContainText('"type": "AgentContactAssigned"');
  await panel.detailsTab('Findings').click();
  await expect(panel.detailsBody).toContainText('string-boolean');
  // Compare with another event: the diff between any two snapshots.
  await panel.compareWith.selectOption({ index: 1 });
  await expect(panel.detailsTab('Diff')).toHaveAttribute('aria-selected', 'true');
  await expect(panel.details.locator('.diff .caption')).toHaveText(
    /^From #\d+ AgentContactReserved to #\d+ AgentContactAssigned · \d+ fields changed$/,
  );
  await expect(panel.change('state').locator('.c-to')).toHaveText('"connected"');
});

test('the keyboard acts where the focus is: the details scroll and fold, Escape returns, ? lists the keys', async () => {
  const panel = await panelOn('consult-conference-wrapup');
  await panel.page.setViewportSize({ width: 1400, height: 300 });
  await panel.event('AgentContactAssigned').click();
  const selected = await panel.detailsTitle.textContent();
  await panel.detailsTab('Snapshot').click();
  // Enter moves to the details; ↓ then scrolls them and leaves the selection alone.
  await panel.event('AgentContactAssigned').click();
  await panel.page.keyboard.press('Enter');
  await expect(panel.detailsBody).toBeFocused();
  const before = await panel.detailsBody.evaluate((el) => el.scrollTop);
  for (let i = 0; i < 6; i++) await panel.page.keyboard.press('ArrowDown');
  await expect.poll(() => panel.detailsBody.evaluate((el) => el.scrollTop)).toBeGreaterThan(before);
  await expect(panel.detailsTitle).toHaveText(selected!);
  // ←/→ on a tree node fold and unfold it.
  const node = panel.detailsBody.locator('summary', { hasText: 'callProcessingDetails' });
  await node.focus();
  await panel.page.keyboard.press('ArrowRight');
  await expect(node.locator('xpath=..')).toHaveAttribute('open', '');
  await panel.page.keyboard.press('ArrowLeft');
  await expect(node.locator('xpath=..')).not.toHaveAttribute('open', '');
  await expect(panel.detailsTitle).toHaveText(selected!);
  // Escape returns to the timeline, where ↓ walks the events again.
  await panel.page.keyboard.press('Escape');
  await expect(panel.timeline).toBeFocused();
  await panel.page.keyboard.press('ArrowDown');
  await expect(panel.detailsTitle).not.toHaveText(selected!);
  // ? shows the keys; Escape closes the help.
  await panel.page.keyboard.press('?');
  await expect(panel.help).toBeVisible();
  await expect(panel.help).toContainText('Show or hide this help');
  await panel.page.keyboard.press('Escape');
  await expect(panel.help).toBeHidden();
});

test('hostile strings show as text in the interactions view', async () => {
  const panel = await panelOn('hostile');
  const dialogs: string[] = [];
  panel.page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await expect(panel.interactions).toHaveCount(2);
  await panel.interaction('<img src=x onerror=alert(1)>').first().click();
  await expect(panel.timeline.locator('.e-name').first()).toHaveText(/^<img src=x onerror=alert\(1\)>/);
  await panel.detailsTab('Raw').click();
  expect(await panel.page.locator('.content img, .content script, .content iframe').count()).toBe(0);
  expect(dialogs).toEqual([]);
});

test('the interactions list sorts and filters, and says how many it hides', async () => {
  const panel = await panelOn('anomalies');
  await expect(panel.interactions).toHaveCount(2);
  const ids = () =>
    panel.interactions
      .locator('.interaction')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-interaction')!.slice(-4)));
  // Newest first by default: the call still going is on top.
  await expect.poll(ids).toEqual(['00ff', '00e5']);
  await panel.sortInteractions.selectOption('Most anomalies');
  await expect.poll(ids).toEqual(['00e5', '00ff']);
  await panel.sortInteractions.selectOption('Oldest first');
  await expect.poll(ids).toEqual(['00e5', '00ff']);
  // Active only: the ended call is hidden, and the list says so.
  await panel.onlyActive.check();
  await expect.poll(ids).toEqual(['00ff']);
  await expect(panel.page.getByText('1 hidden')).toBeVisible();
  await panel.onlyActive.uncheck();
  await panel.mediaType.selectOption('telephony');
  await expect(panel.interactions).toHaveCount(2);
  await expect(panel.page.getByText(/\d+ hidden/)).toHaveCount(0);
  // An ended call reads Ended, with no live badge and no stale state next to it.
  const ended = panel.interactions.filter({ has: panel.page.locator('[data-interaction$="00e5"]') });
  await expect(ended.locator('.badge')).toHaveText([/^(Wrap-up|Ended)$/]);
  await expect(ended.locator('.state')).toHaveText('');
});
