/*
 * The spellings of one phone number, so that a redacted file gives a customer one pseudonym
 * whichever way each place wrote the number: E.164 (`+14155550123`, `14155550123`), with the
 * international prefix (`0044 20 7946 0958`), national with or without the trunk prefix
 * (`4155550123`, `020 7946 0958`, `2079460958`, `+44 (0)20 7946 0958`), of any length a national
 * number has (Iceland's are 7 digits: `+354 555 1234` is `5551234` at home).
 *
 * The national part of an E.164 number is what follows its country code, and the country code is
 * read, not guessed: ITU-T E.164 codes are prefix-free (`1` and `7` are the only one-digit codes,
 * the two-digit ones are listed below, every other code has three digits), so the digits say where
 * the code ends. Only the spellings one number really has are registered (not every suffix of its
 * digits), and text is searched for them as whole digit groups, never inside a longer run of
 * digits: a timestamp or an id that happens to contain a customer's digits stays as it is.
 *
 * Numbers of the file are grouped once the whole file has been read (redact-context.ts): a
 * national spelling joins the full number it is the national part of, unless two different full
 * numbers of the file share that national part (then it is no one's in particular: it keeps a
 * pseudonym of its own, and is never the reason two customers read as one).
 */

/** The two-digit country codes (every code starting with 1 or 7 has one digit, any other three). */
const TWO_DIGIT_CODES = new Set(
  '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'.split(
    ' ',
  ),
);

/** Digit runs shorter than this are never looked for in text: counts, codes, extensions. */
export const PHONE_MIN_DIGITS = 7;
/** E.164's 15 digits. */
export const PHONE_MAX_DIGITS = 15;
/** A spelling is at most E.164's 15 digits behind a `00` international prefix. */
const MAX_FORM_DIGITS = PHONE_MAX_DIGITS + 2;

/** How many leading digits of an E.164 number (without `+`) are its country code. */
export function countryCodeLength(digits: string): number {
  const first = digits.charCodeAt(0);
  if (first === 49 || first === 55) return 1;
  return TWO_DIGIT_CODES.has(digits.slice(0, 2)) ? 2 : 3;
}

/** A spelling derived from a number: `sure` ones are always the same number; a national part may be several numbers'. */
interface Derived {
  form: string;
  sure: boolean;
}

/** The other spellings of a number met as `digits`. */
function derivedForms(digits: string, out: Derived[] = []): Derived[] {
  if (digits.startsWith('00')) {
    // The international prefix: what follows is E.164.
    const e164 = digits.slice(2);
    if (e164.length >= PHONE_MIN_DIGITS) {
      out.push({ form: e164, sure: true });
      derivedForms(e164, out);
    }
    return out;
  }
  if (digits.startsWith('0')) {
    // A national number with its trunk prefix: without it, it is the same number.
    if (digits.length - 1 >= PHONE_MIN_DIGITS) out.push({ form: digits.slice(1), sure: true });
    return out;
  }
  if (digits.length > PHONE_MAX_DIGITS) return out;
  const code = countryCodeLength(digits);
  const national = digits.slice(code);
  if (national.length < PHONE_MIN_DIGITS) return out;
  out.push({ form: national, sure: false });
  if (national.startsWith('0')) {
    // `+44 (0)20 7946 0958` writes the trunk prefix inside the number: it is `+44 20 7946 0958`.
    // (Italy keeps its 0 in E.164, and has no number without it.)
    if (national.length - 1 >= PHONE_MIN_DIGITS) {
      out.push({ form: digits.slice(0, code) + national.slice(1), sure: true });
      out.push({ form: national.slice(1), sure: false });
    }
  } else if (code === 1 && digits.startsWith('7')) out.push({ form: `8${national}`, sure: false });
  else if (code > 1) out.push({ form: `0${national}`, sure: false });
  return out;
}

/** Which of two spellings of one number names it: the international one (no leading 0, longest). */
function better(a: string, b: string): boolean {
  const aFull = !a.startsWith('0');
  if (aFull !== !b.startsWith('0')) return aFull;
  if (a.length !== b.length) return a.length > b.length;
  return a < b;
}

export class PhoneForms {
  /** Every spelling → the digits the pseudonym table knows its number by. */
  readonly #canonical = new Map<string, string>();

