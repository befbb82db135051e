import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import { customerOf, Session, type TimelineEvent } from '../../../src/model';
import type { ReplicaEvent } from '../../../src/ui/analysis/lazy-events';
import { customerOfTimeline, holdsSnapshot } from '../../../src/ui/analysis/session-data';
import type { SessionDelta } from '../../../src/ui/analysis/session-delta';
import { SessionReplica } from '../../../src/ui/analysis/session-replica';
import { Flow } from '../model/flow';
import { clonedAnalyser } from '../../support/analyser-harness';

/*
 * The replica read while it is built: deltas applied one at a time, releases (the hub shedding
 * frames) between them, and reads of random events in between, as the panel reads (the selected
 * event, the rows on screen, a search). Whatever is read, whenever, must be what the `Session`
 * holds, and events that share a snapshot in the model must read one object, before and after.
 */

type Json = Record<string, unknown>;

/** Wire texts JSON.stringify can't write: a marker string the frames' text turns into `-0`. */
const NEGATIVE_ZERO = '"<-0>"';

const hostileValue = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.constantFrom(NEGATIVE_ZERO.slice(1, -1), '\ud800', 'a\udfffb', '𝄞\u202e', '', '\u0000', 'x'.repeat(70_000)),
  fc.integer(),
  fc.constant(null),
  fc.boolean(),
  fc.dictionary(fc.constantFrom('x', '__proto__', 'constructor', ''), fc.integer(), { maxKeys: 3 }),
);

interface Step {
  kind: 'event' | 'rekey' | 'merge' | 'takeover' | 'repeat' | 'keepalive';
  name: string;
  interaction: number;
  other: number;
  noSnapshot: boolean;
  edit: { where: 'top' | 'cpd' | 'participants'; key: string; value: unknown } | null;
  data: [string, unknown] | null;
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom('event', 'event', 'event', 'event', 'rekey', 'merge', 'takeover', 'repeat', 'keepalive'),
  name: fc.constantFrom(
    'AgentContactAssigned',
    'ContactUpdated',
    'AgentContactHeld',
    'AgentContactUnheld',
    'AgentWrapup',
  ),
  interaction: fc.integer({ min: 0, max: 2 }),
  other: fc.integer({ min: 0, max: 3 }),
  noSnapshot: fc.boolean(),
  edit: fc.option(
    fc.record({
      where: fc.constantFrom('top', 'cpd', 'participants'),
      key: fc.constantFrom('ani', 'displayAni', 'customerNumber', '__proto__', 'a', ''),
      value: fc.oneof(fc.constant(undefined), hostileValue),
    }),
    { freq: 2 },
  ),
  data: fc.option(fc.tuple(fc.constantFrom('extra', '__proto__', 'note'), hostileValue), { freq: 3 }),
});

