import type { PageFrame } from '../shared/page-chunk';
import type { JsonPieces } from './clone-json';
import { cleanCredentialUrl, type TextOps } from '../../frame/credentials';
import { hexPreview, PREVIEW_BYTES } from '../../frame/hex';
import { CONNECTED_EVENT, FRAMES_EVENT, HELLO_EVENT, READY_EVENT } from '../shared/page-channel';
import { disguiseFor } from './disguise';
import { installHttpTap } from './http-tap';
import { pageIntrinsics } from './page-intrinsics';
import type { FrameSink } from './worker-tap';

/**
 * The page-side half of the capture: it observes every WebSocket the page creates and queues a
 * `PageFrame` per message, send, open, close and error. It runs in the page's own world and
 * thread, so it follows three rules:
 * - the page sees no difference: the native socket is returned, our listeners are attached in the
 *   constructor (before any page listener, so `stopImmediatePropagation` cannot hide a frame from
 *   us), and `WebSocket` and `send` keep their name, length, source text and exceptions, stacks
 *   included (see disguise.ts); nothing is added to `window`;
 * - per frame it only pushes onto an array (the page's own strings, not copies); copying them to
 *   the extension, the one cost per byte, happens in small slices while the page is idle, so a
 *   burst of frames is delivered to the page at full speed and handed over after it;
 * - nothing it does can throw into the page: every path is guarded, and a failure of our own
 *   becomes a `notice` frame instead.
 */
export interface InterceptorOptions {
  /** Firefox hands objects across worlds unreliably, so its batches travel as JSON strings. */
  stringDetail: boolean;
  /**
   * The longest a frame waits for the sockets to go quiet and the page idle (ms). Past it, frames
   * go in one small slice per BUSY_SLICE_MS until the queue has caught up.
   */
  flushMs?: number;
  /** Bytes queued while no relay has connected before the oldest are shed. */
  maxQueuedBytes?: number;
  /**
   * Bytes (UTF-16 code units of payload) the queue may hold while the page stays busy; beyond it
   * the hand-off no longer waits for idle time. Bounds what capture keeps alive in the page.
   */
  maxBusyBytes?: number;
}

/** One hand-off to the relay: at most this many payload code units or frames (small tasks). */
const SLICE_UNITS = 512 * 1024;
const SLICE_FRAMES = 64;
/** Idle time one idle callback spends on hand-offs before it yields (ms). */
const IDLE_SLICE_MS = 8;
/**
 * A socket that delivered a frame this recently is mid-burst: its next frames are likely already
 * queued behind the current task, and an idle callback now would delay them (ms).
 */
const QUIET_MS = 50;
/**
 * Hand-offs are at least this far apart (ms): each one has a fixed cost on the page's thread
 * (an event across worlds, a runtime message, its acknowledgement), so light traffic is gathered.
 */
const HAND_OFF_EVERY_MS = 500;
/** While the page stays busy past `flushMs`: a slice every this many ms. */
const BUSY_SLICE_MS = 16;

/** Windows this bundle already hooked: kept here, not as a flag the page could read. */
const installed = new WeakSet<object>();

/**
 * A queued frame: `pending` while a Blob's preview is read; `later` while its text is still to be
 * made (worker messages, see FrameSink.pushLater): made when the frame is handed over.
 */
type Pending = PageFrame & {
  pending?: true | undefined;
  later?: { text: () => string | JsonPieces; units: number } | undefined;
  /** The text `later` made, in pieces whose long strings the hub escapes. */
  pieces?: JsonPieces | undefined;
};

/**
 * Installs the socket capture; returns the queue's entry points for the other taps of the page
 * (worker-tap.ts), or undefined when nothing was installed (no WebSocket, or installed already).
 */
