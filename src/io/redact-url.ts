import type { RedactContext } from './redact-context';
import { isSafeKey, isSafeValue } from './redact-policy';
import { redactFreeText, secretValue, wholeValueIn } from './redact-text';

/*
 * What only HTTP carries: URLs (tokens in the query or the fragment, credentials before the host,
 * e-mails and numbers in the path), headers (Authorization, cookies, API keys) and cookies. Used
 * by the HAR redaction for every request and response, and for the URLs a capture keeps (a
 * socket's URL, the page's URL).
 *
 * Secrets become `token-N` through the same table as everything else, so the cookie in the
 * `Cookie` header and the same cookie in the HAR's `cookies` list keep one pseudonym, and one can
 * still see which requests shared a session.
 */

/** Query, fragment and form parameter names whose value is a secret. */
const SECRET_PARAM =
  /token|jwt|auth|secret|passw|pwd|api[-_]?key|signature|credential|session|^sig$|^sid$|^key$|^code$/i;

/**
 * A header whose value is a credential, by its name (cookies have their own rules): any spelling
 * of authorisation or authentication (`auth` anywhere: `Authorisation`, `WWW-Authenticate`), a
 * key or pass anywhere (`Ocp-Apim-Subscription-Key`, `x-accesskey`, `Api.Key`, `X-Passcode`),
 * tokens, secrets, sessions, `pwd`, `sid`, JWTs, and `Sec-WebSocket-Protocol` (where a browser
 * socket has to carry its token). A harmless header it takes (`Idempotency-Key`) loses only its
 * value's text to a pseudonym.
 */
const SECRET_HEADER =
  /token|secret|key|pass|pwd|(?:^|[-_.])sid(?:$|[-_.])|private|session|csrf|xsrf|signature|credential|jwt|bearer|auth|^sec-websocket-protocol$/i;
/** Names the pattern takes that are no credential: HTTP/2's host, a socket handshake's nonce. */
const NOT_SECRET_HEADERS = new Set([':authority', 'sec-websocket-key']);
/**
 * An HTTP authentication scheme leading a value (the IANA registry of RFC 9110 §11, and common
 * unregistered ones): what follows is the credential, in any header.
 */
const AUTH_SCHEME =
  /^(?:bearer|basic|digest|negotiate|ntlm|token|hoba|mutual|vapid|dpop|oauth|gnap|privatetoken|concealed|ssws|apikey|key|aws4-hmac-sha256|scram-sha-\d+)(?=[\s:=])/i;
/** In a header named as a credential, the first word of a value with more (`WebexToken abc`) is its scheme, kept. */
const ANY_SCHEME = /^[A-Za-z][\w.+-]*(?=\s)/;

const SCHEME_SEPARATOR = /^[\s:=]+/;

/** Headers that hold a URL (or a path with a query, for HTTP/2's `:path`). */
const URL_HEADERS = new Set(['referer', 'location', 'content-location', 'origin', ':path', 'link']);

const URL_START = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i;

/** A URL with its secrets and customer identifiers replaced; everything else byte for byte. */
export function redactUrl(url: string, context: RedactContext): string {
  let rest = url;
  let head = '';
  const start = URL_START.exec(url);
  if (start) {
    let authority = start[2]!;
    const at = authority.lastIndexOf('@');
    // user:password@host → token-N@host (the user name alone is an identifier too).
    if (at >= 0)
      authority = `${secretValue(authority.slice(0, at), context.pseudonyms) ?? ''}@${authority.slice(at + 1)}`;
    head = start[1]! + authority;
    rest = url.slice(start[0].length);
  }
  const hash = rest.indexOf('#');
  const fragment = hash >= 0 ? rest.slice(hash + 1) : undefined;
  if (hash >= 0) rest = rest.slice(0, hash);
  const mark = rest.indexOf('?');
  const query = mark >= 0 ? rest.slice(mark + 1) : undefined;
  const path = mark >= 0 ? rest.slice(0, mark) : rest;
  let out = head + component(path, context);
  if (query !== undefined) out += `?${redactParams(query, context)}`;
  // A fragment may be parameters (OAuth's #access_token=…) or a client-side route.
  if (fragment !== undefined)
    out += `#${fragment.includes('=') ? redactParams(fragment, context) : component(fragment, context)}`;
  return out;
}

