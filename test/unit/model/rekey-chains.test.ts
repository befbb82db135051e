import { describe, expect, it } from 'vitest';
import { AliasIndex } from '../../../src/model/aliases';
import type { Session } from '../../../src/model';
import { Flow, ID } from './flow';

/*
 * Re-keys and merges chain (protocol doc §5.1 check 11): every id an interaction ever had names
 * the interaction it belongs to now, and an event under any of them lands in its timeline.
 */

const seqOf = (flow: Flow) => flow.frames.at(-1)!.seq;

/** Each id → the key of the interaction `interaction(id)` returns. */
const resolved = (session: Session, ids: string[]) =>
  Object.fromEntries(ids.map((id) => [id, session.interaction(id)?.interactionId]));

const anomalyKeys = (session: Session) => session.anomalies.map((a) => [a.rule, a.seq, a.interactionId]);

/** A second delivery of the frame at `index`: same trackingId and eventTime, a little later. */
function redeliver(flow: Flow, index: number): void {
  const last = flow.frames.at(-1)!;
  flow.frames.push({ ...flow.frames[index]!, seq: last.seq + 1, t: last.t + 50 });
}

describe('a task re-keyed twice', () => {
  it('resolves the oldest and the middle id, and their later events and requests join the same timeline', () => {
    const flow = new Flow().event('AgentContactReserved', { interactionId: 'res-1' });
    const reserved = seqOf(flow);
    flow.event('AgentContactAssigned', { interactionId: 'camp-2', data: { reservationInteractionId: 'res-1' } });
    const first = seqOf(flow);
    flow.event('AgentContactAssigned', { interactionId: 'camp-3', data: { reservationInteractionId: 'camp-2' } });
    const second = seqOf(flow);
    flow.event('ContactUpdated', { interactionId: 'res-1' });
    const oldest = seqOf(flow);
    flow.event('ContactUpdated', { interactionId: 'camp-2' });
    const middle = seqOf(flow);
    // A request sent for the middle id, answered by an HTTP error: its anomaly is the task's.
    flow.request('http-1', 'POST', '/v1/tasks/camp-2/hold');
    const request = seqOf(flow);
    flow.response('http-1', 500);
    const session = flow.run();

    expect([...session.interactions.keys()]).toEqual(['camp-3']);
    const timeline = session.interactions.get('camp-3')!;
    expect(timeline.events.map((e) => [e.seq, e.name])).toEqual([
      [reserved, 'AgentContactReserved'],
      [first, 'AgentContactAssigned'],
      [second, 'AgentContactAssigned'],
      [oldest, 'ContactUpdated'],
      [middle, 'ContactUpdated'],
    ]);
    expect(resolved(session, ['res-1', 'camp-2', 'camp-3', 'other'])).toEqual({
      'res-1': 'camp-3',
      'camp-2': 'camp-3',
      'camp-3': 'camp-3',
      other: undefined,
    });
    expect(session.interaction('res-1')).toBe(timeline);
    expect([...session.aliasIds]).toEqual([
      ['res-1', 'camp-3'],
      ['camp-2', 'camp-3'],
    ]);
    // The snapshots' mainInteractionId is the flow's own id.
    expect([...timeline.relatedIds].sort()).toEqual(['camp-2', ID, 'res-1'].sort());
    expect(timeline.flags.state).toBe('connected');
    expect(timeline.flags.ended).toBe(false);
    expect(anomalyKeys(session)).toEqual([['request-http-error', request, 'camp-3']]);
    for (const id of ['res-1', 'camp-2', 'camp-3']) expect(session.anomaliesOf(id)).toEqual([session.anomalies[0]]);
    expect(session.requests.correlator.requests.map((r) => [r.interactionId, r.outcome])).toEqual([
      ['camp-2', 'http-error'],
    ]);
  });

  it('a second delivery under the old id after the re-key is still the same event delivered twice', () => {
    const flow = new Flow().event('AgentContactReserved', { interactionId: 'res-1' });
    const reserved = seqOf(flow);
    const index = flow.frames.length - 1;
    flow.event('AgentContactAssigned', { interactionId: 'camp-2', data: { reservationInteractionId: 'res-1' } });
    redeliver(flow, index);
    const again = seqOf(flow);
    const session = flow.run();
    const timeline = session.interactions.get('camp-2')!;
    expect([...session.interactions.keys()]).toEqual(['camp-2']);
    expect(timeline.events.at(-1)!.seq).toBe(again);
    expect(timeline.events.at(-1)!.marks).toEqual({ duplicateOf: reserved });
    expect(anomalyKeys(session)).toEqual([['duplicate-delivery', again, 'camp-2']]);
  });

  it('a reconnect before the re-key: the task is still awaited under its new key', () => {
    const flow = new Flow().event('AgentContactReserved', { interactionId: 'res-1' }).close().connect();
    const welcome = seqOf(flow);
    flow.event('AgentContactAssigned', { interactionId: 'camp-2', data: { reservationInteractionId: 'res-1' } });
    const assigned = seqOf(flow);
    const session = flow.run();
    expect(anomalyKeys(session)).toEqual([['reconnect-without-hydrate', assigned, 'camp-2']]);
    expect(session.anomalies[0]!.message).toBe(
      `After the reconnect (Welcome #${welcome}) this interaction's next event is AgentContactAssigned (#${assigned}), not an AgentContact snapshot.`,
    );
    expect(session.anomaliesOf('res-1')).toEqual(session.anomalies);
  });
});

