// Source of test/fixtures/scenarios/*.json. Regenerate with `npx tsx test/sim/generate.ts`
// (a unit test fails when the files and this module disagree).
import type { Scenario } from '../scenario.ts';
import { Script } from './script.ts';
import {
  AGENT,
  AGENT_B,
  AUX_AVAILABLE,
  AUX_BREAK,
  Call,
  ORG_ID,
  WRAPUP_CODE,
  agentStateChange,
  clone,
  reloginSuccess,
  routingMessage,
  type JsonObject,
} from './wire.ts';
import { agentMessage, agentSessionMonitoring, transferAndFailures } from './protocol-scenarios.ts';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0); // fixed, so the files are reproducible
const HOUR = 3_600_000;

const available = (s: Script) =>
  agentStateChange(s, AGENT, { subStatus: 'Available', auxCodeId: AUX_AVAILABLE, reason: '' });

// The common opening of an inbound call: Reserved -> Offer -> Assigned.
function ringAndAnswer(s: Script, call: Call, delays: [number, number, number]): void {
  s.frame(delays[0], (t) => {
    call.updateAgent(AGENT, t, { currentState: 'reserved' });
    return routingMessage(s, 'AgentContactReserved', call);
  });
  s.frame(delays[1], (t) => {
    call.updateAgent(AGENT, t, { isOffered: true, currentState: 'offered' });
    return routingMessage(s, 'AgentOfferContact', call, { extra: { ronaTimeout: 30 } });
  });
  s.frame(delays[2], (t) => {
    call.set({ state: 'connected' });
    call.updateAgent(AGENT, t, { hasJoined: true, isOffered: false, joinTimestamp: t, currentState: 'connected' });
    call.addToLeg(call.id, AGENT.id);
    return routingMessage(s, 'AgentContactAssigned', call);
  });
}

function hold(s: Script, delay: number, call: Call, note?: string): void {
  s.frame(
    delay,
    (t) => {
      call.set({ state: 'hold' });
      call.setHold(call.id, true, t);
      call.updateAgent(AGENT, t, { currentState: 'hold' });
      return routingMessage(s, 'AgentContactHeld', call);
    },
    note,
  );
}

function unhold(s: Script, delay: number, call: Call, note?: string): void {
  s.frame(
    delay,
    (t) => {
      call.set({ state: 'connected' });
      call.setHold(call.id, false, t);
      call.updateAgent(AGENT, t, { currentState: 'connected' });
      return routingMessage(s, 'AgentContactUnheld', call);
    },
    note,
  );
}

// Customer hangs up -> ContactEnded; the agent enters wrap-up -> AgentWrapup;
// the agent submits a wrap-up code -> AgentWrappedUp.
function endAndWrapUp(s: Script, call: Call, delays: [number, number, number]): void {
  s.frame(delays[0], (t) => {
    call.set({ state: 'wrapUp', isTerminated: true });
    Object.assign(call.participant(call.ani), { hasLeft: true });
    call.removeFromLeg(call.id, call.ani);
    call.updateAgent(AGENT, t, { isWrapUp: true, wrapUpTimestamp: t, currentState: 'wrapUp' });
    return routingMessage(s, 'ContactEnded', call, { extra: { agentsPendingWrapUp: [AGENT.id] } });
  });
  s.frame(delays[1], () => routingMessage(s, 'AgentWrapup', call));
  s.frame(delays[2], (t) => {
    call.updateAgent(AGENT, t, { isWrappedUp: true, hasLeft: true, currentState: 'wrappedUp' });
    call.removeFromLeg(call.id, AGENT.id);
    return routingMessage(s, 'AgentWrappedUp', call, { extra: { wrapUpAuxCodeId: WRAPUP_CODE } });
  });
}

function id(suffix: string): string {
  return `c0ffee00-0000-4000-8000-0000000000${suffix}`;
}

// ---------------------------------------------------------------------------

