import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as v from 'valibot';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli';
import { describeResult } from '../../../src/cli/redact-convert';
import { readFramesFile, writeCaptureFile, type FramesFile } from '../../../src/io';
import { ReportSchema, type Report } from '../../../src/model';
import { scenarioFrames } from '../../support/scenario-frames';

const CAPTURE = 'test/fixtures/captures/simulator-session.wxcc.json';
const HAR = 'test/fixtures/har/simulator-session.har';
/** Customer identifiers of the fixtures (the simulator's callers and its DNIS). */
const CUSTOMER = /\+1415555010\d|\+18005550199|A-1000\d/;
let dir: string;

const run = runCli;

const at = (name: string) => path.join(dir, name);

async function read(file: string): Promise<FramesFile> {
  const result = readFramesFile(await readFile(file, 'utf8'));
  if (!result.ok) throw new Error(`${file}: ${result.error}`);
  return result;
}

async function report(file: string): Promise<Report> {
  const { out, status, err } = await run('analyze', file, '--json');
  expect(err).toBe('');
  expect(status).toBe(0);
  return v.parse(ReportSchema, JSON.parse(out));
}

/** What redaction must not change: the interactions, their events and flags, the anomalies. */
const shape = (r: Report) => ({
  interactions: r.interactions.map((i) => ({
    id: i.interactionId,
    events: i.events.map((e) => [e.seq, e.type, e.flags]),
  })),
  anomalies: r.anomalies.map((a) => [a.rule, a.seq]),
  frames: r.frames,
  agent: r.agent.states.map((s) => [s.seq, s.status, s.subStatus]),
});

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'wxcc-redact-'));
});

