import { cleanCredentialText, cleanCredentialUrl } from '../frame/credentials';
import type { Frame } from '../frame/frame';
import { utf8Length } from '../frame/utf8';
import { WXCC_API_PATH, isWxccApiHost } from '../frame/wxcc-api';

/*
 * The WxCC API calls of a Chrome HAR (its ordinary entries, beside the socket's
 * `_webSocketMessages`) as `request`/`response` frames (src/frame/http.ts), like a live capture
 * has them: only requests to the WxCC API hosts, or on any host to a WxCC API path; the
 * request's method, URL, text body and `trackingid` header; the response's status, `trackingid`
 * header and a small JSON error body. No other header is read, so `Authorization` and cookies
 * never become frames; the URL and both bodies lose their credentials (src/frame/credentials.ts,
 * the cleaning the live HTTP tap applies): a HAR holds them as the browser sent them.
 */

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Error bodies up to this size are kept (as the live tap does). */
export const MAX_ERROR_BODY = 4096;

function header(part: unknown, name: string): string | undefined {
  const headers = isObject(part) ? part['headers'] : undefined;
  if (!Array.isArray(headers)) return undefined;
  for (const h of headers) {
    if (
      isObject(h) &&
      typeof h['name'] === 'string' &&
      h['name'].toLowerCase() === name &&
      typeof h['value'] === 'string'
    )
      return h['value'];
  }
  return undefined;
}

export function isWxccApiUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return isWxccApiHost(parsed.hostname) || WXCC_API_PATH.test(parsed.pathname);
}

/**
 * The request and response frames of one HAR entry, or none when it is not a WxCC API call (or
 * cannot be read: a HAR entry that is not one is left out, never fatal). `socket` is the id to
 * give it (`http-N`); seqs are assigned by the caller.
 */
export function entryToHttpFrames(entry: Json, socket: string): Frame[] {
  const request = entry['request'];
  if (!isObject(request)) return [];
  const url = request['url'];
  const method = request['method'];
  if (typeof url !== 'string' || typeof method !== 'string' || !isWxccApiUrl(url)) return [];
  const started = Date.parse(typeof entry['startedDateTime'] === 'string' ? entry['startedDateTime'] : '');
  if (Number.isNaN(started)) return [];
  const postData = request['postData'];
  const body =
    isObject(postData) && typeof postData['text'] === 'string' ? cleanCredentialText(postData['text']) : undefined;
  const out: Frame = {
    seq: 0,
    t: started,
    socket,
    dir: 'out',
    kind: 'request',
    size: body === undefined ? 0 : utf8Length(body),
    url: cleanCredentialUrl(url),
    http: { method: method.toUpperCase(), api: 'har' },
  };
  const trackingId = header(request, 'trackingid');
  if (trackingId !== undefined) out.http!.trackingId = trackingId;
  if (body !== undefined) out.data = body;
  const frames = [out];

  const response = entry['response'];
  const time = entry['time'];
  const status = isObject(response) && typeof response['status'] === 'number' ? response['status'] : 0;
  const error = isObject(response) && typeof response['_error'] === 'string' ? response['_error'] : undefined;
  // Still pending when the HAR was saved: Chrome writes status 0 and no error.
  if (status === 0 && error === undefined) return frames;
  const ended: Frame = {
    seq: 0,
    t: started + (typeof time === 'number' && Number.isFinite(time) && time > 0 ? time : 0),
    socket,
    dir: 'in',
    kind: 'response',
    size: 0,
    http: { status },
  };
  const responseTracking = header(response, 'trackingid');
  if (responseTracking !== undefined) ended.http!.trackingId = responseTracking;
  if (status === 0) ended.http!.error = error;
  const content = isObject(response) ? response['content'] : undefined;
  if (status >= 400 && isObject(content)) {
    const text = content['text'];
    const mime = content['mimeType'];
    if (
      typeof text === 'string' &&
      content['encoding'] === undefined &&
      typeof mime === 'string' &&
      mime.includes('json') &&
      text.length <= MAX_ERROR_BODY
    ) {
      ended.data = cleanCredentialText(text);
      ended.size = utf8Length(ended.data);
    }
  }
  frames.push(ended);
  return frames;
}

/**
 * Socket frames (in the HAR's order) and http frames merged into one capture order: each http
 * frame goes before the first socket frame later than it. Socket frames keep their order (a HAR
 * keeps none across entries but the file's, see har-read.ts); seqs are renumbered 1, 2, 3….
 */
export function mergeHttpFrames(socketFrames: Frame[], httpFrames: Frame[]): Frame[] {
  if (!httpFrames.length) return socketFrames;
  const http = httpFrames.slice().sort((a, b) => a.t - b.t || (a.kind === 'request' ? -1 : 1));
  const out: Frame[] = [];
  let h = 0;
  for (const frame of socketFrames) {
    while (h < http.length && http[h]!.t <= frame.t) out.push(http[h++]!);
    out.push(frame);
  }
  while (h < http.length) out.push(http[h++]!);
  for (let i = 0; i < out.length; i++) out[i]!.seq = i + 1;
  return out;
}
