import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import { readFramesFile, readHar } from '../../../src/io';
import { customerOf, Session, type InteractionTimeline, type TimelineEvent } from '../../../src/model';
import { Analyser, DELTA_MAX_FRAMES, type FromAnalyser } from '../../../src/ui/analysis/analyser';
import { customerOfTimeline, holdsSnapshot } from '../../../src/ui/analysis/session-data';
import { SessionReplica } from '../../../src/ui/analysis/session-replica';
import {
  DeltaProducer,
  encodeSnapshot,
  FRAME_INFO_TABLE_CHARS,
  FRAME_INFO_TABLE_SIZE,
  frameInfoKey,
  exactJson,
  type SnapshotCode,
  TextPack,
} from '../../../src/ui/analysis/session-delta';
import { decodeSnapshot } from '../../../src/ui/analysis/session-replica';
import { frameInfoOf, type FrameInfo } from '../../../src/ui/frame-info';
import { CHECKPOINT_EVERY, type ReplicaEvent } from '../../../src/ui/analysis/lazy-events';
import { mergeCase } from '../../support/merge-case';
import { scenarioFrames } from '../../support/scenario-frames';
import { Flow } from '../model/flow';
import { clonedAnalyser } from '../../support/analyser-harness';
import { asWorkerFrames } from '../../support/worker-frames';
import { takePayloads } from '../../../src/ui/payload-pack';

const FIXTURES = path.resolve(__dirname, '../../fixtures');

/**
 * Runs the analysis as the worker does (messages structured-cloned both ways, slices cut by a
 * clock that moves `msPerRead` per read, so a capture becomes many deltas) and returns the
 * replica the panel builds, with every message it received.
 */
function analyse(
  frames: Frame[],
  {
    msPerRead = 9,
    chunk = 1,
    finish = true,
    release = undefined as { after: number; before: number } | undefined,
    /** As the viewer's import: parts of `part` frames from the import worker, asked for `ask` at a time. */
    parts = undefined as { part: number; ask: number } | undefined,
  } = {},
) {
  const { received, send, part, run } = clonedAnalyser(msPerRead);
  if (parts) fromParts(frames, parts, send, part, run);
  for (let i = 0; i < (parts ? 0 : frames.length); ) {
    // A chunk never straddles the release point: the release comes right after frame `after`.
    const stop = release && i < release.after ? release.after : Number.POSITIVE_INFINITY;
    const end = Math.min(frames.length, i + chunk, stop);
    send({ type: 'frames', generation: 0, frames: frames.slice(i, end) });
    if (release && end === release.after) send({ type: 'release', generation: 0, before: release.before });
    i = end;
  }
  if (finish) send({ type: 'finish', generation: 0 });
  run();
  const replica = new SessionReplica();
  for (const message of received) if (message.type === 'delta') replica.apply(message.delta);
  return { replica, received };
}

/**
 * Feeds `frames` as a file's parts: the asks straddle the parts' ends, and every other ask (and
 * the last) comes before its part has, so the analysis waits for a part and goes on when it arrives.
 */
function fromParts(
  frames: Frame[],
  { part: size, ask }: { part: number; ask: number },
  send: ReturnType<typeof clonedAnalyser>['send'],
  part: ReturnType<typeof clonedAnalyser>['part'],
  run: () => void,
) {
  let sent = 0;
  const sendPart = () => {
    // Copies: packing takes the payloads out of the frames it packs.
    const next = frames.slice(sent, sent + size).map((frame) => ({ ...frame }));
    part(0, { frames: next, payloads: takePayloads(next) });
    sent += next.length;
  };
  for (let asked = 0, n = 0; asked < frames.length; n++) {
    const count = Math.min(ask, frames.length - asked);
    asked += count;
    if (n % 2 === 0 && asked < frames.length) while (sent < asked) sendPart();
    send({ type: 'file-frames', generation: 0, count });
    run();
    while (sent < asked) sendPart();
    run();
  }
}

function direct(frames: Frame[], finish = true, release?: { after: number; before: number }) {
  const session = new Session();
  /** The timeline each frame's event went into. */
  const placed = new Map<number, InteractionTimeline>();
  const infos = new Map(
    frames.map((frame, i) => {
      const info = [frame.seq, frameInfoOf(session.ingest(frame))] as const;
      if (session.placed) placed.set(frame.seq, session.placed);
      if (release && i + 1 === release.after) session.releaseSnapshotsBefore(release.before);
      return info;
    }),
  );
  if (finish) session.finish();
  return { session, infos, placed };
}

/** What the panel reads of an event, read through its getters (a replica's event materialises on read). */
function readable(event: TimelineEvent) {
  const { seq, t, eventTime, name, info, data, changes, snapshot, hasSnapshot, flags, marks, released } = event;
  return { seq, t, eventTime, name, info, data, changes, snapshot, hasSnapshot, flags, marks, released };
}

