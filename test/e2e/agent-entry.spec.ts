import { expect, test, type Page } from '@playwright/test';
import { readFile, writeFile } from 'node:fs/promises';
import { startSimulator, type Simulator } from '../sim/server';
import { agentShiftFrames } from '../unit/model/agent-shift';
import { Flow } from '../unit/model/flow';
import { seriousViolations } from './axe';
import { type ExtensionBrowser, sharedExtensionBrowser } from './extension';

let sim: Simulator;
// One browser for the file: each test opens its own pages (a new simulator tab, the viewer).
const shared = sharedExtensionBrowser();
let browser: ExtensionBrowser;

test.afterEach(async () => {
  await sim?.close();
});

type Desktop = {
  __desktop: { api: Record<string, (...args: unknown[]) => Promise<{ status: number; body: string }>> };
};

const setState = (page: Page, state: string) =>
  page.evaluate((s) => (window as unknown as Desktop).__desktop.api['setState']!(s), state);

/** Whether the lane chart needs its pane scrolled to show everything. */
const lanesOverflow = (panel: Page) => panel.locator('.lanes').evaluate((el) => el.scrollHeight - el.clientHeight > 1);

/**
 * The lane chart's rows (lanes, key, axis) a reader can neither see nor read of: each row is
 * either wholly in view in its pane (not under the bars at its edges), or named by one of those
 * bars ("▾ Agent, Agent req., key below"). Measured on the page's geometry, not the chart's own
 * bookkeeping.
 */
const unseenLanes = (panel: Page) =>
  panel.locator('.lanes').evaluate((el) => {
    const pane = el.getBoundingClientRect();
    const bars = [...el.querySelectorAll<HTMLElement>('.lanes-more')];
    const named = bars.flatMap((b) =>
      (b.textContent ?? '')
        .replace(/^[▴▾]\s*/, '')
        .replace(/\s*(above|below)$/, '')
        .split(', ')
        .map((name) => name.replace(/ \(✗ \d+ failed\)$/, '')),
    );
    const covered = bars.map((b) => b.getBoundingClientRect());
    const unseen: string[] = [];
    for (const row of el.querySelectorAll<HTMLElement>('[data-lane]')) {
      const r = row.getBoundingClientRect();
      const inView =
        r.top >= pane.top - 0.5 &&
        r.bottom <= pane.bottom + 0.5 &&
        !covered.some((c) => r.bottom > c.top + 0.5 && r.top < c.bottom - 0.5);
      if (!inView && !named.includes(row.dataset.lane!)) unseen.push(row.dataset.lane!);
    }
    return unseen;
  });

/** The names on the bars at the chart pane's edges, above and below. */
const namedAtEdges = async (panel: Page) => ({
  above:
    (await panel
      .locator('.lanes-more.above')
      .textContent()
      .catch(() => null)) ?? '',
  below:
    (await panel
      .locator('.lanes-more.below')
      .textContent()
      .catch(() => null)) ?? '',
});

