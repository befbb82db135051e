/**
 * `npm run demo`: the simulated agent desktop playing a scenario in a loop, in Chromium with the
 * extension and DevTools open. With a display you get the real windows (Ctrl-C ends it); without
 * one it runs headless, saves a screenshot of the panel and prints its path.
 *
 *   npm run demo -- --scenario recording-pause-resume
 *   npm run demo -- --worker        # the desktop's worker mode: the socket lives in a dedicated worker
 */
import path from 'node:path';
import { launchWithExtension } from '../e2e/extension';
import { startSimulator } from './server';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const scenario = option('scenario', 'inbound-hold-resume');
const headed = Boolean(process.env.DISPLAY) && !args.includes('--headless');
const worker = args.includes('--worker');

const sim = await startSimulator({ scenario, loop: true, keepaliveMs: 4000 });
const pageUrl = worker ? `${sim.pageUrl}?mode=worker` : sim.pageUrl;
console.log(
  `Simulated agent desktop: ${pageUrl} (scenario "${scenario}", looping${worker ? ', socket in a dedicated worker' : ''})`,
);
const browser = await launchWithExtension({
  headless: !headed,
  args: headed ? ['--auto-open-devtools-for-tabs'] : [],
});
const page = await browser.context.newPage();
await page.goto(pageUrl);
const tabId = await browser.tabIdOf(page);

if (headed) {
  console.log('Chromium is open with DevTools: pick the "WxCC" panel. The panel as a tab:');
  console.log(`  chrome-extension://${browser.extensionId}/devtools-panel.html?tabId=${tabId}`);
  const stop = async () => {
    await browser.close();
    await sim.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  browser.context.on('close', () => void stop());
} else {
  await sim.onIdle();
  const panel = await browser.openPanel(tabId);
  await panel.setViewportSize({ width: 1280, height: 720 });
  await panel.waitForSelector('.vrow');
  await panel.waitForTimeout(500);
  const file = path.resolve('test-results/demo-panel.png');
  await panel.screenshot({ path: file });
  console.log(`No display: ran headless. Screenshot of the panel: ${file}`);
  await browser.close();
  await sim.close();
}
