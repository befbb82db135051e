import type { Frame } from '../frame/frame';
import { utf8Length } from '../frame/utf8';
import { base64Decode, base64Encode, base64Length } from './base64';
import { HAR_REDACTED_MARK } from './har-format';
import { Pseudonyms } from './pseudonyms';
import { BINARY_REDACTED, redactData, redactFrame } from './redact';
import { RedactContext, type RedactOptions } from './redact-context';
import { redactText } from './redact-json';
import { redactFreeText, secretValue, wholeValueIn } from './redact-text';
import { redactHeader, redactParams, redactParamValue, redactUrl, redactUrlOrText } from './redact-url';

/*
 * Redaction of a whole HAR (a parsed `{log: …}`), keeping everything Chrome put in it: a customer's
 * HAR also holds the REST calls around the socket, which support needs to correlate with the
 * events (protocol doc §7). So every entry stays, redacted:
 *   - WebSocket messages: text messages as frame payloads (by field, like a capture); binary
 *     messages kept (base64 bytes); our `_wxcc` frames and overrides like a capture's frames;
 *   - URLs (request, redirect, page titles): tokens in the query and fragment, credentials;
 *   - headers: Authorization (scheme kept), Cookie / Set-Cookie (values), API keys and other
 *     secret-named headers, URLs in Referer / Location; others as free text;
 *   - cookies (values), query and form parameters (secret names → token, others as text);
 *   - request and response bodies: JSON by field like a frame, forms as parameters, other text
 *     as free text, base64 text bodies decoded and re-encoded; bodies of static assets (scripts,
 *     styles, fonts, images, media) are removed: they hold no customer data, and they are most of
 *     a HAR's bytes;
 *   - any other string of the HAR: the free-text pass.
 * The HAR is then marked redacted: `log._wxcc.redacted` in ours, `log._wxccRedacted` in Chrome's
 * (which `readHar` reads as the capture's `redacted`).
 */