export function inboundHoldResume(): Scenario {
  const s = new Script(
    'inbound-hold-resume',
    'Inbound call: agent goes Available, call is reserved, offered, answered, held and resumed, the customer hangs up, the agent wraps up and goes Idle (Break). holdTimestamp stays set after the resume, as on the real wire.',
    T0,
    '7ac40001',
  );
  const call = new Call({
    interactionId: id('a1'),
    ani: '+14155550100',
    createdAt: T0 - 20_000,
    recording: { pauseResumeEnabled: false },
    accountId: 'A-10001',
  });
  s.frame(200, () => available(s));
  ringAndAnswer(s, call, [400, 300, 500]);
  hold(s, 500, call);
  unhold(s, 600, call, 'media[main].isHold is false again but holdTimestamp is kept: it must not be read as "held"');
  endAndWrapUp(s, call, [500, 400, 600]);
  s.frame(300, () => agentStateChange(s, AGENT, { subStatus: 'Idle', auxCodeId: AUX_BREAK, reason: 'Break' }));
  return s.build();
}

export function recordingPauseResume(): Scenario {
  const s = new Script(
    'recording-pause-resume',
    'Recorded call with pause/resume enabled: recording is paused and resumed (recording events carry no top-level mediaResourceId), then the call is held and resumed (the PR #4848 trap), ended and wrapped up.',
    T0 + HOUR,
    '7ac40002',
  );
  const call = new Call({
    interactionId: id('b2'),
    ani: '+14155550101',
    createdAt: T0 + HOUR - 15_000,
    recording: { pauseResumeEnabled: true },
    accountId: 'A-10002',
  });
  s.frame(150, () => available(s));
  ringAndAnswer(s, call, [300, 250, 400]);
  s.frame(
    500,
    () => {
      call.setCpd({ recordInProgress: 'false', isPaused: 'true' });
      return routingMessage(s, 'ContactRecordingPaused', call, { mediaResourceId: false });
    },
    'no data.mediaResourceId on recording events; recordInProgress "false" is the real pause signal',
  );
  s.frame(600, () => {
    call.setCpd({ recordInProgress: 'true', isPaused: 'false' });
    return routingMessage(s, 'ContactRecordingResumed', call, {
      mediaResourceId: false,
      extra: { autoResumed: false },
    });
  });
  hold(
    s,
    400,
    call,
    'hold after a pause/resume cycle: the leg id must come from interaction.media, not from the recording events',
  );
  unhold(s, 400, call);
  endAndWrapUp(s, call, [400, 300, 400]);
  return s.build();
}

