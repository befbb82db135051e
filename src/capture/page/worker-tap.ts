import { cleanCredentialUrl, type TextOps } from '../../frame/credentials';
import type { PageFrame } from '../shared/page-chunk';
import { cloneJsonNatives, cloneToJson, cloneToJsonPieces, type JsonPieces, snapshotForJson } from './clone-json';

/**
 * What the worker tap needs from the interceptor: its queue (so worker messages share the page's
 * one seq numbering, order and batching with socket frames) and its failure reporting.
 */
export interface FrameSink {
  /** A new frame, numbered and timed now; fill it in and hand it to `push`. */
  frame(socket: string, dir: PageFrame['dir'], kind: PageFrame['kind']): PageFrame;
  /** Queues the frame; `approxBytes` bounds the queue while no relay listens. */
  push(frame: PageFrame, approxBytes: number): void;
  /**
   * Queues a text frame whose `data` is made by `text()` when the frame is handed over, in the
   * hand-off's idle-time slice instead of now (`approxUnits`: its estimated length). `text` must
   * not depend on anything the page can still change, and never throws. It may give JSON text in
   * pieces, whose long strings the hub escapes (clone-json.ts).
   */
  pushLater(frame: PageFrame, approxUnits: number, text: () => string | JsonPieces): void;
  /** Reports a failure of our own as a notice frame; never throws. */
  guard(what: string, error: unknown): void;
}

/**
 * The worker tap (protocol doc §10.8: the Desktop can run its notification socket in a dedicated
 * worker, which a `WebSocket` patch in the page never sees). It wraps `Worker` and `SharedWorker`
 * the way the interceptor wraps `WebSocket`:
 * - the page sees no difference: the constructors are Proxies that return the native object, our
 *   listeners are attached inside the constructor before any of the page's, `postMessage` keeps
 *   its name, length, transfer semantics and exceptions (a message that fails to clone throws the
 *   browser's own DataCloneError and is not recorded);
 * - every message either way becomes a `worker` channel frame of that worker (`worker-N`, the
 *   script URL on its first frame), its data as JSON text (clone-json.ts); for a message with a
 *   transfer list the text is taken before the native call detaches the buffers;
 * - a JSON-like message (the Desktop's are) is only copied structurally when it happens (strings
 *   by reference: a cost per value, not per byte) and written as JSON text when the queue hands
 *   it over in the page's idle time, like a socket frame's copy; anything else is written at once;
 *   its long strings (the notification frame a worker relays) are handed over unescaped, as a
 *   socket frame's text is, and the hub escapes them;
 * - nothing is thrown into the page: every path is guarded.
 * A SharedWorker's frames are those of its `port`; our listener does not start the port (only
 * `start()` or the page's `onmessage` do), so messages still wait for the page as before.
 */
