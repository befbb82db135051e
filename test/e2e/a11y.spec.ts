import { readFile, writeFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { agentShiftFrames } from '../unit/model/agent-shift';
import { startSimulator, type Simulator } from '../sim/server';
import { overlayViolations, seriousViolations } from './axe';
import { type ExtensionBrowser, sharedExtensionBrowser } from './extension';
import { overlayElements, overlayFocus, overlayTexts } from './overlay-dom';
import { PanelPage } from './pages/panel-page';
import { showTheme } from './theme';

/*
 * Accessibility of every surface: axe-core (its default rules, `./axe.ts`) on the panel, the viewer
 * and the overlay at the docked sizes in both themes, and the keyboard alone driving each of them,
 * with what a screen reader is told (names, aria-selected, aria-activedescendant, live regions).
 * The axe checks are grouped into one test per surface: each launch costs more than a check.
 */

let sim: Simulator | undefined;
// One browser for the file: each test opens its own pages (a new simulator tab, the viewer).
const shared = sharedExtensionBrowser();
let browser: ExtensionBrowser;

test.afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const DOCKED = [
  { width: 1400, height: 300 },
  { width: 500, height: 700 },
] as const;
const THEMES = ['light', 'dark'] as const;
/** The panel's accent (panel.css `--accent`), the colour of every focus ring. */
const ACCENT = { light: 'rgb(25, 103, 210)', dark: 'rgb(138, 180, 248)' } as const;
/** The panel's background (`--bg`). */
const BACKGROUND = { light: 'rgb(255, 255, 255)', dark: 'rgb(32, 33, 36)' } as const;
/** The panel's text colour (`--fg`): the outer ring of a focused lane bar. */
const FOREGROUND = { light: 'rgb(31, 31, 31)', dark: 'rgb(232, 234, 237)' } as const;
/** The overlay's accent (overlay.css `--accent`), its focus ring. */
const OVERLAY_ACCENT = { light: 'rgb(26, 115, 232)', dark: 'rgb(138, 180, 248)' } as const;

/** The simulated desktop after a call was assigned and recorded (it stays active), and its panel. */
async function livePanel(): Promise<{ desktop: Page; panel: PanelPage; tabId: number }> {
  sim = await startSimulator({ scenario: 'requests-hold-pause-state', keepaliveMs: 60_000, speed: 0 });
  browser = await shared.get();
  const desktop = await browser.context.newPage();
  await desktop.goto(sim.pageUrl);
  await sim.onIdle();
  const tabId = await browser.tabIdOf(desktop);
  const panel = new PanelPage(await browser.openPanel(tabId));
  await expect(panel.interactions.first()).toBeVisible();
  return { desktop, panel, tabId };
}

/**
 * axe on every view a person reaches, at both docked sizes in both themes: an interaction
 * selected with an event's diff open, the Frames tab with a frame open, the Anomalies tab; the
 * export menu and the keyboard help once per theme.
 */
async function axeEveryView(panel: PanelPage, event: string, surface: string): Promise<void> {
  const { page } = panel;
  for (const theme of THEMES) {
    await showTheme(page, theme);
    for (const size of DOCKED) {
      const at = `${surface}, ${size.width}×${size.height} ${theme}`;
      await page.setViewportSize(size);
      await panel.showTab('Interactions');
      await panel.interactions.first().click();
      await panel.event(event).first().click();
      await panel.detailsTab('Diff').click();
      await expect(panel.details.locator('.change').first(), at).toBeVisible();
      expect(await seriousViolations(page), `interaction and diff, ${at}`).toEqual([]);
      await panel.showTab('Frames');
      await panel.frames.nth(2).click();
      await expect(panel.frameDetail, at).toBeVisible();
      expect(await seriousViolations(page), `frames, ${at}`).toEqual([]);
      await panel.showTab('Anomalies');
      expect(await seriousViolations(page), `anomalies, ${at}`).toEqual([]);
    }
    await panel.button('Export').click();
    const menu = page.getByRole('menu', { name: 'Export' });
    await expect(menu).toBeVisible();
    // Docked at the side the menu opens leftwards: every word of it inside the window.
    const box = (await menu.boundingBox())!;
    expect(box.x, `export menu's left edge, ${surface} ${theme}`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `export menu's right edge, ${surface} ${theme}`).toBeLessThanOrEqual(
      page.viewportSize()!.width,
    );
    expect(await seriousViolations(page), `export menu, ${surface} ${theme}`).toEqual([]);
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    await expect(panel.help).toBeVisible();
    expect(await seriousViolations(page), `keyboard help, ${surface} ${theme}`).toEqual([]);
    await page.keyboard.press('Escape');
  }
}

test('axe: the live panel on the simulator, docked at the bottom and the side, light and dark, every view', async () => {
  test.setTimeout(120_000);
  const { panel } = await livePanel();
  await axeEveryView(panel, 'AgentContactAssigned', 'live panel');
});

test('axe: the viewer, empty and with a field-case HAR, docked at the bottom and the side, light and dark', async () => {
  test.setTimeout(120_000);
  browser = await shared.get();
  const viewer = await browser.context.newPage();
  await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
  for (const theme of THEMES) {
    await showTheme(viewer, theme);
    expect(await seriousViolations(viewer), `empty viewer, ${theme}`).toEqual([]);
  }
  // axe does find faults in this page: a nameless button is a critical one.
  await viewer.evaluate(() =>
    document.body.append(Object.assign(document.createElement('button'), { id: 'nameless' })),
  );
  expect(await seriousViolations(viewer)).toEqual(['button-name (critical): #nameless']);
  await viewer.evaluate(() => document.getElementById('nameless')?.remove());
  await viewer
    .getByLabel('Capture or HAR file')
    .setInputFiles('test/fixtures/field-cases/f13-overlapping-sockets-duplicate.har');
  const panel = new PanelPage(viewer);
  await expect(panel.interactions.first()).toBeVisible();
  await axeEveryView(panel, 'AgentContactHeld', 'viewer');
});

test('docked at the side, the Export menu is inside the window from its first frame, and stays there when the window narrows', async () => {
  browser = await shared.get();
  const viewer = await browser.context.newPage();
  await viewer.setViewportSize({ width: 500, height: 700 });
  await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
  await viewer
    .getByLabel('Capture or HAR file')
    .setInputFiles('test/fixtures/field-cases/f13-overlapping-sockets-duplicate.har');
  const panel = new PanelPage(viewer);
  await expect(panel.interactions.first()).toBeVisible();
  // A control before the Export button (the live panel's deep-capture switch sits there) pushes it
  // right, to where the menu, opened under it, would run past the window.
  await viewer.evaluate(() => {
    const control = Object.assign(document.createElement('span'), { id: 'wide-control' });
    control.style.cssText = 'display: inline-block; width: 150px; flex: none';
    document.querySelector('.menu')!.before(control);
  });
  // Opened and measured in the next animation frame: inside the window from the first frame it is
  // drawn in, not only once an effect has run.
  const opened = await viewer.evaluate(
    () =>
      new Promise<{ left: number; right: number; overflowAtItsButton: number }>((resolve) => {
        document.querySelector<HTMLButtonElement>('button[aria-label="Export"]')!.click();
        requestAnimationFrame(() => {
          const box = document.querySelector('#export-menu')!.getBoundingClientRect();
          const button = document.querySelector('.menu')!.getBoundingClientRect();
          resolve({
            left: box.left,
            right: box.right,
            overflowAtItsButton: button.left + box.width - window.innerWidth,
          });
        });
      }),
  );
  // The push is real: under its button the menu would end past the window's edge.
  expect(opened.overflowAtItsButton).toBeGreaterThan(0);
  expect(opened.left).toBeGreaterThanOrEqual(0);
  expect(opened.right).toBeLessThanOrEqual(500);
  const menu = viewer.getByRole('menu', { name: 'Export' });
  await expect(menu).toBeVisible();
  const inside = async () => {
    const box = (await menu.boundingBox())!;
    return box.x >= 0 && box.x + box.width <= viewer.viewportSize()!.width;
  };
  // The dock dragged narrower while the menu is open.
  await viewer.setViewportSize({ width: 420, height: 700 });
  await expect.poll(inside, { message: 'after the window narrowed' }).toBe(true);
  await expect(menu).toBeVisible();
  await viewer.close();
});

/** The focused element's focus ring: outline style, width and colour. */
function focusRing(page: Page): Promise<string> {
  return page.evaluate(() => {
    const cs = getComputedStyle(document.activeElement!);
    return `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`;
  });
}

/** WCAG's contrast ratio of two `rgb(r, g, b)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (rgb: string) => {
    const [r, g, bl] = rgb.match(/\d+/g)!.map((c) => {
      const v = Number(c) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** The focused node as the browser's accessibility tree gives it to a screen reader (closed shadow roots too). */
async function focusedNode(page: Page): Promise<{ role: string; name: string } | undefined> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: {
        role?: { value: string };
        name?: { value: string };
        properties?: { name: string; value: { value: unknown } }[];
      }[];
    };
    // The document is focused too: the focused control is the deepest, the last in tree order.
    const node = nodes.filter((n) => n.properties?.some((p) => p.name === 'focused' && p.value.value === true)).at(-1);
    return node && { role: String(node.role?.value), name: String(node.name?.value) };
  } finally {
    await cdp.detach();
  }
}

