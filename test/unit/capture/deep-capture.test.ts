import { describe, expect, it, vi } from 'vitest';
import { DeepCapture, describeAttachError, type DebuggerApi } from '../../../src/capture/background/deep-capture';
import type { DeepCaptureState } from '../../../src/capture/shared/messages';
import type { PageFrame } from '../../../src/capture/shared/page-chunk';

type EventListener = Parameters<DebuggerApi['onEvent']['addListener']>[0];
type DetachListener = Parameters<DebuggerApi['onDetach']['addListener']>[0];

function fakeDebugger(options: { attachError?: string } = {}) {
  let onEvent: EventListener = () => {};
  let onDetach: DetachListener = () => {};
  const commands: { sessionId?: string; method: string }[] = [];
  const api: DebuggerApi = {
    attach: async () => {
      if (options.attachError) throw new Error(options.attachError);
    },
    detach: async () => {},
    sendCommand: async (target, method) => {
      commands.push({ sessionId: target.sessionId, method });
      return {};
    },
    onEvent: { addListener: (l) => (onEvent = l) },
    onDetach: { addListener: (l) => (onDetach = l) },
  };
  return {
    api,
    commands,
    emit: (...args: Parameters<EventListener>) => onEvent(...args),
    detach: (...args: Parameters<DetachListener>) => onDetach(...args),
  };
}

function sink() {
  const frames: PageFrame[] = [];
  const notices: string[] = [];
  const states: DeepCaptureState[] = [];
  return {
    frames,
    notices,
    states,
    sink: {
      frames: (_tab: number, _doc: string, _url: string, f: PageFrame[]) => frames.push(...f),
      notice: (_tab: number, text: string) => notices.push(text),
      state: (_tab: number, state: DeepCaptureState) => states.push(state),
    },
  };
}

describe('deep capture (CDP Network.webSocket* → frames)', () => {
  it('attaches, enables Network in the tab and in every auto-attached worker, and records its sockets as cdp frames', async () => {
    vi.useFakeTimers();
    const fake = fakeDebugger();
    const out = sink();
    const deep = new DeepCapture(fake.api, out.sink, () => 1000);
    expect(await deep.start(7, 'https://desktop.example/')).toEqual({ on: true });
    expect(fake.commands.map((c) => c.method)).toEqual(['Network.enable', 'Target.setAutoAttach']);
    fake.emit({ tabId: 7 }, 'Target.attachedToTarget', {
      sessionId: 'S1',
      targetInfo: { url: 'https://desktop.example/w.js' },
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.commands.filter((c) => c.sessionId === 'S1').map((c) => c.method)).toEqual([
      'Network.enable',
      'Target.setAutoAttach',
      'Runtime.runIfWaitingForDebugger',
    ]);
    const ws = { tabId: 7, sessionId: 'S1' };
    // A token in the socket's URL is not recorded (house rule: no credentials).
    fake.emit(ws, 'Network.webSocketCreated', {
      requestId: 'r1',
      url: 'wss://x/v1/notification/subscription/a?access_token=SECRET-T',
    });
    fake.emit(ws, 'Network.webSocketHandshakeResponseReceived', { requestId: 'r1' });
    fake.emit(ws, 'Network.webSocketFrameReceived', {
      requestId: 'r1',
      response: { opcode: 1, payloadData: '{"type":"Welcome"}' },
    });
    fake.emit(ws, 'Network.webSocketFrameSent', {
      requestId: 'r1',
      response: { opcode: 1, payloadData: '{"keepalive":"true"}' },
    });
    fake.emit(ws, 'Network.webSocketFrameReceived', {
      requestId: 'r1',
      response: { opcode: 2, payloadData: 'AAEC/w==' },
    });
    fake.emit({ tabId: 7 }, 'Network.webSocketFrameReceived', {
      requestId: 'r1',
      response: { opcode: 1, payloadData: 'other' },
    });
    fake.emit(ws, 'Network.webSocketClosed', { requestId: 'r1' });
    fake.emit({ tabId: 8 }, 'Network.webSocketFrameReceived', {
      requestId: 'r9',
      response: { opcode: 1, payloadData: 'not ours' },
    });
    await vi.advanceTimersByTimeAsync(60);
    expect(out.frames.map((f) => [f.seq, f.socket, f.dir, f.kind, f.data, f.source])).toEqual([
      [1, 'cdp-1', 'in', 'open', undefined, 'cdp'],
      [2, 'cdp-1', 'in', 'text', '{"type":"Welcome"}', 'cdp'],
      [3, 'cdp-1', 'out', 'text', '{"keepalive":"true"}', 'cdp'],
      [4, 'cdp-1', 'in', 'binary', '00 01 02 ff', 'cdp'],
      // The same request id in another session is another socket.
      [5, 'cdp-2', 'in', 'text', 'other', 'cdp'],
      [6, 'cdp-1', 'in', 'close', undefined, 'cdp'],
    ]);
    expect(out.frames[0]).toMatchObject({
      url: 'wss://x/v1/notification/subscription/a?access_token=(removed)',
      frameUrl: 'https://desktop.example/w.js',
    });
    expect(out.frames[3]!.size).toBe(4);
    expect(out.frames[4]!.frameUrl).toBe('https://desktop.example/');
    expect(out.frames[5]!.close).toMatchObject({ code: 1005 });
    expect(out.notices[0]).toMatch(/^deep capture on/);
    await deep.stop(7);
    expect(out.states.at(-1)).toEqual({ on: false });
    expect(out.notices.at(-1)).toBe('deep capture off');
    vi.useRealTimers();
  });

  it('says why Chrome refused, in words, and reports a detach by the user', async () => {
    const blocked = sink();
    const refused = new DeepCapture(fakeDebugger({ attachError: 'Cannot access a chrome:// URL' }).api, blocked.sink);
    const state = await refused.start(1, 'chrome://settings');
    expect(state.on).toBe(false);
    expect(state.error).toMatch(/policy/);
    expect(describeAttachError(new Error('Another debugger is already attached to the tab with id: 3.'))).toMatch(
      /Another debugger/,
    );

    const fake = fakeDebugger();
    const out = sink();
    const deep = new DeepCapture(fake.api, out.sink);
    await deep.start(2, 'https://d/');
    fake.detach({ tabId: 2 }, 'canceled_by_user');
    expect(out.notices.at(-1)).toMatch(/cancelled in Chrome’s debugging bar/);
    expect(deep.state(2)).toEqual({ on: false });
  });
});
