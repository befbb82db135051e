import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { Frame } from '../frame/frame';
import {
  harLeftOutOf,
  type HarLeftOut,
  NOTHING_LEFT_OUT,
  notReplayedSaid,
  readFramesFile,
  readFramesValue,
} from '../io';
import { FileJsonReader } from '../io/file-json';
import { bundlePageScript } from './bundle';
import { replayPageHtml } from './page-html';
import { buildReplayPlan, type PlanOptions, type ReplayPlan, type ReplayStep } from './plan';
import { REPLAY_MODES, ReplayPlayer, type ReplayMode, type ReplaySink } from './player';
import {
  answerStatus,
  type CapturedRequests,
  capturedRequests,
  type RequestMatcher,
  requestMatcherFor,
} from './requests';

/**
 * The local server behind `wxcc-inspector replay`: it serves the replay page (a simulated agent
 * desktop), answers the notification subscribe call and plays the capture into the notification
 * socket, answers the WxCC REST calls the page or the app under test makes, and serves the socket
 * shim for SDK apps. Loopback only by default: a capture holds customer data.
 */
export interface ReplayServerOptions {
  readonly port?: number;
  readonly host?: string;
  /** The capture's frames (or load one later: `load`, or POST /replay/load). */
  readonly frames?: readonly Frame[];
  /** A name for the page's title bar (the file name). */
  readonly name?: string;
  /** What the HAR `frames` came from held that they do not (the file's source says): the page says it is not replayed. */
  readonly lacks?: HarLeftOut;
  readonly mode?: ReplayMode;
  readonly speed?: number;
  /** Rewrite ids and shift times (see `PlanOptions`); `shiftToNow` sets `shiftMs` from the capture. */
  readonly plan?: Omit<PlanOptions, 'shiftMs'> & { readonly shiftToNow?: boolean };
  /** The developer's widget: an http(s) URL, or a path to a local file served as /replay/widget.js. */
  readonly widget?: string;
  /** Server keepalive period in ms (the service's is 4000, protocol doc §1.4). */
  readonly keepaliveMs?: number;
}

export interface ReplayServer {
  readonly origin: string;
  readonly pageUrl: string;
  readonly shimUrl: string;
  readonly player: () => ReplayPlayer;
  readonly plan: () => ReplayPlan;
  /** Replace the capture being replayed; returns the one-line error when the text is no capture. */
  load(text: string, name?: string): string | undefined;
  loadFrames(frames: readonly Frame[], name?: string, lacks?: HarLeftOut): void;
  /** Requests the app made, with the step each released (for tests and the page). */
  requests(): readonly ReplayRequest[];
  close(): Promise<void>;
}

export interface ReplayRequest {
  readonly method: string;
  readonly path: string;
  readonly at: number;
  /** The plan step this request released, or undefined (no captured result, or not a task call). */
  readonly releasedStep: number | undefined;
  readonly operation: string | undefined;
  /** The HTTP status the replay answered with (the captured call's, else 202). */
  readonly status: number;
}

const SUBSCRIBE_PATH = '/v1/notification/subscribe';
const SOCKET_PATH = /^\/v1\/notification\/subscription\/[A-Za-z0-9._-]{1,128}$/;
const MAX_BODY_BYTES = 256 * 1024 * 1024;
const WXCC_HOST = /^(api\.wxcc-[a-z0-9]+\.cisco\.com|[a-z0-9.-]+\.ciscoccservice\.com)$/i;

