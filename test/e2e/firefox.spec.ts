// The capture path end to end in Firefox: simulated agent desktop → MAIN-world interceptor →
// ISOLATED relay → background hub → panel page. Driven by puppeteer-core over WebDriver BiDi
// (see firefox.ts); run `npm run build:test` first.
import { expect, test } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import { startSimulator, type Simulator } from '../sim/server';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from './firefox';
import { servePage } from './static-page';

const KEEPALIVE_MS = 1000;

interface PanelRow {
  seq: number;
  dir: string;
  kind: string;
  data: string;
  /** Inside the list's scrolled viewport. */
  inView: boolean;
}

test('frames from the simulated desktop reach the panel in Firefox', async () => {
  test.setTimeout(40_000);
  let sim: Simulator | undefined;
  let ff: FirefoxWithExtension | undefined;
  try {
    // speed 0.25: the ~4 s scenario plays in about one second.
    sim = await startSimulator({ port: 0, scenario: 'inbound-hold-resume', keepaliveMs: KEEPALIVE_MS, speed: 0.25 });
    ff = await launchFirefoxWithExtension();
    expect(ff.extensionId).toBe('wxcc-inspector@wxcc-inspector.dev');

    const pageUrl = `${sim.pageUrl}?keepalive=${KEEPALIVE_MS}`;
    const page = await ff.newPage(pageUrl);
    await sim.waitForConnections(1);
    await sim.onIdle();
    // Everything the page should have seen and said by now; keepalives keep coming afterwards.
    const sentIn = sim.sentLog().map((r) => String(r.data));
    const sentOut = sim.received();
    expect(sentIn.some((d) => d.includes('"Welcome"'))).toBe(true);
    expect(sentOut.length).toBeGreaterThan(0);

    const tabId = await ff.tabIdOf(pageUrl);
    const panel = await ff.openPanel(tabId);
    // Tall enough that the whole log fits: the list renders only the rows in view.
    await panel.setViewport({ width: 1280, height: 1200 });

    // The panel opens on Interactions: switch to the Frames tab as a person would.
    await panel.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[role=tab]')]
        .find((t) => t.textContent?.startsWith('Frames'))
        ?.click(),
    );
    const readPanel = () =>
      panel.evaluate(() => {
        const list = document.querySelector('.vlist')?.getBoundingClientRect();
        const rows = [...document.querySelectorAll<HTMLElement>('.vrow .frame[data-seq]')].map((el) => {
          const box = el.getBoundingClientRect();
          return {
            seq: Number(el.dataset.seq),
            dir: el.className.match(/\bdir-(\w+)/)?.[1] ?? '',
            kind: el.className.match(/\bkind-(\w+)/)?.[1] ?? '',
            data: el.querySelector('.c-data')?.textContent ?? '',
            inView: !!list && box.height > 0 && box.top >= list.top && box.bottom <= list.bottom,
          };
        });
        const counter = document.querySelector('[data-counter=frames] .counter-value')?.textContent ?? '';
        return { frames: Number(counter), rows };
      });

    // The panel shows at least as many of each distinct frame as the simulator sent / received
    // (compared on the 200-character preview the panel renders).
    const key = (dir: string, data: string): string => `${dir} ${data.slice(0, 200)}`;
    const tally = (keys: string[]): Map<string, number> => {
      const m = new Map<string, number>();
      for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
      return m;
    };
    const want = tally([...sentIn.map((d) => key('in', d)), ...sentOut.map((d) => key('out', d))]);
    const missing = (rows: PanelRow[]): string[] => {
      const have = tally(rows.filter((r) => r.kind === 'text').map((r) => key(r.dir, r.data)));
      return [...want].filter(([k, n]) => (have.get(k) ?? 0) < n).map(([k, n]) => `${n}× ${k.slice(0, 80)}`);
    };

    let last: Awaited<ReturnType<typeof readPanel>> | undefined;
    await expect
      .poll(
        async () => {
          last = await readPanel();
          return missing(last.rows);
        },
        { timeout: 10_000, message: 'every frame the simulator sent and received is a row in the panel' },
      )
      .toEqual([]);
    const { frames, rows } = last!;
    expect(frames).toBeGreaterThan(0);
    expect(frames).toBeGreaterThanOrEqual(sentIn.length + sentOut.length);

    const welcome = rows.find((r) => r.dir === 'in' && r.data.includes('"type":"Welcome"'));
    const assigned = rows.find((r) => r.dir === 'in' && r.data.includes('"type":"AgentContactAssigned"'));
    const keepaliveOut = rows.find((r) => r.dir === 'out' && r.data === '{"keepalive":"true"}');
    expect(welcome, 'Welcome row').toMatchObject({ kind: 'text', inView: true });
    expect(assigned, 'AgentContactAssigned row').toMatchObject({ kind: 'text', inView: true });
    expect(keepaliveOut, 'outbound keepalive row').toMatchObject({ kind: 'text', inView: true });
    expect(rows.some((r) => r.kind === 'open')).toBe(true);
    // Sequence numbers are per tab, assigned in the page: no duplicates.
    expect(new Set(rows.map((r) => r.seq)).size).toBe(rows.length);
    // The page itself still works: the interceptor must not change what it sees.
    const desktop = await page.evaluate(
      () => (window as unknown as { __desktop: { events: string[]; parseErrors: number } }).__desktop,
    );
    expect(desktop.events).toContain('AgentContactAssigned');
    expect(desktop.parseErrors).toBe(0);

    // The model runs in the panel's analysis worker, in Firefox too: the interaction is listed.
    await expect
      .poll(
        () =>
          panel.evaluate(
            () =>
              [...document.querySelectorAll<HTMLElement>('[role=tab]')]
                .find((t) => t.textContent?.startsWith('Interactions'))
                ?.textContent?.trim() ?? '',
          ),
        { timeout: 10_000, message: 'the analysis worker found the interaction' },
      )
      .toMatch(/^Interactions\s*\([1-9]\d*\)$/);

    await mkdir('test-results', { recursive: true });
    await panel.screenshot({ path: 'test-results/firefox-panel.png' });
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

test('Firefox: the page sees the same WebSocket, toString, names and error stacks with and without the extension', async () => {
  test.setTimeout(60_000);
  const sim = await startSimulator({ keepaliveMs: 60_000 });
  const browsers: FirefoxWithExtension[] = [];
  const harness = async (ff: FirefoxWithExtension) => {
    const page = await ff.newPage(`${sim.harnessUrl}?binaryType=arraybuffer`);
    await page.waitForFunction(() => (window as { __harness?: { done: boolean } }).__harness?.done === true, {
      timeout: 20_000,
    });
    return page.evaluate(() => (window as unknown as { __harness: { events: { type: string }[] } }).__harness.events);
  };
  try {
    browsers.push(await launchFirefoxWithExtension({ withExtension: false }));
    const without = await harness(browsers[0]!);
    browsers.push(await launchFirefoxWithExtension());
    const withExt = await harness(browsers[1]!);
    // Known difference, in Firefox only: a scrubbed error carries `stack` as an own data property
    // (SpiderMonkey's is an accessor on the prototype, and only its setter can change the text).
    // Also left out: Firefox's async-cause frames (`setTimeout handler*fn@…`), which it records or
    // not per browser instance (a call without `new`, which no trap of ours sees, lost them too).
    const withoutShapes = (events: { type: string }[]) =>
      JSON.parse(
        JSON.stringify(events, (key, value) => {
          if (key === 'stackShape') return undefined;
          // puppeteer's own bindings (its ARIA query handler), which it adds to a page when it
          // gets to it: in either run or both, whatever the extension does.
          if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
            return value.filter((name: string) => !/^__(ariaQuerySelector|puppeteer)/.test(name));
          if (key === 'stack' && typeof value === 'string') {
            return value
              .split('\n')
              .filter((line) => !/^[^@]*\*[^@]*@/.test(line))
              .join('\n');
          }
          return value;
        }),
      );
    const stealth = (events: { type: string }[]) => events.find((e) => e.type === 'stealth');
    expect(stealth(without)).toMatchObject({ webSocketSource: 'function WebSocket() {\n    [native code]\n}' });
    expect(JSON.stringify(withExt)).not.toMatch(/<anonymous code>|moz-extension:|wxcc/);
    expect(withoutShapes(withExt)).toEqual(withoutShapes(without));
  } finally {
    for (const ff of browsers) await ff.close().catch(() => {});
    await sim.close();
  }
});

test('Firefox: a socket made with an about:blank iframe’s WebSocket is captured too', async () => {
  test.setTimeout(60_000);
  const sim = await startSimulator({ speed: 0, keepaliveMs: 60_000 });
  const served = await servePage(`<!doctype html><meta charset="utf-8"><body><script>
    fetch(${JSON.stringify(sim.origin)} + '/v1/notification/subscribe', { method: 'POST', body: '{}' })
      .then((r) => r.json())
      .then(({ body }) => {
        const frame = document.createElement('iframe');
        document.body.appendChild(frame);
        const ws = new frame.contentWindow.WebSocket(body.webSocketUrl);
        ws.onopen = () => ws.send('from-the-iframe');
      });
  </script>`);
  let ff: FirefoxWithExtension | undefined;
  try {
    ff = await launchFirefoxWithExtension();
    await ff.newPage(served.url);
    await sim.onIdle();
    await expect.poll(() => sim.received()).toEqual(['from-the-iframe']);
    const panel = await ff.openPanel(await ff.tabIdOf(served.url));
    const expected = sim.sentLog().length;
    const captured = () =>
      panel.evaluate(() =>
        (
          window as unknown as { wxccInspector: { frames(): { dir: string; kind: string; data?: string }[] } }
        ).wxccInspector
          .frames()
          .filter((f) => f.kind === 'text'),
      );
    await expect.poll(async () => (await captured()).length, { timeout: 15_000 }).toBe(expected + 1);
    expect((await captured()).filter((f) => f.dir === 'out').map((f) => f.data)).toEqual(['from-the-iframe']);
  } finally {
    await ff?.close().catch(() => {});
    await served.close();
    await sim.close();
  }
});
