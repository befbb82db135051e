import { expect, test, type Page } from '@playwright/test';
import { loadScenario, type Scenario } from '../sim/scenario';
import { startSimulator, type Simulator } from '../sim/server';
import { launchWithExtension, type ExtensionBrowser } from './extension';

let sim: Simulator;
let browser: ExtensionBrowser;

test.afterEach(async () => {
  await browser?.close();
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
): Promise<Page> {
  sim = await startSimulator({ scenario, keepaliveMs: 60_000 });
  browser = await launchWithExtension();
  const page = await browser.context.newPage();
  await page.goto(sim.pageUrl);
  if (options.wait ?? true) await sim.onIdle();
  const panel = await browser.context.newPage();
  await panel.setViewportSize({ width: 1280, height: 800 });
  if (options.colorScheme) await panel.emulateMedia({ colorScheme: options.colorScheme });
  await panel.goto(
    `chrome-extension://${browser.extensionId}/devtools-panel.html?tabId=${await browser.tabIdOf(page)}`,
  );
  return panel;
}

const row = (panel: Page, name: string) =>
  panel.locator('.timeline .event', { has: panel.locator('.e-name', { hasText: new RegExp(`^${name}$`) }) });

test('live hold: the badge reads On hold and ticks, and the diff shows isHold false → true', async () => {
  const panel = await panelOn(lingering('inbound-hold-resume', 'AgentContactHeld', 20_000), { wait: false });
  const interaction = panel.locator('.interaction').first();
  await expect(interaction.locator('.badge-hold')).toHaveText(/^On hold 0:0\d$/, { timeout: 15_000 });
  const first = await interaction.locator('.badge-hold').textContent();
  await expect(interaction.locator('.badge-hold')).not.toHaveText(first!, { timeout: 5_000 }); // it ticks
  await row(panel, 'AgentContactHeld').click();
  await expect(panel.locator('.details-title')).toContainText('AgentContactHeld');
  const change = panel.locator('.change', { has: panel.locator('.c-leaf', { hasText: /^isHold$/ }) });
  await expect(change.locator('.c-from')).toHaveText('false');
  await expect(change.locator('.c-to')).toHaveText('true');
  // An inline tree: the change sits under media → its leg, with the unchanged fields counted.
  await expect(panel.locator('.diff .diff-branch summary', { hasText: /^media$/ })).toBeVisible();
  await expect(panel.locator('.diff .unchanged').first()).toHaveText(/^… \d+ unchanged fields?$/);
  await expect(row(panel, 'AgentContactHeld').locator('.chip')).toHaveText('hold');
  await expect(panel.locator('.lanes .seg-hold')).toHaveCount(1);
  await panel.screenshot({ path: 'test-results/panel-hold-light.png' });
});

test('recording: Paused, then Recording again, and the lanes draw both the pause and the hold', async () => {
  const panel = await panelOn(lingering('recording-pause-resume', 'ContactRecordingPaused', 4_000), {
    wait: false,
    colorScheme: 'dark',
  });
  const interaction = panel.locator('.interaction').first();
  await expect(interaction.locator('.badge-paused')).toHaveText('Paused', { timeout: 15_000 });
  await expect(interaction.locator('.badge-rec')).toHaveText('Recording', { timeout: 10_000 });
  await expect(interaction.locator('.badge-paused')).toHaveCount(0);
  await sim.onIdle();
  await expect(panel.locator('.lanes .seg-recording-paused')).toHaveCount(1);
  // One Recording lane: recording before the pause and after the resume, paused in between.
  await expect(panel.locator('.lanes .seg-recording-active')).toHaveCount(2);
  await expect(panel.locator('.lanes .seg-hold')).toHaveCount(1);
  const paused = await panel.locator('.lanes .seg-recording-paused title').textContent();
  expect(paused).toMatch(/^Recording paused: .* \(0:0[3-5]\), from #\d+ to #\d+$/);
  // Clicking the bar selects the event that started it.
  await panel.locator('.lanes .seg-recording-paused').click();
  await expect(panel.locator('.details-title')).toContainText('ContactRecordingPaused');
  await panel.screenshot({ path: 'test-results/panel-recording-dark.png' });
});

test('anomalies: the rule is listed with a link that opens its event', async () => {
  const panel = await panelOn('anomalies');
  await panel.getByRole('tab', { name: /Anomalies/ }).click();
  const group = panel.locator('.rule-group[data-rule="held-while-held"]');
  await expect(group.locator('h3')).toContainText('held-while-held · 1');
  const evidence = group.locator('.evidence').last();
  const seq = (await evidence.textContent())!.slice(1);
  await evidence.click();
  await expect(panel.getByRole('tab', { name: /Interactions/ })).toHaveAttribute('aria-selected', 'true');
  await expect(panel.locator('.details-title')).toHaveText(`#${seq} AgentContactHeld`);
  // The same event also breaks hold-flag-mismatch (an error), so its marker is the error's.
  const marker = panel.locator(`.timeline .event.selected[data-seq="${seq}"] .e-anomaly`);
  await expect(marker).toHaveText('✖');
  await expect(marker).toHaveAttribute('title', /held-while-held: AgentContactHeld/);
  await panel.getByRole('tab', { name: /Anomalies/ }).click();
  await expect(panel.locator('.rule-group[data-rule="hold-flag-mismatch"] .sev')).toHaveText('error');
  await panel.screenshot({ path: 'test-results/panel-anomalies.png' });
});

test('search, filters and the keyboard', async () => {
  const panel = await panelOn('recording-pause-resume');
  const names = () => panel.locator('.timeline .e-name').allTextContents();
  await expect(panel.locator('.timeline .event')).toHaveCount(10);

  await panel.keyboard.press('/');
  await expect(panel.getByRole('searchbox', { name: 'Search' })).toBeFocused();
  await panel.keyboard.type('isHold');
  await expect.poll(names).toEqual(['AgentContactHeld', 'AgentContactUnheld']);
  await panel.keyboard.press('Escape');
  await expect(panel.locator('.timeline .event')).toHaveCount(10);

  await panel.getByRole('searchbox', { name: 'Search' }).fill('/^ContactRecording(Paused|Resumed)$/');
  await expect.poll(names).toEqual(['ContactRecordingPaused', 'ContactRecordingResumed']);
  await panel.getByRole('searchbox', { name: 'Search' }).fill('/[unclosed/');
  await expect(panel.getByRole('searchbox', { name: 'Search' })).toHaveAttribute('title', /Invalid regular expression/);
  await panel.getByRole('searchbox', { name: 'Search' }).fill('');

  await panel.getByRole('combobox', { name: 'Category' }).selectOption('hold');
  await expect.poll(names).toEqual(['AgentContactHeld', 'AgentContactUnheld']);
  await panel.getByRole('combobox', { name: 'Category' }).selectOption('');
  await panel.getByRole('searchbox', { name: 'Only events changing a path' }).fill('recordInProgress');
  await expect.poll(names).toEqual(['ContactRecordingPaused', 'ContactRecordingResumed']);
  await panel.getByRole('searchbox', { name: 'Only events changing a path' }).fill('');

  // ↑/↓ and j/k walk the timeline; the details follow.
  await panel.locator('body').click({ position: { x: 1000, y: 790 } });
  await row(panel, 'AgentContactAssigned').click();
  await panel.keyboard.press('ArrowDown');
  await expect(panel.locator('.details-title')).toHaveText(/ContactRecordingPaused$/);
  await panel.keyboard.press('j');
  await expect(panel.locator('.details-title')).toHaveText(/ContactRecordingResumed$/);
  await panel.keyboard.press('k');
  await panel.keyboard.press('ArrowUp');
  await expect(panel.locator('.details-title')).toHaveText(/AgentContactAssigned$/);

  // Details tabs: the snapshot as a tree, the raw frame, the decoder's findings.
  await panel.getByRole('tab', { name: 'Snapshot' }).click();
  await expect(panel.locator('.json-tree')).toContainText('callProcessingDetails');
  await panel.locator('.json-tree summary', { hasText: 'callProcessingDetails' }).click();
  // Each field carries its documentation from the SDK's Interaction type as a tooltip.
  await expect(panel.locator('.json-tree .j-key', { hasText: /^ani$/ })).toHaveAttribute(
    'title',
    /Automatic Number Identification/,
  );
  await panel.getByRole('tab', { name: 'Raw' }).click();
  await expect(panel.locator('.raw pre')).toContainText('"type": "AgentContactAssigned"');
  await panel.getByRole('tab', { name: 'Findings' }).click();
  await expect(panel.locator('.findings')).toContainText('string-boolean');
  // Compare with another event: the diff between any two snapshots.
  await panel.getByRole('combobox', { name: /compare with/ }).selectOption({ index: 1 });
  await expect(panel.getByRole('tab', { name: 'Diff' })).toHaveAttribute('aria-selected', 'true');
  await expect(panel.locator('.diff .caption')).toHaveText(
    /^From #\d+ AgentContactReserved to #\d+ AgentContactAssigned · \d+ fields changed$/,
  );
  await expect(
    panel.locator('.change', { has: panel.locator('.c-leaf', { hasText: /^state$/ }) }).locator('.c-to'),
  ).toHaveText('"connected"');
});

test('hostile strings show as text in the interactions view', async () => {
  const panel = await panelOn('hostile');
  const dialogs: string[] = [];
  panel.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await expect(panel.locator('.interaction')).toHaveCount(2);
  await panel.locator('.interaction', { hasText: '<img src=x onerror=alert(1)>' }).first().click();
  await expect(panel.locator('.timeline .e-name').first()).toHaveText(/^<img src=x onerror=alert\(1\)>/);
  await panel.getByRole('tab', { name: 'Raw' }).click();
  expect(await panel.locator('.content img, .content script, .content iframe').count()).toBe(0);
  expect(dialogs).toEqual([]);
});
