import { decodeRun, encodedRuns, encodeLike, mayBeEncoded } from './percent-runs';
import { PHONE_MAX_DIGITS, PHONE_MIN_DIGITS } from './phone-forms';
import { PSEUDONYM_SHAPE, type PseudonymKind, type Pseudonyms } from './pseudonyms';
import type { RedactContext } from './redact-context';
import { ISO_DATE_TIME_PATTERN, isSafeValue } from './redact-policy';
// redact-url's functions call back into this module's; neither uses the other's at load time.
import { redactUrl } from './redact-url';

/*
 * Identifiers inside strings: the rules that decide what a phone number and an e-mail address
 * look like, used both on whole values (a CPD `ani`, a participant key) and on free text (any
 * other string of a frame, a HAR header, a URL).
 *
 * Phone numbers are the hard part: a frame is full of digit runs that are not phone numbers
 * (UUIDs, epoch-ms timestamps, dates, IP addresses, version strings in a User-Agent). So:
 *   - in free text, a phone number is 7-15 digits that start with `+` or are written with
 *     separators (`415-555-0100`, `(415) 555 0100`, `415.555.0100`), and never a part of a
 *     longer word or id (a UUID's `0000-4000-8000-…` segments are preceded by `-` or a hex digit);
 *     dates, IPv4 addresses, decimals and dotted version numbers are not phone numbers;
 *   - a bare digit run (`14155550100`) in free text is replaced only when it spells a number met
 *     as a phone number somewhere in the file (phone-forms.ts), or follows `tel:` / `sip:`, since
 *     it is as likely a timestamp;
 *   - as a whole value of an identifier field or a participant id, a bare digit run of 7-15
 *     digits is a phone number, and so is a `tel:` or `sip:` URI of one (the whole value is the
 *     number's pseudonym, as `(415) 555-0100` is: one number, one pseudonym, whatever the wrapping);
 *     a shorter number is one when a customer's participant is keyed by it.
 */

const DATE_START = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})(?:$|\s)/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const DECIMAL = /^\d+\.\d+$/;
const DOTS_ONLY = /^[\d.]+$/;
const BARE = /^\d+$/;
const WHOLE_PHONE = /^[+(]?\d[\d ().-]*\d$/;
const WHOLE_EMAIL = /^[^\s@"<>]+@[^\s@"<>]+\.[^\s@"<>.]{2,}$/;

/**
 * The digits of `text` if the whole of it is written like a phone number; `bare` also accepts a
 * plain digit run. Undefined for anything else.
 */
export function phoneDigits(text: string, bare: boolean): string | undefined {
  let digits = '';
  let singles = 0;
  let groups = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits += text[i];
      run++;
    } else if (run > 0) {
      groups++;
      if (run === 1) singles++;
      run = 0;
    }
  }
  if (run > 0) {
    groups++;
    if (run === 1) singles++;
  }
  if (digits.length < PHONE_MIN_DIGITS || digits.length > PHONE_MAX_DIGITS) return undefined;
  if (BARE.test(text)) return bare ? digits : undefined;
  if (DATE_START.test(text) || IPV4.test(text) || DECIMAL.test(text)) return undefined;
  // "1 2 3 4 5 6 7" is a list, not a number.
  if (singles >= 3) return undefined;
  // 415.555.0100 is a phone number; 120.0.6099.130 (a browser version) and 10.0.19045 are not.
  if (text.charCodeAt(0) !== 43 && DOTS_ONLY.test(text) && (groups !== 3 || singles > 0)) return undefined;
  return digits;
}

/** `tel:`, `sip:`, `sips:`, `mailto:`: a URI whose address is a phone number or an e-mail address. */
const ADDRESS_URI = /^(?:tel|sips?|mailto):([^;?]*)/i;

/** The digits of a whole text written as a phone number, or a shorter number the file's customers are keyed by. */
function wholePhoneDigits(text: string, context: RedactContext): string | undefined {
  if (!WHOLE_PHONE.test(text)) return undefined;
  const digits = phoneDigits(text, true);
  if (digits !== undefined || context.known === undefined) return digits;
  const all = text.replace(/\D/g, '');
  return all.length < PHONE_MIN_DIGITS && context.known.phoneOf(all) !== undefined ? all : undefined;
}

