// Smoke test of the real DevTools panel: Chromium opens DevTools for every tab
// (--auto-open-devtools-for-tabs), we drive the DevTools front-end over CDP to show the
// extension's "WxCC" panel, then check the panel's own page (an out-of-process iframe
// target) shows the simulator's frames. It relies on DevTools internals
// (ui/legacy/legacy.js → InspectorView), so it stays a single test with step-labelled errors.
import { expect, test } from '@playwright/test';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import WebSocket from 'ws';
import { startSimulator, type Simulator } from '../sim/server.ts';
import { launchWithExtension, type ExtensionBrowser } from './extension.ts';

const SCREENSHOT = path.resolve('test-results/devtools-panel.png');
const PANEL_TITLE = 'WxCC';

interface TargetInfo {
  id: string;
  type: string;
  title: string;
  url: string;
  webSocketDebuggerUrl?: string;
}

/** Minimal flat-session CDP client over the browser endpoint (DevTools targets are invisible to Playwright). */
class Cdp {
  private nextId = 1;
  private pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void; method: string }>();

  private constructor(private ws: WebSocket) {
    ws.on('message', (raw) => {
      const msg = JSON.parse(raw.toString()) as { id?: number; result?: unknown; error?: { message: string } };
      if (msg.id === undefined) return;
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(`${p.method}: ${msg.error.message}`));
      else p.resolve(msg.result);
    });
    ws.on('close', () => {
      for (const p of this.pending.values()) p.reject(new Error(`${p.method}: CDP connection closed`));
      this.pending.clear();
    });
  }

  static connect(url: string): Promise<Cdp> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
      ws.once('open', () => resolve(new Cdp(ws)));
      ws.once('error', reject);
    });
  }

  send<T = unknown>(method: string, params: object = {}, sessionId?: string, timeoutMs = 10_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        method,
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  }

  async attach(targetId: string): Promise<string> {
    const { sessionId } = await this.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
    return sessionId;
  }

  /** Evaluates in the session's main world, awaiting promises; returns the JSON value or throws the page's exception. */
  async evaluate<T>(sessionId: string, expression: string): Promise<T> {
    const r = await this.send<{
      result: { value?: T };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    }>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId);
    if (r.exceptionDetails) {
      throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    }
    return r.result.value as T;
  }

  close(): void {
    this.ws.terminate();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Plain helpers (not inline literals) so TypeScript doesn't widen T with `undefined`.
type Probe<T> = { ok: T } | { seen: string };
const found = <T>(ok: T): Probe<T> => ({ ok });
const notYet = (seen: string): Probe<never> => ({ seen });

/** Retries `probe` until it reports `found`; on timeout the error names the step and what was last seen. */
async function poll<T>(step: string, timeoutMs: number, probe: () => Promise<Probe<T>>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let seen = 'nothing yet';
  for (;;) {
    try {
      const r = await probe();
      if ('ok' in r) return r.ok;
      seen = r.seen;
    } catch (err) {
      seen = `error: ${err instanceof Error ? err.message : String(err)}`;
    }
    if (Date.now() > deadline) throw new Error(`[${step}] timed out after ${timeoutMs} ms; last seen: ${seen}`);
    await sleep(200);
  }
}

async function listTargets(port: number): Promise<TargetInfo[]> {
  const res = await fetch(`http://127.0.0.1:${port}/json/list`);
  if (!res.ok) throw new Error(`/json/list answered ${res.status}`);
  return (await res.json()) as TargetInfo[];
}

const describeTargets = (ts: TargetInfo[]) => ts.map((t) => `${t.type} ${t.url}`).join(' | ') || '(none)';

test('the real DevTools "WxCC" panel shows the simulator frames', async () => {
  // Above its stages' waits (115 s in all), so a stage that runs out names itself.
  test.setTimeout(150_000);
  const t0 = Date.now();
  const mark = (what: string) => console.log(`[devtools-smoke] +${Date.now() - t0} ms ${what}`);
  let ext: ExtensionBrowser | undefined;
  let sim: Simulator | undefined;
  let cdp: Cdp | undefined;
  try {
    // 1. Chromium with the extension, DevTools auto-opened and an HTTP debugging port.
    ext = await launchWithExtension({ args: ['--auto-open-devtools-for-tabs', '--remote-debugging-port=0'] });
    const userDataDir = ext.userDataDir;
    const port = await poll('1: read DevToolsActivePort', 10_000, async () => {
      const text = await readFile(path.join(userDataDir, 'DevToolsActivePort'), 'utf8');
      const n = Number(text.split('\n')[0]);
      return Number.isInteger(n) && n > 0 ? found(n) : notYet(JSON.stringify(text));
    });
    const version = (await (await fetch(`http://127.0.0.1:${port}/json/version`)).json()) as {
      webSocketDebuggerUrl: string;
    };
    cdp = await Cdp.connect(version.webSocketDebuggerUrl);
    mark(`browser up, extension ${ext.extensionId}, debugging port ${port}`);

    // 2. The simulated agent desktop in the first tab (DevTools is already open for it).
    sim = await startSimulator({ port: 0, scenario: 'inbound-hold-resume' });
    const page = ext.context.pages()[0] ?? (await ext.context.newPage());
    await page.goto(sim.pageUrl);
    await sim.waitForConnections(1, 15_000).catch((err: Error) => {
      throw new Error(`[2: simulator page] the page never opened its notification socket: ${err.message}`);
    });
    mark(`simulator page loaded: ${sim.pageUrl}`);

    // 3. The DevTools front-end inspecting that tab, with the WxCC panel registered.
    const simOrigin = sim.origin;
    const frontEnd = await poll('3: find the DevTools front-end for the simulator tab', 20_000, async () => {
      const targets = await listTargets(port);
      const fronts = targets.filter((t) => t.url.startsWith('devtools://devtools/'));
      const seen: string[] = [];
      for (const t of fronts) {
        const sessionId = await cdp!.attach(t.id);
        const inspected = await cdp!
          .evaluate<string | null>(
            sessionId,
            `(async () => {
             const SDK = await import('./core/sdk/sdk.js');
             return SDK.TargetManager.TargetManager.instance().primaryPageTarget()?.inspectedURL() ?? null;
           })()`,
          )
          .catch((err: Error) => `error ${err.message}`);
        if (typeof inspected === 'string' && inspected.startsWith(simOrigin)) return found({ target: t, sessionId });
        seen.push(`${t.url.slice(0, 60)}… inspects ${inspected}`);
        await cdp!.send('Target.detachFromTarget', { sessionId }).catch(() => {});
      }
      return notYet(`front-ends: [${seen.join('; ')}]; all targets: ${describeTargets(targets)}`);
    });
    mark(`front-end target ${frontEnd.target.id} (${frontEnd.target.type}) ${frontEnd.target.url.slice(0, 80)}`);

    const panelId = await poll(`3: wait for a DevTools panel id ending with "${PANEL_TITLE}"`, 20_000, async () => {
      const ids = await cdp!.evaluate<string[] | null>(
        frontEnd.sessionId,
        `(async () => {
           const { InspectorView } = await import('./ui/legacy/legacy.js');
           const view = InspectorView.InspectorView.maybeGetInspectorViewInstance?.();
           return view ? view.tabbedPane.tabIds() : null;
         })()`,
      );
      if (!ids) return notYet('InspectorView not created yet');
      const match = ids.find((id) => id.endsWith(PANEL_TITLE));
      return match ? found(match) : notYet(`registered panel ids: ${ids.join(', ')}`);
    });
    mark(`panel id ${panelId}`);

    await cdp
      .evaluate(
        frontEnd.sessionId,
        `(async () => {
         const { InspectorView } = await import('./ui/legacy/legacy.js');
         await InspectorView.InspectorView.instance().showPanel(${JSON.stringify(panelId)});
       })()`,
      )
      .catch((err: Error) => {
        throw new Error(`[3: showPanel(${panelId})] ${err.message}`);
      });
    mark('showPanel done');

    // 4. The panel page appears as its own target; assert through it.
    const panelPrefix = `chrome-extension://${ext.extensionId}/devtools-panel.html`;
    const panelTarget = await poll('4: wait for the devtools-panel.html target', 15_000, async () => {
      const targets = await listTargets(port);
      const t = targets.find((x) => x.url.startsWith(panelPrefix));
      return t ? found(t) : notYet(describeTargets(targets));
    });
    const panelSession = await cdp.attach(panelTarget.id);
    mark(`panel target ${panelTarget.id} (${panelTarget.type}) ${panelTarget.url}`);

    const state = await poll('4: frames in the DevTools panel', 20_000, async () => {
      const s = await cdp!.evaluate<{ frames: string | null; rows: string[]; inspected: number | null; text: string }>(
        panelSession,
        // The panel opens on Interactions: switch to the Frames tab as a person would.
        `([...document.querySelectorAll('[role=tab]')].find((t) => t.textContent.startsWith('Frames'))?.click(), {
           frames: document.querySelector('[data-counter=frames] .counter-value')?.textContent ?? null,
           rows: [...document.querySelectorAll('.vrow .frame[data-seq] .c-data')].map((e) => e.textContent),
           inspected: globalThis.chrome?.devtools?.inspectedWindow?.tabId ?? null,
           text: document.body.innerText.slice(0, 200),
         })`,
      );
      const frames = Number(s.frames);
      if (frames > 0 && s.rows.some((r) => r.includes('Welcome'))) return found({ ...s, frames });
      return notYet(
        `frames counter=${s.frames}, ${s.rows.length} rows [${s.rows.slice(0, 3).join(' / ')}], inspected tab=${s.inspected}, body="${s.text}"`,
      );
    });
    expect(state.frames).toBeGreaterThan(0);
    expect(state.rows.some((r) => r.includes('Welcome'))).toBe(true);
    expect(state.inspected, 'the panel runs inside DevTools (chrome.devtools.inspectedWindow.tabId)').toBe(
      await ext.tabIdOf(page),
    );
    mark(`panel shows ${state.frames} frames, ${state.rows.length} rows`);

    // 5. Screenshot of the DevTools window with the panel shown. DevTools is docked, so its
    // window also holds the (separately rendered, here blank) page area: clip to DevTools itself.
    const rect = await cdp
      .evaluate<{ x: number; y: number; width: number; height: number } | null>(
        frontEnd.sessionId,
        `(async () => {
           const { InspectorView } = await import('./ui/legacy/legacy.js');
           const r = InspectorView.InspectorView.instance().element.getBoundingClientRect();
           return r.width > 0 && r.height > 0 ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;
         })()`,
      )
      .catch(() => null);
    const shot = await cdp
      .send<{ data: string }>(
        'Page.captureScreenshot',
        { format: 'png', ...(rect ? { clip: { ...rect, scale: 1 } } : {}) },
        frontEnd.sessionId,
        15_000,
      )
      .catch((err: Error) => {
        throw new Error(`[5: screenshot of the DevTools front-end] ${err.message}`);
      });
    await mkdir(path.dirname(SCREENSHOT), { recursive: true });
    await writeFile(SCREENSHOT, Buffer.from(shot.data, 'base64'));
    mark(`screenshot ${SCREENSHOT}`);
  } finally {
    cdp?.close();
    await sim?.close().catch(() => {});
    await ext?.close().catch(() => {});
  }
});
