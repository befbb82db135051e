// A stand-in for the WxCC notification service plus a page that uses it the way the
// Agent Desktop does (protocol doc §1): REST subscribe -> webSocketUrl -> Welcome ->
// keepalives -> notification frames. One HTTP server carries the pages, the REST
// call and the websocket upgrades, so the extension sees a single origin.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { Player, type Sink } from './player.ts';
import { loadScenario, parseScenario, ScenarioError, type DropSpec, type Scenario } from './scenario.ts';
import { attachHarness } from './harness.ts';
import { MockApi, type ApiAnswer, type MockApiCall } from './mock-api.ts';

export { SIM_AUTH_TOKEN, type ApiAnswer, type MockApiCall } from './mock-api.ts';

export type { Scenario } from './scenario.ts';

export interface SimOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Server->client {"keepalive":"true"} period. Default 4000. */
  keepaliveMs?: number;
  /** Scenario name (file in test/fixtures/scenarios without .json) or a scenario object. Default "inbound-hold-resume". */
  scenario?: string | Scenario;
  /** Start again (with fresh interaction ids) after the last step. */
  loop?: boolean;
  /** Multiplier on step delays: 1 = scripted timings, 0 = as fast as possible. Default 1. */
  speed?: number;
  /** Shift epoch-ms fields so each pass looks current. Default: same as `loop`. */
  rebaseTime?: boolean;
  /** Pause between loop passes in ms (scaled by speed). Default 1000. */
  loopGapMs?: number;
  /**
   * Embedded mode: also serve the pages on this other local address (same port), a "CRM" origin
   * whose crm.html embeds the desktop as a cross-origin iframe. Linux routes all of 127/8.
   */
  crmHost?: string;
}

export interface Subscription {
  id: string;
  /** Parsed JSON body of the subscribe POST (undefined when it was not JSON). */
  body: unknown;
  at: number;
}

export interface SentRecord {
  connection: number;
  /** "welcome" | "keepalive" | "step" | "inject" */
  kind: string;
  data: string | Buffer;
}

export interface Simulator {
  /** http://HOST:PORT */
  origin: string;
  /** The desktop page. Append ?scenario=NAME&keepalive=MS&reconnectMs=MS as needed. */
  pageUrl: string;
  /** The websocket identity harness page (append ?binaryType=arraybuffer|blob). */
  harnessUrl: string;
  /** With `crmHost`: the CRM page on that other origin embedding `desktopUrl` in an iframe. */
  crmUrl(desktopUrl: string): string;
  close(): Promise<void>;
  /** Open notification sockets. */
  connections(): number;
  /** Notification sockets accepted since start (including closed ones). */
  totalConnections(): number;
  /** Close every notification socket: 1006 (default) terminates abruptly, anything else sends a close frame. */
  dropAll(code?: number, reason?: string): void;
  /** Frames sent on notification sockets (Welcome, keepalives, steps, injections). */
  sent(): number;
  /** The last 10 000 sent frames, oldest first. */
  sentLog(): SentRecord[];
  /** Frames received from pages, as text (binary frames as "binary:<hex>"). */
  received(): string[];
  /** Messages pages sent to the /harness socket. */
  harnessReceived(): string[];
  /** Every subscribe POST so far: lets tests assert that nobody but the page subscribed. */
  subscriptions(): Subscription[];
  /** Resolves when the scenario has played to the end (with loop: at the end of each pass). */
  onIdle(): Promise<void>;
  /** Resolves once `n` notification sockets have been accepted in total. */
  waitForConnections(n: number, timeoutMs?: number): Promise<void>;
  /** Send an extra frame to the current connection (objects are JSON.stringify'd). */
  inject(frame: unknown): void;
  /** Switch scenario (or replay the current one) from step 0. */
  play(scenario?: string | Scenario): void;
  /** The mock WxCC REST API: how `op` (`hold`, `record/pause`, `session/state`…) answers from now on. */
  api(op: string, answer: ApiAnswer | undefined): void;
  /** Every call the mock REST API received, with the headers the page sent. */
  apiCalls(): MockApiCall[];
  /** Name of the scenario being played and where playback is. */
  status(): { scenario: string; pass: number; step: number; of: number; connections: number };
}

