import { expect, test } from '@playwright/test';
import { launchWithExtension, type ExtensionBrowser } from './extension';

let browser: ExtensionBrowser;
test.afterEach(async () => browser?.close());

test('the options page adds and removes capture origins, registering the capture scripts for them', async () => {
  browser = await launchWithExtension();
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await expect(options.getByText('https://desktop.wxcc-us1.cisco.com/*')).toBeVisible();
  await expect(options.getByText('https://desktop.wxcc-anz1.cisco.com/*')).toBeVisible();
  await expect(options.getByRole('status')).toHaveText('None added.');

  const input = options.getByRole('textbox', { name: 'Origin to capture' });
  await input.fill('desktop.example.com');
  await options.getByRole('button', { name: 'Add origin' }).click();
  await expect(options.getByRole('alert')).toContainText('is not a URL');

  // The test build already holds this host permission, so the browser grants it without a prompt.
  await input.fill('http://localhost:8080/desktop');
  await options.getByRole('button', { name: 'Add origin' }).click();
  await expect(options.getByText('Capturing on http://localhost/*')).toBeVisible();
  await expect(options.locator('.origins code', { hasText: 'http://localhost/*' })).toBeVisible();
  const registered = async () =>
    (await browser.serviceWorker()).evaluate(async () =>
      (await chrome.scripting.getRegisteredContentScripts()).map((s) => ({
        id: s.id,
        matches: s.matches,
        world: s.world,
      })),
    );
  expect(await registered()).toEqual([
    { id: 'wxcc-interceptor-user', matches: ['http://localhost/*'], world: 'MAIN' },
    { id: 'wxcc-relay-user', matches: ['http://localhost/*'], world: 'ISOLATED' },
    { id: 'wxcc-overlay-user', matches: ['http://localhost/*'], world: 'ISOLATED' },
  ]);

  await options.getByRole('button', { name: 'Remove http://localhost/*' }).click();
  await expect(options.getByText('No longer capturing on http://localhost/*.')).toBeVisible();
  await expect(options.getByText('None added.')).toBeVisible();
  await expect.poll(registered).toEqual([]);
});
