import { CONSULT_LIFECYCLE, OFFERS, TASK_ENDS, type DecodedEvent, type Interaction, type TaskEnd } from '../protocol';

export type RecordingState = 'off' | 'active' | 'paused' | 'conflict' | 'unknown';

/**
 * What a person debugging a call wants to know after each event. The event name is the truth where
 * it asserts a state (§10.2); the snapshot (§4.5) fills in the rest. When the task starts and ends,
 * when wrap-up is owed and when a consult starts or ends come from the lifecycle table
 * (src/protocol/task-lifecycle.ts, §10.4).
 */
export interface Flags {
  state: string | undefined;
  /** The customer is on hold: the customer's leg (the main leg; an EP-DN consulted agent's only leg) is held. */
  onHold: boolean;
  /** Every held leg, by mediaResourceId: a parked consult leg is here but is not "the customer on hold". */
  heldLegs: string[];
  /**
   * The customer's leg as the latest snapshot names it (kept while events carry none): which of
   * `heldLegs` "on hold" is about, so a report can tell it from a parked consult leg.
   */
  customerLeg: string | undefined;
  /** When each held leg went on hold: capture time (ms) of the event that first showed it held. */
  heldSince: Record<string, number>;
  recording: RecordingState;
  /** `callProcessingDetails.pauseResumeEnabled`; undefined when the snapshot does not say. */
  pauseResumeAllowed: boolean | undefined;
  /** A consult is going on, from its lifecycle events (or the snapshot where they are missing). */
  consulting: boolean;
  /** This desktop's agent is the consulted party of this task (AgentOfferConsult, EP-DN consult). */
  consulted: boolean;
  conferencing: boolean;
  consultToQueue: boolean;
  monitoring: boolean;
  parked: boolean;
  /** The task is over for this agent (§10.4). */
  ended: boolean;
  /** The event that ended it, while ended. */
  endedBy: string | undefined;
  /** Wrap-up is owed by this agent (§10.4): set when the task ends with wrap-up required, cleared by AgentWrappedUp. */
  wrapUp: boolean;
  /** Epoch ms by which the offer must be answered (offer time + ronaTimeout), while it rings. */
  ronaDeadline: number | undefined;
}

export const INITIAL_FLAGS: Flags = {
  state: undefined,
  onHold: false,
  heldLegs: [],
  customerLeg: undefined,
  heldSince: {},
  recording: 'unknown',
  pauseResumeAllowed: undefined,
  consulting: false,
  consulted: false,
  conferencing: false,
  consultToQueue: false,
  monitoring: false,
  parked: false,
  ended: false,
  endedBy: undefined,
  wrapUp: false,
  ronaDeadline: undefined,
};

/** Events that stop the RONA clock. */
const ANSWERED = new Set(['AgentContactAssigned', 'AgentConsulting', ...TASK_ENDS.keys()]);
const NON_AGENT_TYPES = new Set(['customer', 'supervisor', 'vva']);

/**
 * The recording state from the three CPD flags: `recordingStarted` says whether recording exists,
 * `recordInProgress` is the active signal (the seed), `isPaused` counts only when
 * `recordInProgress` is absent. Where the flags contradict each other (`recordInProgress` and
 * `isPaused` both true; `recordingStarted` false with `recordInProgress` true) there is no single
 * right reading: `conflict` (§10.3).
 */