test("the Agent entry: an agent's state changes before any call, one failing, a pile-up and a timeout, all on its chart", async () => {
  test.setTimeout(120_000);
  sim = await startSimulator({ scenario: 'agent-idle-requests', keepaliveMs: 1000 });
  browser = await shared.get();
  const page = await browser.context.newPage();
  await page.goto(`${sim.pageUrl}?keepalive=1000`);
  await sim.onIdle();
  const panel = await browser.openPanel(await browser.tabIdOf(page));
  await panel.setViewportSize({ width: 1400, height: 800 });

  // Going Available fails (AgentStateChangeFailed); then five changes at once, each answered after
  // 2.5 s (they overlap: a pile-up); then one that never gets a result (timed out after 20 s).
  expect((await setState(page, 'Available')).status).toBe(202);
  await expect.poll(() => sim.apiCalls().length).toBe(1);
  await page.waitForTimeout(500);
  sim.api('session/state', { status: 202, ackDelayMs: 60, result: 'success', resultDelayMs: 2500 });
  await Promise.all(['Available', 'Idle', 'Available', 'Idle', 'Available'].map((s) => setState(page, s)));
  sim.api('session/state', { status: 202, ackDelayMs: 60, result: 'none' });
  await page.waitForTimeout(3000);
  await setState(page, 'Idle');

  // No interaction at all: the Agent entry is the list's one row, shown with its chart.
  const entry = panel.locator('.agent-entry');
  await expect(entry).toHaveClass(/selected/);
  await expect(entry).toContainText('Agent');
  await expect(panel.locator('.interaction-head.agent-head')).toContainText('Agent');
  await expect(panel.locator('.lanes .lane-name', { hasText: /^Agent$/ })).toHaveCount(1);
  await expect(panel.locator('.lanes .lane-name', { hasText: /^Agent req\.$/ })).toHaveCount(1);
  await expect(panel.locator('.lanes .seg-agent').first()).toHaveAttribute('aria-label', /^Agent LoggedIn\/Idle from /);
  await expect(panel.locator('.lanes .seg-request.outcome-failed')).toHaveCount(1, { timeout: 15_000 });
  await expect(panel.locator('.lanes .seg-request.outcome-succeeded')).toHaveCount(5, { timeout: 15_000 });
  await expect(panel.locator('.lanes .seg-request.outcome-pending')).toHaveCount(1);
  await expect(entry).toContainText('1 failed');

  // The pile-up stacks in five sub-rows, and the chart still fits its pane at 1400×800.
  await expect(panel.locator('.lanes .lane.stacked')).toHaveCount(1);
  expect(
    Math.max(
      ...(await panel
        .locator('.lanes .seg-request')
        .evaluateAll((bars) => bars.map((b) => Number(b.getAttribute('data-row') ?? 0)))),
    ),
  ).toBeGreaterThanOrEqual(4);
  expect(await lanesOverflow(panel), 'lanes pane scrolls at 1400×800').toBe(false);

  // The failed bar selects its request: outcome, reason; the failure event is joined as its result.
  await panel.locator('.lanes .seg-request.outcome-failed').click();
  const facts = panel.getByRole('region', { name: 'Request details' });
  await expect(facts.locator('[data-fact="Outcome"] dd')).toHaveText('✗ failed');
  await expect(facts).toContainText('AGENT_NOT_FOUND');
  const failure = panel.locator('.timeline .agent-event', { hasText: 'AgentStateChangeFailed' });
  await expect(failure).toHaveClass(/joined/);
  await expect(failure).toContainText('its result');
  // ↓ walks the agent's rows: the failure event, with its note and its frame.
  await panel.locator('.timeline .request-row.selected').click();
  await panel.keyboard.press('ArrowDown');
  await expect(failure).toHaveClass(/selected/);
  const details = panel.getByRole('region', { name: 'Agent event details' });
  await expect(details.locator('.details-title')).toHaveText(/^#\d+ AgentStateChangeFailed$/);
  await expect(panel.getByRole('note')).toHaveText(/^Result of request #\d+ \(PUT .*state\)/);
  await expect(details.locator('.json-tree')).toContainText('reasonCode');

  // The timed-out one: after 20 s with no result (the panel's clock moves it on).
  await expect(panel.locator('.lanes .seg-request.outcome-timed-out')).toHaveCount(1, { timeout: 40_000 });
  await expect(entry).toContainText('2 failed');

  // The Anomalies tab's link to the failed state change opens its row in the Agent entry.
  await panel.getByRole('tab', { name: /^Anomalies/ }).click();
  const failedLink = panel.locator('[data-rule="request-failed"] .evidence').first();
  const failedSeq = Number((await failedLink.textContent())!.slice(1));
  await failedLink.click();
  await expect(panel.getByRole('tab', { name: /^Interactions/ })).toHaveAttribute('aria-selected', 'true');
  await expect(entry).toHaveClass(/selected/);
  await expect(panel.locator(`.timeline [data-seq="${failedSeq}"]`)).toHaveClass(/selected/);

  expect(await seriousViolations(panel), 'agent entry, light').toEqual([]);
  await panel.emulateMedia({ colorScheme: 'dark' });
  expect(await seriousViolations(panel), 'agent entry, dark').toEqual([]);
  await panel.emulateMedia({ colorScheme: 'light' });

  await panel.setViewportSize({ width: 1400, height: 300 });
  await panel.screenshot({ path: 'test-results/panel-agent-bottom.png' });
  await panel.emulateMedia({ colorScheme: 'dark' });
  await panel.screenshot({ path: 'test-results/panel-agent-bottom-dark.png' });
  await panel.setViewportSize({ width: 500, height: 700 });
  await panel.screenshot({ path: 'test-results/panel-agent-side-dark.png' });
  // Docked at the side the header's state reads whole: the agent id gives way first.
  const headState = panel.locator('.agent-head .state');
  await expect(headState).toHaveText(/\S/);
  // Its text's own width against its box's (scrollWidth rounds away a fraction of a pixel, which
  // is enough to draw an ellipsis).
  const overflowPx = await headState.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return range.getBoundingClientRect().width - el.getBoundingClientRect().width;
  });
  expect(overflowPx, 'state cut at 500×700').toBeLessThanOrEqual(0.01);
  await panel.emulateMedia({ colorScheme: 'light' });
  await panel.screenshot({ path: 'test-results/panel-agent-side.png' });
  await panel.setViewportSize({ width: 1400, height: 800 });
  await panel.screenshot({ path: 'test-results/panel-agent-1400x800.png' });
});

