// A mock of the WxCC task and agent REST API (protocol doc §7): each call is answered with an
// HTTP status (202 by default, no body), and its result then arrives on the notification socket
// the way the real backend sends it: the success event with the interaction's updated snapshot,
// the failure event (no interactionId, as §10.9's failure binds), or nothing at all. What each
// operation does is scenario-controlled (`api` in a scenario file, or `sim.api(op, answer)`).
import { randomUUID } from 'node:crypto';
import * as v from 'valibot';

/** The simulated desktop's bearer token: the inspector must never record it (e2e checks). */
export const SIM_AUTH_TOKEN = 'sim-secret-bearer-5f2b9c1e-aaaa-4bbb-8ccc-0123456789ab';

export const ApiAnswerSchema = v.strictObject({
  /** HTTP status of the answer. Default 202. 0 = the connection is dropped without an answer. */
  status: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(599))),
  /** ms until the HTTP answer. Default 30. */
  ackDelayMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(120_000))),
  /** What the socket then says: the success event, the failure event, or nothing. Default success. */
  result: v.optional(v.picklist(['success', 'failure', 'none'])),
  /** ms from the request until the result event; may be shorter than ackDelayMs (result beats the 202). Default 300. */
  resultDelayMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(120_000))),
  reason: v.optional(v.string()),
  reasonCode: v.optional(v.number()),
  /** Body of an HTTP error answer (JSON). */
  errorBody: v.optional(v.record(v.string(), v.unknown())),
});
export type ApiAnswer = v.InferOutput<typeof ApiAnswerSchema>;

/** Operation keys (the path after `/v1/tasks/{id}/` or `/v1/agents/`) → its events (§7). */
const TASK_OPS: Record<string, { success: string; failure: string }> = {
  accept: { success: 'AgentContactAssigned', failure: 'AgentContactAssignFailed' },
  hold: { success: 'AgentContactHeld', failure: 'AgentContactHoldFailed' },
  unhold: { success: 'AgentContactUnheld', failure: 'AgentContactUnHoldFailed' },
  'record/pause': { success: 'ContactRecordingPaused', failure: 'ContactRecordingPauseFailed' },
  'record/resume': { success: 'ContactRecordingResumed', failure: 'ContactRecordingResumeFailed' },
  consult: { success: 'AgentConsultCreated', failure: 'AgentConsultFailed' },
  'consult/end': { success: 'AgentConsultEnded', failure: 'AgentConsultEndFailed' },
  end: { success: 'AgentWrapup', failure: 'AgentContactEndFailed' },
  wrapup: { success: 'AgentWrappedUp', failure: 'AgentWrapupFailed' },
};
const AGENT_OPS: Record<string, { method: string; success: string; failure: string; type: string }> = {
  'session/state': {
    method: 'PUT',
    success: 'AgentStateChangeSuccess',
    failure: 'AgentStateChangeFailed',
    type: 'AgentStateChange',
  },
  login: {
    method: 'POST',
    success: 'AgentStationLoginSuccess',
    failure: 'AgentStationLoginFailed',
    type: 'StationLogin',
  },
  logout: { method: 'POST', success: 'AgentLogoutSuccess', failure: 'AgentLogoutFailed', type: 'Logout' },
};

const TASK_PATH = /^\/v1\/tasks\/([A-Za-z0-9._~-]{1,100})\/([a-z/]{1,40})$/;
const AGENT_PATH = /^\/v1\/agents\/([a-zA-Z/]{1,40})$/;

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

export interface MockApiCall {
  method: string;
  path: string;
  /** The operation key (`hold`, `record/pause`, `session/state`…). */
  op: string;
  interactionId: string | undefined;
  body: unknown;
  /** Request headers as received (the tests check what the page sent, not what was captured). */
  headers: Record<string, string | string[] | undefined>;
  answer: ApiAnswer;
  at: number;
}

export interface MockApiDeps {
  agentId(): string;
  /** Scenario defaults for this pass (`api` in the scenario file). */
  scenarioAnswers(): Record<string, ApiAnswer> | undefined;
  /** Send a frame on the current notification socket; false when none is open. */
  inject(frame: Json): boolean;
  /** The last snapshot the socket carried for an interaction. */
  snapshot(interactionId: string): Json | undefined;
  schedule(fn: () => void, ms: number): void;
}

export interface HttpAnswer {
  status: number;
  body?: Json;
  delayMs: number;
}

export class MockApi {
  private readonly overrides = new Map<string, ApiAnswer>();
  readonly calls: MockApiCall[] = [];

  constructor(private readonly deps: MockApiDeps) {}

  /** Scenario control at run time: how `op` answers from now on (undefined = back to the scenario's). */
  set(op: string, answer: ApiAnswer | undefined): void {
    if (answer === undefined) this.overrides.delete(op);
    else this.overrides.set(op, v.parse(ApiAnswerSchema, answer));
  }

  /** Whether the path is one of the mock's; then `handle` answers it. */
  matches(method: string, path: string): boolean {
    const task = TASK_PATH.exec(path);
    if (task) return method === 'POST' && task[2]! in TASK_OPS;
    const agent = AGENT_PATH.exec(path);
    return !!agent && AGENT_OPS[agent[1]!]?.method === method;
  }

