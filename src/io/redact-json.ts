import { isScanError, scanLiteral, scanNumber, scanString, skipWhitespace } from '../protocol/json-scan';
import { PSEUDONYM_SHAPE, type PseudonymKind } from './pseudonyms';
import { PHONE_MIN_DIGITS } from './phone-forms';
import type { RedactContext } from './redact-context';
import { isIdOrTimeKey, isIdOrTimeShaped, isListedSafeKey, isProtocolConstant, isSafeValue } from './redact-policy';
import { identifierValue, redactFreeText, secretValue, wholeValueIn } from './redact-text';

/*
 * Redaction of one JSON text (a frame's payload, a HAR request or response body) by the field it
 * is in. The text is scanned, not parsed and re-serialised: every byte that is not a replaced
 * string stays as it was (whitespace, key order, duplicate keys, `__proto__` keys, numbers such as
 * 1e400 or -0 that JSON.parse would not give back, escapes), so the model reads the redacted frame
 * exactly as it read the original but for the pseudonyms, and a diff of the two files shows only
 * those. The scanner keeps its own stack, so 1000-level nesting costs no recursion.
 *
 * Which strings are replaced, by where they are:
 *   - customer fields, wherever they appear: ani, displayAni, dnis, customerName, customerNumber,
 *     fromAddress, sourceNumber, parent_ANI, parent_DNIS (the whole value), convIvrTranscript;
 *   - `callAssociatedData.<name>.value` and every `callAssociatedDetails` value;
 *   (in these, as anywhere, a value that is only a UUID or a boolean stays: `wholeValueIn`);
 *   - participants: a key of the `participants` map, a participant's `id`, and the entries of a
 *     `participants` array (a media leg's) when they are phone numbers or e-mail addresses, or
 *     whatever the customer's participant is keyed by (an agent's UUID stays); `callerId` always; `name` of a customer, of a participant keyed by a
 *     phone number or e-mail, and of agents and supervisors with `agentNames`;
 *   - agent-name fields with `agentNames`: changedByName, agentName, consultDestinationAgentName,
 *     parent_Agent_Name, supervisorName;
 *   - secrets by key: token, access_token, jwt, authorization, password, secret, apiKey, cookie…;
 *   - every other string value is replaced whole (`text-N`, or by its shape `phone-N` /
 *     `email-N`) unless its key is on the allow-list of redact-policy.ts (ids, states, event
 *     names, timestamps, flags) or the value is an id, a boolean or empty; those, and every key,
 *     get the free-text pass (e-mails, phone numbers, JWTs, and in the replacing pass every
 *     value met in a customer field anywhere in the file: redact-known.ts); a string that holds
 *     JSON is redacted as JSON.
 * A number in a replaced field (a wire quirk) becomes the pseudonym string: privacy comes first.
 * Text that stops being JSON part way (a truncated frame) keeps what was redacted up to there, and
 * the rest gets the free-text pass.
 */

enum Role {
  /** Under a key not on the allow-list: replaced whole; an object's members by their key. */
  Generic,
  /** Under an allow-listed key (or an agent's name without `agentNames`): the free-text pass. */
  Safe,
  /** The whole value is an identifier; inside a container, every value is. */
  Whole,
  /** A secret; inside a container, every value is. */
  Secret,
  /** `participants` as an object: keys are participant ids. */
  Participants,
  /** One participant of that map. */
  Participant,
  /** A participant id (phone number / e-mail → pseudonym; UUID stays). */
  ParticipantId,
  /** `participants` as an array (a media leg's): entries are participant ids. */
  ParticipantIds,
  /** A participant's `name`: decided when the participant object closes (it needs `pType`). */
  ParticipantName,
  /** `callAssociatedData`: name → datum. */
  CadMap,
  /** One datum: its `value` is the identifier. */
  CadDatum,
  /** `callAssociatedDetails`: name → value. */
  CadDetails,
}

interface Rule {
  role: Role;
  kind: PseudonymKind;
}

const WHOLE = new Map<PseudonymKind, Rule>();
/** The (shared) rule "the whole value is an identifier of this kind". */
function whole(kind: PseudonymKind): Rule {
  let rule = WHOLE.get(kind);
  if (!rule) WHOLE.set(kind, (rule = { role: Role.Whole, kind }));
  return rule;
}
const GENERIC: Rule = { role: Role.Generic, kind: 'text' };
const SAFE: Rule = { role: Role.Safe, kind: 'value' };
/**
 * A key safe by its suffix only (`…Id`, `…Time`: redact-policy.ts `isIdOrTimeKey`): its string
 * stays when shaped like an id or a time, else it is replaced as under any other key. Its own
 * object (by `kind`, which nothing else of a safe container reads) so an array under it is too.
 */
const SUFFIX_SAFE: Rule = { role: Role.Safe, kind: 'text' };
const SECRET: Rule = { role: Role.Secret, kind: 'token' };