test('a pile-up of requests on a call: compact sub-rows, the lanes pane fits the chart at 1400×800; docked, the chart goes compact and names what does not fit', async () => {
  test.setTimeout(90_000);
  sim = await startSimulator({ scenario: 'requests-hold-pause-state', keepaliveMs: 1000 });
  browser = await shared.get();
  const page = await browser.context.newPage();
  await page.goto(`${sim.pageUrl}?keepalive=1000`);
  await sim.onIdle();
  const panel = await browser.openPanel(await browser.tabIdOf(page));
  await panel.setViewportSize({ width: 1400, height: 800 });

  // Five holds at once (a double-clicking agent, a retrying widget), each answered after 2.5 s;
  // a pause that gets no result; a state change answered with HTTP 500.
  sim.api('hold', { status: 202, ackDelayMs: 60, result: 'success', resultDelayMs: 2500 });
  const api = (op: string) => page.evaluate((o) => (window as unknown as Desktop).__desktop.api[o]!(), op);
  await Promise.all([api('hold'), api('hold'), api('hold'), api('hold'), api('hold'), api('pauseRecording')]);
  await setState(page, 'Idle');
  await expect(panel.locator('.lanes .seg-request.outcome-succeeded')).toHaveCount(5, { timeout: 15_000 });
  await expect(panel.locator('.lanes .seg-request.outcome-http-error')).toHaveCount(1);

  // Six overlapping bars: six compact sub-rows, every bar still a named button with its mark.
  const requests = panel.locator('.lanes .lane.compact');
  await expect(requests).toHaveCount(1);
  await expect(requests.locator('.lane-name')).toHaveText('Requests');
  const rows = await requests
    .locator('.seg-request')
    .evaluateAll((bars) => bars.map((b) => Number(b.getAttribute('data-row') ?? 0)));
  expect(Math.max(...rows)).toBeGreaterThanOrEqual(5);
  await expect(requests.locator('.seg-request .seg-mark')).toHaveCount(6);
  const heights = await requests
    .locator('.seg-request')
    .evaluateAll((bars) => bars.map((b) => b.getBoundingClientRect().height));
  expect(Math.min(...heights)).toBeGreaterThanOrEqual(6);
  // Nothing to scroll: every lane, the key and the axis show.
  expect(await lanesOverflow(panel), 'lanes pane scrolls at 1400×800').toBe(false);
  await expect(panel.locator('.lanes .lane-axis')).toBeInViewport({ ratio: 1 });

  // Moving the splitter sizes the pane by hand (the chart then scrolls in it); Enter fits it again.
  const splitter = panel.getByRole('separator', { name: /^Resize the lane chart/ });
  await splitter.focus();
  for (let i = 0; i < 4; i++) await splitter.press('ArrowUp');
  await expect.poll(() => lanesOverflow(panel)).toBe(true);
  await splitter.press('Enter');
  await expect.poll(() => lanesOverflow(panel)).toBe(false);

  // A bar in a deep sub-row is as selectable as any.
  const deepest = requests.locator(`.seg-request[data-row="${Math.max(...rows)}"]`);
  await deepest.click();
  await expect(panel.getByRole('region', { name: 'Request details' })).toBeVisible();
  await expect(deepest).toHaveAttribute('aria-current', 'true');

  expect(await seriousViolations(panel), 'compact lanes, light').toEqual([]);
  await panel.locator('.lanes').screenshot({ path: 'test-results/panel-lanes-pileup.png' });
  await panel.emulateMedia({ colorScheme: 'dark' });
  expect(await seriousViolations(panel), 'compact lanes, dark').toEqual([]);
  await panel.locator('.lanes').screenshot({ path: 'test-results/panel-lanes-pileup-dark.png' });
  await panel.screenshot({ path: 'test-results/panel-pileup-1400x800-dark.png' });
  await panel.emulateMedia({ colorScheme: 'light' });

  // Docked (1400×300 at the bottom, 500×700 at the side) the column is ~170-190 px high: the chart
  // goes compact (12 px lanes, the empty Consult and Conference a word of the key) and takes up to
  // half of it; what still does not fit is named at the pane's edge, and a click shows it. No lane
  // is ever cut silently.
  for (const [width, height, name] of [
    [1400, 300, 'bottom'],
    [500, 700, 'side'],
  ] as const) {
    await panel.setViewportSize({ width, height });
    await expect(panel.locator('.lanes.compact-lanes')).toHaveCount(1);
    await expect.poll(() => unseenLanes(panel), `${width}×${height}: a lane neither shown nor named`).toEqual([]);
    const below = panel.locator('.lanes-more.below');
    await expect(below).toBeVisible();
    await expect(below).toBeInViewport({ ratio: 1 });
    const named = (await below.textContent())!
      .replace(/^▾\s*/, '')
      .replace(/\s*below$/, '')
      .split(', ');
    expect(named).toContain('time axis');
    // The state change answered with HTTP 500 is in the Agent req. lane: out of view, the bar says so.
    if (name === 'bottom') expect(named).toContain('Agent req. (✗ 1 failed)');
    for (const theme of ['light', 'dark'] as const) {
      await panel.emulateMedia({ colorScheme: theme });
      await panel.screenshot({ path: `test-results/panel-pileup-${name}${theme === 'dark' ? '-dark' : ''}.png` });
    }
    await panel.emulateMedia({ colorScheme: 'light' });
    // The bar scrolls to what it named (the key, the axis in view), the rows scrolled away are
    // named above; still nothing unseen.
    await below.click();
    await expect(panel.locator('.lanes [data-lane="time axis"]')).toBeInViewport({ ratio: 1 });
    await expect(panel.locator('.lanes [data-lane="key"]')).toBeInViewport({ ratio: 1 });
    await expect.poll(async () => (await namedAtEdges(panel)).above).toContain('Hold');
    await expect.poll(() => unseenLanes(panel)).toEqual([]);
    await expect(panel.locator('.lanes .legend-folded')).toHaveText('no Consult, Conference');
    await panel.screenshot({ path: `test-results/panel-pileup-${name}-scrolled.png` });
    await panel.locator('.lanes-more.above').click();
    await expect(panel.locator('.lanes [data-lane^="Hold"]')).toBeInViewport({ ratio: 1 });
    expect(await seriousViolations(panel), `compact lanes at ${width}×${height}`).toEqual([]);
  }
  // With room again the chart is whole and full size, nothing named at its edges.
  await panel.setViewportSize({ width: 1400, height: 800 });
  await expect(panel.locator('.lanes.compact-lanes')).toHaveCount(0);
  await expect(panel.locator('.lanes-more')).toHaveCount(0);
  expect(await lanesOverflow(panel), 'lanes pane scrolls at 1400×800 after docking').toBe(false);
  await panel.screenshot({ path: 'test-results/panel-pileup-1400x800.png' });
});

