// Scenarios that complete the event families of protocol doc §3 for the protocol layer's tests:
// transfers and failure notifications (with and without `interaction` / `interactionId`), and an
// agent session with station login, buddy list, a failed state change, supervisor monitoring
// (event names unconfirmed, §3.7), logout-free session takeover (AGENT_MULTI_LOGIN).
// Reason codes and texts of the failures are made up for the fixtures.
import type { Scenario } from '../scenario.ts';
import { Script } from './script.ts';
import {
  AGENT,
  AGENT_B,
  AUX_AVAILABLE,
  Call,
  ORG_ID,
  SITE_ID,
  TEAM_ID,
  WRAPUP_CODE,
  agentStateChange,
  routingMessage,
  type AgentInfo,
  type Clock,
  type JsonObject,
} from './wire.ts';

const T0 = Date.UTC(2026, 0, 6, 9, 0, 0);
const HOUR = 3_600_000;

const available = (s: Script) =>
  agentStateChange(s, AGENT, { subStatus: 'Available', auxCodeId: AUX_AVAILABLE, reason: '' });

function id(suffix: string): string {
  return `c0ffee00-0000-4000-8000-0000000001${suffix}`;
}

/** A failure notification (§2.4 `Failure`, §2.5): no snapshot; `interactionId` only when given. */
function failure(
  clock: Clock,
  envelope: string,
  type: string,
  reasonCode: number,
  reason: string,
  interactionId?: string,
): JsonObject {
  const ids = clock.nextTracking();
  const data: JsonObject = {
    type,
    eventType: envelope === 'RoutingMessage' ? 'RoutingMessage' : 'AgentDesktopMessage',
    eventTime: clock.now,
    agentId: AGENT.id,
    orgId: ORG_ID,
    trackingId: ids.inner,
  };
  if (interactionId) data['interactionId'] = interactionId;
  Object.assign(data, { reasonCode, reason });
  return { type: envelope, orgId: ORG_ID, trackingId: ids.top, data };
}

/** An agent event (`AgentDesktopMessage`) of the given type, with its fields. */
export function agentMessage(
  clock: Clock,
  envelope: string,
  type: string,
  agent: AgentInfo,
  fields: JsonObject,
): JsonObject {
  const ids = clock.nextTracking();
  return {
    type: envelope,
    orgId: ORG_ID,
    trackingId: ids.top,
    data: {
      type,
      eventType: 'AgentDesktopMessage',
      agentId: agent.id,
      orgId: ORG_ID,
      trackingId: ids.inner,
      ...fields,
    },
  };
}

function ringAndAnswer(s: Script, call: Call): void {
  s.frame(200, (t) => {
    call.updateAgent(AGENT, t, { currentState: 'reserved' });
    return routingMessage(s, 'AgentContactReserved', call);
  });
  s.frame(200, (t) => {
    call.updateAgent(AGENT, t, { isOffered: true, currentState: 'offered' });
    return routingMessage(s, 'AgentOfferContact', call, { extra: { ronaTimeout: 30 } });
  });
  s.frame(250, (t) => {
    call.set({ state: 'connected' });
    call.updateAgent(AGENT, t, { hasJoined: true, isOffered: false, joinTimestamp: t, currentState: 'connected' });
    call.addToLeg(call.id, AGENT.id);
    return routingMessage(s, 'AgentContactAssigned', call);
  });
}

