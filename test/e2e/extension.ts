import { chromium, expect, test, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const CHROME_EXTENSION_DIR = path.resolve('.output/chrome-mv3-test');

/** Flags Chromium needs as root on this closed network (TOOLCHAIN.md). */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** `CHROMIUM_PATH`, else Debian's Chromium, else a browser Playwright downloaded (elsewhere). */
export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return chromium.executablePath();
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** The profile directory (e.g. to read DevToolsActivePort when launched with --remote-debugging-port=0). */
  userDataDir: string;
  serviceWorker(): Promise<Worker>;
  /** The tab id Chromium gave the page (the panel needs it as ?tabId=). */
  tabIdOf(page: Page): Promise<number>;
  openPanel(tabId: number): Promise<Page>;
  close(): Promise<void>;
}

export async function launchWithExtension(
  options: {
    withExtension?: boolean;
    args?: string[];
    headless?: boolean;
    /** Reuse a profile (a browser restart); it is then kept on close() as well. */
    userDataDir?: string;
    /** Another build of the extension (a benchmark's A/B against an older commit). */
    extensionDir?: string;
  } = {},
): Promise<ExtensionBrowser> {
  const withExtension = options.withExtension ?? true;
  const keepProfile = options.userDataDir !== undefined;
  const userDataDir = options.userDataDir ?? (await mkdtemp(path.join(tmpdir(), 'wxcc-e2e-')));
  const args = [...CHROMIUM_FLAGS, ...(options.args ?? [])];
  const extensionDir = options.extensionDir ?? CHROME_EXTENSION_DIR;
  if (withExtension) args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: options.headless ?? true,
    args,
    viewport: { width: 1280, height: 800 },
  });
  const serviceWorker = async (): Promise<Worker> =>
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = withExtension ? new URL((await serviceWorker()).url()).host : '';
  return {
    context,
    extensionId,
    userDataDir,
    serviceWorker,
    async tabIdOf(page) {
      const url = page.url();
      const sw = await serviceWorker();
      return sw.evaluate(async (target: string) => {
        const tabs = await chrome.tabs.query({});
        const tab = tabs.find((t) => t.url === target) ?? tabs.find((t) => t.url?.startsWith(target.split('?')[0]!));
        if (!tab?.id) throw new Error(`no tab for ${target}: ${tabs.map((t) => t.url).join(', ')}`);
        return tab.id;
      }, url);
    },
    async openPanel(tabId) {
      const panel = await context.newPage();
      await panel.goto(`chrome-extension://${extensionId}/devtools-panel.html?tabId=${tabId}`);
      return panel;
    },
    async close() {
      await context.close();
      if (!keepProfile) await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One browser with the extension for a spec file's tests, launched on the first `get()` and closed
 * after the file: a launch costs 1.5–1.7 s and a close 0.3 s on the 2-core CI machine, as much as
 * a short test. Call it at the top level of a spec file whose tests open their own pages (the
 * viewer, a panel on a new simulator tab) and change nothing the extension keeps across tabs.
 * After each test its pages close and the extension origin's `localStorage` (the viewer's saved
 * layout and replay address) is emptied, so the next test starts as in a new browser. A failed
 * test ends Playwright's worker, and with it this browser.
 */
export function sharedExtensionBrowser(): { get(): Promise<ExtensionBrowser> } {
  let launched: Promise<ExtensionBrowser> | undefined;
  test.afterEach(async () => {
    if (!launched) return;
    const { context, extensionId } = await launched;
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', {
      origin: `chrome-extension://${extensionId}`,
      storageTypes: 'local_storage',
    });
    await cdp.detach();
    await Promise.all(context.pages().map((p) => p.close()));
  });
  test.afterAll(async () => {
    const browser = await launched;
    launched = undefined;
    await browser?.close();
  });
  return {
    get: () => {
      launched ??= launchWithExtension();
      return launched;
    },
  };
}

/**
 * Stops the extension's service worker (CDP `ServiceWorker.stopAllWorkers`, through `page`'s
 * session). `restarted()` waits (15 s at most) for the worker started after it: until then
 * Playwright may still list the stopped one, and a test holding that one evaluates on a dead
 * target. The stopped worker is told apart by a mark set on it before the stop.
 */
export async function stopServiceWorker(
  browser: ExtensionBrowser,
  page: Page,
): Promise<{ restarted(): Promise<Worker> }> {
  await (await browser.serviceWorker()).evaluate(() => Object.assign(globalThis, { __beforeStop: true }));
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  return {
    async restarted() {
      await expect
        .poll(
          async () =>
            (await browser.serviceWorker())
              .evaluate(() => (globalThis as { __beforeStop?: boolean }).__beforeStop ?? false)
              .catch(() => true),
          { timeout: 15_000 },
        )
        .toBe(false);
      return browser.serviceWorker();
    },
  };
}
