// axe-core in Firefox: the viewer (the panel's components, on the field-case HAR the Chromium test
// opens) checked with the same rules as a11y.spec.ts (axe's defaults; serious and critical fail),
// in Gecko's rendering, docked at the bottom and the side, light and dark. Playwright's binding
// cannot drive Firefox here (TOOLCHAIN.md); `seriousViolations` runs axe-core through puppeteer as well.
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { seriousViolations as violations } from './axe';
import { withFirefox } from './firefox';

const HAR = path.resolve('test/fixtures/field-cases/f13-overlapping-sockets-duplicate.har');
const DOCKED = [
  { width: 1400, height: 300 },
  { width: 500, height: 700 },
] as const;
/** The panel's background (`--bg`) in each theme. */
const BACKGROUND = { light: 'rgb(255, 255, 255)', dark: 'rgb(32, 33, 36)' } as const;

/**
 * Clicks the first element matching `selector` whose text starts with `text`, as a reader's click
 * does, once it is there: the event details draw in a task after the timeline's first paint
 * (use-after-first-paint.ts), so a click right after selecting an event may come before them.
 */
async function click(page: Page, selector: string, text = ''): Promise<void> {
  const clicked = await page
    .waitForFunction(
      (sel: string, start: string) => {
        const el = [...document.querySelectorAll<HTMLElement>(sel)].find((e) =>
          (e.textContent ?? '').trim().startsWith(start),
        );
        el?.click();
        return el !== undefined;
      },
      { timeout: 10_000 },
      selector,
      text,
    )
    .then(
      () => true,
      () => false,
    );
  expect(clicked, `${selector} "${text}"`).toBe(true);
}

test('Firefox: axe finds no serious or critical violation in the viewer, docked at the bottom and the side, light and dark', async () => {
  test.setTimeout(60_000);
  await withFirefox(async (ff) => {
    const viewer = await ff.openExtensionPage('viewer.html');
    // axe does find faults in this page's realm: a nameless button is a critical one.
    await viewer.evaluate(() =>
      document.body.append(Object.assign(document.createElement('button'), { id: 'nameless' })),
    );
    expect(await violations(viewer)).toEqual(['button-name (critical): #nameless']);
    await viewer.evaluate(() => document.getElementById('nameless')?.remove());
    expect(await violations(viewer), 'empty viewer').toEqual([]);

    await (await viewer.$('input[type=file]'))!.uploadFile(HAR);
    await viewer.waitForSelector('[role="listbox"][aria-label="Interactions"] [role="option"]');
    for (const theme of ['light', 'dark'] as const) {
      // What the viewer does when the system's scheme changes (src/ui/host.ts followTheme): Firefox
      // over BiDi cannot emulate prefers-color-scheme, and every colour keys off this attribute.
      await viewer.evaluate((t: string) => {
        document.documentElement.dataset.theme = t;
      }, theme);
      expect(await viewer.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(BACKGROUND[theme]);
      for (const size of DOCKED) {
        const at = `${size.width}×${size.height} ${theme}`;
        await viewer.setViewport(size);
        await click(viewer, '[role="tab"]', 'Interactions');
        await click(viewer, '[aria-label="Interactions"] [role="option"]');
        await click(viewer, '.timeline .e-name', 'AgentContactHeld');
        await click(viewer, '[aria-label="Event details"] [role="tab"]', 'Diff');
        await viewer.waitForSelector('[aria-label="Event details"] .change');
        expect(await violations(viewer), `interaction and diff, ${at}`).toEqual([]);
        await click(viewer, '[role="tab"]', 'Frames');
        await viewer.waitForSelector('[aria-label="Frames"] [role="option"]');
        await viewer.evaluate(() =>
          document.querySelectorAll<HTMLElement>('[aria-label="Frames"] [role="option"]')[2]?.click(),
        );
        await viewer.waitForSelector('section[aria-label="Frame"]');
        expect(await violations(viewer), `frames, ${at}`).toEqual([]);
        await click(viewer, '[role="tab"]', 'Anomalies');
        expect(await violations(viewer), `anomalies, ${at}`).toEqual([]);
      }
      await click(viewer, 'button[aria-haspopup="menu"]', 'Export');
      await viewer.waitForSelector('[role="menu"]');
      expect(await violations(viewer), `export menu, ${theme}`).toEqual([]);
      await viewer.keyboard.press('Escape');
      await click(viewer, 'button[aria-label="Keyboard shortcuts"]');
      await viewer.waitForSelector('[role="dialog"]');
      expect(await violations(viewer), `keyboard help, ${theme}`).toEqual([]);
      await viewer.keyboard.press('Escape');
      await viewer.waitForSelector('[role="dialog"]', { hidden: true });
    }
  });
});
