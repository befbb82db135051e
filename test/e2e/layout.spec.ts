import { expect, test, type Locator, type Page } from '@playwright/test';
import { loadScenario, type Scenario } from '../sim/scenario';
import { startSimulator, type Simulator } from '../sim/server';
import { seriousViolations } from './axe';
import { type ExtensionBrowser, sharedExtensionBrowser } from './extension';
import { PanelPage } from './pages/panel-page';
import { showTheme } from './theme';

// The sizes DevTools is usually docked at: bottom (1400×300), side (500×700), a small window, a big one.
const SIZES = [
  { width: 1400, height: 300 },
  { width: 500, height: 700 },
  { width: 900, height: 450 },
  { width: 1400, height: 1000 },
] as const;

let sim: Simulator;
// One browser for the file: each test opens its own pages (a new simulator tab, the viewer).
const shared = sharedExtensionBrowser();
let browser: ExtensionBrowser;

test.afterEach(async () => {
  await sim?.close();
});

async function openPanel(scenario: string | Scenario): Promise<PanelPage> {
  sim = await startSimulator({ scenario, keepaliveMs: 60_000, speed: 0 });
  browser = await shared.get();
  const page = await browser.context.newPage();
  await page.goto(sim.pageUrl);
  await sim.onIdle();
  const panel = new PanelPage(await browser.openPanel(await browser.tabIdOf(page)));
  await expect(panel.interactions.first()).toBeVisible();
  return panel;
}

type Box = { x: number; y: number; width: number; height: number };

async function box(locator: Locator): Promise<Box> {
  // Measured again if it was drawn anew between finding it and measuring it (the On hold badge
  // ticks every second): a clean CI clone once got no box for it.
  let b: Box | null = null;
  await expect
    .poll(async () => {
      b = await locator.boundingBox();
      return b !== null;
    }, `${locator} has a box`)
    .toBe(true);
  return b!;
}

/** Overlap of two boxes beyond a 1 px tolerance (borders may touch). */
function overlaps(a: Box, b: Box): boolean {
  const x = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const y = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return x > 1 && y > 1;
}

/** Every pair of these boxes is disjoint; the names of those that overlap otherwise. */
function overlapping(boxes: Record<string, Box>): string[] {
  const names = Object.keys(boxes);
  const out: string[] = [];
  for (let i = 0; i < names.length; i++)
    for (let j = i + 1; j < names.length; j++)
      if (overlaps(boxes[names[i]!]!, boxes[names[j]!]!)) out.push(`${names[i]} × ${names[j]}`);
  return out;
}

/** Boxes of all elements matching `selector` inside `scope`, visible ones only. */
function boxesOf(page: Page, selector: string): Promise<Box[]> {
  return page.locator(selector).evaluateAll((els) =>
    els
      .map((el) => el.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0)
      .map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })),
  );
}

function withinViewport(b: Box, page: Page): boolean {
  const v = page.viewportSize()!;
  return b.x >= -1 && b.y >= -1 && b.x + b.width <= v.width + 1 && b.y + b.height <= v.height + 1;
}

test('every dock size, light and dark: diff, timeline and lanes visible, nothing overlaps', async () => {
  test.setTimeout(120_000);
  const panel = await openPanel('consult-conference-wrapup');
  const { page } = panel;
  for (const theme of ['light', 'dark'] as const) {
    await showTheme(page, theme);
    for (const size of SIZES) {
      const at = `${size.width}×${size.height} ${theme}`;
      await page.setViewportSize(size);
      await panel.event('AgentConsultConferenced').click();
      await expect(panel.detailsTitle, at).toContainText('AgentConsultConferenced');
      await expect(panel.details.locator('.change').first(), at).toBeVisible();
      await expect(panel.lanes, at).toBeVisible();
      await expect(panel.timeline, at).toBeVisible();

      await page.screenshot({ path: `test-results/layout-${size.width}x${size.height}-${theme}.png` });
      const parts = {
        toolbar: await box(panel.toolbar),
        tabs: await box(page.getByRole('tablist', { name: 'Panel views' })),
        list: await box(panel.interactionList),
        lanes: await box(panel.lanes),
        timeline: await box(panel.timeline),
        details: await box(panel.details),
        status: await box(panel.statusBar),
      };
      expect(overlapping(parts), at).toEqual([]);
      for (const [name, b] of Object.entries(parts))
        expect(withinViewport(b, page), `${name} in view at ${at}`).toBe(true);
      // Big enough to use: a few timeline rows, the diff's first lines, every lane bar's row.
      expect(parts.timeline.height, `timeline at ${at}`).toBeGreaterThanOrEqual(60);
      expect(parts.details.height, `details at ${at}`).toBeGreaterThanOrEqual(100);
      expect(parts.lanes.height, `lanes at ${at}`).toBeGreaterThanOrEqual(40);
      expect(parts.list.height, `list at ${at}`).toBeGreaterThanOrEqual(50);
      // The status bar is one line, like DevTools'.
      expect(parts.status.height, `status bar at ${at}`).toBeLessThanOrEqual(24);

      // Rows never paint over each other; lane names and axis labels neither.
      expect(
        overlapping(Object.fromEntries((await boxesOf(page, '.interaction')).map((b, i) => [`row ${i}`, b]))),
        at,
      ).toEqual([]);
      expect(
        overlapping(Object.fromEntries((await boxesOf(page, '.axis span')).map((b, i) => [`tick ${i}`, b]))),
        at,
      ).toEqual([]);
      expect(
        overlapping(Object.fromEntries((await boxesOf(page, '.lane-name')).map((b, i) => [`lane ${i}`, b]))),
        at,
      ).toEqual([]);
      // Nothing inside a row spills out of it.
      const spills = await page
        .locator('.interaction, .event')
        .evaluateAll((els) => els.filter((el) => el.scrollHeight > el.clientHeight + 1).length);
      expect(spills, `rows whose content spills at ${at}`).toBe(0);
    }
  }
});

