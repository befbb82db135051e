import type { Pseudonyms } from './pseudonyms';

/*
 * The known-values pass: every value met in a customer field anywhere in the file (the caller's
 * number, the customer's name, a CAD value, an e-mail address) is replaced wherever else it
 * shows up, in any spelling: a phone number by its digits (E.164, or national without the country
 * code, with any separators, inside a longer id such as `call-+14155550100`); other values by
 * their words (letters and digits, any case, any separators between them: `Maribel+Quintero`,
 * `ACCT 99812 7731`). Both look-ups are hashes per word or digit run, so the cost does not grow
 * with the number of values a file holds. Redaction reads the
 * whole file once to collect them and then redacts it (redact.ts), so what is replaced does not
 * depend on the order of the file.
 */

/** Fewer digits than this are not a phone number's national part (`4155550100` is 10). */
const NATIONAL_MIN_DIGITS = 8;
/** Country codes have 1-3 digits (E.164). */
const MAX_COUNTRY_CODE = 3;
const MIN_VALUE_LENGTH = 3;
/** A longer value (a transcript) is not looked for elsewhere: it is its own field's. */
const MAX_VALUE_LENGTH = 200;
const DIGIT_RUN = /[+(]?\d(?:[\d ().-]*\d)?/g;
const BOOLEAN_OR_SMALL_NUMBER = /^(?:true|false|null|-?\d{1,6}(?:\.\d+)?)$/i;

/** A known value as the words it is made of, and what it is. */
interface Known {
  kind: 'name' | 'value' | 'text' | 'email';
  value: string;
  words: string[];
  /** What the value has before its first word and after its last (`<`, `"`…): taken along when the text has them too. */
  before: string;
  after: string;
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

export class KnownValues {
  /** Digit spelling (full or national) → the digits the pseudonym table knows the number by. */
  readonly #phoneForms = new Map<string, string>();
  /** First word → how many words the known values starting with it have, most first. */
  readonly #lengths = new Map<string, number[]>();
  /** A value's words, joined by one space → the value. */
  readonly #byWords = new Map<string, Known>();
  /** A value as collected (trimmed) → the value. */
  readonly #byValue = new Map<string, Known>();

  /**
   * A phone number met anywhere (by its digits). One number has one pseudonym: its national
   * spelling (`4155550100`) is the full number's (`14155550100`) whichever the file showed first,
   * so the CRM's `?ani=4155550100` and the call's `+14155550100` read as the same caller.
   */
  addPhone(digits: string): void {
    if (digits.length < 7) return;
    if (!this.#phoneForms.has(digits)) this.#phoneForms.set(digits, digits);
    for (let k = 1; k <= MAX_COUNTRY_CODE; k++) {
      const national = digits.slice(k);
      if (national.length < NATIONAL_MIN_DIGITS) continue;
      const current = this.#phoneForms.get(national);
      // A number met only in its national spelling (mapped to itself) joins the full one.
      if (current === undefined || current === national) this.#phoneForms.set(national, digits);
    }
  }

  /** Values already offered (kept or not): most recur in every snapshot of a call. */
  readonly #offered = new Set<string>();

  /** A value of a customer field: looked for in every other string. */
  addValue(kind: Known['kind'], value: string): void {
    if (this.#offered.has(value)) return;
    this.#offered.add(value);
    const trimmed = value.trim();
    if (trimmed.length < MIN_VALUE_LENGTH || trimmed.length > MAX_VALUE_LENGTH) return;
    if (BOOLEAN_OR_SMALL_NUMBER.test(trimmed)) return;
    // A bare CAD word ("Gold", "English") says nothing found elsewhere; values with a digit or
    // several words (names, accounts, addresses, dates of birth, order numbers) do.
    if (kind === 'value' && !/[\d\s@]/.test(trimmed)) return;
    const found = words(trimmed);
    const list = found.map((w) => w.word);
    const key = list.join(' ');
    if (list.length === 0 || this.#byWords.has(key)) return;
    const known: Known = {
      kind,
      value: trimmed,
      words: list,
      before: trimmed.slice(0, found[0]!.start),
      after: trimmed.slice(found[found.length - 1]!.end),
    };
    this.#byWords.set(key, known);
    this.#byValue.set(trimmed, known);
    const lengths = this.#lengths.get(list[0]!);
    if (!lengths) this.#lengths.set(list[0]!, [list.length]);
    else if (!lengths.includes(list.length)) {
      lengths.push(list.length);
      lengths.sort((a, b) => b - a);
    }
  }

  /** The kind a whole value was collected as (`name` for a customer's name), if it was. */
  kindOf(value: string): Known['kind'] | undefined {
    // A hash look-up: this runs for every string the replacing pass replaces whole.
    return this.#byValue.get(value.trim())?.kind;
  }

  /** The table the pseudonyms come from, for the phone numbers it has met. */
  addPhonesOf(pseudonyms: Pseudonyms): void {
    for (const digits of pseudonyms.phoneDigits()) this.addPhone(digits);
  }

  /** Whether these digits (a whole number literal) are a known phone number. */
  phoneOf(digits: string): string | undefined {
    return this.#phoneForms.get(digits);
  }

  /**
   * `text` with every known value replaced by its pseudonym. Phone numbers are looked for only
   * between the values' pseudonyms, never across one: the `1` of `name-1` followed by ` 4155550100`
   * would read as the number `14155550100` and leave `name-phone-1`.
   */
  replace(text: string, pseudonyms: Pseudonyms, digitCount: number): string {
    const phones = digitCount >= 7 && this.#phoneForms.size > 0;
    const between = phones ? (part: string) => this.#replacePhones(part, pseudonyms) : (part: string) => part;
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

  #replacePhones(text: string, pseudonyms: Pseudonyms): string {
    let out = '';
    let last = 0;
    DIGIT_RUN.lastIndex = 0;
    for (let m = DIGIT_RUN.exec(text); m; m = DIGIT_RUN.exec(text)) {
      const run = m[0];
      let digits = '';
      const at: number[] = [];
      for (let i = 0; i < run.length; i++) {
        const c = run.charCodeAt(i);
        if (c >= 48 && c <= 57) {
          digits += run[i];
          at.push(i);
        }
      }
      if (digits.length < 7) continue;
      // Every known spelling in the run, leftmost first and longest there: a look-up per
      // (start, length), so the cost does not grow with the number of known numbers.
      for (let index = 0; index + 7 <= digits.length; ) {
        let form: string | undefined;
        for (let length = Math.min(15, digits.length - index); length >= 7 && !form; length--) {
          const candidate = digits.slice(index, index + length);
          if (this.#phoneForms.has(candidate)) form = candidate;
        }
        if (!form) {
          index++;
          continue;
        }
        let start = m.index + at[index]!;
        const end = m.index + at[index + form.length - 1]! + 1;
        // The `+` or `(` that opens the number belongs to it.
        if (index === 0 && start > m.index) start = m.index;
        else if (start > 0 && text.charCodeAt(start - 1) === 43) start--;
        if (start < last) start = last;
        out += text.slice(last, start) + pseudonyms.phone(this.#phoneForms.get(form)!, text.slice(start, end));
        last = end;
        index += form.length;
      }
    }
    return last === 0 ? text : out + text.slice(last);
  }
}
