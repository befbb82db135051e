/**
 * Findings: every way a decoded frame deviates from the documented protocol, with where and how
 * badly. The decoder never rejects a frame; it reports. The severity is fixed per code so that
 * filters and counters in the UI mean the same thing everywhere.
 */
export const FINDING_SEVERITY = {
  /** The known wire quirk: a boolean sent as "true"/"false"; normalised to a boolean. */
  'string-boolean': 'info',
  /** The known wire quirk: a number sent as a decimal string; normalised to a number. */
  'string-number': 'info',
  /** `null` where the seed declares an optional field without null (e.g. `outboundType`); read as absent. */
  'null-as-absent': 'info',
  /** A key the schema does not know at this place; kept as sent. Listed once per path per session. */
  'unknown-key': 'info',
  /** A call-associated or flow value sent as an opaque (encrypted or compressed) string (§10.6); kept as sent. */
  'opaque-value': 'info',
  /** An event name that is not in the catalogue (protocol doc §5.1 check 14). */
  'unknown-event': 'info',
  /** A field the seed (or the envelope / event shape) requires is absent. */
  'missing-field': 'warn',
  /** A string outside the documented set (e.g. a `mediaType` that is no MEDIA_CHANNEL); left out of the normalised value. */
  'unknown-value': 'warn',
  /** An epoch timestamp that reads as seconds, not milliseconds (webex/widgets#692 guards values below 1e10); kept as sent. */
  'implausible-timestamp': 'warn',
  /** Valid JSON that is no keepalive, Welcome or notification envelope. */
  'not-an-envelope': 'warn',
  /** JSON nested deeper than json-depth.ts MAX_JSON_DEPTH: cut there before it is analysed. */
  'too-deep': 'warn',
  /** A notice of the capture itself (frames shed, a file's frames repaired when read). */
  'capture-notice': 'warn',
  /** The frame had more findings than are kept per frame (schema-walker.ts MAX_FINDINGS); says how many more. */
  'too-many-findings': 'warn',
  /** A value of a type that cannot be read as the seed's type; left out of the normalised value (the raw payload keeps it). */
  'wrong-type': 'error',
  /** A text frame whose payload is not JSON (or is missing). */
  'invalid-json': 'error',
} as const;

export type FindingCode = keyof typeof FINDING_SEVERITY;
export type Severity = (typeof FINDING_SEVERITY)[FindingCode];
export const FINDING_CODES = Object.keys(FINDING_SEVERITY) as FindingCode[];

export interface Finding {
  /**
   * Dotted path from the frame's JSON root, e.g. `data.interaction.media.<id>.isHold`. Keys are
   * written as sent (not escaped). `unknown-key` findings use `*` for record keys and array
   * indices (`data.interaction.media.*.newFlag`), since that is the path they are listed once for.
   */
  path: string;
  code: FindingCode;
  severity: Severity;
  message: string;
}

export function finding(code: FindingCode, path: string, message: string): Finding {
  return { path, code, severity: FINDING_SEVERITY[code], message };
}

/** A short, safe description of a wire value for messages: never the whole of a 1 MB string. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array (${value.length} items)`;
  switch (typeof value) {
    case 'string':
      return value.length > 40 ? `a string of ${value.length} characters` : `the string ${JSON.stringify(value)}`;
    case 'number':
    case 'boolean':
      return `${typeof value} ${String(value)}`;
    case 'object':
      return 'an object';
    case 'undefined':
      return 'nothing';
    default:
      return typeof value;
  }
}
