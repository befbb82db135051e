import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { writeCaptureFile } from '../../../src/io';
import { ReportSchema } from '../../../src/model';
import { Flow, ID } from '../model/flow';
import { runCli } from './run-cli';

async function capture(flow: Flow): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'wxcc-cli-req-')), 'requests.wxcc.json');
  await writeFile(file, writeCaptureFile(flow.frames, { createdAt: 0, source: { kind: 'file' }, redacted: false }));
  return file;
}

const flow = () =>
  new Flow()
    .event('AgentContactReserved')
    .event('AgentOfferContact', { data: { ronaTimeout: 30 } })
    .event('AgentContactAssigned')
    .request('http-1', 'POST', `/v1/tasks/${ID}/hold`, { body: { mediaResourceId: ID }, trackingId: 'tracking-1' })
    .response('http-1', 202, { after: 60 })
    .event('AgentContactHeld', {
      edit: (s) => (s['media'][ID]['isHold'] = true),
      after: 340,
      data: { trackingId: 'tracking-1' },
    })
    .request('http-2', 'PUT', '/v1/agents/session/state', { body: { state: 'Idle' } })
    .response('http-2', 500, { body: '{"message":"state service down"}', after: 80 });

describe('wxcc-inspector analyze: requests', () => {
  it("lists each request under its interaction, and the agent's own after the agent", async () => {
    const { status, out, err } = await runCli('analyze', await capture(flow()));
    expect(err).toBe('');
    expect(status).toBe(0);
    const lines = out.split('\n');
    const at = lines.indexOf('  Requests:');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toMatch(
      /^ {2}\d\d:\d\d:\d\d\.\d{3} +\+\d+\.\d{3}s +#\d+ +↑ POST hold +succeeded: AgentContactHeld #\d+ in 400 ms · HTTP 202 after 60 ms · trackingId confirmed$/,
    );
    const agent = lines.indexOf("  Agent's requests:");
    expect(agent).toBeGreaterThan(at);
    expect(lines[agent - 1]).toMatch(/^Agent /);
    expect(lines[agent + 1]).toMatch(
      /↑ PUT state-change +http-error: HTTP 500 after 80 ms · HTTP 500: state service down$/,
    );
    expect(out).toMatch(
      /^ERROR request-http-error: PUT state-change \(#\d+\): HTTP 500: state service down after 80 ms\.$/m,
    );
  });

  it('puts them in the --json report and fails on --fail-on error', async () => {
    const file = await capture(flow());
    const { out } = await runCli('analyze', file, '--json');
    const report = v.parse(ReportSchema, JSON.parse(out));
    expect(report.requests.map((r) => [r.operation, r.outcome, r.latencyMs, r.ackMs])).toEqual([
      ['hold', 'succeeded', 400, 60],
      ['state-change', 'http-error', null, 80],
    ]);
    expect((await runCli('analyze', file, '--fail-on', 'error')).status).toBe(1);
  });
});

describe('wxcc-inspector analyze: one interaction, and unsolicited results', () => {
  const OTHER = 'c0ffee00-0000-4000-8000-0000000000ff';
  const two = () =>
    flow()
      .request('http-3', 'POST', `/v1/tasks/${OTHER}/hold`, { body: { mediaResourceId: OTHER } })
      .response('http-3', 202)
      // Nobody captured asked for this one: a supervisor, another session.
      .event('AgentContactUnheld', { edit: (s) => (s['media'][ID]['isHold'] = false) });

  it('--json --interaction keeps only that interaction’s requests; unsolicited results are in the report', async () => {
    const file = await capture(two());
    const all = v.parse(ReportSchema, JSON.parse((await runCli('analyze', '--json', file)).out));
    expect(all.requests.map((r) => [r.operation, r.interactionId])).toEqual([
      ['hold', ID],
      ['state-change', null],
      ['hold', OTHER],
    ]);
    expect(all.unsolicited).toEqual([
      { seq: 13, t: all.unsolicited[0]!.t, name: 'AgentContactUnheld', interactionId: ID },
    ]);
    const one = v.parse(ReportSchema, JSON.parse((await runCli('analyze', '--json', '--interaction', ID, file)).out));
    expect(one.requests.map((r) => [r.operation, r.interactionId])).toEqual([['hold', ID]]);
    expect(one.unsolicited.map((u) => u.seq)).toEqual([13]);
  });

  it('the human output lists unsolicited results under their interaction, not as an alarm', async () => {
    const { out } = await runCli('analyze', await capture(two()));
    const lines = out.split('\n');
    const at = lines.indexOf('  Unsolicited results (another session, a supervisor, the backend; not an alarm):');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toMatch(
      /^ {2}\d\d:\d\d:\d\d\.\d{3} +\+\d+\.\d{3}s {2}#13 {4}↓ AgentContactUnheld \(no captured request asked for it\)$/,
    );
  });
});

describe('wxcc-inspector analyze: a campaign preview accepted under its reservation id', () => {
  const RESERVATION = 'c0ffee00-0000-4000-8000-0000000000a1';
  const KEY = 'c0ffee00-0000-4000-8000-0000000000b1';
  // The accept goes out under the reservation id; the assignment answers under the new key (§5.1 check 11).
  const campaign = () =>
    new Flow()
      .event('AgentOfferCampaignReservation', { interactionId: RESERVATION })
      .request('http-1', 'POST', `/v1/tasks/${RESERVATION}/campaign-preview-accept`, { after: 2000 })
      .response('http-1', 202, { after: 70 })
      .event('AgentContactAssigned', {
        interactionId: KEY,
        data: { reservationInteractionId: RESERVATION },
        after: 430,
      });

  it('lists the accept under the task with the assignment as its result, and nothing unsolicited', async () => {
    const file = await capture(campaign());
    const { out, err } = await runCli('analyze', file);
    expect(err).toBe('');
    const lines = out.split('\n');
    const at = lines.indexOf('  Requests:');
    expect(at).toBeGreaterThan(0);
    expect(lines[at - 1]).not.toMatch(/Unsolicited/);
    expect(lines[at + 1]).toMatch(
      /^ {2}\d\d:\d\d:\d\d\.\d{3} +\+\d+\.\d{3}s +#4 +↑ POST campaign-preview-accept +succeeded: AgentContactAssigned #6 in 500 ms · HTTP 202 after 70 ms$/,
    );
    expect(out).not.toMatch(/Unsolicited results/);
    const report = v.parse(ReportSchema, JSON.parse((await runCli('analyze', '--json', file)).out));
    expect(report.requests.map((r) => [r.interactionId, r.belongsTo, r.outcome, r.resultSeq, r.latencyMs])).toEqual([
      [RESERVATION, KEY, 'succeeded', 6, 500],
    ]);
    expect(report.unsolicited).toEqual([]);
  });
});
