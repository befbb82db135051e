import { BIDI_ESCAPE_CLASS, bidiControlTitle, notateBidiControls, splitBidiControls } from '../../frame/visible-text';
import { AqmRequests, type AqmMessage } from './aqm-requests';
import { createAgentxService } from './agentx-service';

/**
 * The replay page: a simulated agent desktop that subscribes, opens the notification socket and
 * keeps it alive as the Desktop does (protocol doc §1), shows what it receives, drives the replay
 * (mode, speed, step with the next frame shown first) and hosts the developer's widget under a
 * fake `AGENTX_SERVICE`. Every wire string is shown as text nodes only, its bidi controls as
 * escapes in badges (`showText`: an override would reorder what the row says), as in the panel.
 */
interface PageConfig {
  readonly name: string;
  readonly widget: string | undefined;
  readonly keepaliveMs: number;
}

interface InteractionRow {
  media: string;
  state: string;
  hold: string;
  recording: string;
  lastEvent: string;
}

interface StepView {
  readonly kind: 'frame' | 'drop';
  readonly index: number;
  readonly seq: number;
  readonly gapMs: number;
  readonly eventName?: string;
  readonly interactionId?: string;
  readonly preview?: string;
  readonly code?: number;
  readonly reason?: string;
}

interface ServerState {
  readonly name: string;
  /** What of the HAR the capture came from is not replayed (the server's words), if anything. */
  readonly notReplayed?: string;
  readonly agentId: string;
  readonly mode: string;
  readonly speed: number;
  readonly paused: boolean;
  readonly cursor: number;
  readonly total: number;
  readonly played: number;
  readonly connected: boolean;
  readonly waitingForRequest: boolean;
  readonly next?: StepView;
  readonly requests: readonly { method: string; path: string; operation?: string; releasedStep?: number }[];
}

/** What tests read: the same facts the page shows. */
interface ReplayHook {
  status: string;
  frames: number;
  events: string[];
  eNames: string[];
  connects: number;
  widgets: string[];
  widgetError: string | undefined;
  interactions: Record<string, InteractionRow>;
}

const config = JSON.parse(document.getElementById('replay-config')?.textContent ?? '{}') as PageConfig;
const origin = location.origin;
const hook: ReplayHook = {
  status: 'subscribing',
  frames: 0,
  events: [],
  eNames: [],
  connects: 0,
  widgets: [],
  widgetError: undefined,
  interactions: {},
};
(window as unknown as { __replay: ReplayHook }).__replay = hook;

const $ = (id: string): HTMLElement => document.getElementById(id)!;
const requests = new AqmRequests(origin);
const agentx = createAgentxService({ agentId: '', requests });

/**
 * `el` showing `text` as text nodes, each bidi control as its escape in a badge (`.bidi-escape`,
 * titled with what was removed): never HTML, and no wire string passes for an escape.
 */
function showText(el: HTMLElement, text: string): void {
  el.replaceChildren(
    ...splitBidiControls(text).map((part) => {
      if (typeof part === 'string') return part;
      const badge = document.createElement('span');
      badge.className = BIDI_ESCAPE_CLASS;
      badge.title = bidiControlTitle(part.control);
      badge.textContent = part.escape;
      return badge;
    }),
  );
}

function setText(id: string, text: string): void {
  showText($(id), text);
}

function setStatus(status: string): void {
  hook.status = status;
  const el = $('status');
  el.textContent = status;
  el.className =
    status === 'connected' ? 'status-connected' : status.startsWith('disconnected') ? 'status-disconnected' : '';
}

// ---- the desktop: subscribe, socket, keepalives, reconnect ----

