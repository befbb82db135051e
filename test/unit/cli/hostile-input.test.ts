import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { closeSync, existsSync, openSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import { utf8Length } from '../../../src/frame/utf8';
import { readFramesFile, readFramesValue, writeCaptureFile, type CaptureMeta } from '../../../src/io';
import { FileJsonReader } from '../../../src/io/file-json';
import { main } from '../../../src/cli/main';
import { watchOutput } from '../../../src/cli/output-failure';
import { REPAIR_NOTICE_PREFIX } from '../../../src/io/frame-repair';
import { scenarioFrames } from '../../support/scenario-frames';
import { runCli } from './run-cli';

/*
 * Issue #15 items 9-12, each hostile file with its exact outcome: exit status, what is printed,
 * what the viewer (which reads files through the same readFramesFile) gets.
 */

const META: CaptureMeta = { createdAt: 0, source: { kind: 'file' }, redacted: false };
let dir: string;
const at = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'wxcc-hostile-'));
});

const text = (seq: number, data: string, t = 1_767_603_600_000 + seq): Frame => ({
  seq,
  t,
  socket: 'ws-1',
  dir: 'in',
  kind: 'text',
  size: utf8Length(data),
  data,
});

/** A capture file's text with frames given as raw JSON lines (so 1e400 stays 1e400). */
function rawCapture(lines: string[]): string {
  return `{"format":"wxcc-inspector-capture","version":1,"createdAt":0,"source":{"kind":"file"},"redacted":false,"frames":[${lines.join(',')}]}`;
}

describe('9: deep nesting and exit statuses', () => {
  it('a frame nested 6,000 levels is a finding; analyze exits 0, --fail-on warn 1, --json works', async () => {
    const deep = `${'{"a":'.repeat(6000)}1${'}'.repeat(6000)}`;
    const event = (seq: number, leaf: string) =>
      text(
        seq,
        `{"type":"RoutingMessage","data":{"type":"AgentContact","interactionId":"i-1","interaction":{"interactionId":"i-1","flowProperties":${deep.replace('1', leaf)}}}}`,
      );
    await writeFile(at('deep.wxcc.json'), writeCaptureFile([event(1, '1'), event(2, '2')], META));
    const plain = await runCli('analyze', at('deep.wxcc.json'));
    expect(plain.err).toBe('');
    expect(plain.status).toBe(0);
    expect(plain.out).toMatch(
      /WARN {2}finding #1 data\.interaction\.flowProperties(\.a)+: nested deeper than 64 levels/,
    );
    expect((await runCli('analyze', at('deep.wxcc.json'), '--fail-on', 'warn')).status).toBe(1);
    const json = await runCli('analyze', at('deep.wxcc.json'), '--json');
    expect(json.status).toBe(0);
    const report = JSON.parse(json.out) as { findings: { code: string }[] };
    expect(report.findings.filter((f) => f.code === 'too-deep')).toHaveLength(2);
  });

  it('2 for input that cannot be used, with one line; the arguments are checked by node:util parseArgs', async () => {
    await writeFile(at('not-json.har'), '{"log": ');
    for (const argv of [
      ['analyze', at('not-json.har')],
      ['analyze'],
      ['analyze', at('x'), '--bogus'],
      ['analyze', at('x'), '--fail-on'],
      ['analyze', at('x'), '--fail-on', 'maybe'],
      ['redact', at('x'), at('y'), '--json'],
      ['frobnicate'],
    ]) {
      const { status, err } = await runCli(...argv);
      expect(status, argv.join(' ')).toBe(2);
      expect(err.trim().split('\n'), argv.join(' ')).toHaveLength(1);
    }
    expect((await runCli('analyze', at('x'), '--bogus')).err).toContain('unknown option --bogus');
    expect((await runCli('analyze', at('x'), '--fail-on')).err).toContain('--fail-on needs a value');
    expect((await runCli('redact', at('x'), at('y'), '--json')).err).toContain('unknown option --json for redact');
  });

  it('3 for a fault of our own: one line that says so, never a stack', async () => {
    await writeFile(at('ok.wxcc.json'), writeCaptureFile(scenarioFrames('inbound-hold-resume'), META));
    // The output stream failing mid-report (a pipe closed early) is the fault here: it throws with
    // a multi-line message, as node's stream errors carry their stack.
    let err = '';
    const failing = new Error('write EPIPE\n    at afterWriteDispatched (node:internal/stream_base_commons:161:15)');
    const status = await main(
      ['analyze', at('ok.wxcc.json')],
      () => {
        throw failing;
      },
      (t) => (err += `${t}\n`),
    );
    expect(status).toBe(3);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain('internal error: Error: write EPIPE');
    expect(err).not.toContain('stream_base_commons');
  });
});

