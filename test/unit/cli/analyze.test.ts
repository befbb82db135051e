import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as v from 'valibot';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli';
import { writeCaptureFile } from '../../../src/io';
import { ReportSchema, type Report } from '../../../src/model';
import { scenarioFrames } from '../../support/scenario-frames';

const CAPTURE = 'test/fixtures/captures/simulator-session.wxcc.json';
const HAR = 'test/fixtures/har/simulator-session.har';
let dir: string;

const run = runCli;

async function scenarioCapture(name: string): Promise<string> {
  const file = path.join(dir, `${name}.wxcc.json`);
  await writeFile(
    file,
    writeCaptureFile(scenarioFrames(name), { createdAt: 0, source: { kind: 'file' }, redacted: false }),
  );
  return file;
}

const report = async (...argv: string[]): Promise<Report> =>
  v.parse(ReportSchema, JSON.parse((await run('analyze', ...argv, '--json')).out));

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'wxcc-cli-'));
});

describe('wxcc-inspector analyze', () => {
  it('prints a timeline per interaction with changes and flags, then agent and connections', async () => {
    const { status, out, err } = await run('analyze', await scenarioCapture('inbound-hold-resume'));
    expect(err).toBe('');
    expect(status).toBe(0);
    expect(out).toMatch(
      /^Interaction c0ffee00-0000-4000-8000-0000000000a1 · telephony · customer \+\d+ \(callProcessingDetails\.displayAni\) · 8 events$/m,
    );
    expect(out).toMatch(/AgentContactHeld +hold +\[hold, on hold \(…000000a1\), recording active\]/);
    expect(out).toMatch(/ContactEnded +end +\[wrapUp, recording off, wrap-up owed, ended \(ContactEnded\)\]/);
    expect(out).toContain('media.…000000a1.isHold false → true');
    expect(out).toContain('no anomalies');
    expect(out).toMatch(/^Agent a9e47000-0000-4000-8000-00000000000a: Available \(#\d+ [\d:.]+\) → Idle/m);
    expect(out).toMatch(/^Socket ws-1: ws:\/\/.+ · opened /m);
    expect(out).toMatch(/^Anomalies: 0 errors, 0 warnings, 0 info\./m);
  });

  it('--json prints exactly one report object of format v2 that validates against its schema', async () => {
    const { out, status } = await run('analyze', await scenarioCapture('inbound-hold-resume'), '--json');
    expect(status).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(1);
    const parsed = v.parse(ReportSchema, JSON.parse(out));
    expect(parsed).toMatchObject({ format: 'wxcc-inspector-report', version: 2, input: { kind: 'capture' } });
    const held = parsed.interactions[0]!.events.find((e) => e.type === 'AgentContactHeld')!;
    expect(held.changes).toContainEqual({
      path: 'media.c0ffee00-0000-4000-8000-0000000000a1.isHold',
      op: 'change',
      from: false,
      to: true,
    });
    expect(held.flags).toEqual({
      state: 'hold',
      onHold: true,
      heldLegs: ['c0ffee00-0000-4000-8000-0000000000a1'],
      customerLeg: 'c0ffee00-0000-4000-8000-0000000000a1',
      recording: 'active',
      consulting: false,
      conferencing: false,
      ended: false,
      wrapUp: false,
      endedBy: null,
      consulted: false,
    });
    expect(parsed.interactions[0]!.customer).toEqual({
      value: expect.stringMatching(/^\+\d+$/),
      source: 'callProcessingDetails.displayAni',
    });
  });

  it('--fail-on exits 1 when an anomaly or finding of that severity is present, 0 otherwise', async () => {
    const anomalies = await scenarioCapture('anomalies');
    expect((await run('analyze', anomalies, '--fail-on', 'warn')).status).toBe(1);
    expect((await run('analyze', anomalies, '--fail-on', 'error')).status).toBe(1);
    const clean = await scenarioCapture('recording-pause-resume');
    expect((await run('analyze', clean, '--fail-on', 'warn')).status).toBe(0);
    const r = await report(anomalies);
    expect(r.anomalies.map((a) => a.rule)).toEqual(
      expect.arrayContaining([
        'unheld-without-held',
        'held-while-held',
        'hold-flag-mismatch',
        'pause-while-paused',
        'unknown-event',
        'event-time-backwards',
        'event-after-end',
      ]),
    );
    expect(r.frames.invalidJson).toBe(1);
  });

  it('--interaction keeps one interaction, found by its id or a linked one', async () => {
    const anomalies = await scenarioCapture('anomalies');
    const one = await report(anomalies, '--interaction', 'c0ffee00-0000-4000-8000-0000000000ff');
    expect(one.interactions.map((i) => i.interactionId)).toEqual(['c0ffee00-0000-4000-8000-0000000000ff']);
    expect(one.anomalies.map((a) => a.rule)).toEqual(['first-event-not-creating']);
    const missing = await run('analyze', anomalies, '--interaction', 'nope');
    expect(missing.status).toBe(2);
    expect(missing.err).toMatch(/has no interaction nope/);
  });

  it('exits 2 with a one-line reason when the file cannot be used', async () => {
    const cases: [string, RegExp][] = [
      [path.join(dir, 'absent.json'), /cannot read .*: no such file/],
      [dir, /it is a directory/],
    ];
    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, '{"log": {"entries": [ oops');
    cases.push([bad, /not JSON/i]);
    const other = path.join(dir, 'other.json');
    await writeFile(other, '{"hello": "world"}');
    cases.push([other, /neither a wxcc-inspector capture .* nor a Chrome HAR/]);
    for (const [file, message] of cases) {
      const { status, err, out } = await run('analyze', file);
      expect(status, file).toBe(2);
      expect(out).toBe('');
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(err).toMatch(message);
    }
    expect((await run('analyze')).status).toBe(2);
    expect((await run('frobnicate', 'x')).err).toMatch(/unknown command "frobnicate"/);
    expect((await run('--help')).out).toMatch(/^wxcc-inspector: read Webex Contact Center/);
  });

  it('--help names the report version that --json prints', async () => {
    const { version } = await report(CAPTURE);
    expect((await run('--help')).out).toContain(`(format wxcc-inspector-report, version ${version})`);
  });

  it("a Chrome HAR analyses the same as the capture it came from (but for the capture's own seq numbering)", async () => {
    const fromCapture = await report(CAPTURE);
    const fromHar = await report(HAR);
    expect(fromHar.input.kind).toBe('har');
    expect(fromCapture.input.kind).toBe('capture');
    // Chrome's HAR has no open/close or page-load frames, so the same messages get other seqs.
    const noSeq = (text: string) => text.replace(/#\d+/g, '#');
    const comparable = (r: Report) => ({
      agent: r.agent.states.map(({ seq: _seq, ...s }) => s),
      sockets: r.sockets.map((s) => [s.id, s.url]),
      interactions: r.interactions.map((i) => ({
        ...i,
        events: i.events.map(({ seq: _seq, ...e }) => e),
        intervals: i.intervals.length,
      })),
      anomalies: r.anomalies.map((a) => [a.rule, a.severity, a.interactionId, noSeq(a.message)]),
      findings: r.findings.map((f) => [f.code, f.path, f.count]),
      events: r.frames.events,
      keepalive: r.frames.keepalive,
    });
    expect(comparable(fromHar)).toEqual(comparable(fromCapture));
    expect(fromCapture.interactions.length).toBeGreaterThan(0);
    expect(fromCapture.sockets.length).toBe(2);
  });
});

describe('the README', () => {
  it('lists every anomaly rule with its severity', async () => {
    const { readFile } = await import('node:fs/promises');
    const { ALL_RULES } = await import('../../../src/model');
    const readme = await readFile('README.md', 'utf8');
    for (const rule of ALL_RULES) expect(readme).toContain(`| \`${rule.id}\` | ${rule.severity} |`);
  });
});
