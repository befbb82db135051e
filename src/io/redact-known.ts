import { PHONE_MIN_DIGITS, PhoneForms } from './phone-forms';
import type { Pseudonyms } from './pseudonyms';

/*
 * The known-values pass: every value met in a customer field anywhere in the file (the caller's
 * number, the customer's name, a CAD value, an e-mail address) is replaced wherever else it
 * shows up, in any spelling: a phone number by its digits (E.164, national, with any separators,
 * after a word such as `call-+14155550100`: phone-forms.ts); other values by
 * their words (letters and digits, any case, any separators between them: `Maribel+Quintero`,
 * `ACCT 99812 7731`). Both look-ups are hashes per word or digit run, so the cost does not grow
 * with the number of values a file holds. Redaction reads the
 * whole file once to collect them and then redacts it (redact.ts), so what is replaced does not
 * depend on the order of the file.
 */

const MIN_VALUE_LENGTH = 3;
/** A longer value (a transcript) is not looked for elsewhere: it is its own field's. */
const MAX_VALUE_LENGTH = 200;
const BOOLEAN_OR_SMALL_NUMBER = /^(?:true|false|null|-?\d{1,6}(?:\.\d+)?)$/i;

/** A known value as the words it is made of, and what it is. */
interface Known {
  kind: 'name' | 'value' | 'text' | 'email';
  value: string;
  words: string[];
  /** What the value has before its first word and after its last (`<`, `"`…): taken along when the text has them too. */
  before: string;
  after: string;
  /** Another order of a name's words (otherOrders): gives way to a value written in that order. */
  reordered?: boolean;
}

/**
 * The words of a text: runs of ASCII letters and digits, and of any non-ASCII character but
 * blanks (names in any script), lower-cased. A loop over char codes: this runs on every string
 * of a file, where a Unicode-property regex costs several times as much.
 */
function words(text: string): { word: string; start: number; end: number }[] {
  const out: { word: string; start: number; end: number }[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    const word =
      (c >= 48 && c <= 57) ||
      (c >= 65 && c <= 90) ||
      (c >= 97 && c <= 122) ||
      (c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && !(c >= 0x2000 && c <= 0x206f) && c !== 0x3000 && c !== 0xfeff);
    if (word) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push({ word: text.slice(start, i).toLowerCase(), start, end: i });
      start = -1;
    }
  }
  return out;
}

/** A name of more words than this is looked for in its own order only. */
const MAX_NAME_WORDS = 4;

/**
 * The other orders a person's name is written in: the family name first ("Quintero, Maribel",
 * "Quintero-Oyelaran Maribel", every rotation of its words) and the words reversed. Separators do
 * not count (words are compared), so "Last, First" and "Last First" are one order.
 */
function otherOrders(words: string[]): string[][] {
  if (words.length < 2 || words.length > MAX_NAME_WORDS) return [];
  const orders: string[][] = [];
  for (let i = 1; i < words.length; i++) orders.push([...words.slice(i), ...words.slice(0, i)]);
  if (words.length > 2) orders.push([...words].reverse());
  return orders;
}

export class KnownValues {
  /** The phone numbers of the file, each with its spellings (set once the file has been read). */
  #phones: PhoneForms | undefined;
  /** First word → how many words the known values starting with it have, most first. */
  readonly #lengths = new Map<string, number[]>();
  /** A value's words, joined by one space → the value. */
  readonly #byWords = new Map<string, Known>();
  /** A value as collected (trimmed) → the value. */
  readonly #byValue = new Map<string, Known>();

  /**
   * The phone numbers met anywhere in the file (by their digits, as each place wrote them). One
   * number has one pseudonym: its spellings (`4155550100`, `020 7946 0958`…) are the full
   * number's whichever the file showed first, so the CRM's `?ani=4155550100` and the call's
   * `+14155550100` read as the same caller.
   */
  setPhones(met: Iterable<string>): void {
    this.#phones = new PhoneForms(met);
  }

  /** Values already offered (kept or not): most recur in every snapshot of a call. */
  readonly #offered = new Set<string>();

