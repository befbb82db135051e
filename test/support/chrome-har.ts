/**
 * A websocket entry as Chrome DevTools' "Save all as HAR" writes it (no `_wxcc` fields): the
 * 101 handshake, and the messages in `_webSocketMessages` (`time` in seconds since the epoch).
 * For test inputs only; what we write ourselves is src/io/har-write.ts.
 */
export function chromeWebSocketEntry(socket: {
  url: string;
  /** ISO time of the handshake. */
  startedDateTime: string;
  messages: unknown[];
  /** Request headers as Chrome lists them (name/value pairs). */
  headers?: { name: string; value: string }[];
}) {
  return {
    _resourceType: 'websocket',
    _webSocketMessages: socket.messages,
    cache: {},
    request: {
      method: 'GET',
      url: socket.url,
      httpVersion: 'HTTP/1.1',
      headers: socket.headers ?? [],
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status: 101,
      statusText: 'Switching Protocols',
      httpVersion: 'HTTP/1.1',
      headers: [],
      cookies: [],
      content: { size: 0, mimeType: 'x-unknown' },
      redirectURL: '',
      headersSize: -1,
      bodySize: 0,
    },
    startedDateTime: socket.startedDateTime,
    time: 0,
    timings: { send: 0, wait: 0, receive: 0 },
  };
}
