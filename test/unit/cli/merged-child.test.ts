import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { writeCaptureFile } from '../../../src/io';
import { ReportSchema } from '../../../src/model';
import { Flow, ID } from '../model/flow';
import { MERGE, mergeCase } from '../../support/merge-case';
import { runCli } from './run-cli';

async function capture(frames: ReturnType<typeof mergeCase>['frames']): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'wxcc-cli-merge-')), 'merge.wxcc.json');
  await writeFile(file, writeCaptureFile(frames, { createdAt: 0, source: { kind: 'file' }, redacted: false }));
  return file;
}

/** The lines of one interaction's block in the human report, from its header to the next blank line. */
function block(out: string, id: string): string[] {
  const lines = out.split('\n');
  const at = lines.findIndex((l) => l.startsWith(`Interaction ${id} `));
  expect(at).toBeGreaterThan(0);
  const end = lines.indexOf('', at);
  return lines.slice(at, end);
}

const requestSeqs = (lines: string[]) =>
  lines.flatMap((l) => l.match(/^ {2}\S+ +\S+ +#(\d+) +↑ /)?.[1] ?? []).map(Number);

describe('wxcc-inspector analyze: a ContactMerged child (as the panel reads it)', () => {
  it('the child keeps its own timeline, says where it went, and lists the requests sent under its ids before the merge; each request is listed once', async () => {
    const { frames, seq } = mergeCase();
    const file = await capture(frames);
    const { status, out, err } = await runCli('analyze', file);
    expect([status, err]).toEqual([0, '']);
    const child = block(out, MERGE.child);
    expect(child[0]).toContain(
      ` · merged into ${MERGE.parent} (ContactMerged #${seq['merged']}; its events since are there)`,
    );
    expect(child.filter((l) => /^ {2}\d/.test(l) && !l.includes('↑')).map((l) => l.match(/#(\d+)/)![1])).toEqual(
      [seq['childOffered'], seq['childAssigned'], seq['childHeld']].map(String),
    );
    expect(requestSeqs(child)).toEqual([seq['holdUnderOldId'], seq['holdUnderChild']]);
    expect(child.at(-1)).toBe(
      `  ERROR request-http-error: POST hold (#${seq['holdUnderOldId']}) for ${MERGE.reservation}: HTTP 409: task not found after 40 ms.`,
    );
    const parent = block(out, MERGE.parent);
    expect(parent[0]).not.toContain('merged into');
    expect(requestSeqs(parent)).toEqual([seq['unholdAfter']]);
    expect(parent.at(-1)).toBe('  no anomalies');

    const json = await runCli('analyze', file, '--json');
    const report = v.parse(ReportSchema, JSON.parse(json.out));
    expect(report.requests.map((r) => [r.seq, r.interactionId, r.belongsTo])).toEqual([
      [seq['holdUnderOldId'], MERGE.reservation, MERGE.child],
      [seq['holdUnderChild'], MERGE.child, MERGE.child],
      [seq['unholdAfter'], MERGE.child, MERGE.parent],
    ]);
    expect(report.interactions.map((i) => [i.interactionId, i.merged])).toEqual([
      [MERGE.parent, null],
      [MERGE.child, { seq: seq['merged'], t: frames.find((f) => f.seq === seq['merged'])!.t, into: MERGE.parent }],
    ]);
    expect(report.anomalies.map((a) => [a.rule, a.interactionId])).toEqual([['request-http-error', MERGE.child]]);

    // --interaction with the child's key: the child, as its row shows it.
    const only = v.parse(
      ReportSchema,
      JSON.parse((await runCli('analyze', file, '--json', '--interaction', MERGE.child)).out),
    );
    expect(only.interactions.map((i) => i.interactionId)).toEqual([MERGE.child]);
    expect(only.requests.map((r) => r.seq)).toEqual([seq['holdUnderOldId'], seq['holdUnderChild']]);
    expect(only.anomalies).toHaveLength(1);
    // …and with its first (reservation) id, re-keyed since: the same interaction.
    const byOldId = JSON.parse((await runCli('analyze', file, '--json', '--interaction', MERGE.reservation)).out);
    expect(byOldId.interactions.map((i: { interactionId: string }) => i.interactionId)).toEqual([MERGE.child]);
  });

  it('a request whose id never meant an interaction of the capture is listed on its own, not dropped', async () => {
    const flow = new Flow()
      .event('AgentContactReserved')
      .event('AgentContactAssigned')
      .request('http-1', 'POST', '/v1/tasks/elsewhere-1/hold', { body: { mediaResourceId: 'elsewhere-1' } })
      .response('http-1', 404, { body: '{"message":"no such task"}', after: 30 });
    const frames = flow.frames;
    const { out } = await runCli('analyze', await capture(frames));
    const lines = out.split('\n');
    const at = lines.indexOf('Requests for no interaction in this capture:');
    expect(at).toBeGreaterThan(lines.findIndex((l) => l.startsWith(`Interaction ${ID} `)));
    expect(lines[at + 1]).toMatch(
      /^ {2}\S+ +#5 +↑ POST hold +http-error: HTTP 404 after 30 ms · HTTP 404: no such task$/,
    );
    expect(block(out, ID).some((l) => l.includes('↑'))).toBe(false);
  });
});