export function installInterceptor(
  win: Window & typeof globalThis,
  options: InterceptorOptions,
): FrameSink | undefined {
  const NativeWebSocket = win.WebSocket;
  if (typeof NativeWebSocket !== 'function') return undefined;
  if (installed.has(win)) return undefined;
  installed.add(win);

  // Everything the interceptor calls later comes from here (see page-intrinsics.ts).
  const native = pageIntrinsics(win);
  const { now, setTimeout: setTimer, requestIdleCallback: whenIdle, stringify, CustomEvent: CustomEventCtor } = native;
  const doc = win.document;
  const flushMs = options.flushMs ?? 2000;
  const maxQueuedBytes = options.maxQueuedBytes ?? 16 * 1024 * 1024;
  const maxBusyBytes = options.maxBusyBytes ?? 48 * 1024 * 1024;

  const queue: Pending[] = [];
  let queuedBytes = 0;
  let shedFrames = 0;
  let seq = 0;
  let socketCount = 0;
  let channel: EventTarget | null = null;
  let timer = false;
  let lastPush = 0;
  let lastHandOff = 0;
  /** A hand-off round is under way: its slices do not wait HAND_OFF_EVERY_MS for each other. */
  let draining = false;
  let failures = 0;
  const socketIds: WeakMap<object, string> = new native.WeakMap();
  const unannouncedUrl: Map<string, string> = new native.Map();

  /** The queue API: every tap enqueues its frames here, in the order they happened. */
  function push(frame: Pending, approxBytes: number): void {
    queue[queue.length] = frame;
    queuedBytes += approxBytes;
    lastPush = frame.t;
    if (timer) return;
    // The first look goes straight to when the next hand-off may be (light traffic: one timer
    // per hand-off instead of two), or a quiet period away while a round is under way or the
    // page is hidden (see handOffWhenQuiet).
    const wait = native.min(HAND_OFF_EVERY_MS - (frame.t - lastHandOff), flushMs);
    scheduleHandOff(
      wait > QUIET_MS && !draining && native.visibilityState(doc) !== 'hidden' && channel ? wait : QUIET_MS,
    );
  }

  function pushLater(frame: Pending, approxUnits: number, text: () => string | JsonPieces): void {
    frame.later = { text, units: approxUnits };
    push(frame, approxUnits);
  }

  function scheduleHandOff(waitMs: number): void {
    if (timer) return;
    timer = true;
    setTimer(handOffWhenQuiet, waitMs);
  }

  function base(socket: string, dir: PageFrame['dir'], kind: PageFrame['kind']): Pending {
    // Every key is an own property from the start, so later assignments never reach a setter a
    // page may have put on Object.prototype.
    const frame: Pending = {
      seq: ++seq,
      t: now(),
      socket,
      dir,
      kind,
      url: undefined,
      data: undefined,
      size: undefined,
      close: undefined,
      http: undefined,
      len: undefined,
      json: undefined,
      channel: undefined,
      later: undefined,
      pieces: undefined,
    };
    const url = native.mapGet(unannouncedUrl, socket) as string | undefined;
    if (url !== undefined) {
      frame.url = url;
      native.mapDelete(unannouncedUrl, socket);
    }
    return frame;
  }

  function notice(message: string): void {
    const frame = base('capture', 'meta', 'notice');
    frame.data = message;
    push(frame, message.length);
  }

  function guard(what: string, error: unknown): void {
    // A broken interceptor must not flood the capture either: report the first few failures.
    if (++failures > 20) return;
    try {
      notice(`interceptor failure in ${what}: ${String(error instanceof Error ? error.message : error)}`);
    } catch {
      // Nothing left to report through.
    }
  }

  function socketId(ws: object): string {
    let id = native.weakMapGet(socketIds, ws) as string | undefined;
    if (id === undefined) {
      id = `ws-${++socketCount}`;
      native.weakMapSet(socketIds, ws, id);
    }
    return id;
  }

  function binary(socket: string, dir: 'in' | 'out', payload: unknown): void {
    const frame = base(socket, dir, 'binary');
    // The page's own realm decides what a Blob or an ArrayBuffer is.
    if (payload instanceof native.ArrayBuffer) {
      frame.size = payload.byteLength;
      frame.data = hexPreview(new native.Uint8Array(payload, 0, native.min(payload.byteLength, PREVIEW_BYTES)));
    } else if (native.isView(payload)) {
      frame.size = payload.byteLength;
      frame.data = hexPreview(
        new native.Uint8Array(payload.buffer, payload.byteOffset, native.min(payload.byteLength, PREVIEW_BYTES)),
      );
    } else if (payload instanceof native.Blob) {
      // Reading a Blob is asynchronous: the frame keeps its place in the queue and the batch
      // waits for its preview, while the page's own handlers run without delay.
      frame.size = payload.size;
      frame.pending = true;
      const settle = (preview: string): void => {
        frame.data = preview;
        frame.pending = undefined;
        scheduleHandOff(QUIET_MS);
      };
      native.promiseThen(
        native.blobArrayBuffer(native.blobSlice(payload, 0, PREVIEW_BYTES)),
        (buffer: ArrayBuffer) => settle(hexPreview(new native.Uint8Array(buffer))),
        (error: unknown) => settle(`(preview unavailable: ${String(error)})`),
      );
    } else {
      frame.size = 0;
      frame.data = `(unrecognised payload type ${native.objectToString(payload)})`;
    }
    push(frame, 200);
  }

  function record(socket: string, dir: 'in' | 'out', payload: unknown): void {
    if (typeof payload === 'string') {
      const frame = base(socket, dir, 'text');
      frame.data = payload;
      push(frame, payload.length);
    } else {
      binary(socket, dir, payload);
    }
  }

  // The credential cleaning of src/frame/credentials.ts through built-ins taken before any page
  // script could replace them.
  const textOps: TextOps = {
    exec: (re, text) => native.regexExec(re, text) as RegExpExecArray | null,
    slice: (text, start, end) => native.stringSlice(text, start, end) as string,
  };

  function track(ws: WebSocket, rawUrl: string): void {
    // A socket URL may carry a token (`?access_token=`): recorded without it, as a REST call's.
    const url = cleanCredentialUrl(rawUrl, textOps);
    const id = socketId(ws);
    native.mapSet(unannouncedUrl, id, url);
    native.addEventListener(ws, 'open', () => {
      try {
        const frame = base(id, 'in', 'open');
        frame.url = url;
        frame.size = 0;
        push(frame, 100);
      } catch (error) {
        guard('open', error);
      }
    });
    native.addEventListener(ws, 'message', (event: Event) => {
      try {
        record(id, 'in', (event as MessageEvent).data);
      } catch (error) {
        guard('message', error);
      }
    });
    native.addEventListener(ws, 'error', () => {
      try {
        const frame = base(id, 'in', 'error');
        frame.size = 0;
        push(frame, 100);
      } catch (error) {
        guard('error', error);
      }
    });
    native.addEventListener(ws, 'close', (closeEvent: Event) => {
      try {
        const event = closeEvent as CloseEvent;
        const frame = base(id, 'in', 'close');
        frame.size = 0;
        frame.close = { code: event.code, reason: event.reason, wasClean: event.wasClean };
        push(frame, 100 + event.reason.length);
      } catch (error) {
        guard('close', error);
      }
    });
  }

  function shedOverflow(): void {
    // Only while no relay listens (the extension is gone or not yet up): keep the page's memory
    // bounded. The hole shows as a seq gap plus a notice.
    let shed = 0;
    while (queuedBytes > maxQueuedBytes && queue.length > 1) {
      queuedBytes -= approxBytes(native.arrayShift(queue) as Pending);
      shed++;
    }
    if (shed) {
      shedFrames += shed;
      notice(`interceptor shed ${shed} frames (${shedFrames} in all) while the extension was not listening`);
    }
  }

  function approxBytes(frame: Pending): number {
    if (frame.later !== undefined) return frame.later.units;
    return typeof frame.data === 'string' ? frame.data.length : 100;
  }

  /** Frames at the head of the queue that can go now (a Blob still being read holds its place). */
  function readyFrames(): number {
    let ready = 0;
    while (ready < queue.length && !queue[ready]!.pending) ready++;
    return ready;
  }

  /**
   * Hands the oldest ready frames to the relay, at most one slice (SLICE_FRAMES frames or
   * SLICE_UNITS payload units), or `limit` frames. Returns how many frames went.
   */
  function handOverSlice(limit: number): number {
    let count = 0;
    let units = 0;
    while (count < limit && count < SLICE_FRAMES && units < SLICE_UNITS) units += approxBytes(queue[count++]!);
    if (count === 0) return 0;
    lastHandOff = now();
    const frames = native.arraySplice(queue, 0, count) as Pending[];
    queuedBytes = queue.length ? native.max(0, queuedBytes - units) : 0;
    for (let i = 0; i < frames.length; i++) {
      const frame = frames[i]!;
      const later = frame.later;
      if (later === undefined) continue;
      // A function must not travel: the text is made now, within this slice's budget.
      frame.later = undefined;
      try {
        const text = later.text();
        if (typeof text === 'string') frame.data = text;
        // Firefox's chunk is one JSON string anyway: the pieces are joined here.
        else if (options.stringDetail) frame.data = joinPieces(text);
        else frame.pieces = text;
      } catch (error) {
        frame.data = '(the message could not be written as JSON)';
        guard('worker message', error);
      }
    }
    dispatchChunk(frames);
    return count;
  }

  function joinPieces(pieces: JsonPieces): string {
    let text = pieces.texts[0]!;
    for (let i = 0; i < pieces.strings.length; i++) text += stringify(pieces.strings[i]) + pieces.texts[i + 1]!;
    return text;
  }

  /** Hands over everything ready now, in slices (the page is going away). */
  function flush(): void {
    try {
      if (!channel) return;
      for (let ready = readyFrames(); ready > 0; ) ready -= handOverSlice(ready);
    } catch (error) {
      guard('flush', error);
    }
  }

  /**
   * The scheduled hand-off. Frames wait until the sockets have been quiet for QUIET_MS and the
   * page is idle, then go in slices within the idle period. A page that stays busy for `flushMs`
   * gets one slice per BUSY_SLICE_MS, and everything above `maxBusyBytes` at once, so memory
   * stays bounded under sustained load.
   */
  function handOffWhenQuiet(): void {
    timer = false;
    try {
      if (!channel) {
        shedOverflow();
        return;
      }
      const ready = readyFrames();
      if (ready === 0) return;
      const t = now();
      if (native.visibilityState(doc) === 'hidden') {
        // Nobody is looking at a hidden page, and the browser throttles its timers and idle
        // callbacks (down to one wake-up a minute): a waiting queue would only grow.
        flush();
      } else if (t - queue[0]!.t >= flushMs || queuedBytes > maxBusyBytes) {
        let left = ready - handOverSlice(ready);
        while (left > 0 && queuedBytes > maxBusyBytes) left -= handOverSlice(left);
        if (left > 0) scheduleHandOff(BUSY_SLICE_MS);
      } else if (!draining && t - lastHandOff < HAND_OFF_EVERY_MS) {
        scheduleHandOff(HAND_OFF_EVERY_MS - (t - lastHandOff));
      } else if (t - lastPush < QUIET_MS) {
        // Look again a whole quiet period later: a timer per frame would itself cost the burst.
        scheduleHandOff(QUIET_MS);
      } else if (whenIdle) {
        timer = true;
        whenIdle(handOffInIdleTime, { timeout: native.max(1, flushMs - (t - queue[0]!.t)) });
      } else {
        flush();
      }
    } catch (error) {
      guard('flush', error);
    }
  }

  function handOffInIdleTime(deadline: IdleDeadline): void {
    timer = false;
    try {
      let ready = readyFrames();
      const start = now();
      // Called by its timeout, the page was never idle: one slice, so the round still advances.
      if (deadline.didTimeout) ready -= handOverSlice(ready);
      // A slice starts only if one more like the last still ends within IDLE_SLICE_MS: checking
      // the time alone let the last slice run past it (16 ms tasks in the burst benchmark, all
      // of it the cross-world hand-off and the relay's work on it).
      let sliceMs = 0;
      while (ready > 0 && deadline.timeRemaining() > 1 && now() - start + sliceMs < IDLE_SLICE_MS) {
        const sliceStart = now();
        ready -= handOverSlice(ready);
        sliceMs = now() - sliceStart;
      }
      // The rest of this round follows in the next idle periods, unless the sockets got busy.
      draining = ready > 0;
      if (draining) scheduleHandOff(0);
    } catch (error) {
      guard('flush', error);
    }
  }

  function dispatchChunk(frames: Pending[]): void {
    if (options.stringDetail) {
      native.dispatchEvent(channel, new CustomEventCtor(FRAMES_EVENT, { detail: stringify({ frames }) }));
      return;
    }
    // Text payloads ride as Text nodes on the private channel node: the DOM shares a string
    // between worlds without copying it, where an event's detail is cloned byte by byte.
    for (let i = 0; i < frames.length; i++) {
      const frame = frames[i]!;
      if (frame.kind === 'text' && frame.data !== undefined) {
        frame.len = frame.data.length;
        native.appendChild(channel, native.createTextNode(doc, frame.data));
        frame.data = undefined;
      } else if (frame.pieces !== undefined) {
        // JSON text in pieces: its long strings go over as they are, like a socket frame's text.
        const { texts, strings } = frame.pieces;
        const lengths: number[] = [];
        let units = 0;
        for (let k = 0; k < texts.length + strings.length; k++) {
          const piece = k % 2 ? strings[k >> 1]! : texts[k >> 1]!;
          // Not by assignment: an index setter a page put on Array.prototype never sees it.
          native.defineProperty(lengths, k, {
            value: piece.length,
            enumerable: true,
            writable: true,
            configurable: true,
          });
          units += piece.length;
          native.appendChild(channel, native.createTextNode(doc, piece));
        }
        frame.json = lengths;
        frame.len = units;
        frame.pieces = undefined;
      }
    }
    native.dispatchEvent(channel, new CustomEventCtor(FRAMES_EVENT, { detail: { frames } }));
  }

  const onHello = (event: Event): void => {
    try {
      const node = (event as MouseEvent).relatedTarget;
      if (channel || !node) return;
      channel = node;
      native.removeEventListener(doc, HELLO_EVENT, onHello, true);
      native.dispatchEvent(channel, new CustomEventCtor(CONNECTED_EVENT));
      if (queue.length) scheduleHandOff(0);
    } catch (error) {
      guard('handshake', error);
    }
  };
  native.addEventListener(doc, HELLO_EVENT, onHello, true);
  native.dispatchEvent(doc, new CustomEventCtor(READY_EVENT));
  // The last frames of a page that is going away must not wait for a timer that never fires.
  native.addEventListener(win, 'pagehide', () => flush(), true);

  // The page's calls to the WxCC API travel in the same queue (http-tap.ts).
  try {
    installHttpTap(win, { frame: base, push, guard });
  } catch (error) {
    guard('install http', error);
  }

  const disguise = disguiseFor(win);
  const proxy = disguise.wrap(NativeWebSocket, {
    // biome-ignore lint/complexity/noBannedTypes: ProxyHandler declares newTarget as Function.
    construct(target, args: unknown[], newTarget: Function) {
      // Constructing can throw (bad URL, bad protocols): the page must get that very exception.
      const ws = native.construct(target, args, newTarget) as WebSocket;
      try {
        track(ws, ws.url);
      } catch (error) {
        guard('constructor', error);
      }
      return ws;
    },
  });

  const proto = NativeWebSocket.prototype;
  // A Proxy, not a wrapper function: name, length and `Function.prototype.toString` stay what the
  // page knew, and a bad `this` throws the browser's own TypeError.
  const patchedSend = disguise.wrap(proto.send, {
    apply(target, self: WebSocket, args: unknown[]) {
      const result = native.apply(target, self, args);
      try {
        // A socket that is closing or closed discards what it is given: that was never sent.
        if (self.readyState === 1) record(socketId(self), 'out', args[0]);
      } catch (error) {
        guard('send', error);
      }
      return result;
    },
  });
  try {
    const { defineProperty, getOwnPropertyDescriptor } = native;
    defineProperty(proto, 'send', { ...getOwnPropertyDescriptor(proto, 'send'), value: patchedSend });
    // `ws.constructor === WebSocket` must stay true now that `WebSocket` is the proxy.
    defineProperty(proto, 'constructor', { ...getOwnPropertyDescriptor(proto, 'constructor'), value: proxy });
    defineProperty(win, 'WebSocket', { ...getOwnPropertyDescriptor(win, 'WebSocket'), value: proxy });
  } catch (error) {
    guard('install', error);
  }
  return { frame: base, push, pushLater, guard };
}