describe('wxcc-inspector redact', () => {
  it('a capture → a redacted capture that analyses the same, with a one-line summary', async () => {
    const { status, out, err } = await run('redact', CAPTURE, at('capture-redacted.wxcc.json'));
    expect(err).toBe('');
    expect(status).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(out).toMatch(
      /^wrote .*capture-redacted\.wxcc\.json: capture \(\*\.wxcc\.json\), 31 frames, redacted: 3 phone numbers, 0 e-mail addresses, 0 names, 2 other values/,
    );
    const text = await readFile(at('capture-redacted.wxcc.json'), 'utf8');
    expect(text).not.toMatch(CUSTOMER);
    expect(text).toContain('\\"ani\\":\\"phone-1\\"');
    const file = await read(at('capture-redacted.wxcc.json'));
    expect(file.kind).toBe('capture');
    expect(file.meta.redacted).toBe(true);
    expect(file.meta.source.kind).toBe('file');
    expect(shape(await report(at('capture-redacted.wxcc.json')))).toEqual(shape(await report(CAPTURE)));
  });

  it('a Chrome HAR → a redacted HAR that keeps every entry, marked redacted', async () => {
    const { status, out } = await run('redact', HAR, at('customer-redacted.har'));
    expect(status).toBe(0);
    // 27 messages, 2 open frames and the 2 subscribe calls (request and response frames).
    expect(out).toMatch(/: HAR, 33 frames, redacted: /);
    const original = JSON.parse(await readFile(HAR, 'utf8'));
    const redacted = JSON.parse(await readFile(at('customer-redacted.har'), 'utf8'));
    expect(redacted.log.entries.map((e: { request: { url: string } }) => e.request.url)).toEqual(
      original.log.entries.map((e: { request: { url: string } }) => e.request.url),
    );
    expect(redacted.log._wxccRedacted).toBe(true);
    expect(JSON.stringify(redacted)).not.toMatch(CUSTOMER);
    expect((await read(at('customer-redacted.har'))).meta.redacted).toBe(true);
    expect(shape(await report(at('customer-redacted.har')))).toEqual(shape(await report(HAR)));
  });

  it('says how many frames the written file holds: a notice the reader added to the input is not in it', async () => {
    // A binary message that is not base64: the input reads with a notice of it (one frame more).
    const har = JSON.parse(await readFile(HAR, 'utf8'));
    const socket = har.log.entries.find((e: { _webSocketMessages?: unknown[] }) => e._webSocketMessages);
    socket._webSocketMessages.push({
      type: 'send',
      time: socket._webSocketMessages[0].time,
      opcode: 2,
      data: 'not base64!',
    });
    await writeFile(at('unreadable.har'), JSON.stringify(har));
    expect((await read(at('unreadable.har'))).frames).toHaveLength(35);
    for (const output of ['unreadable-redacted.har', 'unreadable-redacted.wxcc.json']) {
      const { status, out } = await run('redact', at('unreadable.har'), at(output));
      expect(status).toBe(0);
      const written = (await read(at(output))).frames.length;
      expect(written).toBe(34);
      expect(out).toContain(`, ${written} frames, redacted: `);
    }
  });

  it("convert says which of a HAR's entries it left out; redact to a HAR keeps them and says nothing", async () => {
    const har = JSON.parse(await readFile(HAR, 'utf8'));
    const entries = har.log.entries.length;
    const { status, out } = await run('convert', HAR, at('converted.har'));
    expect(status).toBe(0);
    expect(out).toContain(
      "; left out 2 HAR entries that are neither a WebSocket nor a WxCC API call (the page, scripts, other services' calls: redact to a .har keeps every entry)",
    );
    expect((await run('convert', HAR, at('converted.wxcc.json'))).out).toContain('; left out 2 HAR entries');
    expect((await run('redact', HAR, at('redacted-to-capture.wxcc.json'))).out).toContain('; left out 2 HAR entries');
    const kept = await run('redact', HAR, at('redacted-whole.har'));
    expect(kept.out).not.toContain('left out');
    expect(JSON.parse(await readFile(at('redacted-whole.har'), 'utf8')).log.entries).toHaveLength(entries);
  });

  it('names one left-out entry in the singular', () => {
    const result = {
      ok: true,
      text: '',
      format: 'capture',
      frames: 3,
      redacted: true,
      leftOut: 1,
      unreadableCalls: 0,
    } as const;
    expect(describeResult(result, 'out.wxcc.json')).toBe(
      "wrote out.wxcc.json: capture (*.wxcc.json), 3 frames, redacted; left out 1 HAR entry that is neither a WebSocket nor a WxCC API call (the page, scripts, other services' calls: redact to a .har keeps every entry)",
    );
  });

  it('says which WxCC API calls of a HAR it could not read and left out', () => {
    const result = {
      ok: true,
      text: '',
      format: 'capture',
      frames: 3,
      redacted: false,
      leftOut: 0,
      unreadableCalls: 2,
    } as const;
    expect(describeResult(result, 'out.wxcc.json')).toBe(
      'wrote out.wxcc.json: capture (*.wxcc.json), 3 frames, not redacted (run wxcc-inspector redact before sharing it); left out 2 WxCC API calls that could not be read (no valid time or method: the capture notice names them)',
    );
  });

  it("writes the format the output extension asks for, else the input's", async () => {
    expect((await run('redact', HAR, at('from-har.wxcc.json'))).status).toBe(0);
    expect((await read(at('from-har.wxcc.json'))).kind).toBe('capture');
    expect((await run('redact', CAPTURE, at('from-capture.har'))).status).toBe(0);
    const har = await read(at('from-capture.har'));
    expect(har.kind).toBe('har');
    expect(har.meta.redacted).toBe(true);
    expect((await run('redact', HAR, at('as-input.txt'))).status).toBe(0);
    expect((await read(at('as-input.txt'))).kind).toBe('har');
    expect((await run('redact', CAPTURE, at('as-input.out'))).status).toBe(0);
    expect((await read(at('as-input.out'))).kind).toBe('capture');
  });

  it("--agent-names also replaces agents' names", async () => {
    const input = at('consult.wxcc.json');
    await writeFile(
      input,
      writeCaptureFile(scenarioFrames('consult-conference-wrapup'), {
        createdAt: 0,
        source: { kind: 'live' },
        redacted: false,
      }),
    );
    await run('redact', input, at('consult-kept.wxcc.json'));
    const { out } = await run('redact', input, at('consult-gone.wxcc.json'), '--agent-names');
    expect(out).toMatch(/[1-9] names/);
    expect(await readFile(at('consult-kept.wxcc.json'), 'utf8')).toContain('Bo Consultant');
    expect(await readFile(at('consult-gone.wxcc.json'), 'utf8')).not.toMatch(/Bo Consultant|Dana Agent/);
  });
});

