import { loadavg } from 'node:os';
import { type ExtensionBrowser, launchWithExtension } from '../e2e/extension';

/**
 * `rounds` runs of `one` in this build and, with `baseDir` (another chrome-mv3-test build), in that
 * one too, each in a browser of its own, which one goes first swapping each round: two builds
 * compared at the same moments of a shared machine. Both browsers are closed at the end.
 */
export async function alternateBuilds<R>(
  rounds: number,
  baseDir: string | undefined,
  one: (browser: ExtensionBrowser) => Promise<R>,
  options: { args?: string[] } = {},
): Promise<{ current: R[]; base: R[] }> {
  const current = await launchWithExtension(options);
  const base = baseDir ? await launchWithExtension({ ...options, extensionDir: baseDir }) : undefined;
  const runs: { current: R[]; base: R[] } = { current: [], base: [] };
  try {
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 ? (['base', 'current'] as const) : (['current', 'base'] as const);
      for (const which of order) {
        const browser = which === 'base' ? base : current;
        if (browser) runs[which].push(await one(browser));
      }
    }
  } finally {
    await current.close();
    await base?.close();
  }
  return runs;
}

/**
 * A benchmark's result over alternated builds: this build's median run (its fields), its runs,
 * the 1-minute load average at the start and the end (2 cores, shared), and the base build's
 * median and runs if one was given.
 */
export type AlternatedResult<R> = R & {
  runs: R[];
  loadAverage: [number, number];
  base?: R & { runs: R[]; dir: string };
};

/** `alternateBuilds`' runs as an `AlternatedResult`, each side's median taken by `median`. */
export function alternatedResult<R>(
  runs: { current: R[]; base: R[] },
  baseDir: string | undefined,
  loadStart: number,
  median: (runs: R[]) => R,
): AlternatedResult<R> {
  return {
    runs: runs.current,
    loadAverage: [loadStart, loadavg()[0]!],
    ...median(runs.current),
    ...(baseDir ? { base: { ...median(runs.base), runs: runs.base, dir: baseDir } } : {}),
  };
}
