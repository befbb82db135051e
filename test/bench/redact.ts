/**
 * Redaction throughput (issue 6): MB/s of payload through `redactFrames` on a ~50 MB capture, and
 * end to end through the CLI's work (file text in → redacted file text out) for a capture file
 * and a Chrome HAR. The capture is model-ingest's busy shift (the simulator's calls back to back,
 * keepalives between them, every snapshot padded with call-associated data, which redaction must
 * replace value by value); the reference is JSON.parse + JSON.stringify of every payload, the
 * least a redactor that parses and re-serialises frames would cost. Medians of the repeats.
 */
import type { Frame } from '../../src/frame/frame';
import { redactValue } from '../../src/cli/redact-convert';
import { redactFrames, writeCaptureFile, type CaptureMeta } from '../../src/io';
import { Pseudonyms } from '../../src/io/pseudonyms';
import { RedactContext } from '../../src/io/redact-context';
import { redactText } from '../../src/io/redact-json';
import { chromeHarText } from './io-read';
import { capture } from './model-ingest';
import { HOSTILE_STRINGS } from '../support/hostile-strings';
import { fmt, median, time } from './stats';

const TARGET_MB = Number(process.env.BENCH_REDACT_MB ?? 50);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);

export interface RedactFigures {
  frames: number;
  /** Payload (frame data) megabytes. */
  payloadMb: number;
  /** redactFrames over the payloads. */
  framesMs: number;
  framesMbPerSecond: number;
  /** JSON.parse + JSON.stringify of every payload. */
  parseStringifyMs: number;
  /** Capture file text → redacted capture file text (parse, redact, write). */
  captureFile: { mb: number; ms: number; mbPerSecond: number };
  /** Chrome HAR text → redacted HAR text (parse, redact the whole HAR, print). */
  chromeHar: { mb: number; ms: number; mbPerSecond: number };
  /** Distinct values replaced in the capture. */
  replaced: number;
  /**
   * The ReDoS guard (moved here from the unit tests, where a time limit flakes on a busy machine):
   * ms per 100 KB for strings built to make a backtracking regex explode, under an allow-listed key
   * so that the free-text regexes do run. Linear code keeps every row within a few ms.
   */
  hostile: { input: string; msPer100Kb: number }[];
}

function frames(): Frame[] {
  const out: Frame[] = [];
  let bytes = 0;
  for (const frame of capture(Number.MAX_SAFE_INTEGER)) {
    out.push(frame);
    bytes += frame.data?.length ?? 0;
    if (bytes >= TARGET_MB * 1e6) break;
  }
  return out;
}

/** Median ms of `fn` over the repeats, after one warm-up round. */
function timed(fn: () => void): number {
  const runs: number[] = [];
  for (let i = 0; i <= REPEATS; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    const ms = time(fn);
    if (i > 0) runs.push(ms);
  }
  return median(runs);
}

export function benchRedact(): RedactFigures {
  const list = frames();
  let payload = 0;
  for (const f of list) payload += f.data?.length ?? 0;
  let replaced = 0;
  const framesMs = timed(() => {
    replaced = redactFrames(list).pseudonyms.size;
  });
  const parseStringifyMs = timed(() => {
    for (const f of list) if (f.data !== undefined) JSON.stringify(JSON.parse(f.data));
  });

  const meta: CaptureMeta = { createdAt: Date.UTC(2026, 0, 5, 20, 0, 0), source: { kind: 'live' }, redacted: false };
  const captureText = writeCaptureFile(list, meta);
  const captureMs = timed(() => {
    const result = redactValue(JSON.parse(captureText), 'capture', {});
    if (!result.ok) throw new Error(result.error);
  });
  // As Chrome's own export has them, with a bearer token for the header redaction to find.
  const harText = chromeHarText(list, [
    { name: 'Authorization', value: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZ2VudCJ9.c2ln' },
  ]);
  const harMs = timed(() => {
    const result = redactValue(JSON.parse(harText), 'har', {});
    if (!result.ok) throw new Error(result.error);
  });
  const mbps = (mb: number, ms: number) => mb / (ms / 1000);
  const hostile = HOSTILE_STRINGS.map(([input, text]) => {
    const json = JSON.stringify({ workflowName: text });
    const ms = timed(() => redactText(json, new RedactContext(new Pseudonyms())));
    return { input, msPer100Kb: ms / (text.length / 100_000) };
  });
  return {
    frames: list.length,
    payloadMb: payload / 1e6,
    framesMs,
    framesMbPerSecond: mbps(payload / 1e6, framesMs),
    parseStringifyMs,
    captureFile: {
      mb: captureText.length / 1e6,
      ms: captureMs,
      mbPerSecond: mbps(captureText.length / 1e6, captureMs),
    },
    chromeHar: { mb: harText.length / 1e6, ms: harMs, mbPerSecond: mbps(harText.length / 1e6, harMs) },
    replaced,
    hostile,
  };
}

export function printRedact(r: RedactFigures): void {
  console.log(
    `\nRedaction: ${r.frames.toLocaleString('en-US')} frames, ${fmt(r.payloadMb)} MB of payload, ${r.replaced.toLocaleString('en-US')} distinct values replaced; medians of ${REPEATS}`,
  );
  console.log(
    `  redactFrames            ${fmt(r.framesMbPerSecond)} MB/s (${fmt(r.framesMs, 0)} ms; JSON.parse + stringify of the payloads alone ${fmt(r.parseStringifyMs, 0)} ms)`,
  );
  console.log(
    `  capture file → redacted ${fmt(r.captureFile.mbPerSecond)} MB/s (${fmt(r.captureFile.mb)} MB in ${fmt(r.captureFile.ms, 0)} ms, parse + redact + write)`,
  );
  console.log(
    `  Chrome HAR → redacted   ${fmt(r.chromeHar.mbPerSecond)} MB/s (${fmt(r.chromeHar.mb)} MB in ${fmt(r.chromeHar.ms, 0)} ms, parse + redact + write)`,
  );
  console.log(
    `  hostile strings (ReDoS guard): ${r.hostile.map((h) => `${h.input} ${fmt(h.msPer100Kb, 1)} ms/100 KB`).join('; ')}`,
  );
}
