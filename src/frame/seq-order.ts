/*
 * Binary search over anything kept in seq order (frames, an interaction's events, requests by
 * their request frame): one place for the bounds, used by the frame log, the rules and the
 * request rows.
 */

/** Index of the first item with seq ≥ `seq` (`items.length` when there is none). */
export function lowerBoundSeq(items: readonly { readonly seq: number }[], seq: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The item with exactly this seq, if there is one. */
export function itemAtSeq<T extends { readonly seq: number }>(items: readonly T[], seq: number): T | undefined {
  const item = items[lowerBoundSeq(items, seq)];
  return item?.seq === seq ? item : undefined;
}
