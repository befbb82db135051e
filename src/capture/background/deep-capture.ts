import { hexPreview, PREVIEW_BYTES } from '../../frame/hex';
import type { DeepCaptureState } from '../shared/messages';
import type { PageFrame } from '../shared/page-chunk';
import { cleanCredentialUrl } from '../../frame/credentials';

/**
 * Chrome deep capture (issue 11, protocol doc §10.8): `chrome.debugger` attached to the inspected
 * tab, CDP `Network` enabled there and in every target it auto-attaches to (workers, out-of-process
 * iframes; flat sessions, Chrome 125+), and each `Network.webSocket*` event recorded as a frame of
 * the same shape the page tap writes, marked `source: 'cdp'`. It sees sockets wherever they live,
 * from the moment it is switched on (CDP does not replay what came before). Chrome shows its
 * "started debugging this browser" bar while attached; an enterprise policy
 * (`DeveloperToolsAvailability`, `ExtensionSettings`' runtime_blocked_hosts) makes `attach` fail,
 * and that failure is what the panel shows.
 */

/** The part of `chrome.debugger` deep capture uses (a fake in unit tests). */
export interface DebuggerApi {
  attach(target: { tabId: number }, version: string): Promise<void>;
  detach(target: { tabId: number }): Promise<void>;
  sendCommand(target: { tabId: number; sessionId?: string }, method: string, params?: object): Promise<unknown>;
  onEvent: {
    addListener(
      listener: (source: { tabId?: number; sessionId?: string }, method: string, params?: object) => void,
    ): void;
  };
  onDetach: { addListener(listener: (source: { tabId?: number }, reason: string) => void): void };
}

export interface DeepCaptureSink {
  /** Frames of one attachment ("document" `doc`), numbered from 1 in the order CDP sent them. */
  frames(tabId: number, doc: string, url: string, frames: PageFrame[]): void;
  /** A capture notice (`source: 'cdp'`) in the tab's frame list. */
  notice(tabId: number, text: string): void;
  state(tabId: number, state: DeepCaptureState): void;
}

interface WebSocketResponse {
  opcode?: number;
  payloadData?: string;
}

interface Attachment {
  doc: string;
  url: string;
  seq: number;
  /** CDP request id (per session) → our socket id. */
  sockets: Map<string, { id: string; url: string | undefined; announced: boolean; frameUrl: string }>;
  /** Session id → the URL of its target (a worker's script, an iframe's document). */
  targets: Map<string, string>;
  pending: PageFrame[];
  flushing: boolean;
}

const FLUSH_MS = 50;
/** Flat sessions (chrome.debugger, Chrome 125+); new targets wait until their Network is on. */
const AUTO_ATTACH = { autoAttach: true, waitForDebuggerOnStart: true, flatten: true };
let attachments = 0;

export class DeepCapture {
  private readonly tabs = new Map<number, Attachment>();

  constructor(
    private readonly api: DebuggerApi,
    private readonly sink: DeepCaptureSink,
    private readonly now: () => number = Date.now,
  ) {
    api.onEvent.addListener((source, method, params) => {
      const tab = source.tabId === undefined ? undefined : this.tabs.get(source.tabId);
      if (!tab || source.tabId === undefined) return;
      try {
        this.onEvent(source.tabId, tab, source.sessionId, method, (params ?? {}) as Record<string, unknown>);
      } catch (error) {
        this.sink.notice(source.tabId, `deep capture could not read ${method}: ${String(error)}`);
      }
    });
    api.onDetach.addListener((source, reason) => {
      if (source.tabId === undefined || !this.tabs.has(source.tabId)) return;
      this.flush(source.tabId);
      this.tabs.delete(source.tabId);
      // canceled_by_user: the "Cancel" button of Chrome's debugging bar.
      this.sink.notice(
        source.tabId,
        `deep capture stopped: ${reason === 'canceled_by_user' ? 'cancelled in Chrome’s debugging bar' : reason}`,
      );
      this.sink.state(source.tabId, { on: false });
    });
  }