async function connect(): Promise<void> {
  setStatus('subscribing');
  let url: string;
  try {
    const response = await fetch(`${origin}/v1/notification/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        force: true,
        isKeepAliveEnabled: true,
        clientType: 'AgentDesktop',
        allowMultiLogin: false,
      }),
    });
    const answer = (await response.json()) as { body?: { webSocketUrl?: string } };
    url = answer.body?.webSocketUrl ?? '';
  } catch {
    setStatus('error');
    setTimeout(() => void connect(), 1000);
    return;
  }
  setStatus('connecting');
  const ws = new WebSocket(url);
  let keepalive: ReturnType<typeof setInterval> | undefined;
  ws.onopen = () => {
    hook.connects++;
    setStatus('connected');
    ws.send('{"keepalive":"true"}');
    keepalive = setInterval(
      () => ws.readyState === WebSocket.OPEN && ws.send('{"keepalive":"true"}'),
      config.keepaliveMs,
    );
  };
  ws.onmessage = (event: MessageEvent) => onFrame(event.data);
  ws.onclose = (event: CloseEvent) => {
    if (keepalive !== undefined) clearInterval(keepalive);
    setStatus(`disconnected (${event.code})`);
    setTimeout(() => void connect(), 500);
  };
}

function onFrame(data: unknown): void {
  hook.frames++;
  if (typeof data !== 'string') return;
  let message: AqmMessage;
  try {
    message = JSON.parse(data) as AqmMessage;
  } catch {
    return;
  }
  if (typeof message !== 'object' || message === null || 'keepalive' in message) return;
  if (message.type === 'Welcome') {
    const agentId =
      isRecord(message.data) && typeof message.data['agentId'] === 'string' ? message.data['agentId'] : '';
    // The profile names the agent of the capture, as the Desktop's would.
    ((agentx.service['conf'] as Record<string, unknown>)['profile'] as Record<string, unknown>)['agentId'] = agentId;
    return;
  }
  const data2 = isRecord(message.data) ? message.data : {};
  const name = typeof data2['type'] === 'string' ? data2['type'] : String(message.type);
  hook.events.push(name);
  addEventRow(name, typeof data2['interactionId'] === 'string' ? data2['interactionId'] : undefined);
  updateInteraction(name, data2);
  requests.onMessage(message);
  const eName = agentx.dispatch(message);
  if (eName) hook.eNames.push(eName);
}

function addEventRow(name: string, interactionId: string | undefined): void {
  const list = $('events');
  const item = document.createElement('li');
  showText(item, interactionId ? `${name} · ${shorten(interactionId)}` : name);
  list.append(item);
  while (list.childElementCount > 300) list.firstElementChild?.remove();
  list.scrollTop = list.scrollHeight;
}

function updateInteraction(name: string, data: Record<string, unknown>): void {
  const id = typeof data['interactionId'] === 'string' ? data['interactionId'] : undefined;
  if (!id) return;
  const row = (hook.interactions[id] ??= { media: '', state: '', hold: '', recording: '', lastEvent: '' });
  row.lastEvent = name;
  const interaction = isRecord(data['interaction']) ? data['interaction'] : undefined;
  if (interaction) {
    if (typeof interaction['mediaType'] === 'string') row.media = interaction['mediaType'];
    if (typeof interaction['state'] === 'string') row.state = interaction['state'];
    const media = isRecord(interaction['media']) ? interaction['media'] : {};
    const main = media[typeof interaction['mainInteractionId'] === 'string' ? interaction['mainInteractionId'] : id];
    if (isRecord(main)) row.hold = String(main['isHold']) === 'true' ? 'held' : 'no';
    const cpd = isRecord(interaction['callProcessingDetails']) ? interaction['callProcessingDetails'] : undefined;
    if (cpd && 'recordInProgress' in cpd) row.recording = String(cpd['recordInProgress']) === 'true' ? 'on' : 'paused';
  }
  renderInteractions();
}

function renderInteractions(): void {
  const body = $('interactions');
  body.replaceChildren(
    ...Object.entries(hook.interactions).map(([id, row]) => {
      const tr = document.createElement('tr');
      for (const [text, cls] of [
        [shorten(id), ''],
        [row.media, ''],
        [row.state, ''],
        [row.hold, row.hold === 'held' ? 'held' : ''],
        [row.recording, ''],
        [row.lastEvent, ''],
      ] as const) {
        const td = document.createElement('td');
        showText(td, text);
        if (cls) td.className = cls;
        if (text === shorten(id)) td.title = notateBidiControls(id);
        tr.append(td);
      }
      return tr;
    }),
  );
}

// ---- replay controls ----

async function control(body: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${origin}/replay/control`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  render((await response.json()) as ServerState);
}

function render(state: ServerState): void {
  setText('capture-name', state.name);
  const notReplayed = $('not-replayed');
  notReplayed.hidden = state.notReplayed === undefined;
  setText('not-replayed', state.notReplayed ?? '');
  const mode = $('mode') as HTMLSelectElement;
  if (document.activeElement !== mode) mode.value = state.mode;
  const speed = $('speed') as HTMLInputElement;
  if (document.activeElement !== speed) speed.value = String(state.speed);
  setText('play', state.paused ? 'Play' : 'Pause');
  ($('step') as HTMLButtonElement).disabled = state.cursor >= state.total || !state.connected;
  setText(
    'progress',
    `${state.cursor} / ${state.total} sent${state.waitingForRequest ? ' · waiting for the app’s request' : ''}`,
  );
  const next = state.next;
  if (!next) {
    setText('next-summary', state.total ? 'The capture has played to its end.' : 'No capture loaded.');
    setText('next-preview', '');
  } else if (next.kind === 'drop') {
    setText('next-summary', `#${next.seq}: the socket closes (${next.code}) after ${next.gapMs} ms`);
    setText('next-preview', next.reason ?? '');
  } else {
    setText(
      'next-summary',
      `#${next.seq} ${next.eventName ?? '(not an event)'}${next.interactionId ? ` · ${next.interactionId}` : ''} · after ${next.gapMs} ms`,
    );
    setText('next-preview', pretty(next.preview ?? ''));
  }
  const list = $('requests');
  list.replaceChildren(
    ...state.requests.map((r) => {
      const item = document.createElement('li');
      showText(
        item,
        `${r.method} ${r.path}${r.operation ? ` (${r.operation})` : ''} → ${
          r.releasedStep === undefined ? 'no captured result' : `released step ${r.releasedStep + 1}`
        }`,
      );
      return item;
    }),
  );
}

async function poll(): Promise<void> {
  try {
    const response = await fetch(`${origin}/replay/state`);
    render((await response.json()) as ServerState);
  } catch {
    // The server went away: the socket's status says so.
  }
  setTimeout(() => void poll(), 250);
}

$('mode').addEventListener(
  'change',
  (e) => void control({ action: 'mode', mode: (e.target as HTMLSelectElement).value }),
);
$('speed').addEventListener('change', (e) => {
  const speed = Number((e.target as HTMLInputElement).value);
  if (speed > 0) void control({ action: 'speed', speed });
});
$('play').addEventListener(
  'click',
  () => void control({ action: $('play').textContent === 'Play' ? 'play' : 'pause' }),
);
$('step').addEventListener('click', () => void control({ action: 'step' }));
$('restart').addEventListener('click', () => {
  hook.events = [];
  hook.eNames = [];
  hook.interactions = {};
  $('events').replaceChildren();
  renderInteractions();
  void control({ action: 'restart' });
});
document.addEventListener('keydown', (e) => {
  const target = e.target as HTMLElement | null;
  if (target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.isContentEditable)) return;
  if (e.key === 'n' || e.key === 'ArrowRight') {
    e.preventDefault();
    void control({ action: 'step' });
  }
});

// ---- the widget host ----

function loadWidget(src: string): void {
  $('widget-host').hidden = false;
  setText('widget-status', `Loading ${src} …`);
  const defined: string[] = [];
  const define = customElements.define.bind(customElements);
  customElements.define = (name: string, ctor: CustomElementConstructor, options?: ElementDefinitionOptions) => {
    defined.push(name);
    define(name, ctor, options);
  };
  const script = document.createElement('script');
  script.src = src;
  script.onload = () => {
    customElements.define = define;
    hook.widgets = defined;
    if (!defined.length) {
      hook.widgetError = 'the script defined no custom element';
      setText('widget-status', `${src} loaded, but it defined no custom element.`);
      return;
    }
    setText('widget-status', `Widget${defined.length > 1 ? 's' : ''}: ${defined.join(', ')}`);
    for (const name of defined) $('widgets').append(document.createElement(name));
  };
  script.onerror = () => {
    customElements.define = define;
    hook.widgetError = 'the script could not be loaded';
    setText('widget-status', `${src} could not be loaded.`);
  };
  document.head.append(script);
}

// ---- start ----

(window as unknown as { AGENTX_SERVICE: unknown }).AGENTX_SERVICE = agentx.service;
if (config.widget) {
  loadWidget(config.widget);
  // As on the Desktop, widgets are listening before the first contact arrives: the socket opens
  // once the widget has initialised the SDK, or after 5 s for a widget that never does.
  const waited = Date.now();
  void Promise.race([agentx.widgetInitialised, new Promise((resolve) => setTimeout(resolve, 5000))]).then(() => {
    if (Date.now() - waited >= 5000)
      setText('widget-status', `${$('widget-status').textContent} (it never called Desktop.config.init())`);
    void connect();
  });
} else void connect();
void poll();

function shorten(id: string): string {
  return id.length > 13 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id;
}

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
