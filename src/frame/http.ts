import * as v from 'valibot';

/*
 * Requests to the WxCC API (issue 12) travel as frames, not as a sibling type. The choice: one
 * ordered list per tab keeps one seq numbering for the socket's events and the requests that
 * caused them, so order ("the result beat the 202") is a fact of the capture, not a merge of two
 * clocks; and every layer that already keeps, sheds, exports, redacts and imports frames does so
 * for requests without a second path.
 *
 * A request is two frames sharing `socket` (`http-1`, `http-2`… per tab, like `ws-1` for sockets):
 * - `kind: 'request'`, `dir: 'out'`, at the moment the page started it: `url`, the request body as
 *   `data` (text bodies only), `http.method`, `http.trackingId` (the `trackingid` request header);
 * - `kind: 'response'`, `dir: 'in'`, when the answer (or the failure) arrived: `http.status`
 *   (0 when none came), `http.trackingId` (the response's `trackingid` header), `http.error` for a
 *   network error, abort or timeout, and `data` only for a small JSON error body.
 * No other header is ever recorded: never `Authorization`, cookies or tokens (they are not read).
 */
export const HTTP_APIS = ['fetch', 'xhr', 'har'] as const;

export const HttpInfoSchema = v.object({
  /** Upper-case HTTP method; on the request frame. */
  method: v.optional(v.string()),
  /** HTTP status on the response frame; 0 = no HTTP answer (see `error`). */
  status: v.optional(v.number()),
  /** The `trackingid` header of the request (request frame) or of the response (response frame). */
  trackingId: v.optional(v.string()),
  /** How the page made it (`fetch`, `xhr`), or `har` when read from a Chrome HAR. */
  api: v.optional(v.picklist(HTTP_APIS)),
  /** Why no HTTP answer came: `network error`, `aborted`, `timeout`. */
  error: v.optional(v.string()),
});
export type HttpInfo = v.InferOutput<typeof HttpInfoSchema>;

/** The frame kinds of the http channel. */
export const HTTP_KINDS = ['request', 'response'] as const;
export type HttpKind = (typeof HTTP_KINDS)[number];

export const isHttpKind = (kind: string): kind is HttpKind => kind === 'request' || kind === 'response';

/** `socket` of an http frame: the request's id within the tab. */
export const HTTP_SOCKET_PREFIX = 'http-';
