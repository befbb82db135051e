// The panel's side of capture reach (issue 11): how each socket was captured, the no-socket
// notice after 15 s on a desktop page, the rules a worker capture cannot run.
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import { frameCapture } from '../../../src/ui/capture-source';
import { PanelStore } from '../../../src/ui/panel-store';
import { SILENCE_MS, silenceSaid, silenceSeen } from '../../../src/ui/store/silence';
import { scenarioFrames } from '../../support/scenario-frames';
import { asWorkerFrames } from '../../support/worker-frames';
import { ManualScheduler } from './manual-scheduler';

function liveStore(frames: Frame[] = []) {
  const scheduler = new ManualScheduler();
  const store = new PanelStore(scheduler);
  store.events.frames(frames);
  scheduler.drain();
  return { store, scheduler };
}

const T0 = 1_700_000_000_000;
const navigation = (seq: number, t = T0): Frame => ({
  seq,
  t,
  socket: '',
  dir: 'meta',
  kind: 'navigation',
  data: 'https://desktop.wxcc-us1.cisco.com/',
  size: 0,
});
const workerMessage = (seq: number, t: number, url?: string): Frame => ({
  seq,
  t,
  socket: 'worker-1',
  channel: 'worker',
  dir: 'in',
  kind: 'text',
  data: '{"type":"ready"}',
  size: 16,
  ...(url ? { url } : {}),
});
const otherSocket = (seq: number, t: number): Frame => ({
  seq,
  t,
  socket: 'ws-1',
  dir: 'in',
  kind: 'open',
  url: 'wss://metrics.example.com/live',
  size: 0,
});

describe('capture source labels', () => {
  it('page, worker and cdp live; everything from a file is file', () => {
    expect(frameCapture({}, true)).toBe('page');
    expect(frameCapture({ channel: 'worker' }, true)).toBe('worker');
    expect(frameCapture({ source: 'cdp' }, true)).toBe('cdp');
    expect(frameCapture({ source: 'file' }, true)).toBe('file');
    expect(frameCapture({ source: 'cdp', channel: 'worker' }, false)).toBe('file');
  });

  it('the status bar says how the current socket was captured and in which document', () => {
    const direct = liveStore(scenarioFrames('inbound-hold-resume').map((f) => ({ ...f, frameUrl: 'https://d/' })));
    expect(direct.store.select.status.value).toMatchObject({ capture: 'page', frameUrl: 'https://d/' });
    const bridged = liveStore(asWorkerFrames(scenarioFrames('inbound-hold-resume')));
    expect(bridged.store.select.status.value.capture).toBe('worker');
    // Keepalives stay inside the worker: no "last frame … ago" clock for a bridged socket.
    expect(bridged.store.select.status.value.quietMs).toBeUndefined();
    const scheduler = new ManualScheduler();
    const file = new PanelStore(scheduler);
    file.loadFrames(scenarioFrames('inbound-hold-resume'));
    scheduler.drain();
    expect(file.select.status.value.capture).toBe('file');
  });

  it('names keepalive-gap as a rule a worker capture cannot run, and nothing for a direct socket', () => {
    const bridged = liveStore(asWorkerFrames(scenarioFrames('inbound-hold-resume')));
    expect(bridged.store.select.unavailableRules.value.map((u) => u.rule)).toEqual(['keepalive-gap']);
    expect(liveStore(scenarioFrames('inbound-hold-resume')).store.select.unavailableRules.value).toEqual([]);
  });
});

