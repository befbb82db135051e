/**
 * Protocol decode throughput: decodeFrame (parse + envelope + catalogue + validate + normalise +
 * findings) over a mix of 10,000 frames, against bare JSON.parse of the very same strings. Both
 * run alternately in one process, several times; the figures are medians of the repeats.
 *
 * The mix is a busy stretch of one agent's socket, heavier in snapshots than a real capture
 * (where keepalives, every 4 s both ways, are most of the frames): 30% keepalives (in and out),
 * 10% agent-state events, 60% contact events whose full Interaction snapshot is padded with
 * call-associated data to 5-15 KiB. The contact events are also measured on their own, so the
 * keepalives cannot flatter the ratio.
 */
import { loadavg } from 'node:os';
import type { Frame } from '../../src/frame/frame';
import * as v from 'valibot';
import { createDecodeSession, decodeFrame, InteractionSchema } from '../../src/protocol';
import { loadScenario } from '../sim/scenario';
import { fmt, median } from './stats';

const FRAMES = Number(process.env.BENCH_FRAMES ?? 10_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 11);
const WARMUP = 2;
const MIN_BYTES = 5 * 1024;
const MAX_BYTES = 15 * 1024;

type Json = Record<string, unknown>;

function templates(): { contact: Json[]; agent: Json[] } {
  const contact: Json[] = [];
  const agent: Json[] = [];
  for (const name of [
    'inbound-hold-resume',
    'recording-pause-resume',
    'consult-conference-wrapup',
    'reconnect-hydrate',
  ]) {
    for (const step of loadScenario(name).steps) {
      if (!step.frame) continue;
      (step.frame['type'] === 'RoutingMessage' ? contact : agent).push(step.frame);
    }
  }
  return { contact, agent };
}

/** One call-associated-data entry, different in every frame so nothing can be cached by content. */
function cadEntry(frame: number, k: number): Json {
  return {
    name: `field${k}`,
    displayName: `Field ${k}`,
    value: `value-${frame}-${k}`,
    type: 'STRING',
    agentEditable: false,
    agentViewable: true,
    global: false,
    isSecure: false,
    reportable: true,
    secureKeyId: '',
    secureKeyVersion: 0,
  };
}

function contactFrame(template: Json, i: number, targetBytes: number): string {
  const frame = structuredClone(template);
  const data = frame['data'] as Json;
  data['eventTime'] = Number(data['eventTime']) + i;
  const interaction = data['interaction'] as Json;
  const cad = interaction['callAssociatedData'] as Json;
  const base = JSON.stringify(frame).length;
  const entryBytes = JSON.stringify(cadEntry(i, 10)).length + 10;
  const entries = Math.max(0, Math.ceil((targetBytes - base) / entryBytes));
  for (let k = 0; k < entries; k++) cad[`field${k}`] = cadEntry(i, k);
  return JSON.stringify(frame);
}

export interface DecodeMix {
  frames: Frame[];
  contactFrames: Frame[];
  counts: { keepalive: number; agent: number; contact: number };
  contactBytes: { min: number; max: number; mean: number };
}

export function buildDecodeMix(count = FRAMES): DecodeMix {
  const { contact, agent } = templates();
  const frames: Frame[] = [];
  const counts = { keepalive: 0, agent: 0, contact: 0 };
  const sizes: number[] = [];
  for (let i = 0; i < count; i++) {
    const slot = i % 10;
    let data: string;
    let dir: Frame['dir'] = 'in';
    if (slot < 3) {
      data = '{"keepalive":"true"}';
      dir = slot === 1 ? 'out' : 'in';
      counts.keepalive++;
    } else if (slot === 3) {
      data = JSON.stringify(agent[i % agent.length]);
      counts.agent++;
    } else {
      // Sizes spread evenly over 5-15 KiB (a multiplicative stride, so neighbours differ).
      const target = MIN_BYTES + ((i * 7919) % (MAX_BYTES - MIN_BYTES + 1));
      data = contactFrame(contact[i % contact.length] as Json, i, target);
      sizes.push(data.length);
      counts.contact++;
    }
    frames.push({
      seq: i + 1,
      t: 1_767_600_000_000 + i * 50,
      socket: 'ws-1',
      dir,
      kind: 'text',
      data,
      size: data.length,
    });
  }
  return {
    frames,
    contactFrames: frames.filter((f) => (f.data?.length ?? 0) >= MIN_BYTES),
    counts,
    contactBytes: {
      min: Math.min(...sizes),
      max: Math.max(...sizes),
      mean: sizes.reduce((a, b) => a + b, 0) / sizes.length,
    },
  };
}

export interface DecodeFigures {
  frames: number;
  parseMs: number;
  decodeMs: number;
  framesPerSecond: number;
  parseFramesPerSecond: number;
  ratio: number;
  /**
   * The baseline that keeps the hand-written schema walker (src/protocol/schema-walker.ts):
   * JSON.parse + Valibot's own `v.safeParse(InteractionSchema, data.interaction)` on the same
   * frames, which only validates (no wire quirks normalised, no findings by path).
   */
  safeParseMs: number;
  /** decodeFrame's time over the safeParse baseline's (below 1: the walker is faster). */
  walkerVsSafeParse: number;
  /** The same throughput and ratio in CPU time of this process (less sensitive to other work on the shared cores). */
  cpu: { framesPerSecond: number; parseFramesPerSecond: number; ratio: number };
}

export interface DecodeResult {
  repeats: number;
  counts: DecodeMix['counts'];
  contactBytes: DecodeMix['contactBytes'];
  mix: DecodeFigures;
  contactOnly: DecodeFigures;
  findingsPerRun: number;
  /** 1-minute load average of the machine before and after: context for the absolute figures. */
  loadAverage: { before: number; after: number };
}