describe('wxcc-inspector convert', () => {
  it('capture → HAR → capture gives back every frame', async () => {
    expect((await run('convert', CAPTURE, at('session.har'))).status).toBe(0);
    const { status, out } = await run('convert', at('session.har'), at('session.wxcc.json'));
    expect(status).toBe(0);
    expect(out).toMatch(
      /: capture \(\*\.wxcc\.json\), 31 frames, not redacted \(run wxcc-inspector redact before sharing it\)$/m,
    );
    const original = await read(CAPTURE);
    const back = await read(at('session.wxcc.json'));
    expect(back.frames).toEqual(original.frames);
    expect(back.meta).toEqual({ ...original.meta, source: { ...original.meta.source, kind: 'file' } });
  });

  it('a Chrome HAR → a capture of the frames it holds; the redacted flag is kept, nothing is redacted', async () => {
    expect((await run('convert', HAR, at('chrome.wxcc.json'))).status).toBe(0);
    const converted = await read(at('chrome.wxcc.json'));
    expect(converted.frames).toEqual((await read(HAR)).frames);
    expect(converted.meta.redacted).toBe(false);
    expect(await readFile(at('chrome.wxcc.json'), 'utf8')).toMatch(CUSTOMER);
    await run('redact', CAPTURE, at('r.wxcc.json'));
    const { out } = await run('convert', at('r.wxcc.json'), at('r.har'));
    expect(out).toMatch(/, redacted$/m);
    expect((await read(at('r.har'))).meta.redacted).toBe(true);
    expect((await read(at('r.har'))).frames).toEqual((await read(at('r.wxcc.json'))).frames);
  });
});

describe('redact and convert: exit 2 with a one-line reason', () => {
  it('for arguments, inputs and outputs that cannot be used', async () => {
    const bad = at('bad.json');
    await writeFile(bad, '{"log": {"entries": [ oops');
    await mkdir(at('folder.json'));
    const other = at('other.json');
    await writeFile(other, '{"hello": "world"}');
    const cases: [string[], RegExp][] = [
      [['redact'], /redact needs an input file and an output file/],
      [['redact', CAPTURE], /redact needs an output file after/],
      [['redact', CAPTURE, at('x.json'), 'extra'], /unexpected argument extra/],
      [['redact', CAPTURE, at('x.json'), '--json'], /unknown option --json for redact/],
      [['convert', CAPTURE, at('x.json'), '--agent-names'], /unknown option --agent-names for convert/],
      [['convert', CAPTURE, at('x.txt')], /cannot tell the format to convert to from ".*x\.txt": end it in \.har/],
      [['redact', at('absent.json'), at('x.json')], /cannot read .*absent\.json: no such file/],
      [['convert', dir, at('x.json')], /it is a directory/],
      [['redact', bad, at('x.json')], /bad\.json: not JSON/],
      [['convert', other, at('x.har')], /other\.json: neither a wxcc-inspector capture .* nor a Chrome HAR/],
      [['redact', CAPTURE, path.join(dir, 'no-such-dir', 'x.json')], /cannot write .*x\.json: no such directory/],
      [['convert', CAPTURE, at('folder.json')], /cannot write .*folder\.json: it is a directory/],
    ];
    for (const [argv, message] of cases) {
      const { status, out, err } = await run(...argv);
      expect(status, argv.join(' ')).toBe(2);
      expect(out, argv.join(' ')).toBe('');
      expect(err.trim().split('\n'), argv.join(' ')).toHaveLength(1);
      expect(err, argv.join(' ')).toMatch(message);
    }
  });

  it('the usage text lists both commands', async () => {
    const { out, status } = await run('--help');
    expect(status).toBe(0);
    expect(out).toContain('wxcc-inspector redact <in> <out> [--agent-names]');
    expect(out).toContain('wxcc-inspector convert <in> <out>');
  });
});