test("a capture of the agent's state changes only, with hostile state names: the Agent entry shows them as text, and its controls stay in view", async () => {
  // The fixture's socket and Welcome, then state changes only (no request, no interaction) whose
  // idle code, reason and author are hostile: markup, terminal escapes, 300 characters.
  const capture = JSON.parse(await readFile('test/fixtures/captures/simulator-session.wxcc.json', 'utf8'));
  const head = capture.frames.filter((f: { seq: number }) => f.seq < 5);
  const change = JSON.parse(capture.frames.find((f: { data?: string }) => f.data?.includes('AgentStateChange')).data);
  const hostile = ['<img src=x onerror=alert(1)>', '\u001b[31mRED\u001b]0;title\u0007', 'x'.repeat(300)];
  let { seq, t } = head.at(-1);
  const frames = [...head];
  for (let i = 0; i < 6; i++) {
    const idle = i % 2 === 1;
    change.data.status = idle ? 'Idle' : 'Available';
    change.data.subStatus = idle ? hostile[i % 3] : 'Available';
    change.data.lastStateChangeReason = hostile[(i + 1) % 3];
    change.data.changedByName = hostile[(i + 2) % 3];
    frames.push({
      seq: ++seq,
      t: (t += 1000),
      socket: 'ws-1',
      dir: 'in',
      kind: 'text',
      size: 0,
      data: JSON.stringify(change),
    });
  }
  frames.at(-1).data = frames.at(-1).data.replace(/"subStatus":"[^"]*"/, `"subStatus":"${'x'.repeat(300)}"`);
  await writeFile('test-results/agent-states-only.wxcc.json', JSON.stringify({ ...capture, frames }));

  browser = await shared.get();
  const viewer = await browser.context.newPage();
  const dialogs: string[] = [];
  viewer.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await viewer.setViewportSize({ width: 1400, height: 300 });
  await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
  await viewer.getByLabel('Capture or HAR file').setInputFiles('test-results/agent-states-only.wxcc.json');
  const entry = viewer.locator('.agent-entry');
  await expect(entry).toHaveClass(/selected/);
  await expect(viewer.locator('.timeline .agent-event')).toHaveCount(6);
  await expect(viewer.locator('.lanes .seg-agent')).toHaveCount(6);
  await expect(entry.locator('.state')).toHaveText(`Idle/${'x'.repeat(300)}`);
  for (const [width, height] of [
    [1400, 300],
    [500, 700],
  ] as const) {
    await viewer.setViewportSize({ width, height });
    // The state gives way: the word Agent, the request count and the Lanes toggle stay in view.
    await expect(entry.locator('.customer')).toBeInViewport({ ratio: 1 });
    await expect(viewer.locator('.agent-head .customer')).toBeInViewport({ ratio: 1 });
    await expect(viewer.locator('.agent-head .agent-requests')).toBeInViewport({ ratio: 1 });
    await expect(viewer.locator('.agent-head .lanes-toggle')).toBeInViewport({ ratio: 1 });
  }
  await viewer.locator('.timeline .agent-event').nth(1).click();
  const details = viewer.getByRole('region', { name: 'Agent event details' });
  await expect(details).toContainText(hostile[1]!);
  await expect(details).toContainText(hostile[2]!);
  await viewer.locator('.timeline .agent-event').nth(2).click();
  await expect(details).toContainText(hostile[0]!);
  expect(await viewer.locator('img').count()).toBe(0);
  expect(dialogs).toEqual([]);
  await viewer.screenshot({ path: 'test-results/agent-states-only-side.png' });
});

