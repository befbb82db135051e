// Firefox with the built extension, driven by puppeteer-core over WebDriver BiDi (TOOLCHAIN.md:
// Playwright's own Firefox fails on ESR 153 and Debian ships no geckodriver).
import { existsSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type ConsoleMessage, type Page } from 'puppeteer-core';

export const FIREFOX_EXTENSION_DIR = path.resolve('.output/firefox-mv3-test');
/** browser_specific_settings.gecko.id in wxt.config.ts. */
export const GECKO_ID = 'wxcc-inspector@wxcc-inspector.dev';
/** Pinned with the `extensions.webextensions.uuids` pref, so moz-extension:// URLs are known up front. */
export const EXTENSION_UUID = '3c5a1e0b-7d2f-4a6e-9b1c-0f8e2d4a6b71';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;

export function firefoxPath(): string {
  return process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
}

export interface FirefoxWithExtension {
  browser: Browser;
  /** The add-on id Firefox reports for the temporary install (the gecko id). */
  extensionId: string;
  /** Console lines from every page opened through this helper, for diagnosing failures. */
  logs: string[];
  newPage(url?: string): Promise<Page>;
  /**
   * Opens `moz-extension://UUID/<file>` in a new tab. `page.goto` to a moz-extension URL never
   * resolves (the tab switches process), so the navigation is fired and the page polled instead.
   */
  openExtensionPage(file: string): Promise<Page>;
  /** The tab id Firefox gave the page with this URL, asked from an extension page. */
  tabIdOf(url: string): Promise<number>;
  /** The panel as a tab: `devtools-panel.html?tabId=N`. */
  openPanel(tabId: number): Promise<Page>;
  close(): Promise<void>;
}

async function poll<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function launchFirefoxWithExtension(
  options: { extensionDir?: string; headless?: boolean; withExtension?: boolean } = {},
): Promise<FirefoxWithExtension> {
  const extensionDir = options.extensionDir ?? FIREFOX_EXTENSION_DIR;
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`${extensionDir} is not built: run \`npm run build:test\` first`);
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    protocol: 'webDriverBiDi',
    headless: options.headless ?? true,
    args: ['--remote-allow-system-access'],
    defaultViewport: { width: 1280, height: 800 },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
    },
  });
  const logs: string[] = [];
  // puppeteer keeps reporting about:blank for a tab that switched to a moz-extension process,
  // so each page is labelled with the URL it was opened for.
  const watch = (page: Page, label: string): Page => {
    page.on('console', (m: ConsoleMessage) => logs.push(`[${m.type()}] ${label}: ${m.text()}`));
    page.on('pageerror', (e: unknown) => logs.push(`[pageerror] ${label}: ${String(e)}`));
    return page;
  };
  try {
    const extensionId = options.withExtension === false ? '' : await browser.installExtension(extensionDir);

    const api: FirefoxWithExtension = {
      browser,
      extensionId,
      logs,
      async newPage(url) {
        const page = watch(await browser.newPage(), url ?? 'new page');
        if (url) await page.goto(url);
        return page;
      },
      async openExtensionPage(file) {
        const url = `${EXTENSION_ORIGIN}/${file}`;
        const page = watch(await browser.newPage(), url);
        page.goto(url).catch(() => {
          /* never settles, see above */
        });
        await poll(
          `${url} to load`,
          async () =>
            (await page.evaluate((u: string) => location.href === u && document.readyState === 'complete', url)) ||
            undefined,
        );
        return page;
      },
      async tabIdOf(url) {
        const page = await api.openExtensionPage('devtools-panel.html');
        try {
          return await poll(`a tab for ${url}`, () =>
            page.evaluate(async (target: string) => {
              // The page's own `browser` global (WebExtension API), not puppeteer's Browser.
              const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
              const tabs = await ext.tabs.query({});
              return tabs.find((t) => t.url === target)?.id;
            }, url),
          );
        } finally {
          await page.close().catch(() => {});
        }
      },
      async openPanel(tabId) {
        const page = await api.openExtensionPage('devtools-panel.html');
        // Same document, new query: an in-process navigation that puppeteer can follow.
        // (If the evaluation is cut short by the navigation it starts, the poll below still decides.)
        await page
          .evaluate((id: number) => {
            location.search = `?tabId=${id}`;
          }, tabId)
          .catch(() => {});
        await poll(
          'the panel to load',
          async () =>
            (await page.evaluate(
              (id: number) => location.search === `?tabId=${id}` && document.readyState === 'complete',
              tabId,
            )) || undefined,
        );
        return page;
      },
      async close() {
        await browser.close();
      },
    };
    return api;
  } catch (error) {
    await browser.close().catch(() => {});
    throw error;
  }
}

/**
 * Runs `body` with Firefox and the built extension, and closes it afterwards; when `body` fails,
 * Firefox's console (every page opened through the helper) is printed first, to tell why.
 */
export async function withFirefox<T>(body: (ff: FirefoxWithExtension) => Promise<T>): Promise<T> {
  const ff = await launchFirefoxWithExtension();
  try {
    return await body(ff);
  } catch (error) {
    console.log(`Firefox console:\n${ff.logs.join('\n')}`);
    throw error;
  } finally {
    await ff.close();
  }
}