/** Rules by lower-cased key, so `ANI` or `CustomerName` from another system is caught too. */
const CUSTOMER_RULES = new Map<string, Rule>([
  ['ani', whole('value')],
  ['displayani', whole('value')],
  ['dnis', whole('value')],
  ['customernumber', whole('value')],
  ['sourcenumber', whole('value')],
  ['parent_ani', whole('value')],
  ['parent_dnis', whole('value')],
  ['fromaddress', whole('value')],
  ['callerid', whole('value')],
  ['customername', whole('name')],
  ['convivrtranscript', whole('text')],
  ['callassociateddata', { role: Role.CadMap, kind: 'value' }],
  ['callassociateddetails', { role: Role.CadDetails, kind: 'value' }],
  ['participants', { role: Role.Participants, kind: 'value' }],
  ...[
    'token',
    'access_token',
    'accesstoken',
    'refresh_token',
    'refreshtoken',
    'id_token',
    'idtoken',
    'auth_token',
    'authtoken',
    'session_token',
    'sessiontoken',
    'bearer',
    'jwt',
    'authorization',
    'password',
    'passwd',
    'secret',
    'client_secret',
    'clientsecret',
    'api_key',
    'apikey',
    'x-api-key',
    'cookie',
    'set-cookie',
  ].map((key): [string, Rule] => [key, SECRET]),
]);

const AGENT_NAME_KEYS = [
  'changedbyname',
  'agentname',
  'consultdestinationagentname',
  'parent_agent_name',
  'supervisorname',
];

const AGENT_RULES = new Map(CUSTOMER_RULES);
for (const key of AGENT_NAME_KEYS) {
  AGENT_RULES.set(key, whole('name'));
  // Staff names are kept unless asked for (RedactOptions.agentNames).
  CUSTOMER_RULES.set(key, SAFE);
}

/**
 * Rules by key as written, filled on first sight from the lower-cased tables and the allow-list:
 * a frame's keys are the same few hundred over and over, so this saves lower-casing and matching
 * every key of every frame. Bounded, since keys can also be data (CAD names, participant ids).
 */
class RuleCache {
  readonly #byKey = new Map<string, Rule>();

  constructor(readonly rules: Map<string, Rule>) {}

  get(key: string): Rule {
    let rule = this.#byKey.get(key);
    if (rule === undefined) {
      rule =
        this.rules.get(key.toLowerCase()) ?? (isListedSafeKey(key) ? SAFE : isIdOrTimeKey(key) ? SUFFIX_SAFE : GENERIC);
      if (this.#byKey.size >= 10_000) this.#byKey.clear();
      this.#byKey.set(key, rule);
    }
    return rule;
  }
}
const CUSTOMER_CACHE = new RuleCache(CUSTOMER_RULES);
const AGENT_CACHE = new RuleCache(AGENT_RULES);

interface Container {
  object: boolean;
  role: Role;
  /** The key the container is the value of: an array's strings are judged by it. */
  key: string;
  kind: PseudonymKind;
  /** Participant: keyed by a phone number or e-mail address. */
  keyedById: boolean;
  /** Participant: its `pType` (or `type`). */
  type: string | undefined;
  /** Participant: its `name` tokens (one, unless the key is repeated), pending. */
  names: StringToken[] | undefined;
  /** Participant: its `id` values. */
  ids: string[] | undefined;
}

/** A string token (json-scan.ts); `escaped` is cleared when its escapes turn out not to be JSON. */
interface StringToken {
  start: number;
  end: number;
  escaped: boolean;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Objects nested in strings (JSON in a CAD value) are redacted as JSON this deep, then as text. */
const MAX_NESTED_JSON = 4;

/** States of the scanner: what may come next. */
enum Expect {
  Value,
  /** After `{`: a key or `}`. */
  KeyOrEnd,
  /** After `,` in an object. */
  Key,
  Colon,
  /** After a value inside a container. */
  CommaOrEnd,
  /** After `[`: a value or `]`. */
  ValueOrEnd,
  /** The top-level value is complete. */
  Done,
}

/**
 * The text with its identifiers replaced. JSON is redacted by field (above); text that is not JSON
 * gets the free-text pass; either way the result is a string of the same kind.
 */
export function redactText(text: string, context: RedactContext): string {
  return new JsonRedaction(text, context, 0).run();
}

class JsonRedaction {
  readonly #text: string;
  readonly #context: RedactContext;
  readonly #depth: number;
  readonly #rules: RuleCache;
  readonly #edits: Edit[] = [];
  #sorted = true;
  /** Strings whose free-text pass met a bare digit run: redone at the end, when more phones are known. */
  readonly #deferred: StringToken[] = [];
  /** Whether the last key read in a `participants` map was a phone number or e-mail address. */
  #keyIsId = false;

  constructor(text: string, context: RedactContext, depth: number) {
    this.#text = text;
    this.#context = context;
    this.#depth = depth;
    this.#rules = context.agentNames ? AGENT_CACHE : CUSTOMER_CACHE;
  }