export function installWorkerTap(win: Window & typeof globalThis, sink: FrameSink): void {
  const NativeWorker = typeof win.Worker === 'function' ? win.Worker : undefined;
  const NativeSharedWorker = typeof win.SharedWorker === 'function' ? win.SharedWorker : undefined;
  const NativeMessagePort = typeof win.MessagePort === 'function' ? win.MessagePort : undefined;
  if (!NativeWorker && !NativeSharedWorker) return;

  const json = cloneJsonNatives(win);
  const call = win.Function.prototype.call;
  const target = win.EventTarget.prototype;
  const addEventListener = call.bind(target.addEventListener) as (
    self: unknown,
    type: string,
    listener: (event: Event) => void,
  ) => void;
  const construct = win.Reflect.construct;
  const apply = win.Reflect.apply;
  const defineProperty = win.Object.defineProperty;
  const getOwnPropertyDescriptor = win.Object.getOwnPropertyDescriptor;
  const ProxyCtor = win.Proxy;
  const URLCtor = win.URL;
  const ids: WeakMap<object, string> = new win.WeakMap();
  const weakMapGet = call.bind(win.WeakMap.prototype.get) as (map: unknown, key: unknown) => string | undefined;
  const weakMapSet = call.bind(win.WeakMap.prototype.set) as (map: unknown, key: unknown, value: string) => void;
  const eventData = call.bind(getOwnPropertyDescriptor(win.MessageEvent.prototype, 'data')!.get!) as (
    event: unknown,
  ) => unknown;
  const portOf =
    NativeSharedWorker &&
    (call.bind(getOwnPropertyDescriptor(NativeSharedWorker.prototype, 'port')!.get!) as (worker: unknown) => object);
  const urlHref = call.bind(getOwnPropertyDescriptor(URLCtor.prototype, 'href')!.get!) as (url: unknown) => string;
  // The credential cleaning of src/frame/credentials.ts through built-ins taken before any page script.
  const textOps: TextOps = {
    exec: call.bind(win.RegExp.prototype.exec) as TextOps['exec'],
    slice: call.bind(win.String.prototype.slice) as TextOps['slice'],
  };
  let workers = 0;

  /**
   * The script URL as the page gave it, resolved like the browser does, without a credential its
   * query may carry (`?access_token=`: never recorded, as for sockets and REST calls); never calls
   * page code.
   */
  function scriptUrl(arg: unknown): string {
    try {
      if (typeof arg === 'string') return cleanCredentialUrl(urlHref(new URLCtor(arg, win.document.baseURI)), textOps);
      if (arg instanceof URLCtor) return cleanCredentialUrl(urlHref(arg), textOps);
    } catch {
      // An invalid URL: the native constructor has thrown already, so this is not reached.
    }
    return '(script URL given as an object)';
  }

  function emit(id: string, dir: 'in' | 'out', text: string): void {
    const frame = sink.frame(id, dir, 'text');
    frame.channel = 'worker';
    frame.data = text;
    sink.push(frame, text.length);
  }

  /** A message as a frame: its JSON text made at hand-off time when it can be, else now. */
  function emitMessage(id: string, dir: 'in' | 'out', message: unknown): void {
    const snapshot = snapshotForJson(message, json);
    if (snapshot === undefined) {
      emit(id, dir, cloneToJson(message, json));
      return;
    }
    const frame = sink.frame(id, dir, 'text');
    frame.channel = 'worker';
    const copy = snapshot.value;
    sink.pushLater(frame, snapshot.units, () => cloneToJsonPieces(copy, json));
  }

  function track(endpoint: object, url: string, eventTarget: object): void {
    const id = `worker-${++workers}`;
    weakMapSet(ids, endpoint, id);
    // The worker's first frame names its script: an `open` the moment the page creates it.
    const open = sink.frame(id, 'out', 'open');
    open.channel = 'worker';
    open.url = url;
    open.size = 0;
    sink.push(open, url.length);
    addEventListener(eventTarget, 'message', (event: Event) => {
      try {
        emitMessage(id, 'in', eventData(event));
      } catch (error) {
        sink.guard('worker message', error);
      }
    });
    addEventListener(eventTarget, 'messageerror', () => {
      try {
        const frame = sink.frame(id, 'in', 'error');
        frame.channel = 'worker';
        frame.data = 'messageerror: a message from the worker could not be deserialised';
        frame.size = 0;
        sink.push(frame, 100);
      } catch (error) {
        sink.guard('worker messageerror', error);
      }
    });
    if (eventTarget === endpoint) {
      // A dedicated worker's uncaught script errors; adding a listener does not handle them.
      addEventListener(endpoint, 'error', (event: Event) => {
        try {
          const frame = sink.frame(id, 'in', 'error');
          frame.channel = 'worker';
          const message = (event as ErrorEvent).message;
          frame.data = typeof message === 'string' && message ? message : 'error';
          frame.size = 0;
          sink.push(frame, 100);
        } catch (error) {
          sink.guard('worker error', error);
        }
      });
    }
  }

  function wrapConstructor<C extends abstract new (...args: never[]) => object>(
    Native: C,
    endpointOf: (instance: object) => object,
  ): C {
    return new ProxyCtor(Native, {
      // biome-ignore lint/complexity/noBannedTypes: ProxyHandler declares newTarget as Function.
      construct(ctor, args: unknown[], newTarget: Function) {
        // A bad URL or a refused origin throws here: the page gets that very exception.
        const instance = construct(ctor, args, newTarget) as object;
        try {
          const endpoint = endpointOf(instance);
          track(endpoint, scriptUrl(args[0]), endpoint);
        } catch (error) {
          sink.guard('worker constructor', error);
        }
        return instance;
      },
    });
  }

  /** Records what the page posts to a tracked worker or port; untracked targets pass through untouched. */
  function wrapPostMessage(proto: { postMessage: (...args: never[]) => unknown }): void {
    const native = proto.postMessage;
    const patched = new ProxyCtor(native, {
      apply(fn, self: unknown, args: unknown[]) {
        const id = weakMapGet(ids, self);
        if (id === undefined) return apply(fn, self, args);
        let text: string | undefined;
        const transfers = args[1];
        if (transfers !== undefined && transfers !== null) {
          // Transferred buffers are detached by the call: read them first.
          try {
            text = cloneToJson(args[0], json);
          } catch (error) {
            sink.guard('worker postMessage', error);
          }
        }
        const result = apply(fn, self, args);
        try {
          if (text !== undefined) emit(id, 'out', text);
          else emitMessage(id, 'out', args[0]);
        } catch (error) {
          sink.guard('worker postMessage', error);
        }
        return result;
      },
    });
    defineProperty(proto, 'postMessage', { ...getOwnPropertyDescriptor(proto, 'postMessage'), value: patched });
  }

  function replaceGlobal(name: 'Worker' | 'SharedWorker', Native: { prototype: object }, proxy: unknown): void {
    const proto = Native.prototype;
    // `worker.constructor === Worker` must stay true now that `Worker` is the proxy.
    defineProperty(proto, 'constructor', { ...getOwnPropertyDescriptor(proto, 'constructor'), value: proxy });
    defineProperty(win, name, { ...getOwnPropertyDescriptor(win, name), value: proxy });
  }

  try {
    if (NativeWorker) {
      wrapPostMessage(NativeWorker.prototype);
      replaceGlobal(
        'Worker',
        NativeWorker,
        wrapConstructor(NativeWorker, (worker) => worker),
      );
    }
    if (NativeSharedWorker && portOf) {
      if (NativeMessagePort) wrapPostMessage(NativeMessagePort.prototype);
      replaceGlobal('SharedWorker', NativeSharedWorker, wrapConstructor(NativeSharedWorker, portOf));
    }
  } catch (error) {
    sink.guard('worker tap install', error);
  }
}
