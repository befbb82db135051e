import { expect, type Page, test } from '@playwright/test';
import { build } from 'esbuild';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyzeFrames } from '../../src/cli/analyze';
import type { Frame } from '../../src/frame/frame';
import type { Report } from '../../src/model';
import { type ReplayServer, startReplayServer } from '../../src/replay/server';
import { scenarioFrames } from '../support/scenario-frames';
import { type ExtensionBrowser, launchWithExtension } from './extension';
import { panelFrames } from './panel-page';
import { servePage } from './static-page';

let replay: ReplayServer | undefined;
let browser: ExtensionBrowser | undefined;
const cleanups: (() => Promise<void>)[] = [];

test.afterEach(async () => {
  await browser?.close();
  await replay?.close();
  for (const cleanup of cleanups.splice(0)) await cleanup();
  browser = undefined;
  replay = undefined;
});

/** What "the same analysis" means: per interaction its events with their flags, and the rules that fired. */
function meaning(report: Report) {
  return {
    interactions: report.interactions.map((i) => ({
      id: i.interactionId,
      mediaType: i.mediaType,
      events: i.events.map((e) => [e.type, e.flags]),
      flags: i.flags,
    })),
    anomalies: report.anomalies.map((a) => a.rule).sort(),
  };
}

async function played(server: ReplayServer): Promise<void> {
  await expect.poll(() => server.player().state().cursor, { timeout: 30_000 }).toBe(server.plan().steps.length);
}

async function replayPage(server: ReplayServer, withExtension = true): Promise<Page> {
  browser = await launchWithExtension({ withExtension });
  const page = await browser.context.newPage();
  await page.goto(server.pageUrl);
  return page;
}

async function panelOf(page: Page): Promise<Page> {
  return browser!.openPanel(await browser!.tabIdOf(page));
}

/** The frames the panel holds, once it holds every replayed one. */
async function capturedFrames(panel: Page, original: readonly Frame[], server: ReplayServer): Promise<Frame[]> {
  const events = server.plan().steps.filter((s) => s.kind === 'frame').length;
  await expect
    .poll(async () => (await panelFrames(panel)).filter((f) => f.dir === 'in' && f.kind === 'text').length, {
      timeout: 20_000,
    })
    .toBeGreaterThanOrEqual(events);
  expect(original.length).toBeGreaterThan(0);
  return panelFrames(panel);
}

test('timed replay: the inspector watching the replay reads the same interactions, flags and anomalies as the original', async () => {
  const original = scenarioFrames('recording-pause-resume');
  replay = await startReplayServer({ frames: original, speed: 40, plan: { shiftToNow: true } });
  const page = await replayPage(replay);
  await played(replay);
  const panel = await panelOf(page);
  const frames = await capturedFrames(panel, original, replay);
  expect(meaning(analyzeFrames(frames, 'capture'))).toEqual(meaning(analyzeFrames(original, 'capture')));
  // What a person sees: the replay page lists the interaction, the panel lists the same one.
  const ids = analyzeFrames(original, 'capture').interactions.map((i) => i.interactionId);
  await expect(panel.locator('.interaction')).toHaveCount(ids.length);
  await expect(page.locator('#interactions tr')).toHaveCount(ids.length);
  await expect(page.locator('#progress')).toHaveText(
    `${replay.plan().steps.length} / ${replay.plan().steps.length} sent`,
  );
});

test('step replay: nothing moves until asked, the next frame is shown first, N sends it; the panel follows', async () => {
  const original = scenarioFrames('inbound-hold-resume');
  replay = await startReplayServer({ frames: original, mode: 'step' });
  const steps = replay.plan().steps.filter((s) => s.kind === 'frame');
  const page = await replayPage(replay);
  await expect(page.locator('#status')).toHaveText('connected');
  await expect(page.locator('#next-summary')).toContainText(steps[0]!.eventName!);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as { __replay: { events: string[] } }).__replay.events)).toEqual(
    [],
  );
  await page.locator('#step').click();
  await expect(page.locator('#next-summary')).toContainText(steps[1]!.eventName!);
  await page.keyboard.press('n');
  await page.keyboard.press('ArrowRight');
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __replay: { events: string[] } }).__replay.events))
    .toEqual(steps.slice(0, 3).map((s) => s.eventName));
  await expect(page.locator('#progress')).toContainText(`3 / ${replay.plan().steps.length} sent`);
  // Step through the rest: the analysis equals the original's.
  // Each step once the previous one was sent: the click only asks the server for it.
  const server = replay;
  while (server.player().state().cursor < server.plan().steps.length) {
    const next = server.player().state().cursor + 1;
    await page.locator('#step').click();
    await expect.poll(() => server.player().state().cursor).toBe(next);
    await expect(page.locator('#progress')).toContainText(`${next} /`);
  }
  const panel = await panelOf(page);
  const frames = await capturedFrames(panel, original, replay);
  expect(meaning(analyzeFrames(frames, 'capture'))).toEqual(meaning(analyzeFrames(original, 'capture')));
});

