// The in-page overlay in Firefox: switched on from the toolbar popup (opened as a tab for the
// desktop's tab), it shows the hold with its timer. Driven by puppeteer-core over WebDriver BiDi.
import { expect, test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { loadScenario } from '../sim/scenario';
import { startSimulator, type Simulator } from '../sim/server';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from './firefox';

/** The overlay's texts for a selector, read through the extension (Firefox opens closed shadow roots to it). */
function overlayTexts(extensionPage: Page, tabId: number, selector: string): Promise<string[] | null> {
  return extensionPage.evaluate(
    async (id: number, sel: string) => {
      const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
      const [result] = await ext.scripting.executeScript({
        target: { tabId: id },
        args: [sel],
        func: (s: string) => {
          const host = document.querySelector('wxcc-inspector-overlay') as
            | (Element & { openOrClosedShadowRoot?: ShadowRoot | null })
            | null;
          const root = host?.openOrClosedShadowRoot;
          if (!root) return null;
          return [...root.querySelectorAll(s)].map((e) => e.textContent ?? '');
        },
      });
      return (result?.result as string[] | null) ?? null;
    },
    tabId,
    selector,
  );
}

test('Firefox: switched on from the popup, the overlay shows the hold and its timer ticks', async () => {
  test.setTimeout(60_000);
  let sim: Simulator | undefined;
  let ff: FirefoxWithExtension | undefined;
  try {
    const scenario = structuredClone(loadScenario('inbound-hold-resume'));
    const held = scenario.steps.findIndex(
      (s) => (s.frame as { data?: { type?: string } } | undefined)?.data?.type === 'AgentContactHeld',
    );
    scenario.steps[held + 1]!.delay = 25_000;
    sim = await startSimulator({ scenario, keepaliveMs: 60_000 });
    ff = await launchFirefoxWithExtension();
    const page = await ff.newPage(sim.pageUrl);
    await sim.waitForConnections(1);
    const tabId = await ff.tabIdOf(sim.pageUrl);
    const popup = await ff.openExtensionPage('popup.html');
    await popup.evaluate((id: number) => (location.search = `?tabId=${id}`), tabId).catch(() => {});
    // The switch becomes usable once the desktop's overlay script has said hello.
    await expect
      .poll(
        () =>
          popup
            .evaluate(() => {
              const button = document.querySelector<HTMLButtonElement>('.overlay-toggle');
              if (!location.search || !button || button.disabled) return 'waiting';
              button.click();
              return 'clicked';
            })
            .catch(() => 'waiting'),
        { timeout: 15_000 },
      )
      .toBe('clicked');
    await expect
      .poll(() => popup.evaluate(() => document.querySelector('.overlay-toggle')?.getAttribute('aria-pressed')))
      .toBe('true');
    await expect
      .poll(() => overlayTexts(popup, tabId, '.badge-hold'), { timeout: 15_000 })
      .toEqual([expect.stringMatching(/^On hold 0:\d\d$/)]);
    const first = (await overlayTexts(popup, tabId, '.badge-hold'))![0];
    await expect.poll(() => overlayTexts(popup, tabId, '.badge-hold').then((t) => t?.[0])).not.toBe(first);
    // One element for the page's scripts, and nothing inside it.
    expect(
      await page.evaluate(() => {
        const hosts = document.querySelectorAll('wxcc-inspector-overlay');
        return { hosts: hosts.length, shadowRoot: hosts[0]?.shadowRoot ?? null };
      }),
    ).toEqual({ hosts: 1, shadowRoot: null });
    await page.bringToFront();
    await page.screenshot({ path: 'test-results/firefox-overlay.png' });
  } catch (error) {
    if (ff) console.log(`Firefox console:\n${ff.logs.join('\n')}`);
    throw error;
  } finally {
    try {
      await ff?.close();
    } finally {
      await sim?.close();
    }
  }
});