/**
 * The busiest header the simulator can show: a recorded call in consult (the customer on hold),
 * which a supervisor monitors; the scenario stops there, so every badge stays live.
 */
function monitoredConsult(): Scenario {
  const scenario = structuredClone(loadScenario('consult-conference-wrapup'));
  const at = scenario.steps.findIndex(
    (s) => (s.frame as { data?: { type?: string } } | undefined)?.data?.type === 'AgentConsulting',
  );
  scenario.steps = scenario.steps.slice(0, at + 1);
  const frame = scenario.steps[at]!.frame as {
    data: { interaction: { callProcessingDetails: Record<string, string> } };
  };
  frame.data.interaction.callProcessingDetails.monitoringState = 'STARTED';
  return scenario;
}

test('the interaction header shows every badge whole, docked at the side and at the bottom, light and dark', async () => {
  const panel = await openPanel(monitoredConsult());
  const { page } = panel;
  const head = page.locator('.interaction-head:not(.agent-head)');
  const badges = head.locator('.badge');
  await expect(badges).toHaveText([/^On hold \d+:\d\d$/, 'Recording', 'Consult', 'Monitored']);
  for (const theme of ['light', 'dark'] as const) {
    await showTheme(page, theme);
    for (const size of [SIZES[0], SIZES[1]]) {
      const at = `${size.width}×${size.height} ${theme}`;
      await page.setViewportSize(size);
      await page.screenshot({ path: `test-results/header-${size.width}x${size.height}-${theme}.png` });
      const within = await box(head);
      const inside = (b: Box) =>
        b.x >= within.x - 1 &&
        b.y >= within.y - 1 &&
        b.x + b.width <= within.x + within.width + 1 &&
        b.y + b.height <= within.y + within.height + 1;
      const parts: Record<string, Box> = {
        customer: await box(head.locator('.customer')),
        media: await box(head.locator('.media')),
        state: await box(head.locator('.state')),
        lanes: await box(head.getByRole('button', { name: /Lanes/ })),
        id: await box(head.locator('.interaction-id')),
      };
      for (let i = 0; i < 4; i++) parts[`badge ${i}`] = await box(badges.nth(i));
      expect(overlapping(parts), at).toEqual([]);
      for (const [name, b] of Object.entries(parts)) {
        expect(inside(b), `${name} inside the header at ${at}`).toBe(true);
        expect(withinViewport(b, page), `${name} in view at ${at}`).toBe(true);
      }
      // Whole, not cut by an ellipsis or an overflowing parent: each badge, the customer, the toggle.
      const cut = await head
        .locator('.badge, .customer, .media, .state, .lanes-toggle')
        .evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent));
      expect(cut, `parts drawn cut at ${at}`).toEqual([]);
      // The id gives way, its full text the tooltip.
      await expect(head.locator('.interaction-id')).toHaveAttribute('title', 'c0ffee00-0000-4000-8000-0000000000c3');
      // At most two lines: the header does not eat the lanes' room.
      expect(within.height, `header height at ${at}`).toBeLessThanOrEqual(50);
    }
  }
});

/**
 * What a person sees of a list row's badges: each badge's text and whether it is drawn whole and
 * on top (the middle and both ends hit it, inside the row's badge line), and the "+N" chip in view
 * (hit at its middle), with its tooltip.
 */