/** The pseudonym of a whole value that is a phone number or an e-mail address (a URI of one too). */
function addressValue(trimmed: string, original: string, context: RedactContext): string | undefined {
  const uri = ADDRESS_URI.exec(trimmed);
  if (uri) {
    const address = uri[1]!.trim();
    const at = address.indexOf('@');
    const digits = wholePhoneDigits(at >= 0 ? address.slice(0, at) : address, context);
    if (digits !== undefined) return context.phone(digits, original);
    return WHOLE_EMAIL.test(address) ? context.pseudonyms.email(address, original) : undefined;
  }
  if (WHOLE_EMAIL.test(trimmed)) return context.pseudonyms.email(trimmed, original);
  const digits = wholePhoneDigits(trimmed, context);
  return digits === undefined ? undefined : context.phone(digits, original);
}

/**
 * The pseudonym of a whole value of an identifier field: a phone number or an e-mail address by
 * its shape, else `fallback` (`name` for a customer's name, `value` for a CAD value…). In the
 * replacing pass a value met in a customer field gets that field's kind wherever it is (the
 * customer's name in a CRM call's body is `name-1`, as in `customerName`, not `text-1`), and a
 * number the file also spells another way gets that number's pseudonym. Empty and blank values
 * are kept: they hide nothing, and "no name" is worth seeing. So is a value that is only a UUID
 * or a boolean (`isSafeValue`), in a customer field too: a CAD variable holding the call's
 * interaction id or a CRM record's UUID says nothing about a person, and it is what follows the
 * call across systems; replaced, it would also be looked for as customer data and take the id's
 * place wherever else it is.
 */
export function wholeValueIn(value: string, fallback: PseudonymKind, context: RedactContext): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  const pseudonyms = context.pseudonyms;
  const shape = PSEUDONYM_SHAPE.exec(trimmed);
  if (shape) return pseudonyms.value(shape[1] as PseudonymKind, trimmed, value);
  if (isSafeValue(trimmed)) return undefined;
  const address = addressValue(trimmed, value, context);
  if (address !== undefined) return address;
  const kind = context.known?.kindOf(trimmed);
  return pseudonyms.value(kind !== undefined && kind !== 'email' ? kind : fallback, value);
}

/**
 * The pseudonym of an id that names a person (a participant key, its `id`, an entry of a media
 * leg's `participants`): a phone number or an e-mail address, or in the replacing pass any id a
 * customer's participant was keyed by (a chat handle, a short number); undefined for any other
 * id (an agent's UUID), which stays.
 */
export function identifierValue(value: string, context: RedactContext): string | undefined {
  const trimmed = value.trim();
  const shape = PSEUDONYM_SHAPE.exec(trimmed);
  if (shape)
    return shape[1] === 'phone' || shape[1] === 'email'
      ? context.pseudonyms.value(shape[1], trimmed, value)
      : undefined;
  const address = addressValue(trimmed, value, context);
  if (address !== undefined) return address;
  const kind = trimmed === '' ? undefined : context.known?.kindOf(trimmed);
  return kind === undefined ? undefined : context.pseudonyms.value(kind === 'email' ? 'value' : kind, value);
}

/** A secret (token, cookie, password): `token-N`, or undefined for an empty one. */
export function secretValue(value: string, pseudonyms: Pseudonyms): string | undefined {
  if (value === '') return undefined;
  return pseudonyms.secret(value);
}

/** An e-mail address; the lookbehind keeps it from starting inside a longer word (and linear). */
const EMAIL =
  /(?<![\w.%+-])[A-Za-z0-9][\w.%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![\w-])/g;

// JWT | phone candidate. E-mails go first, in their own pass: a phone candidate such as "(00"
// must not swallow the start of "00@example.com".
const FREE_TEXT = new RegExp(
  [String.raw`(?<![\w-])eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*`, String.raw`(?<![\w+.-])[+(]?\d[\d ().-]*\d(?!\w)`]
    .map((alternative) => `(${alternative})`)
    .join('|'),
  'g',
);

/**
 * Secrets that free text shows by their context: a token after an HTTP auth scheme (`Bearer`,
 * `Basic`), a token parameter in a URL's query, the same parameter written bare in text
 * (`access_token=…` after a space, a quote or a bracket: a log line, a pasted curl command; not
 * `code=`, which in text is an error's code), and the value of a `Cookie:`/`Set-Cookie:` header
 * line.
 */
const SECRET_PARAMS =
  'access_token|id_token|refresh_token|auth_token|token|jwt|api_?key|apikey|client_secret|secret|password|passwd|pwd|sig|signature|code|auth';
