import type { PageFrame } from '../shared/page-chunk';
import { HTTP_SOCKET_PREFIX } from '../../frame/http';
import { cleanCredentialText, cleanCredentialUrl, type TextOps } from '../../frame/credentials';
import { isWxccApiHost, WXCC_API_PATH } from '../../frame/wxcc-api';
import { disguiseFor } from './disguise';

/**
 * The page's calls to the WxCC API, observed from `fetch` and `XMLHttpRequest` (the stock Desktop
 * uses axios, i.e. XHR), as `request`/`response` frames (src/frame/http.ts). Same rules as the
 * socket interceptor:
 * - the page sees no difference: `fetch` returns the very promise the browser made, XHR methods
 *   keep their name, length, `toString`, `this` checks and exceptions (disguised Proxies of the
 *   originals, disguise.ts); response bodies are never read but for a small JSON error body,
 *   read from a clone;
 * - per request it builds one small frame and pushes it; requests to other origins cost one URL
 *   check;
 * - nothing throws into the page: every path is guarded.
 * Recorded: method, URL, a text request body and a small JSON error body, each with its
 * credentials removed (src/frame/credentials.ts: the same cleaning as a HAR's REST calls get on
 * import), the `trackingid` request and response headers, status, times. No other header is read
 * at all: never `Authorization`, cookies or tokens.
 *
 * Which requests: the WxCC API hosts (`api.wxcc-<dc>.cisco.com`, `*.ciscoccservice.com`), and,
 * when the page itself is not a stock Agent Desktop (an origin the user added, a test page), WxCC
 * API paths (`/v1/tasks/…`, `/v1/agents/…`, `/v1/notification/…`) on the page's own origin.
 */

export interface HttpTapSink {
  /** A new frame with its page seq and time, every key already an own property. */
  frame(socket: string, dir: PageFrame['dir'], kind: PageFrame['kind']): PageFrame;
  push(frame: PageFrame, approxBytes: number): void;
  guard(what: string, error: unknown): void;
}

/** Error bodies up to this many characters are kept; larger ones, and any other body, are not read. */
const MAX_ERROR_BODY = 4096;
/** Request bodies beyond this are not recorded (WxCC operation bodies are a few hundred bytes). */
const MAX_REQUEST_BODY = 65_536;

