/**
 * Chromium driven over bare CDP for the page-cost benchmark. Playwright and puppeteer both send
 * `Network.enable` to every page they attach to (for their request and websocket events), which
 * is exactly the DevTools Network recording the benchmark has to measure as its own arm: with
 * them every arm would pay it. Here a page gets only what its arm asks for.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { CHROME_EXTENSION_DIR, CHROMIUM_FLAGS, chromiumPath } from '../e2e/extension';

type Params = Record<string, unknown>;
interface Pending {
  resolve(value: Params): void;
  reject(error: Error): void;
}

export interface CdpSession {
  send<T = Params>(method: string, params?: Params): Promise<T>;
  /** Returns a function that removes the listener. */
  on(method: string, listener: (params: Params) => void): () => void;
}

export interface CdpBrowser {
  browser: CdpSession;
  /** Opens a tab on `url` and returns a session attached to it (nothing enabled). */
  newPage(url: string): Promise<{ session: CdpSession; targetId: string; close(): Promise<void> }>;
  /** A session on the extension's service worker. */
  serviceWorker(): Promise<CdpSession>;
  /** The session of a target attached with `flatten` (e.g. a worker auto-attached to a page). */
  sessionFor(sessionId: string): CdpSession;
  close(): Promise<void>;
}

export async function launchCdpBrowser(withExtension = true): Promise<CdpBrowser> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'wxcc-bench-'));
  const args = [
    ...CHROMIUM_FLAGS,
    '--headless',
    '--remote-debugging-port=0',
    `--user-data-dir=${userDataDir}`,
    '--window-size=1280,800',
  ];
  if (withExtension)
    args.push(`--disable-extensions-except=${CHROME_EXTENSION_DIR}`, `--load-extension=${CHROME_EXTENSION_DIR}`);
  args.push('about:blank');
  const child: ChildProcess = spawn(chromiumPath(), args, { stdio: 'ignore' });
  let port = '';
  for (let i = 0; i < 200 && !port; i++) {
    await new Promise((r) => setTimeout(r, 100));
    port = await readFile(path.join(userDataDir, 'DevToolsActivePort'), 'utf8')
      .then((text) => text.split('\n')[0]!)
      .catch(() => '');
  }
  if (!port) throw new Error('Chromium did not open its debugging port');
  const { webSocketDebuggerUrl } = (await (await fetch(`http://127.0.0.1:${port}/json/version`)).json()) as {
    webSocketDebuggerUrl: string;
  };
  const ws = new WebSocket(webSocketDebuggerUrl, { perMessageDeflate: false, maxPayload: 1 << 30 });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, ((params: Params) => void)[]>();
  ws.on('message', (raw) => {
    const message = JSON.parse(String(raw)) as {
      id?: number;
      sessionId?: string;
      method?: string;
      params?: Params;
      result?: Params;
      error?: { message: string };
    };
    if (message.id !== undefined) {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) waiter?.reject(new Error(message.error.message));
      else waiter?.resolve(message.result ?? {});
      return;
    }
    for (const listener of listeners.get(`${message.sessionId ?? ''}:${message.method}`) ?? [])
      listener(message.params ?? {});
  });
  const session = (sessionId?: string): CdpSession => ({
    send<T>(method: string, params: Params = {}) {
      const id = nextId++;
      ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
      return new Promise<T>((resolve, reject) => pending.set(id, { resolve: resolve as (v: Params) => void, reject }));
    },
    on(method, listener) {
      const key = `${sessionId ?? ''}:${method}`;
      listeners.set(key, [...(listeners.get(key) ?? []), listener]);
      return () =>
        listeners.set(
          key,
          (listeners.get(key) ?? []).filter((l) => l !== listener),
        );
    },
  });
  const browser = session();
  const attach = async (targetId: string) => {
    const { sessionId } = await browser.send<{ sessionId: string }>('Target.attachToTarget', {
      targetId,
      flatten: true,
    });
    return session(sessionId);
  };
  return {
    browser,
    async newPage(url) {
      const { targetId } = await browser.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
      const page = await attach(targetId);
      await page.send('Page.enable');
      const loaded = new Promise<void>((resolve) => page.on('Page.loadEventFired', () => resolve()));
      await page.send('Page.navigate', { url });
      await loaded;
      await page.send('Page.disable');
      return { session: page, targetId, close: () => browser.send('Target.closeTarget', { targetId }).then(() => {}) };
    },
    async serviceWorker() {
      for (let i = 0; i < 100; i++) {
        const { targetInfos } = await browser.send<{ targetInfos: { targetId: string; type: string; url: string }[] }>(
          'Target.getTargets',
        );
        const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
        if (sw) return attach(sw.targetId);
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('no extension service worker');
    },
    sessionFor: (sessionId) => session(sessionId),
    async close() {
      ws.close();
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      // Chromium's helper processes may still write into the profile after the browser exits
      // (a whole interceptor run was lost to ENOTEMPTY here): retried, as Node's rm allows.
      await rm(userDataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    },
  };
}

/** Evaluates an expression in the page's main world and returns its value (awaiting promises). */
export async function evaluate<T>(session: CdpSession, expression: string): Promise<T> {
  const { result, exceptionDetails } = await session.send<{
    result: { value?: unknown };
    exceptionDetails?: { text: string; exception?: { description?: string } };
  }>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
  return result.value as T;
}