test('a long shift (20,000 state changes, 4,000 requests): the chart packs what it cannot draw one by one, every change accounted for, a zoom or two away', async () => {
  test.setTimeout(120_000);
  const capture = JSON.parse(await readFile('test/fixtures/captures/simulator-session.wxcc.json', 'utf8'));
  await writeFile(
    'test-results/agent-shift.wxcc.json',
    JSON.stringify({ ...capture, frames: agentShiftFrames(20_000) }),
  );
  browser = await shared.get();
  const viewer = await browser.context.newPage();
  await viewer.setViewportSize({ width: 1400, height: 300 });
  await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
  await viewer.getByLabel('Capture or HAR file').setInputFiles('test-results/agent-shift.wxcc.json');
  await expect(viewer.locator('.interaction-head')).toBeVisible({ timeout: 60_000 });
  const entry = viewer.locator('.agent-entry');
  await expect(entry).toContainText('4000 requests', { timeout: 30_000 });
  await entry.click();
  await expect(entry).toHaveClass(/selected/);

  // The state lane: clusters that say how many changes they hold, a few px each; together with
  // the bars drawn alone they account for every change of the shift (20,001 with the first).
  const agentLane = viewer.locator('.lanes .lane', { has: viewer.locator('.lane-name', { hasText: /^Agent$/ }) });
  const clusters = agentLane.locator('.seg-cluster');
  await expect.poll(() => clusters.count()).toBeGreaterThan(50);
  await expect(clusters.first()).toHaveAttribute('aria-label', /^\d+ agent state changes, .* activate to zoom in\)$/);
  const counted = async (lane: typeof agentLane) =>
    lane
      .locator('.seg')
      .evaluateAll((bars) => bars.reduce((sum, b) => sum + Number(b.getAttribute('data-count') ?? 1), 0));
  await expect.poll(() => counted(agentLane)).toBe(20_001);
  // Five kinds of state (Available, Idle/Lunch, Idle/Break, RONA…) in the lane's three colours:
  // every packed bar shows at most three bands, none an "and more" hatch.
  const layers = await clusters.evaluateAll((bars) => bars.map((b) => getComputedStyle(b).backgroundImage));
  expect(layers.filter((l) => l.includes('repeating-linear-gradient'))).toEqual([]);
  expect(Math.max(...layers.map((l) => (l === 'none' ? 0 : l.split('linear-gradient').length - 1)))).toBe(2);
  const requestLane = viewer.locator('.lanes .lane', { has: viewer.locator('.lane-name', { hasText: 'Agent req.' }) });
  await expect.poll(() => counted(requestLane)).toBe(4000);
  await expect(requestLane.locator('.seg-cluster.outcome-succeeded').first()).toHaveAttribute(
    'aria-label',
    /^\d+ requests, .*: \d+× PUT …\/\S+ → ✓ \d+/,
  );
  // Hundreds of buttons, not 24,000; and the chart fits its pane docked at the bottom.
  await expect.poll(() => viewer.locator('.lanes .seg').count()).toBeLessThan(500);
  await expect.poll(() => lanesOverflow(viewer), 'lanes pane scrolls at 1400×300').toBe(false);
  await viewer.screenshot({ path: 'test-results/agent-shift-bottom.png' });
  await viewer.emulateMedia({ colorScheme: 'dark' });
  await viewer.screenshot({ path: 'test-results/agent-shift-bottom-dark.png' });
  await viewer.emulateMedia({ colorScheme: 'light' });

  // ↓ walks the timeline; a request row selected marks the cluster that holds its bar.
  const request = viewer.locator('.timeline .request-row').last();
  await request.click();
  const seq = await request.getAttribute('data-seq');
  await expect(requestLane.locator('.seg[aria-current="true"]')).toHaveCount(1);
  await viewer.keyboard.press('ArrowDown');
  await expect(viewer.locator('.timeline .vrow.selected .event')).not.toHaveAttribute('data-seq', seq!);

  // Activating a cluster zooms in on it (about 90× at this width); once the changes in view are
  // wide enough they come apart into bars of their own.
  // Each zoom is waited for (the axis's first time changes) before the clusters are counted again.
  const firstTick = viewer.locator('.lanes .axis span').first();
  const zoomInto = async (cluster: typeof clusters) => {
    const before = await firstTick.textContent();
    await cluster.click();
    await expect(firstTick).not.toHaveText(before!);
  };
  await zoomInto(clusters.nth(10));
  await expect(viewer.locator('.lanes .zoom-reset')).toBeVisible();
  for (let zooms = 1; (await clusters.count()) > 0; zooms++) {
    expect(zooms, 'zooms until the changes come apart').toBeLessThan(4);
    await zoomInto(clusters.first());
  }
  await expect(agentLane.locator('.seg-agent').first()).toBeVisible();
  await expect(agentLane.locator('.seg-agent').first()).toHaveAttribute('aria-label', /^Agent \S+ from /);
  await viewer.locator('.lanes .zoom-reset').click();
  await expect.poll(() => clusters.count()).toBeGreaterThan(50);

  await viewer.setViewportSize({ width: 500, height: 700 });
  await expect.poll(() => lanesOverflow(viewer), 'lanes pane scrolls at 500×700').toBe(false);
  expect(await seriousViolations(viewer), 'long shift, light').toEqual([]);
  await viewer.screenshot({ path: 'test-results/agent-shift-side.png' });
  await viewer.emulateMedia({ colorScheme: 'dark' });
  expect(await seriousViolations(viewer), 'long shift, dark').toEqual([]);
  await viewer.screenshot({ path: 'test-results/agent-shift-side-dark.png' });
});

