import type { Pseudonyms } from './pseudonyms';
import { KnownValues } from './redact-known';

/** What the caller chooses about redaction. */
export interface RedactOptions {
  /**
   * Also replace agents' and supervisors' names (Agent participants' `name`, `changedByName`,
   * `agentName`, `consultDestinationAgentName`, `parent_Agent_Name`, `supervisorName`). Off by
   * default: the names of a contact center's own staff are usually what a support engineer needs
   * to talk about, and they are not the customer's data.
   */
  agentNames?: boolean;
}

/**
 * The state one redaction run threads through every string of a file: the pseudonym table (so
 * numbering and consistency span the whole file) and a flag the free-text pass raises when it met
 * a bare run of digits it could not yet call a phone number (see redact-text.ts).
 */
export class RedactContext {
  readonly agentNames: boolean;
  /** Set by `redactFreeText` when a bare digit run might turn out to be a known phone number. */
  sawUnknownDigits = false;
  /** Values of customer fields met so far (the collecting pass fills it; see redact-known.ts). */
  readonly collected = new KnownValues();
  /** Set for the replacing pass: every string is searched for these. */
  known: KnownValues | undefined;

  constructor(
    readonly pseudonyms: Pseudonyms,
    options: RedactOptions = {},
  ) {
    this.agentNames = options.agentNames === true;
  }

  /** After the collecting pass: from now on every known value is replaced wherever it occurs. */
  startReplacing(): void {
    this.collected.setPhones(this.pseudonyms.phoneDigits());
    this.known = this.collected;
  }

  /**
   * The pseudonym of a phone number, by its digits as written: in the replacing pass every
   * spelling of one number (national, E.164, with a trunk or international prefix) is that
   * number's, wherever it was met (a value, a participant key, a URL, free text).
   */
  phone(digits: string, original: string): string {
    return this.pseudonyms.phone(this.known?.phoneOf(digits) ?? digits, original);
  }

  /**
   * Runs `redact` twice: once to learn every customer value of the file (its output and its
   * numbering dropped), once to replace them everywhere, so the result does not depend on the
   * order of the file, and pseudonyms are numbered 1, 2, 3… per kind in the order the redacted
   * file shows them: a number first met in its national spelling gets no pseudonym of its own.
   */
  twoPass<T>(redact: () => T): T {
    const restore = this.pseudonyms.mark();
    redact();
    this.startReplacing();
    restore();
    return redact();
  }
}
