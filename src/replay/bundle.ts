import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * The replay page's scripts, bundled from `src/replay/page/` on first request: the CLI runs from
 * the TypeScript sources (like the rest of `wxcc-inspector`), so there is no build step to forget.
 * esbuild is what Vite and tsx already use here; one bundle takes well under a second.
 */
export type PageScript = 'page' | 'shim';

const ENTRY: Record<PageScript, string> = {
  page: fileURLToPath(new URL('./page/main.ts', import.meta.url)),
  shim: fileURLToPath(new URL('./page/shim.ts', import.meta.url)),
};

const cache = new Map<PageScript, Promise<string>>();

export function bundlePageScript(script: PageScript): Promise<string> {
  let bundled = cache.get(script);
  if (!bundled) {
    bundled = build({
      entryPoints: [ENTRY[script]],
      bundle: true,
      write: false,
      format: 'iife',
      target: 'es2022',
      platform: 'browser',
      minify: false,
      legalComments: 'none',
    }).then((result) => result.outputFiles[0]!.text);
    // A failed bundle is not cached: the next request tries again and reports its own error.
    bundled.catch(() => cache.delete(script));
    cache.set(script, bundled);
  }
  return bundled;
}
