import { describe, expect, it } from 'vitest';
import {
  CONSULT_LIFECYCLE,
  EVENT_CATALOGUE,
  EVENT_CATEGORIES,
  isKnownEvent,
  lookupEvent,
  TASK_ENDS,
  TASK_STARTS,
  type EventCategory,
} from '../../../src/protocol';

// Transcribed from protocol doc §3.1-§3.7 and §2.4/§3.8, case-exact, with the category each
// table puts them in (failures are their own category, whatever operation failed).
const DOC: Record<string, [EventCategory, string[]]> = {
  '§3.1 offer': [
    'offer',
    [
      'AgentContactReserved',
      'AgentOfferContact',
      'AgentOfferConsult',
      'AgentOfferCampaignReservation',
      'AgentOfferContactRona',
      'CampaignContactUpdated',
    ],
  ],
  '§3.1 assignment': [
    'assignment',
    [
      'AgentContactAssigned',
      'AgentContact',
      'ContactUpdated',
      'ContactOwnerChanged',
      'ContactMerged',
      'AgentContactUnassigned',
    ],
  ],
  '§3.1 end': ['end', ['ContactEnded', 'AgentWrapup', 'AgentWrappedUp', 'ParticipantPostCallActivity']],
  '§3.2 hold': ['hold', ['AgentContactHeld', 'AgentContactUnheld']],
  '§3.3 recording': ['recording', ['ContactRecordingStarted', 'ContactRecordingPaused', 'ContactRecordingResumed']],
  '§3.4 consult': [
    'consult',
    ['AgentConsultCreated', 'AgentConsulting', 'AgentConsultEnded', 'AgentCtqCancelled', 'ConsultedParticipantMoving'],
  ],
  '§3.5 transfer': [
    'transfer',
    ['AgentBlindTransferred', 'AgentVteamTransferred', 'AgentConsultTransferred', 'AgentConsultTransferring'],
  ],
  '§3.6 conference': [
    'conference',
    [
      'AgentConsultConferencing',
      'AgentConsultConferenced',
      'ParticipantJoinedConference',
      'ParticipantLeftConference',
      'AgentConsultConferenceEnded',
      'AgentConferenceTransferred',
    ],
  ],
  '§3.7 monitoring (unconfirmed names)': ['monitoring', ['MonitoringOffered', 'MonitoringStarted', 'MonitoringEnded']],
  '§2.4/§3.8 agent': [
    'agent',
    [
      'StationLogin',
      'AgentStationLoginSuccess',
      'Logout',
      'AgentLogoutSuccess',
      'AgentStateChange',
      'AgentStateChangeSuccess',
      'AgentReloginSuccess',
      'AgentChannelReloginSuccess',
      'BuddyAgents',
      'AgentDNRegistered',
      'AgentChannelStateChanged',
      'WellnessBreak',
    ],
  ],
  '§1.5/§1.7 connection': ['connection', ['Welcome', 'AGENT_MULTI_LOGIN', 'AgentMultiLoginCloseSession']],
  failures: [
    'failure',
    [
      'AgentContactAssignFailed',
      'AgentInviteFailed',
      'AgentContactEndFailed',
      'AgentWrapupFailed',
      'AgentOutboundFailed',
      'CampaignPreviewAcceptFailed',
      'CampaignPreviewSkipFailed',
      'CampaignPreviewRemoveFailed',
      'AgentContactHoldFailed',
      'AgentContactUnHoldFailed',
      'ContactRecordingPauseFailed',
      'ContactRecordingResumeFailed',
      'AgentConsultFailed',
      'AgentConsultEndFailed',
      'AgentCtqFailed',
      'AgentCtqCancelFailed',
      'AgentBlindTransferFailed',
      'AgentVteamTransferFailed',
      'AgentConsultTransferFailed',
      'AgentConsultConferenceFailed',
      'ParticipantLeftConferenceFailed',
      'ParticipantDropConferenceFailed',
      'AgentConsultConferenceEndFailed',
      'AgentConferenceTransferFailed',
      'AgentStationLoginFailed',
      'AgentLogoutFailed',
      'AgentStateChangeFailed',
      'AgentReloginFailed',
      'BuddyAgentsRetrieveFailed',
      'AgentChannelStateChangeFailed',
      'AgentDNRegisterFailure',
    ],
  ],
  '§10.6 published and unreleased SDK': [
    'assistant',
    [
      'REAL_TIME_TRANSCRIPTION',
      'SUGGESTED_RESPONSE',
      'SUGGESTED_RESPONSE_ACKNOWLEDGE',
      'MID_CALL_SUMMARY',
      'POST_CALL_SUMMARY',
    ],
  ],
  '§10.6 agent': ['agent', ['AgentDeviceTypeUpdateSuccess']],
};

const ALL_DOC_NAMES = Object.values(DOC).flatMap(([, names]) => names);

