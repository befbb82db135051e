/*
 * The operation table: which WxCC REST call is which operation, and which websocket events end it
 * (protocol doc §7 for the endpoints and their result events, §10.9 for the binds and timeouts).
 * Pure data plus `classifyRequest`; the correlator (correlator.ts) applies the SDK's matching rules.
 */

/** The SDK's default AQM timeout, `TIMEOUT_REQ` (§7, §10.9), in ms. */
export const TIMEOUT_REQ_MS = 20_000;
/** `TIMEOUT_PREVIEW_ACCEPT` for campaign preview accept (§10.8), in ms. */
export const TIMEOUT_PREVIEW_ACCEPT_MS = 80_000;

export interface Operation {
  /** Stable name, used in reports and the panel (`hold`, `state-change`…). */
  name: string;
  method: 'POST' | 'PUT';
  /** Matches the URL's path; for task operations its first group is the interaction id. */
  path: RegExp;
  /** `task` binds carry `interactionId` in the success bind; `agent` binds do not (§10.9). */
  scope: 'task' | 'agent';
  /** `data.type` of the success event(s); an array means any of them (§10.9). */
  success: readonly string[];
  /** `data.type` of the failure event(s); failure binds carry no `interactionId` (§10.9). */
  failure: readonly string[];
  /** An alternative success (the cancel bind), e.g. `AgentCtqCancelled`. */
  cancel: readonly string[];
  /** ms until the request counts as timed out; `null` = never (consult to queue). */
  timeoutMs: number | null;
  /** hold/unhold: the value the leg's `isHold` must take for the success to be real. */
  holdTo?: boolean;
}

const TASK = '^/v1/tasks/([^/?#]+)';

function op(
  name: string,
  method: Operation['method'],
  path: string,
  success: string[],
  failure: string[],
  extra: Partial<Pick<Operation, 'cancel' | 'timeoutMs' | 'holdTo'>> = {},
): Operation {
  const scope = path.startsWith(TASK) ? 'task' : 'agent';
  return {
    name,
    method,
    path: new RegExp(`${path}/?$`),
    scope,
    success,
    failure,
    cancel: extra.cancel ?? [],
    timeoutMs: extra.timeoutMs === undefined ? TIMEOUT_REQ_MS : extra.timeoutMs,
    ...(extra.holdTo === undefined ? {} : { holdTo: extra.holdTo }),
  };
}

/** §7, row by row. Consult has a queue flavour chosen by its body (see `classifyRequest`). */
export const OPERATIONS: readonly Operation[] = [
  op('accept', 'POST', `${TASK}/accept`, ['AgentContactAssigned'], ['AgentContactAssignFailed']),
  op('hold', 'POST', `${TASK}/hold`, ['AgentContactHeld'], ['AgentContactHoldFailed'], { holdTo: true }),
  op('unhold', 'POST', `${TASK}/unhold`, ['AgentContactUnheld'], ['AgentContactUnHoldFailed'], { holdTo: false }),
  op('pause-recording', 'POST', `${TASK}/record/pause`, ['ContactRecordingPaused'], ['ContactRecordingPauseFailed']),
  op(
    'resume-recording',
    'POST',
    `${TASK}/record/resume`,
    ['ContactRecordingResumed'],
    ['ContactRecordingResumeFailed'],
  ),
  op('consult', 'POST', `${TASK}/consult`, ['AgentConsultCreated'], ['AgentConsultFailed'], {
    cancel: ['AgentCtqCancelled'],
  }),
  op('consult-accept', 'POST', `${TASK}/consult/accept`, ['AgentConsulting'], ['AgentContactAssignFailed']),
  op(
    'consult-end',
    'POST',
    `${TASK}/consult/end`,
    ['AgentConsultEnded', 'AgentCtqCancelled', 'ContactEnded', 'AgentConsultConferenceEnded'],
    ['AgentConsultEndFailed', 'AgentCtqCancelFailed'],
  ),
  op(
    'consult-transfer',
    'POST',
    `${TASK}/consult/transfer`,
    ['AgentConsultTransferred', 'AgentConsultTransferring'],
    ['AgentConsultTransferFailed'],
  ),
  op(
    'consult-conference',
    'POST',
    `${TASK}/consult/conference`,
    ['AgentConsultConferenced', 'AgentConsultConferencing'],
    ['AgentConsultConferenceFailed'],
  ),
  op(
    'conference-exit',
    'POST',
    `${TASK}/conference/exit`,
    ['ParticipantLeftConference'],
    ['ParticipantLeftConferenceFailed'],
  ),
  op(
    'conference-transfer',
    'POST',
    `${TASK}/conference/transfer`,
    ['ParticipantLeftConference'],
    ['AgentConferenceTransferFailed'],
  ),
  op(
    'conference-drop',
    'POST',
    `${TASK}/conference/participants/[^/?#]+/drop`,
    ['ParticipantLeftConference'],
    ['ParticipantDropConferenceFailed'],
  ),
  op(
    'transfer',
    'POST',
    `${TASK}/transfer`,
    ['AgentBlindTransferred', 'AgentVteamTransferred'],
    ['AgentBlindTransferFailed', 'AgentVteamTransferFailed'],
  ),
  op('end', 'POST', `${TASK}/end`, ['AgentWrapup'], ['AgentContactEndFailed'], { cancel: ['ContactEnded'] }),
  op('wrap-up', 'POST', `${TASK}/wrapup`, ['AgentWrappedUp'], ['AgentWrapupFailed']),
  op('cancel-consult-to-queue', 'POST', `${TASK}/cancelCtq`, ['AgentCtqCancelled'], ['AgentCtqCancelFailed']),
  // [UNCONFIRMED] path: no public source names the preview-accept endpoint; its 80 s timeout is §10.8's.
  op(
    'campaign-preview-accept',
    'POST',
    `${TASK}/campaign-?preview-?accept`,
    ['AgentContactAssigned'],
    ['AgentContactAssignFailed'],
    { timeoutMs: TIMEOUT_PREVIEW_ACCEPT_MS },
  ),
  op('login', 'POST', '^/v1/agents/login', ['AgentStationLoginSuccess'], ['AgentStationLoginFailed']),
  op('logout', 'POST', '^/v1/agents/logout', ['AgentLogoutSuccess'], ['AgentLogoutFailed']),
  op('state-change', 'PUT', '^/v1/agents/session/state', ['AgentStateChangeSuccess'], ['AgentStateChangeFailed']),
  op('relogin', 'POST', '^/v1/agents/reload', ['AgentReloginSuccess'], ['AgentReloginFailed']),
  op('buddy-agents', 'POST', '^/v1/agents/buddyList', ['BuddyAgents'], ['BuddyAgentsRetrieveFailed']),
];

