import type { Frame } from '../../../src/frame/frame';
import { Flow } from './flow';

/** Between two state changes (ms): 20,000 of them make an 8-hour shift. */
const EVERY_MS = 1440;

const STATE_CYCLE: readonly [string, string][] = [
  ['Available', 'Available'],
  ['Idle', 'Lunch'],
  ['Available', 'Available'],
  ['Idle', 'Break'],
  ['RONA', 'RONA'],
];

/**
 * A long shift (the Agent entry's benchmark and e2e): one call, then `states` state changes,
 * every fifth one the result of a state-change request (PUT …/session/state and its 202).
 */
export function agentShiftFrames(states: number): Frame[] {
  const flow = new Flow().agentState('Available').event('AgentContactReserved').event('AgentContactAssigned');
  for (let i = 0; i < states; i++) {
    const [status, subStatus] = STATE_CYCLE[i % STATE_CYCLE.length]!;
    if (i % 5 === 0) {
      const id = `http-${i}`;
      flow
        .request(id, 'PUT', '/v1/agents/session/state', { body: { state: status, auxCodeIdName: subStatus } })
        .response(id, 202, { after: 60 })
        .agentState(status, subStatus, 300);
    } else flow.agentState(status, subStatus, EVERY_MS);
  }
  return flow.frames;
}