export async function startReplayServer(options: ReplayServerOptions = {}): Promise<ReplayServer> {
  const keepaliveMs = options.keepaliveMs ?? 4000;
  let name = options.name ?? 'capture';
  /** What the page says the replay lacks of the HAR the capture came from (har-left-out.ts), if anything. */
  let notReplayed: string | undefined;
  let plan: ReplayPlan = { agentId: 'replay-agent', steps: [], skipped: emptySkipped() };
  let matcher: RequestMatcher = requestMatcherFor();
  let captured: CapturedRequests | undefined;
  let player = newPlayer();
  const sockets = new Set<WebSocket>();
  const requests: ReplayRequest[] = [];
  let current: { ws: WebSocket; sink: ReplaySink } | undefined;

  function newPlayer(previous?: ReplayPlayer): ReplayPlayer {
    const state = previous?.state();
    return new ReplayPlayer(plan, {
      mode: state?.mode ?? options.mode ?? 'timed',
      speed: state?.speed ?? options.speed ?? 1,
      awaitsRequest: (step) => matcher.awaitsRequest(step),
    });
  }

  function loadFrames(frames: readonly Frame[], newName?: string, lacks: HarLeftOut = NOTHING_LEFT_OUT): void {
    notReplayed = notReplayedSaid(lacks);
    const shiftMs = options.plan?.shiftToNow ? shiftToNow(frames) : 0;
    plan = buildReplayPlan(frames, { ...options.plan, shiftMs });
    captured = capturedRequests(frames);
    matcher = requestMatcherFor(captured?.resultSeqs, captured?.sentUnder);
    if (newName) name = newName;
    const old = player;
    old.stop();
    player = newPlayer(old);
    // Every open socket belongs to the old capture: closing them makes the page re-subscribe.
    for (const ws of sockets) ws.close(4000, 'replay reloaded');
  }

  if (options.frames) loadFrames(options.frames, undefined, options.lacks);

  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  wss.on('connection', (ws) => {
    sockets.add(ws);
    if (current) player.detach(current.sink);
    const sink: ReplaySink = {
      send: (text) => ws.readyState === WebSocket.OPEN && ws.send(text),
      drop: (code, reason) => (code === 1006 ? ws.terminate() : ws.close(code, reason)),
    };
    current = { ws, sink };
    ws.send(JSON.stringify({ type: 'Welcome', data: { agentId: plan.agentId } }));
    const keepalive = setInterval(() => {
      if (ws.readyState === WebSocket.OPEN) ws.send('{"keepalive":"true"}');
    }, keepaliveMs);
    ws.on('close', () => {
      clearInterval(keepalive);
      sockets.delete(ws);
      if (current?.ws === ws) {
        player.detach(sink);
        current = undefined;
      }
    });
    ws.on('error', () => ws.terminate());
    player.attach(sink);
  });

  let hostPort = '';
  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { statusCode: 500, message: messageOf(error) });
      else res.end();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://replay.invalid');
    const method = req.method ?? 'GET';
    if (!isAllowedOrigin(req.headers.origin, req.headers.host)) {
      return sendJson(res, 403, { statusCode: 403, message: FOREIGN_ORIGIN });
    }
    if (method === 'OPTIONS') {
      res.writeHead(204, corsHeaders());
      res.end();
      return;
    }
    if (method === 'GET' && (url.pathname === '/' || url.pathname === '/index.html')) {
      return sendText(
        res,
        200,
        'text/html; charset=utf-8',
        replayPageHtml({ name, widget: widgetSrc(options.widget), keepaliveMs }),
      );
    }
    if (method === 'GET' && url.pathname === '/replay/page.js') {
      return sendText(res, 200, 'text/javascript; charset=utf-8', await bundlePageScript('page'));
    }
    if (method === 'GET' && url.pathname === '/replay/shim.js') {
      return sendText(res, 200, 'text/javascript; charset=utf-8', await bundlePageScript('shim'));
    }
    if (method === 'GET' && url.pathname === '/replay/widget.js' && options.widget && !isUrl(options.widget)) {
      return sendText(res, 200, 'text/javascript; charset=utf-8', await readFile(options.widget, 'utf8'));
    }
    if (method === 'GET' && url.pathname === '/replay/state') {
      return sendJson(res, 200, stateJson());
    }
    if (method === 'POST' && url.pathname === '/replay/control') {
      const body = jsonOrUndefined(await readBodyText(req));
      const error = control(body);
      return error ? sendJson(res, 400, { error }) : sendJson(res, 200, stateJson());
    }
    if (method === 'POST' && url.pathname === '/replay/load') {
      // The bytes go through the file reader of the CLI and the viewer (file-json.ts): bad UTF-8
      // is refused with its byte offset, never replaced by U+FFFD, and a UTF-16 HAR reads too.
      const reader = new FileJsonReader();
      await readBody(req, (chunk) => reader.push(chunk));
      const parsed = reader.end();
      const error = parsed.ok ? loadValue(parsed.value, url.searchParams.get('name') ?? undefined) : parsed.error;
      return error ? sendJson(res, 400, { error }) : sendJson(res, 200, stateJson());
    }
    if (method === 'POST' && url.pathname === SUBSCRIBE_PATH) {
      await readBody(req);
      const id = `AgentDesktop-${randomUUID()}`;
      // Through the shim the app believes it talks to a WxCC host: answer with a URL on that host,
      // which the shim's WebSocket opens to this server (protocol doc §10.9: SDKs check the host).
      const wxccHost = headerOf(req, 'x-wxcc-replay-host');
      const socketBase = wxccHost && WXCC_HOST.test(wxccHost) ? `wss://${wxccHost}` : `ws://${hostPort}`;
      return sendJson(res, 200, {
        statusCode: 200,
        body: { webSocketUrl: `${socketBase}/v1/notification/subscription/${id}`, subscriptionId: id },
        message: 'success',
      });
    }
    if (url.pathname.startsWith('/v1/')) {
      await readBody(req);
      const released = player.release((step) => matcher.matches(step, method, url.pathname));
      const operation = matcher.operationOf(method, url.pathname);
      // Task and agent calls answer as the captured call did, else 202 with no body, as the
      // service does (protocol doc §10.9).
      const status = answerStatus(captured, method, url.pathname);
      requests.push({ method, path: url.pathname, at: Date.now(), releasedStep: released?.index, operation, status });
      res.writeHead(status, corsHeaders());
      res.end();
      return;
    }
    sendText(res, 404, 'text/plain; charset=utf-8', 'not found');
  }

  function control(body: unknown): string | undefined {
    if (!isRecord(body) || typeof body['action'] !== 'string') return 'expected {"action": …}';
    const action = body['action'];
    if (action === 'step') player.step();
    else if (action === 'pause') player.pause();
    else if (action === 'play') player.resume();
    else if (action === 'restart') {
      player.restart();
      for (const ws of sockets) ws.close(4000, 'replay restarted');
    } else if (action === 'mode') {
      const mode = body['mode'];
      if (typeof mode !== 'string' || !REPLAY_MODES.includes(mode as ReplayMode)) {
        return `mode must be one of ${REPLAY_MODES.join(', ')}`;
      }
      player.setMode(mode as ReplayMode);
    } else if (action === 'speed') {
      const speed = body['speed'];
      if (typeof speed !== 'number' || !(speed > 0)) return 'speed must be a positive number';
      player.setSpeed(speed);
    } else return `unknown action "${action}"`;
    return undefined;
  }

  function load(text: string, newName?: string): string | undefined {
    return loaded(readFramesFile(text), newName);
  }

  function loadValue(value: unknown, newName?: string): string | undefined {
    return loaded(readFramesValue(value), newName);
  }

  function loaded(read: ReturnType<typeof readFramesValue>, newName: string | undefined): string | undefined {
    if (!read.ok) return read.error;
    loadFrames(read.frames, newName, harLeftOutOf(read.meta.source));
    return undefined;
  }

  function stateJson(): Record<string, unknown> {
    const state = player.state();
    return {
      name,
      ...(notReplayed ? { notReplayed } : {}),
      agentId: plan.agentId,
      skipped: plan.skipped,
      ...state,
      next: state.next && describeStep(state.next),
      requests: requests.slice(-50),
    };
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://replay.invalid').pathname;
    if (!SOCKET_PATH.test(path)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    // Browsers open a WebSocket to any origin, CORS or not: the socket is where a foreign page
    // would read the capture, so it is checked here too.
    if (!isAllowedOrigin(req.headers.origin, req.headers.host)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  hostPort = `${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  const origin = `http://${hostPort}`;

  return {
    origin,
    pageUrl: `${origin}/`,
    shimUrl: `${origin}/replay/shim.js`,
    player: () => player,
    plan: () => plan,
    load,
    loadFrames,
    requests: () => requests,
    async close() {
      player.stop();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The page's view of a step: enough to show what comes next without sending it. */
export function describeStep(step: ReplayStep): Record<string, unknown> {
  if (step.kind === 'drop') {
    return { kind: 'drop', index: step.index, seq: step.seq, gapMs: step.gapMs, code: step.code, reason: step.reason };
  }
  return {
    kind: 'frame',
    index: step.index,
    seq: step.seq,
    gapMs: step.gapMs,
    eventName: step.eventName,
    interactionId: step.interactionId,
    preview: step.text.length > 65_536 ? `${step.text.slice(0, 65_536)}…` : step.text,
  };
}

/** Milliseconds that move the capture's first frame to now. */
function shiftToNow(frames: readonly Frame[]): number {
  let first = Number.POSITIVE_INFINITY;
  for (const frame of frames) if (Number.isFinite(frame.t) && frame.t < first) first = frame.t;
  return Number.isFinite(first) ? Date.now() - first : 0;
}

function widgetSrc(widget: string | undefined): string | undefined {
  if (!widget) return undefined;
  return isUrl(widget) ? widget : '/replay/widget.js';
}

function isUrl(text: string): boolean {
  return /^https?:\/\//i.test(text);
}

function emptySkipped(): ReplayPlan['skipped'] {
  return { keepalive: 0, welcome: 0, outbound: 0, binary: 0, meta: 0, 'other-socket-kind': 0 };
}

const FOREIGN_ORIGIN =
  'the replay server answers only its own page, pages on this machine (localhost, 127.0.0.1, [::1]) and the extension';

/**
 * Whether a browser request may use the server, by its `Origin` header: none (curl, a navigation,
 * the page's own scripts), the server's own origin (`host` is the request's Host header, so
 * `--host 0.0.0.0` reached by a LAN address works), an http(s) page on a loopback host (an SDK
 * app's dev server) or a browser extension (**Replay…**). A capture holds customer data, and a
 * page of any other site open in the developer's browser could otherwise read it: CORS is `*`
 * (SDK apps on their own port need it) and browsers open WebSockets to any origin. `null`
 * (sandboxed frames, `file:` pages) is refused, as any site can make a sandboxed frame.
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol === 'chrome-extension:' || url.protocol === 'moz-extension:') return true;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (host !== undefined && url.host === host.toLowerCase()) return true;
  const name = url.hostname;
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)
  );
}

function corsHeaders(): Record<string, string> {
  return {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'access-control-allow-headers': '*',
    'access-control-max-age': '600',
    'cache-control': 'no-store',
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendText(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, type: string, text: string): void {
  res.writeHead(status, { ...corsHeaders(), 'content-type': type });
  res.end(text);
}

/** Reads a request's body to its end, chunk by chunk (the default only drains it). */
async function readBody(req: IncomingMessage, onChunk: (chunk: Buffer) => void = () => {}): Promise<void> {
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    onChunk(chunk as Buffer);
  }
}

/** A small body as text; undefined when its bytes are not UTF-8 (refused, not repaired). */
async function readBodyText(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  await readBody(req, (chunk) => chunks.push(chunk));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    return undefined;
  }
}

function jsonOrUndefined(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
