import { expect, test, type Page } from '@playwright/test';
import { startSimulator, type Simulator } from '../sim/server';
import { launchWithExtension, type ExtensionBrowser } from './extension';
import { expectContiguous, panelFrames, showFrames, waitForFrames, waitForSimulatorFrames } from './panel-page';
import { servePage } from './static-page';

let sim: Simulator;
const browsers: ExtensionBrowser[] = [];
const cleanups: (() => Promise<void>)[] = [];

test.afterEach(async () => {
  for (const b of browsers.splice(0)) await b.close();
  for (const cleanup of cleanups.splice(0)) await cleanup();
  await sim?.close();
});

async function harnessRun(
  browser: ExtensionBrowser,
  binaryType: string,
): Promise<{ events: unknown[]; page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${sim.harnessUrl}?binaryType=${binaryType}`);
  await page.waitForFunction(() => (window as { __harness?: { done: boolean } }).__harness?.done === true, null, {
    timeout: 20_000,
  });
  const events = await page.evaluate(
    () => (window as unknown as { __harness: { events: unknown[] } }).__harness.events,
  );
  return { events, page, errors };
}

for (const binaryType of ['blob', 'arraybuffer']) {
  test(`the page sees exactly the same WebSocket behaviour with and without the extension (binaryType ${binaryType})`, async () => {
    sim = await startSimulator({ keepaliveMs: 60_000 });
    const plain = await launchWithExtension({ withExtension: false });
    browsers.push(plain);
    const inspected = await launchWithExtension();
    browsers.push(inspected);

    const without = await harnessRun(plain, binaryType);
    const withExt = await harnessRun(inspected, binaryType);
    expect(without.errors).toEqual([]);
    expect(withExt.errors).toEqual([]);
    // The harness records text, ArrayBuffer/Blob bytes, onmessage vs listeners, a listener that
    // stops immediate propagation, statics, readyState, protocol, instanceof and the 4001 close.
    expect(JSON.stringify(without.events)).toContain('"stoppedImmediatePropagation":true');
    expect(JSON.stringify(without.events)).toContain('"code":4001');
    expect(withExt.events).toEqual(without.events);
    // The stealth probe (toString, names, error stacks, window's own keys) ran and was not vacuous.
    const stealth = without.events.find((e) => (e as { type?: string }).type === 'stealth') as Record<string, unknown>;
    expect(stealth.webSocketSource).toBe('function WebSocket() { [native code] }');
    expect(stealth.sendSource).toBe('function send() { [native code] }');
    expect(stealth.sendConnecting).toMatchObject({
      name: 'InvalidStateError',
      stack: expect.stringContaining('harness.js'),
    });
    expect(JSON.stringify(withExt.events)).not.toMatch(/-extension:\/\/|wxcc/);

    // …and the capture saw every one of those frames, binary ones as a hex preview.
    const panel = await showFrames(await inspected.openPanel(await inspected.tabIdOf(withExt.page)));
    await waitForFrames(panel, 8);
    const frames = await panelFrames(panel);
    expectContiguous(frames);
    const main = frames.filter((f) => f.socket === 'ws-1');
    expect(main.map((f) => `${f.dir} ${f.kind}`)).toEqual([
      'in open',
      'out text',
      'in text',
      'in binary',
      'in text',
      'in binary',
      'in close',
    ]);
    expect(main[3]).toMatchObject({ size: 8, data: '00 01 02 03 04 05 06 07' });
    expect(main[5]!.data!.split(' ')).toHaveLength(64); // a 70-byte frame: preview of the first 64
    expect(main[6]!.close).toEqual({ code: 4001, reason: 'harness done', wasClean: true });
    const refused = frames.filter((f) => f.socket === 'ws-2').map((f) => f.kind);
    expect(refused).toEqual(['error', 'close']);
    expect(frames.find((f) => f.socket === 'ws-2' && f.kind === 'close')!.close).toMatchObject({
      code: 1006,
      wasClean: false,
    });
  });
}

const HOSTILE_PAGE = `<!doctype html><meta charset="utf-8"><title>hostile</title><body><script>
  window.results = { received: 0, forgedErrors: [] };
  const stolen = [];
  const forge = (name, detail) => {
    try { document.dispatchEvent(new CustomEvent(name, { detail })); } catch (e) { results.forgedErrors.push(String(e)); }
  };
  // Any hello carrying a node other than the one this page forges itself would leak the channel.
  document.addEventListener('wxcc-inspector:hello', (e) => e.relatedTarget !== document.body && stolen.push(e.relatedTarget));
  fetch(SIM_ORIGIN + '/v1/notification/subscribe', { method: 'POST', body: '{}' }).then((r) => r.json()).then(({ body }) => {
    const ws = new WebSocket(body.webSocketUrl);
    ws.onmessage = () => { results.received++; };
    ws.onopen = () => {
      const frame = { seq: 1, t: 1, socket: 'ws-1', dir: 'in', kind: 'text', data: 'FORGED-FRAME' };
      forge('wxcc-inspector:frames', { frames: [frame] });
      forge('wxcc-inspector:frames', JSON.stringify({ frames: [frame] }));
      forge('wxcc-inspector:frames', 'not json at all {');
      forge('wxcc-inspector:frames', { frames: [{ ...frame, seq: 99999 }], body: 'x'.repeat(5e6) });
      forge('wxcc-inspector:frames', { get frames() { throw new Error('getter bomb'); } });
      forge('wxcc-inspector:ready');
      forge('wxcc-inspector:connected');
      document.dispatchEvent(new MouseEvent('wxcc-inspector:hello', { relatedTarget: document.body }));
      window.postMessage({ frames: [frame] }, '*');
      window.postMessage('FORGED-FRAME', '*');
      results.stolenChannel = stolen.length;
      ws.send('still-working');
      results.forged = true;
    };
  });
</script>`;

test('a hostile page that forges capture messages neither breaks the page nor pollutes the capture', async () => {
  sim = await startSimulator({ keepaliveMs: 200 });
  const browser = await launchWithExtension();
  browsers.push(browser);
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const hostile = await servePage(HOSTILE_PAGE.replace('SIM_ORIGIN', JSON.stringify(sim.origin)));
  cleanups.push(hostile.close);
  await page.goto(hostile.url);
  await page.waitForFunction(
    () => (window as unknown as { results: { forged?: boolean; received: number } }).results.forged === true,
  );
  await expect.poll(() => sim.received().includes('still-working')).toBe(true);
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { results: { received: number } }).results.received))
    .toBeGreaterThan(3);
  const results = await page.evaluate(
    () => (window as unknown as { results: { stolenChannel: number; forgedErrors: string[] } }).results,
  );
  expect(results.stolenChannel, 'the page must never be handed the capture channel').toBe(0);
  expect(errors).toEqual([]);

  const panel = await showFrames(await browser.openPanel(await browser.tabIdOf(page)));
  await waitForFrames(panel, 6);
  await expect.poll(async () => (await panelFrames(panel)).some((f) => f.data === 'still-working')).toBe(true);
  const frames = await panelFrames(panel);
  expectContiguous(frames);
  expect(frames.filter((f) => f.data?.includes('FORGED'))).toEqual([]);
  expect(frames.filter((f) => f.kind === 'notice')).toEqual([]);
});

test('hostile strings from the wire are shown as text, never run as HTML', async () => {
  sim = await startSimulator({ scenario: 'hostile', keepaliveMs: 60_000, speed: 0 });
  const browser = await launchWithExtension();
  browsers.push(browser);
  const page = await browser.context.newPage();
  await page.goto(sim.pageUrl);
  await sim.onIdle();
  const panel = await showFrames(await browser.openPanel(await browser.tabIdOf(page)));
  const dialogs: string[] = [];
  panel.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const panelErrors: string[] = [];
  panel.on('pageerror', (e) => panelErrors.push(e.message));
  await waitForSimulatorFrames(panel, sim);
  await panel.locator('.vlist').evaluate((el) => (el.scrollTop = 0));
  await expect(panel.locator('.vrow', { hasText: '<img src=x onerror=alert(1)>' }).first()).toBeVisible();
  // Scroll through everything so every row is rendered at least once.
  await panel.locator('.vlist').evaluate(async (el) => {
    for (let top = 0; top <= el.scrollHeight; top += el.clientHeight) {
      el.scrollTop = top;
      await new Promise((r) => requestAnimationFrame(r));
    }
  });
  expect(await panel.locator('.frame-log img, .frame-log script, .frame-log iframe').count()).toBe(0);
  expect(dialogs).toEqual([]);
  expect(panelErrors).toEqual([]);
  const frames = await panelFrames(panel);
  expect(frames.some((f) => f.kind === 'binary')).toBe(true);
  expect(Math.max(...frames.map((f) => f.size))).toBeGreaterThan(100_000);
});

const IFRAME_PAGE = `<!doctype html><meta charset="utf-8"><title>iframe socket</title><body><script>
  window.results = { received: 0 };
  fetch(SIM_ORIGIN + '/v1/notification/subscribe', { method: 'POST', body: '{}' }).then((r) => r.json()).then(({ body }) => {
    // The same-origin about:blank frame's own WebSocket, taken before any other script could run there.
    const frame = document.createElement('iframe');
    document.body.appendChild(frame);
    const FrameWebSocket = frame.contentWindow.WebSocket;
    results.separateRealm = FrameWebSocket !== WebSocket;
    const ws = new FrameWebSocket(body.webSocketUrl);
    ws.onmessage = () => { results.received++; };
    ws.onopen = () => ws.send('from-the-iframe');
  });
</script>`;

test('a socket made with an about:blank iframe’s WebSocket is captured too', async () => {
  sim = await startSimulator({ speed: 0, keepaliveMs: 60_000 });
  const browser = await launchWithExtension();
  browsers.push(browser);
  const page = await browser.context.newPage();
  const served = await servePage(IFRAME_PAGE.replace('SIM_ORIGIN', JSON.stringify(sim.origin)));
  cleanups.push(served.close);
  await page.goto(served.url);
  await sim.onIdle();
  await expect.poll(() => sim.received()).toEqual(['from-the-iframe']);
  expect(
    await page.evaluate(() => (window as unknown as { results: { separateRealm: boolean } }).results),
  ).toMatchObject({ separateRealm: true });

  const panel = await showFrames(await browser.openPanel(await browser.tabIdOf(page)));
  const expected = sim.sentLog().length; // Welcome and the scenario's frames
  // The frame counter also counts the page's own frames (its load, the subscribe call): wait for
  // the socket's inbound messages themselves.
  const inbound = async () =>
    (await panelFrames(panel)).filter((f) => f.socket === 'ws-1' && f.dir === 'in' && f.kind === 'text').length;
  await expect.poll(inbound, { timeout: 20_000 }).toBe(expected);
  const socket = (await panelFrames(panel)).filter((f) => f.socket === 'ws-1');
  expect(socket[0]).toMatchObject({ kind: 'open', url: expect.stringContaining('/v1/notification/subscription/') });
  expect(socket.filter((f) => f.dir === 'out').map((f) => f.data)).toEqual(['from-the-iframe']);
});