describe('an output the system refuses to take', () => {
  const bin = path.resolve(__dirname, '../../../bin/wxcc-inspector.mjs');
  const analyze = async (stdout: number | 'pipe', stderr: number | 'pipe' = 'pipe') => {
    await writeFile(at('out.wxcc.json'), writeCaptureFile(scenarioFrames('inbound-hold-resume'), META));
    return spawnSync(process.execPath, [bin, 'analyze', at('out.wxcc.json')], {
      stdio: ['ignore', stdout, stderr],
      encoding: 'utf8',
    });
  };

  it.runIf(existsSync('/dev/full'))('a full disk (> /dev/full): one line, status 2, no stack', async () => {
    const full = openSync('/dev/full', 'w');
    try {
      const run = await analyze(full);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe('wxcc-inspector: could not write the output: ENOSPC: no space left on device, write\n');
      // Its messages cannot be written either: still 2, not an uncaught error's 1.
      expect((await analyze(full, full)).status).toBe(2);
    } finally {
      closeSync(full);
    }
  });

  it('watchOutput: a refused write is said once and ends with 2; a reader that stopped (EPIPE) is not an error', () => {
    const failure = (code: string) => Object.assign(new Error(`${code}: it failed, write`), { code });
    const lines: string[] = [];
    const exits: number[] = [];
    const stream = new EventEmitter();
    const output = watchOutput(
      stream,
      (line) => lines.push(line),
      (status) => exits.push(status),
    );
    expect(output.failed()).toBe(false);
    stream.emit('error', failure('EIO'));
    stream.emit('error', failure('ENOSPC'));
    expect(lines).toEqual(['wxcc-inspector: could not write the output: EIO: it failed, write']);
    expect(exits).toEqual([2]);
    expect(output.failed()).toBe(true);

    const piped = new EventEmitter();
    const quiet = watchOutput(
      piped,
      (line) => lines.push(line),
      (status) => exits.push(status),
    );
    piped.emit('error', failure('EPIPE'));
    piped.emit('error', failure('EIO'));
    expect(quiet.failed()).toBe(false);
    expect(lines).toHaveLength(1);
    expect(exits).toEqual([2]);
  });
});

