import type { Pseudonyms } from './pseudonyms';

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

  constructor(
    readonly pseudonyms: Pseudonyms,
    options: RedactOptions = {},
  ) {
    this.agentNames = options.agentNames === true;
  }
}
