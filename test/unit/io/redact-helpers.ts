import type { Frame } from '../../../src/frame/frame';

/*
 * What the redaction tests check against, written apart from src/io/redact*: the identifiers a
 * capture holds (found by walking the parsed frames the way a reviewer reads the issue), and a
 * comparison of two reports that allows only pseudonym substitutions.
 */

type Json = Record<string, unknown>;

const CUSTOMER_KEYS = new Set([
  'ani',
  'displayAni',
  'dnis',
  'customerName',
  'customerNumber',
  'fromAddress',
  'sourceNumber',
  'parent_ANI',
  'parent_DNIS',
  'convIvrTranscript',
  'callerId',
]);
const AGENT_NAME_KEYS = new Set([
  'changedByName',
  'agentName',
  'consultDestinationAgentName',
  'parent_Agent_Name',
  'supervisorName',
]);
// Lookbehinds keep these linear on the hostile scenario's 100 KB strings.
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const PLUS_PHONE = /(?<![\d+])\+\d{7,15}/g;

export interface Identifiers {
  /** Customer identifiers (and agent names when asked) found in the frames. */
  identifiers: Set<string>;
  /** Every other string of the frames: an identifier that is also one of these cannot be told apart. */
  elsewhere: Set<string>;
}

/** Every customer identifier of the frames' payloads, by field and by shape. */
export function collectIdentifiers(frames: readonly Frame[], options: { agentNames?: boolean } = {}): Identifiers {
  const identifiers = new Set<string>();
  const elsewhere = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string' && value.trim() !== '') identifiers.add(value);
    else if (typeof value === 'number') identifiers.add(String(value));
  };
  const byShape = (text: string) => {
    for (const m of text.matchAll(EMAIL)) identifiers.add(m[0]);
    for (const m of text.matchAll(PLUS_PHONE)) identifiers.add(m[0]);
  };
  // An explicit stack: the hostile scenario nests 1000 levels.
  const stack: { value: unknown; key: string; parent: string; grand: string; participant?: Json }[] = [];
  for (const frame of frames) {
    if (frame.kind !== 'text' || frame.data === undefined) continue;
    let root: unknown;
    try {
      root = JSON.parse(frame.data);
    } catch {
      byShape(frame.data);
      continue;
    }
    stack.push({ value: root, key: '', parent: '', grand: '' });
    while (stack.length > 0) {
      const { value, key, parent, grand, participant } = stack.pop()!;
      if (typeof value === 'string' || typeof value === 'number') {
        const text = String(value);
        byShape(text);
        const customer =
          CUSTOMER_KEYS.has(key) ||
          parent === 'callAssociatedDetails' ||
          (key === 'value' && grand === 'callAssociatedData') ||
          (key === 'id' && grand === 'participants' && /^\+|@/.test(text)) ||
          (options.agentNames === true && AGENT_NAME_KEYS.has(key));
        const name = key === 'name' && participant !== undefined;
        const type = String(participant?.['pType'] ?? participant?.['type'] ?? '').toLowerCase();
        if (
          customer ||
          (name &&
            (type === 'customer' || (options.agentNames === true && (type === 'agent' || type === 'supervisor'))))
        )
          add(value);
        else if (key === 'participants' && /^\+|@/.test(text)) add(value);
        // What is left of a free text once the identifiers found by shape are out of it.
        else if (typeof value === 'string') elsewhere.add(value.replace(EMAIL, '\u0000').replace(PLUS_PHONE, '\u0000'));
        continue;
      }
      if (typeof value !== 'object' || value === null) continue;
      if (Array.isArray(value)) {
        for (const item of value) stack.push({ value: item, key, parent, grand });
        continue;
      }
      for (const k of Object.keys(value)) {
        const child = (value as Json)[k];
        if (key === 'participants' && /^\+|@/.test(k)) identifiers.add(k);
        else elsewhere.add(k);
        // `value` is a participant when it is a member of a `participants` map.
        stack.push({
          value: child,
          key: k,
          parent: key,
          grand: parent,
          participant: parent === 'participants' ? (value as Json) : undefined,
        });
      }
    }
  }
  return { identifiers, elsewhere };
}

/**
 * The identifiers that must not remain: all but those the original also uses in a field that is
 * not an identifier (the hostile scenario puts the same markup in a customer name and in a queue
 * name; redaction cannot tell those apart, and should not try).
 */
export function mustNotRemain({ identifiers, elsewhere }: Identifiers): string[] {
  const others = [...elsewhere];
  return [...identifiers].filter((id) => !others.some((other) => other.includes(id)));
}

/** The identifiers (raw or JSON-escaped) that occur in `text`. */
export function remaining(text: string, identifiers: readonly string[]): string[] {
  return identifiers.filter((id) => text.includes(id) || text.includes(JSON.stringify(id).slice(1, -1)));
}

/** A change path's `["…"]` segments as dotted ones: an e-mail key is bracketed, its pseudonym not. */
const unbracket = (text: string) => text.replace(/\["((?:[^"\\]|\\.)*)"\]/g, '.$1');

/**
 * Whether `redacted` is `original` with some occurrences of originals from the table replaced by
 * their pseudonyms (and nothing else changed): structurally, string by string.
 */
export function onlyPseudonymsDiffer(
  original: unknown,
  redacted: unknown,
  table: ReadonlyMap<string, string>,
): string | undefined {
  const originals = [...table.keys()].filter((o) => o !== '').sort((a, b) => b.length - a.length);
  /** `a` matches `b` if cutting `a` at its originals (leftmost, longest first), each may be its pseudonym in `b`. */
  const matches = (a: string, b: string): boolean => {
    let i = 0;
    let j = 0;
    while (i < a.length) {
      let next = -1;
      let found = '';
      for (const o of originals) {
        const at = a.indexOf(o, i);
        if (at >= 0 && (next < 0 || at < next)) [next, found] = [at, o];
      }
      const plain = a.slice(i, next < 0 ? a.length : next);
      if (!b.startsWith(plain, j)) return false;
      j += plain.length;
      if (next < 0) break;
      if (b.startsWith(found, j)) j += found.length;
      else if (b.startsWith(table.get(found)!, j)) j += table.get(found)!.length;
      else return false;
      i = next + found.length;
    }
    return j === b.length;
  };
  const strings = (a: string, b: string, at: string): string | undefined =>
    a === b || matches(unbracket(a), unbracket(b))
      ? undefined
      : `${at}: ${JSON.stringify(a.slice(0, 200))} ≠ ${JSON.stringify(b.slice(0, 200))}`;
  const walk = (a: unknown, b: unknown, at: string): string | undefined => {
    if (typeof a === 'string' && typeof b === 'string') return strings(a, b, at);
    if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null)
      return Object.is(a, b) ? undefined : `${at}: ${String(a).slice(0, 200)} ≠ ${String(b).slice(0, 200)}`;
    if (Array.isArray(a) !== Array.isArray(b)) return `${at}: array vs object`;
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    if (keysA.length !== keysB.length) return `${at}: ${keysA.length} vs ${keysB.length} keys`;
    for (let i = 0; i < keysA.length; i++) {
      const problem =
        strings(keysA[i]!, keysB[i]!, `${at}/key`) ??
        walk((a as Json)[keysA[i]!], (b as Json)[keysB[i]!], `${at}.${keysA[i]!.slice(0, 40)}`);
      if (problem) return problem;
    }
    return undefined;
  };
  return walk(original, redacted, '$');
}