const DEFAULT_SCENARIO = 'inbound-hold-resume';
const SUBSCRIBE_PATH = '/v1/notification/subscribe';
const SUBSCRIPTION_PATH = /^\/v1\/notification\/subscription\/([A-Za-z0-9_-]{1,200})$/;
const KEEPALIVE = '{"keepalive":"true"}';
const MAX_BODY = 64 * 1024;
const MAX_LOG = 10_000;

const STATIC: Record<string, { file: string; type: string }> = {
  '/': { file: 'desktop.html', type: 'text/html; charset=utf-8' },
  '/desktop.html': { file: 'desktop.html', type: 'text/html; charset=utf-8' },
  '/desktop.js': { file: 'desktop.js', type: 'text/javascript; charset=utf-8' },
  '/desktop-worker.js': { file: 'desktop-worker.js', type: 'text/javascript; charset=utf-8' },
  '/crm.html': { file: 'crm.html', type: 'text/html; charset=utf-8' },
  '/worker-harness.html': { file: 'worker-harness.html', type: 'text/html; charset=utf-8' },
  '/worker-harness.js': { file: 'worker-harness.js', type: 'text/javascript; charset=utf-8' },
  '/worker-harness-worker.js': { file: 'worker-harness-worker.js', type: 'text/javascript; charset=utf-8' },
  '/worker-harness-shared.js': { file: 'worker-harness-shared.js', type: 'text/javascript; charset=utf-8' },
  '/harness.html': { file: 'harness.html', type: 'text/html; charset=utf-8' },
  '/harness.js': { file: 'harness.js', type: 'text/javascript; charset=utf-8' },
  '/http-harness.html': { file: 'http-harness.html', type: 'text/html; charset=utf-8' },
  '/http-harness.js': { file: 'http-harness.js', type: 'text/javascript; charset=utf-8' },
};

function resolveScenario(s: string | Scenario | undefined): Scenario {
  if (s === undefined) return loadScenario(DEFAULT_SCENARIO);
  return typeof s === 'string' ? loadScenario(s) : parseScenario(s);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'access-control-allow-origin': '*',
  });
  res.end(text);
}

// The URL handed out should point back at whatever host the page used (127.0.0.1,
// localhost, a test alias), but only if it looks like a host and nothing else.
function publicHost(req: IncomingMessage, fallback: string): string {
  const h = req.headers.host;
  return h && /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-fA-F:.]+\](:\d{1,5})?$/.test(h) ? h : fallback;
}

function rejectUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startSimulator(opts: SimOptions = {}): Promise<Simulator> {
  const host = opts.host ?? '127.0.0.1';
  const keepaliveMs = opts.keepaliveMs ?? 4000;
  const loop = opts.loop ?? false;
  const player = new Player(resolveScenario(opts.scenario), {
    speed: opts.speed ?? 1,
    loop,
    rebaseTime: opts.rebaseTime ?? loop,
    loopGapMs: opts.loopGapMs,
  });

  const subs: Subscription[] = [];
  const received: string[] = [];
  const log: SentRecord[] = [];
  let sentCount = 0;
  let connSeq = 0;
  const open = new Map<WebSocket, { id: number; sink: Sink; keepalive: ReturnType<typeof setInterval> }>();
  let current: WebSocket | undefined;
  const connWaiters: Array<{ n: number; resolve(): void }> = [];

  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const harness = attachHarness();

  function record(id: number, kind: string, data: string | Buffer): void {
    sentCount++;
    log.push({ connection: id, kind, data });
    if (log.length > MAX_LOG) log.splice(0, log.length - MAX_LOG);
  }

  function sendOn(ws: WebSocket, id: number, kind: string, data: string | Buffer): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    ws.send(data, { binary: typeof data !== 'string' });
    record(id, kind, data);
    if (kind === 'step' || kind === 'inject') rememberSnapshot(data);
  }

  // The mock REST API builds its result events on the interaction as the socket last showed it.
  const snapshots = new Map<string, Record<string, unknown>>();
  function rememberSnapshot(data: string | Buffer): void {
    if (typeof data !== 'string' || !data.includes('"interaction"')) return;
    try {
      const frame = JSON.parse(data) as { data?: { interactionId?: unknown; interaction?: unknown } };
      const id = frame.data?.interactionId;
      const interaction = frame.data?.interaction;
      if (typeof id === 'string' && typeof interaction === 'object' && interaction !== null)
        snapshots.set(id, interaction as Record<string, unknown>);
    } catch {
      // Hostile scenarios send anything: not a snapshot.
    }
  }

  const mockApi = new MockApi({
    agentId: () => player.agentId,
    scenarioAnswers: () => player.api,
    inject: (frame) => {
      const ws = current;
      const meta = ws && open.get(ws);
      if (!ws || !meta) return false;
      sendOn(ws, meta.id, 'inject', JSON.stringify(frame));
      return true;
    },
    snapshot: (id) => snapshots.get(id),
    schedule: (fn, ms) => {
      setTimeout(fn, ms);
    },
  });

  async function handleApi(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const text = await readBody(req);
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    const answer = mockApi.handle(req.method ?? 'POST', path, body, { ...req.headers });
    const trackingId = req.headers['trackingid'];
    setTimeout(() => {
      if (answer.status === 0) {
        req.socket.destroy();
        return;
      }
      const headers: Record<string, string> = { 'cache-control': 'no-store' };
      if (typeof trackingId === 'string') headers['trackingid'] = trackingId;
      if (answer.body) {
        const json = JSON.stringify(answer.body);
        res.writeHead(answer.status, {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(json)),
        });
        res.end(json);
      } else {
        res.writeHead(answer.status, headers);
        res.end();
      }
    }, answer.delayMs);
  }

  function dropSocket(ws: WebSocket, spec: DropSpec): void {
    const code = spec.code ?? 1006;
    // 1006 cannot be sent in a close frame; the browser reports it when the TCP
    // connection just goes away, which is what terminate() does.
    if (code === 1006) ws.terminate();
    else ws.close(code, spec.reason ?? '');
  }

  function onNotificationSocket(ws: WebSocket): void {
    const id = ++connSeq;
    const sink: Sink = {
      send: (data) => sendOn(ws, id, 'step', data),
      drop: (spec) => dropSocket(ws, spec),
    };
    const keepalive = setInterval(() => sendOn(ws, id, 'keepalive', KEEPALIVE), keepaliveMs);
    open.set(ws, { id, sink, keepalive });
    ws.on('message', (data: RawData, isBinary: boolean) => {
      const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      received.push(isBinary ? `binary:${buf.toString('hex')}` : buf.toString('utf8'));
      if (received.length > MAX_LOG) received.splice(0, received.length - MAX_LOG);
    });
    ws.on('close', () => {
      clearInterval(keepalive);
      open.delete(ws);
      player.detach(sink);
      if (current === ws) current = undefined;
    });
    ws.on('error', () => {
      /* a reset from the page is normal during drop tests */
    });

    sendOn(ws, id, 'welcome', JSON.stringify({ type: 'Welcome', data: { agentId: player.agentId } }));
    current = ws;
    player.attach(sink);
    for (const w of connWaiters.splice(0)) {
      if (connSeq >= w.n) w.resolve();
      else connWaiters.push(w);
    }
  }

  async function handleSubscribe(req: IncomingMessage, res: ServerResponse, url: URL, addr: string): Promise<void> {
    const text = await readBody(req);
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    // The page passes ?scenario= on its first subscribe only, so a reload restarts the
    // script while a reconnect after a drop carries on.
    const wanted = url.searchParams.get('scenario');
    if (wanted) {
      try {
        player.load(loadScenario(wanted));
      } catch (err) {
        sendJson(res, 400, { statusCode: 400, message: err instanceof ScenarioError ? err.message : 'bad scenario' });
        return;
      }
    }
    const id = `AgentDesktop-${randomUUID()}`;
    subs.push({ id, body, at: Date.now() });
    sendJson(res, 200, {
      statusCode: 200,
      body: { webSocketUrl: `ws://${publicHost(req, addr)}/v1/notification/subscription/${id}`, subscriptionId: id },
      message: 'success',
    });
  }

  async function serveStatic(res: ServerResponse, file: string, type: string): Promise<void> {
    const content = await readFile(new URL(`./${file}`, import.meta.url));
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(content);
  }

  let hostPort = '';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sim.invalid');
    const route = async (): Promise<void> => {
      if (url.pathname === SUBSCRIBE_PATH && req.method === 'POST') return handleSubscribe(req, res, url, hostPort);
      if (mockApi.matches(req.method ?? '', url.pathname)) return handleApi(req, res, url.pathname);
      if (url.pathname === SUBSCRIBE_PATH && req.method === 'OPTIONS') {
        res.writeHead(204, {
          'access-control-allow-origin': '*',
          'access-control-allow-methods': 'POST',
          'access-control-allow-headers': 'content-type, authorization',
        });
        res.end();
        return;
      }
      const entry = STATIC[url.pathname];
      if (entry && (req.method === 'GET' || req.method === 'HEAD')) return serveStatic(res, entry.file, entry.type);
      if (url.pathname === '/sim/status' && req.method === 'GET') return sendJson(res, 200, api.status());
      if (url.pathname === '/favicon.ico') {
        // Keeps "failed to load resource" out of console-error assertions in page tests.
        res.writeHead(204, { 'cache-control': 'max-age=3600' });
        res.end();
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    };
    route().catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://sim.invalid').pathname;
    socket.on('error', () => {
      /* peer went away mid-handshake */
    });
    if (SUBSCRIPTION_PATH.test(path)) {
      wss.handleUpgrade(req, socket, head, (ws) => onNotificationSocket(ws));
    } else if (path === '/harness') {
      harness.handleUpgrade(req, socket, head);
    } else {
      rejectUpgrade(socket, 404, 'Not Found');
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  hostPort = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  // The CRM origin answers with the same handler: only crm.html is meant to be loaded from it.
  const crmServer = opts.crmHost ? createServer((req, res) => server.emit('request', req, res)) : undefined;
  if (crmServer) {
    await new Promise<void>((resolve, reject) => {
      crmServer.once('error', reject);
      crmServer.listen(port, opts.crmHost, () => resolve());
    });
  }
  const origin = `http://${hostPort}`;

  let closing: Promise<void> | undefined;
  const api: Simulator = {
    origin,
    pageUrl: `${origin}/desktop.html`,
    harnessUrl: `${origin}/harness.html`,
    crmUrl(desktopUrl) {
      if (!opts.crmHost) throw new Error('start the simulator with crmHost for the embedded mode');
      return `http://${opts.crmHost}:${port}/crm.html?desktop=${encodeURIComponent(desktopUrl)}`;
    },
    close() {
      closing ??= (async () => {
        player.close();
        for (const { keepalive } of open.values()) clearInterval(keepalive);
        for (const ws of wss.clients) ws.terminate();
        harness.close();
        wss.close();
        server.closeAllConnections();
        crmServer?.closeAllConnections();
        if (crmServer) await new Promise<void>((resolve) => crmServer.close(() => resolve()));
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closing;
    },
    connections: () => open.size,
    totalConnections: () => connSeq,
    dropAll(code = 1006, reason = '') {
      for (const ws of [...open.keys()]) dropSocket(ws, { code, reason });
    },
    sent: () => sentCount,
    sentLog: () => log.slice(),
    received: () => received.slice(),
    harnessReceived: () => harness.received(),
    subscriptions: () => subs.map((s) => ({ ...s })),
    onIdle: () => player.onIdle(),
    waitForConnections(n, timeoutMs = 10_000) {
      if (connSeq >= n) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const t = setTimeout(
          () => reject(new Error(`timed out waiting for ${n} connections (have ${connSeq})`)),
          timeoutMs,
        );
        connWaiters.push({
          n,
          resolve: () => {
            clearTimeout(t);
            resolve();
          },
        });
      });
    },
    inject(frame) {
      const ws = current;
      const meta = ws && open.get(ws);
      if (!ws || !meta) throw new Error('no open notification connection');
      const data = typeof frame === 'string' || Buffer.isBuffer(frame) ? frame : JSON.stringify(frame);
      sendOn(ws, meta.id, 'inject', data);
    },
    play(scenario) {
      if (scenario === undefined) player.restart();
      else player.load(resolveScenario(scenario));
    },
    status: () => ({ scenario: player.name, ...player.position, connections: open.size }),
    api: (op, answer) => mockApi.set(op, answer),
    apiCalls: () => mockApi.calls.slice(),
  };
  return api;
}