  state(tabId: number): DeepCaptureState {
    return { on: this.tabs.has(tabId) };
  }

  async start(tabId: number, tabUrl: string): Promise<DeepCaptureState> {
    if (this.tabs.has(tabId)) return this.state(tabId);
    const tab: Attachment = {
      doc: `cdp-${++attachments}-${this.now()}`,
      url: tabUrl,
      seq: 0,
      sockets: new Map(),
      targets: new Map(),
      pending: [],
      flushing: false,
    };
    try {
      await this.api.attach({ tabId }, '1.3');
    } catch (error) {
      const state = { on: false, error: describeAttachError(error) };
      this.sink.state(tabId, state);
      return state;
    }
    this.tabs.set(tabId, tab);
    try {
      await this.api.sendCommand({ tabId }, 'Network.enable');
      await this.api.sendCommand({ tabId }, 'Target.setAutoAttach', AUTO_ATTACH);
    } catch (error) {
      await this.stop(tabId);
      const state = { on: false, error: `Chrome refused to enable network capture: ${errorText(error)}` };
      this.sink.state(tabId, state);
      return state;
    }
    this.sink.notice(
      tabId,
      'deep capture on: Chrome’s debugger sees every WebSocket of the tab (workers and frames included) from now on',
    );
    this.sink.state(tabId, { on: true });
    return { on: true };
  }

  async stop(tabId: number): Promise<DeepCaptureState> {
    if (!this.tabs.has(tabId)) return this.state(tabId);
    this.flush(tabId);
    this.tabs.delete(tabId);
    try {
      await this.api.detach({ tabId });
    } catch {
      // Already detached (tab closed, bar cancelled): off either way.
    }
    this.sink.notice(tabId, 'deep capture off');
    this.sink.state(tabId, { on: false });
    return { on: false };
  }