function setOrDelete(target: Json, key: string, value: unknown): void {
  if (value === undefined) delete target[key];
  else Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Campaign keys: interaction k re-keyed becomes `campaign-k-n`. */
function flowFrames(steps: Step[]): Frame[] {
  const flow = new Flow();
  const ids = ['interaction-0', 'interaction-1', 'interaction-2', 'interaction-3'];
  let rekeys = 0;
  for (const step of steps) {
    const id = ids[step.interaction]!;
    const data: Json = {};
    if (step.data) setOrDelete(data, step.data[0], step.data[1]);
    const edit = step.edit;
    const editSnapshot = edit
      ? (snapshot: Json) => {
          const field = edit.where === 'cpd' ? 'callProcessingDetails' : edit.where;
          const parent = edit.where === 'top' ? snapshot : { ...((snapshot[field] as Json | undefined) ?? {}) };
          if (parent !== snapshot) snapshot[field] = parent;
          setOrDelete(parent, edit.key, edit.value);
        }
      : undefined;
    switch (step.kind) {
      case 'keepalive':
        flow.keepalive();
        break;
      case 'takeover':
        flow.agentFailure('AgentMultiLoginCloseSession', 'another login', 0);
        break;
      case 'repeat': {
        // A second delivery of the previous frame (same trackingId and eventTime).
        const last = flow.frames.at(-1)!;
        flow.frames.push({ ...last, seq: last.seq + 1, t: last.t + 5 });
        break;
      }
      case 'rekey': {
        const next = `campaign-${step.interaction}-${++rekeys}`;
        flow.event('AgentContactAssigned', {
          interactionId: next,
          noSnapshot: step.noSnapshot,
          edit: editSnapshot,
          data: { ...data, reservationInteractionId: id },
        });
        ids[step.interaction] = next;
        break;
      }
      case 'merge':
        flow.event('ContactMerged', {
          interactionId: id,
          noSnapshot: step.noSnapshot,
          edit: editSnapshot,
          data: { ...data, childInteractionId: ids[step.other] },
        });
        break;
      default:
        flow.event(step.name, { interactionId: id, noSnapshot: step.noSnapshot, edit: editSnapshot, data });
    }
  }
  return flow.frames.map((frame) =>
    frame.data?.includes(NEGATIVE_ZERO) ? { ...frame, data: frame.data.replaceAll(NEGATIVE_ZERO, '-0') } : frame,
  );
}

/** Releases the log makes: after frame `after` (an index), let go of events before seq `before`. */
interface Release {
  after: number;
  before: number;
}

/** The analysis as the worker runs it, its deltas in order (structured-cloned, as they cross). */
function deltasOf(frames: Frame[], chunk: number, releases: Release[]): { delta: SessionDelta; analysed: number }[] {
  const { received, send, run } = clonedAnalyser(7);
  const points = [...new Set(releases.map((r) => r.after))].sort((a, b) => a - b);
  for (let i = 0; i < frames.length; ) {
    const stop = points.find((p) => p > i) ?? Number.POSITIVE_INFINITY;
    const end = Math.min(frames.length, i + chunk, stop);
    send({ type: 'frames', generation: 0, frames: frames.slice(i, end) });
    for (const release of releases) if (release.after === end) send({ type: 'release', generation: 0, ...release });
    // Some slices run before the next frames come, some after: deltas split at many places.
    if ((end * 7) % 3 === 0) run();
    i = end;
  }
  send({ type: 'finish', generation: 0 });
  run();
  expect(received.filter((m) => m.type === 'error')).toEqual([]);
  return received.flatMap((m) => (m.type === 'delta' ? [{ delta: m.delta, analysed: m.analysed }] : []));
}

function sessionOf(frames: Frame[], releases: Release[]): Session {
  const session = new Session();
  frames.forEach((frame, i) => {
    session.ingest(frame);
    for (const release of releases) if (release.after === i + 1) session.releaseSnapshotsBefore(release.before);
  });
  session.finish();
  return session;
}

/** A small deterministic generator (the read order), from fast-check's seed. */
function random(seed: number): (n: number) => number {
  let state = seed >>> 0 || 1;
  return (n) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state % n;
  };
}

const readable = (event: TimelineEvent) => {
  const { seq, t, eventTime, name, info, data, changes, snapshot, hasSnapshot, flags, marks, released } = event;
  return { seq, t, eventTime, name, info, data, changes, snapshot, hasSnapshot, flags, marks, released };
};

/**
 * Builds the replica delta by delta, reading random events between deltas; checks every read
 * against the model without releases (what it held then), and at the end the whole replica
 * against the model with them, and that what was read stays the object the model would share.
 */
