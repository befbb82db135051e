import { expect, test, type Page } from '@playwright/test';
import { launchWithExtension, type ExtensionBrowser } from './extension';

let browser: ExtensionBrowser;
test.afterEach(async () => {
  await browser?.close();
});

/** The viewer at a docked size with the simulator's capture open and its first interaction's chart shown. */
async function openChart(width: number, height: number): Promise<Page> {
  browser = await launchWithExtension();
  const viewer = await browser.context.newPage();
  await viewer.setViewportSize({ width, height });
  await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
  await viewer.getByLabel('Capture or HAR file').setInputFiles('test/fixtures/captures/simulator-session.wxcc.json');
  await expect(viewer.locator('.lanes .lane-track').first()).toBeVisible();
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
] as const) {
  test(`docked at the ${name} (${width}×${height}): "reset zoom" of a zoomed chart covers no lane's bars`, async () => {
    const viewer = await openChart(width, height);
    await wheelZoom(viewer);
    expect(await covered(viewer, '.lanes .zoom-reset')).toEqual([]);
    await viewer.screenshot({ path: `test-results/lanes-zoomed-${name}.png` });
    await viewer.emulateMedia({ colorScheme: 'dark' });
    await viewer.screenshot({ path: `test-results/lanes-zoomed-${name}-dark.png` });
    await viewer.locator('.lanes .zoom-reset').click();
    await expect(viewer.locator('.lanes .zoom-reset')).toHaveCount(0);
  });
}
