import * as v from 'valibot';
import { InteractionSchema } from './interaction-schema';
import type { Known } from './known-fields';
import { optionalField, wireBoolean, wireNumber } from './wire-values';

/*
 * The `data` of a notification, in the three shapes the protocol uses. Which shape applies is
 * decided by the event catalogue (`dataShape`), not guessed from the payload. Fields the SDK
 * computes itself (`isConferenceInProgress`, `isAutoAnswering`, ...) are not listed: they are
 * not on the wire (§2.3), so seeing one is worth an unknown-key note.
 */

const str = v.string;

/**
 * Contact / task events, `type: "RoutingMessage"` (§2.3). Required is only what every contact
 * event carries: recording events omit `mediaResourceId` (§3.3, PR #4848), and whether an event
 * must carry the `interaction` snapshot is said by its catalogue entry, so both are optional here.
 */
export const TaskEventDataSchema = v.looseObject({
  type: str(),
  eventType: str(),
  eventTime: optionalField(wireNumber()),
  agentId: str(),
  interactionId: str(),
  orgId: str(),
  trackingId: str(),
  mediaResourceId: optionalField(str()),
  consultMediaResourceId: v.optional(v.nullable(str())),
  destAgentId: v.optional(v.nullable(str())),
  owner: optionalField(str()),
  queueMgr: optionalField(str()),
  queueName: optionalField(str()),
  interaction: optionalField(InteractionSchema),
  // participant and ownership
  participantId: optionalField(str()),
  // The Desktop types these as strings (§10.7); the SDK as booleans.
  fromOwner: optionalField(v.union([str(), v.boolean()])),
  toOwner: optionalField(v.union([str(), v.boolean()])),
  // The Desktop's AgentContact data (§10.7).
  callLegType: optionalField(v.looseObject({ type: optionalField(str()) })),
  participantType: optionalField(str()),
  droppedById: optionalField(str()),
  droppedByName: optionalField(str()),
  droppedByRole: optionalField(str()),
  childInteractionId: optionalField(str()),
  isConsulted: optionalField(wireBoolean()),
  isConferencing: optionalField(wireBoolean()),
  updatedBy: optionalField(str()),
  destinationType: optionalField(str()),
  consultingAgentId: optionalField(str()),
  taskId: optionalField(str()),
  task: v.optional(v.unknown()),
  // outcome
  ronaTimeout: optionalField(wireNumber()),
  autoResumed: optionalField(wireBoolean()),
  reasonCode: optionalField(v.union([str(), v.number()])),
  reason: optionalField(str()),
  // monitoring (§3.7)
  supervisorId: optionalField(str()),
  supervisorName: optionalField(str()),
  supervisorDN: optionalField(str()),
  monitorType: optionalField(str()),
  monitoringState: optionalField(v.looseObject({ type: str() })),
  id: optionalField(str()),
  isWebCallMute: optionalField(wireBoolean()),
  // campaign
  reservationInteractionId: optionalField(str()),
  reservedAgentChannelId: optionalField(str()),
  // end of contact
  agentsPendingWrapUp: optionalField(v.array(str())),
  terminatingParty: optionalField(str()),
  wrapUpRequired: optionalField(wireBoolean()),
});

/**
 * Failure notifications (§2.4 `Failure`, §2.5): `{agentId, trackingId, reasonCode, orgId,
 * reason}`. Task failures ride the RoutingMessage envelope and may carry task fields, but often
 * no `interactionId` and no `interaction`.
 */
export const FailureDataSchema = v.looseObject({
  ...TaskEventDataSchema.entries,
  eventType: optionalField(str()),
  interactionId: optionalField(str()),
  reasonCode: v.union([str(), v.number()]),
  reason: str(),
});

/** Agent events (§2.4): station login, state changes, relogin, logout, buddy agents, DN, channels. */
/**
 * Events that carry neither a task's nor an agent's data: the AI assistant's (§10.6), keyed by
 * `data.data.conversationId`, and the Desktop's `{notifType, …}` notifications. Nothing is required.
 */
export const NotificationDataSchema = v.looseObject({
  type: optionalField(str()),
  eventType: optionalField(str()),
  agentId: optionalField(str()),
  orgId: optionalField(str()),
  trackingId: optionalField(str()),
  interactionId: optionalField(str()),
  eventTime: optionalField(wireNumber()),
  /** The AI events' own payload; `conversationId` is the interaction it is about (§10.6). */
  data: optionalField(v.looseObject({ conversationId: optionalField(str()) })),
});

export const AgentEventDataSchema = v.looseObject({
  type: str(),
  eventType: optionalField(str()),
  agentId: str(),
  orgId: optionalField(str()),
  trackingId: optionalField(str()),
  eventTime: optionalField(wireNumber()),
  agentSessionId: optionalField(str()),
  auxCodeId: optionalField(str()),
  teamId: optionalField(str()),
  siteId: optionalField(str()),
  status: optionalField(str()),
  subStatus: optionalField(str()),
  lastStateChangeReason: optionalField(str()),
  lastStateChangeTimestamp: optionalField(wireNumber()),
  lastIdleCodeChangeTimestamp: optionalField(wireNumber()),
  changedBy: optionalField(str()),
  changedById: optionalField(str()),
  changedByName: optionalField(str()),
  loggedOutBy: optionalField(str()),
  interactionIds: optionalField(v.array(str())),
  channelsMap: optionalField(v.record(str(), v.array(str()))),
  dialNumber: optionalField(str()),
  dn: optionalField(str()),
  deviceType: optionalField(str()),
  deviceId: optionalField(str()),
  roles: optionalField(v.array(str())),
  profileType: optionalField(str()),
  agentList: optionalField(
    v.array(
      v.looseObject({
        agentId: str(),
        state: optionalField(str()),
        teamId: optionalField(str()),
        dn: optionalField(str()),
        agentName: optionalField(str()),
        siteId: optionalField(str()),
      }),
    ),
  ),
});

export type TaskEventData = Known<v.InferOutput<typeof TaskEventDataSchema>>;
export type FailureData = Known<v.InferOutput<typeof FailureDataSchema>>;
export type AgentEventData = Known<v.InferOutput<typeof AgentEventDataSchema>>;
