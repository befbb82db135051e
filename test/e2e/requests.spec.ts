import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import type { Frame } from '../../src/frame/frame';
import { startSimulator, SIM_AUTH_TOKEN, type Simulator } from '../sim/server';
import { launchWithExtension, type ExtensionBrowser } from './extension';
import { panelFrames } from './panel-page';

let sim: Simulator;
let browser: ExtensionBrowser;

test.afterEach(async () => {
  await browser?.close();
  await sim?.close();
});

type Desktop = {
  __desktop: {
    interactions: Record<string, unknown>;
    api: Record<string, (...args: unknown[]) => Promise<{ status: number; body: string }>>;
  };
};

async function desktopWithPanel(keepaliveMs = 1000): Promise<{ page: Page; panel: Page }> {
  sim = await startSimulator({ scenario: 'requests-hold-pause-state', keepaliveMs });
  browser = await launchWithExtension();
  const page = await browser.context.newPage();
  await page.goto(`${sim.pageUrl}?keepalive=1000`);
  await sim.onIdle();
  const panel = await browser.openPanel(await browser.tabIdOf(page));
  await panel.setViewportSize({ width: 1400, height: 800 });
  return { page, panel };
}

const httpFrames = (frames: Frame[]) => frames.filter((f) => f.kind === 'request' || f.kind === 'response');

test('requests on the simulator: hold succeeds, pause gets no result, a state change returns 500; the panel shows each outcome', async () => {
  test.setTimeout(90_000);
  const { page, panel } = await desktopWithPanel();
  const hold = await page.evaluate(() => (window as unknown as Desktop).__desktop.api['hold']!());
  expect(hold.status).toBe(202);
  const pause = await page.evaluate(() => (window as unknown as Desktop).__desktop.api['pauseRecording']!());
  expect(pause.status).toBe(202);
  const state = await page.evaluate(() => (window as unknown as Desktop).__desktop.api['setState']!('Idle'));
  expect(state.status).toBe(500);

  // Captured: a request and a response frame per call, the subscribe call included.
  await expect
    .poll(async () => httpFrames(await panelFrames(panel)).length, { timeout: 15_000 })
    .toBeGreaterThanOrEqual(8);
  const frames = await panelFrames(panel);
  const requests = frames.filter((f) => f.kind === 'request');
  expect(requests.map((f) => `${f.http?.method} ${new URL(f.url!).pathname}`)).toEqual([
    'POST /v1/notification/subscribe',
    expect.stringMatching(/^POST \/v1\/tasks\/.+\/hold$/),
    expect.stringMatching(/^POST \/v1\/tasks\/.+\/record\/pause$/),
    'PUT /v1/agents/session/state',
  ]);
  expect(requests.slice(1).every((f) => f.http?.api === 'xhr' && f.http.trackingId?.startsWith('webex-js-sdk_'))).toBe(
    true,
  );
  const stateResponse = frames.find((f) => f.kind === 'response' && f.socket === requests[3]!.socket)!;
  expect(stateResponse.http?.status).toBe(500);
  expect(stateResponse.data).toContain('simulated state service failure');
  // The page sent its bearer token (the mock saw it); the capture never has it.
  expect(sim.apiCalls().every((c) => c.headers['authorization'] === `Bearer ${SIM_AUTH_TOKEN}`)).toBe(true);
  expect(JSON.stringify(frames)).not.toContain(SIM_AUTH_TOKEN);

  // The lane chart: a Requests lane for the interaction's calls, an Agent req. lane for the state
  // change; each bar coloured by its outcome. Pause got a 202 and nothing else: pending, then timed
  // out after 20 s (keepalives move time on).
  const bars = panel.locator('.lanes .seg-request');
  await expect(panel.locator('.lanes .seg-request.outcome-succeeded')).toHaveCount(1, { timeout: 10_000 });
  await expect(panel.locator('.lanes .seg-request.outcome-http-error')).toHaveCount(1);
  await expect(panel.locator('.lanes .seg-request.outcome-succeeded')).toHaveAttribute(
    'aria-label',
    /^POST hold → succeeded in \d+ ms: .+, request #\d+, answered by #\d+$/,
  );
  await expect(panel.locator('.lanes .seg-request.outcome-http-error')).toHaveAttribute(
    'aria-label',
    /^PUT state-change → http-error \(HTTP 500 after \d+ ms\)/,
  );
  await expect(panel.locator('.lanes .lane-name', { hasText: /^Requests$/ })).toHaveCount(1);
  await expect(panel.locator('.lanes .lane-name', { hasText: /^Agent req\.$/ })).toHaveCount(1);
  await expect(panel.locator('.lanes .seg-request.outcome-timed-out')).toHaveCount(1, { timeout: 30_000 });
  await expect(bars).toHaveCount(3);
  // A request's bar selects its result event (by keyboard: the long pause bar overlaps the short
  // hold bar it follows, so a pointer would hit the pause).
  await panel.locator('.lanes .seg-request.outcome-succeeded').press('Enter');
  await expect(panel.locator('.timeline .event.selected')).toContainText('AgentContactHeld');
  await panel.setViewportSize({ width: 1400, height: 560 });
  await panel.screenshot({ path: 'test-results/panel-requests.png' });
  await panel.emulateMedia({ colorScheme: 'dark' });
  await panel.setViewportSize({ width: 500, height: 700 });
  await panel.screenshot({ path: 'test-results/panel-requests-dark-side.png' });

  // Exports of the capture (capture file and HAR) hold the requests, and never the token.
  for (const item of ['Capture file (.wxcc.json), redacted', 'Chrome HAR (.har), redacted']) {
    await panel.getByRole('button', { name: /Export/ }).click();
    const download = panel.waitForEvent('download');
    await panel.getByRole('menuitem', { name: item }).click();
    const exported = await readFile(await (await download).path(), 'utf8');
    expect(exported).toMatch(/record\/pause/);
    expect(exported).not.toContain(SIM_AUTH_TOKEN);
  }
});