export function consultConferenceWrapup(): Scenario {
  const s = new Script(
    'consult-conference-wrapup',
    'Agent consults a second agent (main leg held, consult leg active), merges everyone into a conference, the consulted agent leaves, the customer hangs up and the agent wraps up.',
    T0 + 2 * HOUR,
    '7ac40003',
  );
  const call = new Call({
    interactionId: id('c3'),
    ani: '+14155550102',
    createdAt: T0 + 2 * HOUR - 18_000,
    recording: { pauseResumeEnabled: true },
    accountId: 'A-10003',
  });
  const consultLeg = id('cc');
  const consultExtra = {
    destAgentId: AGENT_B.id,
    destinationType: 'agent',
    isConsulted: false,
    consultingAgentId: AGENT.id,
  };

  s.frame(150, () => available(s));
  ringAndAnswer(s, call, [250, 200, 300]);
  s.frame(400, (t) => {
    call.updateAgent(AGENT, t, { consultState: 'consultInitiated', consultTimestamp: t });
    call.updateAgent(AGENT_B, t, { isConsulted: true, isOffered: true, currentState: 'offered' });
    call.setCpd({ consultDestinationAgentName: AGENT_B.name, consultDestinationAgentJoined: 'false' });
    return routingMessage(s, 'AgentConsultCreated', call, { extra: consultExtra });
  });
  hold(s, 300, call, 'consult puts the customer (main leg) on hold');
  s.frame(
    400,
    (t) => {
      call.set({ state: 'consulting' });
      call.media[consultLeg] = {
        mediaResourceId: consultLeg,
        mediaType: 'telephony',
        mediaMgr: 'callmm',
        mType: 'consult',
        isHold: false,
        holdTimestamp: null,
        participants: [AGENT.id, AGENT_B.id],
      };
      call.updateAgent(AGENT, t, { consultState: 'consulting', currentState: 'consulting' });
      call.updateAgent(AGENT_B, t, {
        hasJoined: true,
        isOffered: false,
        joinTimestamp: t,
        consultState: 'consulting',
        currentState: 'consulting',
      });
      call.setCpd({ consultDestinationAgentJoined: 'true' });
      return routingMessage(s, 'AgentConsulting', call, {
        extra: { ...consultExtra, consultMediaResourceId: consultLeg },
      });
    },
    'consult leg keyed by consultMediaResourceId (mType "consult"); main leg stays held',
  );
  s.frame(500, (t) => {
    call.set({ state: 'conference' });
    call.setHold(call.id, false, t);
    call.addToLeg(call.id, AGENT_B.id);
    call.setCpd({ isConferencing: 'true' });
    call.updateAgent(AGENT, t, { consultState: 'conferencing', currentState: 'conference' });
    call.updateAgent(AGENT_B, t, { consultState: 'conferencing', currentState: 'conference' });
    return routingMessage(s, 'AgentConsultConferencing', call, {
      extra: { ...consultExtra, consultMediaResourceId: consultLeg, isConferencing: true },
    });
  });
  s.frame(
    250,
    () => {
      delete call.media[consultLeg];
      return routingMessage(s, 'AgentConsultConferenced', call, { extra: { ...consultExtra, isConferencing: true } });
    },
    'conference established: consult leg merged into the main leg (3 participants on media[main])',
  );
  s.frame(
    500,
    (t) => {
      call.set({ state: 'connected' });
      call.removeFromLeg(call.id, AGENT_B.id);
      call.setCpd({ isConferencing: 'false' });
      call.updateAgent(AGENT_B, t, { hasLeft: true, consultState: null, currentState: 'left' });
      call.updateAgent(AGENT, t, { consultState: null, currentState: 'connected' });
      return routingMessage(s, 'ParticipantLeftConference', call, {
        extra: { participantId: AGENT_B.id, isConferencing: false },
      });
    },
    'the consulted agent leaves; the conference downgrades to a normal call',
  );
  endAndWrapUp(s, call, [400, 300, 400]);
  return s.build();
}

export function reconnectHydrate(): Scenario {
  const s = new Script(
    'reconnect-hydrate',
    'A call is answered, then the socket drops abnormally (1006). The desktop re-subscribes; on the new socket come a new Welcome, AgentReloginSuccess and an AgentContact snapshot in which the call is now on hold (held while disconnected, no AgentContactHeld was ever delivered). The call then resumes and ends.',
    T0 + 3 * HOUR,
    '7ac40004',
  );
  const call = new Call({
    interactionId: id('d4'),
    ani: '+14155550103',
    createdAt: T0 + 3 * HOUR - 12_000,
    recording: { pauseResumeEnabled: false },
    accountId: 'A-10004',
  });
  s.frame(150, () => available(s));
  ringAndAnswer(s, call, [250, 200, 300]);
  s.drop(300, { code: 1006 }, 'network blip: abnormal close; the page re-subscribes and opens a new socket');
  const dropAt = s.now;
  // While disconnected (about 12 s of call time) the call was put on hold from the phone.
  s.advance(4_000);
  const heldAt = s.now;
  call.set({ state: 'hold' });
  call.setHold(call.id, true, heldAt);
  call.updateAgent(AGENT, heldAt, { currentState: 'hold' });
  s.advance(8_000);
  s.frame(
    300,
    () => reloginSuccess(s, AGENT, [call.id], dropAt + 1_000),
    'first frame after the new Welcome: relogin reports the active interaction',
  );
  s.frame(
    200,
    () => routingMessage(s, 'AgentContact', call),
    'hydrate snapshot: state "hold" and media[main].isHold true although no AgentContactHeld was seen',
  );
  s.frame(
    200,
    () => available(s),
    'the desktop puts the agent back to Available after an agent-wss-disconnect relogin',
  );
  unhold(s, 500, call);
  endAndWrapUp(s, call, [400, 300, 400]);
  return s.build();
}