/** The replica reads as the session it copies: every field the panel reads, and the sharing. */
function expectSame(frames: Frame[], options?: Parameters<typeof analyse>[1]) {
  const { session, infos, placed } = direct(frames, options?.finish ?? true, options?.release);
  const { replica, received } = analyse(frames, options);
  expect(received.filter((m) => m.type === 'error')).toEqual([]);
  expect([...replica.interactions.keys()]).toEqual([...session.interactions.keys()]);
  for (const [id, timeline] of session.interactions) {
    const copy = replica.interactions.get(id)!;
    expect(copy.interactionId).toBe(timeline.interactionId);
    expect(copy.mediaType).toBe(timeline.mediaType);
    expect(copy.socket).toBe(timeline.socket);
    expect([...copy.relatedIds].sort()).toEqual([...timeline.relatedIds].sort());
    expect(copy.intervals).toEqual(timeline.intervals);
    expect(copy.flags).toEqual(timeline.flags);
    expect(customerOfTimeline(copy)).toBe(customerOf(timeline.snapshot));
    expect(copy.snapshot).toEqual(timeline.snapshot);
    expect(copy.events.map(readable)).toEqual(timeline.events.map(readable));
    for (let i = 0; i < timeline.events.length; i++) {
      const [a, b] = [timeline.events[i - 1], timeline.events[i]!];
      const [x, y] = [copy.events[i - 1], copy.events[i]!];
      expect(holdsSnapshot(y)).toBe(b.snapshot !== undefined);
      if (!a || !x) continue;
      // Identity is what the selectors key on: events that share a snapshot read one object.
      expect(x.snapshot === y.snapshot).toBe(a.snapshot === b.snapshot);
      expect(x.flags === y.flags).toBe(a.flags === b.flags);
    }
    const last = timeline.events.at(-1);
    if (last) expect(copy.events.at(-1)!.snapshot === copy.snapshot).toBe(last.snapshot === timeline.snapshot);
    expect(replica.anomaliesOf(id)).toEqual(session.anomaliesOf(id));
    expect(copy.merged).toEqual(timeline.merged);
  }
  for (const id of session.aliasIds.keys()) {
    expect(replica.interaction(id)?.interactionId).toBe(session.interaction(id)?.interactionId);
    expect(replica.timelineOf(id)?.interactionId).toBe(session.timelineOf(id)?.interactionId);
    expect(replica.anomaliesOf(id)).toEqual(session.anomaliesOf(id));
  }
  for (const request of session.requests.correlator.requests)
    expect(replica.requestOwner(request)?.interactionId).toBe(session.requestOwner(request)?.interactionId);
  expect(replica.anomalies).toEqual(session.anomalies);
  expect(replica.severityCounts).toEqual(session.severityCounts);
  expect(replica.agent).toEqual(session.agent);
  expect([...replica.sockets.values()]).toEqual([...session.sockets.values()]);
  expect(replica.latestSocket).toEqual(session.latestSocket);
  expect(replica.connections).toBe(session.connections);
  expect(replica.unavailableRules).toEqual(session.unavailableRules);
  expect([...replica.workers.values()]).toEqual([...session.workers.values()]);
  expect(replica.counters).toEqual(session.counters);
  expect(replica.requests.correlator.requests).toEqual(session.requests.correlator.requests);
  expect(replica.requests.correlator.revision).toBe(session.requests.correlator.revision);
  expect(replica.requests.correlator.unsolicited).toEqual(session.requests.correlator.unsolicited);
  expect(replica.requests.correlator.unsolicitedSeqs).toEqual(session.requests.correlator.unsolicitedSeqs);
  for (const [seq, request] of session.requests.correlator.byResultSeq)
    expect(replica.requests.correlator.byResultSeq.get(seq)?.id).toBe(request.id);
  expect(new Map([...replica.frameInfo].map(([seq, { timeline: _ref, ...info }]) => [seq, info]))).toEqual(infos);
  // Each event's frame leads to the timeline it went into, whatever its id means since.
  for (const seq of replica.frameInfo.keys())
    expect(replica.timelineOfFrame(seq)?.interactionId).toBe(placed.get(seq)?.interactionId);
  // Frames of the same event and interaction share one info (one object, one copy of the id).
  const byContent = new Map<string, FrameInfo>();
  for (const info of replica.frameInfo.values()) {
    const key = JSON.stringify([info.kind, info.name, info.category, info.interactionId, info.timeline]);
    expect(byContent.get(key) ?? info).toBe(info);
    byContent.set(key, info);
  }
  return { session, replica, received };
}

const SCENARIOS = readdirSync(path.join(FIXTURES, 'scenarios')).map((f) => f.replace(/\.json$/, ''));
const FIELD_CASES = readdirSync(path.join(FIXTURES, 'field-cases')).filter((f) => f.endsWith('.har'));

