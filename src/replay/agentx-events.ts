/**
 * Wire event name → the `AGENTX_SERVICE` signal a Desktop widget listens to.
 *
 * Widgets written for the stock Desktop (`@wxcc-desktop/sdk`) never see frames: they call
 * `Desktop.agentContact.addEventListener('eAgentContactHeld', fn)`, which binds to
 * `AGENTX_SERVICE.aqm.contact.eAgentContactHeld.listen(fn)` (protocol doc §10.9). The signal names
 * are public (`@wxcc-desktop/sdk-types`, `services/aqm/aqm-service-contact.d.ts` and the agent
 * service); the binding from wire names to them is not. `confirmed: true` marks a signal whose name
 * is the wire name with an `e` in front (the Desktop's own convention, so the binding is certain up
 * to letter case); `confirmed: false` marks a binding we inferred from the meaning of the two names.
 * Listeners receive the whole notification message (`Msg<T>`: `{type, orgId, trackingId, data}`),
 * i.e. the parsed frame.
 */
export interface AgentxSignal {
  /** `AGENTX_SERVICE.aqm.<entity>`. */
  readonly entity: 'contact' | 'agent';
  readonly eName: string;
  readonly confirmed: boolean;
}

const CONTACT_SAME_NAME = [
  'AgentContact',
  'AgentContactAssigned',
  'AgentContactAssignFailed',
  'AgentOfferContact',
  'AgentOfferContactRona',
  'AgentContactReserved',
  'AgentInviteFailed',
  'AgentOfferConsult',
  'AgentWrapup',
  'AgentContactHeld',
  'AgentConsultTransferFailed',
  'ContactMerged',
  'AgentConsultCreated',
  'AgentConsultConferenced',
  'AgentConsultEnded',
  'AgentCtqCancelled',
  'AgentConsultConferenceEnded',
  'AgentConsulting',
  'AgentConsultFailed',
  'AgentConsultEndFailed',
  'AgentCtqFailed',
  'AgentCtqCancelFailed',
  'AgentConsultConferenceEndFailed',
  'ContactOwnerChanged',
  'ParticipantJoinedConference',
  'ParticipantLeftConference',
  'ParticipantPostCallActivity',
  'ConsultedParticipantMoving',
  'AgentConferenceTransferred',
  'AgentConsultConferencing',
  'AgentConsultTransferring',
] as const;

/** Same name but for letter case: the signal is certain, only the spelling differs. */
const CONTACT_CASE_ONLY: Readonly<Record<string, string>> = {
  AgentContactUnheld: 'eAgentContactUnHeld',
  AgentBlindTransferred: 'eAgentblindTransferred',
};

/** Inferred: the signal's name says the same thing in other words. */
const CONTACT_INFERRED: Readonly<Record<string, string>> = {
  ContactEnded: 'eAgentContactEnded',
  AgentWrappedUp: 'eAgentContactWrappedUp',
  AgentOfferCampaignReservation: 'eAgentOfferCampaignReserved',
  CampaignContactUpdated: 'eAgentCampaignContactUpdated',
  ContactRecordingPaused: 'ePauseRecording',
  ContactRecordingResumed: 'eResumeRecording',
  ContactRecordingStarted: 'eCallRecordingStarted',
  AgentConsultTransferred: 'eConsultTransfer',
  AgentVteamTransferred: 'eAgentvteamTransfer',
};

const AGENT_SAME_NAME = [
  'AgentStateChangeSuccess',
  'AgentStationLoginSuccess',
  'AgentReloginSuccess',
  'AgentChannelReloginSuccess',
  'AgentDNRegistered',
  'AgentChannelStateChanged',
] as const;

const AGENT_INFERRED: Readonly<Record<string, string>> = {
  AgentStateChange: 'eAgentStateChangeSuccess',
};

const TABLE: ReadonlyMap<string, AgentxSignal> = new Map<string, AgentxSignal>([
  ...CONTACT_SAME_NAME.map((n) => [n, { entity: 'contact', eName: `e${n}`, confirmed: true }] as const),
  ...Object.entries(CONTACT_CASE_ONLY).map(([n, e]) => [n, { entity: 'contact', eName: e, confirmed: true }] as const),
  ...Object.entries(CONTACT_INFERRED).map(([n, e]) => [n, { entity: 'contact', eName: e, confirmed: false }] as const),
  ...AGENT_SAME_NAME.map((n) => [n, { entity: 'agent', eName: `e${n}`, confirmed: true }] as const),
  ...Object.entries(AGENT_INFERRED).map(([n, e]) => [n, { entity: 'agent', eName: e, confirmed: false }] as const),
]);

/** The signal a widget hears for this wire event name, or undefined when no signal carries it. */
export function agentxSignalFor(wireName: string): AgentxSignal | undefined {
  return TABLE.get(wireName);
}

/** Every binding, for the README table and the fake service's list of signals. */
export function agentxSignals(): ReadonlyMap<string, AgentxSignal> {
  return TABLE;
}
