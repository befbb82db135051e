import { computed, untracked, type ReadonlySignal } from '@preact/signals';

/** Whether two lists hold the same items (`Object.is`), in order. */
export function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/**
 * A computed value recomputed only when one of its declared inputs changed. The model mutates its
 * timelines in place (arrays grow), so "changed" is said by keys such as `events.length` rather
 * than by identity. Every signal `compute` needs must be read in `deps`: `compute` itself runs
 * untracked, so a forgotten dependency shows up as a stale view in the unit tests, not as a
 * silent extra redraw.
 */
export function memo<T>(deps: () => readonly unknown[], compute: () => T): ReadonlySignal<T> {
  let last: readonly unknown[] | undefined;
  let value: T;
  return computed(() => {
    const next = deps();
    if (last && sameItems(last, next)) return value;
    last = next;
    value = untracked(compute);
    return value;
  });
}

/**
 * A computed object (or undefined: nothing to show) that keeps its identity while every field is
 * the same (`Object.is`), so a component reading it re-renders only when something it shows changed.
 */
export function stable<T extends object | undefined>(compute: () => T): ReadonlySignal<T> {
  let value: T | undefined;
  return computed(() => {
    const next = compute();
    if (value && next && sameFields(value, next)) return value;
    value = next;
    return next;
  });
}

export function sameFields<T extends object>(a: T, b: T): boolean {
  const keys = Object.keys(a) as (keyof T)[];
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (!Object.is(a[key], b[key])) return false;
  return true;
}
