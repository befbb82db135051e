// `web-ext lint` (addons-linter, the checks addons.mozilla.org runs on upload) on both Firefox
// builds: errors fail the test, warnings are printed.
//
// No `--self-hosted`: in web-ext 10.7 / addons-linter it only silences the AMO error for a
// `gecko.update_url` key, which we don't use, so the flag changes nothing today; leaving it off
// keeps the AMO rules on, so the check can't pass a build that AMO would reject.
import { expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

interface LintMessage {
  code: string;
  message: string;
  description?: string;
  file?: string;
  line?: number;
  column?: number;
}
interface LintReport {
  count: number;
  summary: { errors: number; notices: number; warnings: number };
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

const TARGETS = [
  { name: 'production', dir: '.output/firefox-mv3', build: ['wxt', 'build', '-b', 'firefox', '--mv3'] },
  {
    name: 'test',
    dir: '.output/firefox-mv3-test',
    build: ['wxt', 'build', '-b', 'firefox', '--mv3', '--mode', 'test'],
  },
] as const;

const SOURCES = ['src', 'entrypoints', 'public', 'wxt.config.ts', 'package.json'];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

/** Builds the target when its output is missing or older than the sources. */
async function ensureBuilt(target: (typeof TARGETS)[number]): Promise<void> {
  const manifest = path.join(target.dir, 'manifest.json');
  const built = existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
  if (built && built >= Math.max(...SOURCES.map(newestMtime))) return;
  await run('npx', [...target.build], { timeout: 60_000 });
}

function format(m: LintMessage): string {
  const where = m.file ? ` (${m.file}${m.line ? `:${m.line}:${m.column ?? 0}` : ''})` : '';
  return `${m.code}${where}: ${m.message}${m.description ? ` — ${m.description}` : ''}`;
}

for (const target of TARGETS) {
  test(`web-ext lint: ${target.name} Firefox build has no errors`, async () => {
    test.setTimeout(60_000);
    await ensureBuilt(target);

    // The Chrome-only key must not leak into the Firefox manifest.
    const manifest = JSON.parse(readFileSync(path.join(target.dir, 'manifest.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(manifest).not.toHaveProperty('message_serialization');
    expect(manifest.manifest_version).toBe(3);
    expect(manifest).toHaveProperty(['browser_specific_settings', 'gecko', 'id'], 'wxcc-inspector@wxcc-inspector.dev');
    const hosts = JSON.stringify(manifest.host_permissions) + JSON.stringify(manifest.content_scripts);
    // Store builds never inject into localhost; the test build must, for the simulator.
    expect(hosts.includes('http://127.0.0.1/*')).toBe(target.name === 'test');

    // Exits non-zero when there are errors; the JSON report is on stdout either way.
    const stdout = await run(
      'npx',
      [
        'web-ext',
        'lint',
        '--source-dir',
        target.dir,
        '--output',
        'json',
        '--no-config-discovery',
        '--no-input',
        '--boring',
      ],
      { maxBuffer: 16 * 1024 * 1024, timeout: 60_000 },
    ).then(
      (r) => r.stdout,
      (error: { stdout?: string; stderr?: string }) => {
        if (!error.stdout) throw error;
        return error.stdout;
      },
    );
    const report = JSON.parse(stdout) as LintReport;
    for (const m of report.warnings) console.log(`[${target.name}] warning ${format(m)}`);
    for (const m of report.notices) console.log(`[${target.name}] notice ${format(m)}`);
    expect(report.errors.map(format)).toEqual([]);
  });
}
