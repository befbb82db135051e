import * as v from 'valibot';
import type { Known } from './known-fields';
import { MediaChannelSchema, optionalField, wireBoolean, wireBooleanOrString, wireNumber } from './wire-values';

/*
 * The complete seed `Interaction` (../shared/seed/Interaction.md), field for field, with the
 * types it references taken from the SDK (`src/services/task/types.ts`) and protocol doc §4.
 * Where the seed says boolean or number the wire may send a string (§4.7): those fields use the
 * `wire*` leaves, which parse to the seed's type. Where the seed says string, the wire string is
 * kept, even when it spells a boolean (`taskToBeSelfServiced`, `isConferencing`). Every object
 * is loose: keys the seed does not know are kept (and reported once by the decoder).
 */

const str = v.string;
const nullableStr = () => v.optional(v.nullable(v.string()));
const nullableTimestamp = () => v.optional(v.nullable(wireNumber()));

/** `callProcessingDetails` (CPD): almost everything is a string on the wire (§4.2). */
export const CallProcessingDetailsSchema = v.looseObject({
  BLIND_TRANSFER_IN_PROGRESS: optionalField(wireBoolean()),
  CONTINUE_RECORDING_ON_TRANSFER: optionalField(str()),
  EP_ID: optionalField(str()),
  IvrPath: str(),
  QMgrName: str(),
  QueueId: str(),
  ROUTING_TYPE: optionalField(str()),
  ani: str(),
  appUser: str(),
  category: str(),
  childInteractionId: optionalField(str()),
  consultDestinationAgentJoined: optionalField(wireBooleanOrString()),
  consultDestinationAgentName: optionalField(str()),
  convIvrTranscript: optionalField(str()),
  ctqInProgress: optionalField(wireBoolean()),
  customerName: str(),
  customerNumber: str(),
  customerRegion: optionalField(str()),
  displayAni: str(),
  dnis: str(),
  fcDesktopView: optionalField(str()),
  fceRegisteredEvents: optionalField(str()),
  flowTagId: optionalField(str()),
  fromAddress: str(),
  isConferencing: optionalField(str()),
  isParked: optionalField(str()),
  isPaused: optionalField(wireBoolean()),
  mohFileName: optionalField(str()),
  monitorType: optionalField(str()),
  monitoringInvisibleMode: optionalField(str()),
  monitoringRequestId: optionalField(str()),
  monitoringState: optionalField(str()),
  outdialAgentId: optionalField(str()),
  outdialTransferToQueueEnabled: optionalField(wireBoolean()),
  parentInteractionId: optionalField(str()),
  parent_ANI: optionalField(str()),
  parent_Agent_DN: optionalField(str()),
  parent_Agent_Name: optionalField(str()),
  parent_Agent_TeamName: optionalField(str()),
  parent_DNIS: optionalField(str()),
  participantInviteTimeout: optionalField(str()),
  pathId: str(),
  pauseDuration: optionalField(str()),
  pauseResumeEnabled: optionalField(wireBoolean()),
  priority: optionalField(str()),
  reason: str(),
  reasonCode: str(),
  recordInProgress: optionalField(wireBoolean()),
  recordingStarted: optionalField(wireBoolean()),
  relationshipType: optionalField(str()),
  ronaTimeout: str(),
  routingStrategyId: optionalField(str()),
  sourceNumber: str(),
  sourcePage: str(),
  taskToBeSelfServiced: str(),
  tenantId: str(),
  virtualTeamName: str(),
  vteamId: str(),
  workflowId: optionalField(str()),
  workflowName: optionalField(str()),
});

/** One media leg, keyed by its `mediaResourceId` in `interaction.media` (§4.3). */
export const MediaEntrySchema = v.looseObject({
  holdTimestamp: v.nullable(wireNumber()),
  isHold: wireBoolean(),
  mType: str(),
  mediaMgr: str(),
  mediaResourceId: str(),
  mediaType: MediaChannelSchema,
  participants: v.array(str()),
});

