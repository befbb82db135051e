/** Medians: the machine is small and noisy, so benchmarks report the middle of repeated runs. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const fmt = (n: number, digits = 1): string => n.toFixed(digits);

/** Milliseconds one call of `fn` takes. */
export function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** The median of each field over `runs` (all of whose fields are numbers). */
export function medianFields<R extends Record<string, number>>(runs: R[]): R {
  const out: Record<string, number> = {};
  for (const key of Object.keys(runs[0] ?? {})) out[key] = median(runs.map((run) => run[key]!));
  return out as R;
}
