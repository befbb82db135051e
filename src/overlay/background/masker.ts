import { Pseudonyms } from '../../io/pseudonyms';
import { RedactContext } from '../../io/redact-context';
import { phoneDigits, redactFreeText, wholeValueIn } from '../../io/redact-text';

/**
 * Masks what the overlay shows with the redaction's own functions, so the customer the overlay
 * calls `phone-1` is the value a redacted export of the same tab would call a phone number too
 * (the numbering follows the order the overlay met them, which is the order of the interactions).
 * One table per tab, kept across page loads so a pseudonym keeps meaning one caller.
 */
export class Masker {
  private readonly context = new RedactContext(new Pseudonyms());
  private readonly customers = new Map<string, { masked: string; full: string }>();

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

  /** Free text (an anomaly's message) with numbers, addresses and tokens replaced. */
  text(text: string): string {
    return redactFreeText(text, this.context);
  }
}
