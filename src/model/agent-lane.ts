import type { DecodedEvent } from '../protocol';

/** One change of the agent's state (protocol doc §3.8). */
export interface AgentStateChange {
  seq: number;
  t: number;
  event: string;
  status: string | undefined;
  subStatus: string | undefined;
  reason: string | undefined;
  changedBy: string | undefined;
}

/** The agent this desktop belongs to, and its state over time. */
export interface AgentLane {
  agentId: string | undefined;
  states: AgentStateChange[];
}

/** Agent events that say which state the agent is in now. */
const AGENT_STATE_EVENTS = new Set([
  'AgentStateChange',
  'AgentStateChangeSuccess',
  'AgentStationLoginSuccess',
  'AgentLogoutSuccess',
  'AgentReloginSuccess',
  'AgentChannelReloginSuccess',
  'AgentChannelStateChanged',
]);

/** Session events (§1.7): another login took this session over; shown on the agent lane. */
export const SESSION_TAKEOVER_EVENTS: ReadonlySet<string> = new Set([
  'AGENT_MULTI_LOGIN',
  'AgentMultiLoginCloseSession',
]);

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export function createAgentLane(): AgentLane {
  return { agentId: undefined, states: [] };
}

/** Adds an agent event to the lane: the agent id when first known, a state change when it is one. */
export function addAgentEvent(lane: AgentLane, decoded: DecodedEvent, seq: number, t: number): void {
  const data = (decoded.data ?? {}) as Record<string, unknown>;
  const agentId = decoded.agentId ?? str(data['agentId']);
  if (agentId && !lane.agentId) lane.agentId = agentId;
  if (SESSION_TAKEOVER_EVENTS.has(decoded.name)) {
    lane.states.push({
      seq,
      t,
      event: decoded.name,
      status: 'Taken over',
      subStatus: 'multi-login',
      reason: undefined,
      changedBy: undefined,
    });
    return;
  }
  if (!AGENT_STATE_EVENTS.has(decoded.name)) return;
  lane.states.push({
    seq,
    t,
    event: decoded.name,
    status: str(data['status']),
    subStatus: str(data['subStatus']),
    reason: str(data['lastStateChangeReason']),
    changedBy: str(data['changedByName']) ?? str(data['changedBy']),
  });
}
