/**
 * `npm run bench`: every benchmark, figures printed and written to bench-results/latest.json.
 * Benchmarks, not tests: they measure and report; targets are printed beside the figures.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { benchInterceptorOverhead, printOverhead } from './interceptor-overhead';

const only = process.argv[2];
const results: Record<string, unknown> = { date: new Date().toISOString() };

if (!only || only === 'interceptor') {
  const overhead = await benchInterceptorOverhead();
  printOverhead(overhead);
  console.log(`  target ≤ 1.05×`);
  results.interceptor = overhead;
}

await mkdir('bench-results', { recursive: true });
await writeFile('bench-results/latest.json', JSON.stringify(results, null, 2));
console.log('\nwritten to bench-results/latest.json');