  private onEvent(
    tabId: number,
    tab: Attachment,
    sessionId: string | undefined,
    method: string,
    p: Record<string, unknown>,
  ): void {
    if (method === 'Target.attachedToTarget') {
      const child = typeof p['sessionId'] === 'string' ? p['sessionId'] : undefined;
      const info = (p['targetInfo'] ?? {}) as { url?: unknown };
      if (!child) return;
      tab.targets.set(child, typeof info.url === 'string' ? info.url : '');
      // A worker or an out-of-process iframe: its sockets are its own network's. A new target
      // waits for us (waitForDebuggerOnStart) until Network is on, so its first socket is seen
      // from its first frame; then it runs on.
      const target = { tabId, sessionId: child };
      const ignore = () => {
        // A target that went away at once (a short-lived worker) has nothing to capture.
      };
      void this.api
        .sendCommand(target, 'Network.enable')
        .catch(ignore)
        .then(() => this.api.sendCommand(target, 'Target.setAutoAttach', AUTO_ATTACH))
        .catch(ignore)
        .then(() => this.api.sendCommand(target, 'Runtime.runIfWaitingForDebugger'))
        .catch(ignore);
      return;
    }
    if (!method.startsWith('Network.webSocket')) return;
    const requestId = typeof p['requestId'] === 'string' ? p['requestId'] : undefined;
    if (!requestId) return;
    const key = `${sessionId ?? ''}|${requestId}`;
    let socket = tab.sockets.get(key);
    if (!socket) {
      socket = {
        id: `cdp-${tab.sockets.size + 1}`,
        url: undefined,
        announced: false,
        frameUrl: (sessionId && tab.targets.get(sessionId)) || tab.url,
      };
      tab.sockets.set(key, socket);
    }
    const frame = (dir: PageFrame['dir'], kind: PageFrame['kind']): PageFrame => {
      const f: PageFrame = { seq: ++tab.seq, t: this.now(), socket: socket.id, dir, kind, source: 'cdp' };
      if (!socket.announced) {
        socket.announced = true;
        f.frameUrl = socket.frameUrl;
        if (socket.url !== undefined) f.url = socket.url;
      }
      return f;
    };
    switch (method) {
      case 'Network.webSocketCreated':
        // Recorded without a token its query may carry, as the page's own capture does.
        socket.url = typeof p['url'] === 'string' ? cleanCredentialUrl(p['url']) : undefined;
        return;
      case 'Network.webSocketHandshakeResponseReceived': {
        const f = frame('in', 'open');
        if (socket.url !== undefined) f.url = socket.url;
        f.size = 0;
        this.queue(tabId, tab, f);
        return;
      }
      case 'Network.webSocketFrameReceived':
      case 'Network.webSocketFrameSent': {
        const response = (p['response'] ?? {}) as WebSocketResponse;
        const dir = method === 'Network.webSocketFrameSent' ? 'out' : 'in';
        const payload = typeof response.payloadData === 'string' ? response.payloadData : '';
        if (response.opcode === 1) {
          const f = frame(dir, 'text');
          f.data = payload;
          this.queue(tabId, tab, f);
        } else {
          const bytes = base64Head(payload);
          const f = frame(dir, 'binary');
          f.size = bytes.size;
          f.data = bytes.preview;
          this.queue(tabId, tab, f);
        }
        return;
      }
      case 'Network.webSocketFrameError': {
        const f = frame('in', 'error');
        f.data = typeof p['errorMessage'] === 'string' ? p['errorMessage'] : 'error';
        f.size = 0;
        this.queue(tabId, tab, f);
        return;
      }
      case 'Network.webSocketClosed': {
        const f = frame('in', 'close');
        f.size = 0;
        // CDP does not say how it closed: 1005 is "no status received", never an invented code.
        f.close = { code: 1005, reason: '(deep capture does not report the close code)', wasClean: false };
        this.queue(tabId, tab, f);
        return;
      }
    }
  }

  /** CDP events come one by one: frames go to the hub in small batches, in their order. */
  private queue(tabId: number, tab: Attachment, frame: PageFrame): void {
    tab.pending.push(frame);
    if (tab.flushing) return;
    tab.flushing = true;
    setTimeout(() => this.flush(tabId), FLUSH_MS);
  }

  private flush(tabId: number): void {
    const tab = this.tabs.get(tabId);
    if (!tab) return;
    tab.flushing = false;
    if (!tab.pending.length) return;
    const frames = tab.pending;
    tab.pending = [];
    this.sink.frames(tabId, tab.doc, tab.url, frames);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Chrome's refusal in words a user can act on. */
export function describeAttachError(error: unknown): string {
  const text = errorText(error);
  if (/policy|blocked|not allowed|Cannot access/i.test(text)) {
    return `Chrome refused to attach its debugger to this tab (${text}). An administrator's policy (DeveloperToolsAvailability, or the extension's runtime_blocked_hosts) can forbid debugging this site; a HAR export still works.`;
  }
  if (/already attached|Another debugger/i.test(text)) {
    return `Another debugger holds this tab (${text}): close it and try again.`;
  }
  return `Chrome refused to attach its debugger: ${text}`;
}

/** Size and hex preview of a base64 payload, decoding at most the first 64 bytes. */
function base64Head(base64: string): { size: number; preview: string } {
  const clean = base64.replace(/=+$/, '');
  const size = Math.floor((clean.length * 3) / 4);
  try {
    const head = atob(base64.slice(0, Math.ceil(PREVIEW_BYTES / 3) * 4));
    const bytes = new Uint8Array(Math.min(head.length, PREVIEW_BYTES));
    for (let i = 0; i < bytes.length; i++) bytes[i] = head.charCodeAt(i);
    return { size, preview: hexPreview(bytes) };
  } catch {
    return { size, preview: '(payload not base64)' };
  }
}
