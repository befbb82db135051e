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