  run(): string {
    const text = this.#text;
    const stack: Container[] = [];
    let expect = Expect.Value;
    /** The rule of the value about to be read (set by its key, or by its array). */
    let rule: Rule = GENERIC;
    /** The current member's key in an object (lower-cased lookups use it). */
    let key = '';
    let i = 0;
    let safe = 0;
    /** Where the last string value read ended: a break right there may be a quote inside it. */
    let stringEnd = -1;
    /** Where the last key read starts, and the key before it: a "key" no colon follows was a value's text. */
    let keyStart = -1;
    let lastKey = '';
    const n = text.length;

    scan: for (;;) {
      i = skipWhitespace(text, i);
      const c = text.charCodeAt(i);
      if (i >= n) break;
      switch (expect) {
        case Expect.Value:
        case Expect.ValueOrEnd: {
          if (expect === Expect.ValueOrEnd && c === 93 /* ] */) {
            safe = ++i;
            this.#close(stack.pop()!);
            expect = stack.length === 0 ? Expect.Done : Expect.CommaOrEnd;
            continue;
          }
          if (c === 123 /* { */ || c === 91 /* [ */) {
            const object = c === 123;
            const container = this.#container(object, rule, stack[stack.length - 1], key);
            stack.push(container);
            safe = ++i;
            if (object) expect = Expect.KeyOrEnd;
            else {
              rule = this.#elementRule(container);
              expect = Expect.ValueOrEnd;
            }
            continue;
          }
          if (c === 34 /* " */) {
            const token = this.#string(i);
            if (!token) break scan;
            const parent = stack[stack.length - 1];
            this.#value(token, rule, parent, parent && !parent.object ? parent.key : key);
            safe = i = stringEnd = token.end;
          } else {
            const end = c === 116 || c === 102 || c === 110 ? scanLiteral(text, i) : scanNumber(text, i, false);
            if (isScanError(end) || end < 0) break scan;
            // A number is read only in a replaced field, or when it may be a known phone number.
            if (
              c !== 116 &&
              c !== 102 &&
              c !== 110 &&
              (rule.role === Role.Whole || rule.role === Role.Secret || (this.#context.known && end - i >= 7))
            )
              this.#number(i, end, text.slice(i, end), rule);
            i = end;
          }
          expect = stack.length === 0 ? Expect.Done : Expect.CommaOrEnd;
          continue;
        }
        case Expect.KeyOrEnd:
        case Expect.Key: {
          if (expect === Expect.KeyOrEnd && c === 125 /* } */) {
            safe = ++i;
            this.#close(stack.pop()!);
            expect = stack.length === 0 ? Expect.Done : Expect.CommaOrEnd;
            continue;
          }
          if (c !== 34) break scan;
          const token = this.#string(i);
          if (!token) break scan;
          const parent = stack[stack.length - 1]!;
          lastKey = key;
          keyStart = i;
          key = this.#key(token, parent);
          rule = this.#memberRule(parent, key);
          safe = i = token.end;
          expect = Expect.Colon;
          continue;
        }
        case Expect.Colon:
          if (c !== 58 /* : */) break scan;
          safe = ++i;
          expect = Expect.Value;
          continue;
        case Expect.CommaOrEnd: {
          const top = stack[stack.length - 1]!;
          if (c === 44 /* , */) {
            safe = ++i;
            if (top.object) expect = Expect.Key;
            else {
              rule = this.#elementRule(top);
              expect = Expect.Value;
            }
            continue;
          }
          if (c === (top.object ? 125 : 93)) {
            safe = ++i;
            this.#close(stack.pop()!);
            expect = stack.length === 0 ? Expect.Done : Expect.CommaOrEnd;
            continue;
          }
          break scan;
        }
        case Expect.Done:
          break scan;
      }
    }

    // Not JSON from `safe` on (or trailing text after it): what was not scanned as JSON is text.
    // `safe` only moves past strings and punctuation, never past a number or literal, which text
    // such as "0@example.com" or "true+1 415…" would otherwise be cut in the middle of.
    if (expect === Expect.Done && i >= n) safe = n;
    let tail = '';
    // Containers left open (a frame cut short, even right after a comma): a participant's name
    // is decided now, as at its end.
    for (let k = stack.length - 1; k >= 0; k--) this.#close(stack[k]!);
    if (safe < n) {
      // A number or literal the scan read past `safe` is still to come: the break is in a value.
      const inValue = expect === Expect.CommaOrEnd && /\S/.test(text.slice(safe, i));
      // A "key" no colon follows (`"note":"size 55","Maribel Quintero, …"`) is the text of the
      // value before it: the broken part starts there, after that value.
      if (expect === Expect.Colon) {
        safe = keyStart;
        key = lastKey;
      }
      tail = this.#tail(text.slice(safe), this.#tailLead(stack, expect, key, safe === stringEnd, inValue), stack);
    }
    for (const token of this.#deferred) this.#retry(token);
    return this.#apply(safe, tail);
  }

  /**
   * How the broken part starts (`TailLead`): in an array, as its elements; in an object, as the
   * value the scan was about to read or was reading (a string or number cut short), or as the
   * rest of the value before the break (a quote inside it that was not escaped); undefined when
   * it starts where a key was due, or outside any container.
   */
  #tailLead(
    stack: Container[],
    expect: Expect,
    key: string,
    afterString: boolean,
    inValue: boolean,
  ): TailLead | undefined {
    const top = stack[stack.length - 1];
    if (top === undefined) return undefined;
    if (!top.object)
      return { rule: this.#elementRule(top), key: top.key, as: afterString ? 'element rest' : 'elements' };
    const rule = this.#memberRule(top, key);
    if (expect === Expect.Value || inValue) return { rule, key, as: 'value' };
    if (expect === Expect.CommaOrEnd) return { rule, key, as: afterString ? 'rest' : 'after' };
    // Where a key was due after a comma, or a key had no colon: the text of the value before it
    // (`"wrapUpNote":"TV is 55", wants refund, Maribel …`), unless it is the object's first key.
    if ((expect === Expect.Key || expect === Expect.Colon) && key !== '') return { rule, key, as: 'after' };
    return undefined;
  }

  /**
   * The text after where the JSON breaks (or a text that never was JSON). It is usually still
   * members (a message cut short, a quote that was not escaped, socket.io's `42[` before the
   * JSON), so it is read by its keys: every `"key":` wherever it is (found by pattern, not by
   * pairing quotes, which one stray quote would shift for the rest of the text), and what follows
   * each up to the next is that key's value, judged by its rule as in JSON (a customer field by
   * its kind, a secret, the allow-list, anything else replaced whole; the rule from the object
   * it is in, followed by its braces from the containers the break left open); an array's
   * strings by its elements' rule. What comes before the first key is judged by how the break
   * left it (`lead`); every other part (a string with no key, what lies between strings) gets the
   * free-text pass, as a text that never was JSON does. A string the text cuts short stays open.
   */
  #tail(tail: string, lead: TailLead | undefined, open: Container[]): string {
    // All keys first: a value's own redaction may run a nested redaction, and its tail this pattern.
    const keys = [...tail.matchAll(TAIL_KEY)];
    const stack = [...open];
    let out = '';
    let from = 0;
    let region = lead;
    // A key whose opening quote closed the string before the break: `"state":"x"customerName":…`.
    const first = region?.as === 'rest' || region?.as === 'after' ? LEADING_KEY.exec(tail) : null;
    if (first) {
      out += this.#tailKey(first[0], first[1]!);
      region = this.#keyRegion(stack, tailString(first[1]!));
      from = first[0].length;
    }
    for (const match of keys) {
      if (match.index < from) continue;
      const text = tail.slice(from, match.index);
      out += this.#tailRegion(text, region);
      this.#nest(text, region, stack);
      out += this.#tailKey(match[0], match[1]!);
      region = this.#keyRegion(stack, tailString(match[1]!));
      from = match.index + match[0].length;
    }
    return out + this.#tailRegion(tail.slice(from), region);
  }

  /** A key of the broken part (`raw` as written, inside `written`: the key, its quotes and colon), free-text redacted. */
  #tailKey(written: string, raw: string): string {
    const key = tailString(raw);
    const start = written.indexOf(raw);
    return `${written.slice(0, start)}${writtenBack(raw, key, redactFreeText(key, this.#context))}${written.slice(start + raw.length)}`;
  }

  /** How the value after `key` is judged: by the rule of the innermost object open. */
  #keyRegion(stack: Container[], key: string): TailLead {
    let parent = PLAIN_OBJECT;
    for (let k = stack.length - 1; k >= 0; k--)
      if (stack[k]!.object) {
        parent = stack[k]!;
        break;
      }
    return { rule: this.#memberRule(parent, key), key, as: 'value' };
  }

  /**
   * Follows the containers a stretch of the broken part opens and closes (outside its strings):
   * an object or array that starts a key's value is that key's, with its rule, as in JSON.
   */
  #nest(text: string, region: TailLead | undefined, stack: Container[]): void {
    const valueStart = region?.as === 'value' ? skipWhitespace(text, 0) : -1;
    // Braces inside the value's own text (a string whose quotes were not escaped, bare text) are
    // not structure: only what follows it is read.
    for (let i = valueTextEnd(text, region); i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        while (i < text.length && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 ? 2 : 1;
      } else if (c === 123 || c === 91) {
        const top = stack[stack.length - 1];
        const own = i === valueStart && region !== undefined;
        stack.push(this.#container(c === 123, own ? region.rule : GENERIC, top, own ? region.key : ''));
      } else if ((c === 125 || c === 93) && stack.length > 0) stack.pop();
    }
  }

  /** One stretch of the broken part: what follows a key (or the break) up to the next key. */
  #tailRegion(text: string, lead: TailLead | undefined): string {
    if (lead === undefined) return this.#tailStrings(text, undefined, '');
    const { rule, key } = lead;
    if (lead.as === 'elements') return this.#tailStrings(text, rule, key);
    const rest = lead.as !== 'value';
    if (lead.as === 'after') return this.#tailStrings(text, rule, key);
    const start = rest ? 0 : skipWhitespace(text, 0);
    const c = text.charCodeAt(start);
    if (!rest && c === 91 /* [ */) {
      const elements = this.#elementRule(this.#container(false, rule, PLAIN_OBJECT, key));
      return text.slice(0, start + 1) + this.#tailStrings(text.slice(start + 1), elements, key);
    }
    if (!rest && c !== 34 /* " */) {
      // JSON (a number, a literal, an object whose keys come next), or bare text: a value all the same.
      if (!isJsonAfter(text, start)) return this.#tailText(text, start, rule, key);
      const number = NUMBER.exec(text.slice(start))?.[0];
      const pseudonym = number === undefined ? undefined : this.#numberPseudonym(number, rule);
      if (pseudonym === undefined) return this.#tailStrings(text, undefined, '');
      const after = start + number!.length;
      return `${text.slice(0, start)}"${pseudonym}"${this.#tailStrings(text.slice(after), undefined, '')}`;
    }
    // A string (valueStringEnd), or the rest of one after a stray quote: up to its last quote.
    const open = rest ? 0 : start + 1;
    const close = rest ? lastStringEnd(text, 0) : valueStringEnd(text, open);
    const raw = text.slice(open, close < 0 ? text.length : close);
    const value = tailString(raw);
    const written = writtenBack(raw, value, this.#tailValue(value, rule, key));
    if (close < 0) return text.slice(0, open) + written;
    // After it, an array's next strings are its elements still.
    const after = this.#tailStrings(text.slice(close + 1), lead.as === 'element rest' ? rule : undefined, key);
    return `${text.slice(0, open)}${written}"${after}`;
  }

  /**
   * Bare text where a value was due (`"name": Zacharias Pemberton, "addr": …` inside a note whose
   * quotes were not escaped): judged as the value, up to the punctuation that ends the stretch.
   */
  #tailText(text: string, start: number, rule: Rule, key: string): string {
    let end = text.length;
    while (end > start && isValueEnd(text.charCodeAt(end - 1))) end--;
    // A closing quote the stretch has at its end is kept as punctuation.
    const value = text.slice(start, end);
    return text.slice(0, start) + this.#tailValue(value, rule, key) + text.slice(end);
  }

