import { classifyRequest, RESULT_EVENT_NAMES, resultKind } from '../model/requests/operations';
import type { ReplayStep } from './plan';

/**
 * Request-driven replay: which captured frames wait for the app's request, and which request
 * releases which frame. The matching is the correlator's (protocol doc §7 and §10.9, the same
 * operation table as `src/model/requests/`): a task call's success or cancel event must name the
 * request's interaction; its failure event may name none (failure binds carry no interactionId).
 */
export interface RequestMatcher {
  /** Whether this step is a result the replay holds back until the app asks for it. */
  awaitsRequest(step: ReplayStep): boolean;
  /** Whether the request `method path` releases this step. */
  matches(step: ReplayStep, method: string, path: string): boolean;
  /** The operation name of a request (`hold`, `state-change`…), or undefined for other calls. */
  operationOf(method: string, path: string): string | undefined;
}

/**
 * `resultSeqs`: the seqs of the frames the capture's own requests were answered by (from the
 * correlator, when the capture holds the requests). Without them every frame whose event is some
 * operation's result waits, except those that also happen without anyone asking (a customer's
 * hang-up is `ContactEnded`, a conference member leaving is `ParticipantLeftConference`).
 */
export function requestMatcherFor(resultSeqs?: ReadonlySet<number>): RequestMatcher {
  const awaits = (step: ReplayStep): boolean => {
    if (step.kind !== 'frame' || step.eventName === undefined) return false;
    if (resultSeqs) return resultSeqs.has(step.seq);
    return RESULT_EVENT_NAMES.has(step.eventName) && !ALSO_UNSOLICITED.has(step.eventName);
  };
  return {
    awaitsRequest: awaits,
    matches(step, method, path) {
      if (!awaits(step) || step.kind !== 'frame' || step.eventName === undefined) return false;
      const call = classifyRequest(method, path);
      if (!call) return false;
      const kind = resultKind(call.operation, step.eventName);
      if (!kind) return false;
      if (call.operation.scope === 'agent') return true;
      if (kind === 'failure' && step.interactionId === undefined) return true;
      return step.interactionId === call.interactionId;
    },
    operationOf(method, path) {
      return classifyRequest(method, path)?.operation.name;
    },
  };
}

/** Result events that the service also sends on its own, so they never wait for a request. */
const ALSO_UNSOLICITED: ReadonlySet<string> = new Set([
  'ContactEnded',
  'ParticipantLeftConference',
  'AgentConsultEnded',
  'AgentContactAssigned',
  'AgentStateChangeSuccess',
  'AgentStationLoginSuccess',
  'AgentReloginSuccess',
  'AgentLogoutSuccess',
  'BuddyAgents',
]);