/** The focused node's description (aria-describedby) as a screen reader reads it after its name. */
async function focusedDescription(page: Page): Promise<string | undefined> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: { description?: { value: string }; properties?: { name: string; value: { value: unknown } }[] }[];
    };
    const node = nodes.filter((n) => n.properties?.some((p) => p.name === 'focused' && p.value.value === true)).at(-1);
    return node?.description?.value;
  } finally {
    await cdp.detach();
  }
}

/** Presses Tab (or `key`) until `target` has the focus (at most `max` presses); fails naming what had it. */
async function tabTo(page: Page, target: Locator, max = 40, key = 'Tab'): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(key);
  }
  await expect(target).toBeFocused();
}

/** The toolbar's controls in order, each with its tabindex: "Pause 0", "Clear -1", … */
function toolbarControls(panel: PanelPage): Promise<string[]> {
  return panel.toolbar
    .locator('button:not([role="menuitem"]), input, select, a[href]')
    .evaluateAll((els) =>
      els
        .filter((el) => el.getClientRects().length > 0)
        .map(
          (el) =>
            `${(el.getAttribute('aria-label') ?? el.closest('label')?.textContent ?? el.textContent ?? '').trim()} ${(el as HTMLElement).tabIndex}`,
        ),
    );
}

/** The panel's live region for what an action did (a repeat ends in a no-break space). */
const said = (page: Page) => page.locator('[data-said="panel"]');

