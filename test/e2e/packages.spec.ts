import { expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

interface Manifest {
  permissions?: string[];
  host_permissions?: string[];
  content_scripts?: { matches?: string[] }[];
  browser_specific_settings?: { gecko?: { id?: string; strict_min_version?: string } };
  message_serialization?: string;
}

async function manifestIn(zip: string): Promise<Manifest> {
  const { stdout } = await run('unzip', ['-p', zip, 'manifest.json']);
  return JSON.parse(stdout) as Manifest;
}

test('the store packages inject only into the Agent Desktop origins, never localhost; sources are tracked files only', async () => {
  test.setTimeout(120_000);
  // Customer data left in the checkout, untracked and git-ignored: neither may reach the store.
  const planted = [`customer-${randomUUID()}.har`, `test-results/customer-${randomUUID()}.har`];
  mkdirSync('test-results', { recursive: true });
  for (const file of planted) writeFileSync(file, '{"log":{"entries":[{"customer":"Jane Roe"}]}}');
  try {
    await run('npm', ['run', 'zip'], { timeout: 110_000 });
  } finally {
    for (const file of planted) rmSync(file, { force: true });
  }
  const sources = readdirSync('.output').find((f) => f.endsWith('-sources.zip'));
  expect(sources, 'the Firefox build writes a sources zip').toBeTruthy();
  const zipped = (await run('unzip', ['-Z1', `.output/${sources!}`])).stdout.split('\n').filter(Boolean);
  const tracked = new Set((await run('git', ['ls-files'])).stdout.split('\n').filter(Boolean));
  expect(zipped.filter((f) => planted.includes(f))).toEqual([]);
  expect(zipped.filter((f) => !tracked.has(f))).toEqual([]);
  expect(zipped).toEqual(
    expect.arrayContaining(['package.json', 'package-lock.json', 'wxt.config.ts', 'entrypoints/background.ts']),
  );

  const zips = readdirSync('.output').filter((f) => f.endsWith('.zip') && !f.includes('sources'));
  const chrome = zips.find((f) => f.endsWith('-chrome.zip'));
  const firefox = zips.find((f) => f.endsWith('-firefox.zip'));
  expect(chrome, `zips: ${zips.join(', ')}`).toBeTruthy();
  expect(firefox, `zips: ${zips.join(', ')}`).toBeTruthy();

  for (const zip of [chrome!, firefox!]) {
    const manifest = await manifestIn(`.output/${zip}`);
    const patterns = [
      ...(manifest.host_permissions ?? []),
      ...(manifest.content_scripts ?? []).flatMap((c) => c.matches ?? []),
    ];
    expect(patterns.length).toBeGreaterThan(0);
    for (const pattern of patterns) expect(pattern, zip).toMatch(/^https:\/\/desktop\.wxcc-[a-z]+\d\.cisco\.com\/\*$/);
    // The interceptor, the relay and the overlay.
    expect(manifest.content_scripts).toHaveLength(3);
    // Deep capture's `debugger` permission ships only in the separate deep-capture build.
    expect(manifest.permissions ?? []).not.toContain('debugger');
  }
  const gecko = (await manifestIn(`.output/${firefox!}`)).browser_specific_settings?.gecko;
  expect(gecko).toMatchObject({ id: 'wxcc-inspector@wxcc-inspector.dev', strict_min_version: '140.0' });
  expect((await manifestIn(`.output/${chrome!}`)).message_serialization).toBe('structured_clone');
});