export interface HarRedaction {
  har: unknown;
  pseudonyms: Pseudonyms;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Plain assignment of "__proto__" would set the prototype instead of the file's own key. */
function setOwn(target: Json, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** A copy of an object with some members handled by `by`, the others by the generic pass. */
function mapObject(value: Json, context: RedactContext, by: Record<string, (member: unknown) => unknown> = {}): Json {
  const out: Json = {};
  for (const key of Object.keys(value)) {
    const handle = Object.hasOwn(by, key) ? by[key] : undefined;
    setOwn(out, key, handle ? handle(value[key]) : generic(value[key], context));
  }
  return out;
}

const mapArray = (value: unknown, each: (item: unknown) => unknown, context: RedactContext): unknown =>
  Array.isArray(value) ? value.map(each) : generic(value, context);

/**
 * What the HAR's structure holds deeper than this (a field no browser writes: messages and bodies
 * are text, redacted by the scanner) is not kept. Walking or even writing it out again would
 * overflow the stack a few thousand levels down (`JSON.stringify` recurses), and what redaction
 * cannot read it does not keep: `DEEPER_MARK` says where it was.
 */
const MAX_WALK_DEPTH = 200;
export const DEEPER_MARK = `(removed by redaction: nested deeper than ${MAX_WALK_DEPTH} levels)`;

/** Any value: strings get the free-text pass, containers are walked. */
function generic(value: unknown, context: RedactContext, depth = 0): unknown {
  if (typeof value === 'string') return redactFreeText(value, context);
  if (typeof value !== 'object' || value === null) return value;
  if (depth > MAX_WALK_DEPTH) return DEEPER_MARK;
  if (Array.isArray(value)) return value.map((item) => generic(item, context, depth + 1));
  const out: Json = {};
  for (const key of Object.keys(value))
    setOwn(out, redactFreeText(key, context), generic((value as Json)[key], context, depth + 1));
  return out;
}

/** The HAR with its customer identifiers and secrets replaced, marked redacted. */
export function redactHar(har: unknown, options: RedactOptions = {}, pseudonyms = new Pseudonyms()): HarRedaction {
  const context = new RedactContext(pseudonyms, options);
  if (!isObject(har) || !isObject(har['log'])) return { har: context.twoPass(() => generic(har, context)), pseudonyms };
  const out = context.twoPass(() => mapObject(har, context, { log: (log) => redactLog(log as Json, context) }));
  return { har: out, pseudonyms };
}

function redactLog(log: Json, context: RedactContext): Json {
  const out = mapObject(log, context, {
    pages: (pages) =>
      mapArray(
        pages,
        (page) =>
          isObject(page)
            ? mapObject(page, context, { title: (title) => urlOrText(title, context) })
            : generic(page, context),
        context,
      ),
    entries: (entries) =>
      mapArray(entries, (entry) => (isObject(entry) ? redactEntry(entry, context) : generic(entry, context)), context),
    _wxcc: (extras) => redactLogExtras(extras, context),
    creator: (creator) => creator,
    browser: (browser) => browser,
  });
  if (!isObject(log['_wxcc'])) setOwn(out, HAR_REDACTED_MARK, true);
  return out;
}

function urlOrText(value: unknown, context: RedactContext): unknown {
  return typeof value === 'string' ? redactUrlOrText(value, context) : generic(value, context);
}

function url(value: unknown, context: RedactContext): unknown {
  return typeof value === 'string' ? redactUrl(value, context) : generic(value, context);
}

function redactLogExtras(extras: unknown, context: RedactContext): unknown {
  if (!isObject(extras)) return generic(extras, context);
  const out = mapObject(extras, context, {
    // Like redactSource, on a value not yet validated: the page's URL, the title as text.
    source: (source) =>
      isObject(source)
        ? mapObject(source, context, { kind: (kind) => kind, url: (value) => url(value, context) })
        : generic(source, context),
    frames: (frames) => redactFrameList(frames, context),
    format: (format) => format,
  });
  out['redacted'] = true;
  return out;
}

/**
 * `_wxcc.frames` lists hold whole frames (open, close, notices): redacted as a capture's, with what
 * a field holds deeper than `MAX_WALK_DEPTH` cut first, as `generic` cuts it.
 */
function redactFrameList(frames: unknown, context: RedactContext): unknown {
  return mapArray(
    frames,
    (frame) => (isFrameLike(frame) ? redactFrame(cutDeep(frame, 0) as Frame, context) : generic(frame, context)),
    context,
  );
}

/** `value` with each part nested deeper than `MAX_WALK_DEPTH` replaced by `DEEPER_MARK` (the same value when none is). */
function cutDeep(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth > MAX_WALK_DEPTH) return DEEPER_MARK;
  let out: unknown[] | Json | undefined;
  for (const key of Object.keys(value)) {
    const part = (value as Json)[key];
    const cut = cutDeep(part, depth + 1);
    if (cut === part) continue;
    out ??= Array.isArray(value) ? [...value] : { ...(value as Json) };
    (out as Json)[key] = cut;
  }
  return out ?? value;
}

function isFrameLike(value: unknown): value is Frame {
  return isObject(value) && typeof value['kind'] === 'string' && typeof value['size'] === 'number';
}

function redactEntry(entry: Json, context: RedactContext): Json {
  return mapObject(entry, context, {
    request: (request) => (isObject(request) ? redactRequest(request, context) : generic(request, context)),
    response: (response) => (isObject(response) ? redactResponse(response, context) : generic(response, context)),
    _webSocketMessages: (messages) =>
      mapArray(
        messages,
        (message) => (isObject(message) ? redactMessage(message, context) : generic(message, context)),
        context,
      ),
    _wxcc: (extras) =>
      isObject(extras)
        ? mapObject(extras, context, {
            socket: (socket) => socket,
            frames: (frames) => redactFrameList(frames, context),
          })
        : generic(extras, context),
    startedDateTime: (value) => value,
  });
}

function redactRequest(request: Json, context: RedactContext): Json {
  return mapObject(request, context, {
    url: (value) => url(value, context),
    headers: (headers) => redactNameValues(headers, context, (name, value) => redactHeader(name, value, context)),
    cookies: (cookies) => redactCookies(cookies, context),
    queryString: (params) => redactNameValues(params, context, (name, value) => param(name, value, context)),
    postData: (postData) => (isObject(postData) ? redactPostData(postData, context) : generic(postData, context)),
  });
}

function redactResponse(response: Json, context: RedactContext): Json {
  return mapObject(response, context, {
    headers: (headers) => redactNameValues(headers, context, (name, value) => redactHeader(name, value, context)),
    cookies: (cookies) => redactCookies(cookies, context),
    redirectURL: (value) => url(value, context),
    content: (content) => (isObject(content) ? redactContent(content, context) : generic(content, context)),
  });
}

/** A query or form parameter (HARs hold it decoded): redact-url.ts's rules. */
function param(name: string, value: string, context: RedactContext): string {
  return redactParamValue(name, value, context);
}

/** `[{name, value}]` lists (headers, query strings, form params): the value by its name. */
function redactNameValues(
  list: unknown,
  context: RedactContext,
  redactValue: (name: string, value: string) => string,
): unknown {
  return mapArray(
    list,
    (item) => {
      if (!isObject(item) || typeof item['name'] !== 'string' || typeof item['value'] !== 'string')
        return generic(item, context);
      const name = item['name'];
      return mapObject(item, context, { name: (n) => n, value: () => redactValue(name, item['value'] as string) });
    },
    context,
  );
}

/** `[{name, value, path, domain, …}]`: every cookie's value is a secret. */
function redactCookies(cookies: unknown, context: RedactContext): unknown {
  return mapArray(
    cookies,
    (cookie) => {
      if (!isObject(cookie)) return generic(cookie, context);
      return mapObject(cookie, context, {
        name: (name) => name,
        value: (value) =>
          typeof value === 'string' ? (secretValue(value, context.pseudonyms) ?? '') : generic(value, context),
      });
    },
    context,
  );
}

function redactPostData(postData: Json, context: RedactContext): Json {
  const mimeType = typeof postData['mimeType'] === 'string' ? postData['mimeType'] : '';
  return mapObject(postData, context, {
    mimeType: (value) => value,
    text: (text) => (typeof text === 'string' ? redactBody(text, mimeType, context) : generic(text, context)),
    params: (params) => redactNameValues(params, context, (name, value) => param(name, value, context)),
  });
}

/** Bodies of these types are the site's own files (pages, scripts, media), not anyone's data: removed. */
const STATIC_ASSET = /javascript|ecmascript|css|html|font|image\/|audio\/|video\/|wasm/i;
/** Types whose base64 body is text worth decoding. */
const TEXTUAL = /json|text\/|xml|x-www-form-urlencoded|graphql/i;

function redactContent(content: Json, context: RedactContext): Json {
  const mimeType = typeof content['mimeType'] === 'string' ? content['mimeType'] : '';
  const text = content['text'];
  if (typeof text === 'string' && text !== '' && STATIC_ASSET.test(mimeType)) {
    const out: Json = {};
    for (const key of Object.keys(content))
      if (key !== 'text' && key !== 'encoding') setOwn(out, key, generic(content[key], context));
    out['comment'] = 'body removed by wxcc-inspector redact (a static asset)';
    return out;
  }
  const base64 = content['encoding'] === 'base64';
  return mapObject(content, context, {
    mimeType: (value) => value,
    encoding: (value) => value,
    text: (value) => {
      if (typeof value !== 'string') return generic(value, context);
      if (!base64) return redactBody(value, mimeType, context);
      return TEXTUAL.test(mimeType) ? redactBase64Body(value, mimeType, context) : value;
    },
  });
}

const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

/** A text body Chrome stored as base64: decoded, redacted, encoded again (unchanged if not base64). */
function redactBase64Body(text: string, mimeType: string, context: RedactContext): string {
  const bytes = base64Decode(text);
  if (!bytes) return text;
  const body = decoder.decode(bytes);
  const redacted = redactBody(body, mimeType, context);
  return redacted === body ? text : base64Encode(encoder.encode(redacted));
}

/**
 * A request or response body by its type: JSON by field, forms as parameters; any other body
 * (plain text, XML, a multipart upload) is replaced whole, since nothing says which part is safe.
 */
function redactBody(text: string, mimeType: string, context: RedactContext): string {
  if (/x-www-form-urlencoded/i.test(mimeType)) return redactParams(text, context);
  if (isJson(text)) return redactText(text, context);
  return wholeValueIn(text, 'text', context) ?? text;
}

function isJson(text: string): boolean {
  const first = text.trimStart().charCodeAt(0);
  if (first !== 123 && first !== 91 && first !== 34) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A Chrome WebSocket message; `_wxcc` overrides are frame fields. */
function redactMessage(message: Json, context: RedactContext): Json {
  const opcode = message['opcode'];
  const type = message['type'];
  const kind: Frame['kind'] = type === 'error' ? 'error' : opcode === 1 ? 'text' : 'binary';
  const data = message['data'];
  if (kind === 'binary') return redactBinaryMessage(message, context);
  const redacted = typeof data === 'string' ? redactData(kind, data, context) : data;
  const out = mapObject(message, context, {
    type: (value) => value,
    data: () => (typeof data === 'string' ? redacted : generic(data, context)),
    _wxcc: (extras) =>
      isObject(extras)
        ? redactMessageExtras(extras, kind, context, delta(kind, data, redacted))
        : generic(extras, context),
  });
  return out;
}

/**
 * A binary message: its bytes (and any preview) go; `_wxcc` keeps its size and says why, which
 * readHar reads in any HAR (BINARY_REDACTED in redact.ts).
 */
function redactBinaryMessage(message: Json, context: RedactContext): Json {
  const data = message['data'];
  const extras = isObject(message['_wxcc']) ? message['_wxcc'] : {};
  const size =
    typeof extras['size'] === 'number' ? extras['size'] : ((typeof data === 'string' ? base64Length(data) : 0) ?? 0);
  const out = mapObject(message, context, {
    type: (value) => value,
    opcode: (value) => value,
    data: () => '',
    _wxcc: () => undefined,
  });
  const kept = mapObject(extras, context, {
    seq: (value) => value,
    t: (value) => value,
    socket: (value) => value,
    dir: (value) => value,
    kind: (value) => value,
    url: (value) => url(value, context),
  });
  out['_wxcc'] = { ...kept, size, data: BINARY_REDACTED };
  return out;
}

/** How many bytes a text message's payload changed by: a `size` override follows it. */
function delta(kind: Frame['kind'], before: unknown, after: unknown): number {
  if (kind !== 'text' || typeof before !== 'string' || typeof after !== 'string' || before === after) return 0;
  return utf8Length(after) - utf8Length(before);
}

function redactMessageExtras(
  extras: Json,
  messageKind: Frame['kind'],
  context: RedactContext,
  sizeDelta: number,
): Json {
  const kind = typeof extras['kind'] === 'string' ? (extras['kind'] as Frame['kind']) : messageKind;
  return mapObject(extras, context, {
    url: (value) => url(value, context),
    frameUrl: (value) => url(value, context),
    data: (value) => (typeof value === 'string' ? redactData(kind, value, context) : value),
    close: (value) => (isObject(value) ? mapObject(value, context) : value),
    size: (value) => (typeof value === 'number' && sizeDelta !== 0 ? Math.max(0, value + sizeDelta) : value),
    socket: (value) => value,
    dir: (value) => value,
    kind: (value) => value,
  });
}
