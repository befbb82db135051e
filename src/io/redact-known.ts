import type { Pseudonyms } from './pseudonyms';

/*
 * The known-values pass: every value met in a customer field anywhere in the file (the caller's
 * number, the customer's name, a CAD value, an e-mail address) is replaced wherever else it
 * shows up, in any spelling: a phone number by its digits (E.164, or national without the country
 * code, with any separators, inside a longer id such as `call-+14155550100`); other values
 * case-insensitively, with any run of blanks, `+` or `%20` between words. Redaction reads the
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

export class KnownValues {
  /** Digit spelling (full or national) → the digits the pseudonym table knows the number by. */
  readonly #phoneForms = new Map<string, string>();
  readonly #values = new Map<string, { kind: 'name' | 'value' | 'text' | 'email'; value: string }>();
  #pattern: RegExp | null | undefined;

  /** A phone number met anywhere (by its digits). */
  addPhone(digits: string): void {
    if (digits.length < 7) return;
    this.#phoneForms.set(digits, digits);
    for (let k = 1; k <= MAX_COUNTRY_CODE; k++) {
      const national = digits.slice(k);
      if (national.length >= NATIONAL_MIN_DIGITS && !this.#phoneForms.has(national))
        this.#phoneForms.set(national, digits);
    }
  }

  /** A value of a customer field: looked for in every other string. */
  addValue(kind: 'name' | 'value' | 'text' | 'email', value: string): void {
    const trimmed = value.trim();
    if (trimmed.length < MIN_VALUE_LENGTH || trimmed.length > MAX_VALUE_LENGTH) return;
    if (BOOLEAN_OR_SMALL_NUMBER.test(trimmed)) return;
    // A bare CAD word ("Gold", "English") says nothing found elsewhere; values with a digit or
    // several words (names, accounts, addresses, dates of birth, order numbers) do.
    if (kind === 'value' && !/[\d\s@]/.test(trimmed)) return;
    const key = trimmed.toLowerCase().replace(/\s+/g, ' ');
    if (!this.#values.has(key)) {
      this.#values.set(key, { kind, value: trimmed });
      this.#pattern = undefined;
    }
  }

  /** The table the pseudonyms come from, for the phone numbers it has met. */
  addPhonesOf(pseudonyms: Pseudonyms): void {
    for (const digits of pseudonyms.phoneDigits()) this.addPhone(digits);
  }

  get empty(): boolean {
    return this.#phoneForms.size === 0 && this.#values.size === 0;
  }

  /** Whether these digits (a whole number literal) are a known phone number. */
  phoneOf(digits: string): string | undefined {
    return this.#phoneForms.get(digits);
  }

  #regex(): RegExp | null {
    if (this.#pattern !== undefined) return this.#pattern;
    if (this.#values.size === 0) return (this.#pattern = null);
    const alternatives = [...this.#values.keys()]
      .sort((a, b) => b.length - a.length)
      .map((value) =>
        value
          .split(' ')
          .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('(?:\\s|\\+|%20)+'),
      );
    this.#pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
    return this.#pattern;
  }

  /** `text` with every known value replaced by its pseudonym. */
  replace(text: string, pseudonyms: Pseudonyms, digitCount: number): string {
    let out = text;
    const regex = this.#regex();
    if (regex) {
      regex.lastIndex = 0;
      out = out.replace(regex, (found) => {
        const lower = found.toLowerCase();
        const known = this.#values.get(lower) ?? this.#values.get(lower.replace(/(?:\s|\+|%20)+/g, ' '));
        if (!known) return pseudonyms.value('value', found);
        return known.kind === 'email'
          ? pseudonyms.email(known.value, found)
          : pseudonyms.value(known.kind, known.value, found);
      });
    }
    if (digitCount >= 7 && this.#phoneForms.size > 0) out = this.#replacePhones(out, pseudonyms);
    return out;
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
      // Every known form in the run, leftmost first, longest first at one place.
      let from = 0;
      while (from < digits.length) {
        let best: [number, string] | undefined;
        for (const [form] of this.#phoneForms) {
          const index = digits.indexOf(form, from);
          if (index >= 0 && (!best || index < best[0] || (index === best[0] && form.length > best[1].length)))
            best = [index, form];
        }
        if (!best) break;
        const [index, form] = best;
        let start = m.index + at[index]!;
        const end = m.index + at[index + form.length - 1]! + 1;
        // The `+` or `(` that opens the number belongs to it.
        if (index === 0 && start > m.index) start = m.index;
        else if (start > 0 && text.charCodeAt(start - 1) === 43) start--;
        if (start < last) start = last;
        out += text.slice(last, start) + pseudonyms.phone(this.#phoneForms.get(form)!, text.slice(start, end));
        last = end;
        from = index + form.length;
      }
    }
    return last === 0 ? text : out + text.slice(last);
  }
}