/** The SDK's `InteractionParticipant` (§4.4); keyed by participant id (the ANI for a customer). */
export const InteractionParticipantSchema = v.looseObject({
  id: str(),
  pType: str(),
  type: str(),
  hasJoined: wireBoolean(),
  hasLeft: wireBoolean(),
  isInPredial: wireBoolean(),
  callerId: nullableStr(),
  autoAnswerEnabled: optionalField(wireBoolean()),
  bnrDetails: v.optional(v.unknown()),
  channelId: optionalField(str()),
  consultState: nullableStr(),
  consultTimestamp: nullableTimestamp(),
  currentState: nullableStr(),
  currentStateTimestamp: nullableTimestamp(),
  deviceCallId: nullableStr(),
  deviceId: nullableStr(),
  deviceType: nullableStr(),
  dn: nullableStr(),
  isConsulted: optionalField(wireBoolean()),
  isOffered: optionalField(wireBoolean()),
  isWrapUp: optionalField(wireBoolean()),
  isWrappedUp: optionalField(wireBoolean()),
  joinTimestamp: nullableTimestamp(),
  lastUpdated: nullableTimestamp(),
  name: nullableStr(),
  queueId: optionalField(str()),
  queueMgrId: optionalField(str()),
  sessionId: optionalField(str()),
  siteId: optionalField(str()),
  skillId: nullableStr(),
  skillName: nullableStr(),
  skills: optionalField(v.array(str())),
  teamId: optionalField(str()),
  teamName: optionalField(str()),
  wrapUpTimestamp: nullableTimestamp(),
});

/** The SDK's `CallAssociatedDatum` (§4.1): one CAD variable. */
export const CallAssociatedDatumSchema = v.looseObject({
  agentEditable: wireBoolean(),
  agentViewable: wireBoolean(),
  displayName: str(),
  global: wireBoolean(),
  isSecure: wireBoolean(),
  name: str(),
  reportable: wireBoolean(),
  secureKeyId: str(),
  secureKeyVersion: wireNumber(),
  type: str(),
  value: str(),
});

/** The SDK's `FlowParameter` (§4.1 `callFlowParams`). */
export const FlowParameterSchema = v.looseObject({
  name: optionalField(str()),
  qualifier: optionalField(str()),
  description: optionalField(str()),
  valueDataType: optionalField(str()),
  value: optionalField(str()),
});

export const InteractionSchema = v.looseObject({
  callAssociatedData: optionalField(v.record(str(), CallAssociatedDatumSchema)),
  callAssociatedDetails: optionalField(v.record(str(), str())),
  callFlowParams: optionalField(v.record(str(), FlowParameterSchema)),
  callProcessingDetails: CallProcessingDetailsSchema,
  contactDirection: v.looseObject({ type: str() }),
  createdTimestamp: optionalField(wireNumber()),
  currentVTeam: str(),
  flowProperties: v.optional(v.nullable(v.record(str(), v.unknown()))),
  interactionId: str(),
  isFcManaged: wireBoolean(),
  isMediaForked: optionalField(wireBoolean()),
  isTerminated: wireBoolean(),
  isWrapUpAssist: optionalField(wireBoolean()),
  mainInteractionId: optionalField(str()),
  media: v.record(str(), MediaEntrySchema),
  mediaChannel: str(),
  mediaProperties: v.optional(v.nullable(v.record(str(), v.unknown()))),
  mediaType: MediaChannelSchema,
  orgId: str(),
  outboundType: optionalField(str()),
  owner: str(),
  parentInteractionId: optionalField(str()),
  participants: v.record(str(), InteractionParticipantSchema),
  previousVTeams: v.array(str()),
  queuedTimestamp: v.optional(v.nullable(wireNumber())),
  state: str(),
  workflowManager: v.optional(v.nullable(str())),
});

/** The normalised Interaction: exactly the seed type (proved by test/unit/protocol/seed-type.test.ts). */
export type Interaction = Known<v.InferOutput<typeof InteractionSchema>>;
export type CallProcessingDetails = Interaction['callProcessingDetails'];
export type MediaEntry = Known<v.InferOutput<typeof MediaEntrySchema>>;
export type InteractionParticipant = Known<v.InferOutput<typeof InteractionParticipantSchema>>;
export type CallAssociatedDatum = Known<v.InferOutput<typeof CallAssociatedDatumSchema>>;
export type FlowParameter = Known<v.InferOutput<typeof FlowParameterSchema>>;
export type MediaChannel = Interaction['mediaType'];