  /**
   * The strings of a stretch of the broken part, paired quote by quote, each by `element` (the
   * rule of the array they are in, while it is open) or with none; what lies between them gets
   * the free-text pass, or when it is not JSON (the rest of an element after a quote that was not
   * escaped) the element's rule. After a value that ended in an object (`after`), `element` is
   * that value's rule: what follows there without a key is the value's text.
   */
  #tailStrings(text: string, element: Rule | undefined, key: string): string {
    let out = '';
    let last = 0;
    let rule = element;
    /** Arrays opened inside the one `element` is for, in what was read so far. */
    let depth = 0;
    for (let quote = text.indexOf('"'); quote >= 0; quote = text.indexOf('"', last)) {
      const between = text.slice(last, quote);
      if (rule !== undefined) {
        depth += bracketBalance(between);
        if (depth < 0) rule = undefined;
      }
      out +=
        rule !== undefined && !isJsonAfter(between, 0)
          ? this.#tailBetween(between, rule, key)
          : redactFreeText(between, this.#context);
      let end = quote + 1;
      while (end < text.length && text.charCodeAt(end) !== 34) end += text.charCodeAt(end) === 92 ? 2 : 1;
      const closed = end < text.length;
      const raw = text.slice(quote + 1, Math.min(end, text.length));
      const value = tailString(raw);
      // Punctuation between quotes the pairing got wrong (`","`, `]}`) holds nothing and stays.
      const replaced =
        rule === undefined || !HAS_WORD.test(value) ? this.#freeValue(value) : this.#tailValue(value, rule, key);
      out += `"${writtenBack(raw, value, replaced)}${closed ? '"' : ''}`;
      last = closed ? end + 1 : text.length;
    }
    const end = text.slice(last);
    if (rule !== undefined && depth + bracketBalance(end) >= 0 && !isJsonAfter(end, 0))
      return out + this.#tailBetween(end, rule, key);
    return out + redactFreeText(end, this.#context);
  }

  /** Text between an array's strings that is not JSON: judged by the element rule, its punctuation kept. */
  #tailBetween(text: string, rule: Rule, key: string): string {
    let start = 0;
    while (start < text.length && isValueEnd(text.charCodeAt(start))) start++;
    return text.slice(0, start) + this.#tailText(text.slice(start), 0, rule, key);
  }

