import { mkdir, writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { writeHar } from '../../src/io';
import { startSimulator, type Simulator } from '../sim/server';
import { MERGE, mergeCase } from '../support/merge-case';
import { AGENT } from '../unit/model/flow';
import { seriousViolations } from './axe';
import { type ExtensionBrowser, sharedExtensionBrowser } from './extension';
import { PanelPage } from './pages/panel-page';

/*
 * A `ContactMerged` child as a person sees it (README "Re-keys and merges"): its row shows its own
 * timeline, marked merged with a way to the parent; the parent shows the merge and leads back; a
 * request sent under the child's earlier id is listed on the child, and the Frames tab's "Show
 * request" and the anomaly's link go there too. In the viewer (a HAR) and the live panel.
 */

// One browser for the file: each test opens its own pages (a new simulator tab, the viewer).
const shared = sharedExtensionBrowser();
let browser: ExtensionBrowser;
let sim: Simulator | undefined;

test.afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const short = (id: string) => `…${id.slice(-8)}`;
const head = (panel: PanelPage) => panel.page.locator('.interaction-head');
const requestRows = (panel: PanelPage) => panel.timeline.locator('.request-row .e-name');
/** The parent's rows: its events, the merge, and what came under the child's id after it. */
const PARENT_ROWS = [
  'AgentContactReserved',
  'AgentContactAssigned',
  'ContactMerged',
  'ContactUpdated',
  '↗ POST …/unhold',
  'AgentContactUnheld',
];

/** The child's row, clicked: its own timeline, marked merged; the parent a click away, and back. */
async function childThenParent(panel: PanelPage, childEvents: string[], parentEvents: string[]): Promise<void> {
  const child = panel.interaction(MERGE.childCustomer);
  await expect(child.locator('.state')).toHaveText('');
  await expect(child.locator('.badge')).toHaveText([`Merged into ${short(MERGE.parent)}`]);
  await child.click();
  await expect(head(panel).locator('.customer')).toHaveText(MERGE.childCustomer);
  // No live badge: where it went instead, a click away.
  await expect(head(panel).locator('.badge')).toHaveCount(0);
  expect(await panel.eventNames()).toEqual(childEvents);
  await head(panel)
    .getByRole('button', { name: `Merged into ${short(MERGE.parent)}` })
    .click();
  await expect(head(panel).locator('.customer')).toHaveText(MERGE.parentCustomer);
  await expect(panel.detailsTitle).toHaveText(/^#\d+ ContactMerged$/);
  await expect(panel.selectedEvent.locator('.e-name')).toHaveText('ContactMerged');
  expect(await panel.eventNames()).toEqual(parentEvents);
  const note = panel.details.getByRole('note');
  await expect(note).toHaveText(
    `Merged ${short(MERGE.child)} into this interaction; its own timeline keeps its ${childEvents.filter((e) => !e.startsWith('↗')).length} events from before the merge: show ${short(MERGE.child)}`,
  );
  await note.getByRole('button', { name: `show ${short(MERGE.child)}` }).click();
  await expect(head(panel).locator('.customer')).toHaveText(MERGE.childCustomer);
}

/** Frames tab → the hold sent under the child's earlier id → "Show request": the child's row. */
async function showRequestFromFrames(panel: PanelPage, url: RegExp): Promise<void> {
  await panel.interaction(MERGE.parentCustomer).click();
  await panel.showTab('Frames');
  await panel.frame(url).first().click();
  await panel.frameDetail.getByRole('button', { name: 'Show request' }).click();
  await expect(panel.tab('Interactions')).toHaveAttribute('aria-selected', 'true');
  await expect(head(panel).locator('.customer')).toHaveText(MERGE.childCustomer);
  await expect(panel.timeline.locator('.request-row.selected .e-name')).toHaveText(/POST …\/hold$/);
}

test('the viewer: a merged child’s row shows its own timeline and requests, linked both ways with the parent', async () => {
  const { frames } = mergeCase();
  await mkdir('test-results', { recursive: true });
  await writeFile(
    'test-results/merged-child.har',
    writeHar(frames, { createdAt: 0, source: { kind: 'file' }, redacted: false }),
  );
  browser = await shared.get();
  const viewer = await browser.context.newPage();
  await viewer.setViewportSize({ width: 1400, height: 800 });
  await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
  await viewer.getByLabel('Capture or HAR file').setInputFiles('test-results/merged-child.har');
  await expect(viewer.locator('.file-name')).toHaveText('merged-child.har');
  const panel = new PanelPage(viewer);
  await expect(panel.interactions).toHaveCount(2);

  await childThenParent(
    panel,
    ['AgentOfferCampaignReservation', 'AgentContactAssigned', '↗ POST …/hold', '↗ POST …/hold', 'AgentContactHeld'],
    PARENT_ROWS,
  );
  // The child's two holds (one under its reservation id, refused; one under its key); the unhold
  // sent under its key after the merge is the parent's.
  await expect(requestRows(panel)).toHaveText(['↗ POST …/hold', '↗ POST …/hold']);
  await expect(panel.timeline.locator('.request-row').first()).toHaveAttribute('data-outcome', 'http-error');
  expect(await seriousViolations(viewer)).toEqual([]);
  // Docked at the bottom (light) and at the side (dark): the child with its way to the parent,
  // the parent with the merge selected and its way back.
  for (const [size, theme] of [
    [{ width: 1400, height: 300 }, 'light'],
    [{ width: 500, height: 700 }, 'dark'],
  ] as const) {
    await viewer.emulateMedia({ colorScheme: theme });
    await viewer.setViewportSize(size);
    await panel.interaction(MERGE.childCustomer).click();
    const link = head(panel).getByRole('button', { name: `Merged into ${short(MERGE.parent)}` });
    await expect(link).toBeInViewport();
    await viewer.screenshot({ path: `test-results/merged-child-${size.width}x${size.height}-${theme}.png` });
    await link.click();
    await expect(panel.details.getByRole('note')).toBeInViewport();
    await viewer.screenshot({ path: `test-results/merged-parent-${size.width}x${size.height}-${theme}.png` });
  }
  await viewer.emulateMedia({ colorScheme: 'light' });
  await viewer.setViewportSize({ width: 1400, height: 800 });

  await showRequestFromFrames(panel, new RegExp(`/v1/tasks/${MERGE.reservation}/hold`));

  // The anomaly's link leads to the same row.
  await panel.interaction(MERGE.parentCustomer).click();
  await panel.showTab('Anomalies');
  await panel.ruleGroup('request-http-error').getByRole('button').first().click();
  await expect(head(panel).locator('.customer')).toHaveText(MERGE.childCustomer);
  await expect(panel.timeline.locator('.request-row.selected')).toHaveAttribute('data-outcome', 'http-error');

  // "active" hides the merged child.
  await panel.onlyActive.check();
  await expect(panel.interactions).toHaveCount(1);
  await expect(panel.interactions.first()).toContainText(MERGE.parentCustomer);
});

type Desktop = {
  __desktop: { api: Record<string, (id?: string) => Promise<{ status: number; body: string }>> };
};
const call = (page: Page, op: 'hold' | 'unhold', id: string) =>
  page.evaluate(([o, i]) => (window as unknown as Desktop).__desktop.api[o!]!(i), [op, id] as const);

test('the live panel: a hold sent under the child’s earlier id, then the merge; rows, links and "Show request" agree', async () => {
  test.setTimeout(90_000);
  const { frames, seq } = mergeCase();
  const notification = (from: number, to: number) =>
    frames
      .filter((f) => f.kind === 'text' && f.seq >= from && f.seq <= to)
      .map((f) => JSON.parse(f.data!) as Record<string, unknown>);
  sim = await startSimulator({
    keepaliveMs: 1000,
    speed: 0,
    scenario: {
      name: 'merged-child',
      description: 'a call and a campaign contact re-keyed on assignment, merged into the call later',
      agentId: AGENT,
      steps: notification(seq['parentReserved']!, seq['childAssigned']!).map((frame) => ({ delay: 50, frame })),
    },
  });
  browser = await shared.get();
  const page = await browser.context.newPage();
  await page.goto(`${sim.pageUrl}?keepalive=1000`);
  await sim.onIdle();
  const panel = new PanelPage(await browser.openPanel(await browser.tabIdOf(page)));
  await panel.page.setViewportSize({ width: 1400, height: 800 });
  await expect(panel.interactions).toHaveCount(2);

  // A hold under the child's first (reservation) id: the mock answers 202, then AgentContactHeld under it.
  expect((await call(page, 'hold', MERGE.reservation)).status).toBe(202);
  await panel.interaction(MERGE.childCustomer).click();
  await expect(panel.event('AgentContactHeld')).toHaveCount(1);
  // Then the merge, an update under the child's id, and an unhold under it: now the parent's.
  for (const frame of notification(seq['merged']!, seq['updateUnderChildAfter']!)) sim.inject(frame);
  await expect(panel.interaction(MERGE.childCustomer).locator('.badge')).toHaveText([
    `Merged into ${short(MERGE.parent)}`,
  ]);
  expect((await call(page, 'unhold', MERGE.child)).status).toBe(202);
  await panel.interaction(MERGE.parentCustomer).click();
  await expect(panel.event('AgentContactUnheld')).toHaveCount(1);

  await childThenParent(
    panel,
    ['AgentOfferCampaignReservation', 'AgentContactAssigned', '↗ POST …/hold', 'AgentContactHeld'],
    PARENT_ROWS,
  );
  await expect(requestRows(panel)).toHaveText(['↗ POST …/hold']);
  await expect(panel.timeline.locator('.request-row')).toHaveAttribute('data-outcome', 'succeeded');
  await showRequestFromFrames(panel, new RegExp(`/v1/tasks/${MERGE.reservation}/hold`));
  await panel.page.screenshot({ path: 'test-results/merged-child-panel.png' });
});