/** The queue flavour of consult (§7: `AgentCtqFailed` for a queue destination; §10.9: no timeout). */
const CONSULT_TO_QUEUE: Operation = {
  ...OPERATIONS.find((o) => o.name === 'consult')!,
  name: 'consult-to-queue',
  failure: ['AgentCtqFailed', 'AgentConsultFailed'],
  timeoutMs: null,
};

/** Every event name that is some operation's success, cancel or failure. */
export const RESULT_EVENT_NAMES: ReadonlySet<string> = new Set(
  [...OPERATIONS, CONSULT_TO_QUEUE].flatMap((o) => [...o.success, ...o.failure, ...o.cancel]),
);

/** One request recognised as an operation. */
export interface OperationCall {
  operation: Operation;
  /** From the URL (task operations); undefined for agent operations. */
  interactionId: string | undefined;
  /** hold/unhold: the leg named in the body (`{mediaResourceId}`), when it is readable. */
  mediaResourceId: string | undefined;
}

function pathOf(url: string): string | undefined {
  // Absolute or root-relative; the query and fragment are not part of the operation.
  const match = /^(?:[a-z][a-z0-9+.-]*:\/\/[^/?#]*)?(\/[^?#]*)/i.exec(url);
  return match?.[1];
}

function bodyObject(body: string | undefined): Record<string, unknown> | undefined {
  if (!body || body.length > 65_536) return undefined;
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The operation a request is, or undefined when it is none of §7's (e.g. a GET of configuration).
 * `url` may be absolute or a path; `body` is the request body as text (JSON for these calls).
 */
export function classifyRequest(method: string, url: string, body?: string): OperationCall | undefined {
  const path = pathOf(url);
  if (path === undefined) return undefined;
  const upper = method.toUpperCase();
  for (const operation of OPERATIONS) {
    if (operation.method !== upper) continue;
    const match = operation.path.exec(path);
    if (!match) continue;
    let interactionId: string | undefined;
    if (operation.scope === 'task') {
      try {
        interactionId = decodeURIComponent(match[1]!);
      } catch {
        interactionId = match[1];
      }
    }
    const parsed = bodyObject(body);
    const mrid = parsed?.['mediaResourceId'];
    const destinationType = parsed?.['destinationType'];
    const chosen =
      operation.name === 'consult' && typeof destinationType === 'string' && destinationType.toLowerCase() === 'queue'
        ? CONSULT_TO_QUEUE
        : operation;
    return { operation: chosen, interactionId, mediaResourceId: typeof mrid === 'string' ? mrid : undefined };
  }
  return undefined;
}

/** What an event is to an operation: its success, its cancel (an alternative success), its failure. */
export type ResultKind = 'success' | 'cancel' | 'failure';

/** The event's role for the operation by name alone (the bind's `data.type`). */
export function resultKind(operation: Operation, eventName: string): ResultKind | undefined {
  if (operation.success.includes(eventName)) return 'success';
  if (operation.cancel.includes(eventName)) return 'cancel';
  if (operation.failure.includes(eventName)) return 'failure';
  return undefined;
}