test("a request failing at the capture's very end: its bar and its mark are drawn inside the chart, not clipped past its edge", async () => {
  // The last frames: a state-change request and its HTTP 500 a millisecond later. Its bar starts
  // where the chart ends; it was drawn past the track's right edge, clipped away: the key said
  // "! HTTP error" and no bar showed one.
  const flow = new Flow()
    .agentState('Available')
    .agentState('Idle', 'Idle', 60_000)
    .request('late', 'PUT', '/v1/agents/session/state', { body: { state: 'Available' }, after: 30_000 })
    .response('late', 500, { after: 1 });
  const capture = JSON.parse(await readFile('test/fixtures/captures/simulator-session.wxcc.json', 'utf8'));
  await writeFile('test-results/agent-late-failure.wxcc.json', JSON.stringify({ ...capture, frames: flow.frames }));
  browser = await shared.get();
  const viewer = await browser.context.newPage();
  await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
  await viewer.getByLabel('Capture or HAR file').setInputFiles('test-results/agent-late-failure.wxcc.json');
  await viewer.locator('.agent-entry').click();
  const bar = viewer.locator('.lanes .seg.outcome-http-error');
  await expect(bar).toHaveCount(1);
  for (const [width, height] of [
    [1400, 300],
    [500, 700],
  ] as const) {
    await viewer.setViewportSize({ width, height });
    const drawn = await bar.evaluate((el) => {
      const track = el.closest('.lane-track')!.getBoundingClientRect();
      const b = el.getBoundingClientRect();
      const mark = el.querySelector('.seg-mark')!.getBoundingClientRect();
      const hit = document.elementFromPoint(
        (Math.max(b.left, track.left) + Math.min(b.right, track.right)) / 2,
        b.top + b.height / 2,
      );
      return {
        barInside: Math.min(b.right, track.right) - Math.max(b.left, track.left),
        markInside: mark.left >= track.left && mark.right <= track.right,
        barOnTop: hit === el,
      };
    });
    expect(drawn.barInside, `${width}×${height}: px of the bar inside the track`).toBeGreaterThanOrEqual(3);
    expect(drawn.markInside, `${width}×${height}: its ! mark inside the track`).toBe(true);
    expect(drawn.barOnTop, `${width}×${height}: the bar is what is drawn there`).toBe(true);
  }
  await viewer.screenshot({ path: 'test-results/agent-late-failure-side.png' });
});
