/**
 * src/protocol: what the wire means. Pure (no browser APIs), imports only valibot and the
 * `Frame` type. Everything later (model, panel, CLI) reads frames through `decodeFrame`.
 */
export { decodeFrame } from './decode-frame';
export type {
  Decoded,
  DecodedKind,
  DecodedKeepalive,
  DecodedWelcome,
  DecodedEvent,
  DecodedUnknownJson,
  DecodedInvalidJson,
  DecodedBinary,
  DecodedMeta,
} from './decode-frame';
export { createDecodeSession, type DecodeSession } from './decode-session';
export {
  EVENT_CATALOGUE,
  EVENT_CATEGORIES,
  isKnownEvent,
  lookupEvent,
  type DataShape,
  type EventCategory,
  type EventInfo,
  type TaskEffect,
} from './event-catalogue';
export {
  CONSULT_LIFECYCLE,
  OFFERS,
  TASK_ENDS,
  TASK_STARTS,
  taskEffectOf,
  type EndsWhen,
  type TaskEnd,
  type WrapUpRule,
} from './task-lifecycle';
export { FINDING_CODES, FINDING_SEVERITY, type Finding, type FindingCode, type Severity } from './findings';
export {
  CallAssociatedDatumSchema,
  CallProcessingDetailsSchema,
  FlowParameterSchema,
  InteractionParticipantSchema,
  InteractionSchema,
  MediaEntrySchema,
  type CallAssociatedDatum,
  type CallProcessingDetails,
  type FlowParameter,
  type Interaction,
  type InteractionParticipant,
  type MediaChannel,
  type MediaEntry,
} from './interaction-schema';
export {
  KeepaliveSchema,
  NotificationEnvelopeSchema,
  WelcomeSchema,
  type Keepalive,
  type NotificationEnvelope,
  type Welcome,
} from './envelope';
export {
  AgentEventDataSchema,
  FailureDataSchema,
  NotificationDataSchema,
  TaskEventDataSchema,
  type AgentEventData,
  type FailureData,
  type TaskEventData,
} from './event-data-schema';
export { normalise, normaliseInteraction, type NormaliseOptions, type Normalised } from './normalise';
export { MEDIA_CHANNELS } from './wire-values';
export type { Known } from './known-fields';
export { FIELD_DOCS } from './field-docs';
export {
  isNotification,
  readWorkerMessage,
  WORKER_MESSAGE_TYPES,
  type BridgedItem,
  type BridgeReading,
  type WorkerMessageType,
} from './bridge';
