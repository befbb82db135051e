import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import { readFramesFile, readHar } from '../../../src/io';
import { Session } from '../../../src/model';
import { Analyser, DELTA_MAX_FRAMES, type FromAnalyser, type ToAnalyser } from '../../../src/ui/analysis/analyser';
import { SessionReplica } from '../../../src/ui/analysis/session-replica';
import { DeltaProducer, encodeSnapshot } from '../../../src/ui/analysis/session-delta';
import { decodeSnapshot } from '../../../src/ui/analysis/session-replica';
import { frameInfoOf, type FrameInfo } from '../../../src/ui/frame-info';
import { scenarioFrames } from '../../support/scenario-frames';
import { asWorkerFrames } from '../../support/worker-frames';

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
  } = {},
) {
  const tasks: (() => void)[] = [];
  let time = 0;
  const received: FromAnalyser[] = [];
  const analyser = new Analyser(
    (message) => received.push(structuredClone(message)),
    (cb) => tasks.push(cb),
    () => (time += msPerRead),
  );
  const send = (message: ToAnalyser) => analyser.receive(structuredClone(message));
  for (let i = 0; i < frames.length; ) {
    // A chunk never straddles the release point: the release comes right after frame `after`.
    const stop = release && i < release.after ? release.after : Number.POSITIVE_INFINITY;
    const end = Math.min(frames.length, i + chunk, stop);
    send({ type: 'frames', generation: 0, frames: frames.slice(i, end) });
    if (release && end === release.after) send({ type: 'release', generation: 0, before: release.before });
    i = end;
  }
  if (finish) send({ type: 'finish', generation: 0 });
  while (tasks.length) tasks.shift()!();
  const replica = new SessionReplica();
  for (const message of received) if (message.type === 'delta') replica.apply(message.delta);
  return { replica, received };
}

function direct(frames: Frame[], finish = true, release?: { after: number; before: number }) {
  const session = new Session();
  const infos = new Map(
    frames.map((frame, i) => {
      const info = [frame.seq, frameInfoOf(session.ingest(frame))] as const;
      if (release && i + 1 === release.after) session.releaseSnapshotsBefore(release.before);
      return info;
    }),
  );
  if (finish) session.finish();
  return { session, infos };
}

/** The replica reads as the session it copies: every field the panel reads, and the sharing. */
function expectSame(frames: Frame[], options?: Parameters<typeof analyse>[1]) {
  const { session, infos } = direct(frames, options?.finish ?? true, options?.release);
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
    expect(copy.snapshot).toEqual(timeline.snapshot);
    expect(copy.events).toEqual(timeline.events);
    for (let i = 1; i < timeline.events.length; i++) {
      const [a, b] = [timeline.events[i - 1]!, timeline.events[i]!];
      const [x, y] = [copy.events[i - 1]!, copy.events[i]!];
      // Identity is what the selectors key on, and sharing is what keeps a long session small.
      expect(x.snapshot === y.snapshot).toBe(a.snapshot === b.snapshot);
      expect(x.flags === y.flags).toBe(a.flags === b.flags);
      if (a.snapshot && b.snapshot) {
        for (const key of Object.keys(b.snapshot) as (keyof typeof b.snapshot)[]) {
          if (typeof b.snapshot[key] === 'object' && b.snapshot[key] !== null)
            expect(y.snapshot![key] === x.snapshot![key]).toBe(b.snapshot[key] === a.snapshot[key]);
        }
      }
    }
    expect(replica.anomaliesOf(id)).toEqual(session.anomaliesOf(id));
  }
  for (const id of session.aliasIds.keys())
    expect(replica.interaction(id)?.interactionId).toBe(session.interaction(id)?.interactionId);
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
  expect(new Map(replica.frameInfo)).toEqual(infos);
  // Frames of the same event and interaction share one info (one object, one copy of the id).
  const byContent = new Map<string, FrameInfo>();
  for (const info of replica.frameInfo.values()) {
    const key = JSON.stringify([info.kind, info.name, info.category, info.interactionId]);
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

describe('the session replica’s shared frame infos', () => {
  it('shares an info only between frames of the same event and interaction, whatever characters the wire put in them', () => {
    const replica = new SessionReplica();
    const delta = new DeltaProducer(new Session()).take();
    // A hostile capture: an event name and an interaction id with a NUL in them.
    const first: FrameInfo = { kind: 'event', name: 'AgentContact\u0000hold', interactionId: 'x' };
    const second: FrameInfo = { kind: 'event', name: 'AgentContact', category: 'hold', interactionId: '\u0000x' };
    replica.apply({ ...delta, frameSeqs: [1, 2], frameInfos: [first, second] });
    expect(replica.frameInfo.get(1)).toEqual(first);
    expect(replica.frameInfo.get(2)).toEqual(second);
    // An empty name or id is not an absent one.
    const named: FrameInfo = { kind: 'event', name: '', interactionId: '' };
    const bare: FrameInfo = { kind: 'event' };
    replica.apply({ ...delta, frameSeqs: [3, 4], frameInfos: [named, bare] });
    expect(replica.frameInfo.get(3)).toStrictEqual(named);
    expect(replica.frameInfo.get(4)).toStrictEqual(bare);
  });
});