function expectReadsAsTheModel(frames: Frame[], chunk: number, releases: Release[], seed: number): void {
  const deltas = deltasOf(frames, chunk, releases);
  const full = sessionOf(frames, []);
  const session = sessionOf(frames, releases);
  const next = random(seed);
  const replica = new SessionReplica();
  const firstRead = new Map<ReplicaEvent, unknown>();
  // The model as far as each delta took it: the list's customers must be its customers then; and
  // without releases, what each read must find (a timeline by the key it had then).
  const now = new Session();
  const then = new Session();
  let ingested = 0;
  for (const { delta, analysed } of deltas) {
    replica.apply(delta);
    for (; ingested < analysed; ingested++) {
      now.ingest(frames[ingested]!);
      then.ingest(frames[ingested]!);
      for (const release of releases) if (release.after === ingested + 1) now.releaseSnapshotsBefore(release.before);
    }
    expect([...replica.interactions.keys()]).toEqual([...now.interactions.keys()]);
    for (const [id, timeline] of now.interactions)
      expect(customerOfTimeline(replica.interactions.get(id)!)).toBe(customerOf(timeline.snapshot));
    const timelines = [...replica.interactions.values()];
    for (let reads = next(6); reads > 0 && timelines.length > 0; reads--) {
      const timeline = timelines[next(timelines.length)]!;
      if (timeline.events.length === 0) continue;
      const index = next(timeline.events.length);
      const event = timeline.events[index]! as ReplicaEvent;
      // By key, as the model had it then; and the timeline it is now, by any id it had.
      const model = then.interactions.get(timeline.interactionId)!.events[index]!;
      expect(full.interaction(timeline.interactionId)).toBeDefined();
      expect(model.seq).toBe(event.seq);
      const what = next(3);
      if (what === 0) expect(event.changes).toStrictEqual(model.changes);
      else if (what === 1) expect(event.data).toStrictEqual(model.data);
      else {
        const snapshot = event.snapshot;
        expect(event.holdsSnapshot).toBe(snapshot !== undefined);
        if (snapshot === undefined) expect(event.released || model.snapshot === undefined).toBe(true);
        else {
          expect(snapshot).toStrictEqual(model.snapshot);
          if (!firstRead.has(event)) firstRead.set(event, snapshot);
        }
      }
    }
  }
  expect([...replica.interactions.keys()]).toEqual([...session.interactions.keys()]);
  for (const [id, timeline] of session.interactions) {
    const copy = replica.interactions.get(id)!;
    expect(customerOfTimeline(copy)).toBe(customerOf(timeline.snapshot));
    const order = Array.from({ length: timeline.events.length }, (_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = next(i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const i of order) {
      const [event, mine] = [timeline.events[i]!, copy.events[i]! as ReplicaEvent];
      expect(readable(mine)).toStrictEqual(readable(event));
      expect(holdsSnapshot(mine)).toBe(event.snapshot !== undefined);
      // The model's event keeps one object while it holds a snapshot: so does the replica's.
      if (mine.snapshot !== undefined && firstRead.has(mine)) expect(mine.snapshot).toBe(firstRead.get(mine));
    }
    for (let i = 1; i < timeline.events.length; i++) {
      const [a, b] = [timeline.events[i - 1]!, timeline.events[i]!];
      const [x, y] = [copy.events[i - 1]!, copy.events[i]!];
      expect(x.snapshot === y.snapshot).toBe(a.snapshot === b.snapshot);
    }
    expect(copy.snapshot).toStrictEqual(timeline.snapshot);
    expect(replica.anomaliesOf(id)).toStrictEqual(session.anomaliesOf(id));
    expect(copy.merged).toStrictEqual(timeline.merged);
  }
  for (const id of session.aliasIds.keys()) {
    // However many re-keys and merges it went through, an old id names an interaction.
    expect(session.interaction(id)).toBeDefined();
    expect(replica.interaction(id)?.interactionId).toBe(session.interaction(id)?.interactionId);
    // A key before a re-key names the timeline it had, never one it was merged into.
    expect(replica.timelineOf(id)?.interactionId).toBe(session.timelineOf(id)?.interactionId);
    expect(replica.anomaliesOf(id)).toStrictEqual(session.anomaliesOf(id));
  }
}

describe('the replica read while it is built, released and re-keyed', () => {
  it('reads as the model at every point, for random flows with hostile values, re-keys, merges and several releases', () => {
    fc.assert(
      fc.property(
        fc.array(stepArb, { minLength: 1, maxLength: 90 }),
        fc.integer({ min: 1, max: 25 }),
        // Per mille of the capture (fc.double leans on 0 and 1: releases of nothing or of all).
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 })), { maxLength: 4 }),
        fc.integer(),
        (steps, chunk, cuts, seed) => {
          const frames = flowFrames(steps);
          // Each release lets go before a seq the log already had, never behind an earlier one.
          let floor = frames[0]!.seq;
          const releases = cuts
            .map(([a, b]) => ({
              after: Math.max(1, Math.ceil((frames.length * Math.max(a, b)) / 1000)),
              at: Math.min(a, b) / 1000,
            }))
            .sort((x, y) => x.after - y.after)
            .map(({ after, at }) => {
              const before = Math.max(floor, frames[Math.min(after - 1, Math.floor((frames.length - 1) * at))]!.seq);
              floor = before;
              return { after, before };
            });
          expectReadsAsTheModel(frames, chunk, releases, seed);
        },
      ),
      { numRuns: 300 },
    );
  });
});

const update = (interaction: string, noSnapshot: boolean, value: number): Step => ({
  kind: 'event',
  name: 'ContactUpdated',
  interaction: Number(interaction.slice(-1)),
  other: 0,
  noSnapshot,
  edit: { where: 'cpd', key: 'a', value },
  data: null,
});