let sink = 0;

/** CPU time (user + system) of this process, ms. */
const cpuNow = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

function timeParse(frames: Frame[]): { ms: number; cpuMs: number } {
  const start = performance.now();
  const cpu = cpuNow();
  for (const frame of frames) if (JSON.parse(frame.data as string) !== null) sink++;
  return { ms: performance.now() - start, cpuMs: cpuNow() - cpu };
}

function timeDecode(frames: Frame[]): { ms: number; cpuMs: number; findings: number } {
  const session = createDecodeSession();
  let findings = 0;
  const start = performance.now();
  const cpu = cpuNow();
  for (const frame of frames) findings += decodeFrame(frame, session).findings.length;
  return { ms: performance.now() - start, cpuMs: cpuNow() - cpu, findings };
}

function timeSafeParse(frames: Frame[]): number {
  const start = performance.now();
  for (const frame of frames) {
    const json = JSON.parse(frame.data as string) as { data?: { interaction?: unknown } };
    const interaction = json.data?.interaction;
    if (interaction !== undefined && v.safeParse(InteractionSchema, interaction).success) sink++;
  }
  return performance.now() - start;
}

interface Samples {
  parse: number[];
  decode: number[];
  parseCpu: number[];
  decodeCpu: number[];
  safeParse: number[];
  findings: number;
}

function figures(frames: Frame[], samples: Samples): DecodeFigures {
  const parseMs = median(samples.parse);
  const decodeMs = median(samples.decode);
  const safeParseMs = median(samples.safeParse);
  return {
    safeParseMs,
    walkerVsSafeParse: decodeMs / safeParseMs,
    frames: frames.length,
    parseMs,
    decodeMs,
    framesPerSecond: frames.length / (decodeMs / 1000),
    parseFramesPerSecond: frames.length / (parseMs / 1000),
    ratio: decodeMs / parseMs,
    cpu: {
      framesPerSecond: frames.length / (median(samples.decodeCpu) / 1000),
      parseFramesPerSecond: frames.length / (median(samples.parseCpu) / 1000),
      ratio: median(samples.decodeCpu) / median(samples.parseCpu),
    },
  };
}

function sample(frames: Frame[], samples: Samples, round: number, keep: boolean): void {
  // Alternate which goes first, so neither side always runs on a heap the other just filled.
  const parseFirst = round % 2 === 0;
  const p1 = parseFirst ? timeParse(frames) : undefined;
  const d = timeDecode(frames);
  const s = timeSafeParse(frames);
  const p = p1 ?? timeParse(frames);
  if (!keep) return;
  samples.safeParse.push(s);
  samples.parse.push(p.ms);
  samples.decode.push(d.ms);
  samples.parseCpu.push(p.cpuMs);
  samples.decodeCpu.push(d.cpuMs);
  samples.findings = d.findings;
}

export function benchProtocolDecode(): DecodeResult {
  const mix = buildDecodeMix();
  const all: Samples = { parse: [], decode: [], parseCpu: [], decodeCpu: [], safeParse: [], findings: 0 };
  const contact: Samples = { parse: [], decode: [], parseCpu: [], decodeCpu: [], safeParse: [], findings: 0 };
  const load = loadavg()[0] ?? 0;
  // Both measurements in every round, so a change in machine load hits both alike.
  for (let round = 0; round < WARMUP + REPEATS; round++) {
    sample(mix.frames, all, round, round >= WARMUP);
    sample(mix.contactFrames, contact, round, round >= WARMUP);
  }
  if (sink < 0) console.log(sink);
  return {
    repeats: REPEATS,
    counts: mix.counts,
    contactBytes: mix.contactBytes,
    mix: figures(mix.frames, all),
    contactOnly: figures(mix.contactFrames, contact),
    findingsPerRun: all.findings,
    loadAverage: { before: load, after: loadavg()[0] ?? 0 },
  };
}

const rate = (n: number): string => Math.round(n).toLocaleString('en-US');

export function printDecode(r: DecodeResult): void {
  const { counts, contactBytes } = r;
  console.log(
    `\nProtocol decode: ${r.mix.frames} frames (${counts.keepalive} keepalives, ${counts.agent} agent events, ${counts.contact} contact events with full Interactions of ${fmt(contactBytes.min / 1024)}-${fmt(contactBytes.max / 1024)} KiB, mean ${fmt(contactBytes.mean / 1024)} KiB), median of ${r.repeats} runs`,
  );
  for (const [label, f] of [
    ['whole mix', r.mix],
    ['contact events only', r.contactOnly],
  ] as const) {
    console.log(
      `  ${label.padEnd(20)} decodeFrame ${rate(f.framesPerSecond).padStart(7)} frames/s (${fmt(f.decodeMs)} ms); JSON.parse alone ${rate(f.parseFramesPerSecond).padStart(7)} frames/s (${fmt(f.parseMs)} ms) → ${fmt(f.ratio, 2)}× JSON.parse`,
    );
    console.log(
      `  ${''.padEnd(20)} in CPU time: decodeFrame ${rate(f.cpu.framesPerSecond)} frames/s; JSON.parse alone ${rate(f.cpu.parseFramesPerSecond)} frames/s → ${fmt(f.cpu.ratio, 2)}×`,
    );
    console.log(
      `  ${''.padEnd(20)} baseline JSON.parse + v.safeParse(InteractionSchema) ${fmt(f.safeParseMs)} ms → decodeFrame takes ${fmt(f.walkerVsSafeParse, 2)}× the baseline's time (validating only, no normalising)`,
    );
  }
  console.log(
    `  findings per run: ${r.findingsPerRun} (wire quirks normalised, unknown keys listed once); load average ${fmt(r.loadAverage.before, 2)} → ${fmt(r.loadAverage.after, 2)}`,
  );
}
