// Builders for wire frames, following /work/shared/protocol/wxcc-protocol.md §2-§4.
// The scenario JSON files are generated from these (test/sim/generate.ts) because a
// full Interaction snapshot rides on every contact event: written by hand, the
// snapshots drift apart (a leg held in one frame, silently unheld in the next).
// All ids and numbers are fake; phone numbers use the +1-555-01xx fiction range.

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export const ORG_ID = 'c0de0000-0000-4000-8000-000000000001';
export const TENANT_ID = '555001';
export const SITE_ID = '5173e000-0000-4000-8000-000000000001';
export const TEAM_ID = '7ea30000-0000-4000-8000-000000000001';
export const QUEUE_ID = '9ee00000-0000-4000-8000-000000000001';
export const ENTRY_POINT_ID = 'e9e00000-0000-4000-8000-000000000001';
export const DNIS = '+18005550199';

export interface AgentInfo {
  id: string;
  name: string;
  sessionId: string;
  dn: string;
}

export const AGENT: AgentInfo = {
  id: 'a9e47000-0000-4000-8000-00000000000a',
  name: 'Dana Agent',
  sessionId: '5e55000a-0000-4000-8000-00000000000a',
  dn: 'webrtc-a9e47000-0000-4000-8000-00000000000a',
};

export const AGENT_B: AgentInfo = {
  id: 'a9e47000-0000-4000-8000-00000000000b',
  name: 'Bo Consultant',
  sessionId: '5e55000b-0000-4000-8000-00000000000b',
  dn: 'webrtc-a9e47000-0000-4000-8000-00000000000b',
};

export function clone<T>(v: T): T {
  return structuredClone(v);
}

// ---------------------------------------------------------------------------
// The Interaction model: one mutable object per call; events take snapshots of it.

export interface CallSpec {
  interactionId: string;
  ani: string;
  createdAt: number;
  recording?: { pauseResumeEnabled: boolean };
  customerName?: string;
  accountId?: string;
}

function agentParticipant(agent: AgentInfo, t: number): JsonObject {
  return {
    id: agent.id,
    pType: 'Agent',
    type: 'Agent',
    name: agent.name,
    hasJoined: false,
    hasLeft: false,
    isInPredial: false,
    isOffered: false,
    isConsulted: false,
    isWrapUp: false,
    isWrappedUp: false,
    teamId: TEAM_ID,
    teamName: 'Tier1',
    siteId: SITE_ID,
    deviceType: 'BROWSER',
    dn: agent.dn,
    deviceId: agent.dn,
    joinTimestamp: null,
    lastUpdated: t,
    currentState: 'new',
    currentStateTimestamp: t,
    consultState: null,
    consultTimestamp: null,
    wrapUpTimestamp: null,
    autoAnswerEnabled: 'false',
  };
}

export class Call {
  readonly id: string;
  readonly ani: string;
  readonly interaction: JsonObject;