describe('the replica through the hub’s releases (directed cases the random flows found)', () => {
  it('keeps reading one object for an event still held whose state a released event set', () => {
    // #1 sets a state that #2-#4 share; the release takes #0-#2 (the first three frames are the
    // socket's open, its Welcome and #0), so #3 and #4 still hold #1's state.
    const frames = flowFrames([0, 1, 2, 3, 4, 5].map((i) => update('interaction-0', i >= 2 && i <= 4, i)));
    const [deltas] = [deltasOf(frames, frames.length, [])];
    const replica = new SessionReplica();
    for (const { delta } of deltas) replica.apply(delta);
    const events = replica.interactions.get('interaction-0')!.events;
    const shared = events[3]!.snapshot;
    expect(shared).toBe(events[2]!.snapshot);
    expect(replica.releaseSnapshotsBefore(events[3]!.seq)).toBe(3);
    const session = sessionOf(frames, [{ after: frames.length, before: events[3]!.seq }]);
    const model = session.interactions.get('interaction-0')!.events;
    expect(model.map((e) => e.released === true)).toEqual([true, true, true, false, false, false]);
    expect(events[3]!.snapshot).toBe(shared);
    expect(events[4]!.snapshot).toBe(shared);
    // Once none holds it any more, the released event's state goes (a read decodes it anew).
    expect(replica.releaseSnapshotsBefore(events[5]!.seq)).toBe(2);
    expect((events[1] as ReplicaEvent).memo).not.toBe(shared);
    expect(events[5]!.snapshot).toStrictEqual(model[5]!.snapshot);
  });

  it('lets go, at a later release, of the snapshot a release kept because it was the latest then', () => {
    // Interaction 0's one event is its latest at the first release, which lets go of nothing.
    // Two newer snapshots later, the next release takes it (it once stayed for good: one
    // snapshot per timeline per shed, over a shift), in the model and the replica alike.
    const frames = flowFrames([
      update('interaction-0', false, 0),
      update('interaction-1', false, 1),
      update('interaction-1', false, 2),
      update('interaction-0', false, 3),
      update('interaction-0', false, 4),
    ]);
    const first = frames.findIndex((f) => f.data?.includes('"value"') || f.data?.includes('ContactUpdated')) + 1;
    const releases = [
      { after: first + 2, before: frames[first]!.seq },
      { after: frames.length, before: frames.at(-1)!.seq },
    ];
    const session = sessionOf(frames, releases);
    expect(session.interactions.get('interaction-0')!.events.map((e) => e.released === true)).toEqual([
      true,
      true,
      false,
    ]);
    expectReadsAsTheModel(frames, 1, releases, 1);
    expectReadsAsTheModel(frames, frames.length, releases, 2);
  });

  it('holds only the latest snapshot before the cut however many sheds came before it', () => {
    // A release after every update: each timeline keeps its latest snapshot, nothing older.
    const steps = Array.from({ length: 40 }, (_, i) => update(`interaction-${i % 2}`, i % 5 === 4, i));
    const frames = flowFrames(steps);
    const releases = frames.map((f, i) => ({ after: i + 1, before: f.seq }));
    const session = sessionOf(frames, releases);
    for (const id of ['interaction-0', 'interaction-1']) {
      const timeline = session.interactions.get(id)!;
      const held = new Set(timeline.events.filter((e) => e.snapshot !== undefined).map((e) => e.snapshot));
      expect([...held]).toEqual([timeline.snapshot]);
      // Every event that does not share the latest was released (the last one or two share it).
      const kept = timeline.events.filter((e) => e.released !== true);
      expect(kept.length).toBeLessThanOrEqual(2);
      expect(kept.every((e) => e.snapshot === timeline.snapshot)).toBe(true);
    }
    expectReadsAsTheModel(frames, frames.length, releases, 4);
  });

  it('follows a child id merged into one interaction, then into another', () => {
    const merge = (into: number, child: number): Step => ({
      kind: 'merge',
      name: 'ContactMerged',
      interaction: into,
      other: child,
      noSnapshot: false,
      edit: null,
      data: null,
    });
    const frames = flowFrames([merge(0, 2), merge(1, 2), update('interaction-0', false, 1)]);
    const session = sessionOf(frames, []);
    expect(session.interaction('interaction-2')?.interactionId).toBe('interaction-1');
    const replica = new SessionReplica();
    for (const { delta } of deltasOf(frames, 1, [])) replica.apply(delta);
    expect(replica.interaction('interaction-2')?.interactionId).toBe('interaction-1');
    expectReadsAsTheModel(frames, 1, [], 3);
  });
});