  /**
   * A value of a customer field: looked for in every other string. `id`: the customer is known by
   * it (a participant's key), so even one word is theirs.
   */
  addValue(kind: Known['kind'], value: string, id = false): void {
    // An id is offered apart: a one-word value refused as a CAD value is still a customer's key.
    const offer = id ? `\u0000${value}` : value;
    if (this.#offered.has(offer)) return;
    this.#offered.add(offer);
    const trimmed = value.trim();
    if (trimmed.length < MIN_VALUE_LENGTH || trimmed.length > MAX_VALUE_LENGTH) return;
    if (BOOLEAN_OR_SMALL_NUMBER.test(trimmed)) return;
    // A bare CAD word ("Gold", "English") says nothing found elsewhere; values with a digit or
    // several words (names, accounts, addresses, dates of birth, order numbers) do.
    if (kind === 'value' && !id && !/[\d\s@]/.test(trimmed)) return;
    const found = words(trimmed);
    const list = found.map((w) => w.word);
    const key = list.join(' ');
    if (list.length === 0 || (this.#byWords.has(key) && !this.#byWords.get(key)!.reordered)) return;
    const known: Known = {
      kind,
      value: trimmed,
      words: list,
      before: trimmed.slice(0, found[0]!.start),
      after: trimmed.slice(found[found.length - 1]!.end),
    };
    this.#add(known);
    this.#byValue.set(trimmed, known);
    if (kind === 'name')
      for (const order of otherOrders(list))
        this.#add({ ...known, words: order, before: '', after: '', reordered: true });
  }

  /**
   * A value under its words. Words another value has are that value's, unless they are only
   * another order of its name: "Chen Lee" is a customer of their own beside "Lee Chen".
   */
  #add(known: Known): void {
    const key = known.words.join(' ');
    const had = this.#byWords.get(key);
    if (had && (known.reordered || !had.reordered)) return;
    this.#byWords.set(key, known);
    const first = known.words[0]!;
    const lengths = this.#lengths.get(first);
    if (!lengths) this.#lengths.set(first, [known.words.length]);
    else if (!lengths.includes(known.words.length)) {
      lengths.push(known.words.length);
      lengths.sort((a, b) => b - a);
    }
  }

  /** The kind a whole value was collected as (`name` for a customer's name), if it was. */
  kindOf(value: string): Known['kind'] | undefined {
    // A hash look-up: this runs for every string the replacing pass replaces whole.
    return this.#byValue.get(value.trim())?.kind;
  }

  /** The number these digits (a whole value or number literal) spell, as the pseudonym table knows it. */
  phoneOf(digits: string): string | undefined {
    return this.#phones?.of(digits);
  }

  /**
   * `text` with every known value replaced by its pseudonym. Phone numbers are looked for only
   * between the values' pseudonyms, never across one: the `1` of `name-1` followed by ` 4155550100`
   * would read as the number `14155550100` and leave `name-phone-1`.
   */
  replace(text: string, pseudonyms: Pseudonyms, digitCount: number): string {
    const phones = this.#phones;
    const between =
      phones !== undefined && digitCount >= PHONE_MIN_DIGITS && phones.size > 0
        ? (part: string) => phones.replace(part, (canonical, spelling) => pseudonyms.phone(canonical, spelling))
        : (part: string) => part;
    return this.#byWords.size > 0 ? this.#replaceValues(text, pseudonyms, between) : between(text);
  }

  /**
   * Known values by their words: a hash look-up per word of the text, whatever the number of
   * values. `between` gets each part of the text that no value covers.
   */
  #replaceValues(text: string, pseudonyms: Pseudonyms, between: (part: string) => string): string {
    const list = words(text);
    let out = '';
    let last = 0;
    for (let i = 0; i < list.length; i++) {
      const lengths = this.#lengths.get(list[i]!.word);
      if (!lengths) continue;
      let found: Known | undefined;
      for (const length of lengths) {
        if (i + length > list.length) continue;
        let key = list[i]!.word;
        for (let k = 1; k < length; k++) key += ` ${list[i + k]!.word}`;
        found = this.#byWords.get(key);
        if (found) break;
      }
      if (!found) continue;
      let start = list[i]!.start;
      let end = list[i + found.words.length - 1]!.end;
      // The whole value where the text has all of it, so it reads as the value's own pseudonym.
      if (
        found.before &&
        start - found.before.length >= last &&
        text.startsWith(found.before, start - found.before.length)
      )
        start -= found.before.length;
      if (found.after && text.startsWith(found.after, end)) end += found.after.length;
      const spelling = text.slice(start, end);
      const pseudonym =
        found.kind === 'email'
          ? pseudonyms.email(found.value, spelling)
          : pseudonyms.value(found.kind, found.value, spelling);
      out += between(text.slice(last, start)) + pseudonym;
      last = end;
      i += found.words.length - 1;
    }
    return last === 0 ? between(text) : out + between(text.slice(last));
  }
}
