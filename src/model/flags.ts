import type { DecodedEvent, Interaction } from '../protocol';

export type RecordingState = 'off' | 'active' | 'paused' | 'unknown';

/**
 * What a person debugging a call wants to know after each event, derived from the normalised
 * snapshot (protocol doc §4.5) and, where the snapshot cannot say, from the event itself.
 */
export interface Flags {
  state: string | undefined;
  /** Any media leg on hold. */
  onHold: boolean;
  /** The held legs, by mediaResourceId. */
  heldLegs: string[];
  /** When each held leg went on hold: capture time (ms) of the event that first showed it held. */
  heldSince: Record<string, number>;
  recording: RecordingState;
  /** `callProcessingDetails.pauseResumeEnabled`; undefined when the snapshot does not say. */
  pauseResumeAllowed: boolean | undefined;
  consulting: boolean;
  conferencing: boolean;
  consultToQueue: boolean;
  monitoring: boolean;
  parked: boolean;
  ended: boolean;
  wrapUp: boolean;
  /** Epoch ms by which the offer must be answered (offer time + ronaTimeout), while it rings. */
  ronaDeadline: number | undefined;
}

export const INITIAL_FLAGS: Flags = {
  state: undefined,
  onHold: false,
  heldLegs: [],
  heldSince: {},
  recording: 'unknown',
  pauseResumeAllowed: undefined,
  consulting: false,
  conferencing: false,
  consultToQueue: false,
  monitoring: false,
  parked: false,
  ended: false,
  wrapUp: false,
  ronaDeadline: undefined,
};

/** Events after which the task is over for this agent (wrap-up may still follow). */
const ENDING = new Set([
  'ContactEnded',
  'AgentWrapup',
  'AgentWrappedUp',
  'AgentOfferContactRona',
  'AgentContactAssignFailed',
  'AgentInviteFailed',
]);
/** Events that stop the RONA clock. */
const ANSWERED = new Set(['AgentContactAssigned', 'AgentConsulting', ...ENDING]);
const NEW_OFFER = new Set([
  'AgentContactReserved',
  'AgentOfferContact',
  'AgentOfferConsult',
  'AgentOfferCampaignReservation',
]);
const NON_AGENT_TYPES = new Set(['customer', 'supervisor', 'vva']);

/**
 * The recording state from the three CPD flags: `recordingStarted` says whether recording exists,
 * `recordInProgress` is the authoritative pause signal, `isPaused` counts only when
 * `recordInProgress` is absent (the SDK's own derivation, protocol doc §4.5).
 */
export function recordingState(cpd: Interaction['callProcessingDetails'] | undefined): RecordingState {
  if (!cpd) return 'unknown';
  const { recordingStarted, recordInProgress, isPaused } = cpd;
  if (recordingStarted === false) return 'off';
  const inProgress = recordInProgress ?? (isPaused === undefined ? undefined : !isPaused);
  if (inProgress === true) return 'active';
  if (inProgress === false) return recordingStarted === true || isPaused === true ? 'paused' : 'off';
  return recordingStarted === true ? 'active' : 'unknown';
}

const NOT_MONITORING = new Set(['OFFERED', 'ENDED', 'DECLINED', 'FAILED', 'REJECTED']);

/** A supervisor is listening: `monitoringState` says so (STARTED…), or only the type is known. */
function monitoring(cpd: Interaction['callProcessingDetails'] | undefined, before: boolean): boolean {
  const state = cpd?.monitoringState?.toUpperCase();
  if (state) return !NOT_MONITORING.has(state);
  return cpd?.monitorType ? before : false;
}

/** The main leg's key: the primary agent's interaction id (protocol doc §4.3). */
export function mainLegId(snapshot: Interaction): string {
  return snapshot.mainInteractionId ?? snapshot.interactionId;
}