  /** Records the call, schedules its result event, and says what HTTP answer to give. */
  handle(method: string, path: string, body: unknown, headers: MockApiCall['headers']): HttpAnswer {
    const task = TASK_PATH.exec(path);
    const agent = task ? undefined : AGENT_PATH.exec(path);
    const op = task ? task[2]! : agent![1]!;
    const interactionId = task?.[1];
    const answer = this.overrides.get(op) ?? this.deps.scenarioAnswers()?.[op] ?? {};
    this.calls.push({ method, path, op, interactionId, body, headers, answer, at: Date.now() });
    const status = answer.status ?? 202;
    const trackingId = typeof headers['trackingid'] === 'string' ? headers['trackingid'] : undefined;
    const result = status >= 200 && status < 300 ? (answer.result ?? 'success') : 'none';
    if (result !== 'none') {
      this.deps.schedule(() => {
        const frame = task
          ? this.taskResult(op, interactionId!, body, result, answer, trackingId)
          : this.agentResult(op, body, result, answer, trackingId);
        if (frame) this.deps.inject(frame);
      }, answer.resultDelayMs ?? 300);
    }
    return {
      status,
      delayMs: answer.ackDelayMs ?? 30,
      ...(status >= 400
        ? { body: answer.errorBody ?? { statusCode: status, message: `simulated HTTP ${status}` } }
        : {}),
    };
  }

  private envelope(type: string, data: Json): Json {
    return { type, orgId: data['orgId'], trackingId: `notifs_${randomUUID()}`, data };
  }

  private failure(type: string, name: string, answer: ApiAnswer, trackingId: string | undefined, orgId: unknown): Json {
    // Failure binds carry no interactionId (§10.9), and neither do these events.
    return this.envelope(type, {
      type: name,
      agentId: this.deps.agentId(),
      orgId,
      trackingId: trackingId ?? randomUUID(),
      reasonCode: answer.reasonCode ?? 1000,
      reason: answer.reason ?? 'SIMULATED_FAILURE',
    });
  }

  private taskResult(
    op: string,
    interactionId: string,
    body: unknown,
    result: 'success' | 'failure',
    answer: ApiAnswer,
    trackingId: string | undefined,
  ): Json | undefined {
    const names = TASK_OPS[op]!;
    const previous = this.deps.snapshot(interactionId);
    const orgId = previous?.['orgId'];
    if (result === 'failure') return this.failure('RoutingMessage', names.failure, answer, trackingId, orgId);
    const interaction = previous ? (structuredClone(previous) as Json) : undefined;
    const now = Date.now();
    const mediaResourceId =
      isObject(body) && typeof body['mediaResourceId'] === 'string'
        ? body['mediaResourceId']
        : ((interaction?.['mainInteractionId'] as string | undefined) ?? interactionId);
    if (interaction) applySuccess(op, interaction, mediaResourceId, now);
    const data: Json = {
      type: names.success,
      eventType: 'RoutingMessage',
      agentId: this.deps.agentId(),
      interactionId,
      orgId,
      trackingId: trackingId ?? randomUUID(),
      eventTime: now,
    };
    if (op === 'hold' || op === 'unhold') data['mediaResourceId'] = mediaResourceId;
    if (interaction) data['interaction'] = interaction;
    return this.envelope('RoutingMessage', data);
  }

  private agentResult(
    op: string,
    body: unknown,
    result: 'success' | 'failure',
    answer: ApiAnswer,
    trackingId: string | undefined,
  ): Json {
    const names = AGENT_OPS[op]!;
    if (result === 'failure') return this.failure(names.type, names.failure, answer, trackingId, undefined);
    const state = isObject(body) && typeof body['state'] === 'string' ? body['state'] : 'Available';
    const now = Date.now();
    return this.envelope(names.type, {
      type: names.success,
      eventType: 'AgentDesktopMessage',
      agentId: this.deps.agentId(),
      trackingId: trackingId ?? randomUUID(),
      status: op === 'logout' ? 'LoggedOut' : state,
      subStatus: state,
      auxCodeId: isObject(body) && typeof body['auxCodeId'] === 'string' ? body['auxCodeId'] : '0',
      lastStateChangeReason: '',
      lastStateChangeTimestamp: now,
      changedBy: 'AGENT',
    });
  }
}

/** What a successful operation does to the snapshot (the backend's side of it). */
function applySuccess(op: string, interaction: Json, leg: string, now: number): void {
  const media = isObject(interaction['media']) ? interaction['media'] : {};
  const cpd = isObject(interaction['callProcessingDetails']) ? interaction['callProcessingDetails'] : {};
  const entry = isObject(media[leg]) ? media[leg] : undefined;
  switch (op) {
    case 'hold':
      if (entry) Object.assign(entry, { isHold: true, holdTimestamp: now });
      interaction['state'] = 'hold';
      break;
    case 'unhold':
      if (entry) entry['isHold'] = false;
      interaction['state'] = 'connected';
      break;
    case 'record/pause':
      Object.assign(cpd, { recordInProgress: 'false', isPaused: 'true' });
      break;
    case 'record/resume':
      Object.assign(cpd, { recordInProgress: 'true', isPaused: 'false' });
      break;
    case 'end':
      Object.assign(interaction, { state: 'wrapUp', isTerminated: true });
      break;
    default:
      break;
  }
}