  /** A string of the broken part, by the rule its key gives it (as #value does in JSON). */
  #tailValue(value: string, rule: Rule, key: string): string {
    switch (rule.role) {
      case Role.Whole: {
        const pseudonym = wholeValueIn(value, rule.kind, this.#context);
        if (pseudonym !== undefined) this.#customer(pseudonym, value, rule.kind);
        return pseudonym ?? value;
      }
      case Role.Secret:
        return secretValue(value, this.#context.pseudonyms) ?? value;
      case Role.Safe:
        if (rule !== SUFFIX_SAFE || isIdOrTimeShaped(key, value)) return this.#freeValue(value);
        return this.#tailGeneric(value);
      default:
        return this.#tailGeneric(value);
    }
  }

  /** A string of the broken part under a key not on the allow-list. */
  #tailGeneric(value: string): string {
    // An id stays; JSON in a string is redacted as JSON, by its own keys, and text that only
    // starts like JSON is replaced whole, as in JSON (#string).
    if (isSafeValue(value) || (isJsonText(value) && this.#depth < MAX_NESTED_JSON)) return this.#freeValue(value);
    return wholeValueIn(value, 'text', this.#context) ?? value;
  }

  #container(object: boolean, rule: Rule, parent: Container | undefined, key: string): Container {
    let role = rule.role;
    if (role === Role.Participants && !object) role = Role.ParticipantIds;
    else if (role === Role.Participant && !object) role = Role.Generic;
    else if (role === Role.CadDatum && !object) role = Role.Whole;
    else if (role === Role.ParticipantId || role === Role.ParticipantName) role = Role.Generic;
    else if ((role === Role.CadMap || role === Role.CadDetails) && !object) role = Role.Whole;
    const container: Container = {
      object,
      role,
      key: parent && !parent.object ? parent.key : key,
      kind: rule.kind,
      keyedById: false,
      type: undefined,
      names: undefined,
      ids: undefined,
    };
    if (role === Role.Participant && parent?.role === Role.Participants) container.keyedById = this.#keyIsId;
    return container;
  }

  #memberRule(parent: Container, key: string): Rule {
    switch (parent.role) {
      case Role.Whole:
        return whole(parent.kind);
      case Role.Secret:
        return SECRET;
      case Role.Participants:
        return PARTICIPANT;
      case Role.CadMap:
        return CAD_DATUM;
      case Role.CadDetails:
        return whole('value');
      case Role.Participant:
        if (key === 'id') return PARTICIPANT_ID;
        if (key === 'name') return PARTICIPANT_NAME;
        break;
      case Role.CadDatum:
        if (key === 'value') return whole('value');
        break;
    }
    return this.#rules.get(key);
  }

  #elementRule(array: Container): Rule {
    switch (array.role) {
      case Role.Whole:
        return whole(array.kind);
      case Role.Secret:
        return SECRET;
      case Role.ParticipantIds:
        return PARTICIPANT_ID;
      case Role.Safe:
        return array.kind === SUFFIX_SAFE.kind ? SUFFIX_SAFE : SAFE;
      default:
        return GENERIC;
    }
  }

