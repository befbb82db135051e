import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import { Session } from '../../../src/model';
import { readWorkerMessage } from '../../../src/protocol';
import { scenarioFrames } from '../../support/scenario-frames';
import { asWorkerFrames } from '../../support/worker-frames';

const workerFrame = (data: unknown, dir: 'in' | 'out' = 'in'): Frame => {
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  return { seq: 1, t: 1, socket: 'worker-1', channel: 'worker', dir, kind: 'text', data: text, size: text.length };
};
const held = { type: 'RoutingMessage', data: { type: 'AgentContactHeld', interactionId: 'i-1' } };

function run(frames: Frame[]): Session {
  const session = new Session();
  for (const frame of frames) session.ingest(frame);
  session.finish();
  return session;
}

describe('bridge decoding (protocol doc §10.8)', () => {
  it('finds a notification as the message itself, as a JSON string, or nested down to depth 3', () => {
    const cases: [unknown, string][] = [
      [held, '(message)'],
      [JSON.stringify(held), '(message)'],
      [{ type: 'websocket_message_received', data: { message: JSON.stringify(held) } }, 'data.message'],
      [{ kind: 'relay', payload: { frame: { body: held } } }, 'payload.frame.body'],
      [{ a: [{ b: JSON.stringify({ type: 'Welcome', data: { agentId: 'x' } }) }] }, 'a[0].b'],
      [{ type: 'notify_message_received', data: { keepalive: 'true' } }, 'data'],
    ];
    for (const [message, path] of cases) {
      const reading = readWorkerMessage(workerFrame(message));
      expect(reading.items).toHaveLength(1);
      expect(reading.items[0]).toMatchObject({ kind: 'text', dir: 'in', path });
      expect(JSON.parse(reading.items[0]!.data!)).toBeTypeOf('object');
    }
  });

  it('ignores what is deeper than 3, not a notification, not JSON, or not text', () => {
    for (const message of [
      { a: { b: { c: { d: held } } } },
      { type: 'websocket_message_received', data: { note: 'hello' } },
      { type: 'X', data: 'not an object' },
      '{"type":"RoutingMessage","data":',
      [1, 2, 3],
    ]) {
      expect(readWorkerMessage(workerFrame(message)).items).toEqual([]);
    }
    expect(readWorkerMessage({ ...workerFrame(held), kind: 'open' }).items).toEqual([]);
    expect(readWorkerMessage({ ...workerFrame(held), data: 'not json' }).items).toEqual([]);
  });

  it('reads the worker protocol lifecycle, with close codes and connection states', () => {
    const opened = readWorkerMessage(workerFrame({ type: 'websocket_opened', data: { url: 'wss://x/y' } }));
    expect(opened).toMatchObject({ type: 'websocket_opened', items: [{ kind: 'open', url: 'wss://x/y' }] });
    const closed = readWorkerMessage(workerFrame({ type: 'websocket_closed', data: { code: 4000, reason: 'r' } }));
    expect(closed.items[0]).toMatchObject({ kind: 'close', close: { code: 4000, reason: 'r', wasClean: false } });
    const gone = readWorkerMessage(workerFrame({ messageType: 'websocket_definitely_closed' }));
    expect(gone.items[0]).toMatchObject({ kind: 'close', definitive: true, close: { code: 1006 } });
    const state = readWorkerMessage(workerFrame({ type: 'connection_state', data: { state: 'reconnecting' } }));
    expect(state.items[0]).toMatchObject({ kind: 'state', data: 'reconnecting' });
  });

  it('looks through a capture cut ($cut) and treats page → worker sends as outbound', () => {
    const cut = {
      $cut: { chars: 10, values: 0 },
      value: { type: 'websocket_send_message', data: { m: JSON.stringify(held) } },
    };
    expect(readWorkerMessage(workerFrame(cut, 'out')).items[0]).toMatchObject({ kind: 'text', dir: 'out' });
  });

  it('never throws on hostile input', () => {
    const deep = `${'{"inner":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    for (const data of [deep, '"\\u0000"', 'null', '1e999', '{"type":{"toString":1}}', '\u2028']) {
      expect(() => readWorkerMessage(workerFrame(data))).not.toThrow();
    }
  });
});

describe('a socket seen through its worker', () => {
  it('gives the same interactions, events and anomalies as the same socket seen directly, except the keepalive rule', () => {
    const direct = scenarioFrames('reconnect-hydrate', { keepaliveMs: 4000 });
    const bridged = asWorkerFrames(direct);
    const a = run(direct);
    const b = run(bridged);
    const summary = (s: Session) =>
      [...s.interactions.values()].map((i) => ({
        id: i.interactionId,
        events: i.events.map((e) => e.name),
        flags: i.flags,
      }));
    expect(summary(b)).toEqual(summary(a));
    const rules = (s: Session) =>
      s.anomalies.filter((x) => x.rule !== 'keepalive-gap').map((x) => `${x.rule}/${x.severity}`);
    expect(rules(b)).toEqual(rules(a));
    expect(b.anomalies.some((x) => x.rule === 'keepalive-gap')).toBe(false);
    expect(b.connections).toBe(a.connections);
    expect([...b.sockets.values()].map((s) => [s.id, s.capture])).toEqual([
      ['worker-1/ws-1', 'worker'],
      ['worker-1/ws-2', 'worker'],
    ]);
    expect([...a.sockets.values()].every((s) => s.capture === 'page')).toBe(true);
    expect(b.unavailableRules.map((r) => r.rule)).toEqual(['keepalive-gap']);
    expect(a.unavailableRules).toEqual([]);
    const worker = b.workers.get('worker-1')!;
    expect(worker).toMatchObject({ url: 'http://127.0.0.1:8080/desktop-worker.js', socket: 'worker-1/ws-2' });
    expect(worker.bridged).toBe(bridged.length - 1);
  });

  it('treats a second Welcome without an open as a new connection', () => {
    const welcome = { type: 'Welcome', data: { agentId: 'a' } };
    const frames = [welcome, held, welcome].map((m, i) => ({
      ...workerFrame({ type: 'x', data: { m: JSON.stringify(m) } }),
      seq: i + 1,
    }));
    const session = run(frames);
    expect([...session.sockets.keys()]).toEqual(['worker-1/ws-1', 'worker-1/ws-2']);
    expect(session.connections).toBe(2);
  });
});