function rowBadgesSeen(row: Locator) {
  return row.locator('.row-badges').evaluate((line) => {
    const within = line.getBoundingClientRect();
    const hits = (el: Element) => {
      const r = el.getBoundingClientRect();
      const y = r.top + r.height / 2;
      const inside = r.left >= within.left - 0.5 && r.right <= within.right + 0.5 && r.bottom <= within.bottom + 0.5;
      return (
        inside && [r.left + 2, r.left + r.width / 2, r.right - 2].every((x) => document.elementFromPoint(x, y) === el)
      );
    };
    const badges = [...line.querySelectorAll('.badge')];
    const chips = [...line.querySelectorAll('.more-badges')].filter((chip) => {
      const r = chip.getBoundingClientRect();
      return (
        r.bottom <= within.bottom + 0.5 &&
        document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === chip
      );
    });
    return {
      all: badges.map((b) => b.textContent!),
      whole: badges.filter(hits).map((b) => b.textContent!),
      // Cut: drawn in part (its left end seen, not its right).
      cut: badges.filter((b) => {
        const r = b.getBoundingClientRect();
        return r.bottom <= within.bottom + 0.5 && r.left < within.right && r.right > within.right + 0.5;
      }).length,
      chips: chips.map((c) => ({
        text: c.textContent!,
        title: c.getAttribute('title')!,
        hidden: c.getAttribute('aria-hidden'),
      })),
    };
  });
}

/** Runs `check` docked at the bottom and at the side, light and dark, after a screenshot `name`-WxH-theme.png. */
async function atBothDocks(page: Page, name: string, check: (at: string) => Promise<void>): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await showTheme(page, theme);
    for (const size of [SIZES[0], SIZES[1]]) {
      await page.setViewportSize(size);
      await page.screenshot({ path: `test-results/${name}-${size.width}x${size.height}-${theme}.png` });
      await check(`${size.width}×${size.height} ${theme}`);
    }
  }
}

test('a list row shows whole badges only, the rest as "+N" named in its tooltip, the id giving way first', async () => {
  const panel = await openPanel(monitoredConsult());
  const { page } = panel;
  const row = panel.interactions.first();
  await atBothDocks(page, 'row-badges', async (at) => {
    const seen = await rowBadgesSeen(row);
    expect(seen.all, at).toEqual([expect.stringMatching(/^On hold \d+:\d\d$/), 'Recording', 'Consult', 'Monitored']);
    expect(seen.cut, `badges cut at ${at}`).toBe(0);
    // The badges seen are the first ones; the chip names exactly the others.
    const shown = seen.whole.length;
    expect(seen.whole, at).toEqual(seen.all.slice(0, shown));
    const rest = seen.all.slice(shown);
    expect(seen.chips, at).toEqual(
      rest.length
        ? [{ text: `+${rest.length}`, title: `${rest.length} more: ${rest.join(', ')}`, hidden: 'true' }]
        : [],
    );
    expect(shown, `badges shown at ${at}`).toBeGreaterThanOrEqual(1);
    // A badge hidden: the id has given way entirely; the row's text (a screen reader's) still holds every badge.
    const id = await box(row.locator('.interaction-id'));
    if (rest.length) expect(id.width, `id width at ${at}`).toBeLessThanOrEqual(1);
    await expect(row).toContainText('On hold');
    await expect(row).toContainText('Monitored');
    // The lane chart's names, whole too (the customer's hold lane the longest).
    const names = await page
      .locator('.lanes .lane-name')
      .evaluateAll((els) =>
        els.map((el) => `${el.firstChild?.textContent ?? ''}${el.scrollWidth > el.clientWidth + 1 ? ' (cut)' : ''}`),
      );
    expect(names, at).toEqual(['Hold · customer', 'Recording', 'Consult', 'Conference', 'Agent', '']);
  });
  // Wide enough, every badge shows and no chip; the id is back.
  await page.setViewportSize({ width: 1400, height: 1000 });
  await panel.splitter('Resize the interactions list').focus();
  for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await rowBadgesSeen(row)).whole.length).toBe(4);
  expect((await rowBadgesSeen(row)).chips).toEqual([]);
  expect((await box(row.locator('.interaction-id'))).width).toBeGreaterThan(30);
});

