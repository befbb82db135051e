import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import { utf8Length } from '../../../src/frame/utf8';
import { writeCaptureFile } from '../../../src/io';
import { runCli } from './run-cli';

/* The CLI's small promises: its version, its words for a bad argument, ids as people type them, counts that add up. */

const F03 = 'test/fixtures/field-cases/f03-consult-leg-switch.har';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'wxcc-usage-'));
});

const text = (seq: number, data: string): Frame => ({
  seq,
  t: 1_767_603_600_000 + seq,
  socket: 'ws-1',
  dir: 'in',
  kind: 'text',
  size: utf8Length(data),
  data,
});

describe('wxcc-inspector usage', () => {
  it('--version prints the version of package.json', async () => {
    const { version } = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    expect(await runCli('--version')).toEqual({ status: 0, out: `wxcc-inspector ${version}\n`, err: '' });
    expect((await runCli('--help')).out).toContain('  wxcc-inspector --version\n');
  });

  it('a value starting with "-" after a space gets one line that says how to write it, for every command', async () => {
    expect(await runCli('replay', 'x.har', '--speed', '-1')).toEqual({
      status: 2,
      out: '',
      err: 'wxcc-inspector: --speed -1: a value starting with "-" is written --speed=-1 (see --help)\n',
    });
    expect((await runCli('replay', 'x.har', '--speed=-1')).err).toBe(
      'wxcc-inspector: --speed takes a positive number (see --help)\n',
    );
    expect((await runCli('analyze', 'x.har', '--interaction', '-a1')).err).toBe(
      'wxcc-inspector: --interaction -a1: a value starting with "-" is written --interaction=-a1 (see --help)\n',
    );
    expect((await runCli('replay', '--bogus')).err).toBe('wxcc-inspector: unknown option --bogus (see --help)\n');
    expect((await runCli('replay', '--port')).err).toBe('wxcc-inspector: --port needs a value (see --help)\n');
    // A switch written with a value: it takes none (not "needs a value").
    expect((await runCli('analyze', 'x.har', '--json=yes')).err).toBe(
      'wxcc-inspector: --json takes no value: write --json alone (see --help)\n',
    );
    expect((await runCli('replay', '--keep-times=no')).err).toBe(
      'wxcc-inspector: --keep-times takes no value: write --keep-times alone (see --help)\n',
    );
  });

  it('--interaction takes a UUID in either case; other ids match exactly', async () => {
    const lower = await runCli('analyze', F03, '--interaction', 'f0300000-0000-4000-8000-0000000000a3', '--json');
    const upper = await runCli('analyze', F03, '--interaction', 'F0300000-0000-4000-8000-0000000000A3', '--json');
    expect(upper.status).toBe(0);
    expect(upper.out).toBe(lower.out);
    expect(JSON.parse(upper.out).interactions.map((i: { interactionId: string }) => i.interactionId)).toEqual([
      'f0300000-0000-4000-8000-0000000000a3',
    ]);
    const event = JSON.stringify({
      type: 'RoutingMessage',
      data: { type: 'AgentOfferContact', interactionId: 'call-A1' },
    });
    const file = path.join(dir, 'not-uuid.wxcc.json');
    await writeFile(
      file,
      writeCaptureFile([text(1, event)], { createdAt: 0, source: { kind: 'file' }, redacted: false }),
    );
    expect((await runCli('analyze', file, '--interaction', 'call-A1')).status).toBe(0);
    expect(await runCli('analyze', file, '--interaction', 'CALL-a1')).toEqual({
      status: 2,
      out: '',
      err: `wxcc-inspector: ${file} has no interaction CALL-a1 (it has call-A1)\n`,
    });
  });

  it('frame counts add up: in + out + meta + HTTP = frames; a frame the reader added is said', async () => {
    const first = async (file: string) => (await runCli('analyze', file)).out.split('\n')[0];
    expect(await first('test/fixtures/captures/simulator-session.wxcc.json')).toBe(
      'test/fixtures/captures/simulator-session.wxcc.json: capture, 31 frames (27 in, 3 out, 1 meta; 4 keepalives, 23 events, 0 invalid JSON, 0 binary, 0 unrecognised, 0 gaps)',
    );
    expect(await first('test/fixtures/har/simulator-session.har')).toBe(
      'test/fixtures/har/simulator-session.har: har, 33 frames (26 in, 3 out, 0 meta, 4 HTTP; 4 keepalives, 23 events, 0 invalid JSON, 0 binary, 0 unrecognised, 0 gaps)',
    );
    // Two frames with one seq: renumbered, and the reader's notice says so (3 frames in the file, 4 read).
    const keepalive = '{"keepalive":"true"}';
    const file = path.join(dir, 'seq-twice.wxcc.json');
    await writeFile(
      file,
      writeCaptureFile([text(1, keepalive), text(2, keepalive), { ...text(2, '{}'), t: 1_767_603_600_003 }], {
        createdAt: 0,
        source: { kind: 'file' },
        redacted: false,
      }),
    );
    expect(await first(file)).toBe(
      `${file}: capture, 4 frames (3 in, 0 out, 1 meta; 2 keepalives, 0 events, 0 invalid JSON, 0 binary, 1 unrecognised, 0 gaps), 1 added by the reader (its notice of what it repaired or could not read)`,
    );
    const report = JSON.parse((await runCli('analyze', file, '--json')).out);
    expect(report.input).toEqual({ kind: 'capture', frames: 4, added: 1 });
    expect(report.frames).toMatchObject({ total: 4, in: 3, out: 0, meta: 1, http: 0 });
  });
});
