// Unicode bidi controls from the wire, in Firefox (test/e2e/bidi.spec.ts is the Chromium side):
// the panel on the simulator's hostile scenario and the viewer on a capture file draw each control
// as an escape badge, never reorder a row, and leave no raw control in text or tooltips; a wire
// string that literally holds `\u202e` is plain text beside them. Driven by puppeteer-core over
// WebDriver BiDi.
import { expect, test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { startSimulator, type Simulator } from '../sim/server';
import {
  AGENT_STATE,
  AGENT_STATE_TITLE,
  CUSTOMER,
  EVENT,
  hostileFileWithLiteral,
  hostileLingering,
  IDLE_BADGES,
  IDLE_REASON,
  LITERAL_STATE,
} from './bidi-fixtures';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from './firefox';

/**
 * What a person sees of `selector`'s first match: its text, its escape badges, whether its glyphs
 * sit left to right line by line (measured glyph by glyph: an obeyed override puts them right to
 * left), and the page's text and read attributes that still hold a raw bidi control.
 */
function look(page: Page, selector: string) {
  return page.evaluate((sel: string) => {
    const bidi = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
    const el = document.querySelector<HTMLElement>(sel);
    const leaks: string[] = [];
    const all = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = all.nextNode(); node; node = all.nextNode())
      if (bidi.test((node as Text).data)) leaks.push(`text: ${JSON.stringify((node as Text).data.slice(0, 80))}`);
    for (const e of document.body.querySelectorAll('*'))
      for (const name of ['title', 'aria-label', 'alt', 'placeholder']) {
        const value = e.getAttribute(name);
        if (value && bidi.test(value)) leaks.push(`${e.localName}[${name}]: ${JSON.stringify(value.slice(0, 80))}`);
      }
    if (!el) return { text: null, badges: [], leftToRight: false, first: null, leaks };
    const boxes: { left: number; top: number }[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node as Text;
      for (let i = 0; i < text.data.length; i++) {
        const range = document.createRange();
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        const r = range.getBoundingClientRect();
        if (r.width > 0) boxes.push({ left: r.left, top: Math.round(r.top) });
      }
    }
    return {
      text: el.textContent,
      badges: [...el.querySelectorAll('.bidi-escape')].map((b) => ({
        text: b.textContent ?? '',
        title: b.getAttribute('title') ?? '',
      })),
      leftToRight:
        boxes.length > 3 &&
        boxes.every((b, i) => i === 0 || b.top !== boxes[i - 1]!.top || b.left >= boxes[i - 1]!.left),
      first: el.firstChild?.textContent ?? null,
      leaks,
    };
  }, selector);
}

type Look = Awaited<ReturnType<typeof look>>;

async function until(page: Page, selector: string, ok: (seen: Look) => boolean, timeout = 20_000): Promise<Look> {
  await expect.poll(async () => ok(await look(page, selector)), { timeout }).toBe(true);
  return look(page, selector);
}

/**
 * Clicks the first element matching `selector` whose text contains `text`, once there is one: a
 * list that shows some rows may not show this one yet (the live timeline fills in as it repaints).
 */
async function clickWithText(page: Page, selector: string, text: string): Promise<void> {
  const click = () =>
    page.evaluate(
      (sel: string, t: string) => {
        const el = [...document.querySelectorAll<HTMLElement>(sel)].find((e) => e.textContent?.includes(t));
        el?.click();
        return Boolean(el);
      },
      selector,
      text,
    );
  await expect.poll(click, { message: `${selector} with "${text}"`, timeout: 15_000 }).toBe(true);
}