test('request-driven replay through the SDK shim: the captured AgentContactHeld waits for the app to call hold', async () => {
  const original = scenarioFrames('inbound-hold-resume');
  replay = await startReplayServer({ frames: original, mode: 'request', speed: 50 });
  const held = replay.plan().steps.find((s) => s.kind === 'frame' && s.eventName === 'AgentContactHeld');
  expect(held?.kind).toBe('frame');
  const interactionId = held!.kind === 'frame' ? held!.interactionId! : '';
  // An app that knows only the WxCC API: subscribe, socket, a hold call. The shim routes it all.
  const app = await servePage(`<!doctype html><html><body><script src="${replay.shimUrl}"></script><script>
    window.app = { events: [], socketUrl: '' };
    (async () => {
      const r = await fetch('https://api.wxcc-us1.cisco.com/v1/notification/subscribe', {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer secret-token' },
        body: JSON.stringify({ force: true, isKeepAliveEnabled: true, clientType: 'WebexCCSDK' }),
      });
      const url = (await r.json()).body.webSocketUrl;
      window.app.socketUrl = url;
      if (!/^wss:\\/\\/api\\.wxcc-us1\\.cisco\\.com\\//.test(url)) throw new Error('not a WxCC socket URL: ' + url);
      const ws = new WebSocket(url);
      ws.onmessage = (e) => { const m = JSON.parse(e.data); if (m.data && m.data.type) window.app.events.push(m.data.type); };
    })();
    window.hold = () => new Promise((resolve) => {
      const x = new XMLHttpRequest();
      x.open('POST', 'https://api.wxcc-us1.cisco.com/v1/tasks/${interactionId}/hold');
      x.setRequestHeader('content-type', 'application/json');
      x.setRequestHeader('Authorization', 'Bearer secret-token');
      x.onload = () => resolve(x.status);
      x.send(JSON.stringify({ mediaResourceId: '${interactionId}' }));
    });
  </script></body></html>`);
  cleanups.push(app.close);
  browser = await launchWithExtension({ withExtension: false });
  const page = await browser.context.newPage();
  await page.goto(app.url);
  const appEvents = () => page.evaluate(() => (window as unknown as { app: { events: string[] } }).app.events);
  await expect.poll(() => replay!.player().state().waitingForRequest, { timeout: 20_000 }).toBe(true);
  expect(replay.player().state().next?.kind === 'frame' && replay.player().state().next).toMatchObject({
    eventName: 'AgentContactHeld',
  });
  await page.waitForTimeout(500);
  expect(await appEvents()).not.toContain('AgentContactHeld');
  expect(await page.evaluate(() => (window as unknown as { hold(): Promise<number> }).hold())).toBe(202);
  await expect.poll(appEvents).toContain('AgentContactHeld');
  expect(replay.requests().at(-1)).toMatchObject({ method: 'POST', operation: 'hold', releasedStep: held!.index });
  expect(await page.evaluate(() => (window as unknown as { app: { socketUrl: string } }).app.socketUrl)).toMatch(
    /^wss:\/\/api\.wxcc-us1\.cisco\.com\/v1\/notification\/subscription\//,
  );
});

