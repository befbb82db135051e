// Worker mode in Firefox: the simulated desktop's socket lives in a dedicated worker (protocol doc
// §10.8); the MAIN-world worker tap relays every message, and the panel reads the socket from them.
import { expect, test } from '@playwright/test';
import type { Frame } from '../../src/frame/frame';
import { startSimulator, type Simulator } from '../sim/server';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from './firefox';

test('worker mode in Firefox: every relayed frame reaches the panel through the worker tap', async () => {
  test.setTimeout(60_000);
  let sim: Simulator | undefined;
  let ff: FirefoxWithExtension | undefined;
  try {
    sim = await startSimulator({ port: 0, scenario: 'inbound-hold-resume', keepaliveMs: 1000, speed: 0.25 });
    ff = await launchFirefoxWithExtension();
    const pageUrl = `${sim.pageUrl}?mode=worker&keepalive=1000`;
    const page = await ff.newPage(pageUrl);
    await sim.waitForConnections(1);
    await sim.onIdle();
    const notifications = sim
      .sentLog()
      .map((r) => String(r.data))
      .filter((d) => d !== '{"keepalive":"true"}');
    expect(notifications.length).toBeGreaterThan(5);

    const panel = await ff.openPanel(await ff.tabIdOf(pageUrl));
    const read = () =>
      panel.evaluate(() => {
        const frames = (window as unknown as { wxccInspector: { frames(): Frame[] } }).wxccInspector.frames();
        const relayed: string[] = [];
        for (const f of frames) {
          if (f.channel !== 'worker' || f.kind !== 'text' || f.dir !== 'in') continue;
          const message = JSON.parse(f.data ?? 'null');
          if (message?.type === 'websocket_message_received') relayed.push(message.data.message);
        }
        const status = document.querySelector('.statusbar')?.textContent ?? '';
        return { frames, relayed, status, interactions: document.querySelectorAll('[data-interaction]').length };
      });
    let last: Awaited<ReturnType<typeof read>> | undefined;
    await expect
      .poll(
        async () => {
          last = await read();
          return last.relayed.length;
        },
        { timeout: 20_000 },
      )
      .toBe(notifications.length);
    expect(last!.relayed).toEqual(notifications);
    const seqs = last!.frames.map((f) => f.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(last!.frames.find((f) => f.kind === 'open' && f.channel === 'worker')?.url).toMatch(/desktop-worker\.js$/);
    expect(JSON.stringify(last!.frames)).not.toContain('sim-access-token');
    await expect.poll(async () => (await read()).status, { timeout: 10_000 }).toContain('worker-1/ws-1');
    const desktop = await page.evaluate(() => (window as unknown as { __desktop: { events: string[] } }).__desktop);
    expect(desktop.events).toContain('AgentContactAssigned');
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
