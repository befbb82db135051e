import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import { Session } from '../../../src/model';
import { MERGE, mergeCase } from '../../support/merge-case';
import { Flow } from './flow';

/*
 * One resolution of ids (README "Re-keys and merges"): an id names the interaction it meant when
 * something happened under it. An event goes where its id means at its arrival; a request belongs
 * where its id meant when it was sent (else the first interaction its id comes to mean), and its
 * anomalies go with it; re-keys rename, a merge retires the child's ids from then on. The list,
 * the selection and the links name an interaction by its key, now or before a re-key.
 */

const run = (flow: Flow): Session => flow.run();
function sessionOf(frames: readonly Frame[]): Session {
  const session = new Session();
  for (const frame of frames) session.ingest(frame);
  session.finish();
  return session;
}
const seqOf = (flow: Flow) => flow.frames.at(-1)!.seq;
const owners = (session: Session) =>
  session.requests.correlator.requests.map((r) => [r.seq, session.requestOwner(r)?.interactionId]);

describe('a ContactMerged child', () => {
  it('keeps its own timeline, retired at the merge: its ids mean the parent after, its key names its own timeline', () => {
    const { frames, seq } = mergeCase();
    const s = sessionOf(frames);
    const child = s.interactions.get(MERGE.child)!;
    const parent = s.interactions.get(MERGE.parent)!;
    expect(child.merged).toEqual({
      seq: seq['merged'],
      t: frames.find((f) => f.seq === seq['merged'])!.t,
      into: MERGE.parent,
    });
    expect(parent.merged).toBeUndefined();
    expect(child.events.map((e) => e.seq)).toEqual([seq['childOffered'], seq['childAssigned'], seq['childHeld']]);
    // What the wire id means now (where a new event goes) against what a key names.
    expect([MERGE.reservation, MERGE.child, MERGE.parent].map((id) => s.interaction(id)?.interactionId)).toEqual([
      MERGE.parent,
      MERGE.parent,
      MERGE.parent,
    ]);
    expect([MERGE.reservation, MERGE.child, MERGE.parent].map((id) => s.timelineOf(id)?.interactionId)).toEqual([
      MERGE.child,
      MERGE.child,
      MERGE.parent,
    ]);
    expect(owners(s)).toEqual([
      [seq['holdUnderOldId'], MERGE.child],
      [seq['holdUnderChild'], MERGE.child],
      [seq['unholdAfter'], MERGE.parent],
    ]);
    expect(s.anomaliesOf(MERGE.reservation).map((a) => [a.rule, a.seq])).toEqual([
      ['request-http-error', seq['holdUnderOldId']],
    ]);
    expect(s.anomaliesOf(MERGE.parent)).toEqual([]);
    // Merged while held: it is no longer going on (the parent is).
    expect([...s.active].map((t) => t.interactionId)).toEqual([MERGE.parent]);
    // What was on under its own key stops at the merge, as its lanes are drawn.
    expect(child.intervals.map((i) => [i.kind, i.fromSeq, i.toSeq])).toEqual([
      ['recording-active', seq['childOffered'], seq['merged']],
      ['hold', seq['childHeld'], seq['merged']],
    ]);
  });

  it('is not awaited after a reconnect, and a takeover names only the interaction it goes on as', () => {
    const flow = new Flow()
      .event('AgentContactReserved', { interactionId: 'main-P' })
      .event('AgentContactAssigned', { interactionId: 'main-P' })
      .event('AgentContactReserved', { interactionId: 'child-C' })
      .event('AgentContactAssigned', { interactionId: 'child-C' })
      .event('ContactMerged', { interactionId: 'main-P', data: { childInteractionId: 'child-C' } })
      .close()
      .connect()
      .event('AgentContact', { interactionId: 'main-P' });
    const takeover = JSON.stringify({
      type: 'AGENT_MULTI_LOGIN',
      data: { type: 'AgentMultiLoginCloseSession', agentId: 'a', agentSessionId: 's-1' },
    });
    flow.frames.push({ ...flow.frames.at(-1)!, seq: seqOf(flow) + 1, data: takeover, size: takeover.length });
    const session = run(flow);
    expect(session.anomalies.map((a) => [a.rule, a.interactionId])).toEqual([['multi-login', 'main-P']]);
    expect(session.anomalies[0]!.message).toContain('while this interaction was active: main-P.');
  });

  it('merged after a reconnect, before its snapshot came: the snapshot owed is the parent’s', () => {
    const flow = new Flow()
      .event('AgentContactReserved', { interactionId: 'main-P' })
      .event('AgentContactReserved', { interactionId: 'child-C' })
      .close()
      .connect()
      .event('AgentContact', { interactionId: 'main-P' })
      .event('ContactMerged', { interactionId: 'main-P', data: { childInteractionId: 'child-C' } });
    expect(run(flow).anomalies.map((a) => a.rule)).toEqual([]);
    // Without the merge the child's snapshot is owed.
    flow.frames.pop();
    expect(run(flow).anomalies.map((a) => [a.rule, a.interactionId])).toEqual([
      ['reconnect-without-hydrate', 'child-C'],
    ]);
  });

  it('merged while its offer rang: no RONA is owed for it', () => {
    const flow = new Flow()
      .event('AgentContactReserved', { interactionId: 'main-P' })
      .event('AgentContactAssigned', { interactionId: 'main-P' })
      .event('AgentContactReserved', { interactionId: 'child-C' })
      .event('AgentOfferContact', { interactionId: 'child-C', data: { ronaTimeout: 10 } })
      .event('ContactMerged', { interactionId: 'main-P', data: { childInteractionId: 'child-C' } });
    for (let i = 0; i < 6; i++) flow.keepalive(4000);
    const session = run(flow);
    expect(session.interactions.get('child-C')!.flags.ronaDeadline).toBeDefined();
    expect(session.anomalies.map((a) => a.rule)).toEqual([]);
  });

  it('merged twice: it stays retired at the first merge, its id follows the second', () => {
    const flow = new Flow()
      .event('AgentContactReserved', { interactionId: 'p-1' })
      .event('AgentContactReserved', { interactionId: 'p-2' })
      .event('AgentContactReserved', { interactionId: 'c' })
      .event('ContactMerged', { interactionId: 'p-1', data: { childInteractionId: 'c' } });
    const first = seqOf(flow);
    flow.event('ContactMerged', { interactionId: 'p-2', data: { childInteractionId: 'c' } });
    const session = run(flow);
    expect(session.interactions.get('c')!.merged).toMatchObject({ seq: first, into: 'p-1' });
    expect(session.interaction('c')?.interactionId).toBe('p-2');
    expect(session.timelineOf('c')?.interactionId).toBe('c');
  });
});

