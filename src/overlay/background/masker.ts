import { Pseudonyms } from '../../io/pseudonyms';
import { RedactContext } from '../../io/redact-context';
import { redactText } from '../../io/redact-json';
import { phoneDigits, redactFreeText, wholeValueIn } from '../../io/redact-text';

/**
 * Masks what the overlay shows with the redaction's own functions, so the customer the overlay
 * calls `phone-1` is the value a redacted export of the same tab would call a phone number too
 * (the numbering follows the order the overlay met them, which is the order of the interactions).
 * One table per tab, kept across page loads so a pseudonym keeps meaning one caller.
 *
 * An anomaly's message quotes what it is about (`callProcessingDetails.crmNote "Maribel, 415…" →
 * "closed"`), so the masker first learns each shown interaction's customer values from its
 * snapshot, as a redaction's collecting pass does (the name, CAD values, every spelling of the
 * numbers), and replaces them wherever they appear; and a value a message quotes after the path it
 * was read at is judged by that field, as in a payload (default-deny: a CRM note goes whole,
 * a state stays), which also covers a value the current snapshot no longer has.
 */
export class Masker {
  private readonly context = new RedactContext(new Pseudonyms());
  /** Collects customer values from snapshots; its own numbering is never shown. */
  private readonly learning = new RedactContext(new Pseudonyms());
  private readonly learned = new WeakSet<object>();
  private readonly customers = new Map<string, { masked: string; full: string }>();

  /** An interaction's snapshot: its customer values are masked wherever they appear from now on. */
  learn(snapshot: unknown): void {
    if (typeof snapshot !== 'object' || snapshot === null || this.learned.has(snapshot)) return;
    this.learned.add(snapshot);
    redactText(JSON.stringify(snapshot), this.learning);
    this.learning.collected.setPhones(this.learning.pseudonyms.phoneDigits());
    this.context.known = this.learning.collected;
  }

  /** The customer as shown by default: the pseudonym, and for a phone number its last four digits. */
  customer(value: string): { masked: string; full: string } {
    let known = this.customers.get(value);
    if (!known) {
      const pseudonym = wholeValueIn(value, 'name', this.context) ?? value;
      const digits = pseudonym.startsWith('phone-') ? phoneDigits(value.trim(), true) : undefined;
      known = { masked: digits ? `${pseudonym} ··${digits.slice(-4)}` : pseudonym, full: value };
      this.customers.set(value, known);
    }
    return known;
  }

  /** A message (an anomaly's) with what it quotes and the customer's values masked. */
  text(text: string): string {
    let out = '';
    let last = 0;
    let key: string | undefined;
    for (let quote = text.indexOf('"'); quote >= 0; quote = text.indexOf('"', last)) {
      const before = text.slice(last, quote);
      // A quoted value ends at its closing quote, or where a long one was cut (`…`).
      let end = quote + 1;
      while (end < text.length && text[end] !== '"' && text[end] !== '…') end += text[end] === '\\' ? 2 : 1;
      const closed = end < text.length && text[end] === '"';
      const raw = text.slice(quote + 1, Math.min(end, text.length));
      out += redactFreeText(before, this.context);
      if (text[quote - 1] === '[') {
        // A path's `["a.b@c.com"]` segment: a participant's key, say.
        out += `"${redactFreeText(raw, this.context)}`;
      } else {
        // `path "from" → "to"`: the second value is at the same path.
        if (!/^\s*→\s*$/.test(before)) key = pathKey(before);
        out += `"${this.quoted(key, raw)}`;
      }
      if (closed) out += '"';
      last = closed ? end + 1 : end;
    }
    return out + redactFreeText(text.slice(last), this.context);
  }

  /** A quoted value by the field it was read at (a JSON string's text, maybe cut short). */
  private quoted(key: string | undefined, raw: string): string {
    if (key === undefined) return redactFreeText(raw, this.context);
    let value = raw;
    try {
      value = JSON.parse(`"${raw}"`) as string;
    } catch {
      // Cut in the middle of an escape, or not JSON's: as written.
    }
    const member = redactText(JSON.stringify({ [key]: value }), this.context);
    const redacted = (JSON.parse(member) as Record<string, unknown>)[key];
    if (redacted === value || typeof redacted !== 'string') return raw;
    return JSON.stringify(redacted).slice(1, -1);
  }
}

/**
 * The field a message's quoted value was read at: the last segment of the path just before it
 * (`callProcessingDetails.crmNote`, `participants["x"].name`); undefined when no path is there
 * (`the state is "hold"`), and the value then only gets the free-text pass.
 */
function pathKey(before: string): string | undefined {
  const token = /(\S+)\s+$/.exec(before)?.[1];
  if (token === undefined || !/[.\]]/.test(token)) return undefined;
  const segment = /([A-Za-z_$][\w$-]*)$/.exec(token)?.[1];
  return segment;
}