test('widget host: a widget built on the published @wxcc-desktop/sdk hears the replayed events and holds through the SDK', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wxcc-widget-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const widget = path.join(dir, 'held-counter.js');
  const bundled = await build({
    entryPoints: [path.resolve('test/fixtures/replay/held-counter-widget.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    logLevel: 'silent',
  });
  await writeFile(widget, bundled.outputFiles[0]!.text);

  const original = scenarioFrames('inbound-hold-resume');
  const count = (name: string) => replay!.plan().steps.filter((s) => s.kind === 'frame' && s.eventName === name).length;
  replay = await startReplayServer({ frames: original, mode: 'request', speed: 50, widget });
  const page = await replayPage(replay, false);
  const counter = page.locator('held-counter');
  await expect(counter).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  // Request-driven: the captured hold result waits; the widget's own Hold call (via the SDK) releases it.
  await expect.poll(() => replay!.player().state().waitingForRequest, { timeout: 20_000 }).toBe(true);
  const next = replay.player().state().next;
  const interactionId = next?.kind === 'frame' ? next.interactionId! : '';
  expect(next).toMatchObject({ eventName: 'AgentContactHeld' });
  await counter.evaluate(
    (el, id) => (el as unknown as { hold(a: string, b: string): Promise<void> }).hold(id, id),
    interactionId,
  );
  await expect(counter).toContainText('hold resolved AgentContactHeld');
  // The rest of the capture plays timed, switched as a person would.
  await page.locator('#mode').selectOption('timed');
  await played(replay);
  await expect(counter).toHaveAttribute('data-held', String(count('AgentContactHeld')));
  await expect(counter).toHaveAttribute('data-offers', String(count('AgentOfferContact')));
  expect(count('AgentContactHeld')).toBeGreaterThan(0);
  expect(count('AgentOfferContact')).toBeGreaterThan(0);
});

/** A replay server at 50×, and the viewer in a browser with the extension, `file` open in it. */
async function viewerWithReplay(file: string): Promise<Page> {
  replay = await startReplayServer({ speed: 50 });
  browser = await launchWithExtension();
  const viewer = await browser.context.newPage();
  await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
  await viewer.getByLabel('Capture or HAR file').setInputFiles(file);
  return viewer;
}

test('Replay… in the viewer hands the open capture (redacted) to a running replay server and opens its page', async () => {
  const viewer = await viewerWithReplay('test/fixtures/captures/simulator-session.wxcc.json');
  if (!replay || !browser) throw new Error('no replay server or browser');
  await viewer.getByRole('button', { name: /Replay/ }).click();
  // No server at the address given: the user is told how to start one.
  await viewer.getByLabel('Replay server URL').fill('http://127.0.0.1:9');
  await viewer.getByRole('button', { name: /Send the redacted capture/ }).click();
  await expect(viewer.getByRole('dialog', { name: 'Replay the capture' }).getByRole('status')).toContainText(
    'npx wxcc-inspector replay',
  );
  await viewer.getByLabel('Replay server URL').fill(replay.origin);
  const opened = browser.context.waitForEvent('page');
  await viewer.getByRole('button', { name: /Send the redacted capture/ }).click();
  const page = await opened;
  await page.waitForLoadState();
  expect(page.url()).toBe(replay.pageUrl);
  await expect(page.locator('#capture-name')).toContainText('.wxcc.json');
  await played(replay);
  // Redacted on the way: the capture's customer number never reached the replay.
  const steps = replay
    .plan()
    .steps.map((s) => (s.kind === 'frame' ? s.text : ''))
    .join('\n');
  expect(steps).not.toMatch(/\+1\d{10}/);
  await expect(page.locator('#interactions tr').first()).toBeVisible();
});

test("Replay… of a HAR in the viewer says that the HAR's other entries are not replayed, and so does the replay page", async () => {
  const viewer = await viewerWithReplay('test/fixtures/har/simulator-session.har');
  if (!replay || !browser) throw new Error('no replay server or browser');
  await expect(viewer.locator('.toolbar .left-out')).toHaveText('2 other HAR entries not shown');
  await viewer.getByRole('button', { name: /Replay/ }).click();
  await viewer.getByLabel('Replay server URL').fill(replay.origin);
  const opened = browser.context.waitForEvent('page');
  await viewer.getByRole('button', { name: /Send the redacted capture/ }).click();
  const page = await opened;
  const notReplayed =
    "The HAR's other entries are not replayed (left out 2 HAR entries that are neither a WebSocket nor a WxCC API call).";
  await expect(viewer.getByRole('dialog', { name: 'Replay the capture' }).getByRole('status')).toHaveText(
    /^Opened the replay of wxcc-.+-redacted\.wxcc\.json\. (.+)$/,
  );
  await expect(viewer.getByRole('dialog', { name: 'Replay the capture' }).getByRole('status')).toContainText(
    `.wxcc.json. ${notReplayed}`,
  );
  await page.waitForLoadState();
  await expect(page.locator('#not-replayed')).toBeVisible();
  await expect(page.locator('#not-replayed')).toHaveText(notReplayed);
  await page.screenshot({ path: 'test-results/replay-not-replayed.png' });
});

test("the replay page draws the hostile capture's bidi controls as escapes: no row reads reordered", async () => {
  const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
  replay = await startReplayServer({ frames: scenarioFrames('hostile'), speed: 40, plan: { shiftToNow: true } });
  const page = await replayPage(replay, false);
  await played(replay);
  // The event whose name is "AgentContactHeld" spelled backwards behind a right-to-left override.
  await expect(page.locator('#events li', { hasText: '\\u202edleHtcatnoCtnegA\\u202c' })).toHaveCount(1);
  await expect(page.locator('#interactions tr').first()).toBeVisible();
  const raw = await page.evaluate((source) => {
    const bidi = new RegExp(source);
    const leaks: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode())
      if (bidi.test((node as Text).data)) leaks.push((node as Text).data.slice(0, 80));
    for (const el of document.body.querySelectorAll('[title]'))
      if (bidi.test(el.getAttribute('title')!)) leaks.push(`title: ${el.getAttribute('title')!.slice(0, 80)}`);
    return leaks;
  }, BIDI.source);
  expect(raw, 'raw bidi controls on the replay page').toEqual([]);
  // Each escape is a badge naming what was removed, as in the panel.
  const event = page.locator('#events li', { hasText: '\\u202edleHtcatnoCtnegA\\u202c' });
  await expect(event.locator('.bidi-escape')).toHaveText(['\\u202e', '\\u202c']);
  await expect(event.locator('.bidi-escape').first()).toHaveAttribute(
    'title',
    'bidi control U+202E (right-to-left override) removed from display',
  );
  await page.locator('#events').screenshot({ path: 'test-results/replay-bidi-events.png' });
  // What the page hands a test (and a widget) is still the text as received.
  const events = await page.evaluate(() => (window as unknown as { __replay: { events: string[] } }).__replay.events);
  expect(events).toContain('\u202edleHtcatnoCtnegA\u202c');
});
