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

/**
 * `rounds` runs of `one` in `current` and, when given, in `base`, which one goes first swapping
 * each round: two builds compared at the same moments of a shared machine.
 */
export async function alternate<B, R>(
  rounds: number,
  current: B,
  base: B | undefined,
  one: (browser: B) => Promise<R>,
): Promise<{ current: R[]; base: R[] }> {
  const runs: { current: R[]; base: R[] } = { current: [], base: [] };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? (['base', 'current'] as const) : (['current', 'base'] as const);
    for (const which of order) {
      const browser = which === 'base' ? base : current;
      if (browser) runs[which].push(await one(browser));
    }
  }
  return runs;
}