/** `a=1&b=2` (a query, a fragment, a form body): secret parameters by name, others as text. */
export function redactParams(params: string, context: RedactContext): string {
  return params
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return component(pair, context);
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const decodedName = decode(name);
      if (SECRET_PARAM.test(decodedName)) return `${name}=${secretValue(value, context.pseudonyms) ?? ''}`;
      const decoded = decode(value.replace(/\+/g, ' '));
      const redacted = redactParamValue(decodedName, decoded, context);
      return `${name}=${redacted === decoded ? value : encodeURIComponent(redacted)}`;
    })
    .join('&');
}

/** Parameter names whose value is a customer's: `?ani=4155550100` is the caller. */
const CUSTOMER_PARAM = /^(?:ani|dnis|phone|phonenumber|number|msisdn|caller|callerid|customernumber|from|to|email)$/i;
/** Small numbers (a page, a limit) say nothing about anyone. */
const SMALL_NUMBER = /^\d{1,4}$/;

/**
 * A decoded query or form parameter value by its name: a secret by name, a customer's number by
 * name, an allow-listed name (redact-policy.ts) or a value that is an id, a flag or a small
 * number as free text; any other value whole (default-deny, as in payloads).
 */
export function redactParamValue(name: string, value: string, context: RedactContext): string {
  if (SECRET_PARAM.test(name)) return secretValue(value, context.pseudonyms) ?? '';
  if (CUSTOMER_PARAM.test(name)) return wholeValueIn(value, 'value', context) ?? value;
  if (isSafeKey(name, value) || isSafeValue(value) || SMALL_NUMBER.test(value)) return redactFreeText(value, context);
  return wholeValueIn(value, 'text', context) ?? value;
}

/**
 * A percent-encoded part of a URL: `alice%40example.com` and `%2B14155550100` are found decoded
 * and written back encoded; a part that does not decode is treated as plain text.
 */
function component(raw: string, context: RedactContext): string {
  if (!raw.includes('%')) return redactFreeText(raw, context);
  const decoded = decode(raw);
  if (decoded === raw) return redactFreeText(raw, context);
  const redacted = redactFreeText(decoded, context);
  return redacted === decoded ? raw : encodeURI(redacted).replace(/[?#&=]/g, encodeURIComponent);
}

function decode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** A text that may be a URL (a page title, a navigation frame's data) or plain text. */
export function redactUrlOrText(text: string, context: RedactContext): string {
  return URL_START.test(text) ? redactUrl(text, context) : redactFreeText(text, context);
}

/** One header's value, by its name. */
export function redactHeader(name: string, value: string, context: RedactContext): string {
  const lower = name.toLowerCase();
  const pseudonyms = context.pseudonyms;
  if (lower === 'cookie') return redactCookieHeader(value, context);
  if (lower === 'set-cookie')
    return value
      .split('\n')
      .map((line) => redactSetCookie(line, context))
      .join('\n');
  const named = !NOT_SECRET_HEADERS.has(lower) && SECRET_HEADER.test(lower);
  if (named || AUTH_SCHEME.test(value)) {
    // Keep the scheme ("Bearer", "Basic"): it says how the client authenticated.
    const scheme = AUTH_SCHEME.exec(value)?.[0] ?? (named ? ANY_SCHEME.exec(value)?.[0] : undefined);
    if (scheme === undefined) return secretValue(value, pseudonyms) ?? '';
    const rest = value.slice(scheme.length).replace(SCHEME_SEPARATOR, '');
    return `${scheme} ${secretValue(rest.trim(), pseudonyms) ?? ''}`;
  }
  if (URL_HEADERS.has(lower)) return redactUrl(value, context);
  return redactFreeText(value, context);
}

/** `a=1; b=2`: each cookie's value. */
function redactCookieHeader(value: string, context: RedactContext): string {
  return value
    .split(';')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      return `${pair.slice(0, eq)}=${secretValue(pair.slice(eq + 1).trim(), context.pseudonyms) ?? ''}`;
    })
    .join(';');
}

/** `name=value; Path=/; HttpOnly`: the value only; attributes say how the cookie is scoped. */
function redactSetCookie(line: string, context: RedactContext): string {
  const semi = line.indexOf(';');
  const first = semi >= 0 ? line.slice(0, semi) : line;
  const eq = first.indexOf('=');
  if (eq < 0) return line;
  const attributes = semi >= 0 ? line.slice(semi) : '';
  return `${first.slice(0, eq)}=${secretValue(first.slice(eq + 1).trim(), context.pseudonyms) ?? ''}${attributes}`;
}

/** Whether a query / form parameter of this name holds a secret. */
export function isSecretParam(name: string): boolean {
  return SECRET_PARAM.test(name);
}
