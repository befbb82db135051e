/**
 * The seed `Interaction` (../shared/seed/Interaction.md), transcribed once, by hand, as the
 * contract the Valibot schema must match. The seed names five types it does not expand; they are
 * transcribed from the SDK they come from (`@webex/contact-center` `src/services/task/types.ts`),
 * which is also what protocol doc §4.1/§4.3/§4.4 describes. The SDK's `InteractionParticipant`
 * additionally declares `[key: string]: unknown`; that catch-all is left out here because the
 * decoder keeps unknown keys at runtime on every object anyway, and the public types deliberately
 * list only named fields (src/protocol/known-fields.ts).
 *
 * Nothing in src/ may import this file: it exists only for the type-equality test.
 */

export const SEED_MEDIA_CHANNEL = {
  EMAIL: 'email',
  CHAT: 'chat',
  TELEPHONY: 'telephony',
  SOCIAL: 'social',
  SMS: 'sms',
  FACEBOOK: 'facebook',
  WHATSAPP: 'whatsapp',
} as const;
export type MEDIA_CHANNEL = (typeof SEED_MEDIA_CHANNEL)[keyof typeof SEED_MEDIA_CHANNEL];

export interface CallAssociatedDatum {
  agentEditable: boolean;
  agentViewable: boolean;
  displayName: string;
  global: boolean;
  isSecure: boolean;
  name: string;
  reportable: boolean;
  secureKeyId: string;
  secureKeyVersion: number;
  type: string;
  value: string;
}
export type CallAssociatedData = Record<string, CallAssociatedDatum>;
export type CallAssociatedDetails = Record<string, string>;

export interface FlowParameter {
  name?: string;
  qualifier?: string;
  description?: string;
  valueDataType?: string;
  value?: string;
}

export interface InteractionParticipant {
  id: string;
  pType: string;
  type: string;
  hasJoined: boolean;
  hasLeft: boolean;
  isInPredial: boolean;
  callerId?: string | null;
  autoAnswerEnabled?: boolean;
  bnrDetails?: unknown;
  channelId?: string;
  consultState?: string | null;
  consultTimestamp?: number | null;
  currentState?: string | null;
  currentStateTimestamp?: number | null;
  deviceCallId?: string | null;
  deviceId?: string | null;
  deviceType?: string | null;
  dn?: string | null;
  isConsulted?: boolean;
  isOffered?: boolean;
  isWrapUp?: boolean;
  isWrappedUp?: boolean;
  joinTimestamp?: number | null;
  lastUpdated?: number | null;
  name?: string | null;
  queueId?: string;
  queueMgrId?: string;
  sessionId?: string;
  siteId?: string;
  skillId?: string | null;
  skillName?: string | null;
  skills?: string[];
  teamId?: string;
  teamName?: string;
  wrapUpTimestamp?: number | null;
}
export type InteractionParticipants = Record<string, InteractionParticipant>;

export type Interaction = {
  callAssociatedData?: CallAssociatedData;
  callAssociatedDetails?: CallAssociatedDetails;
  callFlowParams?: Record<string, FlowParameter>;
  callProcessingDetails: {
    BLIND_TRANSFER_IN_PROGRESS?: boolean;
    CONTINUE_RECORDING_ON_TRANSFER?: string;
    EP_ID?: string;
    IvrPath: string;
    QMgrName: string;
    QueueId: string;
    ROUTING_TYPE?: string;
    ani: string;
    appUser: string;
    category: string;
    childInteractionId?: string;
    consultDestinationAgentJoined?: boolean | string;
    consultDestinationAgentName?: string;
    convIvrTranscript?: string;
    ctqInProgress?: boolean;
    customerName: string;
    customerNumber: string;
    customerRegion?: string;
    displayAni: string;
    dnis: string;
    fcDesktopView?: string;
    fceRegisteredEvents?: string;
    flowTagId?: string;
    fromAddress: string;
    isConferencing?: string;
    isParked?: string;
    isPaused?: boolean;
    mohFileName?: string;
    monitorType?: string;
    monitoringInvisibleMode?: string;
    monitoringRequestId?: string;
    monitoringState?: string;
    outdialAgentId?: string;
    outdialTransferToQueueEnabled?: boolean;
    parentInteractionId?: string;
    parent_ANI?: string;
    parent_Agent_DN?: string;
    parent_Agent_Name?: string;
    parent_Agent_TeamName?: string;
    parent_DNIS?: string;
    participantInviteTimeout?: string;
    pathId: string;
    pauseDuration?: string;
    pauseResumeEnabled?: boolean;
    priority?: string;
    reason: string;
    reasonCode: string;
    recordInProgress?: boolean;
    recordingStarted?: boolean;
    relationshipType?: string;
    ronaTimeout: string;
    routingStrategyId?: string;
    sourceNumber: string;
    sourcePage: string;
    taskToBeSelfServiced: string;
    tenantId: string;
    virtualTeamName: string;
    vteamId: string;
    workflowId?: string;
    workflowName?: string;
  };
  contactDirection: {
    type: string;
  };
  createdTimestamp?: number;
  currentVTeam: string;
  flowProperties?: Record<string, unknown> | null;
  interactionId: string;
  isFcManaged: boolean;
  isMediaForked?: boolean;
  isTerminated: boolean;
  isWrapUpAssist?: boolean;
  mainInteractionId?: string;
  media: Record<
    string,
    {
      holdTimestamp: number | null;
      isHold: boolean;
      mType: string;
      mediaMgr: string;
      mediaResourceId: string;
      mediaType: MEDIA_CHANNEL;
      participants: string[];
    }
  >;
  mediaChannel: string;
  mediaProperties?: Record<string, unknown> | null;
  mediaType: MEDIA_CHANNEL;
  orgId: string;
  outboundType?: string;
  owner: string;
  parentInteractionId?: string;
  participants: InteractionParticipants;
  previousVTeams: string[];
  queuedTimestamp?: number | null;
  state: string;
  workflowManager?: string | null;
};
