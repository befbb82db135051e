import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import type { Frame } from '../../src/frame/frame';
import { writeHar } from '../../src/io';
import { startSimulator, SIM_AUTH_TOKEN, type Simulator } from '../sim/server';
import { CAMPAIGN, campaignAcceptFrames } from '../support/campaign-accept';
import { HAR_SECRET, requestsHar } from '../support/requests-har';
import { seriousViolations } from './axe';
import { launchWithExtension, type ExtensionBrowser, sharedExtensionBrowser } from './extension';
import { panelFrames } from './panel-page';

let sim: Simulator;
// One browser for the file: each test opens its own pages (a new simulator tab, the viewer).
const shared = sharedExtensionBrowser();
let browser: ExtensionBrowser;

test.afterEach(async () => {
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
  browser = await shared.get();
  const page = await browser.context.newPage();
  await page.goto(`${sim.pageUrl}?keepalive=1000`);
  await sim.onIdle();
  const panel = await browser.openPanel(await browser.tabIdOf(page));
  await panel.setViewportSize({ width: 1400, height: 800 });
  return { page, panel };
}

/** The viewer at 1400×800 with `text` opened as the file `name` (written to test-results/). */
async function viewerWith(name: string, text: string): Promise<Page> {
  await mkdir('test-results', { recursive: true });
  await writeFile(`test-results/${name}`, text);
  browser = await shared.get();
  const viewer = await browser.context.newPage();
  await viewer.setViewportSize({ width: 1400, height: 800 });
  await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
  await viewer.getByLabel('Capture or HAR file').setInputFiles(`test-results/${name}`);
  await expect(viewer.locator('.file-name')).toHaveText(name);
  return viewer;
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
    /^PUT state-change → http-error \(HTTP 500 after \d+ ms\): .+, request #\d+, ended by its HTTP response #\d+$/,
  );
  await expect(panel.locator('.lanes .lane-name', { hasText: /^Requests$/ })).toHaveCount(1);
  await expect(panel.locator('.lanes .lane-name', { hasText: /^Agent req\.$/ })).toHaveCount(1);
  await expect(panel.locator('.lanes .seg-request.outcome-timed-out')).toHaveCount(1, { timeout: 30_000 });
  await expect(bars).toHaveCount(3);
  // The hold's short bar and the pause's long one overlap in time: they stack in two sub-rows.
  await expect(panel.locator('.lanes .lane.stacked')).toHaveCount(1);
  await expect(panel.locator('.lanes .seg-request.outcome-timed-out')).toHaveAttribute('data-row', '1');
  // A request's bar selects the request (by keyboard): its row in the timeline, its result joined.
  await panel.locator('.lanes .seg-request.outcome-succeeded').press('Enter');
  const holdRow = panel.locator('.timeline .request-row', { hasText: 'POST …/hold' });
  await expect(holdRow).toHaveClass(/selected/);
  const heldRow = panel.locator('.timeline .event:not(.request-row)', { hasText: 'AgentContactHeld' });
  await expect(heldRow).toHaveClass(/joined/);
  await expect(heldRow).toContainText('its result');

  // Click the request row: its result is highlighted, the details show status and latency in ms.
  await panel.locator('.timeline .event', { hasText: 'AgentContactAssigned' }).click();
  await holdRow.click();
  await expect(holdRow).toHaveClass(/selected/);
  await expect(heldRow).toHaveClass(/joined/);
  const facts = panel.getByRole('region', { name: 'Request details' });
  const fact = (label: string) => facts.locator(`[data-fact="${label}"] dd`);
  await expect(fact('HTTP status')).toHaveText('202');
  await expect(fact('latencyMs (to the result event)')).toHaveText(/^\d+ ms$/);
  await expect(fact('ackMs (to the HTTP response)')).toHaveText(/^\d+ ms$/);
  await expect(fact('Outcome')).toHaveText('✓ succeeded');
  await expect(fact('Result event')).toHaveText(/^#\d+ AgentContactHeld$/);
  const holdSeq = Number(await holdRow.getAttribute('data-seq'));
  const latency = Number((await fact('latencyMs (to the result event)').textContent())!.replace(' ms', ''));
  // Exactly the time between the request frame and its result event's frame.
  const resultSeq = Number((await fact('Result event').textContent())!.match(/^#(\d+)/)![1]);
  const byseq = new Map((await panelFrames(panel)).map((f) => [f.seq, f]));
  expect(latency).toBe(byseq.get(resultSeq)!.t - byseq.get(holdSeq)!.t);

  // Click the result: the request is highlighted, the note says whose result it is.
  await heldRow.click();
  await expect(heldRow).toHaveClass(/selected/);
  await expect(holdRow).toHaveClass(/joined/);
  await expect(holdRow).toContainText('its request');
  const note = panel.getByRole('note');
  await expect(note).toHaveText(
    new RegExp(
      `^Result of request #${holdSeq} \\(POST …/hold\\), ${latency} ms after the request · HTTP 202 after \\d+ ms`,
    ),
  );
  // axe-core on the request rows, the note, the lanes and their key, light and dark.
  expect(await seriousViolations(panel), 'result note, light').toEqual([]);
  await panel.emulateMedia({ colorScheme: 'dark' });
  expect(await seriousViolations(panel), 'result note, dark').toEqual([]);
  await panel.emulateMedia({ colorScheme: 'light' });
  // …and back by keyboard: the note's link selects the request.
  await note.getByRole('button').focus();
  await panel.keyboard.press('Enter');
  await expect(holdRow).toHaveClass(/selected/);

  expect(await seriousViolations(panel), 'request details, light').toEqual([]);
  await panel.emulateMedia({ colorScheme: 'dark' });
  expect(await seriousViolations(panel), 'request details, dark').toEqual([]);
  await panel.emulateMedia({ colorScheme: 'light' });

  await panel.setViewportSize({ width: 1400, height: 300 });
  await panel.screenshot({ path: 'test-results/panel-requests-bottom.png' });
  // The lanes scrolled to their end: the Agent req. lane and the legend of outcomes.
  const lanes = panel.locator('.lanes');
  await lanes.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await lanes.screenshot({ path: 'test-results/panel-requests-lanes.png' });
  await panel.emulateMedia({ colorScheme: 'dark' });
  await lanes.screenshot({ path: 'test-results/panel-requests-lanes-dark.png' });
  await lanes.evaluate((el) => (el.scrollTop = 0));
  await panel.screenshot({ path: 'test-results/panel-requests-bottom-dark.png' });
  await panel.setViewportSize({ width: 500, height: 700 });
  await panel.screenshot({ path: 'test-results/panel-requests-side-dark.png' });
  await panel.emulateMedia({ colorScheme: 'light' });
  await panel.screenshot({ path: 'test-results/panel-requests-side.png' });
  await panel.setViewportSize({ width: 1400, height: 800 });

  // "failed requests": succeeded requests and their results leave the timeline and the lanes.
  await panel.getByRole('checkbox', { name: 'failed requests' }).check();
  await expect(holdRow).toHaveCount(0);
  await expect(panel.locator('.timeline .request-row', { hasText: 'POST …/record/pause' })).toHaveCount(1);
  await expect(panel.locator('.timeline .request-row')).toHaveCount(1);
  await expect(panel.locator('.lanes .seg-request.outcome-succeeded')).toHaveCount(0);
  await expect(panel.locator('.lanes .seg-request.outcome-timed-out')).toHaveCount(1);
  await expect(panel.locator('.lanes .seg-request.outcome-http-error')).toHaveCount(1);
  await panel.getByRole('checkbox', { name: 'failed requests' }).uncheck();
  await expect(holdRow).toHaveCount(1);

  // The hold's HTTP response in the Frames tab leads back to its request's row; the agent's
  // state change is on no timeline, so its frames offer no such link.
  const views = panel.getByRole('tablist', { name: 'Panel views' });
  const frameRow = (seq: number) =>
    panel
      .getByRole('listbox', { name: 'Frames' })
      .getByRole('option')
      .filter({ has: panel.locator(`[data-seq="${seq}"]`) });
  const frameDetail = panel.getByRole('region', { name: 'Frame', exact: true });
  const holdResponse = frames.find((f) => f.kind === 'response' && f.socket === requests[1]!.socket)!;
  await views.getByRole('tab', { name: /^Frames/ }).click();
  const search = panel.getByRole('searchbox', { name: 'Search' });
  // A call is found by its URL, then by its request id (the request and its response).
  await search.fill('session/state');
  await expect(frameRow(requests[3]!.seq)).toContainText(/PUT http.+\/v1\/agents\/session\/state/);
  await search.fill(stateResponse.socket);
  await frameRow(stateResponse.seq).click();
  await expect(frameRow(stateResponse.seq)).toContainText('HTTP 500');
  await expect(frameDetail.getByRole('heading')).toHaveText(new RegExp(`^#${stateResponse.seq} `));
  // The agent's own call is on no interaction's timeline: its row is the Agent entry's.
  await expect(frameDetail.getByRole('button', { name: 'Show request' })).toHaveAttribute('title', /Agent entry/);
  await search.fill(holdResponse.socket);
  await frameRow(holdResponse.seq).click();
  await search.fill('');
  await frameDetail.getByRole('button', { name: 'Show request' }).click();
  await expect(views.getByRole('tab', { name: /^Interactions/ })).toHaveAttribute('aria-selected', 'true');
  await expect(holdRow).toHaveClass(/selected/);

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

test('a failure result (no interactionId, §10.9) joins its request both ways, also under "failed requests"', async () => {
  test.setTimeout(60_000);
  const { page, panel } = await desktopWithPanel();
  sim.api('unhold', { status: 202, ackDelayMs: 20, result: 'failure', resultDelayMs: 150 });
  const unhold = await page.evaluate(() => (window as unknown as Desktop).__desktop.api['unhold']!());
  expect(unhold.status).toBe(202);
  const unholdRow = panel.locator('.timeline .request-row', { hasText: 'POST …/unhold' });
  const failedRow = panel.locator('.timeline .event:not(.request-row)', { hasText: 'AgentContactUnHoldFailed' });
  await expect(unholdRow).toContainText('failed', { timeout: 10_000 });
  // The failure event is in the interaction's timeline, joined to its request.
  await expect(failedRow).toHaveCount(1);
  await unholdRow.click();
  await expect(failedRow).toHaveClass(/joined/);
  await expect(failedRow).toContainText('its result');
  const facts = panel.getByRole('region', { name: 'Request details' });
  const result = facts.locator('[data-fact="Result event"] dd');
  await expect(result).toHaveText(/^#\d+ AgentContactUnHoldFailed$/);
  const resultSeq = (await result.textContent())!.match(/^#(\d+)/)![1]!;
  // The details' link selects that very event, nothing else.
  await result.getByRole('button').click();
  await expect(failedRow).toHaveClass(/selected/);
  await expect(failedRow).toHaveAttribute('data-seq', resultSeq);
  await expect(unholdRow).not.toHaveClass(/selected/);
  await expect(unholdRow).toHaveClass(/joined/);
  await expect(panel.getByRole('note')).toHaveText(/^Result of request #\d+ \(POST …\/unhold\)/);
  // "failed requests": the failed request and its failure event, nothing else of the call.
  await panel.getByRole('checkbox', { name: 'failed requests' }).check();
  await expect(unholdRow).toHaveCount(1);
  await expect(failedRow).toHaveCount(1);
  await expect(panel.locator('.timeline .event:not(.request-row)')).toHaveCount(1);
});

test("the agent's state change after wrap-up (HTTP 500, then one that succeeds) shows on the ended interaction's Agent req. lane", async () => {
  test.setTimeout(60_000);
  const { page, panel } = await desktopWithPanel();
  const api = (name: string, ...args: unknown[]) =>
    page.evaluate(([n, a]) => (window as unknown as Desktop).__desktop.api[n as string]!(...(a as unknown[])), [
      name,
      args,
    ] as const);
  sim.api('end', { status: 202, ackDelayMs: 20, result: 'success', resultDelayMs: 100 });
  sim.api('wrapup', { status: 202, ackDelayMs: 20, result: 'success', resultDelayMs: 100 });
  expect((await api('end')).status).toBe(202);
  await expect(panel.locator('.timeline .request-row', { hasText: 'POST …/end' })).toContainText('succeeded');
  expect((await api('wrapup')).status).toBe(202);
  await expect(panel.locator('.timeline .event:not(.request-row)', { hasText: 'AgentWrappedUp' })).toHaveCount(1);
  await page.waitForTimeout(1000);
  sim.api('session/state', { status: 500, ackDelayMs: 20, errorBody: { message: 'cannot go available' } });
  expect((await api('setState', 'Available')).status).toBe(500);
  sim.api('session/state', { status: 202, ackDelayMs: 20, result: 'success', resultDelayMs: 100 });
  expect((await api('setState', 'Available')).status).toBe(202);
  const failed = panel.locator('.lanes .seg-request.outcome-http-error');
  await expect(failed).toHaveCount(1, { timeout: 10_000 });
  await expect(failed).toHaveAttribute('aria-label', /^PUT state-change → http-error \(HTTP 500 after \d+ ms\)/);
  // end and wrap-up on the Requests lane; both state changes on the Agent req. lane.
  await expect(panel.locator('.lanes .seg-request.outcome-succeeded')).toHaveCount(3);
  await expect(panel.locator('.lanes .seg-request')).toHaveCount(4);
  // "failed requests" reaches the agent's lane: only the 500 stays.
  await panel.getByRole('checkbox', { name: 'failed requests' }).check();
  await expect(panel.locator('.lanes .seg-request')).toHaveCount(1);
  await expect(failed).toHaveCount(1);
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

test("the viewer: a Chrome HAR's REST call shows in the timeline joined to its result, with the exact latency", async () => {
  const { har, holdLatencyMs } = requestsHar();
  const viewer = await viewerWith('requests.har', JSON.stringify(har));

  const holdRow = viewer.locator('.timeline .request-row', { hasText: 'POST …/hold' });
  const heldRow = viewer.locator('.timeline .event:not(.request-row)', { hasText: 'AgentContactHeld' });
  await holdRow.click();
  await expect(heldRow).toHaveClass(/joined/);
  const facts = viewer.getByRole('region', { name: 'Request details' });
  await expect(facts.locator('[data-fact="latencyMs (to the result event)"] dd')).toHaveText(
    `${Math.round(holdLatencyMs)} ms`,
  );
  await expect(facts.locator('[data-fact="ackMs (to the HTTP response)"] dd')).toHaveText('60 ms');
  await heldRow.click();
  await expect(holdRow).toHaveClass(/joined/);
  await expect(viewer.getByRole('note')).toContainText(`, ${Math.round(holdLatencyMs)} ms after the request`);
  // The unhold got HTTP 500: its AgentContactUnheld came anyway, joined to it as its late result
  // (the backend did it despite the HTTP error), not unsolicited.
  const unholdRow = viewer.locator('.timeline .request-row.outcome-http-error', { hasText: 'POST …/unhold' });
  await expect(unholdRow).toHaveCount(1);
  const unheldRow = viewer.locator('.timeline .event:not(.request-row)', { hasText: 'AgentContactUnheld' });
  await expect(unheldRow.locator('.unsolicited')).toHaveCount(0);
  await unheldRow.click();
  await expect(unholdRow).toHaveClass(/joined/);
  await expect(viewer.getByRole('note')).toContainText('so the backend did it despite the HTTP error');
  const text = await viewer.evaluate(() =>
    JSON.stringify((window as unknown as { wxccInspector: { frames(): unknown[] } }).wxccInspector.frames()),
  );
  expect(text).not.toContain(HAR_SECRET.slice(7));
});

test('the viewer: a campaign preview accepted under its reservation id shows its AgentContactAssigned (new id) as its result', async () => {
  const frames = campaignAcceptFrames();
  const assigned = frames.find((f) => f.data?.includes('"type":"AgentContactAssigned"'))!;
  const viewer = await viewerWith(
    'campaign-accept.har',
    writeHar(frames, { createdAt: 0, source: { kind: 'file' }, redacted: false }),
  );

  const acceptRow = viewer.locator('.timeline .request-row', { hasText: 'POST …/campaign-preview-accept' });
  await expect(acceptRow).toHaveAttribute('data-outcome', 'succeeded');
  await expect(acceptRow.locator('.e-changes')).toHaveText(
    `→ AgentContactAssigned #${assigned.seq} after ${CAMPAIGN.latencyMs} ms · HTTP 202 after ${CAMPAIGN.ackMs} ms`,
  );
  const assignedRow = viewer.locator('.timeline .event:not(.request-row)', { hasText: 'AgentContactAssigned' });
  await expect(assignedRow.locator('.unsolicited')).toHaveCount(0);
  await acceptRow.click();
  await expect(assignedRow).toHaveClass(/joined/);
  await assignedRow.click();
  await expect(acceptRow).toHaveClass(/joined/);
  await expect(viewer.getByRole('note')).toContainText(`, ${CAMPAIGN.latencyMs} ms after the request`);
});