export function anomalies(): Scenario {
  const s = new Script(
    'anomalies',
    'Breaks the protocol invariants on purpose (one per step note): Unheld without Held, Held while held with isHold false in the snapshot, a second pause while paused, an unknown event name, a malformed frame, eventTime going backwards, an orphan interaction, events after ContactEnded and after AgentWrappedUp.',
    T0 + 4 * HOUR,
    '7ac40005',
  );
  const call = new Call({
    interactionId: id('e5'),
    ani: '+14155550104',
    createdAt: T0 + 4 * HOUR - 10_000,
    recording: { pauseResumeEnabled: true },
    accountId: 'A-10005',
  });
  ringAndAnswer(s, call, [100, 150, 200]);
  s.frame(
    250,
    () => routingMessage(s, 'AgentContactUnheld', call),
    'ANOMALY unheld-without-held: AgentContactUnheld although the leg was never held',
  );
  hold(s, 250, call);
  s.frame(
    250,
    () => {
      const snap = call.snapshot();
      const media = snap['media'] as Record<string, JsonObject>;
      (media[call.id] as JsonObject)['isHold'] = false;
      snap['state'] = 'connected';
      return routingMessage(s, 'AgentContactHeld', call, { interaction: snap });
    },
    'ANOMALY held-while-held + snapshot mismatch: second AgentContactHeld, and its snapshot says media[main].isHold false',
  );
  s.frame(250, () => {
    call.setCpd({ recordInProgress: 'false', isPaused: 'true' });
    return routingMessage(s, 'ContactRecordingPaused', call, { mediaResourceId: false });
  });
  s.frame(
    250,
    () => routingMessage(s, 'ContactRecordingPaused', call, { mediaResourceId: false }),
    'ANOMALY pause-while-paused: ContactRecordingPaused while recordInProgress is already "false"',
  );
  s.frame(
    250,
    () => routingMessage(s, 'AgentContactTeleported', call),
    'ANOMALY unknown-event: data.type not in the catalogue; must be shown, not dropped',
  );
  s.raw(
    200,
    `{"type":"RoutingMessage","orgId":"${ORG_ID}","data":{"type":"AgentContactHeld","interactionId":"${call.id}",`,
    'ANOMALY malformed-frame: truncated JSON; JSON.parse throws',
  );
  const before = s.now;
  s.frame(
    250,
    () => routingMessage(s, 'ContactUpdated', call, { eventTime: before - 30_000 }),
    'ANOMALY time-backwards: eventTime 30 s earlier than the previous frame',
  );
  s.frame(
    250,
    () => {
      const orphan = new Call({ interactionId: id('ff'), ani: '+14155550199', createdAt: s.now - 60_000 });
      orphan.set({ state: 'hold' });
      orphan.setHold(orphan.id, true, s.now);
      return routingMessage(s, 'AgentContactHeld', orphan);
    },
    'ANOMALY orphan: first event for this interactionId is AgentContactHeld (no Reserved/Offer/AgentContact)',
  );
  s.frame(250, (t) => {
    call.set({ state: 'wrapUp', isTerminated: true });
    Object.assign(call.participant(call.ani), { hasLeft: true });
    call.removeFromLeg(call.id, call.ani);
    call.updateAgent(AGENT, t, { isWrapUp: true, wrapUpTimestamp: t, currentState: 'wrapUp' });
    return routingMessage(s, 'ContactEnded', call, { extra: { agentsPendingWrapUp: [AGENT.id] } });
  });
  s.frame(
    250,
    () => {
      call.setCpd({ recordInProgress: 'true', isPaused: 'false' });
      return routingMessage(s, 'ContactRecordingResumed', call, {
        mediaResourceId: false,
        extra: { autoResumed: false },
      });
    },
    'ANOMALY after-end: ContactRecordingResumed after ContactEnded',
  );
  s.frame(200, () => routingMessage(s, 'AgentWrapup', call));
  s.frame(250, (t) => {
    call.updateAgent(AGENT, t, { isWrappedUp: true, hasLeft: true, currentState: 'wrappedUp' });
    return routingMessage(s, 'AgentWrappedUp', call, { extra: { wrapUpAuxCodeId: WRAPUP_CODE } });
  });
  s.frame(
    250,
    () => routingMessage(s, 'ContactUpdated', call),
    'ANOMALY after-wrapped-up: any event after AgentWrappedUp',
  );
  return s.build();
}