/** Agents (not the customer, a supervisor or a virtual agent) still on the main leg. */
export function agentsOnMainLeg(snapshot: Interaction): number {
  const main = snapshot.media?.[mainLegId(snapshot)];
  if (!main?.participants) return 0;
  let agents = 0;
  for (const id of main.participants) {
    const participant = snapshot.participants?.[id];
    if (!participant || participant.hasLeft) continue;
    const type = String(participant.pType ?? participant.type ?? '').toLowerCase();
    if (!NON_AGENT_TYPES.has(type)) agents++;
  }
  return agents;
}

function ronaSeconds(event: DecodedEvent, snapshot: Interaction | undefined): number | undefined {
  const fromData = event.shape === 'task' ? event.data?.ronaTimeout : undefined;
  if (typeof fromData === 'number' && fromData > 0) return fromData;
  const fromCpd = Number(snapshot?.callProcessingDetails?.ronaTimeout);
  return Number.isFinite(fromCpd) && fromCpd > 0 ? fromCpd : undefined;
}

/** Flags after `event`, given the flags before it and the snapshot it leaves the interaction in. */
export function deriveFlags(previous: Flags, event: DecodedEvent, snapshot: Interaction | undefined, t: number): Flags {
  const name = event.name;
  const flags: Flags = { ...previous, heldSince: {} };
  if (snapshot) {
    const cpd = snapshot.callProcessingDetails;
    flags.state = snapshot.state;
    flags.heldLegs = [];
    let consultLeg = false;
    for (const [id, leg] of Object.entries(snapshot.media ?? {})) {
      if (leg?.mType === 'consult') consultLeg = true;
      if (leg?.isHold === true) {
        flags.heldLegs.push(id);
        flags.heldSince[id] = previous.heldSince[id] ?? t;
      }
    }
    flags.recording = recordingState(cpd);
    flags.pauseResumeAllowed = cpd?.pauseResumeEnabled;
    flags.consulting = snapshot.state === 'consulting' || consultLeg;
    flags.conferencing =
      snapshot.state === 'conference' || cpd?.isConferencing === 'true' || agentsOnMainLeg(snapshot) >= 2;
    flags.consultToQueue = cpd?.ctqInProgress === true;
    flags.monitoring = monitoring(cpd, previous.monitoring);
    flags.parked = cpd?.isParked === 'true';
    flags.wrapUp = snapshot.state === 'wrapUp' || (previous.wrapUp && name !== 'AgentWrappedUp');
    flags.ended = previous.ended || snapshot.isTerminated === true;
  } else {
    // No snapshot (recording events without one, failures): keep what is known, apply the event.
    for (const id of previous.heldLegs) flags.heldSince[id] = previous.heldSince[id]!;
    if (name === 'ContactRecordingPaused') flags.recording = 'paused';
    if (name === 'ContactRecordingResumed') flags.recording = 'active';
  }
  flags.onHold = flags.heldLegs.length > 0;
  if (NEW_OFFER.has(name)) {
    flags.ended = false;
    flags.wrapUp = false;
  }
  if (name === 'AgentWrapup') flags.wrapUp = true;
  if (name === 'AgentWrappedUp') flags.wrapUp = false;
  // In a conference the customer hanging up leaves the agents talking (protocol doc §5).
  if (ENDING.has(name) && !(name === 'ContactEnded' && flags.conferencing)) flags.ended = true;
  if (name === 'AgentOfferContact' || name === 'AgentOfferConsult') {
    const seconds = ronaSeconds(event, snapshot);
    flags.ronaDeadline = seconds === undefined ? undefined : t + seconds * 1000;
  } else if (ANSWERED.has(name)) {
    flags.ronaDeadline = undefined;
  }
  return flags;
}

/** The report's Flags (report format v1): the keys the contract names, nothing else. */
export function reportFlags(flags: Flags) {
  return {
    state: flags.state ?? null,
    onHold: flags.onHold,
    heldLegs: flags.heldLegs,
    recording: flags.recording,
    consulting: flags.consulting,
    conferencing: flags.conferencing,
    ended: flags.ended,
    wrapUp: flags.wrapUp,
  };
}