  /** A member key: read, and replaced when it is an identifier (participant keys, e-mails…). */
  #key(token: StringToken, parent: Container): string {
    const key = this.#read(token);
    if (parent.role === Role.Participants) {
      const pseudonym = identifierValue(key, this.#context);
      this.#keyIsId = pseudonym !== undefined;
      if (pseudonym !== undefined) this.#edit(token, pseudonym);
      else this.#free(token, key);
    } else {
      this.#free(token, key);
    }
    return key;
  }

  #value(token: StringToken, rule: Rule, parent: Container | undefined, key: string): void {
    switch (rule.role) {
      case Role.Whole: {
        const value = this.#read(token);
        const pseudonym = wholeValueIn(value, rule.kind, this.#context);
        if (pseudonym !== undefined) {
          this.#customer(pseudonym, value, rule.kind);
          this.#edit(token, pseudonym);
        }
        return;
      }
      case Role.Secret: {
        const value = this.#read(token);
        const pseudonym = secretValue(value, this.#context.pseudonyms);
        if (pseudonym !== undefined) this.#edit(token, pseudonym);
        return;
      }
      case Role.ParticipantId: {
        const value = this.#read(token);
        if (parent?.role === Role.Participant) (parent.ids ??= []).push(value);
        const pseudonym = identifierValue(value, this.#context);
        if (pseudonym !== undefined) this.#edit(token, pseudonym);
        else this.#free(token, value);
        return;
      }
      case Role.ParticipantName:
        if (parent?.role === Role.Participant) {
          (parent.names ??= []).push(token);
          return;
        }
        break;
    }
    const value = this.#read(token);
    if (parent?.role === Role.Participant && (key === 'pType' || (key === 'type' && parent.type === undefined)))
      parent.type = value;
    // A text that is one JSON string is text like any other (redactText's contract).
    // GENERIC means the key is not on the allow-list (RuleCache decided, or the array's key did);
    // so does a key safe by its suffix whose value is no id or time.
    if (
      (rule.role === Role.Generic || (rule === SUFFIX_SAFE && !isIdOrTimeShaped(key, value))) &&
      parent !== undefined &&
      !isSafeValue(value) &&
      !(key !== undefined && isProtocolConstant(key, value))
    ) {
      // JSON in a string is redacted as JSON, by its own keys; text that only starts like JSON
      // (`[Callback] Maribel Quintero, …`) is text, replaced whole.
      if (!isJsonText(value) || this.#depth >= MAX_NESTED_JSON) {
        const pseudonym = wholeValueIn(value, 'text', this.#context);
        if (pseudonym !== undefined) this.#edit(token, pseudonym);
        return;
      }
    }
    this.#free(token, value);
  }

  /**
   * A value of a customer field: looked for everywhere else in the replacing pass (phone numbers
   * are, by their digits, without this), as the field's kind (`field`): a customer's name is
   * `name-N` in the redacted file even where a CRM call's body, seen earlier, had it as text. An
   * address keeps its kind by its shape.
   */
  #customer(pseudonym: string, value: string, field: PseudonymKind): void {
    // Collected in the first pass; the second only replaces.
    if (this.#context.known) return;
    const got = pseudonym.slice(0, pseudonym.indexOf('-'));
    // A phone number (or a secret) by its shape is not a value to look for by its words, and a
    // pseudonym is kept as it is wherever it is (pseudonyms.ts).
    if (got === 'phone' || got === 'token' || PSEUDONYM_SHAPE.test(value.trim())) return;
    const kind = got === 'email' ? got : field;
    if (kind === 'name' || kind === 'value' || kind === 'text' || kind === 'email')
      this.#context.collected.addValue(kind, value);
  }

  #number(start: number, end: number, literal: string, rule: Rule): void {
    const pseudonym = this.#numberPseudonym(literal, rule);
    if (pseudonym !== undefined) this.#push({ start, end, text: `"${pseudonym}"` });
  }

  /** What a number under this rule becomes, or undefined when it stays. */
  #numberPseudonym(literal: string, rule: Rule): string | undefined {
    if (rule.role === Role.Generic || rule.role === Role.Safe) {
      // Numbers stay (counts, times, codes) unless one is a phone number met in a customer field.
      const phone = this.#context.known?.phoneOf(literal);
      return phone === undefined ? undefined : this.#context.pseudonyms.phone(phone, literal);
    }
    if (rule.role === Role.Whole) return wholeValueIn(literal, rule.kind, this.#context);
    if (rule.role === Role.Secret) return secretValue(literal, this.#context.pseudonyms);
    return undefined;
  }

  /** A container is complete: a participant's pending name is decided now that its type is known. */
  #close(container: Container): void {
    if (container.role !== Role.Participant) return;
    const type = container.type?.toLowerCase();
    if (type === 'customer' && !this.#context.known)
      for (const id of [container.key, ...(container.ids ?? [])]) collectCustomerId(id, this.#context);
    if (!container.names) return;
    // Unknown type: the participant could be the customer, so the name goes.
    const customer = type === undefined || type === 'customer';
    const staff = type === 'agent' || type === 'supervisor';
    const replace = container.keyedById || customer || (staff && this.#context.agentNames);
    for (const token of container.names) {
      const value = this.#read(token);
      const pseudonym = replace ? wholeValueIn(value, 'name', this.#context) : undefined;
      if (pseudonym !== undefined) this.#customer(pseudonym, value, 'name');
      if (pseudonym !== undefined) this.#edit(token, pseudonym);
      else if (!replace) this.#free(token, value);
    }
    container.names = undefined;
  }

  /** The free-text pass on a string (a JSON string in it is redacted as JSON). */
  #free(token: StringToken, value: string): void {
    const context = this.#context;
    context.sawUnknownDigits = false;
    const redacted = this.#freeValue(value);
    if (context.sawUnknownDigits) {
      this.#deferred.push(token);
      return;
    }
    if (redacted !== value) this.#replaceString(token, redacted);
  }

  #freeValue(value: string): string {
    const first = value.charCodeAt(0);
    if ((first === 123 || first === 91) && this.#depth < MAX_NESTED_JSON && value.length > 1) {
      return new JsonRedaction(value, this.#context, this.#depth + 1).run();
    }
    return redactFreeText(value, this.#context);
  }

  /** A deferred string, once every identifier field of the text has been read. */
  #retry(token: StringToken): void {
    const value = this.#read(token);
    const redacted = this.#freeValue(value);
    if (redacted !== value) this.#replaceString(token, redacted);
  }

  #replaceString(token: StringToken, value: string): void {
    // An unescaped original that only had identifiers swapped for plain pseudonyms is still valid
    // as it is; anything else (JSON redacted inside the string) is encoded again.
    const plain = !token.escaped && !value.includes('"') && !value.includes('\\');
    this.#push({ start: token.start, end: token.end, text: plain ? `"${value}"` : JSON.stringify(value) });
  }

  #edit(token: StringToken, pseudonym: string): void {
    this.#push({ start: token.start, end: token.end, text: `"${pseudonym}"` });
  }

  #push(edit: Edit): void {
    const edits = this.#edits;
    if (edits.length > 0 && edits[edits.length - 1]!.start > edit.start) this.#sorted = false;
    edits.push(edit);
  }

  /** The string token starting at `start` (a `"`), or undefined when it never ends. */
  #string(start: number): StringToken | undefined {
    const token = scanString(this.#text, start, false);
    return isScanError(token) ? undefined : token;
  }

  /**
   * A string token's value. Escapes that are not JSON (or raw control characters, which JSON.parse
   * refuses) make the raw text the value: it is then redacted as written, never skipped.
   */
  #read(token: StringToken): string {
    const raw = this.#text.slice(token.start + 1, token.end - 1);
    if (!token.escaped) return raw;
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch {
      token.escaped = false;
      return raw;
    }
  }

  #apply(safe: number, tail: string): string {
    const text = this.#text;
    const edits = this.#edits;
    if (edits.length === 0 && safe >= text.length) return text;
    if (!this.#sorted) edits.sort((a, b) => a.start - b.start);
    let out = '';
    let at = 0;
    for (const edit of edits) {
      // An edit past `safe` (a number replaced before the scan failed) is the tail's to redact.
      if (edit.start >= safe) break;
      out += text.slice(at, edit.start) + edit.text;
      at = edit.end;
    }
    if (safe >= text.length) return out + text.slice(at);
    return out + text.slice(at, Math.max(at, safe)) + tail;
  }
}

/**
 * The key or id of a customer's participant, in the collecting pass: whatever its shape (a
 * national number too short to look like a phone number, a chat handle), it is the customer's,
 * so the replacing pass replaces it wherever it is an id (identifierValue), and a handle in free
 * text too. Phone numbers and e-mail addresses are already known by their shape; UUIDs stay.
 */
function collectCustomerId(id: string, context: RedactContext): void {
  const trimmed = id.trim();
  if (trimmed === '' || isSafeValue(trimmed) || identifierValue(trimmed, context) !== undefined) return;
  // Too short to look like a phone number on its own (a number of 7-15 digits already does).
  const digits = SHORT_NUMBER.test(trimmed) ? trimmed.replace(/\D/g, '') : '';
  if (digits.length > 0 && digits.length < PHONE_MIN_DIGITS) context.pseudonyms.phone(digits, id);
  else context.collected.addValue('value', trimmed, true);
}
const SHORT_NUMBER = /^[+(]?\d[\d ().-]*$/;

/**
 * How the broken part's first stretch is judged (`#tailLead`): as the value after its key
 * (`value`), as the strings of an array (`elements`), or as the rest of the string value before
 * the break (`rest`, the text after a quote that was not escaped; `element rest` in an array,
 * whose next strings are its elements still), or as what follows a value that ended (`after`:
 * bare text there is that value's still).
 */
interface TailLead {
  rule: Rule;
  key: string;
  as: 'value' | 'elements' | 'rest' | 'element rest' | 'after';
}

/** A letter or digit of any script: a string without one says nothing about anyone. */
const HAS_WORD = /[\p{L}\p{N}]/u;

/** A key at the very start of the broken part, its opening quote taken by the string before. */
const LEADING_KEY = /^([A-Za-z_$][\w$.-]{0,255})"\s*:/;

/** A key and its colon in the broken part: `"customerName" :` (a key of up to 256 characters, on one line). */
const TAIL_KEY = /(?<!\\)"((?:[^"\\\r\n]|\\.){0,256})"\s*:/g;

/**
 * Where a string value of the broken part that starts at `from` ends: its first quote not escaped
 * and followed by what may follow a value (a quote inside text is followed by more text: `"she
 * said "call me" later",`); -1 when the text cuts it short.
 */
function stringEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* backslash */) i++;
    else if (c === 34 /* " */) {
      AFTER_VALUE.lastIndex = i + 1;
      if (AFTER_VALUE.test(text)) return i;
    }
  }
  return -1;
}

