/**
 * `npm run bench`: every benchmark, figures printed and written to bench-results/latest.json.
 * Benchmarks, not tests: they measure and report; targets are printed beside the figures.
 * `tsx test/bench/run.ts <name>` runs one (interceptor, overlay, decode, ingest, diff, pathological, panel, bound,
 * reopen, pause, import, io, redact, rows, agent; and `worker`, `http`: the older per-tap benchmarks, whose
 * traffic is now two rows of the interceptor's page-cost table, kept by name for their own
 * detail); the sections it did not run keep their last figures in latest.json.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { benchAgentEntry, printAgentEntry } from './agent-entry';
import { benchHttpTap, printHttpTap } from './http-tap';
import { benchInterceptorOverhead, printOverhead } from './interceptor-overhead';
import { benchIoRead, printIoRead } from './io-read';
import { benchModelIngest, printModelIngest } from './model-ingest';
import { benchPathological, printPathological } from './model-pathological';
import { benchOverlayCost, printOverlayCost } from './overlay-cost';
import { benchPanelHeap, benchReopen, printPanelHeap, printReopen } from './panel-bound';
import { benchPanelRender, printPanelRender } from './panel-render';
import { benchPauseFill, printPauseFill } from './pause-fill';
import { benchViewerImport, printViewerImport } from './viewer-import';
import { benchProtocolDecode, printDecode } from './protocol-decode';
import { benchRedact, printRedact } from './redact';
import { benchRequestRows, printRequestRows } from './request-rows';
import { benchSnapshotDiff, printSnapshotDiff } from './snapshot-diff';
import { benchWorkerTap, printWorkerTap } from './worker-tap-overhead';

const only = process.argv[2];
const benchStarted = Date.now();
const results: Record<string, unknown> = await readFile('bench-results/latest.json', 'utf8')
  .then((text) => JSON.parse(text) as Record<string, unknown>)
  .catch(() => ({}));
results.date = new Date().toISOString();

if (!only || only === 'interceptor') {
  const overhead = await benchInterceptorOverhead();
  printOverhead(overhead);
  console.log(`  target: burst delivery ≤ 1.05× plain and below DevTools Network; the other rows likewise`);
  results.interceptor = overhead;
}

if (only === 'worker') {
  const worker = await benchWorkerTap();
  printWorkerTap(worker);
  console.log(`  target ≤ 1.05× (as the socket interceptor)`);
  results.worker = worker;
}

if (only === 'http') {
  const httpTap = await benchHttpTap();
  printHttpTap(httpTap);
  results.http = httpTap;
}

if (!only || only === 'overlay') {
  const overlay = await benchOverlayCost();
  printOverlayCost(overlay);
  console.log('  target: page busy time ≤ 1.05× with the overlay on; ≤ 4 summaries/s');
  results.overlay = overlay;
}

if (!only || only === 'decode') {
  const decode = benchProtocolDecode();
  printDecode(decode);
  console.log(`  target ≥ 25,000 frames/s (issue 14), as a ratio to JSON.parse of the same frames`);
  results.decode = decode;
}

if (!only || only === 'ingest') {
  const ingest = benchModelIngest();
  printModelIngest(ingest);
  results.ingest = ingest;
}

if (!only || only === 'diff') {
  const diff = benchSnapshotDiff();
  printSnapshotDiff(diff);
  results.diff = diff;
}

if (!only || only === 'pathological') {
  const pathological = benchPathological();
  printPathological(pathological);
  console.log('  target: about 1× ordinary at any size (no look back over the whole interaction per event)');
  results.pathological = pathological;
}

if (!only || only === 'panel') {
  const panel = await benchPanelRender();
  printPanelRender(panel);
  results.panel = panel;
}

if (!only || only === 'bound') {
  const bound = await benchPanelHeap();
  printPanelHeap(bound);
  results.bound = bound;
}

if (!only || only === 'reopen') {
  const reopen = await benchReopen();
  printReopen(reopen);
  results.reopen = reopen;
}

if (!only || only === 'pause') {
  const pause = await benchPauseFill();
  printPauseFill(pause);
  results.pause = pause;
}

if (!only || only === 'import') {
  const imported = await benchViewerImport();
  printViewerImport(imported);
  results.import = imported;
}

if (!only || only === 'io') {
  const io = benchIoRead();
  printIoRead(io);
  console.log(`  target: import of a 100 MB HAR ≤ 5 s until the timeline shows (reading the file is one part)`);
  results.io = io;
}

if (!only || only === 'redact') {
  const redact = benchRedact();
  printRedact(redact);
  results.redact = redact;
}

if (!only || only === 'rows') {
  const rows = benchRequestRows();
  printRequestRows(rows);
  console.log('  target: a repaint in which no request changed keeps the rows (the timeline does not redraw)');
  results.rows = rows;
}

if (!only || only === 'agent') {
  const agent = await benchAgentEntry();
  printAgentEntry(agent);
  results.agent = agent;
}

await mkdir('bench-results', { recursive: true });
await writeFile('bench-results/latest.json', JSON.stringify(results, null, 2));
console.log(`\nwritten to bench-results/latest.json (${Math.round((Date.now() - benchStarted) / 1000)} s)`);
