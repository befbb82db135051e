/**
 * Credentials out of the text of a REST call: the one cleaning applied wherever a request or
 * response is turned into a frame (the live HTTP tap in the page, a Chrome HAR's REST entries on
 * import), so that a token is never recorded, whichever way the call was seen.
 *
 * - `cleanCredentialUrl`: user info before the host is dropped; the value of a query or fragment
 *   parameter with a credential name becomes `(removed)`.
 * - `cleanCredentialText` (request bodies, JSON error bodies): the value of every JSON member with
 *   a credential name becomes `"(removed)"` whatever its type (string, number, literal, object,
 *   array), at any depth; a string starting `Bearer ` too; for a form-encoded body, the value
 *   of a credential-named parameter; and a credential written anywhere inside the text (a bearer
 *   token, a JWT, `access_token=…`: TEXT_CREDENTIAL). Everything else is kept byte for byte (the text is scanned,
 *   not parsed and re-written, so malformed JSON is cleaned as far as it reads).
 *
 * A credential name (`isCredentialName`, case-insensitive): any name containing `token` (so
 * `access_token`, `sessionToken`, `id_token`…), `secret`, `passw`, `authorization`/`authorisation`,
 * `cookie`, `api_key`/`apiKey`/`x-api-key`, `credential` or `jwt`; and exactly `auth`, `pwd`,
 * `sid`, `session`, `sessionId`/`session_id`/`JSESSIONID`. In URLs also exactly `code` (an OAuth
 * authorization code); in bodies `code` is kept, as error bodies use it for the error's code.
 *
 * A socket's or a worker's text message (`cleanSocketCredentials`, where the hub records it and
 * where a HAR's messages are imported) is cleaned by narrower names (WxCC's `sessionId` is an id
 * there), and inside JSON held in its strings too.
 *
 * The page runs this with built-ins it captured before any page script (a page may replace
 * `RegExp.prototype.exec` or `String.prototype.slice`): every string operation goes through `ops`.
 */

export interface TextOps {
  exec(re: RegExp, text: string): RegExpExecArray | null;
  slice(text: string, start: number, end?: number): string;
}

const nativeExec = RegExp.prototype.exec;
const nativeSlice = String.prototype.slice;
export const NATIVE_TEXT_OPS: TextOps = {
  exec: (re, text) => nativeExec.call(re, text),
  slice: (text, start, end) => nativeSlice.call(text, start, end),
};

const NAME =
  /token|secret|passw|authori[sz]ation|cookie|api[-_]?key|credential|jwt|^(?:auth|pwd|sid|session|j?session[-_]?id)$/i;
const URL_ONLY_NAME = /^code$/i;
/**
 * A string value that starts with the word `Bearer` (any case, then a blank, an escape, a colon,
 * anything but a letter or digit: this runs on the JSON text, where a tab is `\t`). It goes
 * whole: what follows may be a token of any shape ("Bearer abc123 expired", a Salesforce id with
 * `!`), so a sentence such as "Bearer of bad news" goes too.
 */
const BEARER = /^bearer(?![a-z0-9_])/i;
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i;
/**
 * A parameter in a query, a fragment or a form body: its separator, its name, its value. A name
 * has no blanks (a form encodes them): in `note: see access_token=…` the words before are not
 * a parameter's name, and only the token goes (TEXT_CREDENTIAL).
 */
const PARAM = /(^|[?&#;])([^=&#?;\s]+)=([^&#;]*)/g;

export const REMOVED = '(removed)';
/** What the worker tap already wrote for a credential (src/capture/page/clone-json.ts): kept as it is. */
const WORKER_TAP_REDACTED = '{"$type":"redacted"}';

/** True for a key or parameter name whose value is a credential (see the module comment). */
export function isCredentialName(name: string, ops: TextOps = NATIVE_TEXT_OPS): boolean {
  return ops.exec(NAME, name) !== null;
}

function cleanParams(text: string, start: number, ops: TextOps, inUrl: boolean, names = NAME): string {
  let out = '';
  let last = 0;
  PARAM.lastIndex = start;
  for (let match = ops.exec(PARAM, text); match !== null; match = ops.exec(PARAM, text)) {
    const name = match[2]!;
    const value = match[3]!;
    if (
      value !== '' &&
      value !== REMOVED &&
      (ops.exec(names, name) !== null || (inUrl && ops.exec(URL_ONLY_NAME, name)))
    ) {
      const valueAt = match.index + match[1]!.length + name.length + 1;
      out += ops.slice(text, last, valueAt) + REMOVED;
      last = valueAt + value.length;
    }
    if (PARAM.lastIndex === match.index) PARAM.lastIndex++;
  }
  return last === 0 ? text : out + ops.slice(text, last);
}

/** The URL without user info and without the values of credential-named parameters. */
export function cleanCredentialUrl(url: string, ops: TextOps = NATIVE_TEXT_OPS): string {
  let text = url;
  const userinfo = ops.exec(USERINFO, text);
  if (userinfo) text = userinfo[1]! + ops.slice(text, userinfo[0].length);
  let query = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '?' || text[i] === '#') {
      query = i;
      break;
    }
  }
  return query < 0 ? text : cleanParams(text, query, ops, true);
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\n' || c === '\r' || c === '\t';

/** The index just past the JSON string starting at `at` (a `"`), or the text's length. */
function stringEnd(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') return i + 1;
  }
  return text.length;
}