  constructor(spec: CallSpec) {
    this.id = spec.interactionId;
    this.ani = spec.ani;
    const cpd: JsonObject = {
      QMgrName: 'aqm',
      taskToBeSelfServiced: 'false',
      ani: spec.ani,
      displayAni: spec.ani,
      dnis: DNIS,
      tenantId: TENANT_ID,
      QueueId: QUEUE_ID,
      vteamId: QUEUE_ID,
      virtualTeamName: 'Support_Queue',
      customerName: spec.customerName ?? '',
      customerNumber: spec.ani,
      IvrPath: '',
      pathId: '',
      appUser: '',
      category: '',
      reason: '',
      reasonCode: '',
      sourceNumber: spec.ani,
      sourcePage: '',
      fromAddress: '',
      ronaTimeout: '30',
      ctqInProgress: 'false',
      relationshipType: 'primary',
      EP_ID: ENTRY_POINT_ID,
      ROUTING_TYPE: 'QUEUE',
      priority: '10',
    };
    if (spec.recording) {
      Object.assign(cpd, {
        pauseResumeEnabled: String(spec.recording.pauseResumeEnabled),
        pauseDuration: '30',
        recordingStarted: 'true',
        recordInProgress: 'true',
        isPaused: 'false',
        CONTINUE_RECORDING_ON_TRANSFER: 'true',
      });
    }
    this.interaction = {
      interactionId: spec.interactionId,
      orgId: ORG_ID,
      mediaType: 'telephony',
      mediaChannel: 'telephony',
      state: 'new',
      isTerminated: false,
      isFcManaged: false,
      isMediaForked: false,
      owner: AGENT.id,
      mainInteractionId: spec.interactionId,
      contactDirection: { type: 'INBOUND' },
      outboundType: null,
      currentVTeam: QUEUE_ID,
      previousVTeams: [ENTRY_POINT_ID],
      createdTimestamp: spec.createdAt,
      queuedTimestamp: spec.createdAt + 4_000,
      workflowManager: null,
      callProcessingDetails: cpd,
      media: {
        [spec.interactionId]: {
          mediaResourceId: spec.interactionId,
          mediaType: 'telephony',
          mediaMgr: 'callmm',
          mType: 'mainCall',
          isHold: false,
          holdTimestamp: null,
          participants: [spec.ani],
        },
      },
      participants: {
        [spec.ani]: {
          id: spec.ani,
          pType: 'Customer',
          type: 'Customer',
          hasJoined: true,
          hasLeft: false,
          isInPredial: false,
          callerId: spec.ani,
        },
      },
      callAssociatedData: {
        accountId: {
          name: 'accountId',
          displayName: 'Account',
          value: spec.accountId ?? 'A-00000',
          type: 'STRING',
          agentEditable: false,
          agentViewable: true,
          global: false,
          isSecure: false,
          reportable: true,
          secureKeyId: '',
          secureKeyVersion: 0,
        },
      },
    };
  }

  get cpd(): JsonObject {
    return this.interaction['callProcessingDetails'] as JsonObject;
  }
  get media(): Record<string, JsonObject> {
    return this.interaction['media'] as Record<string, JsonObject>;
  }
  get participants(): Record<string, JsonObject> {
    return this.interaction['participants'] as Record<string, JsonObject>;
  }
  get main(): JsonObject {
    return this.media[this.id] as JsonObject;
  }

  participant(id: string): JsonObject {
    const p = this.participants[id];
    if (!p) throw new Error(`no participant ${id} in ${this.id}`);
    return p;
  }

  leg(id: string): JsonObject {
    const m = this.media[id];
    if (!m) throw new Error(`no media leg ${id} in ${this.id}`);
    return m;
  }

  set(patch: JsonObject): this {
    Object.assign(this.interaction, patch);
    return this;
  }
  setCpd(patch: JsonObject): this {
    Object.assign(this.cpd, patch);
    return this;
  }

  legParticipants(legId: string): string[] {
    return this.leg(legId)['participants'] as string[];
  }

  addToLeg(legId: string, pid: string): void {
    const list = this.legParticipants(legId);
    if (!list.includes(pid)) list.push(pid);
  }

  removeFromLeg(legId: string, pid: string): void {
    const leg = this.leg(legId);
    leg['participants'] = this.legParticipants(legId).filter((p) => p !== pid);
  }

  updateAgent(agent: AgentInfo, t: number, patch: JsonObject): void {
    const p = this.participants[agent.id] ?? (this.participants[agent.id] = agentParticipant(agent, t));
    Object.assign(p, patch, { lastUpdated: t });
    if (typeof patch['currentState'] === 'string') p['currentStateTimestamp'] = t;
  }

  setHold(legId: string, isHold: boolean, t: number): void {
    const leg = this.leg(legId);
    leg['isHold'] = isHold;
    // holdTimestamp is deliberately left in place on resume: the backend does not
    // reliably clear it (protocol doc §4.5), and consumers must not read it as "held".
    if (isHold) leg['holdTimestamp'] = t;
  }

  snapshot(): JsonObject {
    return clone(this.interaction);
  }
}

// ---------------------------------------------------------------------------
// Envelopes.

export interface Clock {
  now: number;
  nextTracking(): { top: string; inner: string };
}

export function trackingIds(prefix: string): () => { top: string; inner: string } {
  let n = 0;
  return () => {
    n++;
    const tail = n.toString(16).padStart(12, '0');
    return {
      top: `notifs_${prefix}-0000-4000-8000-${tail}`,
      inner: `${prefix.slice(0, 4)}d000-0000-4000-9000-${tail}`,
    };
  };
}