  /** The numbers met in the file, as the digits each place wrote. */
  constructor(met: Iterable<string>) {
    const parent = new Map<string, string>();
    /** Roots that other spellings joined. */
    const joined = new Set<string>();
    const root = (form: string): string => {
      let at = form;
      for (let up = parent.get(at); up !== undefined && up !== at; up = parent.get(at)) at = up;
      parent.set(form, at);
      return at;
    };
    const union = (a: string, b: string) => {
      const ra = root(a);
      const rb = root(b);
      if (ra === rb) return;
      const [top, under] = better(ra, rb) ? [ra, rb] : [rb, ra];
      parent.set(under, top);
      joined.add(top);
    };
    const numbers = new Set<string>();
    for (const digits of met) if (digits.length > 0) numbers.add(digits);
    for (const digits of numbers) parent.set(digits, digits);
    // Sure spellings first: they make one number of `00…`, `0…` and E.164 spellings.
    const claims = new Map<string, string[]>();
    for (const digits of numbers) {
      for (const { form, sure } of derivedForms(digits)) {
        if (!parent.has(form)) parent.set(form, form);
        if (sure) union(digits, form);
        else {
          const list = claims.get(form);
          if (list) list.push(digits);
          else claims.set(form, [digits]);
        }
      }
    }
    // A national part joins its number when exactly one number of the file has it.
    const shared: [string, string[]][] = [];
    for (const [form, claimants] of claims) {
      const roots = new Set(claimants.map(root));
      if (roots.size === 1) union(form, claimants[0]!);
      else shared.push([form, claimants]);
    }
    for (const form of parent.keys()) this.#canonical.set(form, root(form));
    // A national part two numbers share, met nowhere as such, is still looked for (privacy
    // first), as the first one's; one the file wrote is a number of its own.
    for (const [form, claimants] of shared)
      if (!numbers.has(form) && root(form) === form && !joined.has(form))
        this.#canonical.set(form, root(claimants[0]!));
  }

  get size(): number {
    return this.#canonical.size;
  }

  /**
   * The number these digits (one whole value or digit group) spell, as the pseudonym table knows
   * it: a registered spelling, the international prefix or a trunk prefix in front of one (also
   * inside: `+44 (0)20…`), or a country code in front of a number the file only wrote nationally (`14155550123` when only
   * `4155550123` was met).
   */
  of(digits: string): string | undefined {
    const found = this.#canonical.get(digits);
    if (found !== undefined || digits.length < PHONE_MIN_DIGITS) return found;
    if (digits.startsWith('00')) return this.#canonical.get(digits.slice(2));
    if (digits.startsWith('0')) return this.#canonical.get(digits.slice(1));
    if (digits.length > PHONE_MAX_DIGITS) return undefined;
    // Only when the file has no international spelling of that number: `414155550123` is not
    // `+14155550123`'s national part behind a country code, it is another number.
    const code = countryCodeLength(digits);
    const national = digits.slice(code);
    // `+44 (0)20…`: the trunk prefix written inside an international number.
    if (national.startsWith('0')) return this.#canonical.get(digits.slice(0, code) + national.slice(1));
    const canonical = this.#canonical.get(national);
    return canonical !== undefined && canonical.length <= national.length ? canonical : undefined;
  }

  /**
   * `text` with every known number replaced by `replacement(canonical, spelling)`. A number is one
   * or more whole digit groups of a run of digits and separators (`+1 (415) 555-0123`), so the
   * digits of a timestamp, an id or a longer number are never taken for one.
   */
  replace(text: string, replacement: (canonical: string, spelling: string) => string): string {
    let out = '';
    let last = 0;
    DIGIT_RUN.lastIndex = 0;
    for (let m = DIGIT_RUN.exec(text); m; m = DIGIT_RUN.exec(text)) {
      const run = m[0];
      const groups: [number, number][] = [];
      let total = 0;
      for (let i = 0; i < run.length; ) {
        if (!isDigit(run.charCodeAt(i))) {
          i++;
          continue;
        }
        const from = i;
        while (i < run.length && isDigit(run.charCodeAt(i))) i++;
        groups.push([m.index + from, m.index + i]);
        total += i - from;
      }
      if (total < PHONE_MIN_DIGITS) continue;
      for (let g = 0; g < groups.length; ) {
        // The longest span of whole groups from here that spells a known number.
        let digits = '';
        const spans: string[] = [];
        for (let k = g; k < groups.length; k++) {
          digits += text.slice(groups[k]![0], groups[k]![1]);
          if (digits.length > MAX_FORM_DIGITS) break;
          spans.push(digits);
        }
        let end = -1;
        let canonical: string | undefined;
        for (let k = spans.length - 1; k >= 0 && spans[k]!.length >= PHONE_MIN_DIGITS; k--) {
          canonical = this.of(spans[k]!);
          if (canonical !== undefined) {
            end = g + k;
            break;
          }
        }
        if (canonical === undefined) {
          g++;
          continue;
        }
        let start = groups[g]![0];
        const stop = groups[end]![1];
        // The `+` or `(` that opens the number belongs to it; a `(` the number does not close is
        // the text's ("(4155550123, …)").
        if (g === 0 && (text.charCodeAt(m.index) !== 40 || text.slice(start, stop).includes(')'))) start = m.index;
        else if (text.charCodeAt(start - 1) === 43) start--;
        out += text.slice(last, start) + replacement(canonical, text.slice(start, stop));
        last = stop;
        g = end + 1;
      }
    }
    return last === 0 ? text : out + text.slice(last);
  }
}

const DIGIT_RUN = /[+(]?\d(?:[\d ().-]*\d)?/g;
const isDigit = (c: number) => c >= 48 && c <= 57;