describe('the session replica (the panel thread’s copy of the worker’s model)', () => {
  it.each(SCENARIOS)('reads as the session for the %s scenario, delta by delta', (name) => {
    const { received } = expectSame(scenarioFrames(name));
    expect(received.length).toBeGreaterThan(3);
  });

  it.each(FIELD_CASES)('reads as the session for the field case %s', (file) => {
    const { frames } = readHar(JSON.parse(readFileSync(path.join(FIXTURES, 'field-cases', file), 'utf8')));
    expectSame(frames);
    expectSame(frames, { msPerRead: 0, chunk: 1000 }); // one delta
  });

  it('reads as the session for a merged child and requests whose interaction is decided late, in any slicing', () => {
    const claimed = new Flow()
      .request('http-1', 'POST', '/v1/tasks/late-1/hold', { body: { mediaResourceId: 'late-1' } })
      .response('http-1', 500, { after: 30 })
      .event('AgentContactReserved', { interactionId: 'main-P' })
      .request('http-2', 'POST', '/v1/tasks/ghost-G/hold', { body: { mediaResourceId: 'ghost-G' } })
      .response('http-2', 500, { after: 30 })
      .event('AgentContactReserved', { interactionId: 'late-1' })
      .event('ContactMerged', { interactionId: 'main-P', data: { childInteractionId: 'ghost-G' } })
      .event('AgentContactAssigned', { interactionId: 'main-K', data: { reservationInteractionId: 'main-P' } });
    for (const frames of [mergeCase().frames, claimed.frames]) {
      const { session } = expectSame(frames);
      expect(session.anomalies.length).toBeGreaterThan(0);
      expectSame(frames, { msPerRead: 0, chunk: 1000 }); // one delta
    }
  });

  it.each([
    { part: 7, ask: 3 },
    { part: 5, ask: 12 },
    { part: 64, ask: 1000 },
  ])("reads as the session for a file's frames from its parts (parts of $part, asked $ask at a time)", (parts) => {
    for (const frames of [scenarioFrames('consult-conference-wrapup'), mergeCase().frames]) {
      expectSame(frames, { parts });
      expectSame(frames, { parts, msPerRead: 0 });
      // Nothing sent after the last part: the analysis went on by itself when it came.
      expectSame(frames, { parts, finish: false });
    }
  });

  it('reads as the session for the simulator capture and for a socket seen through a worker', () => {
    const file = readFramesFile(readFileSync(path.join(FIXTURES, 'captures/simulator-session.wxcc.json'), 'utf8'));
    if (!file.ok) throw new Error(file.error);
    expectSame(file.frames);
    expectSame(asWorkerFrames(scenarioFrames('reconnect-hydrate')));
  });

  it('sends at most DELTA_MAX_FRAMES frames’ results per delta, however fast the worker runs', () => {
    const burst = scenarioFrames('consult-conference-wrapup', { keepaliveMs: 50 });
    const frames: Frame[] = [];
    while (frames.length < 3 * DELTA_MAX_FRAMES + 7) {
      for (const f of burst)
        if (frames.length < 3 * DELTA_MAX_FRAMES + 7) frames.push({ ...f, seq: frames.length + 1 });
    }
    // A clock that never moves: one slice would take every frame.
    const { received } = expectSame(frames, { msPerRead: 0, chunk: frames.length });
    const deltas = received.flatMap((m) => (m.type === 'delta' ? [m.delta] : []));
    expect(Math.max(...deltas.map((d) => d.frameSeqs.length))).toBe(DELTA_MAX_FRAMES);
    expect(deltas.flatMap((d) => d.frameSeqs)).toEqual(frames.map((f) => f.seq));
  });

  it('lets go of the same snapshots as the session when the log sheds, released before or after they were sent', () => {
    const frames = scenarioFrames('consult-conference-wrapup');
    const release = { after: Math.floor(frames.length * 0.8), before: frames[Math.floor(frames.length * 0.6)]!.seq };
    for (const options of [{ release }, { release, msPerRead: 0, chunk: 1000 }, { release, chunk: 5 }]) {
      const { session, replica } = expectSame(frames, options);
      const released = [...session.interactions.values()].flatMap((t) => t.events).filter((e) => e.released);
      expect(released.length).toBeGreaterThan(0);
      expect(replica.releaseSnapshotsBefore(release.before)).toBe(0);
    }
  });

  it('reads as the session before the end-of-capture checks (a live tab)', () => {
    expectSame(scenarioFrames('requests-hold-pause-state'), { finish: false });
  });

  it('codes a snapshot against the previous one and rebuilds it with the same sharing', () => {
    const shared = { a: 1 };
    const prev = { x: shared, y: { b: 2 }, gone: true };
    const next = { y: { b: 3 }, x: shared, added: [1, 2], ['__proto__']: 5 } as Record<string, unknown>;
    Object.defineProperty(next, '__proto__', { value: 5, enumerable: true });
    const rebuilt = decodeSnapshot(prev, structuredClone(encodeSnapshot(prev, next))) as Record<string, unknown>;
    expect(Object.keys(rebuilt)).toEqual(Object.keys(next));
    expect(rebuilt['x']).toBe(shared);
    expect(rebuilt['y']).toEqual({ b: 3 });
    expect(Object.hasOwn(rebuilt, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(rebuilt)).toBe(Object.prototype);
    expect(encodeSnapshot(prev, prev)).toBe(0);
  });

  it('sends an event’s code and data as UTF-8 JSON only when JSON keeps them exactly, and reads them back', () => {
    const prev = { a: { b: 1 }, c: 'x' };
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "d": "\\u202e\\ud800 é 𝄞"}') as object;
    const next = { a: { b: 2 }, c: hostile };
    const code = encodeSnapshot(prev, next);
    const pack = new TextPack();
    const texts = [JSON.stringify([code, { x: 'ü' }]), exactJson([0, { y: '\ud800' }])!, '[0,{}]'];
    const ends = texts.map((text) => pack.add(text));
    const bytes = pack.take();
    expect(ends.at(-1)).toBe(bytes.length);
    const read = (i: number) => new TextDecoder().decode(bytes.subarray(i ? ends[i - 1] : 0, ends[i]));
    expect(texts.map((_, i) => read(i))).toEqual(texts);
    const [back] = JSON.parse(read(0)) as [SnapshotCode];
    const rebuilt = decodeSnapshot(prev, back) as typeof next;
    expect(rebuilt).toStrictEqual(next);
    expect(Object.hasOwn(rebuilt.c, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(JSON.parse(read(1))[1].y).toBe('\ud800');
    // Taken, the pack starts afresh; a text larger than its buffer grows it.
    expect(pack.add('é'.repeat(50_000))).toBe(100_000);
    // What JSON would change is sent as it is, not as text.
    for (const value of [undefined, -0, Number.NaN, -Infinity, [1, undefined], new Map(), { when: new Date(0) }])
      expect(exactJson([encodeSnapshot(prev, { ...prev, c: value }), {}])).toBeUndefined();
    expect(exactJson([0, { when: undefined }])).toBeUndefined();
    // An own "" key is not the root: what it held before toJSON decides, as for any other key.
    expect(exactJson([0, { '': new Date(0) }])).toBeUndefined();
    expect(exactJson({ a: { '': new Date(0) } })).toBeUndefined();
    expect(exactJson([0, { '': -0 }])).toBeUndefined();
    expect(exactJson([0, { '': 'x' }])).toBe('[0,{"":"x"}]');
    // What JSON drops or cannot write at all (neither can a structured clone carry a function or
    // a symbol: the values here come from JSON.parse and the schema walker, which make neither).
    for (const value of [() => 1, Symbol('s'), 10n, Object.create({ inherited: 1 }), { toJSON: () => 1 }])
      expect(exactJson([0, { value }])).toBeUndefined();
    expect(exactJson([0, Object.assign(Object.create(null), { a: [1, 'b', null] })])).toBe('[0,{"a":[1,"b",null]}]');
    // Anything JSON.parse made comes back as JSON.stringify writes it, but for -0.
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const negativeZero = (v: unknown): boolean =>
          Object.is(v, -0) || (typeof v === 'object' && v !== null && Object.values(v).some(negativeZero));
        expect(exactJson(value)).toBe(negativeZero(value) ? undefined : JSON.stringify(value));
      }),
    );
    // Whatever the value, a text is one that parses back to it (-0 told from 0), or there is none.
    const same = (a: unknown, b: unknown): boolean => {
      if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
      if (Array.isArray(a) !== Array.isArray(b)) return false;
      if (Array.isArray(a) && a.length !== (b as unknown[]).length) return false;
      const keys = Object.keys(a);
      const other = b as Record<string, unknown>;
      return (
        keys.length === Object.keys(other).length &&
        keys.every((key) => Object.hasOwn(other, key) && same((a as Record<string, unknown>)[key], other[key]))
      );
    };
    const anything = fc.anything({
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withSparseArray: true,
      withTypedArray: true,
      key: fc.constantFrom('a', '__proto__', 'toJSON', '', 'constructor'),
    });
    fc.assert(
      fc.property(anything, (value) => {
        const text = exactJson(value);
        if (text !== undefined) expect(same(JSON.parse(text), value)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('drops the work of an older generation and starts afresh on reset, mid-capture', () => {
    const frames = scenarioFrames('inbound-hold-resume');
    const tasks: (() => void)[] = [];
    const received: FromAnalyser[] = [];
    const analyser = new Analyser(
      (m) => received.push(m),
      (cb) => tasks.push(cb),
      () => 0,
    );
    analyser.receive({ type: 'frames', generation: 0, frames });
    analyser.receive({ type: 'reset', generation: 1 });
    // Sent by the panel before it saw the reset's effect: belongs to nobody.
    analyser.receive({ type: 'frames', generation: 0, frames: frames.slice(0, 3) });
    analyser.receive({ type: 'frames', generation: 1, frames: frames.slice(0, 5) });
    while (tasks.length) tasks.shift()!();
    const deltas = received.filter((m) => m.type === 'delta');
    expect(deltas.every((m) => m.generation === 1)).toBe(true);
    expect(deltas.at(-1)!.analysed).toBe(5);
  });

  it('sends each alias write once, in the delta after it was made, and the replica applies them in order', () => {
    const session = new Session();
    const producer = new DeltaProducer(session);
    const replica = new SessionReplica();
    const flow = new Flow();
    let fed = 0;
    /** Feeds the frames the flow grew by, takes a delta and applies it: its alias writes. */
    const step = () => {
      for (const frame of flow.frames.slice(fed)) producer.noteFrame(frame, session.ingest(frame));
      fed = flow.frames.length;
      const delta = producer.take();
      replica.apply(delta);
      return delta.aliases;
    };
    flow.event('AgentOfferCampaignReservation', { interactionId: 'res-1' });
    flow.event('AgentContactAssigned', { interactionId: 'camp-1', data: { reservationInteractionId: 'res-1' } });
    expect(step()).toEqual([['rekey', 'res-1', 'camp-1']]);
    // Nothing re-keyed since: no alias crosses.
    flow.event('ContactUpdated', { interactionId: 'res-1' });
    expect(step()).toBeUndefined();
    flow.event('AgentOfferCampaignReservation', { interactionId: 'res-2' });
    flow.event('AgentContactAssigned', { interactionId: 'camp-2', data: { reservationInteractionId: 'res-2' } });
    expect(step()).toEqual([['rekey', 'res-2', 'camp-2']]);
    // A merge moves camp-1's group (res-1 with it) into camp-2's: one write, not the table again.
    flow.event('ContactMerged', { interactionId: 'camp-2', data: { childInteractionId: 'camp-1' } });
    flow.event('AgentContactAssigned', { interactionId: 'camp-3', data: { reservationInteractionId: 'camp-2' } });
    expect(step()).toEqual([
      ['merge', 'camp-1', 'camp-2'],
      ['rekey', 'camp-2', 'camp-3'],
    ]);
    expect([...session.aliasIds]).toEqual([
      ['res-1', 'camp-3'],
      ['camp-1', 'camp-3'],
      ['res-2', 'camp-3'],
      ['camp-2', 'camp-3'],
    ]);
    for (const id of ['res-1', 'camp-1', 'res-2', 'camp-2', 'camp-3'])
      expect(replica.interaction(id)?.interactionId, id).toBe('camp-3');
    // A producer started on a session that has aliases sends them once, as merges into their keys.
    const late = new DeltaProducer(session);
    const fresh = new SessionReplica();
    const first = late.take();
    expect(first.aliases).toEqual([...session.aliasIds].map(([id, key]) => ['merge', id, key]));
    fresh.apply(first);
    // An event under the oldest id: its timeline crosses, and every old id names it on the replica.
    flow.event('ContactUpdated', { interactionId: 'res-1' });
    for (const frame of flow.frames.slice(fed)) late.noteFrame(frame, session.ingest(frame));
    const next = late.take();
    expect(next.aliases).toBeUndefined();
    fresh.apply(next);
    for (const id of ['res-1', 'camp-1', 'res-2', 'camp-2', 'camp-3'])
      expect(fresh.interaction(id)?.interactionId, id).toBe('camp-3');
  });

  it('a delta carries only the sockets that counted a frame since the previous one; a late producer sends all', () => {
    const frame = (seq: number, socket: string): Frame => ({
      seq,
      t: 1_000 + seq,
      socket,
      dir: 'in',
      kind: 'text',
      data: '{"keepalive":"true"}',
      size: 20,
    });
    const session = new Session();
    const producer = new DeltaProducer(session);
    const sockets = (frames: Frame[]) => {
      for (const f of frames) producer.noteFrame(f, session.ingest(f));
      return producer.take().sockets.map((socket) => [socket.id, socket.frames]);
    };
    expect(sockets([frame(1, 'ws-b'), frame(2, 'ws-a'), frame(3, 'ws-b')])).toEqual([
      ['ws-b', 2],
      ['ws-a', 1],
    ]);
    expect(sockets([frame(4, 'ws-a')])).toEqual([['ws-a', 2]]);
    expect(sockets([])).toEqual([]);
    // An old socket before a new one, and the new one whose first frame is a close.
    expect(sockets([frame(5, 'ws-b'), { ...frame(6, 'ws-c'), kind: 'close', data: undefined }])).toEqual([
      ['ws-b', 3],
      ['ws-c', 1],
    ]);
    const late = new DeltaProducer(session);
    expect(late.take().sockets.map((socket) => socket.id)).toEqual(['ws-b', 'ws-a', 'ws-c']);
    expect(late.take().sockets).toEqual([]);
  });

  it('after a reset, the new generation’s deltas carry only the new session’s alias writes', () => {
    const campaign = (n: number) =>
      new Flow()
        .event('AgentOfferCampaignReservation', { interactionId: `res-${n}` })
        .event('AgentContactAssigned', { interactionId: `camp-${n}`, data: { reservationInteractionId: `res-${n}` } })
        .frames;
    const { received, send, run } = clonedAnalyser(0);
    send({ type: 'frames', generation: 0, frames: campaign(1) });
    run();
    send({ type: 'reset', generation: 1 });
    send({ type: 'frames', generation: 1, frames: campaign(2) });
    run();
    const writes = (generation: number) =>
      received.flatMap((m) => (m.type === 'delta' && m.generation === generation ? (m.delta.aliases ?? []) : []));
    expect(writes(0)).toEqual([['rekey', 'res-1', 'camp-1']]);
    expect(writes(1)).toEqual([['rekey', 'res-2', 'camp-2']]);
  });

  it('answers each part of a file once its last frame is taken, not when it arrives: its import worker then sends the next', () => {
    const frames = scenarioFrames('inbound-hold-resume').slice(0, 10);
    const pack = (from: Frame[]) => {
      const copies = from.map((frame) => ({ ...frame }));
      return { frames: copies, payloads: takePayloads(copies) };
    };
    const { analyser, part, send, run } = clonedAnalyser(0);
    const taken: number[] = [];
    analyser.onPartTaken = () => taken.push(taken.length + 1);
    part(0, pack(frames.slice(0, 4)));
    part(0, pack(frames.slice(4)));
    part(0, pack([]));
    // An empty part is answered at once; the others wait for the analysis.
    expect(taken).toEqual([1]);
    send({ type: 'file-frames', generation: 0, count: 3 });
    run();
    expect(taken).toEqual([1]);
    send({ type: 'file-frames', generation: 0, count: 1 });
    run();
    expect(taken).toEqual([1, 2]);
    send({ type: 'file-frames', generation: 0, count: 6 });
    run();
    expect(taken).toEqual([1, 2, 3]);
  });

  it("forgets a file's parts at a reset: an older file's parts, or a part that comes after it, are never analysed", () => {
    const frames = scenarioFrames('inbound-hold-resume');
    const pack = (from: Frame[]) => {
      const copies = from.map((frame) => ({ ...frame }));
      return { frames: copies, payloads: takePayloads(copies) };
    };
    const { received, send, part, run } = clonedAnalyser(0);
    part(0, pack(frames.slice(0, 5)));
    send({ type: 'file-frames', generation: 0, count: 8 });
    run();
    send({ type: 'reset', generation: 1 });
    // The rest of the older file's parts, arriving late.
    part(0, pack(frames.slice(5)));
    part(1, pack(frames.slice(0, 3)));
    send({ type: 'file-frames', generation: 1, count: 3 });
    run();
    const analysed = (generation: number) =>
      received.flatMap((m) => (m.type === 'delta' && m.generation === generation ? m.delta.frameSeqs : []));
    expect(analysed(0)).toEqual(frames.slice(0, 5).map((f) => f.seq));
    expect(analysed(1)).toEqual(frames.slice(0, 3).map((f) => f.seq));
    expect(received.filter((m) => m.type === 'error')).toEqual([]);
  });

  it('a part whose payloads do not fit its frames throws (the worker fails and the panel says so) rather than leaving the analysis waiting', () => {
    const frames = scenarioFrames('inbound-hold-resume').slice(0, 4);
    const { part } = clonedAnalyser(0);
    expect(() => part(0, { frames, payloads: { chunks: ['{}'], lengths: [2, 900, -1, -1] } })).toThrow(
      /beyond its chunks/,
    );
  });

  it('reports a frame the model throws on, with its seq, and goes on with the next', () => {
    const frames = scenarioFrames('inbound-hold-resume');
    const broken = { seq: 3, t: 0, socket: 'ws-1', dir: 'in', kind: 'text', data: 'x' } as Frame;
    Object.defineProperty(broken, 'data', {
      get() {
        throw new Error('unreadable');
      },
      enumerable: false,
    });
    const tasks: (() => void)[] = [];
    const received: FromAnalyser[] = [];
    const analyser = new Analyser(
      (m) => received.push(m),
      (cb) => tasks.push(cb),
      () => 0,
    );
    analyser.receive({ type: 'frames', generation: 0, frames: [...frames.slice(0, 2), broken, ...frames.slice(3)] });
    while (tasks.length) tasks.shift()!();
    const errors = received.filter((m) => m.type === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.type === 'error' && errors[0]!.message).toMatch(/frame #3: unreadable/);
    const last = received.filter((m) => m.type === 'delta').at(-1)!;
    expect(last.type === 'delta' && last.analysed).toBe(frames.length);
    // The two frames before it come first, so the panel shows the error after them.
    const before = received[received.indexOf(errors[0]!) - 1];
    expect(before?.type === 'delta' && before.analysed).toBe(2);
  });
});

describe('the frame info table (one object per event and interaction, numbered by the producer)', () => {
  it('keys two infos apart whatever characters the wire put in them', () => {
    const infos: FrameInfo[] = [
      // A hostile capture: an event name and an interaction id with a NUL in them.
      { kind: 'event', name: 'AgentContact\u0000hold', interactionId: 'x' },
      { kind: 'event', name: 'AgentContact', category: 'hold', interactionId: '\u0000x' },
      // An empty name or id is not an absent one.
      { kind: 'event', name: '', interactionId: '' },
      { kind: 'event' },
      { kind: 'event', name: 'a b', category: 'c' },
      { kind: 'event', name: 'a', category: 'b c' },
    ];
    // The same event and id placed in two timelines (before and after a merge), or in none.
    infos.push(
      { kind: 'event', name: 'ContactUpdated', interactionId: 'c', timeline: 1 },
      { kind: 'event', name: 'ContactUpdated', interactionId: 'c', timeline: 2 },
      { kind: 'event', name: 'ContactUpdated', interactionId: 'c' },
    );
    expect(new Set(infos.map(frameInfoKey)).size).toBe(infos.length);
    expect(frameInfoKey({ ...infos[1]! })).toBe(frameInfoKey(infos[1]!));
  });

  it('starts afresh at a delta boundary once full, and the replica follows', () => {
    // Every frame its own interaction: one new info per frame.
    const flow = new Flow();
    for (let i = 0; i < FRAME_INFO_TABLE_SIZE + 600; i++) flow.event('AgentContactHeld', { interactionId: `id-${i}` });
    const frames = flow.frames;
    const { replica, received } = analyse(frames, { chunk: 512, msPerRead: 0 });
    const deltas = received.flatMap((m) => (m.type === 'delta' ? [m.delta] : []));
    const resets = deltas.filter((d) => d.frameInfoReset);
    expect(resets).toHaveLength(1);
    // Each delta sends each new info once, and only a number per frame.
    for (const delta of deltas) expect(delta.frameInfos.every((id) => Number.isInteger(id))).toBe(true);
    const session = new Session();
    for (const frame of frames) {
      const info = frameInfoOf(session.ingest(frame));
      const { timeline: _ref, ...copy } = replica.frameInfo.get(frame.seq)!;
      expect(copy).toEqual(info);
      expect(replica.timelineOfFrame(frame.seq)?.interactionId).toBe(session.placed?.interactionId);
    }
  });
});

describe('the frame info table, bounded in characters', () => {
  it('starts afresh once its names fill FRAME_INFO_TABLE_CHARS, however few they are', () => {
    // A hostile capture: each frame names an event never seen before, in 64 Ki characters.
    const NAME = 1 << 16;
    const frames = new Flow().frames.slice(0, 1);
    for (let i = 0; i < 200; i++) {
      const name = `${i}`.padEnd(NAME, 'x');
      frames.push({
        ...frames[0]!,
        seq: i + 2,
        kind: 'text',
        data: JSON.stringify({ type: 'RoutingMessage', data: { type: name } }),
        size: NAME,
      });
    }
    const { replica, received } = analyse(frames);
    const deltas = received.flatMap((m) => (m.type === 'delta' ? [m.delta] : []));
    // What each side keeps between two resets: the names sent since the last one.
    let kept = 0;
    let most = 0;
    for (const delta of deltas) {
      if (delta.frameInfoReset) kept = 0;
      kept += delta.newFrameInfos.reduce((n, info) => n + (info.name?.length ?? 0), 0);
      most = Math.max(most, kept);
    }
    const perDelta = Math.max(...deltas.map((d) => d.newFrameInfos.length)) * NAME;
    expect(perDelta).toBeLessThan(FRAME_INFO_TABLE_CHARS / 4);
    expect(200 * NAME).toBeGreaterThan(2 * FRAME_INFO_TABLE_CHARS);
    expect(most).toBeLessThanOrEqual(FRAME_INFO_TABLE_CHARS + perDelta);
    const session = new Session();
    for (const frame of frames) expect(replica.frameInfo.get(frame.seq)).toEqual(frameInfoOf(session.ingest(frame)));
  });
});

/** One step of a random flow: an event of one of three interactions, its snapshot edited or not sent. */
const stepArb: fc.Arbitrary<Step> = fc.record({
  name: fc.constantFrom(
    'AgentContactAssigned',
    'ContactUpdated',
    'AgentContactHeld',
    'AgentContactUnheld',
    'ContactRecordingPaused',
    'ContactRecordingResumed',
    'AgentConsulting',
    'AgentWrapup',
  ),
  interaction: fc.integer({ min: 0, max: 2 }),
  noSnapshot: fc.boolean(),
  edit: fc.option(
    fc.record({
      where: fc.constantFrom('top', 'cpd', 'media', 'participants'),
      key: fc.constantFrom('a', 'b', 'isHold', 'queueId', '__proto__', 'ani'),
      value: fc.oneof(
        fc.constant(undefined),
        fc.string({ maxLength: 6 }),
        fc.boolean(),
        fc.array(fc.integer(), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom('x', 'y', 'z'), fc.integer(), { maxKeys: 3 }),
      ),
    }),
    { freq: 3 },
  ),
  keepalive: fc.boolean(),
});

type Json = Record<string, unknown>;
function setOrDelete(target: Json, key: string, value: unknown): void {
  if (value === undefined) delete target[key];
  else Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A step of `flowFrames`: `edit` sets (or, with undefined, deletes) one key of the snapshot. */
interface Step {
  name: string;
  interaction: number;
  noSnapshot: boolean;
  edit: { where: 'top' | 'cpd' | 'media' | 'participants'; key: string; value: unknown } | null;
  keepalive: boolean;
}

function flowFrames(steps: Step[]): Frame[] {
  const flow = new Flow();
  for (const step of steps) {
    const { edit } = step;
    flow.event(step.name, {
      interactionId: `interaction-${step.interaction}`,
      noSnapshot: step.noSnapshot,
      edit: edit
        ? (snapshot) => {
            const parent =
              edit.where === 'top'
                ? snapshot
                : ((snapshot[edit.where === 'cpd' ? 'callProcessingDetails' : edit.where] ??= {}) as Json);
            // Nested objects are copied first: the flow's earlier frames keep what they sent.
            const copy = parent === snapshot ? snapshot : { ...parent };
            if (copy !== snapshot) snapshot[edit.where === 'cpd' ? 'callProcessingDetails' : edit.where] = copy;
            setOrDelete(copy, edit.key, edit.value);
          }
        : undefined,
    });
    if (step.keepalive) flow.keepalive();
  }
  return flow.frames;
}

/** A deterministic shuffle (the read order), from fast-check's seed. */
function shuffled(length: number, seed: number): number[] {
  const order = Array.from({ length }, (_, i) => i);
  let state = seed >>> 0 || 1;
  for (let i = length - 1; i > 0; i--) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    const j = state % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

describe('the session replica’s lazy snapshots and changes', () => {
  it('read, in any order, as the eagerly built session for random flows (with and without a release)', () => {
    fc.assert(
      fc.property(
        fc.array(stepArb, { minLength: 1, maxLength: 140 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer(),
        fc.option(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))),
        (steps, chunk, seed, releaseAt) => {
          const frames = flowFrames(steps);
          const release = releaseAt
            ? {
                after: Math.max(1, Math.ceil(frames.length * Math.max(releaseAt[0], releaseAt[1]))),
                before: frames[Math.floor((frames.length - 1) * Math.min(releaseAt[0], releaseAt[1]))]!.seq,
              }
            : undefined;
          const { session } = direct(frames, true, release);
          const { replica } = analyse(frames, { chunk, msPerRead: 5, release });
          for (const [id, timeline] of session.interactions) {
            const copy = replica.interactions.get(id)!;
            expect(copy.snapshot).toEqual(timeline.snapshot);
            for (const i of shuffled(timeline.events.length, seed)) {
              const [event, mine] = [timeline.events[i]!, copy.events[i]!];
              // Changes first or snapshot first: either way round reads the same.
              if ((seed ^ i) & 1) expect(mine.changes).toStrictEqual(event.changes);
              expect(readable(mine)).toStrictEqual(readable(event));
              expect(holdsSnapshot(mine)).toBe(event.snapshot !== undefined);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('keeps each timeline’s latest snapshot through a release past its last event, as the model does', () => {
    const step = (interaction: number, noSnapshot: boolean, value: string) => ({
      name: 'ContactUpdated',
      interaction,
      noSnapshot,
      edit: { where: 'cpd' as const, key: 'a', value },
      keepalive: false,
    });
    // Interaction 0 ends on events without a snapshot (they share its latest), then 1 goes on.
    const frames = flowFrames([
      ...Array.from({ length: 40 }, (_, i) => step(0, i > 36, `a${i}`)),
      ...Array.from({ length: 5 }, (_, i) => step(1, false, `b${i}`)),
    ]);
    const release = { after: frames.length, before: frames.at(-1)!.seq };
    const { session } = direct(frames, true, release);
    const { replica } = analyse(frames, { chunk: 7, release });
    for (const [id, timeline] of session.interactions) {
      const copy = replica.interactions.get(id)!;
      expect(copy.events.map(readable).reverse()).toEqual(timeline.events.map(readable).reverse());
    }
    expect(session.interactions.get('interaction-0')!.events.filter((e) => e.released).length).toBe(36);
  });

  it('reads one object for an event still held whose snapshot was set by a released one', () => {
    const step = (noSnapshot: boolean, value: string): Step => ({
      name: 'ContactUpdated',
      interaction: 0,
      noSnapshot,
      edit: { where: 'cpd', key: 'a', value },
      keepalive: false,
    });
    // #10-#12 share #9's snapshot; #13 sets a newer one. The release takes #9 and #10, not #11.
    const frames = flowFrames(Array.from({ length: 14 }, (_, i) => step(i >= 10 && i <= 12, `v${i}`)));
    const eleventh = frames.find((f) => f.data?.includes('"trackingId":"tracking-'))!.seq + 11;
    const release = { after: frames.length, before: eleventh };
    const { replica, session } = expectSame(frames, { release, chunk: 3 });
    const held = replica.interactions.get('interaction-0')!.events;
    const model = session.interactions.get('interaction-0')!.events;
    expect(model.map((e) => e.released === true)).toEqual([...Array(11).fill(true), false, false, false]);
    expect(held[11]!.snapshot).toBeDefined();
    expect(held[11]!.snapshot).toBe(held[12]!.snapshot);
    expect(held[11]!.snapshot).toBe(held[11]!.snapshot);
  });

  it('materialises no snapshot nor field changes until they are read, then keeps what was read and checkpoints', () => {
    const frames = flowFrames(
      Array.from({ length: 400 }, (_, i) => ({
        name: 'ContactUpdated',
        interaction: i % 2,
        noSnapshot: i % 7 === 0,
        edit: { where: 'cpd' as const, key: `k${i % 5}`, value: `v${i}` },
        keepalive: false,
      })),
    );
    const { replica } = analyse(frames, { chunk: 16 });
    const timelines = [...replica.interactions.values()];
    const events = timelines.flatMap((t) => t.events as ReplicaEvent[]);
    const memos = () => events.filter((e) => typeof e.memo === 'object').length;
    expect(events.length).toBe(400);
    // Not even a timeline's latest: the list's row reads the customer the worker sent.
    expect(memos()).toBe(0);
    expect(timelines.map((t) => t.customer)).toEqual(
      timelines.map((t) => (t.events.length ? expect.any(String) : undefined)),
    );
    expect(memos()).toBe(0);
    // A read keeps what it read (one object per read) and a checkpoint every CHECKPOINT_EVERY
    // snapshots it decoded through; a second read near it decodes from there.
    const middle = events.filter((e) => e.holdsSnapshot).at(-20)!;
    expect(middle.snapshot).toBe(middle.snapshot);
    expect(middle.changes).toBe(middle.changes);
    const setting = events.filter((e) => e.seq <= middle.seq && e.code !== 0 && e.code !== undefined).length / 2;
    expect(memos()).toBeGreaterThanOrEqual(Math.floor(setting / CHECKPOINT_EVERY) - 1);
    expect(memos()).toBeLessThanOrEqual(Math.ceil(setting / CHECKPOINT_EVERY) + 2);
  });
});

describe('the replica says which interactions changed (takeInteractionChanges)', () => {
  it('lists the timelines each delta touched, new ones in order of first appearance, then forgets them', () => {
    const frames = scenarioFrames('consult-conference-wrapup');
    const { received } = analyse(frames);
    const deltas = received.flatMap((m) => (m.type === 'delta' ? [m.delta] : []));
    const replica = new SessionReplica();
    replica.apply(deltas[0]!);
    for (const delta of deltas.slice(1)) replica.apply(delta);
    const first = replica.takeInteractionChanges();
    expect(first.rebuild).toBe(false);
    expect([...first.changed]).toEqual([...replica.interactions.values()]);
    expect(replica.takeInteractionChanges().changed.size).toBe(0);
  });

  it('marks an interaction whose anomaly came without its events, and asks for a rebuild on a reorder', () => {
    const { received } = analyse(scenarioFrames('consult-conference-wrapup'));
    const deltas = received.flatMap((m) => (m.type === 'delta' ? [m.delta] : []));
    const replica = new SessionReplica();
    for (const delta of deltas) replica.apply(delta);
    replica.takeInteractionChanges();
    const [id, timeline] = [...replica.interactions][0]!;
    const last = deltas.at(-1)!;
    const anomaly = { rule: 'test-rule', severity: 'warn', interactionId: id, seq: 1, t: 0, message: 'x' };
    replica.apply({ ...last, timelines: [], anomalies: [anomaly as never], frameSeqs: [], frameInfos: [] });
    expect([...replica.takeInteractionChanges().changed]).toEqual([timeline]);
    replica.apply({
      ...last,
      timelines: [],
      anomalies: [],
      frameSeqs: [],
      frameInfos: [],
      order: [...replica.interactions.keys()].reverse(),
    });
    expect(replica.takeInteractionChanges().rebuild).toBe(true);
    expect(replica.takeInteractionChanges().rebuild).toBe(false);
  });
});
