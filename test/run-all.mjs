// `npm test`: unit tests, then the end-to-end suite (even when unit tests failed, so one run shows
// everything), then one closing line "N passed, N failed" summed from both JSON reports.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const UNIT = 'test-results/unit.json';
const E2E = 'test-results/e2e.json';
for (const file of [UNIT, E2E]) rmSync(file, { force: true });

const run = (script) => spawnSync('npm', ['run', script], { stdio: 'inherit' }).status ?? 1;
// Type errors fail the run like a failing test (esbuild builds without checking types).
const typecheckStatus = run('typecheck');
// Lint and formatting (Biome) fail the run the same way.
const lintStatus = run('lint');
const unitStatus = run('test:unit');
const e2eStatus = run('test:e2e');

const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);
const unit = read(UNIT);
const e2e = read(E2E);
let passed = 0;
let failed = 0;
let skipped = 0;
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
  skipped += unit.numPendingTests + unit.numTodoTests;
} else failed++; // the unit suite did not even report
if (e2e) {
  passed += e2e.stats.expected + e2e.stats.flaky;
  failed += e2e.stats.unexpected;
  skipped += e2e.stats.skipped;
} else failed++;
if (typecheckStatus) failed++;
if (lintStatus) failed++;
// A suite that failed without saying so in its report (it crashed, or its report is stale) still fails.
if (unitStatus && unit?.numFailedTests === 0) failed++;
if (e2eStatus && e2e?.stats.unexpected === 0) failed++;
console.log(`\ntypecheck: ${typecheckStatus ? 'failed' : 'passed'}; lint: ${lintStatus ? 'failed' : 'passed'}`);
console.log(
  `unit: ${unit ? `${unit.numPassedTests} passed, ${unit.numFailedTests} failed` : 'no report'}; e2e: ${e2e ? `${e2e.stats.expected} passed, ${e2e.stats.unexpected} failed, ${e2e.stats.flaky} flaky` : 'no report'}`,
);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(typecheckStatus || lintStatus || unitStatus || e2eStatus || (failed ? 1 : 0));
