import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** ARCHITECTURE.md is what a newcomer reads: every `src/…` path it names must exist. */
const ROOT = path.resolve(__dirname, '../..');

describe('ARCHITECTURE.md', () => {
  const text = fs.readFileSync(path.join(ROOT, 'ARCHITECTURE.md'), 'utf8');
  const named = [...new Set([...text.matchAll(/`((?:src|entrypoints|test)\/[^`\s]*)`/g)].map((m) => m[1]!))];

  it('names the folders of every browser context', () => {
    for (const folder of ['src/capture/page/', 'src/capture/relay/', 'src/capture/background/', 'src/capture/panel/']) {
      expect(named).toContain(folder);
    }
  });

  it('names only paths that exist', () => {
    const missing = named.filter((p) => !fs.existsSync(path.join(ROOT, p)));
    expect(missing).toEqual([]);
  });

  it('is linked from the README', () => {
    expect(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toContain('(ARCHITECTURE.md)');
  });
});