export function recordingState(cpd: Interaction['callProcessingDetails'] | undefined): RecordingState {
  if (!cpd) return 'unknown';
  const { recordingStarted, recordInProgress, isPaused } = cpd;
  if (recordInProgress === true && (isPaused === true || recordingStarted === false)) return 'conflict';
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

/**
 * The customer's leg: the main leg (keyed by the main interaction id, §4.3) when the snapshot has
 * it, else the one `mainCall` leg, else the only leg (an EP-DN consulted agent's).
 */
export function customerLegId(snapshot: Interaction): string | undefined {
  const media = snapshot.media ?? {};
  const main = mainLegId(snapshot);
  if (media[main]) return main;
  const legs = Object.entries(media);
  const mainCall = legs.filter(([, leg]) => leg?.mType === 'mainCall');
  if (mainCall.length === 1) return mainCall[0]![0];
  return legs.length === 1 ? legs[0]![0] : undefined;
}

/** The snapshot marks a consult (§10.10): state, this agent's consultState, a consult leg in use, CPD relationship, isConsulted. */
function snapshotSaysConsult(snapshot: Interaction, data: Record<string, unknown>, self: string | undefined): boolean {
  if (snapshot.state === 'consulting') return true;
  const cpd = snapshot.callProcessingDetails;
  if (cpd?.relationshipType === 'consult' && cpd.parentInteractionId) return true;
  if (data['isConsulted'] === true) return true;
  const me = self ? snapshot.participants?.[self] : undefined;
  if (me?.isConsulted === true) return true;
  const consultState = typeof me?.consultState === 'string' ? me.consultState.toLowerCase() : '';
  return consultState === 'consulting' || consultState === 'consultinitiated';
}

/** Whether this agent owes wrap-up after `end` ended the task (§10.4). */
function wrapUpAfter(
  end: TaskEnd,
  data: Record<string, unknown>,
  snapshot: Interaction | undefined,
  self: string | undefined,
  consulted: boolean,
): boolean {
  const fromSnapshot = (): boolean => {
    const me = self ? snapshot?.participants?.[self] : undefined;
    return me?.isWrapUp === true || snapshot?.state === 'wrapUp';
  };
  switch (end.wrapUp) {
    case 'owed':
      return true;
    case 'done':
    case 'none':
      return false;
    case 'from-snapshot':
      return fromSnapshot();
    case 'pending-list': {
      // The consulted agent's consult task is removed without wrap-up.
      if (consulted && !Array.isArray(data['agentsPendingWrapUp'])) return false;
      const pending = data['agentsPendingWrapUp'];
      if (Array.isArray(pending)) return self !== undefined && pending.includes(self);
      return fromSnapshot();
    }
  }
}

/** Whether `name` ends this agent's task given what it says (the table's `when`, §10.4). */
function endsTask(
  end: TaskEnd,
  data: Record<string, unknown>,
  snapshot: Interaction | undefined,
  self: string | undefined,
  consulted: boolean,
): boolean {
  switch (end.when) {
    case 'always':
      return true;
    case 'if-consulted':
      return consulted;
    case 'if-consulted-or-terminated':
      return consulted || snapshot?.isTerminated === true;
    case 'if-self':
      return self !== undefined && data['participantId'] === self;
  }
}

function ronaSeconds(event: DecodedEvent, snapshot: Interaction | undefined): number | undefined {
  const fromData = event.shape === 'task' ? event.data?.ronaTimeout : undefined;
  if (typeof fromData === 'number' && fromData > 0) return fromData;
  const fromCpd = Number(snapshot?.callProcessingDetails?.ronaTimeout);
  return Number.isFinite(fromCpd) && fromCpd > 0 ? fromCpd : undefined;
}

/** What the flags need to know besides the event: this desktop's agent. */
export interface FlagContext {
  agentId: string | undefined;
}

/**
 * Whether the task is finished for this agent: over, with nothing owed. After that only a new offer
 * (after a re-offerable end) starts it again; any other event is late and changes no flag.
 */
export function isFinished(flags: Flags): boolean {
  return flags.ended && !flags.wrapUp;
}

/** Whether `name` starts the task again after the end that left `flags` (RONA, failed assignment). */
export function reopens(flags: Flags, name: string): boolean {
  // AgentWrapup forces wrap-up after an end that owed none (§10.4); after AgentWrappedUp it is late.
  if (name === 'AgentWrapup') return flags.endedBy !== 'AgentWrappedUp';
  if (!OFFERS.has(name)) return false;
  return flags.endedBy === undefined || TASK_ENDS.get(flags.endedBy)?.reofferable === true;
}

/** Flags after `event`, given the flags before it and the snapshot it leaves the interaction in. */
export function deriveFlags(
  previous: Flags,
  event: DecodedEvent,
  snapshot: Interaction | undefined,
  t: number,
  context: FlagContext = { agentId: undefined },
): Flags {
  const name = event.name;
  const self = context.agentId;
  const data = (event.data ?? {}) as Record<string, unknown>;
  const flags: Flags = { ...previous, heldSince: {} };
  const reopened = previous.ended && reopens(previous, name);
  if (reopened) {
    flags.ended = false;
    flags.endedBy = undefined;
    flags.wrapUp = false;
    flags.consulting = false;
    flags.consulted = false;
  }
  if (name === 'AgentOfferConsult') flags.consulted = true;
  const heldLegs = new Set(previous.heldLegs);
  if (snapshot) {
    const cpd = snapshot.callProcessingDetails;
    flags.state = snapshot.state;
    heldLegs.clear();
    for (const [id, leg] of Object.entries(snapshot.media ?? {})) if (leg?.isHold === true) heldLegs.add(id);
    flags.recording = recordingState(cpd);
    flags.pauseResumeAllowed = cpd?.pauseResumeEnabled;
    flags.conferencing =
      snapshot.state === 'conference' || cpd?.isConferencing === 'true' || agentsOnMainLeg(snapshot) >= 2;
    flags.consultToQueue = cpd?.ctqInProgress === true;
    flags.monitoring = monitoring(cpd, previous.monitoring);
    flags.parked = cpd?.isParked === 'true';
    if (cpd?.relationshipType === 'consult' && cpd.parentInteractionId) flags.consulted = true;
  }
  // The event name is the truth where it asserts a state (§10.2); the snapshot may lag or contradict.
  const leg = eventLeg(event, snapshot);
  if (name === 'AgentContactHeld' && leg) heldLegs.add(leg);
  if (name === 'AgentContactUnheld' && leg) heldLegs.delete(leg);
  if (name === 'ContactRecordingPaused') flags.recording = 'paused';
  if (name === 'ContactRecordingResumed') flags.recording = 'active';

  // The consult lifecycle (§3.4); the snapshot confirms, or starts it where events are missing.
  const phase = CONSULT_LIFECYCLE.get(name);
  if (phase === 'start') flags.consulting = true;
  else if (phase === 'end') flags.consulting = false;
  else if (snapshot && name === 'AgentContact') flags.consulting = snapshotSaysConsult(snapshot, data, self);
  else if (snapshot && !flags.consulting && snapshot.state !== 'new' && flags.consulted)
    flags.consulting = snapshotSaysConsult(snapshot, data, self);

  // When the task is over for this agent, and whether wrap-up is owed (§10.4).
  const end = TASK_ENDS.get(name);
  if (end && endsTask(end, data, snapshot, self, flags.consulted)) {
    const owed = wrapUpAfter(end, data, snapshot, self, flags.consulted);
    if (!flags.ended || end.wrapUp === 'done' || owed) flags.wrapUp = owed;
    flags.ended = true;
    flags.endedBy = name;
  } else if (snapshot?.isTerminated === true && !flags.ended && !reopened && name !== 'AgentContact') {
    // Terminated without an ending event: the contact is over; what is owed comes with its end event.
    flags.ended = true;
    flags.endedBy = name;
  }
  if (name === 'AgentContact' && snapshot) {
    // A hydrate says where the task is: wrap-up from this agent's participant record (§10.4).
    const me = self ? snapshot.participants?.[self] : undefined;
    if (me?.isWrapUp !== undefined) flags.wrapUp = me.isWrapUp === true && me.isWrappedUp !== true;
    if (snapshot.isTerminated === true || flags.wrapUp) flags.ended = true;
  }
  if (flags.ended) endMedia(flags, heldLegs);

  flags.heldLegs = [...heldLegs];
  for (const id of flags.heldLegs) flags.heldSince[id] = previous.heldSince[id] ?? t;
  const customerLeg = snapshot ? customerLegId(snapshot) : undefined;
  flags.onHold = customerLeg !== undefined ? heldLegs.has(customerLeg) : previous.onHold && heldLegs.size > 0;
  if (customerLeg !== undefined) flags.customerLeg = customerLeg;

  if (name === 'AgentOfferContact' || name === 'AgentOfferConsult') {
    const seconds = ronaSeconds(event, snapshot);
    flags.ronaDeadline = seconds === undefined ? undefined : t + seconds * 1000;
  } else if (ANSWERED.has(name) || flags.ended) {
    flags.ronaDeadline = undefined;
  }
  return flags;
}

/**
 * Once the task is over for this agent (§10.4) none of its media goes on for them, whatever the
 * end event's snapshot still says (a `ContactEnded` snapshot keeps `recordInProgress: true`): no
 * held leg, consult, conference, monitoring or parked call, and a known recording is `off`. The
 * intervals close at the end event from these flags, so the lane chart, the report and the CLI's
 * chips stop where the task did.
 */
function endMedia(flags: Flags, heldLegs: Set<string>): void {
  heldLegs.clear();
  flags.consulting = false;
  flags.conferencing = false;
  flags.consultToQueue = false;
  flags.monitoring = false;
  flags.parked = false;
  if (flags.recording !== 'unknown') flags.recording = 'off';
}

/** The leg an event is about: `data.mediaResourceId`, else the customer's leg (protocol doc §5.1 check 3). */
function eventLeg(event: DecodedEvent, snapshot: Interaction | undefined): string | undefined {
  const fromData = event.mediaResourceId;
  if (fromData) return fromData;
  return snapshot ? customerLegId(snapshot) : event.interactionId;
}

/** The report's Flags (report format v2): the keys the contract names, plus the end and consult facts. */
export function reportFlags(flags: Flags) {
  return {
    state: flags.state ?? null,
    onHold: flags.onHold,
    heldLegs: flags.heldLegs,
    customerLeg: flags.customerLeg ?? null,
    recording: flags.recording,
    consulting: flags.consulting,
    conferencing: flags.conferencing,
    ended: flags.ended,
    wrapUp: flags.wrapUp,
    endedBy: flags.endedBy ?? null,
    consulted: flags.consulted,
  };
}