/** The index just past the JSON value starting at `at` (any type; unbalanced: the text's end). */
function valueEnd(text: string, at: number): number {
  const first = text[at];
  if (first === '"') return stringEnd(text, at);
  if (first === '{' || first === '[') {
    let depth = 0;
    for (let i = at; i < text.length; i++) {
      const c = text[i];
      if (c === '"') i = stringEnd(text, i) - 1;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return text.length;
  }
  // A number, a literal, or something malformed: up to the next separator.
  let i = at;
  while (i < text.length && text[i] !== ',' && text[i] !== '}' && text[i] !== ']' && !isSpace(text[i])) i++;
  return i;
}

/** The JSON text with credential members' values and `Bearer` strings replaced (see above). */
function cleanJson(text: string, ops: TextOps, names = NAME, nested?: (value: string) => string | undefined): string {
  let out = '';
  let last = 0;
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '"') {
      i++;
      continue;
    }
    const end = stringEnd(text, i);
    let next = end;
    while (isSpace(text[next])) next++;
    if (text[next] === ':') {
      // A member's key: its value goes when the name is a credential's.
      if (ops.exec(names, ops.slice(text, i + 1, end - 1)) !== null) {
        let at = next + 1;
        while (isSpace(text[at])) at++;
        const valueStop = valueEnd(text, at);
        const value = ops.slice(text, at, valueStop);
        if (valueStop > at && value !== `"${REMOVED}"` && value !== WORKER_TAP_REDACTED) {
          out += `${ops.slice(text, last, at)}"${REMOVED}"`;
          last = valueStop;
        }
        i = valueStop > next ? valueStop : next + 1;
        continue;
      }
      i = next + 1;
      continue;
    }
    // A string value: a bearer token under any name goes too.
    if (ops.exec(BEARER, ops.slice(text, i + 1, end)) !== null) {
      out += `${ops.slice(text, last, i)}"${REMOVED}"`;
      last = end;
    } else if (nested) {
      const cleaned = nested(ops.slice(text, i, end));
      if (cleaned !== undefined) {
        out += ops.slice(text, last, i) + cleaned;
        last = end;
      }
    }
    i = end;
  }
  return last === 0 ? text : out + ops.slice(text, last);
}

/**
 * A credential written inside text, wherever it is (a note, a log line, an error's message, a
 * URL in a string): the token after `Bearer` (after blanks, escaped ones, or a colon; a token with
 * `!`, `%` or an escaped `\/` too); the credential after `Authorization:` and its
 * scheme (`Basic …`); a JWT (three base64url parts, the first a JSON header: `eyJ…`); the value
 * of a `…token=`, `…secret=`, `password=`, `apiKey=`… parameter and of `code=` in a query
 * (`?code=`, `&code=`: an OAuth code; a bare `code=500` is an error's); the rest of a `Cookie:` or
 * `Set-Cookie:` line. Forward matches only, so a long run of blanks or words cannot make it
 * backtrack. The credential is the last group that matched, a JWT the whole match.
 */
