/*
 * The pseudonym table of one redacted file. Redaction replaces each customer identifier by a
 * pseudonym made of its kind and a number (`phone-1`, `email-2`, `name-1`, `value-3`, `text-1`,
 * `token-1`), numbered per kind in the order the values first appear in the file. The same value
 * always gets the same pseudonym within the file, so a participant keyed by the caller's number,
 * the media leg listing it and the CPD `ani` still point at each other, and a diff between two
 * snapshots still shows one value changing into another rather than noise.
 *
 * "The same value" is decided on a normalised key: phone numbers by their digits (`+1-555-0100`,
 * `+1 555 0100` and `+15550100` are one number), e-mail addresses case-insensitively, everything
 * else exactly as written. Secrets (tokens, cookies, passwords) live in their own namespace, so a
 * token never shares a pseudonym with a customer value.
 *
 * The table (original → pseudonym) stays in memory with the caller: it is what lets a test or a
 * support engineer who holds the original map pseudonyms back, and it is never written into the
 * redacted file.
 */

import { REMOVED } from '../frame/credentials';

export const PSEUDONYM_KINDS = ['phone', 'email', 'name', 'value', 'text', 'token'] as const;
export type PseudonymKind = (typeof PSEUDONYM_KINDS)[number];

/** A value that already is a pseudonym (a file redacted twice): it keeps its kind. */
export const PSEUDONYM_SHAPE = /^(phone|email|name|value|text|token)-[1-9]\d*$/;

/*
 * A pseudonym met in the file (a file redacted before, or one whose customer field holds
 * `text-2`) is its own pseudonym: it is kept as it is, whatever kind the place it is in would
 * give it, and its number is never given to another value. So redacting a redacted file changes
 * nothing: `convIvrTranscript: "text-2"` beside `customField1: "text-1"` cannot become a second
 * `text-1`, and a value the first redaction missed gets a number of its own.
 */

export class Pseudonyms {
  // One map per namespace, keyed by the normalised value itself: no key strings to build per look-up.
  readonly #phones = new Map<string, string>();
  readonly #emails = new Map<string, string>();
  readonly #values = new Map<string, string>();
  readonly #secrets = new Map<string, string>();
  readonly #byOriginal = new Map<string, string>();
  /** The last number given per kind (numbers met in the file are skipped). */
  readonly #next: Record<PseudonymKind, number> = { phone: 0, email: 0, name: 0, value: 0, text: 0, token: 0 };
  /** Distinct values replaced per kind (pseudonyms kept as they were are not counted). */
  readonly #counts: Record<PseudonymKind, number> = { phone: 0, email: 0, name: 0, value: 0, text: 0, token: 0 };
  /**
   * The numbers of the pseudonyms met in the file, per kind. Not part of `mark()`: the collecting
   * pass meets them all, so the replacing pass numbers new values around them wherever they are.
   */
  readonly #met: Record<PseudonymKind, Set<number>> = {
    phone: new Set(),
    email: new Set(),
    name: new Set(),
    value: new Set(),
    text: new Set(),
    token: new Set(),
  };

  /** A phone number, by its digits. */
  phone(digits: string, original: string): string {
    return this.#assign(this.#phones, 'phone', digits, original);
  }

  /** An e-mail address, case-insensitively. */
  email(address: string, original = address): string {
    return this.#assign(this.#emails, 'email', address.toLowerCase(), original);
  }

  /** Any other value, exactly as written; `kind` counts only for its first sighting. */
  value(kind: PseudonymKind, value: string, original = value): string {
    return this.#assign(this.#values, kind, value, original);
  }

  /**
   * A token, cookie or password: `token-N`, apart from customer values. What the credential
   * cleaning already wrote in its place (`(removed)`, src/frame/credentials.ts) stays: it hides
   * nothing, and a capture read from a HAR holds it.
   */
  secret(value: string): string {
    if (value === REMOVED) return value;
    return this.#assign(this.#secrets, 'token', value, value);
  }

  /** A pseudonym of the file (`kind-N`): it stays, and N is not given to a new value of that kind. */
  met(kind: PseudonymKind, pseudonym: string): void {
    this.#met[kind].add(Number(pseudonym.slice(kind.length + 1)));
  }

  #assign(table: Map<string, string>, kind: PseudonymKind, key: string, original: string): string {
    let pseudonym = table.get(key);
    if (pseudonym === undefined) {
      const own = PSEUDONYM_SHAPE.exec(key);
      if (own) {
        this.met(own[1] as PseudonymKind, key);
        return key;
      }
      const met = this.#met[kind];
      let n = ++this.#next[kind];
      while (met.has(n)) n = ++this.#next[kind];
      this.#counts[kind]++;
      pseudonym = `${kind}-${n}`;
      table.set(key, pseudonym);
      this.#byOriginal.set(original, pseudonym);
    } else if (
      (original !== key || table === this.#phones || table === this.#emails) &&
      !this.#byOriginal.has(original)
    ) {
      // A value's key is its only spelling, recorded with it; numbers and e-mails have several.
      this.#byOriginal.set(original, pseudonym);
    }
    return pseudonym;
  }

  /**
   * The table as it is now, to return to: the collecting pass of a redaction (redact-context.ts)
   * meets values in the file's order before it knows which spellings are one number, so its
   * numbering is dropped and the replacing pass numbers what the reader sees, in its order.
   */
  mark(): () => void {
    const tables = [this.#phones, this.#emails, this.#values, this.#secrets, this.#byOriginal];
    const saved = tables.map((table) => new Map(table));
    const counts = { ...this.#counts };
    const next = { ...this.#next };
    return () => {
      tables.forEach((table, i) => {
        table.clear();
        for (const [key, value] of saved[i]!) table.set(key, value);
      });
      Object.assign(this.#counts, counts);
      Object.assign(this.#next, next);
    };
  }

  /** The digits of every phone number met so far. */
  phoneDigits(): IterableIterator<string> {
    return this.#phones.keys();
  }

  /** Whether these digits are a phone number already met. */
  knowsPhone(digits: string): boolean {
    return this.#phones.has(digits);
  }

  /** Every original spelling met so far → its pseudonym (several spellings may share one). */
  toMap(): ReadonlyMap<string, string> {
    return this.#byOriginal;
  }

  /** How many distinct values of each kind were replaced. */
  counts(): Readonly<Record<PseudonymKind, number>> {
    return { ...this.#counts };
  }

  /** Distinct values replaced, all kinds together. */
  get size(): number {
    return this.#phones.size + this.#emails.size + this.#values.size + this.#secrets.size;
  }
}

/** "3 phone numbers, 1 e-mail address, …": the counts in words, for the CLI. */
export function describeCounts(counts: Readonly<Record<PseudonymKind, number>>): string {
  const words: Record<PseudonymKind, [string, string]> = {
    phone: ['phone number', 'phone numbers'],
    email: ['e-mail address', 'e-mail addresses'],
    name: ['name', 'names'],
    value: ['other value', 'other values'],
    text: ['text', 'texts'],
    token: ['token or cookie', 'tokens or cookies'],
  };
  return PSEUDONYM_KINDS.map((kind) => `${counts[kind]} ${words[kind][counts[kind] === 1 ? 0 : 1]}`).join(', ');
}
