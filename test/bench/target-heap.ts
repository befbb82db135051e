/**
 * The JS heap of a page and of the dedicated workers it started (the panel and its analysis
 * worker), read over a second, bare CDP connection to a browser launched with
 * `--remote-debugging-port=0`: Playwright's own sessions cannot reach a dedicated worker's target.
 * Each target is garbage-collected first (`HeapProfiler.collectGarbage`), then
 * `Runtime.getHeapUsage` gives its used size. The page and its workers are separate V8 isolates
 * of one renderer process; in Chromium they share one pointer-compression cage (4 GB), so their
 * sum is what must stay small.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import WebSocket from 'ws';

export interface TargetHeaps {
  /** Used heap after a GC, MB (10^6 bytes). */
  pageMB: number;
  /** Each dedicated worker of the page, MB, in the order they were attached. */
  workersMB: number[];
}

/** Heaps of the page whose URL contains `urlPart` and of its workers. */
export async function targetHeaps(userDataDir: string, urlPart: string): Promise<TargetHeaps> {
  const [port, browserPath] = (await readFile(path.join(userDataDir, 'DevToolsActivePort'), 'utf8')).split('\n');
  const ws = new WebSocket(`ws://127.0.0.1:${port}${browserPath}`, { perMessageDeflate: false, maxPayload: 1 << 30 });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let nextId = 1;
  const waiting = new Map<number, (result: Record<string, unknown>) => void>();
  const workers: string[] = [];
  ws.on('message', (raw) => {
    const m = JSON.parse(String(raw)) as {
      id?: number;
      method?: string;
      result?: Record<string, unknown>;
      error?: unknown;
      params?: { sessionId: string; targetInfo: { type: string } };
    };
    if (m.id !== undefined) waiting.get(m.id)?.(m.result ?? { error: m.error });
    if (m.method === 'Target.attachedToTarget' && m.params?.targetInfo.type === 'worker')
      workers.push(m.params.sessionId);
  });
  const send = <T = Record<string, unknown>>(method: string, params: unknown = {}, sessionId?: string) =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve as (result: Record<string, unknown>) => void);
      ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  try {
    const { targetInfos } = await send<{ targetInfos: { targetId: string; type: string; url: string }[] }>(
      'Target.getTargets',
    );
    const page = targetInfos.find((t) => t.type === 'page' && t.url.includes(urlPart));
    if (!page) throw new Error(`no page target with ${urlPart}`);
    const { sessionId } = await send<{ sessionId: string }>('Target.attachToTarget', {
      targetId: page.targetId,
      flatten: true,
    });
    await send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: true }, sessionId);
    for (let i = 0; i < 20 && !workers.length; i++) await new Promise((r) => setTimeout(r, 100));
    const heap = async (session: string): Promise<number> => {
      await send('HeapProfiler.collectGarbage', {}, session);
      const { usedSize } = await send<{ usedSize: number }>('Runtime.getHeapUsage', {}, session);
      return usedSize / 1e6;
    };
    const pageMB = await heap(sessionId);
    const workersMB: number[] = [];
    for (const worker of workers) workersMB.push(await heap(worker));
    return { pageMB, workersMB };
  } finally {
    ws.close();
  }
}