const TEXT_SECRET_PARAMS = String.raw`[\w.-]*(?:token|secret|passw|jwt|api_?key)[\w.-]*|pwd|sid|session_?id|jsessionid|auth`;
/*
 * Forward matches, the secret in a group at the end of each: a lookbehind such as
 * `(?<=Bearer\s+)` is tried backwards from every position, so `Bearer` and 200,000 blanks took a
 * minute (measured: 70 s); matched forward it is one pass.
 */
const FREE_TEXT_SECRETS = new RegExp(
  [
    String.raw`\b(?:Bearer|Basic)\s+([\w~+/.-]{8,}=*)`,
    String.raw`[?&#;](?:${SECRET_PARAMS})=([^&#\s"'<>]+)`,
    String.raw`(?:^|[\s,"'({\[])(?:${TEXT_SECRET_PARAMS})=([^&#\s"'<>;,]+)`,
    String.raw`\b(?:set-)?cookie:[ \t]*([^\s"'<>][^\r\n"'<>]*)`,
  ].join('|'),
  'gi',
);

/** A FREE_TEXT_SECRETS match with its secret (the group that matched, at its end) replaced. */
function secretReplaced(pseudonyms: Pseudonyms, match: string, ...groups: (string | undefined)[]): string {
  const secret = groups[0] ?? groups[1] ?? groups[2] ?? groups[3] ?? match;
  return match.slice(0, match.length - secret.length) + pseudonyms.secret(secret);
}

/** What a string holds that the free-text passes look for, found in one loop over it (`survey`). */
let digitCount = 0;
let hasAt = false;
let hasEquals = false;

function survey(text: string): void {
  digitCount = 0;
  hasAt = false;
  hasEquals = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digitCount++;
    else if (c === 64) hasAt = true;
    else if (c === 61) hasEquals = true;
  }
}

function isUuid(text: string): boolean {
  for (let i = 0; i < 36; i++) {
    const c = text.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false;
    } else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) return false;
  }
  return true;
}

/**
 * A phone candidate → the pieces of it to replace, as [start, end, digits] (digits '' when the
 * piece is a bare run that is not a known phone number). Usually one piece; a candidate with more
 * than 15 digits may be several numbers in a row ("+1 415 555 0100 +1 415 555 0101"), tried as
 * groups of its space-separated parts.
 */
function phonePieces(candidate: string, context: RedactContext, uri: boolean): [number, number, string][] {
  const pieces: [number, number, string][] = [];
  const whole = piece(candidate, 0, candidate.length, context, uri);
  if (whole) return [whole];
  if (!candidate.includes(' ')) return pieces;
  const parts: [number, number, number][] = [];
  const PART = /[^ ]+/g;
  for (let m = PART.exec(candidate); m; m = PART.exec(candidate))
    parts.push([m.index, m.index + m[0].length, m[0].replace(/\D/g, '').length]);
  // Greedy groups: a part starting with + or ( starts a number, and so does one that would make
  // the current group longer than a phone number can be.
  let from = 0;
  let count = 0;
  for (let i = 0; i <= parts.length; i++) {
    const first = i < parts.length ? candidate.charCodeAt(parts[i]![0]) : 0;
    if (i === parts.length || (i > from && (first === 43 || first === 40 || count + parts[i]![2] > PHONE_MAX_DIGITS))) {
      const found = piece(candidate, parts[from]![0], parts[i - 1]![1], context, false);
      if (found) pieces.push(found);
      from = i;
      count = 0;
    }
    if (i < parts.length) count += parts[i]![2];
  }
  return pieces;
}

/** `uri`: the candidate is the number of a `tel:` or `sip:` URI, so even a bare run is a phone number. */
function piece(
  candidate: string,
  start: number,
  end: number,
  context: RedactContext,
  uri: boolean,
): [number, number, string] | undefined {
  const text = candidate.slice(start, end);
  const digits = phoneDigits(text, true);
  if (digits === undefined) return undefined;
  if (uri || !BARE.test(text)) return [start, end, digits];
  const known = context.known?.phoneOf(digits) !== undefined || context.pseudonyms.knowsPhone(digits);
  return [start, end, known ? digits : ''];
}

