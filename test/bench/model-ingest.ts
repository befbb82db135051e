/**
 * Session ingest: decode + model over a long, realistic capture, against bare JSON.parse of the
 * very same frame strings, alternately in one process; medians of the repeats. The capture is a
 * busy shift: the simulator's call scenarios one after another (fresh interaction ids every pass,
 * as the looping simulator does) with 40 s between calls, keepalives both ways every 4 s, every
 * snapshot padded with call-associated data to 5-15 KiB; about half the frames are keepalives
 * (over a real shift they are far more). Then the heap the session keeps for 200,000 frames.
 */
import { loadavg } from 'node:os';
import type { Frame } from '../../src/frame/frame';
import { Session } from '../../src/model';
import { collectIds, passRewrite } from '../sim/rewrite';
import { loadScenario } from '../sim/scenario';
import { scenarioFrames } from '../support/scenario-frames';
import { fmt, median } from './stats';

const SCENARIOS = ['inbound-hold-resume', 'recording-pause-resume', 'consult-conference-wrapup', 'reconnect-hydrate'];
const THROUGHPUT_FRAMES = Number(process.env.BENCH_INGEST_FRAMES ?? 100_000);
const HEAP_FRAMES = Number(process.env.BENCH_HEAP_FRAMES ?? 200_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const BETWEEN_CALLS_MS = 40_000;
const KEEPALIVE = '{"keepalive":"true"}';

type Json = Record<string, unknown>;

/** A call-associated datum as the desktop sends it. */
const cad = (k: number, pass: number): Json => ({
  name: `field${k}`,
  displayName: `Field ${k}`,
  value: `value-${pass}-${k}`,
  type: 'STRING',
  agentEditable: false,
  agentViewable: true,
  global: false,
  isSecure: false,
  reportable: true,
  secureKeyId: '',
  secureKeyVersion: 0,
});

/** One scenario pass: its frames with new ids and every snapshot padded (same padding all call long). */
function* pass(p: number, start: number): Generator<Frame> {
  const name = SCENARIOS[p % SCENARIOS.length]!;
  const scenario = loadScenario(name);
  const rewrite = passRewrite(collectIds(scenario), p + 1, 0);
  const padding: Json = {};
  const entries = 20 + ((p * 7) % 50); // 5-15 KiB snapshots
  for (let k = 0; k < entries; k++) padding[`field${k}`] = cad(k, p);
  for (const frame of scenarioFrames(scenario, { start })) {
    let data = frame.data;
    if (frame.kind === 'text' && data && data.includes('"interaction"')) {
      const json = JSON.parse(data) as { data?: { interaction?: Json } };
      if (json.data?.interaction) json.data.interaction['callAssociatedData'] = padding;
      data = JSON.stringify(json);
    }
    if (data) for (const [from, to] of rewrite.ids) data = data.split(from).join(to);
    yield { ...frame, data, size: data?.length ?? frame.size };
  }
}

/** `count` frames of back-to-back passes, seq and socket ids continuing across passes. */
export function* capture(count: number): Generator<Frame> {
  let seq = 0;
  let sockets = 0;
  let t = 1_767_603_600_000;
  for (let p = 0; seq < count; p++) {
    const renamed = new Map<string, string>();
    let socket = '';
    for (const frame of pass(p, t)) {
      if (seq >= count) return;
      if (!renamed.has(frame.socket)) renamed.set(frame.socket, `ws-${++sockets}`);
      socket = renamed.get(frame.socket)!;
      t = frame.t;
      yield { ...frame, seq: ++seq, socket };
    }
    // The quiet stretch until the next call: keepalives both ways.
    for (let idle = 4000; idle <= BETWEEN_CALLS_MS && seq < count; idle += 4000) {
      yield { seq: ++seq, t: t + idle, socket, dir: 'out', kind: 'text', data: KEEPALIVE, size: KEEPALIVE.length };
      if (seq < count)
        yield {
          seq: ++seq,
          t: t + idle + 20,
          socket,
          dir: 'in',
          kind: 'text',
          data: KEEPALIVE,
          size: KEEPALIVE.length,
        };
    }
    t += BETWEEN_CALLS_MS + 4000;
  }
}

function ingestAll(frames: readonly Frame[]): Session {
  const session = new Session();
  for (const frame of frames) session.ingest(frame);
  session.finish();
  return session;
}

export interface IngestResult {
  frames: number;
  bytes: number;
  ingestFramesPerSecond: number;
  jsonParseFramesPerSecond: number;
  ratio: number;
  heapFrames: number;
  heapMB: number;
  interactions: number;
  /** The same, in CPU time of this process (less sensitive to other work on the shared cores). */
  cpu: { ingestFramesPerSecond: number; jsonParseFramesPerSecond: number; ratio: number };
  /** 1-minute load average before and after. */
  loadAverage: { before: number; after: number };
}

/** CPU time (user + system) of this process, ms. */
const cpuNow = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

export function benchModelIngest(): IngestResult {
  const frames = [...capture(THROUGHPUT_FRAMES)];
  const bytes = frames.reduce((n, f) => n + (f.data?.length ?? 0), 0);
  const texts = frames.filter((f) => f.kind === 'text').map((f) => f.data!);
  const ingestMs: number[] = [];
  const parseMs: number[] = [];
  const ingestCpu: number[] = [];
  const parseCpu: number[] = [];
  const loadBefore = loadavg()[0] ?? 0;
  for (let r = 0; r < REPEATS + 1; r++) {
    let t = performance.now();
    let c = cpuNow();
    for (const text of texts) JSON.parse(text);
    const parse = performance.now() - t;
    const parseC = cpuNow() - c;
    t = performance.now();
    c = cpuNow();
    ingestAll(frames);
    const ingest = performance.now() - t;
    const ingestC = cpuNow() - c;
    if (r > 0) {
      parseMs.push(parse);
      ingestMs.push(ingest);
      parseCpu.push(parseC);
      ingestCpu.push(ingestC);
    }
  }
  frames.length = 0;
  texts.length = 0;

  // The heap a session keeps: frames are generated, ingested and dropped one by one, as a
  // session fed from a file or the panel's port keeps no frame text of its own.
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const session = new Session();
  for (const frame of capture(HEAP_FRAMES)) session.ingest(frame);
  session.finish();
  gc?.();
  const heapMB = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
  const ingestMedian = median(ingestMs);
  const parseMedian = median(parseMs);
  return {
    frames: THROUGHPUT_FRAMES,
    bytes,
    ingestFramesPerSecond: THROUGHPUT_FRAMES / (ingestMedian / 1000),
    jsonParseFramesPerSecond: THROUGHPUT_FRAMES / (parseMedian / 1000),
    ratio: ingestMedian / parseMedian,
    heapFrames: HEAP_FRAMES,
    heapMB: gc ? heapMB : Number.NaN,
    interactions: session.interactions.size,
    cpu: {
      ingestFramesPerSecond: THROUGHPUT_FRAMES / (median(ingestCpu) / 1000),
      jsonParseFramesPerSecond: THROUGHPUT_FRAMES / (median(parseCpu) / 1000),
      ratio: median(ingestCpu) / median(parseCpu),
    },
    loadAverage: { before: loadBefore, after: loadavg()[0] ?? 0 },
  };
}

export function printModelIngest(r: IngestResult): void {
  console.log(
    `\nSession ingest (decode + model): ${r.frames} frames, ${fmt(r.bytes / 1024 / 1024)} MB, median of ${REPEATS}`,
  );
  console.log(
    `  ingest ${fmt(r.ingestFramesPerSecond, 0)} frames/s; JSON.parse alone ${fmt(r.jsonParseFramesPerSecond, 0)} frames/s → ${fmt(r.ratio, 2)}× JSON.parse   (target ≥ 20,000 frames/s)`,
  );
  console.log(
    `  in CPU time: ingest ${fmt(r.cpu.ingestFramesPerSecond, 0)} frames/s; JSON.parse alone ${fmt(r.cpu.jsonParseFramesPerSecond, 0)} frames/s → ${fmt(r.cpu.ratio, 2)}×; load average ${fmt(r.loadAverage.before, 1)} → ${fmt(r.loadAverage.after, 1)}`,
  );
  console.log(
    `  heap kept by the session after ${r.heapFrames} frames (${r.interactions} interactions): ${Number.isNaN(r.heapMB) ? 'n/a (run node with --expose-gc)' : `${fmt(r.heapMB)} MB`}   (target ≤ 300 MB)`,
  );
}
