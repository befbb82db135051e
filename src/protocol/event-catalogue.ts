/*
 * Every event name of protocol doc §3 (contact events §3.1-§3.7, agent events §2.4/§3.8) with
 * what the inspector needs to show and check it: a category for grouping and colour, a one-line
 * meaning for tooltips, its effect on the task it concerns, which `data` shape it carries and
 * whether an Interaction snapshot is expected. Names are case-exact (`AgentContactUnheld` but
 * `AgentContactUnHoldFailed`). A name that is not here is valid input: it is categorised
 * `unknown` and reported as an `unknown-event` finding, never dropped (§5.1 check 14).
 */

import { taskEffectOf } from './task-lifecycle';

export const EVENT_CATEGORIES = [
  'offer',
  'assignment',
  'end',
  'hold',
  'recording',
  'consult',
  'transfer',
  'conference',
  'monitoring',
  'agent',
  'connection',
  'failure',
  'assistant',
  'unknown',
] as const;
export type EventCategory = (typeof EVENT_CATEGORIES)[number];

/**
 * What the event does to the task (interaction) it is about: `creates` may be the first event
 * of a task (§5.1 check 1), `ends` is after which only wrap-up traffic is expected (§5.1 check 5),
 * `updates` changes a live task, `none` is not about a task (agent and connection events, most
 * failures).
 */
export type TaskEffect = 'creates' | 'updates' | 'ends' | 'none';

/** Which schema validates the event's `data` (event-data-schema.ts). */
export type DataShape = 'task' | 'failure' | 'agent' | 'notification';

export interface EventInfo {
  readonly name: string;
  readonly category: EventCategory;
  /** One line, shown as a tooltip. */
  readonly meaning: string;
  readonly task: TaskEffect;
  readonly dataShape: DataShape;
  /** True when the event is expected to carry the full `data.interaction` snapshot. */
  readonly snapshot: boolean;
  /** For `failure` events: the family of the operation that failed. */
  readonly failureOf?: Exclude<EventCategory, 'failure' | 'unknown'>;
  /** False for names no public source confirms (the monitoring events, §3.7, §10.6). */
  readonly confirmed: boolean;
  /**
   * Where the event names its interaction when not in `data.interactionId`, as a path of keys
   * under `data` (REAL_TIME_TRANSCRIPTION: `data.data.conversationId`, §10.6).
   */
  readonly interactionKey?: readonly string[];
}

type Spec = [
  category: EventCategory,
  task: TaskEffect,
  meaning: string,
  options?: Partial<Pick<EventInfo, 'dataShape' | 'snapshot' | 'failureOf' | 'confirmed' | 'interactionKey'>>,
];

const contact = (category: EventCategory, task: TaskEffect, meaning: string): Spec => [category, task, meaning];
const agent = (meaning: string, category: EventCategory = 'agent'): Spec => [
  category,
  'none',
  meaning,
  { dataShape: 'agent', snapshot: false },
];
const failed = (failureOf: NonNullable<EventInfo['failureOf']>, meaning: string, task: TaskEffect = 'none'): Spec => [
  'failure',
  task,
  meaning,
  { dataShape: 'failure', snapshot: false, failureOf },
];

/** A name no public source confirms (§10.6): shown, with that said. */
const unconfirmed = ([category, task, meaning, options = {}]: Spec): Spec => [
  category,
  task,
  meaning,
  { ...options, confirmed: false },
];

