import { describe, expect, it } from 'vitest';
import { recordingState, Session, type Flags } from '../../../src/model';
import { scenarioFrames } from '../../support/scenario-frames';

/** The flags a person reads, one short line per event; held legs by their last 4 characters. */
function line(name: string, f: Flags): string {
  const parts = [`${name}:`, `state=${f.state}`];
  if (f.onHold) parts.push(`held=${f.heldLegs.map((l) => l.slice(-4)).join('+')}`);
  parts.push(`rec=${f.recording}`);
  for (const key of ['consulting', 'conferencing', 'consultToQueue', 'monitoring', 'wrapUp', 'ended'] as const)
    if (f[key]) parts.push(key);
  if (f.ronaDeadline !== undefined) parts.push('ringing');
  return parts.join(' ');
}

function steps(scenario: string): string[] {
  const session = new Session();
  for (const frame of scenarioFrames(scenario)) session.ingest(frame);
  session.finish();
  return [...session.interactions.values()].flatMap((i) => i.events.map((e) => line(e.name, e.flags)));
}

describe('flags after every event of each scenario', () => {
  it('inbound-hold-resume', () => {
    expect(steps('inbound-hold-resume')).toEqual([
      'AgentContactReserved: state=new rec=active',
      'AgentOfferContact: state=new rec=active ringing',
      'AgentContactAssigned: state=connected rec=active',
      'AgentContactHeld: state=hold held=00a1 rec=active',
      'AgentContactUnheld: state=connected rec=active',
      'ContactEnded: state=wrapUp rec=off wrapUp ended',
      'AgentWrapup: state=wrapUp rec=off wrapUp ended',
      'AgentWrappedUp: state=wrapUp rec=off ended',
    ]);
  });

  it('recording-pause-resume: Paused then Recording, from string booleans', () => {
    expect(steps('recording-pause-resume')).toEqual([
      'AgentContactReserved: state=new rec=active',
      'AgentOfferContact: state=new rec=active ringing',
      'AgentContactAssigned: state=connected rec=active',
      'ContactRecordingPaused: state=connected rec=paused',
      'ContactRecordingResumed: state=connected rec=active',
      'AgentContactHeld: state=hold held=00b2 rec=active',
      'AgentContactUnheld: state=connected rec=active',
      'ContactEnded: state=wrapUp rec=off wrapUp ended',
      'AgentWrapup: state=wrapUp rec=off wrapUp ended',
      'AgentWrappedUp: state=wrapUp rec=off ended',
    ]);
  });

  it('consult-conference-wrapup: main leg held while consulting, then a conference', () => {
    expect(steps('consult-conference-wrapup')).toEqual([
      'AgentContactReserved: state=new rec=active',
      'AgentOfferContact: state=new rec=active ringing',
      'AgentContactAssigned: state=connected rec=active',
      'AgentConsultCreated: state=connected rec=active consulting',
      'AgentContactHeld: state=hold held=00c3 rec=active consulting',
      'AgentConsulting: state=consulting held=00c3 rec=active consulting',
      'AgentConsultConferencing: state=conference rec=active consulting conferencing',
      'AgentConsultConferenced: state=conference rec=active conferencing',
      'ParticipantLeftConference: state=connected rec=active',
      'ContactEnded: state=wrapUp rec=off wrapUp ended',
      'AgentWrapup: state=wrapUp rec=off wrapUp ended',
      'AgentWrappedUp: state=wrapUp rec=off ended',
    ]);
  });

  it('reconnect-hydrate: the AgentContact snapshot brings the hold that happened unseen', () => {
    expect(steps('reconnect-hydrate')).toEqual([
      'AgentContactReserved: state=new rec=active',
      'AgentOfferContact: state=new rec=active ringing',
      'AgentContactAssigned: state=connected rec=active',
      'AgentContact: state=hold held=00d4 rec=active',
      'AgentContactUnheld: state=connected rec=active',
      'ContactEnded: state=wrapUp rec=off wrapUp ended',
      'AgentWrapup: state=wrapUp rec=off wrapUp ended',
      'AgentWrappedUp: state=wrapUp rec=off ended',
    ]);
  });

  it('agent-session-monitoring: monitoring only while the supervisor listens', () => {
    expect(steps('agent-session-monitoring')).toEqual([
      'AgentContactReserved: state=new rec=active',
      'AgentOfferContact: state=new rec=active ringing',
      'AgentContactAssigned: state=connected rec=active',
      'MonitoringOffered: state=connected rec=active',
      'MonitoringStarted: state=connected rec=active monitoring',
      'REAL_TIME_TRANSCRIPTION: state=connected rec=active monitoring',
      'MonitoringEnded: state=connected rec=active',
      'ContactEnded: state=wrapUp rec=off wrapUp ended',
      'AgentWrapup: state=wrapUp rec=off wrapUp ended',
      'AgentWrappedUp: state=wrapUp rec=off ended',
    ]);
  });

  it('transfer-and-failures: failures change nothing, the blind transfer leads to wrap-up', () => {
    expect(steps('transfer-and-failures')).toEqual([
      'AgentContactReserved: state=new rec=active',
      'AgentOfferContact: state=new rec=active ringing',
      'AgentContactAssigned: state=connected rec=active',
      'AgentContactHoldFailed: state=connected rec=active',
      'AgentCtqFailed: state=connected rec=active',
      'AgentBlindTransferred: state=connected rec=active',
      'AgentWrapup: state=connected rec=off wrapUp ended',
      'AgentWrappedUp: state=connected rec=off ended',
    ]);
  });
});

describe('recordingState', () => {
  it('reads recordInProgress as the pause signal and isPaused only without it', () => {
    expect(recordingState({ recordingStarted: true, recordInProgress: true, isPaused: true } as never)).toBe(
      'conflict',
    );
    expect(recordingState({ recordingStarted: true, recordInProgress: false } as never)).toBe('paused');
    expect(recordingState({ recordingStarted: true, isPaused: true } as never)).toBe('paused');
    expect(recordingState({ recordingStarted: true, isPaused: false } as never)).toBe('active');
    expect(recordingState({ recordingStarted: false, recordInProgress: true } as never)).toBe('conflict');
    expect(recordingState({ recordingStarted: false } as never)).toBe('off');
    expect(recordingState({ recordInProgress: false } as never)).toBe('off');
    expect(recordingState({} as never)).toBe('unknown');
    expect(recordingState(undefined)).toBe('unknown');
  });
});