describe('event catalogue', () => {
  for (const [section, [category, names]] of Object.entries(DOC)) {
    it(`has every event of ${section}, categorised ${category}`, () => {
      for (const name of names) expect(lookupEvent(name).category, name).toBe(category);
    });
  }

  it('lists exactly the documented names (nothing invented, nothing missing)', () => {
    expect([...EVENT_CATALOGUE.keys()].sort()).toEqual([...ALL_DOC_NAMES].sort());
    expect(new Set(ALL_DOC_NAMES).size).toBe(ALL_DOC_NAMES.length);
  });

  it('uses every category except unknown, and only known categories', () => {
    const used = new Set([...EVENT_CATALOGUE.values()].map((e) => e.category));
    expect([...used].sort()).toEqual(EVENT_CATEGORIES.filter((c) => c !== 'unknown').sort());
  });

  it('gives every entry a one-line meaning for tooltips', () => {
    for (const info of EVENT_CATALOGUE.values()) {
      expect(info.meaning.length, info.name).toBeGreaterThan(10);
      expect(info.meaning.length, info.name).toBeLessThanOrEqual(160);
      expect(info.meaning, info.name).not.toMatch(/\n/);
      expect(info.meaning, info.name).toMatch(/\.$/);
    }
  });

  it('marks as unconfirmed every name no public source confirms (§10.6)', () => {
    for (const name of [
      'AgentChannelStateChangeFailed',
      'AgentDNRegisterFailure',
      'MonitoringOffered',
      'MonitoringStarted',
      'MonitoringEnded',
    ])
      expect(lookupEvent(name).confirmed, name).toBe(false);
    expect(lookupEvent('REAL_TIME_TRANSCRIPTION')).toMatchObject({
      confirmed: true,
      interactionKey: ['data', 'conversationId'],
    });
  });

  it('takes task starts and ends from the lifecycle table, which agrees with it both ways', () => {
    for (const info of EVENT_CATALOGUE.values()) {
      expect(info.task === 'ends', info.name).toBe(TASK_ENDS.has(info.name));
      if (TASK_STARTS.has(info.name)) expect(info.task, info.name).toBe('creates');
    }
    for (const name of [...TASK_ENDS.keys(), ...TASK_STARTS, ...CONSULT_LIFECYCLE.keys()])
      expect(EVENT_CATALOGUE.has(name), name).toBe(true);
  });

  it('says which events create, end or update a task', () => {
    const effect = (name: string) => lookupEvent(name).task;
    // The creating events of §5.1 check 1.
    for (const name of [
      'AgentContactReserved',
      'AgentOfferContact',
      'AgentOfferConsult',
      'AgentOfferCampaignReservation',
      'AgentContact',
    ]) {
      expect(effect(name), name).toBe('creates');
    }
    for (const name of [
      'ContactEnded',
      'AgentWrappedUp',
      'AgentOfferContactRona',
      'AgentContactAssignFailed',
      'AgentInviteFailed',
      // §10.4: these end the task for this agent too (some only for the consulted agent or itself).
      'AgentWrapup',
      'AgentContactUnassigned',
      'AgentVteamTransferred',
      'AgentOutboundFailed',
      'AgentConsultEnded',
      'ParticipantLeftConference',
    ]) {
      expect(effect(name), name).toBe('ends');
    }
    for (const name of ['AgentContactHeld', 'ContactRecordingPaused', 'AgentConsulting', 'AgentBlindTransferred']) {
      expect(effect(name), name).toBe('updates');
    }
    for (const info of EVENT_CATALOGUE.values()) {
      if (info.category === 'agent' || info.category === 'connection') expect(info.task, info.name).toBe('none');
    }
  });

  it('knows the data shape of each event and whether it carries the snapshot', () => {
    for (const info of EVENT_CATALOGUE.values()) {
      if (info.category === 'failure') {
        expect(info.dataShape, info.name).toBe('failure');
        expect(info.snapshot, info.name).toBe(false);
        expect(info.failureOf, info.name).toBeDefined();
      } else {
        expect(info.failureOf, info.name).toBeUndefined();
      }
      if (info.category === 'agent' || info.category === 'connection') expect(info.dataShape, info.name).toBe('agent');
    }
    expect(lookupEvent('AgentContactHoldFailed').failureOf).toBe('hold');
    expect(lookupEvent('ContactRecordingPaused')).toMatchObject({ dataShape: 'task', snapshot: true });
    expect(lookupEvent('MonitoringStarted')).toMatchObject({ confirmed: false, snapshot: false });
    expect(lookupEvent('AgentContactHeld').confirmed).toBe(true);
  });

  it('is case-exact, as the wire is', () => {
    expect(isKnownEvent('AgentContactUnheld')).toBe(true);
    expect(isKnownEvent('AgentContactUnHeld')).toBe(false);
    expect(isKnownEvent('AgentContactUnHoldFailed')).toBe(true);
    expect(isKnownEvent('AgentVTeamTransferred')).toBe(false); // the spec doc's misspelling
  });

  it('categorises any other name unknown, prototype member names included', () => {
    for (const name of [
      'AgentContactTeleported',
      '',
      '__proto__',
      'constructor',
      'toString',
      'real_time_transcription',
    ]) {
      expect(isKnownEvent(name), name).toBe(false);
      expect(lookupEvent(name), name).toMatchObject({ name, category: 'unknown', task: 'none', confirmed: false });
    }
  });

  it('cannot be changed by a consumer', () => {
    const info = lookupEvent('AgentContactHeld');
    expect(Object.isFrozen(info)).toBe(true);
  });
});