/** Just before a phone candidate: it is the number of a telephone URI. */
const BEFORE_URI_NUMBER = /(?:^|[^\w.+-])(?:tel|sips?):$/i;
const isUriNumber = (text: string, at: number) => BEFORE_URI_NUMBER.test(text.slice(Math.max(0, at - 6), at));
/** A `sip:` URI's user part that is a number (or already its pseudonym): the phone pass's, not an e-mail address. */
const NUMBER_USER = /^(?:\+?[\d().-]+|phone-[1-9]\d*)@/;

/**
 * Free text with its e-mail addresses, phone numbers, JWTs, bearer tokens and URL tokens replaced
 * by pseudonyms. Raises `context.sawUnknownDigits` when it left a bare digit run that a later
 * identifier field could still make a known phone number (the JSON pass then retries the string
 * at the end of its frame).
 */
export function redactFreeText(text: string, context: RedactContext): string {
  // Most strings of a frame hold nothing to replace, the commonest of them (a UUID) never: the
  // regexes run only on strings that have what their matches need.
  const known = context.known;
  if (text.length < (known ? 3 : 5) || (text.length === 36 && isUuid(text))) return text;
  if (!known && text.length >= 6 && text.includes('-')) meetPseudonyms(text, context.pseudonyms);
  return text.includes('://') ? withUrls(text, context) : plainText(text, context);
}

/** A pseudonym in text, as redaction writes it (`name-1 phone-2`). */
const PSEUDONYM_IN_TEXT = /(?<![\w-])(phone|email|name|value|text|token)-[1-9]\d*(?![\w-])/g;

/**
 * The collecting pass notes the pseudonyms a text already holds (a file redacted before): the
 * replacing pass numbers new values around them (pseudonyms.ts), so none is given twice.
 */
function meetPseudonyms(text: string, pseudonyms: Pseudonyms): void {
  PSEUDONYM_IN_TEXT.lastIndex = 0;
  for (let m = PSEUDONYM_IN_TEXT.exec(text); m; m = PSEUDONYM_IN_TEXT.exec(text))
    pseudonyms.met(m[1] as PseudonymKind, m[0]);
}

/** A URL in text (an error's message, a script's address in a HAR's initiator), without what ends the sentence. */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;
const SENTENCE_END = /[.,;:!?)\]}]+$/;

/**
 * Text holding URLs: each URL is redacted as a URL (its query by parameter, percent-encoded
 * values decoded: `?name=Maribel%20Quintero&email=a%40b.com`), the rest as free text.
 */
function withUrls(text: string, context: RedactContext): string {
  let out = '';
  let last = 0;
  URL_IN_TEXT.lastIndex = 0;
  for (let m = URL_IN_TEXT.exec(text); m; m = URL_IN_TEXT.exec(text)) {
    const url = m[0].replace(SENTENCE_END, '');
    out += plainText(text.slice(last, m.index), context) + redactUrl(url, context);
    last = m.index + url.length;
    URL_IN_TEXT.lastIndex = last;
  }
  return last === 0 ? plainText(text, context) : out + plainText(text.slice(last), context);
}

/** How many times an encoded run is decoded again (`carol%2540example.net` was encoded twice). */
const MAX_DECODINGS = 2;

function plainText(text: string, context: RedactContext, decodings = 0): string {
  if (text.length < 3) return text;
  if (decodings < MAX_DECODINGS && mayBeEncoded(text)) text = withEncodedRuns(text, context, decodings);
  const known = context.known;
  survey(text);
  if (known) text = known.replace(text, context.pseudonyms, digitCount);
  const long = text.length >= 16;
  const phonesOrJwt = digitCount >= PHONE_MIN_DIGITS || (long && text.includes('eyJ'));
  const secrets = hasEquals || (long && (text.includes('earer') || text.includes('asic') || /cookie/i.test(text)));
  if (!hasAt && !phonesOrJwt && !secrets) return text;
  const pseudonyms = context.pseudonyms;
  if (hasAt) {
    EMAIL.lastIndex = 0;
    const original = text;
    text = text.replace(EMAIL, (email, at: number) =>
      NUMBER_USER.test(email) && isUriNumber(original, at) ? email : pseudonyms.email(email),
    );
  }
  if (phonesOrJwt) text = replacePhonesAndJwts(text, context);
  if (!secrets) return text;
  FREE_TEXT_SECRETS.lastIndex = 0;
  return text.replace(FREE_TEXT_SECRETS, (match, a?: string, b?: string, c?: string, d?: string) =>
    secretReplaced(pseudonyms, match, a, b, c, d),
  );
}