const TEXT_CREDENTIAL =
  /\bBearer(?:[\s:]|\\[tnrf]|\\u[0-9a-fA-F]{4})+((?:[\w~+/.=!%-]|\\\/){8,})|\bAuthori[sz]ation:(?:[ \t]|\\[tnrf])*(?:[A-Za-z]+(?:[\s:]|\\[tnrf]|\\u[0-9a-fA-F]{4})+)?((?:[\w~+/.=!%-]|\\\/){8,})|eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*|(?:token|secret|passw\w*|api[-_]?key|jwt|credentials?|[?&#;]code)=([^&#\s"'<>\\,;]+)|\bcookie:[ \t]*([^\s"'<>\\][^\r\n"'<>\\]*)/gi;

/** The text with every credential TEXT_CREDENTIAL finds in it replaced by `(removed)`. */
function cleanTextCredentials(text: string, ops: TextOps): string {
  let out = '';
  let last = 0;
  TEXT_CREDENTIAL.lastIndex = 0;
  for (let match = ops.exec(TEXT_CREDENTIAL, text); match !== null; match = ops.exec(TEXT_CREDENTIAL, text)) {
    const value = match[1] ?? match[2] ?? match[3] ?? match[4] ?? match[0];
    if (value === REMOVED) continue;
    // The credential ends the match (its group is the match's last part).
    const at = match.index + match[0].length - value.length;
    out += ops.slice(text, last, at) + REMOVED;
    last = at + value.length;
  }
  return last === 0 ? text : out + ops.slice(text, last);
}

/**
 * A request or response body without credentials (JSON members, form parameters, bearer strings,
 * and credentials written inside its text).
 */
export function cleanCredentialText(text: string, ops: TextOps = NATIVE_TEXT_OPS): string {
  let first = 0;
  while (isSpace(text[first])) first++;
  if (text[first] === '{' || text[first] === '[' || text[first] === '"')
    return cleanTextCredentials(cleanJson(text, ops), ops);
  // Not JSON: a form body (`a=1&token=…`), or a text holding JSON further on.
  return cleanTextCredentials(cleanJson(cleanParams(text, 0, ops, false), ops), ops);
}

/**
 * A socket's (or a worker's) text message is WxCC's protocol, where `sessionId` is an agent's
 * session id, not a credential: there only names containing `token`, `secret`, `passw`,
 * `authorization`, `cookie`, an API key, `credential` or `jwt` are, and `Bearer …` strings (a
 * Webex Mercury socket's first message carries the user's access token that way).
 */
const SOCKET_NAME = /token|secret|passw|authori[sz]ation|cookie|api[-_]?key|credential|jwt/i;
/**
 * What a message must contain to be worth scanning (a credential's name, `Bearer`, and for
 * TEXT_CREDENTIAL a JWT's `eyJ` and `code=`): most hold none of it and are returned at once.
 * One regex of literals: V8 scans it fast (about 0.9 GB/s on WxCC frames, against 1.2 GB/s
 * without `eyj|code=`; separate `includes` calls cost more than the two alternatives).
 */
const SOCKET_HINT = /token|secret|passw|authori[sz]ation|cookie|api[-_]?key|credential|jwt|bearer|eyj|code=/i;

/** A JSON string literal that holds JSON (a worker relaying a socket's frame): cleaned inside. */
function nestedJson(literal: string): string | undefined {
  if (literal[1] !== '{' && literal[1] !== '[') return undefined;
  if (!SOCKET_HINT.test(literal)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(literal);
  } catch {
    return undefined;
  }
  if (typeof value !== 'string') return undefined;
  const cleaned = cleanSocketCredentials(value);
  return cleaned === value ? undefined : JSON.stringify(cleaned);
}

/**
 * A socket's or a worker's text message without credentials: the values of credential-named JSON
 * members (any depth, any type, also inside JSON held in a string), `Bearer …` strings and the
 * credentials written inside any text (TEXT_CREDENTIAL: `Authorization: Bearer …` in a note, a
 * JWT, `access_token=…`) become `(removed)`, as in a REST body; the rest byte for byte. Applied where a message is recorded
 * (the hub, a HAR's import), so a token a page sends over a socket is never stored.
 */
export function cleanSocketCredentials(text: string): string {
  if (!SOCKET_HINT.test(text)) return text;
  let first = 0;
  while (isSpace(text[first])) first++;
  const json = text[first] === '{' || text[first] === '[' || text[first] === '"';
  const body = json ? text : cleanParams(text, 0, NATIVE_TEXT_OPS, false, SOCKET_NAME);
  return cleanTextCredentials(cleanJson(body, NATIVE_TEXT_OPS, SOCKET_NAME, nestedJson), NATIVE_TEXT_OPS);
}
