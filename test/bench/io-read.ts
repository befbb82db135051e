/**
 * Reading files of frames: `readFramesFile` on a ~100 MB Chrome HAR of about 150,000 frames (the
 * issue 6 import target is ≤ 5 s until the timeline shows; this is the file-reading part of it),
 * and the same frames as our own HAR (with `_wxcc` fields) and as a capture file. Each is timed
 * against bare `JSON.parse` of the same text, which no reader can beat; the figures are medians.
 *
 * The frames are one agent's busy day on three sockets (two reconnects): 80% keepalives both
 * ways, 12% contact events with full Interaction snapshots (3-4 KB), 8% agent-state events,
 * all taken from the simulator's scenarios; 150,000 of them make a 100 MB Chrome HAR.
 */
import type { Frame } from '../../src/frame/frame';
import { utf8Length } from '../../src/frame/utf8';
import { writeCaptureFile, type CaptureMeta } from '../../src/io/capture-file';
import { writeHar } from '../../src/io/har';
import { readFramesFile } from '../../src/io/read-frames-file';
import { loadScenario } from '../sim/scenario';
import { chromeWebSocketEntry } from '../support/chrome-har';
import { fmt, median, time } from './stats';

const FRAMES = Number(process.env.BENCH_FRAMES ?? 150_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const KEEPALIVE = '{"keepalive":"true"}';

function templates(): { contact: string[]; agent: string[] } {
  const contact: string[] = [];
  const agent: string[] = [];
  for (const name of [
    'inbound-hold-resume',
    'recording-pause-resume',
    'consult-conference-wrapup',
    'reconnect-hydrate',
  ]) {
    for (const step of loadScenario(name).steps) {
      if (!step.frame) continue;
      (step.frame['type'] === 'RoutingMessage' ? contact : agent).push(JSON.stringify(step.frame));
    }
  }
  return { contact, agent };
}

/** Deterministic, so every run reads the same bytes. */
export function benchFrames(count = FRAMES): Frame[] {
  const { contact, agent } = templates();
  const frames: Frame[] = [];
  const t0 = Date.UTC(2026, 0, 5, 8, 0, 0);
  let seq = 0;
  let socket = 0;
  const perSocket = Math.ceil(count / 3);
  for (let i = 0; frames.length < count; i++) {
    const t = t0 + i * 170;
    if (i % perSocket === 0) {
      if (socket > 0)
        frames.push({
          seq: ++seq,
          t,
          socket: `ws-${socket}`,
          dir: 'in',
          kind: 'close',
          size: 0,
          close: { code: 1006, reason: '', wasClean: false },
        });
      socket++;
      frames.push({
        seq: ++seq,
        t,
        socket: `ws-${socket}`,
        dir: 'in',
        kind: 'open',
        size: 0,
        url: `wss://notifs.example/v1/notification/subscription/${socket}`,
      });
      continue;
    }
    const r = i % 25;
    // Each event differs from its template (its seq in a trackingId), so nothing is shared.
    const data =
      r < 20
        ? KEEPALIVE
        : r < 23
          ? contact[i % contact.length]!.replace('"trackingId":"notifs_', `"trackingId":"notifs_${i}_`)
          : agent[i % agent.length]!.replace('"trackingId":"notifs_', `"trackingId":"notifs_${i}_`);
    frames.push({
      seq: ++seq,
      t,
      socket: `ws-${socket}`,
      dir: r < 10 ? 'out' : 'in',
      kind: 'text',
      size: utf8Length(data),
      data,
    });
  }
  return frames;
}

export interface ReadFigures {
  mb: number;
  frames: number;
  /** readFramesFile, text in → frames out. */
  readMs: number;
  /** JSON.parse alone of the same text. */
  parseMs: number;
  ratio: number;
}

export interface IoReadResult {
  chromeHar: ReadFigures;
  ourHar: ReadFigures;
  capture: ReadFigures;
  writeMs: { har: number; capture: number };
}

/**
 * The HAR as Chrome would write it for these frames: no `_wxcc` fields, no open/close frames, one
 * entry per socket (its URL from the open frame when there is one); `headers` go on each request.
 */
export function chromeHarText(frames: readonly Frame[], headers: { name: string; value: string }[] = []): string {
  const entries = new Map<string, { url: string; started: string; messages: unknown[] }>();
  for (const f of frames) {
    let entry = entries.get(f.socket);
    if (!entry) {
      entry = {
        url: f.url ?? `wss://notifs.example/v1/notification/subscription/${f.socket}`,
        started: new Date(f.t).toISOString(),
        messages: [],
      };
      entries.set(f.socket, entry);
    }
    if (f.kind === 'text')
      entry.messages.push({ type: f.dir === 'out' ? 'send' : 'receive', time: f.t / 1000, opcode: 1, data: f.data });
  }
  const log = {
    version: '1.2',
    creator: { name: 'WebInspector', version: '537.36' },
    pages: [],
    entries: [...entries.values()].map((e) =>
      chromeWebSocketEntry({ url: e.url, startedDateTime: e.started, messages: e.messages, headers }),
    ),
  };
  // Chrome pretty-prints its export.
  return JSON.stringify({ log }, null, 2);
}

function measure(text: string): ReadFigures {
  let frames = 0;
  const read: number[] = [];
  const parse: number[] = [];
  for (let i = 0; i < REPEATS + 1; i++) {
    const r = time(() => {
      const result = readFramesFile(text);
      if (!result.ok) throw new Error(result.error);
      frames = result.frames.length;
    });
    const p = time(() => JSON.parse(text));
    // The first round warms up the JIT.
    if (i > 0) {
      read.push(r);
      parse.push(p);
    }
  }
  const readMs = median(read);
  const parseMs = median(parse);
  return { mb: text.length / 1e6, frames, readMs, parseMs, ratio: readMs / parseMs };
}

export function benchIoRead(): IoReadResult {
  const frames = benchFrames();
  const meta: CaptureMeta = { createdAt: Date.UTC(2026, 0, 5, 20, 0, 0), source: { kind: 'live' }, redacted: false };
  let har = '';
  let capture = '';
  const writeMs = {
    har: time(() => (har = writeHar(frames, meta))),
    capture: time(() => (capture = writeCaptureFile(frames, meta))),
  };
  return {
    chromeHar: measure(chromeHarText(frames)),
    ourHar: measure(har),
    capture: measure(capture),
    writeMs,
  };
}

export function printIoRead(r: IoReadResult): void {
  const line = (name: string, f: ReadFigures) =>
    console.log(
      `  ${name.padEnd(22)} ${fmt(f.mb)} MB, ${f.frames.toLocaleString('en-US')} frames: readFramesFile ${fmt(f.readMs, 0)} ms ` +
        `(JSON.parse alone ${fmt(f.parseMs, 0)} ms, ${fmt(f.ratio, 2)}×)`,
    );
  console.log(`\nReading files of frames (medians of ${REPEATS})`);
  line('Chrome HAR', r.chromeHar);
  line('our HAR (_wxcc)', r.ourHar);
  line('capture file', r.capture);
  console.log(
    `  writing the same frames: HAR ${fmt(r.writeMs.har, 0)} ms, capture file ${fmt(r.writeMs.capture, 0)} ms`,
  );
}