async function harnessLog(withExtension: boolean): Promise<{ log: unknown[]; errors: string[]; frames?: Frame[] }> {
  const b = await launchWithExtension({ withExtension });
  try {
    const page = await b.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${sim.origin}/http-harness.html`);
    await page.waitForFunction(() => (window as { __httpDone?: boolean }).__httpDone === true, null, {
      timeout: 20_000,
    });
    const log = await page.evaluate(() => (window as unknown as { __httpLog: unknown[] }).__httpLog);
    let frames: Frame[] | undefined;
    if (withExtension) {
      const panel = await b.openPanel(await b.tabIdOf(page));
      await expect
        .poll(async () => httpFrames(await panelFrames(panel)).length, { timeout: 15_000 })
        .toBeGreaterThanOrEqual(20);
      frames = await panelFrames(panel);
    }
    return { log, errors, ...(frames ? { frames } : {}) };
  } finally {
    await b.close();
  }
}

test('the page sees the same fetch and XHR behaviour with and without the extension: responses, errors, order', async () => {
  test.setTimeout(90_000);
  sim = await startSimulator({ keepaliveMs: 60_000 });
  sim.api('hold', { status: 202, ackDelayMs: 5, result: 'none' });
  sim.api('session/state', { status: 500, ackDelayMs: 5, errorBody: { message: 'simulated failure' } });
  sim.api('end', { status: 0, ackDelayMs: 5 });
  const without = await harnessLog(false);
  const withExt = await harnessLog(true);
  expect(without.errors).toEqual([]);
  expect(withExt.errors).toEqual([]);
  const text = JSON.stringify(without.log);
  // The harness exercises what matters: an error body, a network error, an abort, sync XHR, throws.
  expect(text).toContain('"body":"{\\"message\\":\\"simulated failure\\"}"');
  expect(text).toContain('"label":"fetch network error","error":{"name":"TypeError"');
  expect(text).toContain('"label":"fetch aborted","error":{"name":"AbortError"');
  expect(text).toContain('"label":"xhr send unopened","thrown":{"name":"InvalidStateError"');
  expect(text).toContain('"fetchString":"function fetch() { [native code] }"');
  expect(withExt.log).toEqual(without.log);

  // …and the capture has those calls: statuses, the error body, the failures, never the token.
  const frames = withExt.frames!;
  const responses = frames.filter((f) => f.kind === 'response');
  expect(responses.map((f) => f.http?.status)).toEqual(expect.arrayContaining([202, 500, 0]));
  expect(responses.find((f) => f.http?.status === 500 && f.data)?.data).toBe('{"message":"simulated failure"}');
  expect(responses.map((f) => f.http?.error).filter(Boolean)).toEqual(
    expect.arrayContaining(['network error', 'aborted']),
  );
  expect(
    frames.filter((f) => f.kind === 'request').every((f) => f.http?.api === 'fetch' || f.http?.api === 'xhr'),
  ).toBe(true);
  expect(JSON.stringify(frames)).not.toContain(SIM_AUTH_TOKEN);
  expect(frames.some((f) => f.url?.endsWith('/sim/status'))).toBe(false);
});
