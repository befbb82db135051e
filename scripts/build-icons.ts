/**
 * Renders `assets/icon.svg` to the PNG sizes the manifests declare (WXT picks up
 * `public/icon/<size>.png`): 16 and 32 for the toolbar, 48 for the extensions page, 96 and 128 for
 * the stores. Uses the Chromium the e2e tests use, so no image library is needed.
 * Run: `npx tsx scripts/build-icons.ts` after editing the SVG, and commit the PNGs.
 */
import { chromium } from '@playwright/test';
import { readFile, writeFile } from 'node:fs/promises';
import { chromiumPath, CHROMIUM_FLAGS } from '../test/e2e/extension';

const SIZES = [16, 32, 48, 96, 128] as const;
/** Where to write (default `public/icon`), e.g. a scratch folder to look at them first. */
const out = process.argv[2] ?? 'public/icon';

const svg = await readFile('assets/icon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
try {
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}img{display:block;width:${size}px;height:${size}px}</style><img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}">`,
    );
    await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    await writeFile(`${out}/${size}.png`, await page.screenshot({ omitBackground: true }));
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`${out}/{${SIZES.join(',')}}.png written from assets/icon.svg`);
