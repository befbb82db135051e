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
  await expect(options.getByText('None added.')).toHaveRole('status');

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

test('the options page refuses patterns that capture every site and asks before a subdomain wildcard', async () => {
  browser = await launchWithExtension();
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  const input = options.getByRole('textbox', { name: 'Origin to capture' });
  const add = options.getByRole('button', { name: 'Add origin' });
  const storedOrigins = async () =>
    (await browser.serviceWorker()).evaluate(async () => (await chrome.storage.local.get('userOrigins')).userOrigins);

  for (const pattern of ['*://*/*', '<all_urls>', 'https://*/*', 'https://*.com', '*://*.co.uk/*']) {
    await input.fill(pattern);
    await add.click();
    await expect(options.getByRole('alert')).toContainText('would capture the WebSocket traffic of every site');
    await expect(options.getByRole('alert')).toContainText('refused');
  }
  expect(await storedOrigins()).toBeUndefined();

  // A subdomain wildcard names its risk and needs a second, explicit click.
  await input.fill('https://*.example.com');
  await add.click();
  const risk = options.getByRole('alert');
  await expect(risk).toContainText('captures the WebSocket traffic of every site under example.com');
  await risk.getByRole('button', { name: 'Cancel' }).click();
  await expect(risk).toHaveCount(0);
  expect(await storedOrigins()).toBeUndefined();

  // Accepted: the browser's permission prompt cannot be answered headless, so it is granted here.
  await options.evaluate(() => {
    chrome.permissions.request = (async () => true) as unknown as typeof chrome.permissions.request;
  });
  await add.click();
  await options.getByRole('button', { name: 'Capture on every site under https://*.example.com/* anyway' }).click();
  await expect(options.getByText('Capturing on https://*.example.com/*')).toBeVisible();
  expect(await storedOrigins()).toEqual(['https://*.example.com/*']);
});