const SPECS: Record<string, Spec> = {
  // §3.1 offer / assignment / end
  AgentContactReserved: contact('offer', 'creates', 'A contact is reserved for this agent; the offer follows.'),
  AgentOfferContact: contact(
    'offer',
    'creates',
    'The offer (ringing): the agent may accept or decline; RONA after ronaTimeout seconds.',
  ),
  AgentOfferConsult: contact('offer', 'creates', 'This agent is offered a consult leg by another agent.'),
  AgentOfferCampaignReservation: contact('offer', 'creates', 'A campaign preview contact is offered to the agent.'),
  AgentOfferContactRona: contact('offer', 'ends', 'RONA (Redirection On No Answer): the offer timed out unanswered.'),
  CampaignContactUpdated: contact('offer', 'updates', 'The next campaign preview contact, after a skip or remove.'),
  AgentContactAssigned: contact(
    'assignment',
    'updates',
    'The contact is connected to the agent after accept; campaign tasks may be re-keyed (reservationInteractionId).',
  ),
  AgentContact: contact(
    'assignment',
    'creates',
    'Snapshot of an interaction the agent already has, re-sent after (re)login or refresh (hydrate).',
  ),
  ContactUpdated: contact('assignment', 'updates', 'Routing or data update of the interaction.'),
  ContactOwnerChanged: contact(
    'assignment',
    'updates',
    'The backend promoted a new owner, e.g. after the primary agent was dropped from a conference.',
  ),
  ContactMerged: contact(
    'assignment',
    'updates',
    'Interactions merged: data.childInteractionId is folded into data.interactionId.',
  ),
  AgentContactUnassigned: contact('assignment', 'ends', 'The contact was unassigned from this agent.'),
  ContactEnded: contact(
    'end',
    'ends',
    'The contact ended (customer hung up, or cancelled before answer); wrap-up may follow.',
  ),
  AgentWrapup: contact('end', 'updates', 'The agent entered wrap-up (after-call work).'),
  AgentWrappedUp: contact('end', 'ends', 'Wrap-up submitted; the task is complete.'),
  ParticipantPostCallActivity: contact(
    'end',
    'updates',
    'A participant entered post-call activity (interaction state post_call).',
  ),
  AgentContactAssignFailed: failed(
    'assignment',
    'Accepting / assigning the contact failed; the task is rejected.',
    'ends',
  ),
  AgentInviteFailed: failed('offer', 'Inviting the agent failed; the task is rejected.', 'ends'),
  AgentContactEndFailed: failed('end', 'Ending the contact failed.'),
  AgentWrapupFailed: failed('end', 'Submitting wrap-up failed.'),
  AgentOutboundFailed: failed(
    'offer',
    'The outdial failed, or the agent ended it (reason, terminatingParty); may precede the reservation.',
    'ends',
  ),
  CampaignPreviewAcceptFailed: failed('offer', 'Accepting a campaign preview contact failed.'),
  CampaignPreviewSkipFailed: failed('offer', 'Skipping a campaign preview contact failed.'),
  CampaignPreviewRemoveFailed: failed('offer', 'Removing a campaign preview contact failed.'),

  // §3.2 hold / resume
  AgentContactHeld: contact(
    'hold',
    'updates',
    'A media leg was put on hold (data.mediaResourceId names the leg); also from another session.',
  ),
  AgentContactUnheld: contact('hold', 'updates', 'A held media leg was resumed.'),
  AgentContactHoldFailed: failed('hold', 'Putting the leg on hold failed.'),
  AgentContactUnHoldFailed: failed('hold', 'Resuming the held leg failed.'),

  // §3.3 recording
  ContactRecordingStarted: contact('recording', 'updates', 'Recording started.'),
  ContactRecordingPaused: contact(
    'recording',
    'updates',
    'Recording paused (recordInProgress false); carries no data.mediaResourceId.',
  ),
  ContactRecordingResumed: contact(
    'recording',
    'updates',
    'Recording resumed, by the agent or automatically after pauseDuration (autoResumed).',
  ),
  ContactRecordingPauseFailed: failed('recording', 'Pausing the recording failed.'),
  ContactRecordingResumeFailed: failed('recording', 'Resuming the recording failed.'),

  // §3.4 consult
  AgentConsultCreated: contact('consult', 'updates', 'A consult was requested (initiator side).'),
  AgentConsulting: contact(
    'consult',
    'updates',
    'The consult leg is active (sent to both agents); consultMediaResourceId names it.',
  ),
  AgentConsultEnded: contact(
    'consult',
    'updates',
    "The consult ended: the consulted agent's task ends, the initiator returns to the call.",
  ),
  AgentCtqCancelled: contact('consult', 'updates', 'A consult to queue was cancelled.'),
  ConsultedParticipantMoving: contact('consult', 'updates', 'The consulted participant is being moved.'),
  AgentConsultFailed: failed(
    'consult',
    'The consult failed (e.g. the consulted agent did not answer or declined).',
    'updates',
  ),
  AgentConsultEndFailed: failed('consult', 'Ending the consult failed.'),
  AgentCtqFailed: failed('consult', 'The consult to queue failed.', 'updates'),
  AgentCtqCancelFailed: failed('consult', 'Cancelling the consult to queue failed.'),

  // §3.5 transfer
  AgentBlindTransferred: contact('transfer', 'updates', 'Blind transfer done; the initiator goes to wrap-up.'),
  AgentVteamTransferred: contact(
    'transfer',
    'updates',
    'Transferred to a queue or entry point; the initiator goes to wrap-up.',
  ),
  AgentConsultTransferred: contact(
    'transfer',
    'updates',
    'Consult transfer done; the initiator goes to wrap-up, the consulted agent keeps the call.',
  ),
  AgentConsultTransferring: contact('transfer', 'updates', 'Consult transfer in progress.'),
  AgentBlindTransferFailed: failed('transfer', 'The blind transfer failed.'),
  AgentVteamTransferFailed: failed('transfer', 'The transfer to a queue or entry point failed.'),
  AgentConsultTransferFailed: failed('transfer', 'The consult transfer failed.'),

  // §3.6 conference
  AgentConsultConferencing: contact('conference', 'updates', 'A conference is being set up from the consult.'),
  AgentConsultConferenced: contact(
    'conference',
    'updates',
    'The conference is established (the consult leg merged into the main leg).',
  ),
  ParticipantJoinedConference: contact('conference', 'updates', 'A participant joined the conference.'),
  ParticipantLeftConference: contact(
    'conference',
    'updates',
    'A participant left the conference (data.participantId); EP-DN participants are removed from the roster.',
  ),
  AgentConsultConferenceEnded: contact('conference', 'updates', 'The conference ended.'),
  AgentConferenceTransferred: contact(
    'conference',
    'updates',
    'The conference was handed over to the remaining participants.',
  ),
  AgentConsultConferenceFailed: failed('conference', 'Setting up the conference failed.'),
  ParticipantLeftConferenceFailed: failed('conference', 'Leaving the conference failed.'),
  ParticipantDropConferenceFailed: failed('conference', 'Dropping a participant from the conference failed.'),
  AgentConsultConferenceEndFailed: failed('conference', 'Ending the conference failed.'),
  AgentConferenceTransferFailed: failed('conference', 'Handing over the conference failed.'),

  // §3.7 monitoring: names guessed from the Desktop SDK's eMonitoring* events, not confirmed
  MonitoringOffered: [
    'monitoring',
    'creates',
    'A supervisor monitoring session is offered (name unconfirmed).',
    { snapshot: false, confirmed: false },
  ],
  MonitoringStarted: [
    'monitoring',
    'updates',
    'Supervisor monitoring started (SILENT or BARGE_IN; name unconfirmed).',
    { snapshot: false, confirmed: false },
  ],
  MonitoringEnded: [
    'monitoring',
    'ends',
    'Supervisor monitoring ended (name unconfirmed).',
    { snapshot: false, confirmed: false },
  ],

  // §2.4 / §3.8 agent events (top-level types appear as names when data.type is absent)
  StationLogin: agent('Station login notification (envelope type; data.type says success or failure).'),
  AgentStationLoginSuccess: agent('The agent logged in to a station: team, device, channels, active interactionIds.'),
  Logout: agent('Logout notification (envelope type).'),
  AgentLogoutSuccess: agent('The agent logged out.'),
  AgentStateChange: agent('Agent state change notification (envelope type).'),
  AgentStateChangeSuccess: agent(
    'The agent state changed (Available / Idle with aux code); also unsolicited, e.g. by a supervisor or after RONA.',
  ),
  AgentReloginSuccess: agent(
    'Relogin after a reconnect; lists the active interactionIds, each followed by an AgentContact snapshot.',
  ),
  AgentChannelReloginSuccess: agent('Per-channel relogin after a reconnect.'),
  BuddyAgents: agent('The buddy agent list (consult and transfer targets).'),
  AgentDNRegistered: agent("The agent's dial number (DN) was registered."),
  AgentChannelStateChanged: agent('A per-channel agent state changed (v2 state API, wellness feature).'),
  WellnessBreak: agent('Agent wellness break notification.'),
  AgentStationLoginFailed: failed('agent', 'Station login failed.'),
  AgentLogoutFailed: failed('agent', 'Logout failed.'),
  AgentStateChangeFailed: failed('agent', 'Changing the agent state failed.'),
  AgentReloginFailed: failed('agent', 'Relogin after a reconnect failed.'),
  BuddyAgentsRetrieveFailed: failed('agent', 'Fetching the buddy agent list failed.'),
  AgentChannelStateChangeFailed: unconfirmed(
    failed('agent', 'Changing a per-channel agent state failed (no public source names this event).'),
  ),
  AgentDNRegisterFailure: unconfirmed(
    failed('agent', "Registering the agent's dial number failed (name guessed from eAgentDNRegisterFailure)."),
  ),
  AgentDeviceTypeUpdateSuccess: agent("The agent's device type (browser, dial number, extension) was updated."),

  // §10.6 AI assistant (published SDK and unreleased SDK)
  REAL_TIME_TRANSCRIPTION: [
    'assistant',
    'updates',
    'A piece of the live transcript of a call (keyed by data.data.conversationId).',
    { dataShape: 'notification', snapshot: false, interactionKey: ['data', 'conversationId'] },
  ],
  SUGGESTED_RESPONSE: [
    'assistant',
    'updates',
    'The AI assistant suggests a response (unreleased SDK).',
    { dataShape: 'notification', snapshot: false, interactionKey: ['data', 'conversationId'] },
  ],
  SUGGESTED_RESPONSE_ACKNOWLEDGE: [
    'assistant',
    'updates',
    'A suggested response was acknowledged (unreleased SDK).',
    { dataShape: 'notification', snapshot: false, interactionKey: ['data', 'conversationId'] },
  ],
  MID_CALL_SUMMARY: [
    'assistant',
    'updates',
    'The AI assistant summarised the call so far (unreleased SDK).',
    { dataShape: 'notification', snapshot: false, interactionKey: ['data', 'conversationId'] },
  ],
  POST_CALL_SUMMARY: [
    'assistant',
    'updates',
    'The AI assistant summarised the finished call (unreleased SDK).',
    { dataShape: 'notification', snapshot: false, interactionKey: ['data', 'conversationId'] },
  ],

  // §1.5 / §1.7 connection
  Welcome: agent(
    'First frame on a new socket; names the agent. A new Welcome means a new socket (reconnect).',
    'connection',
  ),
  AGENT_MULTI_LOGIN: agent(
    'Another session of this agent took over; the desktop closes this socket and does not reconnect.',
    'connection',
  ),
  AgentMultiLoginCloseSession: agent(
    'Another session of this agent took over; the desktop closes this socket and does not reconnect.',
    'connection',
  ),
};

