import type { Frame } from '../frame/frame';
import { Session } from '../model';
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
 * `sentUnder`: for those frames, the interaction id the captured request was sent under (not
 * always the frame's own: a campaign preview accepted under its reservation id, answered under its
 * new key): the app's request under that id releases the frame too.
 */
export function requestMatcherFor(
  resultSeqs?: ReadonlySet<number>,
  sentUnder?: ReadonlyMap<number, string>,
): RequestMatcher {
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
      return step.interactionId === call.interactionId || sentUnder?.get(step.seq) === call.interactionId;
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

/**
 * What the capture itself says about its REST calls, when it holds them (live captures with the
 * request tap, Chrome HARs): which frames answered a request (so exactly those wait in request
 * mode) and the HTTP status each call got (so the replay answers a call as the service did).
 * Undefined when the capture has no request frames.
 */
export interface CapturedRequests {
  readonly resultSeqs: ReadonlySet<number>;
  /** Result seq → the interaction id its request was sent under (not always the result's own). */
  readonly sentUnder: ReadonlyMap<number, string>;
  /** Per operation and interaction, the statuses the captured calls got, in order. */
  readonly statuses: Map<string, number[]>;
}

export function capturedRequests(frames: readonly Frame[]): CapturedRequests | undefined {
  if (!frames.some((f) => f.kind === 'request')) return undefined;
  const session = new Session();
  for (const frame of [...frames].sort((a, b) => a.seq - b.seq)) session.ingest(frame);
  session.finish();
  const resultSeqs = new Set<number>();
  const sentUnder = new Map<number, string>();
  const statuses = new Map<string, number[]>();
  for (const request of [...session.requests.resolved].sort((a, b) => a.seq - b.seq)) {
    if (request.resultSeq !== undefined) {
      resultSeqs.add(request.resultSeq);
      if (request.interactionId !== undefined) sentUnder.set(request.resultSeq, request.interactionId);
    }
    if (request.operation === undefined || request.status === undefined || request.status === 0) continue;
    const key = answerKey(request.operation, request.interactionId);
    statuses.set(key, [...(statuses.get(key) ?? []), request.status]);
  }
  return { resultSeqs, sentUnder, statuses };
}

/** The status to answer the app's call with: the next captured one for that call, else 202. */
export function answerStatus(captured: CapturedRequests | undefined, method: string, path: string): number {
  const call = classifyRequest(method, path);
  if (!captured || !call) return 202;
  const queue = captured.statuses.get(answerKey(call.operation.name, call.interactionId));
  return queue?.shift() ?? 202;
}

function answerKey(operation: string, interactionId: string | undefined): string {
  return `${operation} ${interactionId ?? ''}`;
}