const XSS_IMG = '<img src=x onerror=alert(1)>';
const XSS_SCRIPT = '</script><script>alert(2)</script>';
// RTL override, zero-width joiner sequence, combining marks, NUL, BOM, lone surrogate.
const WEIRD_UNICODE = `\u202Eevil\u202C \u{1F469}\u200D\u{1F4BB} Z\u0351\u0352\u0357a\u0000l\uFEFFg\uD83D o \u{1F4DE}\u{1F525} \u65E5\u672C\u8A9E \u0639\u0631\u0628\u064A`;

// Bidi controls that would reorder what a person reads ("Trojan Source"): an idle reason that
// shows "Lunch live", a caller that shows "evil" as "live", and an event name that shows as
// AgentContactHeld (its letters reversed inside a right-to-left override). The UIs must draw each
// control as an escape (`\u202e`), never obey it.
export const BIDI_IDLE_REASON = 'Lunch \u202eevil\u202c \u2067isolated\u2069';
export const BIDI_CUSTOMER = '\u202eevil\u202c \u200f\u061c\u200e';
export const BIDI_EVENT = '\u202edleHtcatnoCtnegA\u202c';

export function hostile(): Scenario {
  const s = new Script(
    'hostile',
    'Hostile and odd payloads for the UI and the capture pipeline: markup in every string a UI might render, 100 KB strings, 1000-level nesting, __proto__ keys, unicode edge cases, non-object JSON, an empty frame, a binary frame and numbers JSON cannot round-trip.',
    T0 + 5 * HOUR,
    '7ac40006',
  );
  const call = new Call({
    interactionId: id('f6'),
    ani: '+14155550105',
    createdAt: T0 + 5 * HOUR - 9_000,
    customerName: XSS_IMG,
    accountId: XSS_SCRIPT,
  });
  call.setCpd({
    displayAni: `+14155550105 ${XSS_IMG} ${BIDI_CUSTOMER}`,
    virtualTeamName: XSS_SCRIPT,
    IvrPath: WEIRD_UNICODE,
  });
  s.frame(
    150,
    () => {
      const change = agentStateChange(s, AGENT, { subStatus: 'Idle', auxCodeId: AUX_BREAK, reason: BIDI_IDLE_REASON });
      Object.assign(change['data'] as JsonObject, { subStatus: BIDI_IDLE_REASON, changedByName: BIDI_CUSTOMER });
      return change;
    },
    'bidi controls in the idle reason (the agent state) and the name of who changed it',
  );
  ringAndAnswer(s, call, [150, 150, 150]);
  s.frame(150, () => routingMessage(s, BIDI_EVENT, call), 'an event name with a right-to-left override');
  s.frame(
    150,
    () => {
      const snap = call.snapshot();
      const cad = snap['callAssociatedData'] as JsonObject;
      cad['notes'] = {
        name: 'notes',
        displayName: XSS_IMG,
        type: 'STRING',
        agentEditable: true,
        agentViewable: true,
        global: false,
        isSecure: false,
        reportable: false,
        secureKeyId: '',
        secureKeyVersion: 0,
        value: { $repeat: '<svg onload=alert(3)>', times: 5000 },
      };
      snap['flowProperties'] = { bigAscii: { $repeat: 'A', times: 102_400 } };
      return routingMessage(s, 'ContactUpdated', call, { interaction: snap });
    },
    'two ~100 KB strings (one full of markup) inside the interaction',
  );
  s.frame(
    150,
    () => {
      const snap = call.snapshot();
      snap['flowProperties'] = {
        deepObject: { $nest: 1000, key: 'a', leaf: XSS_IMG },
        deepArray: { $nestArray: 1000, leaf: 'bottom' },
      };
      return routingMessage(s, 'ContactUpdated', call, { interaction: snap });
    },
    '1000-level object and array nesting',
  );
  s.frame(
    150,
    () => {
      const snap = call.snapshot();
      const props: JsonObject = {};
      // Own keys named like prototype members: a naive merge would pollute Object.prototype.
      Object.defineProperty(props, '__proto__', {
        value: { polluted: 'yes' },
        enumerable: true,
        writable: true,
        configurable: true,
      });
      props['constructor'] = { prototype: { polluted: 'yes' } };
      props['toString'] = 'not a function';
      props[WEIRD_UNICODE] = WEIRD_UNICODE;
      snap['mediaProperties'] = props;
      Object.assign(snap['participants'] as JsonObject, {
        [AGENT.id]: {
          ...clone((snap['participants'] as Record<string, JsonObject>)[AGENT.id] as JsonObject),
          name: `${XSS_SCRIPT} ${WEIRD_UNICODE}`,
        },
      });
      return routingMessage(s, 'ContactUpdated', call, { interaction: snap });
    },
    '__proto__ / constructor keys and unicode edge cases (RTL override, ZWJ, NUL, lone surrogate)',
  );
  s.frame(
    150,
    () => {
      const ids = s.nextTracking();
      return {
        type: XSS_SCRIPT,
        orgId: ORG_ID,
        trackingId: ids.top,
        data: {
          type: `${XSS_IMG}AgentContactHeld`,
          eventType: XSS_IMG,
          eventTime: s.now,
          agentId: AGENT.id,
          interactionId: `${call.id}${XSS_IMG}`,
        },
      };
    },
    'markup in the envelope type, the event name and the interactionId',
  );
  s.raw(150, 'null', 'valid JSON, not an object');
  s.raw(150, '[1,2,3]', 'valid JSON array');
  s.raw(150, '"just a string"', 'valid JSON string');
  s.raw(150, '42', 'valid JSON number');
  s.raw(150, '', 'empty text frame');
  s.raw(150, '{"type":"RoutingMessage","data":"oops"}', 'data is a string, not an object');
  s.raw(
    150,
    `{"type":"RoutingMessage","orgId":"${ORG_ID}","data":{"type":"ContactUpdated","eventTime":1e400,"interactionId":"${call.id}","interaction":{"createdTimestamp":-0,"queuedTimestamp":123456789012345678901234567890}}}`,
    'numbers JSON.parse turns into Infinity / -0 / a rounded float',
  );
  s.raw(150, '{"keepalive":true}', 'keepalive with a boolean instead of the string "true" (the SDK accepts both)');
  s.binary(
    150,
    '00ff7b226b656570616c697665223a2274727565227dc328fe',
    'binary frame: NUL, 0xff, an embedded keepalive and invalid UTF-8',
  );
  endAndWrapUp(s, call, [150, 150, 150]);
  return s.build();
}