test('a customer value longer than the row (hostile: escapes, markup, bidi controls) cuts only itself: Ended whole in the row, the header and the details', async () => {
  browser = await shared.get();
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
  await page.getByLabel('Capture or HAR file').setInputFiles('test/fixtures/har/hostile-customer.har');
  const row = page.locator('.interactions .interaction').first();
  const head = page.locator('.interaction-head:not(.agent-head)');
  await expect(head.locator('.badge')).toHaveText(['Ended']);
  await atBothDocks(page, 'hostile-customer', async (at) => {
    const seen = await rowBadgesSeen(row);
    expect(seen, at).toEqual({ all: ['Ended'], whole: ['Ended'], cut: 0, chips: [] });
    // The customer gives way (ends in "…"), nothing else: each part whole and in view.
    const cut = async (parts: Locator) => {
      expect(await parts.count(), `${parts} at ${at}`).toBeGreaterThan(0);
      return parts.evaluateAll((els) =>
        els
          .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > innerWidth + 1)
          .map((el) => el.className),
      );
    };
    expect(await cut(row.locator('.media, .badge')), `row at ${at}`).toEqual([]);
    expect(await cut(head.locator('.media, .badge, .lanes-toggle')), `header at ${at}`).toEqual([]);
    const details = page.getByRole('region', { name: 'Event details' });
    await expect(details.getByRole('heading')).toHaveText('#33 AgentWrappedUp');
    expect(await cut(details.getByRole('heading').or(details.getByRole('tab'))), `details at ${at}`).toEqual([]);
    for (const part of [row, head]) {
      const b = await box(part);
      expect(withinViewport(b, page), `${at}`).toBe(true);
    }
  });
});

test('splitters resize the panes and the sizes are remembered', async () => {
  const panel = await openPanel('inbound-hold-resume');
  const { page } = panel;
  await page.setViewportSize({ width: 1400, height: 1000 });
  const list = panel.interactionList;
  const before = (await box(list)).width;
  const splitter = panel.splitter('Resize the interactions list');
  await splitter.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await box(list)).width).toBeGreaterThan(before + 40);
  const grown = (await box(list)).width;
  // Dragging works too: the details get taller when their splitter is dragged up.
  const details = (await box(panel.details)).height;
  const bar = await box(panel.splitter('Resize the details'));
  await page.mouse.move(bar.x + bar.width / 2, bar.y + 1);
  await page.mouse.down();
  await page.mouse.move(bar.x + bar.width / 2, bar.y - 80, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => (await box(panel.details)).height).toBeGreaterThan(details + 50);
  // The lane chart folds away and comes back.
  await panel.page.getByRole('button', { name: /Lanes/ }).click();
  await expect(panel.lanes.locator('.lane')).toHaveCount(0);
  await panel.page.getByRole('button', { name: /Lanes/ }).click();
  await expect(panel.lanes.locator('.lane').first()).toBeVisible();
  // Reopened, the panel has the sizes it was left with.
  await page.reload();
  await expect(panel.interactions.first()).toBeVisible();
  await expect.poll(async () => Math.round((await box(list)).width)).toBe(Math.round(grown));
});

test('axe-core finds no serious or critical violation on any tab, light and dark', async () => {
  const panel = await openPanel('anomalies');
  const { page } = panel;
  const run = async (where: string) => {
    expect(await seriousViolations(page), where).toEqual([]);
  };
  for (const theme of ['light', 'dark'] as const) {
    await showTheme(page, theme);
    await page.setViewportSize({ width: 1400, height: 1000 });
    await panel.showTab('Interactions');
    await run(`interactions, ${theme}`);
    await panel.showTab('Frames');
    await panel.frames.nth(3).click();
    await run(`frames, ${theme}`);
    await panel.showTab('Anomalies');
    await run(`anomalies, ${theme}`);
    await page.keyboard.press('?');
    await expect(panel.help).toBeVisible();
    await run(`keyboard help, ${theme}`);
    await page.keyboard.press('Escape');
  }
});

test('the README screenshots: docked at the bottom (light) and at the side (dark)', async () => {
  // Played at its own pace, so the lanes show real durations.
  sim = await startSimulator({ scenario: 'recording-pause-resume', keepaliveMs: 4_000 });
  browser = await shared.get();
  const page = await browser.context.newPage();
  await page.goto(sim.pageUrl);
  await sim.onIdle();
  const panel = new PanelPage(await browser.openPanel(await browser.tabIdOf(page)));
  await panel.page.setViewportSize({ width: 1400, height: 300 });
  await panel.event('ContactRecordingPaused').click();
  await expect(panel.change('isPaused')).toBeVisible();
  await expect(panel.laneBars('recording-paused')).toHaveCount(1);
  await panel.page.screenshot({ path: 'test-results/panel-docked-bottom.png' });
  await showTheme(panel.page, 'dark');
  await panel.page.setViewportSize({ width: 500, height: 700 });
  await expect(panel.change('isPaused')).toBeVisible();
  await panel.page.screenshot({ path: 'test-results/panel-docked-side.png' });
});