describe("a capture made from a HAR records what the HAR's frames lack", () => {
  /** The simulator's HAR (its page and script give no frame) with one WxCC API call that cannot be read. */
  async function brokenHar(): Promise<string> {
    const har = JSON.parse(await readFile(HAR, 'utf8'));
    har.log.entries[4].request.method = 7;
    const file = at('one-call-unreadable.har');
    await writeFile(file, JSON.stringify(har));
    return file;
  }
  const LACKS = { leftOut: 2, unreadableCalls: 1 };
  const LINE =
    'From a HAR: left out 2 HAR entries that are neither a WebSocket nor a WxCC API call; left out 1 WxCC API call that could not be read (no valid time or method: the capture notice names it)';

  it('convert and redact to a capture write it in the source; every file made from that one keeps it', async () => {
    const har = await brokenHar();
    expect((await run('convert', har, at('lacks.wxcc.json'))).status).toBe(0);
    expect((await run('redact', har, at('lacks-redacted.wxcc.json'))).status).toBe(0);
    for (const made of ['lacks.wxcc.json', 'lacks-redacted.wxcc.json'])
      expect((await read(at(made))).meta.source, made).toMatchObject(LACKS);
    // Re-converted and re-redacted, to a HAR and back: the counts stay, nothing resets them to 0.
    await run('convert', at('lacks.wxcc.json'), at('lacks-again.har'));
    await run('convert', at('lacks-again.har'), at('lacks-again.wxcc.json'));
    await run('redact', at('lacks-again.wxcc.json'), at('lacks-again-redacted.wxcc.json'));
    await run('redact', at('lacks-again.har'), at('lacks-again-redacted.har'));
    for (const made of [
      'lacks-again.har',
      'lacks-again.wxcc.json',
      'lacks-again-redacted.wxcc.json',
      'lacks-again-redacted.har',
    ])
      expect((await read(at(made))).meta.source, made).toMatchObject(LACKS);
    // A HAR redacted as a HAR is the whole HAR still: read, its frames lack what the original's did.
    await run('redact', har, at('whole.har'));
    expect((await read(at('whole.har'))).meta.source).toMatchObject(LACKS);
  });

  it('analyze says it, of the HAR and of every capture made from it, in words and in --json', async () => {
    const har = await brokenHar();
    await run('convert', har, at('said.wxcc.json'));
    await run('convert', at('said.wxcc.json'), at('said-again.wxcc.json'));
    for (const file of [har, at('said.wxcc.json'), at('said-again.wxcc.json')]) {
      const { out, status } = await run('analyze', file);
      expect(status).toBe(0);
      expect(out.split('\n')[1], file).toBe(LINE);
      expect((await report(file)).input).toMatchObject(LACKS);
    }
    // A capture that lacks nothing says nothing of the kind.
    expect((await run('analyze', CAPTURE)).out).not.toContain('From a HAR');
    expect((await report(CAPTURE)).input).not.toHaveProperty('leftOut');
  });

  it('a count a hand or a tool spoilt is ignored, and the capture analysed as usual', async () => {
    await run('convert', HAR, at('spoilt.wxcc.json'));
    const text = await readFile(at('spoilt.wxcc.json'), 'utf8');
    for (const [name, count] of [
      ['negative', '-2'],
      ['huge', '1e400'],
      ['fraction', '2.5'],
      ['string', '"2"'],
    ]) {
      const file = at(`spoilt-${name}.wxcc.json`);
      await writeFile(file, text.replace('"leftOut":2', `"leftOut":${count}`));
      const { out, status, err } = await run('analyze', file);
      expect([status, err], name).toEqual([0, '']);
      expect(out, name).not.toContain('From a HAR');
      expect(out).toMatch(/: capture, 33 frames/);
    }
  });
});
