import { formatPath, type PathSegment } from '../frame/path';

/**
 * Field-by-field changes between two snapshots of an interaction, computed in the same walk that
 * makes the new snapshot share every unchanged subtree with the previous one: a long session keeps
 * one copy of what did not change, and the walk is O(size of the new snapshot).
 */
export interface FieldChange {
  /** Path into the snapshot: `media.<mediaResourceId>.isHold`, written by `formatPath` (`src/frame/path.ts`). */
  path: string;
  /** The same path as its keys, for code that walks it (never re-parse `path`). */
  segments: PathSegment[];
  op: 'add' | 'remove' | 'change';
  from?: unknown;
  to?: unknown;
}

export interface DiffResult<T> {
  changes: FieldChange[];
  /** `next`, with every subtree that equals its counterpart in `prev` replaced by that one. */
  shared: T;
}

type Plain = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Plain assignment of "__proto__" would set the prototype instead of the wire's own key. */
function setOwn(target: Plain, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    if (a.length !== other.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], other[i])) return false;
    return true;
  }
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  for (const key of keysA) {
    if (!Object.hasOwn(b, key) || !deepEqual((a as Plain)[key], (b as Plain)[key])) return false;
  }
  return true;
}

export function diffSnapshots<T>(prev: unknown, next: T): DiffResult<T> {
  const changes: FieldChange[] = [];
  const shared = walk(prev, next, [], changes) as T;
  return { changes, shared };
}

const hasOwn = (object: object, key: string): boolean => Object.hasOwn(object, key);

/**
 * The value of an own key, or undefined. Snapshots come from JSON, whose values are never
 * undefined nor functions, so a function found here is Object.prototype's and means "absent".
 */
function own(object: Plain, key: string): unknown {
  if (key === '__proto__') return hasOwn(object, key) ? object[key] : undefined;
  const value = object[key];
  return typeof value === 'function' || (value === undefined && !hasOwn(object, key)) ? undefined : value;
}

function walk(prev: unknown, next: unknown, segments: string[], changes: FieldChange[]): unknown {
  if (prev === next) return prev;
  if (isPlainObject(prev) && isPlainObject(next)) {
    const keys = Object.keys(next);
    // The copy is made only once something differs: most subtrees of a snapshot do not change,
    // and for those the walk allocates nothing and returns the previous subtree itself.
    let out: Plain | null = null;
    let kept = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const before = own(prev, key);
      let child: unknown;
      if (before !== undefined) {
        kept++;
        segments.push(key);
        child = walk(before, next[key], segments, changes);
        segments.pop();
      } else {
        const at = [...segments, key];
        changes.push({ path: formatPath(at), segments: at, op: 'add', to: next[key] });
        child = next[key];
      }
      if (out === null && (child !== before || before === undefined)) {
        out = {};
        for (let j = 0; j < i; j++) setOwn(out, keys[j]!, prev[keys[j]!]);
      }
      if (out !== null) setOwn(out, key, child);
    }
    let prevKeys = 0;
    for (const key in prev) if (hasOwn(prev, key)) prevKeys++;
    if (kept < prevKeys) {
      for (const key of Object.keys(prev)) {
        if (hasOwn(next, key)) continue;
        const at = [...segments, key];
        changes.push({ path: formatPath(at), segments: at, op: 'remove', from: prev[key] });
      }
      if (out === null) {
        out = {};
        for (const key of keys) setOwn(out, key, prev[key]);
      }
    }
    return out ?? prev;
  }
  // Arrays are values: one change for the whole array, never per index.
  if (deepEqual(prev, next)) return prev;
  changes.push({ path: formatPath(segments), segments: [...segments], op: 'change', from: prev, to: next });
  return next;
}