/**
 * Percent- and form-encoded runs (percent-runs.ts) redacted as the text they decode to, and
 * written back encoded as they were: `x=bob%40example.org&y=1` is `x=email-1&y=1`,
 * `Maribel%20Quintero` `name-1`. A run whose decoding holds nothing to replace stays byte for byte.
 */
function withEncodedRuns(text: string, context: RedactContext, decodings: number): string {
  let out = '';
  let last = 0;
  for (const [start, end] of encodedRuns(text)) {
    const run = text.slice(start, end);
    const decoded = decodeRun(run);
    if (decoded === run) continue;
    const redacted = plainText(decoded, context, decodings + 1);
    if (redacted === decoded) continue;
    out += text.slice(last, start) + encodeLike(redacted, run);
    last = end;
  }
  return last === 0 ? text : out + text.slice(last);
}

const NOT_DIGIT = /\D/g;
/**
 * 15 to 19 digits, the first not 0, alone or in groups split by single blanks or dashes: a card
 * number (ISO/IEC 7812; American Express has 15, most 16). Fewer could be a phone number, which
 * has at most 15 digits and, written nationally, mostly starts with 0.
 */
const CARD_SHAPE = /^[1-9](?:[ -]?\d){14,18}$/;

/** A payment card number: its shape, and its Luhn check digit right (so a long id rarely is one). */
function isCardNumber(text: string): boolean {
  if (!CARD_SHAPE.test(text)) return false;
  const digits = text.replace(NOT_DIGIT, '');
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const ISO_DATE_TIME = new RegExp(ISO_DATE_TIME_PATTERN, 'y');

const WORD_CHAR = /\w/;

/**
 * Where the ISO date and time that holds `at` ends, or -1. Such a time starts at most 29
 * characters before (its longest form up to its offset), so only those starts are tried.
 */
function isoTimeAround(text: string, at: number): number {
  // A phone candidate starts a time at its year, or inside one after `:` (its minutes or
  // seconds), `,` or `.` (a fraction): every digit run of a text is a candidate, and trying the
  // pattern at 30 starts for each made percent-encoded text (`%41` × 50,000) 5× slower.
  const before = text.charCodeAt(at - 1);
  if (text.charCodeAt(at + 4) !== 45 /* - */ && before !== 58 && before !== 44 && before !== 46) return -1;
  for (let start = Math.max(0, at - 29); start <= at; start++) {
    const c = text.charCodeAt(start);
    if (c < 48 || c > 57 || text.charCodeAt(start + 4) !== 45 /* - */) continue;
    if (start > 0 && WORD_CHAR.test(text[start - 1]!)) continue;
    ISO_DATE_TIME.lastIndex = start;
    const m = ISO_DATE_TIME.exec(text);
    if (m && start + m[0].length > at) return start + m[0].length;
  }
  return -1;
}

function replacePhonesAndJwts(text: string, context: RedactContext): string {
  const pseudonyms = context.pseudonyms;
  let out = '';
  let last = 0;
  FREE_TEXT.lastIndex = 0;
  for (let m = FREE_TEXT.exec(text); m; m = FREE_TEXT.exec(text)) {
    if (m[1] !== undefined) {
      out += text.slice(last, m.index) + pseudonyms.secret(m[0]);
      last = m.index + m[0].length;
      continue;
    }
    // A time's digits are no phone number: `2026-01-05T09:00:10.000+01:00` stays whole.
    const time = isoTimeAround(text, m.index);
    if (time > m.index) {
      FREE_TEXT.lastIndex = time;
      continue;
    }
    // An opening parenthesis the number does not close is the text's: "(4155550123, …)" keeps it,
    // and the digits are judged as the bare run they are.
    const open = m[0].charCodeAt(0) === 40 && !m[0].includes(')') ? 1 : 0;
    const start = m.index + open;
    const found = open ? m[0].slice(1) : m[0];
    // A payment card number is no phone number cut in pieces (`phone-6 1111`): one value.
    if (isCardNumber(found)) {
      out += text.slice(last, start) + pseudonyms.value('value', found.replace(NOT_DIGIT, ''), found);
      last = start + found.length;
      continue;
    }
    for (const [from, to, digits] of phonePieces(found, context, isUriNumber(text, start))) {
      if (digits === '') {
        context.sawUnknownDigits = true;
        continue;
      }
      out += text.slice(last, start + from) + context.phone(digits, found.slice(from, to));
      last = start + to;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}
