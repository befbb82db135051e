import { expect, test, type Page } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import { writeCaptureFile } from '../../src/io';
import { Flow, ID } from '../unit/model/flow';
import { seriousViolations } from './axe';
import { type ExtensionBrowser, sharedExtensionBrowser } from './extension';

// Every test opens the viewer on a file in a page of its own.
const shared = sharedExtensionBrowser();
let browser: ExtensionBrowser;

/** The viewer at a docked size with the simulator's capture open and its first interaction's chart shown. */
async function openChart(width: number, height: number, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  browser = await shared.get();
  const viewer = await browser.context.newPage();
  // From the start: headless Chromium may keep painting the light backgrounds after a switch.
  await viewer.emulateMedia({ colorScheme });
  await viewer.setViewportSize({ width, height });
  await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
  await viewer.getByLabel('Capture or HAR file').setInputFiles('test/fixtures/captures/simulator-session.wxcc.json');
  await expect(viewer.locator('.lanes .lane-track').first()).toBeVisible();
  return viewer;
}

/** The viewer at a docked size and theme with `capture` (a capture file's text) open, saved as test-results/`name`.wxcc.json. */
async function openCapture(
  name: string,
  capture: string,
  width: number,
  height: number,
  theme: 'light' | 'dark',
): Promise<Page> {
  browser = await shared.get();
  const viewer = await browser.context.newPage();
  await viewer.emulateMedia({ colorScheme: theme });
  await viewer.setViewportSize({ width, height });
  await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
  const file = `test-results/${name}.wxcc.json`;
  await writeFile(file, capture);
  await viewer.getByLabel('Capture or HAR file').setInputFiles(file);
  return viewer;
}

/** Zooms in with the wheel over the first lane's bars. */
async function wheelZoom(viewer: Page): Promise<void> {
  const track = viewer.locator('.lanes .lane-track').first();
  const box = (await track.boundingBox())!;
  await viewer.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await viewer.mouse.wheel(0, -100);
  await expect(viewer.locator('.lanes .zoom-reset')).toBeVisible();
}

/** The lane rows (their tracks and bars) that the element covers, by name. */
const covered = (viewer: Page, selector: string) =>
  viewer.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return [...document.querySelectorAll<HTMLElement>('.lanes .lane[data-lane] .lane-track, .lanes .seg')]
      .filter((t) => {
        const b = t.getBoundingClientRect();
        return r.left < b.right && b.left < r.right && r.top < b.bottom && b.top < r.bottom;
      })
      .map((t) => t.closest<HTMLElement>('[data-lane]')!.dataset.lane);
  });

for (const [name, width, height] of [
  ['bottom', 1400, 300],
  ['side', 500, 700],
] as const)
  for (const theme of ['light', 'dark'] as const)
    test(`docked at the ${name} (${width}×${height}), ${theme}: "reset zoom" of a zoomed chart covers no lane's bars`, async () => {
      const viewer = await openChart(width, height, theme);
      await wheelZoom(viewer);
      expect(await covered(viewer, '.lanes .zoom-reset')).toEqual([]);
      expect(await seriousViolations(viewer), `zoomed chart, ${theme}`).toEqual([]);
      await viewer.screenshot({ path: `test-results/lanes-zoomed-${name}${theme === 'dark' ? '-dark' : ''}.png` });
      await viewer.locator('.lanes .zoom-reset').click();
      await expect(viewer.locator('.lanes .zoom-reset')).toHaveCount(0);
    });

/** Where a bar's middle stands in its track (0 = left edge, 1 = right edge). */
const barAt = (viewer: Page, selector: string) =>
  viewer.locator(selector).evaluate((bar) => {
    const b = bar.getBoundingClientRect();
    const t = bar.closest('.lane-track')!.getBoundingClientRect();
    return (b.left + b.width / 2 - t.left) / t.width;
  });