const ABSOLUTE = /^([a-z][a-z0-9+.-]*):\/\/([^/?#:]*)(?::\d*)?([^?#]*)/i;
const STOCK_DESKTOP = /^https:\/\/desktop\.wxcc-[a-z0-9]+\.cisco\.com$/i;

interface XhrState {
  method: string;
  url: string | undefined;
  trackingId: string | undefined;
  socket: string | undefined;
  started: boolean;
  listening: boolean;
  error: string | undefined;
}

type AnyFunction = (...args: unknown[]) => unknown;

export function installHttpTap(win: Window & typeof globalThis, sink: HttpTapSink): void {
  // Everything called later is taken now, at document_start, before any page script can replace it.
  const callBound = win.Function.prototype.call;
  const uncurry = <F extends AnyFunction>(fn: F) =>
    callBound.bind(fn) as (self: unknown, ...args: unknown[]) => unknown;
  const getter = (proto: object, name: string) => {
    const get = win.Object.getOwnPropertyDescriptor(proto, name)?.get;
    return get ? uncurry(get as AnyFunction) : undefined;
  };
  const { apply } = win.Reflect;
  const { defineProperty, getOwnPropertyDescriptor, keys } = win.Object;
  const isArray = win.Array.isArray;
  // Proxies whose toString reads like the native function's and whose thrown stacks hide ours.
  const disguise = disguiseFor(win);
  const URLCtor = win.URL;
  const urlHref = getter(URLCtor.prototype, 'href');
  const stringSlice = uncurry(win.String.prototype.slice as AnyFunction);
  const toLower = uncurry(win.String.prototype.toLowerCase as AnyFunction);
  const toUpper = uncurry(win.String.prototype.toUpperCase as AnyFunction);
  const regexExec = uncurry(win.RegExp.prototype.exec as AnyFunction);
  const regexTest = uncurry(win.RegExp.prototype.test as AnyFunction);
  const stringIncludes = uncurry(win.String.prototype.includes as AnyFunction);
  const weakMapGet = uncurry(win.WeakMap.prototype.get as AnyFunction);
  const weakMapSet = uncurry(win.WeakMap.prototype.set as AnyFunction);
  const promiseThen = uncurry(win.Promise.prototype.then as AnyFunction);
  const addListener = uncurry(win.EventTarget.prototype.addEventListener as AnyFunction);
  const doc = win.document;
  const baseURI = getter(win.Node.prototype, 'baseURI');
  const pageOrigin = String(win.location.origin);
  // On a stock desktop only the API hosts count; elsewhere its own origin's API paths too.
  const ownOrigin = !regexTest(STOCK_DESKTOP, pageOrigin);
  let requests = 0;

  /** The absolute URL when it is a WxCC API call, else undefined. */
  function apiUrl(raw: string): string | undefined {
    let absolute = raw;
    let parts = regexExec(ABSOLUTE, raw) as RegExpExecArray | null;
    if (!parts) {
      if (!ownOrigin) return undefined;
      absolute = urlHref!(new URLCtor(raw, baseURI!(doc) as string)) as string;
      parts = regexExec(ABSOLUTE, absolute) as RegExpExecArray | null;
      if (!parts) return undefined;
    }
    const scheme = toLower(parts[1]) as string;
    if (scheme === 'https' && isWxccApiHost(parts[2]!)) return absolute;
    if (ownOrigin && regexTest(WXCC_API_PATH, parts[3] || '/')) {
      const origin = (regexExec(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, absolute) as RegExpExecArray)[0];
      if (toLower(origin) === toLower(pageOrigin)) return absolute;
    }
    return undefined;
  }

  // The credential cleaning (src/frame/credentials.ts) through the built-ins taken above.
  const textOps: TextOps = {
    exec: (re, text) => regexExec(re, text) as RegExpExecArray | null,
    slice: (text, start, end) => stringSlice(text, start, end) as string,
  };

  function scrubBody(body: unknown): string | undefined {
    if (typeof body !== 'string') return undefined;
    if (body.length > MAX_REQUEST_BODY) return `(request body of ${body.length} characters not recorded)`;
    return cleanCredentialText(body, textOps);
  }

  function ownValue(object: unknown, key: string): unknown {
    if (typeof object !== 'object' || object === null) return undefined;
    const descriptor = getOwnPropertyDescriptor(object, key);
    // A getter would be page code with side effects: only plain data properties are read.
    return descriptor && 'value' in descriptor ? descriptor.value : undefined;
  }

  function started(
    socket: string,
    url: string,
    method: string,
    body: unknown,
    trackingId: string | undefined,
    api: 'fetch' | 'xhr',
  ): void {
    const frame = sink.frame(socket, 'out', 'request');
    frame.url = cleanCredentialUrl(url, textOps);
    const data = scrubBody(body);
    if (data !== undefined) frame.data = data;
    frame.http = trackingId === undefined ? { method, api } : { method, api, trackingId };
    sink.push(frame, 200 + url.length + (data?.length ?? 0));
  }

  function ended(
    socket: string,
    status: number,
    trackingId: string | null | undefined,
    error?: string,
    body?: string,
  ): void {
    const frame = sink.frame(socket, 'in', 'response');
    const http: NonNullable<PageFrame['http']> = { status };
    if (typeof trackingId === 'string') http.trackingId = trackingId;
    if (error !== undefined) http.error = error;
    frame.http = http;
    // An error body is the server's text: it may echo a token or name a session.
    if (body !== undefined) frame.data = cleanCredentialText(body, textOps);
    else frame.size = 0;
    sink.push(frame, 100 + (body?.length ?? 0));
  }

  const nextSocket = () => `${HTTP_SOCKET_PREFIX}${++requests}`;

  // --- fetch -------------------------------------------------------------------------------
  const nativeFetch = win.fetch;
  const RequestProto = win.Request?.prototype;
  const ResponseProto = win.Response?.prototype;
  const HeadersProto = win.Headers?.prototype;
  if (typeof nativeFetch === 'function' && RequestProto && ResponseProto && HeadersProto) {
    const requestUrl = getter(RequestProto, 'url')!;
    const requestMethod = getter(RequestProto, 'method')!;
    const requestHeaders = getter(RequestProto, 'headers')!;
    const responseStatus = getter(ResponseProto, 'status')!;
    const responseHeaders = getter(ResponseProto, 'headers')!;
    const responseClone = uncurry(ResponseProto.clone as AnyFunction);
    const responseText = uncurry(ResponseProto.text as AnyFunction);
    const headersGet = uncurry(HeadersProto.get as AnyFunction);
    const RequestCtor = win.Request;
    const HeadersCtor = win.Headers;

    const trackingOf = (headers: unknown): string | undefined => {
      if (headers instanceof HeadersCtor) return (headersGet(headers, 'trackingid') as string | null) ?? undefined;
      if (isArray(headers)) {
        for (let i = 0; i < headers.length; i++) {
          const pair = headers[i];
          if (isArray(pair) && typeof pair[0] === 'string' && toLower(pair[0]) === 'trackingid')
            return typeof pair[1] === 'string' ? pair[1] : undefined;
        }
        return undefined;
      }
      if (typeof headers !== 'object' || headers === null) return undefined;
      const names = keys(headers);
      for (let i = 0; i < names.length; i++) {
        if (toLower(names[i]) === 'trackingid') {
          const value = ownValue(headers, names[i]!);
          return typeof value === 'string' ? value : undefined;
        }
      }
      return undefined;
    };

    /** The request's socket id when it is a WxCC API call (the request frame is then queued). */
    const onFetch = (input: unknown, init: unknown): string | undefined => {
      let raw: string | undefined;
      let method: unknown = ownValue(init, 'method');
      let headers: unknown = ownValue(init, 'headers');
      if (typeof input === 'string') raw = input;
      else if (input instanceof URLCtor) raw = urlHref!(input) as string;
      else if (input instanceof RequestCtor) {
        raw = requestUrl(input) as string;
        method ??= requestMethod(input);
        headers ??= requestHeaders(input);
      } else return undefined;
      const url = apiUrl(raw);
      if (url === undefined) return undefined;
      const socket = nextSocket();
      started(
        socket,
        url,
        typeof method === 'string' ? (toUpper(method) as string) : 'GET',
        ownValue(init, 'body'),
        trackingOf(headers),
        'fetch',
      );
      return socket;
    };

    const onResponse = (socket: string, response: unknown): void => {
      try {
        const status = responseStatus(response) as number;
        const headers = responseHeaders(response);
        const trackingId = headersGet(headers, 'trackingid') as string | null;
        if (status >= 400) {
          const type = headersGet(headers, 'content-type') as string | null;
          const length = Number(headersGet(headers, 'content-length'));
          if (type && stringIncludes(type, 'json') && length > 0 && length <= MAX_ERROR_BODY) {
            // Read from a clone: the page's own response is left unread for the page.
            promiseThen(
              responseText(responseClone(response)),
              (text: unknown) => {
                try {
                  ended(socket, status, trackingId, undefined, typeof text === 'string' ? text : undefined);
                } catch (error) {
                  sink.guard('fetch response', error);
                }
              },
              () => {
                try {
                  ended(socket, status, trackingId);
                } catch (error) {
                  sink.guard('fetch response', error);
                }
              },
            );
            return;
          }
        }
        ended(socket, status, trackingId);
      } catch (error) {
        sink.guard('fetch response', error);
      }
    };

    const onFailure = (socket: string, reason: unknown): void => {
      try {
        const name = typeof reason === 'object' && reason !== null ? ownValue(reason, 'name') : undefined;
        ended(socket, 0, undefined, name === 'AbortError' ? 'aborted' : 'network error');
      } catch (error) {
        sink.guard('fetch failure', error);
      }
    };

    const fetchProxy = disguise.wrap(nativeFetch, {
      apply(target, self, args: unknown[]) {
        let socket: string | undefined;
        try {
          socket = onFetch(args[0], args[1]);
        } catch (error) {
          sink.guard('fetch', error);
        }
        if (socket === undefined) return apply(target, self, args);
        let result: unknown;
        try {
          result = apply(target, self, args);
        } catch (thrown) {
          onFailure(socket, thrown);
          throw thrown;
        }
        try {
          // A reaction of our own on the browser's promise; the page gets that same promise.
          promiseThen(
            result,
            (response: unknown) => onResponse(socket, response),
            (reason: unknown) => onFailure(socket, reason),
          );
        } catch (error) {
          sink.guard('fetch', error);
        }
        return result;
      },
    });
    try {
      defineProperty(win, 'fetch', { ...getOwnPropertyDescriptor(win, 'fetch'), value: fetchProxy });
    } catch (error) {
      sink.guard('install fetch', error);
    }
  }

  // --- XMLHttpRequest -------------------------------------------------------------------------
  const XhrProto = win.XMLHttpRequest?.prototype;
  if (!XhrProto) return;
  const states: WeakMap<object, XhrState> = new win.WeakMap();
  const xhrStatus = getter(XhrProto, 'status')!;
  const xhrResponseType = getter(XhrProto, 'responseType')!;
  const xhrResponseText = getter(XhrProto, 'responseText')!;
  const xhrResponseHeader = uncurry(XhrProto.getResponseHeader as AnyFunction);

  const onXhrEvent = function (this: XMLHttpRequest, event: Event): void {
    try {
      const state = weakMapGet(states, this) as XhrState | undefined;
      if (!state?.started || state.socket === undefined) return;
      const type = event.type;
      if (type === 'error') state.error = 'network error';
      else if (type === 'abort') state.error = 'aborted';
      else if (type === 'timeout') state.error = 'timeout';
      if (type !== 'loadend') return;
      state.started = false;
      const status = xhrStatus(this) as number;
      if (status === 0) {
        ended(state.socket, 0, undefined, state.error ?? 'network error');
        return;
      }
      const trackingId = xhrResponseHeader(this, 'trackingid') as string | null;
      let body: string | undefined;
      if (status >= 400) {
        const responseType = xhrResponseType(this);
        const contentType = xhrResponseHeader(this, 'content-type') as string | null;
        if ((responseType === '' || responseType === 'text') && contentType && stringIncludes(contentType, 'json')) {
          const text = xhrResponseText(this) as string;
          if (text.length <= MAX_ERROR_BODY) body = text;
        }
      }
      ended(state.socket, status, trackingId, undefined, body);
    } catch (error) {
      sink.guard('xhr loadend', error);
    }
  };

  /**
   * Replaces an XHR method by a Proxy of it: `before` runs ahead of the browser's method, `after`
   * once it returned, `failed` when it threw (the page then gets that very exception).
   */
  const patch = (
    name: 'open' | 'setRequestHeader' | 'send',
    hooks: {
      before?: (xhr: object, args: unknown[]) => void;
      after?: (xhr: object, args: unknown[]) => void;
      failed?: (xhr: object) => void;
    },
  ) => {
    const original = XhrProto[name] as AnyFunction;
    const proxy = disguise.wrap(original, {
      apply(target, self: object, args: unknown[]) {
        if (hooks.before) {
          try {
            hooks.before(self, args);
          } catch (error) {
            sink.guard(`xhr ${name}`, error);
          }
        }
        let result: unknown;
        try {
          result = apply(target, self, args);
        } catch (thrown) {
          try {
            hooks.failed?.(self);
          } catch (error) {
            sink.guard(`xhr ${name}`, error);
          }
          throw thrown;
        }
        if (hooks.after) {
          try {
            hooks.after(self, args);
          } catch (error) {
            sink.guard(`xhr ${name}`, error);
          }
        }
        return result;
      },
    });
    try {
      defineProperty(XhrProto, name, { ...getOwnPropertyDescriptor(XhrProto, name), value: proxy });
    } catch (error) {
      sink.guard(`install xhr ${name}`, error);
    }
  };

  patch('open', {
    // Reached only when the browser's open() accepted its arguments.
    after(xhr, args) {
      const input = args[1];
      const raw =
        typeof input === 'string' ? input : input instanceof URLCtor ? (urlHref!(input) as string) : undefined;
      const url = raw === undefined ? undefined : apiUrl(raw);
      let state = weakMapGet(states, xhr) as XhrState | undefined;
      if (!state) {
        if (url === undefined) return;
        state = {
          method: 'GET',
          url,
          trackingId: undefined,
          socket: undefined,
          started: false,
          listening: false,
          error: undefined,
        };
        weakMapSet(states, xhr, state);
      }
      state.url = url;
      state.method = typeof args[0] === 'string' ? (toUpper(args[0]) as string) : 'GET';
      state.trackingId = undefined;
      state.started = false;
      state.error = undefined;
      if (url !== undefined && !state.listening) {
        // Added at open, before a library sets its onloadend after open (axios does).
        state.listening = true;
        addListener(xhr, 'loadend', onXhrEvent);
        addListener(xhr, 'error', onXhrEvent);
        addListener(xhr, 'abort', onXhrEvent);
        addListener(xhr, 'timeout', onXhrEvent);
      }
    },
  });

  patch('setRequestHeader', {
    after(xhr, args) {
      const state = weakMapGet(states, xhr) as XhrState | undefined;
      // Only the name is compared: no other header's value is ever looked at.
      if (state?.url !== undefined && typeof args[0] === 'string' && toLower(args[0]) === 'trackingid')
        state.trackingId = typeof args[1] === 'string' ? args[1] : undefined;
    },
  });

  let startedNow: XhrState | undefined;
  patch('send', {
    // Queued before the browser's send(): a synchronous request completes inside it, and its
    // loadend must not come first.
    before(xhr, args) {
      startedNow = undefined;
      const state = weakMapGet(states, xhr) as XhrState | undefined;
      if (state?.url === undefined || state.started) return;
      startedNow = state;
      state.socket = nextSocket();
      state.started = true;
      state.error = undefined;
      started(state.socket, state.url, state.method, args[0], state.trackingId, 'xhr');
    },
    // send() threw (not opened, already sent): the request never left.
    failed(xhr) {
      const state = weakMapGet(states, xhr) as XhrState | undefined;
      // Only the request this very call started (a second send() of a running one throws too).
      if (!state || state !== startedNow || !state.started || state.socket === undefined) return;
      startedNow = undefined;
      state.started = false;
      ended(state.socket, 0, undefined, 'not sent');
    },
  });
}