/**
 * A recorded call that the desktop then acts on through the mock REST API (mock-api.ts): its
 * hold succeeds, its recording pause gets a 202 and no result at all, and a state change is
 * refused with HTTP 500. The script ends with the call connected; the requests are the test's.
 */
export function requestsHoldPauseState(): Scenario {
  const s = new Script(
    'requests-hold-pause-state',
    'A recorded call, connected and left open for the desktop to act on through the mock WxCC REST API: hold succeeds after 400 ms, pause recording is acknowledged (202) but no result ever comes, an agent state change answers HTTP 500.',
    T0 + 9 * HOUR,
    '7ac40009',
  );
  const call = new Call({
    interactionId: id('e9'),
    ani: '+14155550109',
    createdAt: T0 + 9 * HOUR - 10_000,
    recording: { pauseResumeEnabled: true },
    accountId: 'A-10009',
  });
  s.frame(150, () => available(s));
  ringAndAnswer(s, call, [250, 250, 300]);
  return {
    ...s.build(),
    api: {
      hold: { status: 202, ackDelayMs: 60, result: 'success', resultDelayMs: 400 },
      unhold: { status: 202, ackDelayMs: 60, result: 'success', resultDelayMs: 300 },
      'record/pause': { status: 202, ackDelayMs: 60, result: 'none' },
      'session/state': {
        status: 500,
        ackDelayMs: 80,
        errorBody: { statusCode: 500, message: 'simulated state service failure' },
      },
    },
  };
}