describe('merges and re-keys in either order', () => {
  it('a child merged into an interaction that is re-keyed later follows it, and so do their events', () => {
    const flow = new Flow()
      .event('AgentContactReserved', { interactionId: 'res-A' })
      .event('AgentContactReserved', { interactionId: 'child-C' });
    const child = seqOf(flow);
    flow.event('ContactMerged', { interactionId: 'res-A', data: { childInteractionId: 'child-C' } });
    flow.event('AgentContactAssigned', { interactionId: 'camp-B', data: { reservationInteractionId: 'res-A' } });
    flow.event('ContactUpdated', { interactionId: 'child-C' });
    const underChild = seqOf(flow);
    flow.event('ContactUpdated', { interactionId: 'res-A' });
    const underOld = seqOf(flow);
    const session = flow.run();

    // No timeline is started for the middle id; the child keeps the timeline it had.
    expect([...session.interactions.keys()]).toEqual(['child-C', 'camp-B']);
    const main = session.interactions.get('camp-B')!;
    expect(resolved(session, ['res-A', 'child-C', 'camp-B'])).toEqual({
      'res-A': 'camp-B',
      'child-C': 'camp-B',
      'camp-B': 'camp-B',
    });
    expect(main.events.slice(-2).map((e) => e.seq)).toEqual([underChild, underOld]);
    expect(session.interactions.get('child-C')!.events.map((e) => e.seq)).toEqual([child]);
    expect([...session.aliasIds]).toEqual([
      ['res-A', 'camp-B'],
      ['child-C', 'camp-B'],
    ]);
    expect([...main.relatedIds].sort()).toEqual(['child-C', ID, 'res-A'].sort());
    expect(anomalyKeys(session)).toEqual([]);
  });

  it('an id re-keyed into a key that is merged later means the interaction it was merged into', () => {
    const flow = new Flow()
      .event('AgentContactReserved', { interactionId: 'main-P' })
      .event('AgentContactReserved', { interactionId: 'res-R' })
      .event('AgentContactAssigned', { interactionId: 'camp-K', data: { reservationInteractionId: 'res-R' } })
      .event('ContactMerged', { interactionId: 'main-P', data: { childInteractionId: 'camp-K' } });
    const merged = seqOf(flow);
    flow.event('ContactUpdated', { interactionId: 'res-R' });
    const underOldest = seqOf(flow);
    const session = flow.run();

    expect([...session.interactions.keys()]).toEqual(['main-P', 'camp-K']);
    expect(resolved(session, ['res-R', 'camp-K', 'main-P'])).toEqual({
      'res-R': 'main-P',
      'camp-K': 'main-P',
      'main-P': 'main-P',
    });
    const main = session.interactions.get('main-P')!;
    expect(main.events.map((e) => e.seq).slice(-2)).toEqual([merged, underOldest]);
    expect([...main.relatedIds].sort()).toEqual(['camp-K', ID, 'res-R'].sort());
    expect(session.interactions.get('camp-K')!.events).toHaveLength(2);
    expect(anomalyKeys(session)).toEqual([]);
  });

  it('a re-key to an id that already means an interaction moves nothing and makes no cycle', () => {
    const flow = new Flow()
      .event('AgentContactReserved', { interactionId: 'main-P' })
      .event('AgentContactReserved', { interactionId: 'child-C' })
      .event('ContactMerged', { interactionId: 'main-P', data: { childInteractionId: 'child-C' } })
      // The merged child's id "assigned" with the main id as its reservation: both mean main-P.
      .event('AgentContactAssigned', { interactionId: 'child-C', data: { reservationInteractionId: 'main-P' } })
      .event('ContactMerged', { interactionId: 'child-C', data: { childInteractionId: 'main-P' } });
    const session = flow.run();
    expect([...session.interactions.keys()]).toEqual(['main-P', 'child-C']);
    expect(resolved(session, ['main-P', 'child-C'])).toEqual({ 'main-P': 'main-P', 'child-C': 'main-P' });
    expect([...session.aliasIds]).toEqual([['child-C', 'main-P']]);
    expect(session.interactions.get('main-P')!.events.map((e) => e.name)).toEqual([
      'AgentContactReserved',
      'ContactMerged',
      'AgentContactAssigned',
      'ContactMerged',
    ]);
  });
});