describe('no silence: the no-socket notice', () => {
  it('appears 15 s after the page loaded without a notification socket, with the workers and other sockets seen', () => {
    const { store } = liveStore([
      navigation(1),
      // Created at document_start: the page's clock stamped it before the hub stamped the load.
      workerMessage(2, T0 - 50, 'https://desktop/worker.js'),
      otherSocket(3, T0 - 20),
    ]);
    store.tick(T0 + SILENCE_MS - 1);
    expect(store.select.silence.value).toBeNull();
    store.tick(T0 + SILENCE_MS);
    const silence = store.select.silence.value!;
    expect(silence.forMs).toBe(SILENCE_MS);
    expect(silence.workers).toEqual([{ id: 'worker-1', url: 'https://desktop/worker.js', messages: 1 }]);
    expect(silence.otherSockets).toEqual([{ id: 'ws-1', url: 'wss://metrics.example.com/live' }]);
    // Its one line says what was seen in brief (the details list each).
    expect(silenceSeen(silence)).toBe('saw 1 worker (1 message) and 1 other socket');
    // Deep capture is offered only where the background says this build has it.
    expect(silence.deepCaptureOffered).toBe(false);
    store.events.deepCapture({ on: false });
    expect(store.select.silence.value!.deepCaptureOffered).toBe(true);
  });

  it('stays away once a notification socket is seen: direct, through a worker, or by deep capture', () => {
    const direct = scenarioFrames('inbound-hold-resume');
    const t0 = direct[0]!.t;
    for (const frames of [direct, asWorkerFrames(direct), direct.map((f) => ({ ...f, source: 'cdp' as const }))]) {
      const { store } = liveStore([navigation(0, t0 - 1), ...frames.map((f) => ({ ...f, seq: f.seq + 1 }))]);
      store.tick(t0 + 10 * SILENCE_MS);
      expect(store.select.silence.value).toBeNull();
    }
  });

  it('says nothing for a file, before any desktop document reported in, or after Clear until the next load', () => {
    const file = new PanelStore(new ManualScheduler());
    file.loadFrames([navigation(1), workerMessage(2, T0 + 100)]);
    file.now.value = T0 + 10 * SILENCE_MS;
    expect(file.select.silence.value).toBeNull();

    const empty = liveStore();
    empty.store.tick(Date.now() + 10 * SILENCE_MS);
    expect(empty.store.select.silence.value).toBeNull();

    const { store, scheduler } = liveStore([navigation(1)]);
    store.tick(T0 + SILENCE_MS);
    expect(store.select.silence.value).not.toBeNull();
    store.events.cleared(2);
    expect(store.select.silence.value).toBeNull();
    store.events.frames([navigation(2, T0 + SILENCE_MS)]);
    scheduler.drain();
    store.tick(T0 + 2 * SILENCE_MS);
    expect(store.select.silence.value).not.toBeNull();
  });
});

describe("the no-socket notice's one line", () => {
  it('counts what was seen: workers with their messages, other sockets, or nothing at all', () => {
    const worker = (id: string, messages: number) => ({ id, url: undefined, messages });
    const socket = (id: string) => ({ id, url: 'wss://metrics.example.com/live' });
    expect(silenceSeen({ workers: [], otherSockets: [] })).toBe('saw no worker and no WebSocket');
    expect(silenceSeen({ workers: [worker('worker-1', 12), worker('worker-2', 3)], otherSockets: [] })).toBe(
      'saw 2 workers (15 messages)',
    );
    expect(silenceSeen({ workers: [worker('worker-1', 0)], otherSockets: [] })).toBe('saw 1 worker (0 messages)');
    expect(silenceSeen({ workers: [], otherSockets: [socket('ws-1'), socket('ws-2')] })).toBe('saw 2 other sockets');
  });

  it('says in its live region what it means, no clock and no message count: the same words until a worker or socket is seen', () => {
    const worker = (id: string, messages: number) => ({ id, url: undefined, messages });
    const socket = (id: string) => ({ id, url: 'wss://metrics.example.com/live' });
    expect(silenceSaid({ workers: [], otherSockets: [] })).toBe(
      'No notification socket since this page loaded: saw no worker and no WebSocket.',
    );
    // Messages come and go: the words stay.
    const two = 'No notification socket since this page loaded: saw 2 workers.';
    expect(silenceSaid({ workers: [worker('worker-1', 12), worker('worker-2', 3)], otherSockets: [] })).toBe(two);
    expect(silenceSaid({ workers: [worker('worker-1', 40), worker('worker-2', 9)], otherSockets: [] })).toBe(two);
    // Another worker or socket is news.
    expect(silenceSaid({ workers: [worker('worker-1', 0)], otherSockets: [socket('ws-1')] })).toBe(
      'No notification socket since this page loaded: saw 1 worker and 1 other socket.',
    );
    expect(silenceSaid({ workers: [], otherSockets: [socket('ws-1'), socket('ws-2')] })).toBe(
      'No notification socket since this page loaded: saw 2 other sockets.',
    );
  });

  it('keeps its live region the same from second to second while the line under it counts them', () => {
    const { store } = liveStore([navigation(1), workerMessage(2, T0 + 100)]);
    store.tick(T0 + SILENCE_MS);
    const first = store.select.silence.value!;
    store.tick(T0 + SILENCE_MS + 1000);
    const next = store.select.silence.value!;
    expect(next.forMs - first.forMs).toBe(1000);
    expect(silenceSaid(next)).toBe(silenceSaid(first));
    expect(silenceSaid(next)).toBe('No notification socket since this page loaded: saw 1 worker.');
  });
});