/** What a terminal obeys: C0 but newline, DEL, C1, the bidi embeddings, overrides, isolates and marks. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for exactly these
const INERT_VIOLATION = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('10: terminal escapes in wire strings are printed inert', () => {
  const hostile = '\u001b]0;pwned\u0007\u001b[2K\u001b]52;c;ZXZpbA==\u0007\u009b31m\u202etxt.exe';

  it('analyze prints control characters as escapes, in the human report and in --json', async () => {
    const data = JSON.stringify({
      type: 'RoutingMessage',
      data: { type: `Agent${hostile}`, interactionId: `i-${hostile}`, agentId: 'a' },
    });
    await writeFile(at('escapes.wxcc.json'), writeCaptureFile([text(1, data)], META));
    for (const argv of [[], ['--json']]) {
      const { out, status } = await runCli('analyze', at('escapes.wxcc.json'), ...argv);
      expect(status).toBe(0);
      // Nothing a terminal obeys: no C0 but newline, no DEL, no C1, no bidi override.
      expect(out).not.toMatch(INERT_VIOLATION);
      if (argv.length === 0)
        expect(out).toContain('\\x1b]0;pwned\\x07\\x1b[2K\\x1b]52;c;ZXZpbA==\\x07\\x9b31m\\u202etxt.exe');
      else expect(JSON.parse(out).interactions[0].interactionId).toBe(`i-${hostile}`);
    }
  });

  it('on a terminal that takes colours each escape is in reverse video; a wire string holding the six characters \\u202e is not', async () => {
    const data = JSON.stringify({
      type: 'RoutingMessage',
      data: { type: 'AgentOffered', interactionId: 'i-literal \\u202e real \u202e', agentId: 'a' },
    });
    await writeFile(at('literal.wxcc.json'), writeCaptureFile([text(1, data)], META));
    const styled = async (argv: string[], on: boolean) => {
      let out = '';
      const status = await main(
        argv,
        (t) => (out += `${t}\n`),
        () => {},
        { out: on, err: on },
      );
      expect(status).toBe(0);
      return out;
    };
    const out = await styled(['analyze', at('literal.wxcc.json')], true);
    expect(out).toContain('i-literal \\u202e real \u001b[7m\\u202e\u001b[27m');
    // The reverse video codes are the CLI's only ESC bytes: the line holds no other control.
    expect(out.replaceAll('\u001b[7m', '').replaceAll('\u001b[27m', '')).not.toMatch(INERT_VIOLATION);
    // Piped (not a terminal) or JSON: plain escapes, no codes.
    expect(await styled(['analyze', at('literal.wxcc.json')], false)).toContain('i-literal \\u202e real \\u202e');
    expect(await styled(['analyze', at('literal.wxcc.json'), '--json'], true)).not.toContain('\u001b');
  });

  it('the simulator’s hostile scenario: the bidi controls of the idle reason, the caller and an event name print as escapes', async () => {
    await writeFile(at('hostile.wxcc.json'), writeCaptureFile(scenarioFrames('hostile'), META));
    for (const argv of [[], ['--json']]) {
      const { out, status } = await runCli('analyze', at('hostile.wxcc.json'), ...argv);
      expect(status).toBe(0);
      expect(out).not.toMatch(INERT_VIOLATION);
      if (argv.length) continue;
      // The agent's state (the idle reason), the customer and the event that reads as AgentContactHeld.
      expect(out).toContain('Lunch \\u202eevil\\u202c \\u2067isolated\\u2069');
      expect(out).toContain('\\u202eevil\\u202c \\u200f\\u061c\\u200e');
      expect(out).toContain('\\u202edleHtcatnoCtnegA\\u202c');
    }
  });

  it('a newline or tab in a wire string prints as \\n / \\t: it cannot start a line of its own or forge the summary', async () => {
    const forged = '+1415\nAnomalies: 0 errors, 0 warnings, 0 info.\tFAKE';
    const offer = JSON.stringify({
      type: 'RoutingMessage',
      data: {
        type: 'AgentOfferContact',
        interactionId: 'i-1',
        agentId: 'a',
        interaction: { interactionId: 'i-1', mediaType: 'telephony', callProcessingDetails: { displayAni: forged } },
      },
    });
    const named = JSON.stringify({
      type: 'RoutingMessage',
      data: { type: 'AgentOfferContact\n  no anomalies\n\nAnomalies: 0 errors', interactionId: 'i-1', agentId: 'a' },
    });
    await writeFile(at('newlines.wxcc.json'), writeCaptureFile([text(1, offer), text(2, named)], META));
    const { out, status } = await runCli('analyze', at('newlines.wxcc.json'));
    expect(status).toBe(0);
    const lines = out.split('\n');
    expect(lines.filter((line) => line.startsWith('Anomalies:'))).toEqual([
      'Anomalies: 0 errors, 0 warnings, 2 info. Findings: 0 errors, 5 warnings, 1 info (wire quirks normalised).',
    ]);
    expect(lines.filter((line) => line === '  no anomalies')).toHaveLength(0);
    expect(lines).toContain(
      'Interaction i-1 · telephony · customer +1415\\nAnomalies: 0 errors, 0 warnings, 0 info.\\tFAKE (callProcessingDetails.displayAni) · 2 events',
    );
    expect(out).toContain('#2     AgentOfferContact\\n  no anomalies\\n\\nAnomalies: 0 errors unknown');
    expect(out).toContain('INFO  unknown-event: AgentOfferContact\\n  no anomalies\\n\\nAnomalies: 0 errors (#2)');
    expect(out).not.toContain('\t');
  });

  it('error messages too (a file name is the user’s, a value in it the sender’s)', async () => {
    const name = at('bad\u001b[2Kname.json');
    await writeFile(name, '{"format": "\u001b]0;x\u0007"}');
    const { err, status } = await runCli('analyze', name);
    expect(status).toBe(2);
    expect(err).not.toMatch(INERT_VIOLATION);
    expect(err).toContain('bad\\x1b[2Kname.json');
  });
});

describe('11: times that are not finite, duplicate and unordered seqs: repaired the same for every reader', () => {
  it('1e400, a duplicated frame, a reused seq and reversed order: a notice, and a file that reads back', async () => {
    const lines = [
      '{"seq":3,"t":1767603600003,"socket":"ws-1","dir":"in","kind":"text","size":2,"data":"{}"}',
      '{"seq":1,"t":1e400,"socket":"ws-1","dir":"in","kind":"open","size":0,"url":"wss://x.test/"}',
      '{"seq":2,"t":1767603600002,"socket":"ws-1","dir":"in","kind":"text","size":2,"data":"{}"}',
      '{"seq":2,"t":1767603600002,"socket":"ws-1","dir":"in","kind":"text","size":2,"data":"{}"}',
      '{"seq":3,"t":1767603600004,"socket":"ws-1","dir":"in","kind":"text","size":4,"data":"[1]"}',
    ];
    await writeFile(at('repair.wxcc.json'), rawCapture(lines));
    const read = readFramesFile(await readFile(at('repair.wxcc.json'), 'utf8'));
    if (!read.ok) throw new Error(read.error);
    expect(read.frames.map((f) => [f.seq, f.t, f.kind])).toEqual([
      [1, 1767603600003, 'open'],
      [2, 1767603600002, 'text'],
      [3, 1767603600003, 'text'],
      [4, 1767603600004, 'text'],
      [5, 1767603600004, 'notice'],
    ]);
    expect(read.frames.at(-1)!.data).toBe(
      `${REPAIR_NOTICE_PREFIX}1 time was unusable (not a finite number, or beyond what a date holds; set to the time of the frame before); 1 frame was out of seq order (sorted by seq); 1 exact copy of a frame dropped; 1 seq number was used twice (all frames renumbered 1…4; gaps in the original numbering no longer show)`,
    );
    // What the viewer shows is what it writes; and it reads back.
    expect(readFramesFile(writeCaptureFile(read.frames, read.meta)).ok).toBe(true);
    const { out, status } = await runCli('analyze', at('repair.wxcc.json'), '--json');
    expect(status).toBe(0);
    expect(JSON.parse(out).findings).toContainEqual(
      expect.objectContaining({ seq: 5, code: 'capture-notice', severity: 'warn' }),
    );
  });

  it('null (what JSON.stringify writes for NaN), a string, a boolean, an object: repaired as 1e400 is, in the CLI and the viewer', async () => {
    const lines = [
      '{"seq":1,"t":1767603600001,"socket":"ws-1","dir":"in","kind":"open","size":0,"url":"wss://x.test/"}',
      '{"seq":2,"t":null,"socket":"ws-1","dir":"in","kind":"text","size":2,"data":"{}"}',
      '{"seq":3,"t":"1767603600003","socket":"ws-1","dir":"in","kind":"text","size":2,"data":"{}"}',
      '{"seq":4,"t":1767603600004,"socket":"ws-1","dir":"in","kind":"text","size":2,"data":"{}"}',
      '{"seq":5,"t":true,"socket":"ws-1","dir":"in","kind":"text","size":2,"data":"{}"}',
      '{"seq":6,"t":{"ms":1},"socket":"ws-1","dir":"in","kind":"text","size":2,"data":"{}"}',
      // Finite, but beyond what a Date holds: it printed as NaN:NaN:NaN.NaN.
      '{"seq":7,"t":8640000000000001,"socket":"ws-1","dir":"in","kind":"text","size":2,"data":"{}"}',
    ];
    const text = rawCapture(lines);
    await writeFile(at('times.wxcc.json'), text);
    const times = [
      [1, 1767603600001, 'open'],
      [2, 1767603600001, 'text'],
      [3, 1767603600001, 'text'],
      [4, 1767603600004, 'text'],
      [5, 1767603600004, 'text'],
      [6, 1767603600004, 'text'],
      [7, 1767603600004, 'text'],
      [8, 1767603600004, 'notice'],
    ];
    const notice = `${REPAIR_NOTICE_PREFIX}5 times were unusable (not a finite number, or beyond what a date holds; set to the time of the frame before)`;
    const read = readFramesFile(text);
    if (!read.ok) throw new Error(read.error);
    expect(read.frames.map((f) => [f.seq, f.t, f.kind])).toEqual(times);
    expect(read.frames.at(-1)!.data).toBe(notice);
    // The viewer's import worker: the file streamed through FileJsonReader, then readFramesValue.
    const reader = new FileJsonReader(100);
    reader.push(new TextEncoder().encode(text));
    const parsed = reader.end();
    if (!parsed.ok) throw new Error(parsed.error);
    const viewer = readFramesValue(parsed.value);
    if (!viewer.ok) throw new Error(viewer.error);
    expect(viewer.frames).toEqual(read.frames);
    const { out, status } = await runCli('analyze', at('times.wxcc.json'), '--json');
    expect(status).toBe(0);
    expect(JSON.parse(out).findings).toContainEqual(
      expect.objectContaining({ seq: 8, code: 'capture-notice', severity: 'warn', message: notice }),
    );
    // A frame with no `t` at all names no time: still refused, with its place.
    await writeFile(at('no-time.wxcc.json'), rawCapture([lines[0]!.replace('"t":1767603600001,', '')]));
    const missing = await runCli('analyze', at('no-time.wxcc.json'));
    expect(missing.status).toBe(2);
    expect(missing.err).toContain(
      'invalid capture file: frames[0].t: Invalid key: Expected "t" but received undefined',
    );
  });

  it('a reversed capture analyses as the original (the CLI and the viewer read it through one function)', async () => {
    const frames = scenarioFrames('anomalies');
    await writeFile(at('forward.wxcc.json'), writeCaptureFile(frames, META));
    await writeFile(at('reversed.wxcc.json'), writeCaptureFile([...frames].reverse(), META));
    const forward = JSON.parse((await runCli('analyze', at('forward.wxcc.json'), '--json')).out);
    const reversed = JSON.parse((await runCli('analyze', at('reversed.wxcc.json'), '--json')).out);
    expect(reversed.anomalies).toEqual(forward.anomalies);
    expect(reversed.interactions).toEqual(forward.interactions);
    // The viewer gets the frames readFramesFile returns: in seq order, plus the notice.
    const viewer = readFramesFile(await readFile(at('reversed.wxcc.json'), 'utf8'));
    if (!viewer.ok) throw new Error(viewer.error);
    expect(viewer.frames.slice(0, -1)).toEqual(frames);
  });
});

describe('12: encodings, binary payloads, overwriting the input', () => {
  const har = JSON.stringify({
    log: {
      entries: [
        {
          _resourceType: 'websocket',
          startedDateTime: '2026-01-05T09:00:00.000Z',
          request: { url: 'wss://x.test/' },
          _webSocketMessages: [{ type: 'receive', time: 1767603600.1, opcode: 1, data: '{"keepalive":"true"}' }],
        },
      ],
    },
  });

  it('UTF-16 HARs (PowerShell redirects), with or without a byte-order mark, little- or big-endian', async () => {
    const le = Buffer.from(har, 'utf16le');
    const be = Buffer.from(le).swap16();
    const files: [string, Buffer][] = [
      ['le-bom.har', Buffer.concat([Buffer.from([0xff, 0xfe]), le])],
      ['be-bom.har', Buffer.concat([Buffer.from([0xfe, 0xff]), be])],
      ['le.har', le],
      ['utf8-bom.har', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(har)])],
    ];
    for (const [name, bytes] of files) {
      await writeFile(at(name), bytes);
      const { status, out, err } = await runCli('analyze', at(name));
      expect(err, name).toBe('');
      expect(status, name).toBe(0);
      expect(out).toContain('har, 2 frames');
    }
  });

  it('invalid UTF-8 is reported with its byte offset, not replaced', async () => {
    const bytes = Buffer.concat([
      Buffer.from(har.slice(0, 100)),
      Buffer.from([0xc3, 0x28]),
      Buffer.from(har.slice(100)),
    ]);
    await writeFile(at('latin.har'), bytes);
    const { status, err } = await runCli('analyze', at('latin.har'));
    expect(status).toBe(2);
    expect(err).toMatch(/latin\.har: invalid UTF-8 at byte 100: /);
  });

  it('a binary message that is not base64 does not refuse the HAR: analyze reads the rest and reports where it is', async () => {
    const value = JSON.parse(har);
    value.log.entries[0]._webSocketMessages.push(
      { type: 'receive', time: 1767603600.2, opcode: 2, data: 'AAEC\nAwQF' },
      { type: 'receive', time: 1767603600.3, opcode: 1, data: '{"keepalive":"true"}' },
    );
    await writeFile(at('bad-binary.har'), JSON.stringify(value));
    const notice =
      '1 binary message was not base64 (kept as a frame without bytes): #3 at log.entries[0]._webSocketMessages[1].data';
    const plain = await runCli('analyze', at('bad-binary.har'));
    expect([plain.status, plain.err]).toEqual([0, '']);
    expect(plain.out).toContain(
      'har, 5 frames (4 in, 0 out, 1 meta; 2 keepalives, 0 events, 0 invalid JSON, 1 binary, 0 unrecognised, 0 gaps), 1 added by the reader (its notice of what it repaired or could not read)',
    );
    expect(plain.out).toContain(`WARN  finding #5 (frame): ${notice}`);
    expect((await runCli('analyze', at('bad-binary.har'), '--fail-on', 'warn')).status).toBe(1);
    const json = await runCli('analyze', at('bad-binary.har'), '--json');
    expect(json.status).toBe(0);
    const findings = (JSON.parse(json.out) as { findings: { seq: number; code: string; message: string }[] }).findings;
    expect(findings.filter((f) => f.code === 'capture-notice').map((f) => [f.seq, f.message])).toEqual([[5, notice]]);
    // convert keeps the message as a frame that says why it has no bytes.
    expect((await runCli('convert', at('bad-binary.har'), at('bad-binary.wxcc.json'))).status).toBe(0);
    const frames = readFramesFile(await readFile(at('bad-binary.wxcc.json'), 'utf8'));
    expect(frames.ok && frames.frames.find((f) => f.kind === 'binary')).toMatchObject({
      seq: 3,
      size: 0,
      data: `(bytes unknown: log.entries[0]._webSocketMessages[1].data is not base64, as a binary message's (opcode 2) data must be; the HAR holds "AAEC\\nAwQF", 9 bytes of text)`,
    });
  });

  it('redact refuses to overwrite its input, however the path is spelled', async () => {
    await writeFile(at('same.har'), har);
    for (const output of [at('same.har'), path.join(dir, '.', 'sub', '..', 'same.har')]) {
      const { status, err } = await runCli('redact', at('same.har'), output);
      expect(status).toBe(2);
      expect(err).toContain('is the input file');
    }
    expect(await readFile(at('same.har'), 'utf8')).toBe(har);
    expect((await runCli('convert', at('same.har'), at('same.har'))).status).toBe(2);
  });
});