export function transferAndFailures(): Scenario {
  const s = new Script(
    'transfer-and-failures',
    'Operations fail, then a transfer succeeds: a hold fails (failure without interaction), a consult to queue fails, a transfer to a queue fails (no interactionId at all), then a blind transfer to another agent succeeds; the agent wraps up and logs out.',
    T0,
    '7ac40007',
  );
  const call = new Call({
    interactionId: id('a7'),
    ani: '+14155550106',
    createdAt: T0 - 14_000,
    recording: { pauseResumeEnabled: true },
    accountId: 'A-10007',
  });
  s.frame(150, () => available(s));
  ringAndAnswer(s, call);
  s.frame(
    300,
    () =>
      failure(
        s,
        'RoutingMessage',
        'AgentContactHoldFailed',
        1106,
        'Simulated: the media server did not confirm the hold',
        call.id,
      ),
    'failure notification: reason and reasonCode, interactionId, but no interaction snapshot',
  );
  s.frame(300, () =>
    failure(s, 'RoutingMessage', 'AgentCtqFailed', 1212, 'Simulated: no agent available in the consult queue', call.id),
  );
  s.frame(
    300,
    () => failure(s, 'RoutingMessage', 'AgentVteamTransferFailed', 1301, 'Simulated: the destination queue is closed'),
    'failure without interactionId (some bindings do not match on it, §2.5)',
  );
  s.frame(
    400,
    (t) => {
      call.set({ owner: AGENT_B.id });
      call.updateAgent(AGENT, t, { isWrapUp: true, wrapUpTimestamp: t, currentState: 'wrapUp' });
      call.updateAgent(AGENT_B, t, { hasJoined: true, joinTimestamp: t, currentState: 'connected' });
      call.removeFromLeg(call.id, AGENT.id);
      call.addToLeg(call.id, AGENT_B.id);
      call.setCpd({ BLIND_TRANSFER_IN_PROGRESS: 'false' });
      return routingMessage(s, 'AgentBlindTransferred', call, {
        extra: { destAgentId: AGENT_B.id, destinationType: 'agent' },
      });
    },
    'blind transfer done: the owner is now the other agent, this agent goes to wrap-up',
  );
  s.frame(300, () => routingMessage(s, 'AgentWrapup', call));
  s.frame(400, (t) => {
    call.updateAgent(AGENT, t, { isWrappedUp: true, hasLeft: true, currentState: 'wrappedUp' });
    return routingMessage(s, 'AgentWrappedUp', call, { extra: { wrapUpAuxCodeId: WRAPUP_CODE } });
  });
  s.frame(300, () =>
    agentMessage(s, 'Logout', 'AgentLogoutSuccess', AGENT, {
      agentSessionId: AGENT.sessionId,
      status: 'LoggedOut',
      subStatus: 'Idle',
      loggedOutBy: 'SELF',
    }),
  );
  return s.build();
}