test('Firefox: bidi controls from the wire show as escape badges in the panel, never reordering a row', async () => {
  test.setTimeout(90_000);
  let sim: Simulator | undefined;
  let ff: FirefoxWithExtension | undefined;
  try {
    sim = await startSimulator({ port: 0, scenario: hostileLingering(), keepaliveMs: 60_000 });
    ff = await launchFirefoxWithExtension();
    await ff.newPage(sim.pageUrl);
    await sim.waitForConnections(1);
    const panel = await ff.openPanel(await ff.tabIdOf(sim.pageUrl));
    await panel.setViewport({ width: 1400, height: 800 });

    // The Agent entry's state: the idle reason, its four controls as badges, left to right.
    let seen = await until(panel, '.agent-entry .state', (s) => s.text === AGENT_STATE, 30_000);
    expect(seen.badges).toEqual(IDLE_BADGES);
    expect(seen.leftToRight).toBe(true);
    expect(await panel.$eval('.agent-entry .state', (el) => el.getAttribute('title'))).toBe(AGENT_STATE_TITLE);

    // The call: the caller in its header, the event whose name reads backwards behind an override.
    await until(panel, '.interaction', () => true);
    await clickWithText(panel, '.interaction', CUSTOMER);
    seen = await until(panel, '.interaction-head .customer', (s) => s.text === CUSTOMER);
    expect(seen.leftToRight).toBe(true);
    expect(seen.badges.map((b) => b.text)).toEqual(['\\u202e', '\\u202c', '\\u200f', '\\u061c', '\\u200e']);
    await expect
      .poll(async () => (await look(panel, '.timeline .e-name')).text !== null, { timeout: 15_000 })
      .toBe(true);
    await clickWithText(panel, '.timeline .event', EVENT);
    seen = await until(panel, '.details-title', (s) => s.text?.includes(EVENT) ?? false);
    expect(seen.badges.map((b) => b.text)).toEqual(['\\u202e', '\\u202c']);
    expect(seen.leftToRight).toBe(true);

    // The Agent entry's own view: its header's state and its state change's row.
    await panel.click('.agent-entry');
    seen = await until(panel, '.interaction-head.agent-head .state', (s) => s.text === AGENT_STATE);
    expect(seen.badges).toEqual(IDLE_BADGES);
    seen = await until(panel, '.timeline .agent-event', (s) => s.text?.includes(IDLE_REASON) ?? false);
    expect(seen.leaks, 'raw bidi controls in the panel').toEqual([]);
    await panel.setViewport({ width: 1400, height: 300 });
    await panel.screenshot({ path: 'test-results/firefox-bidi-panel-bottom.png' });
    await panel.setViewport({ width: 500, height: 700 });
    await panel.screenshot({ path: 'test-results/firefox-bidi-panel-side.png' });
    expect((await look(panel, 'body')).leaks, 'raw bidi controls in the panel').toEqual([]);
    expect(ff.logs.filter((l) => l.startsWith('[pageerror]'))).toEqual([]);
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

test('Firefox: bidi controls in a capture file show as escape badges in the viewer; a literal "\\u202e" stays plain text', async () => {
  test.setTimeout(60_000);
  let ff: FirefoxWithExtension | undefined;
  try {
    ff = await launchFirefoxWithExtension();
    const viewer = await ff.openExtensionPage('viewer.html');
    await viewer.setViewport({ width: 1400, height: 800 });
    // The file is handed to the viewer's file input as a File built in the page (what choosing it does).
    const file = hostileFileWithLiteral();
    await viewer.evaluate((text: string) => {
      const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'hostile.wxcc.json', { type: 'application/json' }));
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }, file);

    let seen = await until(viewer, '.agent-entry .state', (s) => s.text === LITERAL_STATE, 30_000);
    // The same six characters twice: the wire's as plain text, the real control's escape in a badge.
    expect(seen.first).toBe('Idle/Lunch \\u202e ');
    expect(seen.badges).toEqual(IDLE_BADGES);
    expect(seen.leftToRight).toBe(true);

    await clickWithText(viewer, '.interaction', CUSTOMER);
    await expect
      .poll(async () => (await look(viewer, '.timeline .e-name')).text !== null, { timeout: 15_000 })
      .toBe(true);
    await clickWithText(viewer, '.timeline .event', EVENT);
    seen = await until(viewer, '.details-title', (s) => s.text?.includes(EVENT) ?? false);
    expect(seen.leftToRight).toBe(true);
    expect(seen.leaks, 'raw bidi controls in the viewer').toEqual([]);
    await viewer.setViewport({ width: 1400, height: 300 });
    await viewer.screenshot({ path: 'test-results/firefox-bidi-viewer-bottom.png' });
    await viewer.setViewport({ width: 500, height: 700 });
    await viewer.screenshot({ path: 'test-results/firefox-bidi-viewer-side.png' });
    expect(ff.logs.filter((l) => l.startsWith('[pageerror]'))).toEqual([]);
  } catch (error) {
    if (ff) console.log(`Firefox console:\n${ff.logs.join('\n')}`);
    throw error;
  } finally {
    await ff?.close();
  }
});
