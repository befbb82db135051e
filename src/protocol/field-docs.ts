/*
 * One line of documentation per Interaction field, from the SDK's documented `Interaction` type
 * (the seed this project's schemas implement), keyed by field name: the Snapshot tree shows it as
 * the field's tooltip. Generated once from the seed; a name used at two levels keeps the first.
 */
export const FIELD_DOCS: ReadonlyMap<string, string> = new Map<string, string>([
  [
    "BLIND_TRANSFER_IN_PROGRESS",
    "Indicates if blind transfer is in progress (boolean)"
  ],
  [
    "CONTINUE_RECORDING_ON_TRANSFER",
    "Flag for continuing recording during transfer (string)"
  ],
  [
    "EP_ID",
    "Entry point identifier (string)"
  ],
  [
    "IvrPath",
    "Path taken through the IVR system (string)"
  ],
  [
    "QMgrName",
    "Name of the Queue Manager handling this interaction (string)"
  ],
  [
    "QueueId",
    "Queue identifier (string)"
  ],
  [
    "ROUTING_TYPE",
    "Type of routing being used (string)"
  ],
  [
    "ani",
    "Automatic Number Identification (caller's number) (string)"
  ],
  [
    "appUser",
    "Application user identifier (string)"
  ],
  [
    "callAssociatedData",
    "Detailed call associated data (CallAssociatedData)"
  ],
  [
    "callAssociatedDetails",
    "Simplified call associated key/value pairs (CallAssociatedDetails)"
  ],
  [
    "callFlowParams",
    "Parameters passed through the call flow (Record<string, FlowParameter>)"
  ],
  [
    "category",
    "Category of the interaction (string)"
  ],
  [
    "childInteractionId",
    "Identifier of the child interaction for related interactions (string)"
  ],
  [
    "consultDestinationAgentJoined",
    "Indicates if the consulted destination agent has joined (boolean | string)"
  ],
  [
    "consultDestinationAgentName",
    "Name of the destination agent for consultation (string)"
  ],
  [
    "convIvrTranscript",
    "IVR conversation transcript (string)"
  ],
  [
    "createdTimestamp",
    "Timestamp when the interaction was created (number)"
  ],
  [
    "ctqInProgress",
    "Indicates if Consult to Queue is in progress (boolean)"
  ],
  [
    "currentVTeam",
    "Current virtual team handling the interaction (string)"
  ],
  [
    "customerName",
    "Customer's name (string)"
  ],
  [
    "customerNumber",
    "Customer's contact number (string)"
  ],
  [
    "customerRegion",
    "Customer geographic region (string)"
  ],
  [
    "displayAni",
    "Display version of the ANI (string)"
  ],
  [
    "dnis",
    "Dialed Number Identification Service number (string)"
  ],
  [
    "fcDesktopView",
    "Desktop view configuration for Flow Control (string)"
  ],
  [
    "fceRegisteredEvents",
    "Events registered with Flow Control Engine (string)"
  ],
  [
    "flowProperties",
    "Retroactive flow properties returned by backend (Record<string, unknown> | null)"
  ],
  [
    "flowTagId",
    "Flow tag identifier (string)"
  ],
  [
    "fromAddress",
    "Email address or contact point that initiated the interaction (string)"
  ],
  [
    "interactionId",
    "Unique identifier for the interaction (string)"
  ],
  [
    "isConferencing",
    "Indicates if the interaction is in conference mode (string)"
  ],
  [
    "isFcManaged",
    "Indicates if the interaction is managed by Flow Control (boolean)"
  ],
  [
    "isMediaForked",
    "Indicates if media is forked for this interaction (boolean)"
  ],
  [
    "isParked",
    "Indicates if the interaction is parked (string)"
  ],
  [
    "isPaused",
    "Legacy pause indicator (recordInProgress=false is the active pause signal) (boolean)"
  ],
  [
    "isTerminated",
    "Indicates if the interaction has been terminated (boolean)"
  ],
  [
    "isWrapUpAssist",
    "Indicates if wrap-up assistance is enabled (boolean)"
  ],
  [
    "mainInteractionId",
    "Main interaction identifier for related interactions (string)"
  ],
  [
    "mediaChannel",
    "Primary media channel for the interaction (string)"
  ],
  [
    "mediaProperties",
    "Media specific properties returned by backend (Record<string, unknown> | null)"
  ],
  [
    "mediaType",
    "The type of media channel for this interaction (MEDIA_CHANNEL)"
  ],
  [
    "mohFileName",
    "Filename for music on hold (string)"
  ],
  [
    "monitorType",
    "Type of monitoring being performed (string)"
  ],
  [
    "monitoringInvisibleMode",
    "Indicates if monitoring is in invisible mode (string)"
  ],
  [
    "monitoringRequestId",
    "Identifier for the monitoring request (string)"
  ],
  [
    "monitoringState",
    "Current state of monitoring (string)"
  ],
  [
    "orgId",
    "Organization identifier (string)"
  ],
  [
    "outboundType",
    "Type of outbound interaction (string)"
  ],
  [
    "outdialAgentId",
    "Agent ID who initiated the outdial call (string)"
  ],
  [
    "outdialTransferToQueueEnabled",
    "Indicates if outdial transfer to queue is enabled (boolean)"
  ],
  [
    "owner",
    "Owner of the interaction (string)"
  ],
  [
    "parentInteractionId",
    "Identifier of the parent interaction for related interactions (string)"
  ],
  [
    "parent_ANI",
    "ANI of the parent interaction (string)"
  ],
  [
    "parent_Agent_DN",
    "DN of the parent interaction's agent (string)"
  ],
  [
    "parent_Agent_Name",
    "Name of the parent interaction's agent (string)"
  ],
  [
    "parent_Agent_TeamName",
    "Team name of the parent interaction's agent (string)"
  ],
  [
    "parent_DNIS",
    "DNIS of the parent interaction (string)"
  ],
  [
    "participantInviteTimeout",
    "Timeout for participant invitation (string)"
  ],
  [
    "participants",
    "List of participants in the interaction (InteractionParticipants)"
  ],
  [
    "pathId",
    "Identifier for the IVR path (string)"
  ],
  [
    "pauseDuration",
    "Duration of pause in seconds (string)"
  ],
  [
    "pauseResumeEnabled",
    "Agent capability for pause/resume on this interaction (boolean)"
  ],
  [
    "previousVTeams",
    "List of previous virtual teams that handled this interaction (string[])"
  ],
  [
    "priority",
    "Priority level of the interaction (string)"
  ],
  [
    "queuedTimestamp",
    "Timestamp when interaction entered queue (number | null)"
  ],
  [
    "reason",
    "Reason for the interaction (string)"
  ],
  [
    "reasonCode",
    "Code indicating the reason for interaction (string)"
  ],
  [
    "recordInProgress",
    "Recording is actively capturing audio right now (boolean)"
  ],
  [
    "recordingStarted",
    "Recording was started for this interaction (may be paused) (boolean)"
  ],
  [
    "relationshipType",
    "Type of relationship between parent and child interactions (string)"
  ],
  [
    "ronaTimeout",
    "RONA (Redirection on No Answer) timeout in seconds (string)"
  ],
  [
    "routingStrategyId",
    "Identifier for the routing strategy (string)"
  ],
  [
    "sourceNumber",
    "Source number for the interaction (string)"
  ],
  [
    "sourcePage",
    "Source page that initiated the interaction (string)"
  ],
  [
    "state",
    "Current state of the interaction (string)"
  ],
  [
    "taskToBeSelfServiced",
    "Indicates if the task should be self-serviced (string)"
  ],
  [
    "tenantId",
    "Tenant identifier (string)"
  ],
  [
    "virtualTeamName",
    "Name of the virtual team (string)"
  ],
  [
    "vteamId",
    "Virtual team identifier (string)"
  ],
  [
    "workflowId",
    "Identifier of the workflow (string)"
  ],
  [
    "workflowManager",
    "Optional workflow manager identifier (string | null)"
  ],
  [
    "workflowName",
    "Name of the workflow being executed (string)"
  ]
]);
