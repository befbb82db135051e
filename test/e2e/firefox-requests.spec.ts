// Requests in Firefox: the MAIN-world fetch/XHR tap captures the simulated desktop's REST call, and
// the panel shows it in the timeline joined to the websocket event that answered it (issue 12).
import { expect, test } from '@playwright/test';
import type { Frame } from '../../src/frame/frame';
import { SIM_AUTH_TOKEN, startSimulator, type Simulator } from '../sim/server';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from './firefox';

test('Firefox: a captured hold request is joined to its AgentContactHeld, both ways, with its latency', async () => {
  test.setTimeout(60_000);
  let sim: Simulator | undefined;
  let ff: FirefoxWithExtension | undefined;
  try {
    sim = await startSimulator({ port: 0, scenario: 'requests-hold-pause-state', keepaliveMs: 1000 });
    ff = await launchFirefoxWithExtension();
    const pageUrl = `${sim.pageUrl}?keepalive=1000`;
    const page = await ff.newPage(pageUrl);
    await sim.waitForConnections(1);
    await sim.onIdle();
    const hold = await page.evaluate(() =>
      (window as unknown as { __desktop: { api: Record<string, () => Promise<{ status: number }>> } }).__desktop.api[
        'hold'
      ]!(),
    );
    expect(hold.status).toBe(202);

    const panel = await ff.openPanel(await ff.tabIdOf(pageUrl));
    await panel.setViewport({ width: 1400, height: 800 });
    const read = () =>
      panel.evaluate(() => {
        const row = (selector: string) => {
          const el = document.querySelector<HTMLElement>(selector);
          return el ? { seq: Number(el.dataset.seq), className: el.className, text: el.textContent ?? '' } : null;
        };
        const facts = Object.fromEntries(
          [...document.querySelectorAll<HTMLElement>('.request-facts [data-fact]')].map((el) => [
            el.dataset.fact,
            el.querySelector('dd')?.textContent ?? '',
          ]),
        );
        const held = [...document.querySelectorAll<HTMLElement>('.timeline .event:not(.request-row)')].find((el) =>
          el.textContent?.includes('AgentContactHeld'),
        );
        return {
          request: row('.timeline .request-row'),
          held: held ? { seq: Number(held.dataset.seq), className: held.className } : null,
          facts,
          note: document.querySelector('.request-note')?.textContent ?? '',
        };
      });
    await expect
      .poll(async () => (await read()).request?.className ?? '', { timeout: 20_000 })
      .toContain('outcome-succeeded');
    expect((await read()).request!.text).toContain('POST …/hold');

    // Click the request row: its result is joined, the details say how long it took.
    await panel.click('.timeline .request-row');
    await expect.poll(async () => (await read()).held?.className ?? '', { timeout: 10_000 }).toContain('joined');
    const { request, held, facts } = await read();
    expect(facts['HTTP status']).toBe('202');
    const frames = await panel.evaluate(() =>
      (window as unknown as { wxccInspector: { frames(): Frame[] } }).wxccInspector.frames(),
    );
    const t = (seq: number) => frames.find((f) => f.seq === seq)!.t;
    const latency = t(held!.seq) - t(request!.seq);
    expect(facts['latencyMs (to the result event)']).toBe(`${Math.round(latency)} ms`);
    expect(JSON.stringify(frames)).not.toContain(SIM_AUTH_TOKEN);

    // Click the result: the request is joined, and the note names it.
    await panel.click(`.timeline .event[data-seq="${held!.seq}"]`);
    await expect.poll(async () => (await read()).request?.className ?? '', { timeout: 10_000 }).toContain('joined');
    expect((await read()).note).toMatch(
      new RegExp(`^Result of request #${request!.seq} \\(POST …/hold\\), ${Math.round(latency)} ms after the request`),
    );
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