export function agentSessionMonitoring(): Scenario {
  const s = new Script(
    'agent-session-monitoring',
    "An agent's session: station login, buddy list, a refused state change, Available, an inbound call that a supervisor monitors (monitoring event names are unconfirmed, §3.7), wrap-up, then the agent signs in elsewhere and this session is closed (AGENT_MULTI_LOGIN).",
    T0 + HOUR,
    '7ac40008',
  );
  const call = new Call({
    interactionId: id('b8'),
    ani: '+14155550107',
    createdAt: T0 + HOUR - 11_000,
    recording: { pauseResumeEnabled: false },
    accountId: 'A-10008',
  });
  const supervisor = {
    supervisorId: '5e9e0000-0000-4000-8000-0000000000c1',
    supervisorName: 'Sam Supervisor',
    supervisorDN: '+14155550190',
  };
  const monitoringRequestId = 'a0a0a0a0-0000-4000-8000-0000000000c1';
  s.frame(150, () =>
    agentMessage(s, 'StationLogin', 'AgentStationLoginSuccess', AGENT, {
      agentSessionId: AGENT.sessionId,
      auxCodeId: AUX_AVAILABLE,
      teamId: TEAM_ID,
      siteId: SITE_ID,
      status: 'LoggedIn',
      subStatus: 'Idle',
      interactionIds: [],
      channelsMap: { telephony: ['c4a00000-0000-4000-8000-000000000001'], chat: [], email: [], social: [] },
      dialNumber: AGENT.dn,
      dn: AGENT.dn,
      deviceType: 'BROWSER',
      deviceId: AGENT.dn,
      roles: ['agent'],
      profileType: 'BLENDED',
      lastStateChangeTimestamp: s.now,
      lastIdleCodeChangeTimestamp: s.now,
    }),
  );
  s.frame(150, () =>
    agentMessage(s, 'BuddyAgents', 'BuddyAgents', AGENT, {
      agentSessionId: AGENT.sessionId,
      agentList: [
        {
          agentId: AGENT_B.id,
          state: 'Available',
          teamId: TEAM_ID,
          dn: AGENT_B.dn,
          agentName: AGENT_B.name,
          siteId: SITE_ID,
        },
      ],
    }),
  );
  s.frame(
    150,
    () => failure(s, 'AgentStateChange', 'AgentStateChangeFailed', 1038, 'AGENT_NOT_FOUND'),
    'agent failure (§2.4 Failure shape): reasonCode is a number here',
  );
  s.frame(200, () => available(s));
  ringAndAnswer(s, call);
  s.frame(
    300,
    () => {
      call.setCpd({
        monitorType: 'SILENT',
        monitoringInvisibleMode: 'true',
        monitoringRequestId,
        monitoringState: 'OFFERED',
      });
      return routingMessage(s, 'MonitoringOffered', call, {
        extra: { ...supervisor, monitorType: 'SILENT', id: monitoringRequestId },
      });
    },
    'monitoring: names guessed from the Desktop SDK (eMonitoringOffered), not confirmed on the wire',
  );
  s.frame(250, () => {
    call.setCpd({ monitoringState: 'STARTED' });
    return routingMessage(s, 'MonitoringStarted', call, {
      extra: { ...supervisor, monitorType: 'SILENT', monitoringState: { type: 'STARTED' } },
    });
  });
  // §10.6: a transcript line, keyed by data.data.conversationId rather than interactionId. Its
  // tracking ids are its own, so the ids of the frames after it stay as they were.
  s.frame(250, () => ({
    type: 'RoutingMessage',
    orgId: ORG_ID,
    trackingId: 'notifs_7ac40008-0000-4000-8000-0000000000f1',
    data: {
      type: 'REAL_TIME_TRANSCRIPTION',
      orgId: ORG_ID,
      agentId: AGENT.id,
      trackingId: '7ac4d000-0000-4000-9000-0000000000f1',
      data: { conversationId: call.id, role: 'CUSTOMER', utterance: 'I would like to check my order.' },
    },
  }));
  s.frame(400, () => {
    call.setCpd({ monitoringState: 'ENDED' });
    return routingMessage(s, 'MonitoringEnded', call, { extra: { ...supervisor, monitoringState: { type: 'ENDED' } } });
  });
  s.frame(300, (t) => {
    call.set({ state: 'wrapUp', isTerminated: true });
    Object.assign(call.participant(call.ani), { hasLeft: true });
    call.removeFromLeg(call.id, call.ani);
    call.updateAgent(AGENT, t, { isWrapUp: true, wrapUpTimestamp: t, currentState: 'wrapUp' });
    return routingMessage(s, 'ContactEnded', call, { extra: { agentsPendingWrapUp: [AGENT.id] } });
  });
  s.frame(250, () => routingMessage(s, 'AgentWrapup', call));
  s.frame(300, (t) => {
    call.updateAgent(AGENT, t, { isWrappedUp: true, hasLeft: true, currentState: 'wrappedUp' });
    return routingMessage(s, 'AgentWrappedUp', call);
  });
  s.frame(
    400,
    () =>
      agentMessage(s, 'AGENT_MULTI_LOGIN', 'AgentMultiLoginCloseSession', AGENT, { agentSessionId: AGENT.sessionId }),
    'the agent signed in on another desktop: this session is closed and must not reconnect',
  );
  return s.build();
}
