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
});