const AFTER_VALUE = /\s*(?:[,}\]]|$)/y;

/**
 * Where a string value of the broken part that starts at `open` ends: at its first quote followed
 * by what may follow a value, unless what follows that is not JSON (`said "no", call back …`):
 * then the quote was the text's, and the string runs to its last quote; -1 when cut short.
 */
function valueStringEnd(text: string, open: number): number {
  const close = stringEnd(text, open);
  return close >= 0 && !isJsonAfter(text, close + 1) ? lastStringEnd(text, open) : close;
}

/**
 * Where a string value of the broken part that starts at `from` ends at the latest: its last
 * quote not escaped with nothing but punctuation after it; -1 when there is none.
 */
function lastStringEnd(text: string, from: number): number {
  let end = text.length;
  while (end > from && isValueEnd(text.charCodeAt(end - 1)) && text.charCodeAt(end - 1) !== 34) end--;
  const quote = end - 1;
  if (quote < from || text.charCodeAt(quote) !== 34) return -1;
  let slashes = 0;
  while (quote - 1 - slashes >= from && text.charCodeAt(quote - 1 - slashes) === 92) slashes++;
  return slashes % 2 === 0 ? quote : -1;
}

/**
 * Where the text of the value a stretch of the broken part starts with ends (as #tailRegion reads
 * it): after its string, or its bare text; 0 when the stretch starts with structure.
 */