/**
 * An agent before any call: logged in and Idle (on a break), no interaction at all. The desktop
 * then changes the agent's state through the mock REST API (the test's): going Available fails
 * (`AgentStateChangeFailed`, AGENT_NOT_FOUND) unless the test sets another answer. Nothing of it
 * is on any interaction's chart: the panel's Agent entry shows it.
 */
export function agentIdleRequests(): Scenario {
  const s = new Script(
    'agent-idle-requests',
    'An agent logged in and Idle with no call: state changes through the mock WxCC REST API fail with AgentStateChangeFailed (AGENT_NOT_FOUND, 1038) by default; the test sets other answers (a pile-up of slow ones, one that never gets a result).',
    T0 + 10 * HOUR,
    '7ac40010',
  );
  s.frame(
    150,
    () =>
      agentMessage(s, 'StationLogin', 'AgentStationLoginSuccess', AGENT, {
        agentSessionId: AGENT.sessionId,
        status: 'LoggedIn',
        subStatus: 'Idle',
        interactionIds: [],
        dialNumber: AGENT.dn,
        deviceType: 'BROWSER',
        lastStateChangeTimestamp: s.now,
      }),
    'the agent logs in: LoggedIn, Idle; no interaction',
  );
  s.frame(300, () => agentStateChange(s, AGENT, { subStatus: 'Idle', auxCodeId: AUX_BREAK, reason: 'Break' }));
  s.frame(
    300,
    () =>
      agentStateChange(s, AGENT, {
        subStatus: 'Idle',
        auxCodeId: AUX_BREAK,
        reason: 'Lunch',
        changedBy: 'SUPERVISOR',
      }),
    'a supervisor changes the idle reason',
  );
  return {
    ...s.build(),
    api: {
      'session/state': {
        status: 202,
        ackDelayMs: 60,
        result: 'failure',
        resultDelayMs: 300,
        reason: 'AGENT_NOT_FOUND',
        reasonCode: 1038,
      },
    },
  };
}

export const SCENARIO_BUILDERS: Record<string, () => Scenario> = {
  'requests-hold-pause-state': requestsHoldPauseState,
  'agent-idle-requests': agentIdleRequests,
  'inbound-hold-resume': inboundHoldResume,
  'recording-pause-resume': recordingPauseResume,
  'consult-conference-wrapup': consultConferenceWrapup,
  'reconnect-hydrate': reconnectHydrate,
  anomalies: anomalies,
  hostile: hostile,
  'transfer-and-failures': transferAndFailures,
  'agent-session-monitoring': agentSessionMonitoring,
};