export interface RoutingExtra {
  /** Set false to leave out data.mediaResourceId (recording events do, per PR #4848). */
  mediaResourceId?: string | false;
  extra?: JsonObject;
  /** Override the interaction snapshot (anomaly scripts). */
  interaction?: JsonObject;
  agentId?: string;
  eventTime?: number;
}

export function routingMessage(clock: Clock, type: string, call: Call, opts: RoutingExtra = {}): JsonObject {
  const ids = clock.nextTracking();
  const data: JsonObject = {
    type,
    eventType: 'RoutingMessage',
    eventTime: opts.eventTime ?? clock.now,
    agentId: opts.agentId ?? AGENT.id,
    interactionId: call.id,
  };
  if (opts.mediaResourceId !== false) data['mediaResourceId'] = opts.mediaResourceId ?? call.id;
  Object.assign(data, {
    consultMediaResourceId: null,
    destAgentId: null,
    orgId: ORG_ID,
    owner: call.interaction['owner'] as string,
    queueMgr: 'aqm',
    queueName: 'Support_Queue',
    trackingId: ids.inner,
  });
  Object.assign(data, opts.extra ?? {});
  data['interaction'] = opts.interaction ?? call.snapshot();
  return { type: 'RoutingMessage', orgId: ORG_ID, trackingId: ids.top, data };
}

export interface AgentStateSpec {
  subStatus: 'Available' | 'Idle';
  auxCodeId: string;
  reason: string;
  changedBy?: string;
}

export function agentStateChange(clock: Clock, agent: AgentInfo, s: AgentStateSpec): JsonObject {
  const ids = clock.nextTracking();
  return {
    type: 'AgentStateChange',
    orgId: ORG_ID,
    trackingId: ids.top,
    data: {
      type: 'AgentStateChangeSuccess',
      eventType: 'AgentDesktopMessage',
      agentId: agent.id,
      agentSessionId: agent.sessionId,
      orgId: ORG_ID,
      trackingId: ids.inner,
      status: s.subStatus,
      subStatus: s.subStatus,
      auxCodeId: s.auxCodeId,
      lastStateChangeReason: s.reason,
      lastStateChangeTimestamp: clock.now,
      lastIdleCodeChangeTimestamp: clock.now,
      changedBy: s.changedBy ?? 'AGENT',
      changedById: agent.id,
      changedByName: agent.name,
    },
  };
}

export function reloginSuccess(
  clock: Clock,
  agent: AgentInfo,
  interactionIds: string[],
  idleSince: number,
): JsonObject {
  const ids = clock.nextTracking();
  return {
    type: 'AgentReloginSuccess',
    orgId: ORG_ID,
    trackingId: ids.top,
    data: {
      type: 'AgentReloginSuccess',
      eventType: 'AgentDesktopMessage',
      agentId: agent.id,
      agentSessionId: agent.sessionId,
      orgId: ORG_ID,
      trackingId: ids.inner,
      teamId: TEAM_ID,
      siteId: SITE_ID,
      auxCodeId: AUX_WSS_DISCONNECT,
      status: 'LoggedIn',
      subStatus: 'Idle',
      lastStateChangeReason: 'agent-wss-disconnect',
      lastStateChangeTimestamp: idleSince,
      lastIdleCodeChangeTimestamp: idleSince,
      interactionIds,
      channelsMap: { telephony: ['c4a00000-0000-4000-8000-000000000001'], chat: [], email: [], social: [] },
      dialNumber: agent.dn,
      dn: agent.dn,
      deviceType: 'BROWSER',
      deviceId: agent.dn,
      roles: ['agent'],
      profileType: 'BLENDED',
    },
  };
}

export const AUX_AVAILABLE = '0';
export const AUX_BREAK = 'a0c00000-0000-4000-8000-00000000b7ea';
export const AUX_WSS_DISCONNECT = 'a0c00000-0000-4000-8000-0000000d15c0';
export const WRAPUP_CODE = 'a0c00000-0000-4000-8000-0000000c0de1';