test('the focused chart pans and zooms with the keyboard, says what it shows, and leaves the interactions alone', async () => {
  const viewer = await openChart(1400, 300);
  const selected = viewer.locator('.interactions .vrow.selected');
  const picked = await selected.textContent();
  const firstTick = viewer.locator('.lanes .axis span').first();
  const said = viewer.locator('.lanes .chart-said[aria-live="polite"]');
  const whole = await firstTick.textContent();

  const chart = viewer.getByRole('group', { name: /^Lane chart \(/ });
  await chart.focus();
  await viewer.keyboard.press('+');
  await expect(viewer.locator('.lanes .zoom-reset')).toBeVisible();
  await expect(firstTick).not.toHaveText(whole!);
  await expect(said).toHaveText(/^Showing \d\d:\d\d:\d\d\.\d{3} – \d\d:\d\d:\d\d\.\d{3} \(\d+:\d\d\)$/);
  expect(await seriousViolations(viewer), 'focused, zoomed chart').toEqual([]);
  await viewer.screenshot({ path: 'test-results/lanes-keyboard-bottom.png' });

  // → pans later, ← back, each by a fifth of the view; the interaction shown stays the same.
  const zoomed = (await firstTick.textContent())!;
  await viewer.keyboard.press('ArrowRight');
  await expect.poll(async () => (await firstTick.textContent())! > zoomed).toBe(true);
  await viewer.keyboard.press('ArrowLeft');
  await expect(firstTick).toHaveText(zoomed);
  await viewer.keyboard.press('d');
  await expect(firstTick).not.toHaveText(zoomed);
  await viewer.keyboard.press('Home');
  await expect(firstTick).toHaveText(whole!);
  expect(await selected.textContent()).toBe(picked);

  // On a focused bar, + zooms in around it: it keeps its place on screen.
  await viewer.keyboard.press('0');
  await expect(viewer.locator('.lanes .zoom-reset')).toHaveCount(0);
  const hold = '.lanes .seg-hold';
  await viewer.locator(hold).focus();
  const before = await barAt(viewer, hold);
  const span = await said.textContent();
  await viewer.keyboard.press('+');
  await expect(said).not.toHaveText(span!);
  expect(Math.abs((await barAt(viewer, hold)) - before)).toBeLessThan(0.01);
  await expect(viewer.locator(hold)).toBeFocused();

  // − zooms out to everything, 0 shows everything at once.
  await viewer.keyboard.press('-');
  await expect(viewer.locator('.lanes .zoom-reset')).toHaveCount(0);
  await expect(said).toHaveText(/^Showing everything, /);
  await viewer.keyboard.press('-');
  await expect(said).toHaveText(/^Already showing everything: /);
  await viewer.keyboard.press('W');
  await expect(viewer.locator('.lanes .zoom-reset')).toBeVisible();
  await viewer.keyboard.press('0');
  await expect(viewer.locator('.lanes .zoom-reset')).toHaveCount(0);
  await expect(firstTick).toHaveText(whole!);
  expect(await selected.textContent()).toBe(picked);
});

test('the focus stays in the chart when what held it goes ("reset zoom", a bar panned out of view): ←/→ pan on, not picking interactions', async () => {
  const viewer = await openChart(1400, 300);
  const selected = viewer.locator('.interactions .vrow.selected');
  const picked = await selected.textContent();
  const chart = viewer.getByRole('group', { name: /^Lane chart \(/ });
  const reset = viewer.locator('.lanes .zoom-reset');
  const firstTick = viewer.locator('.lanes .axis span').first();

  // "reset zoom" pressed from the keyboard is gone with its press: the chart keeps the focus.
  await chart.focus();
  await viewer.keyboard.press('+');
  await reset.focus();
  await viewer.keyboard.press('Enter');
  await expect(reset).toHaveCount(0);
  await expect(chart).toBeFocused();

  // The hold bar (late in the interaction), zoomed in on, then the view taken to the start.
  const hold = viewer.locator('.lanes .seg-hold');
  await hold.focus();
  await viewer.keyboard.press('+');
  await viewer.keyboard.press('+');
  await viewer.keyboard.press('Home');
  await expect(hold).toHaveCount(0);
  await expect(chart).toBeFocused();
  const start = (await firstTick.textContent())!;
  await viewer.keyboard.press('ArrowRight');
  await expect.poll(async () => (await firstTick.textContent())! > start).toBe(true);
  expect(await selected.textContent()).toBe(picked);
});

test('a key that cannot change the chart says why: closest zoom, everything shown, at the start or the end', async () => {
  const viewer = await openChart(1400, 300);
  const said = viewer.locator('.lanes .chart-said[aria-live="polite"]');
  const chart = viewer.getByRole('group', { name: /^Lane chart \(/ });
  const range = String.raw`\d\d:\d\d:\d\d\.\d{3} – \d\d:\d\d:\d\d\.\d{3} \(\d+:\d\d\)`;
  await chart.focus();

  // Not zoomed: zooming out, panning and 0 can show no more.
  for (const k of ['-', 'ArrowRight', 'Home', '0']) {
    await viewer.keyboard.press(k);
    await expect(said, k).toHaveText(new RegExp(`^Already showing everything: showing ${range}\\s?$`));
  }
  // Zoomed in: at the start, Home and ← cannot go further back; at the end, End and →.
  await viewer.keyboard.press('+');
  await viewer.keyboard.press('Home');
  await expect(said).toHaveText(new RegExp(`^Showing ${range}$`));
  await viewer.keyboard.press('ArrowLeft');
  await expect(said).toHaveText(new RegExp(`^Already at the start: showing ${range}$`));
  await viewer.keyboard.press('End');
  await viewer.keyboard.press('ArrowRight');
  await expect(said).toHaveText(new RegExp(`^Already at the end: showing ${range}$`));
  // Zoomed in as far as the axis labels: + says so, and says it again when pressed again; the
  // range's length in ms (10 ms), not "0:00".
  for (let i = 0; i < 30; i++) await viewer.keyboard.press('+');
  const closest = String.raw`\d\d:\d\d:\d\d\.\d{3} – \d\d:\d\d:\d\d\.\d{3} \(10 ms\)`;
  await expect(said).toHaveText(new RegExp(`^Already at the closest zoom: showing ${closest}\\s?$`));
  const first = await said.textContent();
  await viewer.keyboard.press('+');
  // A live region speaks what changed: the words, told apart by a trailing no-break space.
  await expect.poll(() => said.textContent()).not.toBe(first);
  expect((await said.textContent())!.trim()).toBe(first!.trim());
  await viewer.screenshot({ path: 'test-results/lanes-closest-zoom-bottom.png' });
  expect(await seriousViolations(viewer), 'chart at its closest zoom').toEqual([]);
});

/**
 * An agent's states only (the Agent entry's chart, 100 s): Idle/Lunch and Idle/Break in the same
 * millisecond, then Available and Idle/Meeting 40 ms apart (half a pixel at 1400 px), then RONA
 * (an offer missed) on its own.
 */
function overlappingStates(): string {
  return agentStates([
    ['Idle', 'Lunch', 30_000],
    ['Idle', 'Break', 0],
    ['Available', 'Available', 20_000],
    ['Idle', 'Meeting', 40],
    ['Available', 'Available', 30_000],
    ['RONA', 'Idle', 20_000],
  ]);
}

/** A capture file of an agent's states: Available, then each change (status, sub-status, ms after the previous one). */
function agentStates(changes: readonly [string, string, number][], keepaliveAfter?: number): string {
  const flow = new Flow().agentState('Available');
  for (const [status, subStatus, after] of changes) flow.agentState(status, subStatus, after);
  if (keepaliveAfter !== undefined) flow.keepalive(keepaliveAfter);
  return writeCaptureFile(flow.frames, { createdAt: 0, source: { kind: 'file' }, redacted: false });
}

for (const [name, width, height] of [
  ['bottom', 1400, 300],
  ['side', 500, 700],
] as const)
  for (const theme of ['light', 'dark'] as const)
    test(`docked at the ${name}, ${theme}: bars less than a pixel apart are one packed bar that names them; a zoom splits them unless they share a millisecond`, async () => {
      const viewer = await openCapture(
        `overlapping-states-${name}-${theme}`,
        overlappingStates(),
        width,
        height,
        theme,
      );
      await expect(viewer.locator('.agent-entry')).toHaveClass(/selected/);
      await expect(viewer.locator('.timeline .agent-event')).toHaveCount(7);

      const lane = viewer.locator('.lanes .lane', { has: viewer.locator('.lane-name', { hasText: /^Agent$/ }) });
      const packed = lane.locator('.seg-cluster');
      await expect(packed).toHaveCount(2);
      const same = packed.nth(0);
      const close = packed.nth(1);
      await expect(same).toHaveAttribute(
        'aria-label',
        /^2 agent state changes, .*: Idle\/Lunch, Idle\/Break \(started at the same moment, so no zoom splits them: activate to select the first\)$/,
      );
      await expect(same).toHaveAttribute('title', (await same.getAttribute('aria-label'))!);
      await expect(close).toHaveAttribute(
        'aria-label',
        /^2 agent state changes, .*: Available, Idle\/Meeting; bands by share of time: Idle\/Meeting >99%, Available <1% \(too close together to draw one by one: activate to zoom in\)$/,
      );
      await expect(viewer.locator('.lanes .legend-packed')).toBeVisible();
      // Idle with an idle code (Idle/Lunch, Idle/Break) is idle: grey, as Idle is, not Available's green.
      const idleGrey = theme === 'dark' ? 'rgb(95, 99, 104)' : 'rgb(218, 220, 224)';
      const availableGreen = 'rgb(129, 201, 149)';
      const colour = (bar: typeof same) => bar.evaluate((b) => getComputedStyle(b).backgroundColor);
      // Both grey: one band, the whole bar (a grey band over grey would say nothing more).
      expect(await colour(same)).toBe(idleGrey);
      expect(await same.evaluate((b) => getComputedStyle(b).backgroundImage)).toBe('none');
      // RONA (the agent missed an offer and was made unavailable) is a warning: red, not grey or green.
      const rona = lane.locator('.seg-agent[aria-label^="Agent RONA/Idle from "]');
      await expect(rona).toHaveCount(1);
      expect(await colour(rona)).toBe(theme === 'dark' ? 'rgb(242, 139, 130)' : 'rgb(238, 103, 92)');
      expect(await seriousViolations(viewer), `packed bars, ${theme}`).toEqual([]);
      await viewer.screenshot({ path: `test-results/lanes-packed-${name}${theme === 'dark' ? '-dark' : ''}.png` });

      // The pair in one millisecond: activated, the first of them is selected (no zoom).
      await same.click();
      await expect(viewer.locator('.timeline .vrow.selected')).toContainText('Lunch');
      await expect(viewer.locator('.lanes .zoom-reset')).toHaveCount(0);
      // The pair 40 ms apart: activated, the chart zooms in and draws each on its own.
      await close.click();
      await expect(viewer.locator('.lanes .zoom-reset')).toBeVisible();
      await expect(lane.locator('.seg-agent[aria-label^="Agent Idle/Meeting from "]')).toHaveCount(1);
      await expect(lane.locator('.seg-agent[aria-label^="Agent Available from "]')).not.toHaveCount(0);
      expect(await colour(lane.locator('.seg-agent[aria-label^="Agent Idle/Meeting from "]'))).toBe(idleGrey);
      expect(await colour(lane.locator('.seg-agent[aria-label^="Agent Available from "]').first())).toBe(
        availableGreen,
      );
      // (The same-millisecond pair ends where this view starts: it may show at its left edge, still packed.)
      await expect(lane.locator('.seg-cluster[aria-label*="Meeting"]')).toHaveCount(0);
      await viewer.screenshot({ path: `test-results/lanes-split-${name}${theme === 'dark' ? '-dark' : ''}.png` });
    });

/**
 * A call (about 70 s) whose hold is let go and taken again in the same millisecond (two Hold bars
 * in one pixel), whose recording is paused for 0 ms (paused and active again in one pixel), then
 * a plain hold and a plain pause to compare their colours with.
 */
function packedIntervals(): string {
  const held = (on: boolean) => (s: Record<string, any>) => {
    s['media'][ID].isHold = on;
    s['state'] = on ? 'hold' : 'connected';
  };
  const hold = { data: { mediaResourceId: ID } };
  const flow = new Flow()
    .agentState('Available')
    .event('AgentContactReserved')
    .event('AgentOfferContact')
    .event('AgentContactAssigned')
    .event('AgentContactHeld', { ...hold, edit: held(true), after: 5_000 })
    .event('AgentContactUnheld', { ...hold, edit: held(false), after: 0 })
    .event('AgentContactHeld', { ...hold, edit: held(true), after: 0 })
    .event('AgentContactUnheld', { ...hold, edit: held(false), after: 10_000 })
    .event('ContactRecordingPaused', { noSnapshot: true, after: 5_000 })
    .event('ContactRecordingResumed', { noSnapshot: true, after: 0 })
    .event('AgentContactHeld', { ...hold, edit: held(true), after: 10_000 })
    .event('AgentContactUnheld', { ...hold, edit: held(false), after: 10_000 })
    .event('ContactRecordingPaused', { noSnapshot: true, after: 5_000 })
    .event('ContactRecordingResumed', { noSnapshot: true, after: 10_000 })
    .keepalive(15_000);
  return writeCaptureFile(flow.frames, { createdAt: 0, source: { kind: 'file' }, redacted: false });
}

/**
 * Down a packed bar's pixel column `x` inside its 1 px outline (0: the first column inside it),
 * the rows inside the outline (what `bandsBackground` draws). Found by the outline's colour, not
 * by the picture's edge: the bar may lie at a fraction of a pixel, its picture a pixel wider or
 * taller than it, a row or column of the track beside it.
 */
function bandColumn(bar: { pixels: string[][]; outline: string; boxHeight: number }, x: number): string[] {
  const middle = bar.pixels[Math.floor(bar.pixels.length / 2)]!;
  const left = middle.indexOf(bar.outline);
  expect(left, `the outline's left column: ${middle}`).toBeGreaterThanOrEqual(0);
  const col = bar.pixels.map((row) => row[left + 1 + x]!);
  const top = col.indexOf(bar.outline);
  expect(top, `the outline's top row: ${col}`).toBeGreaterThanOrEqual(0);
  expect(col[top + bar.boxHeight - 1], `the outline's last row: ${col}`).toBe(bar.outline);
  return col.slice(top + 1, top + bar.boxHeight - 1);
}

/** `n` pixels of `colour`. */
const px = (colour: string, n: number) => Array<string>(n).fill(colour);

/** A lane's one packed bar as drawn: its pixels (from a screenshot of it) and its background. */
async function packedBar(viewer: Page, lane: string) {
  const bar = viewer
    .locator('.lanes .lane', { has: viewer.locator('.lane-name', { hasText: new RegExp(`^${lane}`) }) })
    .locator('.seg-cluster');
  await expect(bar).toHaveCount(1);
  // The page's pixels around it, from whole pixels: a picture of the element itself starts where
  // it does, at a fraction of a pixel, and is resampled (each pixel a blend of two).
  const box = (await bar.boundingBox())!;
  const x = Math.floor(box.x);
  const y = Math.floor(box.y);
  const clip = { x, y, width: Math.ceil(box.x + box.width) - x, height: Math.ceil(box.y + box.height) - y };
  const png = (await viewer.screenshot({ clip })).toString('base64');
  // Decoded by the page itself (a canvas): the colour of each pixel, as "rgb(r, g, b)".
  const pixels = await viewer.evaluate(async (data) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const { data: rgba } = context.getImageData(0, 0, image.width, image.height);
    return Array.from({ length: image.height }, (_, y) =>
      Array.from({ length: image.width }, (_, x) => {
        const i = (y * image.width + x) * 4;
        return `rgb(${rgba[i]}, ${rgba[i + 1]}, ${rgba[i + 2]})`;
      }),
    );
  }, png);
  const style = await bar.evaluate((b) => ({
    colour: getComputedStyle(b).backgroundColor,
    layers: getComputedStyle(b).backgroundImage,
    // Its inset shadow's colour ("rgb(…) 0px 0px 0px 1px inset").
    outline: /^rgba?\([^)]*\)/.exec(getComputedStyle(b).boxShadow)?.[0] ?? '',
    boxHeight: b.getBoundingClientRect().height,
  }));
  return { pixels, width: pixels[0]!.length, height: pixels.length, ...style };
}

/** The colour an unpacked bar of `selector` is drawn in. */
const colourOf = (viewer: Page, selector: string) =>
  viewer
    .locator(selector)
    .first()
    .evaluate((bar) => getComputedStyle(bar).backgroundColor);

for (const [name, width, height] of [
  ['bottom', 1400, 300],
  ['side', 500, 700],
] as const)
  for (const theme of ['light', 'dark'] as const)
    test(`docked at the ${name}, ${theme}: a packed bar is drawn in bands of the kinds it holds, each in its own colour`, async () => {
      const viewer = await openCapture(`packed-intervals-${name}-${theme}`, packedIntervals(), width, height, theme);
      await expect(viewer.locator('.lanes .seg.seg-cluster')).toHaveCount(2);

      // The recording paused for 0 ms as it resumed: one bar, the recording that followed (teal,
      // its whole length and height) with a notch of paused over its start: grey, its least
      // height, 1 px (it lasted 0 ms of the bar's time), inside its 1 px outline.
      const active = await colourOf(viewer, '.lanes .seg.seg-recording-active');
      const paused = await colourOf(viewer, '.lanes .seg.seg-recording-paused');
      expect(active).not.toBe(paused);
      const recording = await packedBar(viewer, 'Recording');
      expect(recording.colour).toBe(active);
      expect(recording.width).toBeGreaterThanOrEqual(6);
      expect([8, 10]).toContain(recording.boxHeight);
      // Down its 3rd and 4th columns inside the outline: 1 px grey, then teal (whole pixels, none blended).
      const notched = [paused, ...px(active, recording.boxHeight - 3)];
      expect(bandColumn(recording, 2)).toEqual(notched);
      expect(bandColumn(recording, 3)).toEqual(notched);
      // As long as it lasts: 6 px (its least), teal after it.
      if (recording.width > 9) expect(bandColumn(recording, 6)).toEqual(px(active, recording.boxHeight - 2));
      await expect(viewer.locator('.lanes .seg-cluster[aria-label*="Recording paused"]')).toHaveAttribute(
        'aria-label',
        /: Recording paused, Recording; bands by share of time: Recording 100%, Recording paused 0% \(/,
      );
      await expect(viewer.locator('.lanes .seg-cluster[aria-label*="Recording paused"]')).toHaveCount(1);
      // Two holds in one pixel: one band, the hold's own orange, the bar's whole height.
      const hold = await packedBar(viewer, 'Hold');
      const orange = await colourOf(viewer, '.lanes .seg.seg-hold');
      expect(hold.colour).toBe(orange);
      expect(hold.layers).toBe('none');
      const middle = hold.pixels.map((row) => row[Math.floor(hold.width / 2)]);
      expect(middle.filter((c) => c === orange).length, `${middle}`).toBeGreaterThanOrEqual(hold.height - 3);
      expect(await seriousViolations(viewer), `banded packed bars, ${theme}`).toEqual([]);
      await viewer.screenshot({ path: `test-results/lanes-bands-${name}${theme === 'dark' ? '-dark' : ''}.png` });
    });

/**
 * An agent's states (100 s): five kinds of state within 40 ms (Idle/Lunch, Available, Idle/Break,
 * RONA, Idle/Meeting, the last lasting 30 s), in three colours, between two long Available ones.
 */
function fiveKindsPacked(): string {
  return agentStates(
    [
      ['Idle', 'Lunch', 30_000],
      ['Available', 'Available', 10],
      ['Idle', 'Break', 10],
      ['RONA', 'Idle', 10],
      ['Idle', 'Meeting', 10],
      ['Available', 'Available', 30_000],
    ],
    40_000,
  );
}

for (const [name, width, height] of [
  ['bottom', 1400, 300],
  ['side', 500, 700],
] as const)
  for (const theme of ['light', 'dark'] as const)
    test(`docked at the ${name}, ${theme}: a packed bar of five kinds of state shows its three colours as three bands, no hatch, each as high as its time, and names all five`, async () => {
      const viewer = await openCapture(`five-kinds-${name}-${theme}`, fiveKindsPacked(), width, height, theme);
      await expect(viewer.locator('.agent-entry')).toHaveClass(/selected/);
      const lane = viewer.locator('.lanes .lane', { has: viewer.locator('.lane-name', { hasText: /^Agent$/ }) });
      await expect(lane.locator('.seg-cluster')).toHaveCount(1);
      await expect(lane.locator('.seg-cluster')).toHaveAttribute(
        'aria-label',
        /^5 agent state changes, .*: Idle\/Lunch, Available, Idle\/Break, RONA\/Idle, Idle\/Meeting; bands by share of time: Idle\/Lunch \+ Idle\/Break \+ Idle\/Meeting >99%, Available <1%, RONA\/Idle <1% \(too close together to draw one by one: activate to zoom in\)$/,
      );
      const green = await colourOf(viewer, '.lanes .seg-agent[aria-label^="Agent Available from "]');
      const grey = theme === 'dark' ? 'rgb(95, 99, 104)' : 'rgb(218, 220, 224)';
      const red = theme === 'dark' ? 'rgb(242, 139, 130)' : 'rgb(238, 103, 92)';
      const bar = await packedBar(viewer, 'Agent');
      // Idle (three idle codes) lasts longest (30 s of 30.05) and ends last: behind. Available and
      // RONA (10 ms each) a row each over its start, their least, 1 px: no longer a third each.
      expect(bar.colour).toBe(grey);
      expect(bar.layers).not.toContain('repeating-linear-gradient');
      // Down its 4th pixel column, inside the 1 px outline: 1 px green, 1 px red, the rest grey
      // (whole pixels, none blended; a compact chart's bar is 6 px inside, else 8).
      expect([8, 10]).toContain(bar.boxHeight);
      expect(bandColumn(bar, 2)).toEqual([green, red, ...px(grey, bar.boxHeight - 4)]);
      // Past the 6 px the short ones last: idle grey, top to bottom.
      if (bar.width > 11) expect(bandColumn(bar, 8)).toEqual(px(grey, bar.boxHeight - 2));
      expect(await seriousViolations(viewer), `five kinds packed, ${theme}`).toEqual([]);
      await viewer.screenshot({ path: `test-results/lanes-five-kinds-${name}${theme === 'dark' ? '-dark' : ''}.png` });
    });

/**
 * An agent's states (about 57 min), ending with, within 10 s, Available for 4 s, RONA for 1 s and
 * Idle/Break for 5 s (40%, 10%, 50% of their time): starts under a pixel apart at either dock size
 * (a pixel is 6.4 s of the chart at 1400x300, 8.3 s at 500x700), so one packed bar, at the chart's
 * end (no bar after it covers a part of it).
 */
function sharedTime(): string {
  return agentStates(
    [
      ['Idle', 'Lunch', 60_000],
      ['Available', 'Available', 3_330_000],
      ['RONA', 'Idle', 4_000],
      ['Idle', 'Break', 1_000],
    ],
    5_000,
  );
}

for (const [name, width, height] of [
  ['bottom', 1400, 300],
  ['side', 500, 700],
] as const)
  for (const theme of ['light', 'dark'] as const)
    test(`docked at the ${name}, ${theme}: a packed bar's bands are as high as their share of its time, in whole pixels, and its name says so`, async () => {
      const viewer = await openCapture(`shared-time-${name}-${theme}`, sharedTime(), width, height, theme);
      await expect(viewer.locator('.agent-entry')).toHaveClass(/selected/);
      const lane = viewer.locator('.lanes .lane', { has: viewer.locator('.lane-name', { hasText: /^Agent$/ }) });
      await expect(lane.locator('.seg-cluster')).toHaveCount(1);
      const label =
        /^3 agent state changes, .*: Available, RONA\/Idle, Idle\/Break; bands by share of time: Idle\/Break 50%, Available 40%, RONA\/Idle 10% \(too close together to draw one by one: activate to zoom in\)$/;
      await expect(lane.locator('.seg-cluster')).toHaveAttribute('aria-label', label);
      await expect(lane.locator('.seg-cluster')).toHaveAttribute('title', label);
      const green = await colourOf(viewer, '.lanes .seg-agent[aria-label^="Agent Available from "]');
      const grey = theme === 'dark' ? 'rgb(95, 99, 104)' : 'rgb(218, 220, 224)';
      const red = theme === 'dark' ? 'rgb(242, 139, 130)' : 'rgb(238, 103, 92)';
      const bar = await packedBar(viewer, 'Agent');
      // Idle/Break ends last: behind, grey. Over its top, Available then RONA. Of 8 px inside the
      // outline (40%, 10%, 50%: 3.2, 0.8, 4): RONA its least, 1 px, the 7 left by 4:5 is 3 and 4;
      // of a compact chart's 6 px (2.4, 0.6, 3): 1, then 2 and 3.
      expect(bar.colour).toBe(grey);
      // The bar is as long as its 10 s, 4 px at the least: its first column inside the outline.
      const column = bandColumn(bar, 0);
      if (bar.boxHeight === 10) expect(column).toEqual([...px(green, 3), red, ...px(grey, 4)]);
      else {
        expect(bar.boxHeight).toBe(8);
        expect(column).toEqual([...px(green, 2), red, ...px(grey, 3)]);
      }
      expect(await seriousViolations(viewer), `bands by time, ${theme}`).toEqual([]);
      await viewer.screenshot({ path: `test-results/lanes-shared-time-${name}${theme === 'dark' ? '-dark' : ''}.png` });
    });

test('an ended call: its recording bar stops at the event that ended it, named by it, nothing drawn live after', async () => {
  browser = await shared.get();
  const viewer = await browser.context.newPage();
  await viewer.setViewportSize({ width: 1400, height: 300 });
  await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
  await viewer.getByLabel('Capture or HAR file').setInputFiles('test/fixtures/field-cases/f03-consult-leg-switch.har');
  const recording = viewer.locator('.lanes .lane[data-lane="Recording"] .seg');
  await expect(recording).toHaveCount(1);
  // ContactEnded #45 at 09:01:00 ends it, though its snapshot still says recordInProgress: true.
  await expect(recording).toHaveAttribute(
    'aria-label',
    'Recording: 09:00:03.000 – 09:01:00.000 (0:57), from #5 to #45',
  );
  await expect(viewer.locator('.lanes .seg.open')).toHaveCount(0);
  // The chart runs from the first event (09:00:03) to the last (AgentWrappedUp, 09:01:08): the
  // bar covers 57 of its 65 s.
  const track = (await viewer.locator('.lanes .lane[data-lane="Recording"] .lane-track').boundingBox())!;
  const bar = (await recording.boundingBox())!;
  expect(Math.abs(bar.x - track.x)).toBeLessThanOrEqual(1);
  expect(Math.abs(bar.x + bar.width - (track.x + (track.width * 57) / 65))).toBeLessThanOrEqual(1);
  await expect(viewer.locator('.lanes .lane[data-lane="Consult"] .seg')).toHaveAttribute(
    'aria-label',
    'Consult: 09:00:15.000 – 09:00:50.000 (0:35), from #14 to #38',
  );
});

for (const [name, width, height] of [
  ['bottom', 1400, 300],
  ['side', 500, 700],
] as const)
  for (const theme of ['light', 'dark'] as const)
    test(`docked at the ${name}, ${theme}: a consult's hold lanes say whose leg each is, whole, the full leg id in the tooltip`, async () => {
      // Field case f03: the customer on hold during a consult, then the consult leg parked.
      browser = await shared.get();
      const viewer = await browser.context.newPage();
      await viewer.emulateMedia({ colorScheme: theme });
      await viewer.setViewportSize({ width, height });
      await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
      await viewer
        .getByLabel('Capture or HAR file')
        .setInputFiles('test/fixtures/field-cases/f03-consult-leg-switch.har');
      const holds = viewer.locator('.lanes .lane', { has: viewer.locator('.seg-hold') }).locator('.lane-name');
      await expect(holds).toHaveText([
        'Hold · customer (mediaResourceId f0300000-0000-4000-8000-0000000000a3)',
        'Hold · leg …b3 (mediaResourceId f0300000-0000-4000-8000-0000000000b3)',
      ]);
      await expect(holds.nth(0)).toHaveAttribute(
        'title',
        'Hold · customer (mediaResourceId f0300000-0000-4000-8000-0000000000a3)',
      );
      await expect(holds.nth(1)).toHaveAttribute(
        'title',
        'Hold · leg …b3 (mediaResourceId f0300000-0000-4000-8000-0000000000b3)',
      );
      // What a person sees: each name whole (no ellipsis), and the two read apart.
      const seen = await holds.evaluateAll((els) =>
        els.map((el) => ({ text: el.firstChild!.textContent, cut: el.scrollWidth > el.clientWidth + 1 })),
      );
      expect(seen).toEqual([
        { text: 'Hold · customer', cut: false },
        { text: 'Hold · leg …b3', cut: false },
      ]);
      // Each bar says whose leg it held.
      const bars = viewer.locator('.lanes .seg-hold');
      await expect(bars).toHaveCount(3);
      expect(await bars.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')!.split(':')[0]))).toEqual([
        'Hold · customer',
        'Hold · customer',
        'Hold · leg …b3',
      ]);
      expect(await seriousViolations(viewer), `hold lanes, ${theme}`).toEqual([]);
      await viewer.screenshot({ path: `test-results/lanes-hold-legs-${name}${theme === 'dark' ? '-dark' : ''}.png` });
    });