describe('the interaction a request belongs to', () => {
  it('sent before its interaction’s first event: the interaction its id then comes to mean, its anomaly too', () => {
    const flow = new Flow().request('http-1', 'POST', '/v1/tasks/late-1/hold', { body: { mediaResourceId: 'late-1' } });
    const sent = seqOf(flow);
    flow.response('http-1', 500, { body: '{"message":"busy"}', after: 30 });
    expect(run(flow).anomalies.map((a) => a.interactionId)).toEqual(['late-1']);
    flow.event('AgentContactReserved', { interactionId: 'late-1' });
    const session = run(flow);
    expect(owners(session)).toEqual([[sent, 'late-1']]);
    expect(session.anomaliesOf('late-1').map((a) => a.rule)).toEqual(['request-http-error']);
  });

  it('sent for an id that is later merged as a child it never had a timeline of: the parent, its anomaly moved there', () => {
    const flow = new Flow()
      .event('AgentContactReserved', { interactionId: 'main-P' })
      .request('http-1', 'POST', '/v1/tasks/ghost-G/hold', { body: { mediaResourceId: 'ghost-G' } })
      .response('http-1', 500, { after: 30 });
    const sent = seqOf(flow) - 1;
    flow.event('ContactMerged', { interactionId: 'main-P', data: { childInteractionId: 'ghost-G' } });
    const session = run(flow);
    expect(owners(session)).toEqual([[sent, 'main-P']]);
    expect(session.anomalies.map((a) => [a.rule, a.interactionId])).toEqual([['request-http-error', 'main-P']]);
    expect(session.anomaliesOf('main-P')).toEqual(session.anomalies);
    expect(session.anomaliesOf('ghost-G')).toEqual([]);
  });

  it('sent under a campaign reservation whose offer the capture missed: the task it was re-keyed to', () => {
    const flow = new Flow().request('http-1', 'POST', '/v1/tasks/res-R/campaign-preview-accept');
    const sent = seqOf(flow);
    flow.response('http-1', 202, { after: 40 });
    flow.event('AgentContactAssigned', { interactionId: 'camp-K', data: { reservationInteractionId: 'res-R' } });
    const session = run(flow);
    expect(owners(session)).toEqual([[sent, 'camp-K']]);
    expect(session.interaction('res-R')?.interactionId).toBe('camp-K');
    expect([...session.aliasIds]).toEqual([['res-R', 'camp-K']]);
  });

  it('sent for an id only linked to another interaction (a consult’s parent): not that other one’s', () => {
    const flow = new Flow()
      .event('AgentContactReserved', { interactionId: 'consult-X', edit: (s) => (s['mainInteractionId'] = 'main-M') })
      .request('http-1', 'POST', '/v1/tasks/main-M/hold', { body: { mediaResourceId: 'main-M' } })
      .response('http-1', 202, { after: 40 });
    const session = run(flow);
    expect(session.interactions.get('consult-X')!.relatedIds.has('main-M')).toBe(true);
    expect(owners(session)).toEqual([[seqOf(flow) - 1, undefined]]);
  });
});