/** The option a focused listbox names with aria-activedescendant. */
async function activeOption(list: Locator): Promise<Locator> {
  const id = await list.getAttribute('aria-activedescendant');
  expect(id, 'the list names its active option').toBeTruthy();
  return list.page().locator(`[id="${id}"]`);
}

const posinset = async (list: Locator): Promise<number> =>
  Number(await (await activeOption(list)).getAttribute('aria-posinset'));

test('keyboard only: the live panel’s toolbar, tabs, list, timeline, details and export, with what a screen reader hears', async () => {
  test.setTimeout(90_000);
  const { panel } = await livePanel();
  const { page } = panel;
  await page.setViewportSize({ width: 1400, height: 300 });

  for (const theme of THEMES) {
    await showTheme(page, theme);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

    // The toolbar: one tab stop, where it was left (Export, in the second theme); Home: Pause.
    const pause = panel.button('Pause');
    await tabTo(page, panel.toolbarStop);
    await page.keyboard.press('Home');
    await expect(pause).toBeFocused();
    // Pause, named and pressed as it says, the live region telling what it did.
    expect(await focusRing(page), `Pause's focus ring, ${theme}`).toBe(`solid 2px ${ACCENT[theme]}`);
    expect(contrast(ACCENT[theme], BACKGROUND[theme])).toBeGreaterThanOrEqual(3);
    await page.keyboard.press('Enter');
    const resume = panel.button('Resume');
    await expect(resume).toBeFocused();
    await expect(resume).toHaveAttribute('aria-pressed', 'true');
    await expect(said(page)).toHaveText('Paused: the view is frozen, capture goes on');
    await page.keyboard.press('Space');
    await expect(pause).toBeFocused();
    await expect(pause).toHaveAttribute('aria-pressed', 'false');
    await expect(said(page)).toHaveText('Resumed: the frames that arrived meanwhile are shown');

    // Only the control last used is in the tab order; ←/→ walk the others, Home/End the ends,
    // wrapping (WAI-ARIA toolbar). The search box is not in it: its ←/→ move the caret.
    expect(await toolbarControls(panel), theme).toEqual([
      'Pause 0',
      'Clear -1',
      'Deep capture -1',
      'Overlay -1',
      'Export -1',
      'Replay… -1',
      'Open a file… -1',
    ]);
    await page.keyboard.press('ArrowRight');
    await expect(panel.button('Clear')).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('checkbox', { name: 'Deep capture' })).toBeFocused();
    await page.keyboard.press('End');
    await expect(panel.toolbar.getByRole('link', { name: 'Open a file…' })).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(pause).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await expect(panel.toolbar.getByRole('link', { name: 'Open a file…' })).toBeFocused();
    expect((await toolbarControls(panel)).filter((c) => c.endsWith(' 0'))).toEqual(['Open a file… 0']);
    // Tab leaves it in one press, Shift+Tab comes back to where it was left.
    await page.keyboard.press('Tab');
    await expect(panel.search).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(panel.toolbar.getByRole('link', { name: 'Open a file…' })).toBeFocused();
    await page.keyboard.press('Home');
    await expect(pause).toBeFocused();

    // The search: its ring, and how many rows it left said once the typing rests; ←/→ are its caret's.
    await page.keyboard.press('Tab');
    await expect(panel.search).toBeFocused();
    expect(await focusRing(page), `search's focus ring, ${theme}`).toBe(`solid 2px ${ACCENT[theme]}`);
    await page.keyboard.type('AgentContactAssigned');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Home');
    await expect(panel.search).toBeFocused();
    expect(await panel.search.evaluate((el: HTMLInputElement) => el.selectionStart)).toBe(0);
    await expect(panel.events).toHaveCount(1);
    await expect(said(page)).toHaveText('1 event or request matches');
    await page.keyboard.press('Escape');
    await expect(panel.search).toHaveValue('');
    const all = await panel.events.count();
    await expect(said(page)).toHaveText(`${all} events and requests match`);
    // The category filter, a select: its ring too.
    await tabTo(page, panel.category);
    expect(await focusRing(page), `select's focus ring, ${theme}`).toBe(`solid 2px ${ACCENT[theme]}`);

    // The tabs: one tab stop; ←/→ select and focus, Home/End the ends.
    const tabs = page.getByRole('tablist', { name: 'Panel views' });
    await tabTo(page, panel.tab('Interactions'));
    expect(await focusRing(page), `tab's focus ring, ${theme}`).toBe(`solid 2px ${ACCENT[theme]}`);
    expect(await tabs.getByRole('tab').evaluateAll((els) => els.map((el) => (el as HTMLElement).tabIndex))).toEqual([
      0, -1, -1,
    ]);
    await page.keyboard.press('ArrowRight');
    await expect(panel.tab('Frames')).toBeFocused();
    await expect(panel.tab('Frames')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tabpanel', { name: 'Frames' })).toBeVisible();
    await page.keyboard.press('End');
    await expect(panel.tab('Anomalies')).toBeFocused();
    await expect(page.getByRole('tabpanel', { name: /^Anomalies/ })).toBeVisible();
    await page.keyboard.press('Home');
    await expect(panel.tab('Interactions')).toBeFocused();
    await expect(panel.tab('Interactions')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tabpanel', { name: /^Interactions/ })).toBeVisible();

    // The interactions list: the focus on the listbox, its active option the selected row.
    await tabTo(page, panel.interactionList);
    expect(await focusRing(page), `list's focus ring, ${theme}`).toBe(`solid 2px ${ACCENT[theme]}`);
    const row = await activeOption(panel.interactionList);
    await expect(row).toHaveAttribute('aria-selected', 'true');
    await expect(row).toHaveAccessibleName(/^telephony \+14155550109 Connected Recording/);

    // A splitter on the way: its ring is a 5 px accent bar.
    await tabTo(page, panel.splitter('Resize the interactions list'));
    expect(
      await page.evaluate(() => {
        const after = getComputedStyle(document.activeElement!, '::after');
        return `${after.backgroundColor} ${after.width}`;
      }),
    ).toBe(`${ACCENT[theme]} 5px`);

    // The lane chart: one tab stop; ↓/↑ go from bar to bar, each named by its interval.
    await tabTo(page, panel.lanes.getByRole('group'));
    await page.keyboard.press('ArrowDown');
    await expect(panel.lanes.getByRole('button', { name: /^Recording: / })).toBeFocused();
    // Its ring is drawn inside the bar (its track clips outside it), in the text colour.
    expect(await focusRing(page), `bar's focus ring, ${theme}`).toBe(`solid 2px ${FOREGROUND[theme]}`);
    await page.keyboard.press('ArrowDown');
    await expect(panel.lanes.getByRole('button', { name: /^Agent Available from / })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(panel.lanes.getByRole('button', { name: /^Recording: / })).toBeFocused();

    // The timeline (the next tab stops: the splitter, then the list): ↑/↓, Home/End walk it.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(panel.timeline).toBeFocused();
    await page.keyboard.press('Home');
    let event = await activeOption(panel.timeline);
    await expect(event).toHaveAttribute('aria-selected', 'true');
    await expect(event).toHaveAttribute('aria-posinset', '1');
    await expect(event).toHaveAccessibleName(/AgentContactReserved/);
    await page.keyboard.press('ArrowDown');
    event = await activeOption(panel.timeline);
    await expect(event).toHaveAccessibleName(/AgentOfferContact/);
    await expect(event).toHaveAttribute('aria-posinset', '2');
    await page.keyboard.press('End');
    event = await activeOption(panel.timeline);
    await expect(event).toHaveAttribute('aria-posinset', String(await event.getAttribute('aria-setsize')));
    await page.keyboard.press('Home');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await expect(await activeOption(panel.timeline)).toHaveAccessibleName(/AgentContactAssigned/);
    await expect(panel.detailsTitle).toHaveText('#10 AgentContactAssigned');

    // Enter: into the details' diff; ←/→ on its tabs; Esc back to the timeline where it was.
    await page.keyboard.press('Enter');
    await expect(panel.detailsBody).toBeFocused();
    await expect(panel.detailsBody).toHaveAccessibleName('Diff');
    await tabTo(page, panel.detailsTab('Diff'), 5, 'Shift+Tab');
    await page.keyboard.press('ArrowRight');
    await expect(panel.detailsTab('Snapshot')).toBeFocused();
    await expect(panel.detailsTab('Snapshot')).toHaveAttribute('aria-selected', 'true');
    await expect(panel.detailsBody).toHaveAccessibleName('Snapshot');
    await page.keyboard.press('ArrowLeft');
    await expect(panel.detailsTab('Diff')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Escape');
    await expect(panel.timeline).toBeFocused();
    await expect(await activeOption(panel.timeline)).toHaveAccessibleName(/AgentContactAssigned/);

    // Export: a menu button; ↓ opens it at its first item, ↓/↑ walk, Esc closes back to the button.
    const exportButton = panel.button('Export');
    await tabTo(page, panel.toolbarStop, 60, 'Shift+Tab');
    await tabTo(page, exportButton, 8, 'ArrowRight');
    expect(await focusedNode(page)).toEqual({ role: 'button', name: 'Export' });
    await page.keyboard.press('ArrowDown');
    const menu = page.getByRole('menu', { name: 'Export' });
    await expect(exportButton).toHaveAttribute('aria-expanded', 'true');
    await expect(menu.getByRole('menuitem', { name: 'Capture file (.wxcc.json), redacted' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitem', { name: 'Chrome HAR (.har), redacted' })).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect(menu.getByRole('menuitem', { name: 'RAW HAR — contains customer data' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
    await expect(exportButton).toBeFocused();
    await expect(exportButton).toHaveAttribute('aria-expanded', 'false');
    // Enter opens it too; Enter on an item exports, and the live region says what was saved.
    await page.keyboard.press('Enter');
    await expect(menu.getByRole('menuitem').first()).toBeFocused();
    const download = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    const saved = (await download).suggestedFilename();
    expect(saved).toMatch(/^wxcc-.+-redacted\.wxcc\.json$/);
    await expect(said(page)).toHaveText(`Exported ${saved}`);
    await expect(exportButton).toBeFocused();
  }

  // Clear, last: the live region says so.
  await tabTo(page, panel.button('Clear'), 8, 'ArrowLeft');
  await page.keyboard.press('Enter');
  await expect(said(page)).toHaveText('Cleared the capture of this tab');
  await expect(panel.interactions).toHaveCount(0);
});

test('keyboard only: the viewer opens a file; PageUp/PageDown, Home/End walk virtualized lists whose active row survives scrolling', async () => {
  test.setTimeout(90_000);
  const capture = {
    ...JSON.parse(await readFile('test/fixtures/captures/simulator-session.wxcc.json', 'utf8')),
    frames: agentShiftFrames(400),
  };
  await writeFile('test-results/a11y-shift.wxcc.json', JSON.stringify(capture));
  browser = await shared.get();
  const page = await browser.context.newPage();
  // Listening before the page loads: Playwright takes over the file chooser once it has said so to the browser.
  const chooser = page.waitForEvent('filechooser');
  await page.setViewportSize({ width: 1400, height: 300 });
  await page.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
  const panel = new PanelPage(page);

  // Open… with the keyboard: the file chooser opens.
  await tabTo(page, page.getByRole('button', { name: 'Open…' }));
  await page.keyboard.press('Enter');
  await (await chooser).setFiles('test-results/a11y-shift.wxcc.json');
  const agent = page.locator('.agent-entry');
  await expect(agent).toContainText('80 requests', { timeout: 30_000 });

  // The Agent entry's timeline: hundreds of rows, a few of them rendered.
  await tabTo(page, agent);
  await page.keyboard.press('Enter');
  await expect(agent).toHaveClass(/selected/);
  await tabTo(page, panel.timeline);
  const setsize = Number(await panel.timeline.getByRole('option').first().getAttribute('aria-setsize'));
  expect(setsize).toBeGreaterThan(400);
  expect(await panel.timeline.getByRole('option').count()).toBeLessThan(60);
  await page.keyboard.press('Home');
  expect(await posinset(panel.timeline)).toBe(1);
  await page.keyboard.press('PageDown');
  const pageDown = await posinset(panel.timeline);
  expect(pageDown).toBeGreaterThan(2);
  await page.keyboard.press('PageDown');
  expect(await posinset(panel.timeline)).toBe(2 * pageDown - 1);
  await page.keyboard.press('PageUp');
  expect(await posinset(panel.timeline)).toBe(pageDown);
  await page.keyboard.press('End');
  let active = await activeOption(panel.timeline);
  await expect(active).toHaveAttribute('aria-posinset', String(setsize));
  await expect(active).toHaveAttribute('aria-selected', 'true');
  await expect(active).toBeInViewport();

  // Scrolled far from the selection (the wheel, the scrollbar), the list still names it; ↑ goes on from it.
  await panel.timeline.evaluate((el) => {
    el.scrollTop = 0;
  });
  await expect(panel.timeline.getByRole('option').first()).toHaveAttribute('aria-posinset', '1');
  active = await activeOption(panel.timeline);
  await expect(active).toHaveAttribute('aria-posinset', String(setsize));
  await expect(active).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowUp');
  active = await activeOption(panel.timeline);
  await expect(active).toHaveAttribute('aria-posinset', String(setsize - 1));
  await expect(active).toBeInViewport();

  // The Frames tab's list, the same way, docked at the side; Enter opens the frame, Esc comes back.
  await page.setViewportSize({ width: 500, height: 700 });
  await tabTo(page, panel.tab('Interactions'), 60, 'Shift+Tab');
  await page.keyboard.press('ArrowRight');
  await expect(panel.tab('Frames')).toHaveAttribute('aria-selected', 'true');
  await tabTo(page, panel.frameList);
  const frames = Number(await panel.frames.first().getAttribute('aria-setsize'));
  expect(frames).toBe(capture.frames.length);
  await page.keyboard.press('End');
  expect(await posinset(panel.frameList)).toBe(frames);
  await page.keyboard.press('PageUp');
  const up = await posinset(panel.frameList);
  expect(up).toBeLessThan(frames - 1);
  await page.keyboard.press('Enter');
  await expect(panel.frameDetail.getByRole('tabpanel')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(panel.frameList).toBeFocused();
  expect(await posinset(panel.frameList)).toBe(up);
});

test('the overlay: axe in both themes, collapsed and open; the keyboard opens it, picks, copies and collapses it', async () => {
  test.setTimeout(90_000);
  const { desktop, panel, tabId } = await livePanel();
  const sw = await browser.serviceWorker();
  // Switched on from the panel's toolbar with the keyboard.
  const toggle = panel.page.getByRole('button', { name: 'Overlay', exact: true });
  await expect(toggle).toBeEnabled();
  await tabTo(panel.page, panel.toolbarStop);
  await tabTo(panel.page, toggle, 8, 'ArrowRight');
  await panel.page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await desktop.bringToFront();
  await expect.poll(() => overlayTexts(sw, tabId, '.overlay.collapsed .badge')).toEqual(['Recording']);

  /** axe on the overlay as it is, in both themes; the page is left in `last`. */
  const axeBothThemes = async (state: string, last: 'light' | 'dark') => {
    for (const theme of last === 'light' ? (['dark', 'light'] as const) : THEMES) {
      await desktop.emulateMedia({ colorScheme: theme });
      expect(await overlayViolations(desktop), `${state} overlay, ${theme}`).toEqual([]);
    }
  };
  await axeBothThemes('collapsed', 'light');
  // axe reaches into the overlay's closed root, and only there: a nameless button inside it is
  // reported, one in the desktop's own page is not (the desktop is not ours to judge).
  await desktop.evaluate(() => {
    document.body.append(Object.assign(document.createElement('button'), { id: 'outside' }));
    const root = document.querySelector('wxcc-inspector-overlay')?.shadowRoot;
    root?.append(Object.assign(document.createElement('button'), { id: 'inside' }));
  });
  expect(await overlayViolations(desktop)).toEqual(['button-name (critical): wxcc-inspector-overlay >> #inside']);
  await desktop.evaluate(() => {
    document.getElementById('outside')?.remove();
    document.querySelector('wxcc-inspector-overlay')?.shadowRoot?.getElementById('inside')?.remove();
  });

  // Shift+Tab from the start of the page reaches the overlay: the last thing in the document.
  await desktop.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await desktop.keyboard.press('Shift+Tab');
  expect(await overlayFocus(sw, tabId)).toMatchObject({
    role: 'button',
    expanded: 'false',
    outline: `solid 2px ${OVERLAY_ACCENT.light}`,
  });
  expect(await focusedNode(desktop)).toEqual({ role: 'button', name: 'Socket connected WxCC Recording' });
  const hint = 'Arrow keys move it; Shift+arrow moves it farther.';
  expect(await focusedDescription(desktop)).toBe(hint);

  // The arrow keys move the focused pill, Shift+arrow farther, kept inside the window; a screen
  // reader hears where it went (it starts 16 px from the right and the bottom), the page never scrolls.
  const box = async (form: 'collapsed' | 'open') => (await overlayElements(sw, tabId, `.overlay.${form}`))[0]!.box;
  const edges = async (form: 'collapsed' | 'open') => {
    const b = await box(form);
    const view = desktop.viewportSize()!;
    return { right: Math.round(view.width - b.x - b.width), bottom: Math.round(view.height - b.y - b.height) };
  };
  const moved = () => overlayTexts(sw, tabId, '.moved');
  /** Presses `keys` on the focused handle: the box is then `place` from the edges, and the live region says `said`. */
  const move = async (form: 'collapsed' | 'open', keys: string[], place: object, said: string) => {
    for (const key of keys) await desktop.keyboard.press(key);
    await expect.poll(() => edges(form)).toEqual(place);
    await expect.poll(moved).toEqual([said]);
  };
  expect(await edges('collapsed')).toEqual({ right: 16, bottom: 16 });
  const up = 'Shift+ArrowUp';
  const [left, right, down] = ['ArrowLeft', 'ArrowRight', 'ArrowDown'];
  await move(
    'collapsed',
    [left, left, up],
    { right: 36, bottom: 66 },
    'Moved: 36 px from the right, 66 px from the bottom',
  );
  const farDown = Array<string>(3).fill('Shift+ArrowDown');
  await move('collapsed', farDown, { right: 36, bottom: 0 }, 'Already at the bottom edge');
  // Said again at the next press (a no-break space makes it new to the live region).
  await move('collapsed', [down], { right: 36, bottom: 0 }, 'Already at the bottom edge\u00a0');
  expect(await desktop.evaluate(() => [scrollX, scrollY])).toEqual([0, 0]);
  expect(await overlayFocus(sw, tabId)).toMatchObject({ role: 'button', expanded: 'false' });

  await desktop.keyboard.press('Enter');
  await expect.poll(() => overlayFocus(sw, tabId)).toMatchObject({ className: 'collapse', expanded: 'true' });
  expect(await focusedNode(desktop)).toEqual({ role: 'button', name: 'Collapse to a pill' });

  await axeBothThemes('open', 'dark');
  await desktop.screenshot({ path: 'test-results/a11y-overlay-open-focused-dark.png' });

  // Open, its handle is the Move button before Collapse: the same keys, the same place kept.
  expect(await edges('open')).toEqual({ right: 36, bottom: 0 });
  await desktop.keyboard.press('Shift+Tab');
  expect(await focusedNode(desktop)).toEqual({ role: 'button', name: 'Move the overlay' });
  expect(await focusedDescription(desktop)).toBe(hint);
  expect(await overlayFocus(sw, tabId)).toMatchObject({ outline: `solid 2px ${OVERLAY_ACCENT.dark}` });
  await move('open', [right, up], { right: 26, bottom: 50 }, 'Moved: 26 px from the right, 50 px from the bottom');
  await move('open', Array<string>(4).fill(right), { right: 0, bottom: 50 }, 'Already at the right edge');
  await desktop.keyboard.press('Tab');
  expect(await focusedNode(desktop)).toEqual({ role: 'button', name: 'Collapse to a pill' });

  // Tab walks it: the interaction's pick button (pressed: it is the one shown), the customer, Copy summary.
  await desktop.keyboard.press('Tab');
  expect(await overlayFocus(sw, tabId)).toMatchObject({
    className: 'pick',
    pressed: 'true',
    outline: `solid 2px ${OVERLAY_ACCENT.dark}`,
  });
  expect(await focusedNode(desktop)).toEqual({ role: 'button', name: 'telephony, connected' });
  await desktop.keyboard.press('Tab');
  expect(await focusedNode(desktop)).toEqual({ role: 'button', name: 'phone-1 ··0109' });
  await desktop.keyboard.press('Enter');
  await expect.poll(async () => (await overlayTexts(sw, tabId, '.customer'))[0]).toBe('+14155550109');
  await desktop.keyboard.press('Tab');
  expect(await focusedNode(desktop)).toEqual({ role: 'button', name: 'Copy summary' });
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: sim!.origin });
  await desktop.keyboard.press('Enter');
  await expect.poll(() => overlayTexts(sw, tabId, '.copied[role="status"]')).toEqual(['Copied (masked)']);

  // Esc collapses it from anywhere inside, and the focus is on the pill again.
  await desktop.keyboard.press('Escape');
  await expect.poll(() => overlayFocus(sw, tabId)).toMatchObject({ role: 'button', expanded: 'false' });
  expect(await edges('collapsed')).toEqual({ right: 0, bottom: 50 });

  // Where the keys left it is remembered for the origin, as a drag's place is: after a reload it is there.
  await desktop.reload();
  await expect.poll(() => overlayTexts(sw, tabId, '.pill-text')).toEqual(['WxCC']);
  expect(await edges('collapsed')).toEqual({ right: 0, bottom: 50 });
});
