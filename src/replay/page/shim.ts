/**
 * The replay shim for apps built on `@webex/contact-center` (or anything that talks to the WxCC
 * API itself): one script tag in the app's dev page,
 *
 *   <script src="http://127.0.0.1:<port>/replay/shim.js"></script>
 *
 * loaded before the app, makes the WxCC API and the notification socket be the replay server's:
 * - `fetch` and `XMLHttpRequest` calls to the WxCC API hosts (`api.wxcc-<dc>.cisco.com`,
 *   `*.ciscoccservice.com`) go to the replay server instead, with the original host in an
 *   `x-wxcc-replay-host` header; the subscribe call is answered with a `wss://` URL on that same
 *   WxCC host, so the app sees the URL it expects (protocol doc §10.9);
 * - a `WebSocket` to a `wss://` WxCC host is opened to the replay server instead (a native socket:
 *   the inspector's own capture sees it like any other). Its `url` is the replay server's.
 * Everything else passes through untouched.
 */
(() => {
  const current = document.currentScript as HTMLScriptElement | null;
  const replayOrigin = current?.src ? new URL(current.src).origin : location.origin;
  const replaySocketOrigin = replayOrigin.replace(/^http/, 'ws');
  const HOST_HEADER = 'x-wxcc-replay-host';

  const isWxccHost = (host: string): boolean =>
    /^api\.wxcc-[a-z0-9]+\.cisco\.com$/i.test(host) || /\.ciscoccservice\.com$/i.test(host);

  const apiTarget = (input: string): { url: string; host: string } | undefined => {
    let url: URL;
    try {
      url = new URL(input, location.href);
    } catch {
      return undefined;
    }
    if (url.protocol !== 'https:' || !isWxccHost(url.hostname)) return undefined;
    return { url: `${replayOrigin}${url.pathname}${url.search}`, host: url.hostname };
  };

  const nativeFetch = window.fetch.bind(window);
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const original = input instanceof Request ? input.url : String(input);
    const target = apiTarget(original);
    if (!target) return nativeFetch(input, init);
    const request = new Request(input, init);
    const headers = new Headers(request.headers);
    headers.set(HOST_HEADER, target.host);
    // Credentials stay home: the replay server needs none, and must never be sent a token.
    headers.delete('authorization');
    // Read whole: a streamed request body needs HTTP/2, which the local server does not speak.
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
    return nativeFetch(target.url, { method: request.method, headers, body, credentials: 'omit' });
  };

  const open = XMLHttpRequest.prototype.open;
  const setRequestHeader = XMLHttpRequest.prototype.setRequestHeader;
  const send = XMLHttpRequest.prototype.send;
  const hosts = new WeakMap<XMLHttpRequest, string>();
  XMLHttpRequest.prototype.open = function (
    this: XMLHttpRequest,
    method: string,
    url: string | URL,
    ...rest: unknown[]
  ) {
    const target = apiTarget(String(url));
    if (target) hosts.set(this, target.host);
    else hosts.delete(this);
    return (open as (...args: unknown[]) => void).call(this, method, target ? target.url : url, ...rest);
  } as typeof XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.setRequestHeader = function (this: XMLHttpRequest, name: string, value: string) {
    if (hosts.has(this) && name.toLowerCase() === 'authorization') return;
    setRequestHeader.call(this, name, value);
  };
  XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body?: XMLHttpRequestBodyInit | null) {
    const host = hosts.get(this);
    if (host) {
      this.withCredentials = false;
      setRequestHeader.call(this, HOST_HEADER, host);
    }
    send.call(this, body);
  };

  const NativeWebSocket = window.WebSocket;
  window.WebSocket = new Proxy(NativeWebSocket, {
    construct(target, args: unknown[]) {
      const [url, ...rest] = args;
      let rewritten = url;
      try {
        const parsed = new URL(String(url));
        if (parsed.protocol === 'wss:' && (isWxccHost(parsed.hostname) || parsed.hostname.endsWith('.cisco.com'))) {
          rewritten = `${replaySocketOrigin}${parsed.pathname}${parsed.search}`;
        }
      } catch {
        // Not a URL: the native constructor throws the page's own error.
      }
      return Reflect.construct(target, [rewritten, ...rest]);
    },
  });
})();
