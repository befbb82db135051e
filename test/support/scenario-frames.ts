import type { Frame } from '../../src/frame/frame';
import { hexPreview } from '../../src/frame/hex';
import { utf8Length } from '../../src/frame/utf8';
import { loadScenario, type Scenario } from '../sim/scenario';

export interface ScenarioFrameOptions {
  /** Epoch ms of the first frame. */
  start?: number;
  /** Keepalives both ways, as the desktop and the service send them; 0 for none. */
  keepaliveMs?: number;
}

/**
 * The frames a capture of the simulator playing `scenario` would hold (open, Welcome, the steps,
 * keepalives both ways, a drop as close + a new socket with a new Welcome), computed without a
 * browser: unit tests of the model and the CLI run on exactly what the e2e tests capture live.
 */
export function scenarioFrames(scenario: string | Scenario, options: ScenarioFrameOptions = {}): Frame[] {
  const script = typeof scenario === 'string' ? loadScenario(scenario) : scenario;
  const keepaliveMs = options.keepaliveMs ?? 4000;
  let t = options.start ?? 1_767_603_600_000;
  let socketNo = 0;
  let socket = '';
  let nextKeepalive = 0;
  const frames: Frame[] = [];
  const push = (frame: Omit<Frame, 'seq' | 'socket' | 't'>) =>
    frames.push({ seq: frames.length + 1, t, socket, ...frame });
  const text = (dir: 'in' | 'out', data: string) => push({ dir, kind: 'text', data, size: utf8Length(data) });
  const connect = () => {
    socket = `ws-${++socketNo}`;
    const url = `ws://127.0.0.1:8080/v1/notification/subscription/AgentDesktop-${socketNo}`;
    frames.push({ seq: frames.length + 1, t, socket, url, dir: 'in', kind: 'open', size: 0 });
    text('out', '{"keepalive":"true"}');
    t += 5;
    text('in', JSON.stringify({ type: 'Welcome', data: { agentId: script.agentId } }));
    nextKeepalive = t + keepaliveMs;
  };
  const advance = (ms: number) => {
    const until = t + ms;
    while (keepaliveMs > 0 && nextKeepalive <= until) {
      t = nextKeepalive;
      text('out', '{"keepalive":"true"}');
      text('in', '{"keepalive":"true"}');
      nextKeepalive += keepaliveMs;
    }
    t = until;
  };
  connect();
  for (const step of script.steps) {
    advance(step.delay);
    if (step.frame) text('in', JSON.stringify(step.frame));
    else if (step.raw !== undefined) text('in', step.raw);
    else if (step.binaryHex !== undefined) {
      const bytes = Uint8Array.from(step.binaryHex.match(/../g) ?? [], (h) => parseInt(h, 16));
      push({ dir: 'in', kind: 'binary', data: hexPreview(bytes), size: bytes.length });
    } else if (step.drop) {
      const code = step.drop.code ?? 1006;
      push({
        dir: 'in',
        kind: 'close',
        size: 0,
        close: { code, reason: step.drop.reason ?? '', wasClean: code !== 1006 },
      });
      advance(1000);
      connect();
    }
  }
  return frames;
}
