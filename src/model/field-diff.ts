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
  if (isPlainObject(prev) && isPlainObject(next)) return walkObject(prev, next, segments, changes);
  // Arrays are values: one change for the whole array, never per index.
  if (deepEqual(prev, next)) return prev;
  changes.push({ path: formatPath(segments), segments: [...segments], op: 'change', from: prev, to: next });
  return next;
}

function walkObject(prev: Plain, next: Plain, segments: string[], changes: FieldChange[]): Plain {
  const keys = Object.keys(next);
  const prevKeys = Object.keys(prev);
  let aligned = keys.length === prevKeys.length;
  for (let i = 0; aligned && i < keys.length; i++) aligned = keys[i] === prevKeys[i];
  if (aligned) return walkAligned(prev, next, keys, segments, changes);
  // Keys added, removed or moved: by key. Where the result differs from `prev`: positions in
  // `keys` and their values.
  let changedAt: number[] | null = null;
  let changedTo: unknown[] | null = null;
  let kept = 0;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const value = next[key];
    const before = own(prev, key);
    let child: unknown;
    if (before !== undefined) {
      kept++;
      // Most leaves are equal primitives: no call, no path step (ingest's hottest loop).
      if (before === value) continue;
      segments.push(key);
      child = walk(before, value, segments, changes);
      segments.pop();
      if (child === before) continue;
    } else {
      const at = [...segments, key];
      changes.push({ path: formatPath(at), segments: at, op: 'add', to: value });
      child = value;
    }
    (changedAt ??= []).push(i);
    (changedTo ??= []).push(child);
  }
  if (kept < prevKeys.length) {
    for (const key of prevKeys) {
      if (hasOwn(next, key)) continue;
      const at = [...segments, key];
      changes.push({ path: formatPath(at), segments: at, op: 'remove', from: prev[key] });
    }
  } else if (changedAt === null) {
    return prev;
  }
  return copyWith(prev, keys, changedAt ?? [], changedTo ?? []);
}

/**
 * `prev` and `next` have the same keys in the same order (most objects of a snapshot): their values
 * compared by position, read by `Object.values` instead of a keyed load per key on each side. On
 * the busy-shift mix (the `diff` benchmark, `BENCH_DIFF_FRAMES=60000`, 2 alternating runs each):
 * 46 against 64 µs per snapshot, 0.40× against 0.63× `JSON.parse` of the same.
 */
function walkAligned(prev: Plain, next: Plain, keys: string[], segments: string[], changes: FieldChange[]): Plain {
  const values = Object.values(next);
  const prevValues = Object.values(prev);
  let out: Plain | null = null;
  for (let i = 0; i < values.length; i++) {
    const before = prevValues[i];
    const value = values[i];
    if (before === value) continue;
    const key = keys[i]!;
    segments.push(key);
    const child = walk(before, value, segments, changes);
    segments.pop();
    if (child === before) continue;
    // A spread, then stores to keys it already has: the copy keeps a fast shape (stores of new
    // computed keys would turn it into a slow dictionary object, see copyWith), and an own
    // "__proto__" stays a key.
    (out ??= { ...prev })[key] = child;
  }
  // Most subtrees of a snapshot do not change: the previous subtree itself, no copy.
  return out ?? prev;
}

/**
 * `next`'s keys in `next`'s order, valued as in `prev` except at the changed positions. Built by
 * `Object.fromEntries`, never key by key: an object given more than about 16 keys one computed key
 * at a time becomes a slow dictionary object in V8, and the snapshot is read again by every later
 * diff, flag and rule. It keeps "__proto__" an own key.
 */
function copyWith(prev: Plain, keys: string[], changedAt: number[], changedTo: unknown[]): Plain {
  const values = keys.map((key) => prev[key]);
  for (let j = 0; j < changedAt.length; j++) values[changedAt[j]!] = changedTo[j];
  return Object.fromEntries(keys.map((key, i) => [key, values[i]]));
}