describe('a request and its result under different ids of one interaction', () => {
  /** [operation, id as sent, outcome, resultSeq, latencyMs, belongsTo] of each request. */
  const rows = (session: Session) =>
    session.requests.correlator.requests.map((r) => [
      r.operation,
      r.interactionId,
      r.outcome,
      r.resultSeq,
      r.latencyMs,
      session.requestOwner(r)?.interactionId,
    ]);

  it('accepted under the reservation id, held under it after the re-key: both joined to results under the new key', () => {
    const flow = new Flow().event('AgentOfferCampaignReservation', { interactionId: 'res-1' });
    flow.request('http-1', 'POST', '/v1/tasks/res-1/accept', { after: 500 });
    flow.event('AgentContactAssigned', {
      interactionId: 'camp-2',
      data: { reservationInteractionId: 'res-1' },
      after: 300,
    });
    const assigned = seqOf(flow);
    // The desktop still knows the task by its reservation id.
    flow.request('http-2', 'POST', '/v1/tasks/res-1/hold', { body: { mediaResourceId: 'camp-2' }, after: 1000 });
    flow.event('AgentContactHeld', {
      interactionId: 'camp-2',
      edit: (s) => (s['media'][ID]['isHold'] = true),
      after: 200,
    });
    const held = seqOf(flow);
    const session = flow.run();
    expect(rows(session)).toEqual([
      ['accept', 'res-1', 'succeeded', assigned, 300, 'camp-2'],
      ['hold', 'res-1', 'succeeded', held, 200, 'camp-2'],
    ]);
    expect(session.requests.correlator.unsolicited).toEqual([]);
    expect(session.anomalies.filter((a) => a.rule.startsWith('request-'))).toEqual([]);
  });

  it('accepted under a reservation id whose offer the capture missed: the assignment naming it answers it', () => {
    const flow = new Flow().request('http-1', 'POST', '/v1/tasks/res-1/accept');
    flow.event('AgentContactAssigned', {
      interactionId: 'camp-2',
      data: { reservationInteractionId: 'res-1' },
      after: 400,
    });
    const assigned = seqOf(flow);
    const session = flow.run();
    expect(rows(session)).toEqual([['accept', 'res-1', 'succeeded', assigned, 400, 'camp-2']]);
    expect(session.requests.correlator.unsolicited).toEqual([]);
  });

  it('another interaction, or a merged child asked before its merge, is not answered by an event under the other key', () => {
    const flow = new Flow()
      .event('AgentContactAssigned', { interactionId: 'main-P' })
      .event('AgentContactAssigned', { interactionId: 'child-C' })
      .event('AgentContactAssigned', { interactionId: 'other-O' });
    flow.request('http-1', 'POST', '/v1/tasks/child-C/hold', { body: { mediaResourceId: 'child-C' } });
    flow.request('http-2', 'POST', '/v1/tasks/other-O/hold', { body: { mediaResourceId: 'other-O' } });
    flow.event('ContactMerged', { interactionId: 'main-P', data: { childInteractionId: 'child-C' } });
    // After the merge the child's id means main-P: a request under it is main-P's.
    flow.request('http-3', 'POST', '/v1/tasks/child-C/unhold', { body: { mediaResourceId: 'main-P' } });
    flow.event('AgentContactHeld', { interactionId: 'main-P', after: 100 });
    const held = seqOf(flow);
    flow.event('AgentContactUnheld', { interactionId: 'main-P', after: 100 });
    const unheld = seqOf(flow);
    const session = flow.run();
    expect(rows(session)).toEqual([
      ['hold', 'child-C', 'unresolved', undefined, undefined, 'child-C'],
      ['hold', 'other-O', 'unresolved', undefined, undefined, 'other-O'],
      ['unhold', 'child-C', 'succeeded', unheld, 200, 'main-P'],
    ]);
    expect(session.requests.correlator.unsolicited.map((u) => [u.seq, u.name])).toEqual([[held, 'AgentContactHeld']]);
  });
});