function valueTextEnd(text: string, region: TailLead | undefined): number {
  if (region === undefined || region.as === 'elements' || region.as === 'after') return 0;
  if (region.as !== 'value') {
    const close = lastStringEnd(text, 0);
    return close < 0 ? text.length : close + 1;
  }
  const start = skipWhitespace(text, 0);
  const c = text.charCodeAt(start);
  if (c === 34) {
    const close = valueStringEnd(text, start + 1);
    return close < 0 ? text.length : close + 1;
  }
  if (c === 123 || c === 91 || isJsonAfter(text, start)) return start;
  let end = text.length;
  while (end > start && isValueEnd(text.charCodeAt(end - 1))) end--;
  return end;
}

/** Blanks and the punctuation that may end a value: `,`, `}`, `]`, and a closing quote. */
function isValueEnd(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 44 || c === 125 || c === 93 || c === 34;
}

/**
 * Whether the text from `from` on is JSON as far as a tokenizer goes (strings, numbers,
 * literals, punctuation, blanks), not bare text such as the rest of a value after a quote that
 * was not escaped. A string the text cuts short counts as JSON.
 */
function isJsonAfter(text: string, from: number): boolean {
  for (let i = from; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      i++;
      while (i < text.length && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 ? 2 : 1;
      i++;
    } else if (
      c === 32 ||
      c === 9 ||
      c === 10 ||
      c === 13 ||
      c === 44 ||
      c === 58 ||
      c === 91 ||
      c === 93 ||
      c === 123 ||
      c === 125
    )
      i++;
    else if (c === 45 || (c >= 48 && c <= 57)) {
      const number = NUMBER.exec(text.slice(i, i + 64))?.[0];
      if (number === undefined) return false;
      i += number.length;
      if (i < text.length && !isJsonBoundary(text.charCodeAt(i))) return false;
    } else {
      const literal = text.startsWith('true', i)
        ? 4
        : text.startsWith('null', i)
          ? 4
          : text.startsWith('false', i)
            ? 5
            : 0;
      if (literal === 0) return false;
      i += literal;
      if (i < text.length && !isJsonBoundary(text.charCodeAt(i))) return false;
    }
  }
  return true;
}

/** A JSON number at the start of a text. */
const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/;

const isJsonBoundary = (c: number): boolean =>
  c === 32 || c === 9 || c === 10 || c === 13 || c === 44 || c === 58 || c === 93 || c === 125 || c === 34;

/** `[` minus `]` outside strings in a stretch between two strings. */
function bracketBalance(text: string): number {
  let balance = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91) balance++;
    else if (c === 93) balance--;
  }
  return balance;
}

/** A string of the broken part written back as it was written: escaped only if it was (a raw newline in text stays one). */
function writtenBack(raw: string, value: string, replaced: string): string {
  return replaced === value ? raw : value === raw ? replaced : JSON.stringify(replaced).slice(1, -1);
}

/** A string of the broken part, its escapes read when they are JSON's, else as written. */
function tailString(raw: string): string {
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

/** The parent a member of the broken part has: an object of no particular role. */
const PLAIN_OBJECT: Container = {
  object: true,
  role: Role.Generic,
  key: '',
  kind: 'text',
  keyedById: false,
  type: undefined,
  names: undefined,
  ids: undefined,
};

const PARTICIPANT: Rule = { role: Role.Participant, kind: 'value' };
const PARTICIPANT_ID: Rule = { role: Role.ParticipantId, kind: 'value' };
const PARTICIPANT_NAME: Rule = { role: Role.ParticipantName, kind: 'name' };
const CAD_DATUM: Rule = { role: Role.CadDatum, kind: 'value' };

/**
 * Whether a string under a key not on the allow-list is JSON, to be redacted by its own keys: it
 * starts with `{` or `[` and parses. Parsed only for those (few) strings; JSON cut short in a
 * string is text then, replaced whole, as anything else under such a key.
 */
function isJsonText(value: string): boolean {
  const first = value.charCodeAt(0);
  if (first !== 123 && first !== 91) return false;
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}