function toInfo(name: string, [category, task, meaning, options = {}]: Spec): EventInfo {
  return Object.freeze({
    name,
    category,
    meaning,
    // When a task starts and ends is the lifecycle table's to say (task-lifecycle.ts).
    task: taskEffectOf(name, task === 'none' ? 'none' : 'updates'),
    dataShape: options.dataShape ?? 'task',
    snapshot: options.snapshot ?? true,
    confirmed: options.confirmed ?? true,
    ...(options.failureOf ? { failureOf: options.failureOf } : {}),
    ...(options.interactionKey ? { interactionKey: options.interactionKey } : {}),
  });
}

/** The catalogue, keyed by exact event name. A `Map`, so names like `__proto__` or `toString` are just misses. */
export const EVENT_CATALOGUE: ReadonlyMap<string, EventInfo> = new Map(
  Object.entries(SPECS).map(([name, spec]) => [name, toInfo(name, spec)]),
);

/** The catalogue entry of a name, or an `unknown` entry for names the catalogue does not list. */
export function lookupEvent(name: string): EventInfo {
  return EVENT_CATALOGUE.get(name) ?? unknownEvent(name);
}

export function isKnownEvent(name: string): boolean {
  return EVENT_CATALOGUE.has(name);
}

function unknownEvent(name: string): EventInfo {
  return {
    name,
    category: 'unknown',
    meaning: 'Not in the event catalogue: shown as received.',
    task: 'none',
    dataShape: 'task',
    snapshot: false,
    confirmed: false,
  };
}