describe('the alias index', () => {
  it('follows re-keys and merges in any order and refuses a step that would close a cycle', () => {
    const aliases = new AliasIndex();
    aliases.rekey('r', 'c');
    aliases.merge('c', 'q');
    expect(aliases.resolve('r')).toBe('q');
    // Merged again, an alias moves alone: the first parent and what it means stay.
    aliases.merge('c', 'p');
    expect([...aliases.final]).toEqual([
      ['r', 'q'],
      ['c', 'p'],
    ]);
    const revision = aliases.revision;
    aliases.merge('p', 'c');
    aliases.merge('p', 'p');
    aliases.rekey('q', 'c');
    expect(aliases.revision).toBe(revision);
    expect(['r', 'c', 'p', 'q'].map((id) => aliases.resolve(id))).toEqual(['q', 'p', 'p', 'q']);
    // A key merged: every id that meant it follows; then the parent re-keyed: all of them follow.
    aliases.merge('q', 'p');
    aliases.rekey('p', 'n');
    expect(['r', 'c', 'p', 'q', 'n'].map((id) => aliases.resolve(id))).toEqual(['n', 'n', 'n', 'n', 'n']);
    aliases.merge('n', 'r');
    expect(aliases.resolve('n')).toBe('n');
    expect([...aliases.final]).toEqual([
      ['r', 'n'],
      ['c', 'n'],
      ['q', 'n'],
      ['p', 'n'],
    ]);
  });

  it('a task re-keyed 100,000 times and 100,000 merges in a row resolve in one read each, in linearithmic time', () => {
    const aliases = new AliasIndex();
    const started = performance.now();
    for (let i = 0; i < 100_000; i++) aliases.rekey(`k${i}`, `k${i + 1}`);
    for (let i = 0; i < 100_000; i++) aliases.merge(`m${i}`, `m${i + 1}`);
    expect(aliases.resolve('k0')).toBe('k100000');
    expect(aliases.resolve('m0')).toBe('m100000');
    aliases.merge('m100000', 'k3');
    expect(aliases.resolve('m0')).toBe('k100000');
    // Quadratic would be 10^10 steps; this is well under a second on the 2-core machine.
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
