import { describe, expect, it } from 'vitest';
import { ALL_RULES, RULE_IDS, type RuleId, type Session } from '../../../src/model';
import { listScenarios } from '../../sim/scenario';
import { scenarioFrames } from '../../support/scenario-frames';
import { AGENT, Flow, ID } from './flow';

const created = () =>
  new Flow()
    .event('AgentContactReserved')
    .event('AgentOfferContact', { data: { ronaTimeout: 30 } })
    .event('AgentContactAssigned');

function hits(session: Session, rule: RuleId) {
  return session.anomalies.filter((a) => a.rule === rule);
}

/** Exactly one anomaly of `rule`, with its severity, naming the frame that triggered it. */
function expectOne(session: Session, rule: RuleId, severity: string, seq?: number) {
  const found = hits(session, rule);
  expect(found, `${rule} in ${JSON.stringify(session.anomalies.map((a) => a.rule))}`).toHaveLength(1);
  expect(found[0]!.severity).toBe(severity);
  if (seq !== undefined) {
    expect(found[0]!.seq).toBe(seq);
    expect(found[0]!.evidence).toContain(seq);
    expect(found[0]!.message).toContain(`#${seq}`);
  }
  return found[0]!;
}

const lastSeq = (flow: Flow) => flow.frames.at(-1)!.seq;
const leg = (s: Record<string, any>) => s['media'][ID]; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('clean flows', () => {
  // anomalies and hostile break the protocol on purpose; reconnect-hydrate hides a hold in the gap.
  for (const name of listScenarios().filter((n) => !['anomalies', 'hostile', 'reconnect-hydrate'].includes(n))) {
    it(`${name} produces no warning or error`, () => {
      const scenario = scenarioFramesSession(name);
      expect(scenario.anomalies.filter((a) => a.severity !== 'info').map((a) => `${a.rule}: ${a.message}`)).toEqual([]);
    });
  }
  it('reconnect-hydrate shows exactly the hold that happened while the socket was down', () => {
    const session = scenarioFramesSession('reconnect-hydrate');
    expect(session.anomalies.map((a) => a.rule)).toEqual(['missed-transitions']);
    expect(session.anomalies[0]!.message).toMatch(/isHold false → true/);
  });

  it('a created, held, resumed and ended call built step by step is clean', () => {
    const session = created()
      .event('AgentContactHeld', {
        edit: (s) => {
          leg(s).isHold = true;
          s['state'] = 'hold';
        },
        data: { mediaResourceId: ID },
      })
      .event('AgentContactUnheld', {
        edit: (s) => {
          leg(s).isHold = false;
          s['state'] = 'connected';
        },
        data: { mediaResourceId: ID },
      })
      .event('ContactEnded', {
        edit: (s) => {
          s['isTerminated'] = true;
          s['state'] = 'wrapUp';
        },
      })
      .event('AgentWrapup')
      .event('AgentWrappedUp')
      .run();
    expect(session.anomalies).toEqual([]);
  });
});

function scenarioFramesSession(name: string): Session {
  const flow = new Flow({ welcome: false });
  flow.frames.length = 0;
  flow.frames.push(...scenarioFrames(name));
  return flow.run();
}

describe('every rule fires on a crafted flow', () => {
  it('first-event-not-creating: warn when the connection start was captured, info when the capture began mid-call', () => {
    expectOne(new Flow().event('AgentContactHeld').run(), 'first-event-not-creating', 'warn', 3);
    expectOne(new Flow({ welcome: false }).event('ContactUpdated').run(), 'first-event-not-creating', 'info', 2);
  });

  it('held-while-held and unheld-without-held', () => {
    const held = created().event('AgentContactHeld', { edit: (s) => (leg(s).isHold = true) });
    const heldSeq = lastSeq(held);
    held.event('AgentContactHeld');
    const a = expectOne(held.run(), 'held-while-held', 'warn', lastSeq(held));
    expect(a.evidence).toContain(heldSeq);
    const unheld = created().event('AgentContactUnheld');
    expectOne(unheld.run(), 'unheld-without-held', 'warn', lastSeq(unheld));
  });

  it("hold-flag-mismatch: the event's own snapshot contradicts it", () => {
    const flow = created().event('AgentContactHeld', { data: { mediaResourceId: ID } });
    expect(expectOne(flow.run(), 'hold-flag-mismatch', 'error', lastSeq(flow)).message).toContain('snapshot: media.');
    const missingLeg = created().event('AgentContactHeld', { data: { mediaResourceId: 'no-such-leg' } });
    expect(expectOne(missingLeg.run(), 'hold-flag-mismatch', 'error').message).toContain('does not have');
  });

  it('hold-state-mismatch: state "hold" with no leg held, reported once', () => {
    const flow = created().event('ContactUpdated', { edit: (s) => (s['state'] = 'hold') });
    const seq = lastSeq(flow);
    flow.event('ContactUpdated');
    expectOne(flow.run(), 'hold-state-mismatch', 'warn', seq);
  });

  it('pause-while-paused, resume-without-pause and pause-not-enabled', () => {
    const paused = created()
      .event('ContactRecordingPaused', { noSnapshot: true })
      .event('ContactRecordingPaused', { noSnapshot: true });
    expectOne(paused.run(), 'pause-while-paused', 'warn', lastSeq(paused));
    const resumed = created().event('ContactRecordingResumed', { noSnapshot: true });
    expectOne(resumed.run(), 'resume-without-pause', 'warn', lastSeq(resumed));
    const notEnabled = new Flow()
      .event('AgentContactReserved', { edit: (s) => (s['callProcessingDetails']['pauseResumeEnabled'] = 'false') })
      .event('ContactRecordingPaused', { noSnapshot: true });
    expectOne(notEnabled.run(), 'pause-not-enabled', 'warn', lastSeq(notEnabled));
  });

  it('recording-flag-mismatch, recording-flags-conflict and recording-flags-vanished', () => {
    const mismatch = created().event('ContactRecordingPaused'); // its snapshot still says recordInProgress "true"
    expectOne(mismatch.run(), 'recording-flag-mismatch', 'error', lastSeq(mismatch));
    const conflict = created().event('ContactUpdated', {
      edit: (s) => (s['callProcessingDetails']['isPaused'] = 'true'),
    });
    expectOne(conflict.run(), 'recording-flags-conflict', 'error', lastSeq(conflict));
    const vanished = created().event('ContactUpdated', { edit: (s) => (s['callProcessingDetails'] = {}) });
    const v = expectOne(vanished.run(), 'recording-flags-vanished', 'warn', lastSeq(vanished));
    expect(v.evidence).toHaveLength(2);
  });

  it('event-after-end: after ContactEnded only wrap-up traffic; after AgentWrappedUp nothing', () => {
    const afterEnd = created()
      .event('ContactEnded')
      .event('AgentContactHeld', { edit: (s) => (leg(s).isHold = true) });
    expectOne(afterEnd.run(), 'event-after-end', 'warn', lastSeq(afterEnd));
    const afterWrappedUp = created()
      .event('ContactEnded', { edit: (s) => (s['state'] = 'wrapUp') })
      .event('AgentWrapup')
      .event('AgentWrappedUp')
      .event('ContactUpdated');
    expectOne(afterWrappedUp.run(), 'event-after-end', 'warn', lastSeq(afterWrappedUp));
    // A new offer after RONA starts over.
    expect(
      hits(
        new Flow().event('AgentOfferContact').event('AgentOfferContactRona').event('AgentOfferContact').run(),
        'event-after-end',
      ),
    ).toEqual([]);
  });

  it('event-time-backwards and missing-event-time', () => {
    const backwards = created().event('ContactUpdated', { eventTime: 1 });
    expectOne(backwards.run(), 'event-time-backwards', 'warn', lastSeq(backwards));
    const missing = created().event('ContactUpdated', { eventTime: null });
    expectOne(missing.run(), 'missing-event-time', 'info', lastSeq(missing));
  });

  it('self-left-roster: the own agent gone while events keep coming', () => {
    const flow = created().event('ContactUpdated', { edit: (s) => (s['participants'][AGENT]['hasLeft'] = true) });
    expectOne(flow.run(), 'self-left-roster', 'warn', lastSeq(flow));
    const removed = created().event('ContactUpdated', { edit: (s) => delete s['participants'][AGENT] });
    expect(expectOne(removed.run(), 'self-left-roster', 'warn').message).toContain('missing from the participants');
  });

  it('rona-overdue: an offer still unanswered well after its ronaTimeout', () => {
    const flow = new Flow().event('AgentContactReserved').event('AgentOfferContact', { data: { ronaTimeout: 10 } });
    const offer = lastSeq(flow);
    flow.keepalive(4000).keepalive(4000).keepalive(4000).keepalive(4000);
    const a = expectOne(flow.run(), 'rona-overdue', 'warn');
    expect(a.evidence).toContain(offer);
    // Answered in time: silent.
    expect(
      hits(created().keepalive(4000).keepalive(4000).keepalive(4000).keepalive(4000).run(), 'rona-overdue'),
    ).toEqual([]);
  });

  it('terminated-without-end', () => {
    const flow = created().event('ContactUpdated', { edit: (s) => (s['isTerminated'] = 'true') });
    expectOne(flow.run(), 'terminated-without-end', 'warn', lastSeq(flow));
  });

  it('consult-without-start and consult-media-missing', () => {
    const consulting = created().event('AgentConsulting');
    expectOne(consulting.run(), 'consult-without-start', 'warn', lastSeq(consulting));
    // A capture begun mid-call (no Welcome, no creating event): the consult may predate it.
    const midCall = new Flow({ welcome: false }).event('AgentConsulting');
    expect(hits(midCall.run(), 'consult-without-start').map((a) => [a.severity, a.seq, a.message])).toEqual([
      [
        'info',
        lastSeq(midCall),
        `AgentConsulting (#${lastSeq(midCall)}) without AgentConsultCreated or AgentOfferConsult: the capture started mid-call, after the consult may have begun.`,
      ],
    ]);
    // Its start seen (though not the Welcome): the consult's start should have been, too.
    const seen = new Flow({ welcome: false }).event('AgentContactReserved').event('AgentConsulting');
    expectOne(seen.run(), 'consult-without-start', 'warn', lastSeq(seen));
    expect(
      hits(
        created().event('AgentConsultCreated').event('AgentConsulting').event('AgentConsultEnded').run(),
        'consult-without-start',
      ),
    ).toEqual([]);
    const missing = created()
      .event('AgentConsultCreated')
      .event('AgentConsulting', { data: { consultMediaResourceId: 'consult-leg-1' } });
    expectOne(missing.run(), 'consult-media-missing', 'error', lastSeq(missing));
  });

  it('unknown-event', () => {
    const flow = created().event('AgentContactTeleported');
    expectOne(flow.run(), 'unknown-event', 'info', lastSeq(flow));
  });

  it('keepalive-gap: warn over 8 s, error over 16 s', () => {
    const warn = created().keepalive(9_000);
    expectOne(warn.run(), 'keepalive-gap', 'warn', lastSeq(warn));
    const error = created().keepalive(17_000);
    expectOne(error.run(), 'keepalive-gap', 'error', lastSeq(error));
    expect(hits(created().keepalive(4000).keepalive(4000).run(), 'keepalive-gap')).toEqual([]);
  });

  it('keepalive-gap: counted between messages, never from the open (a HAR’s is made up at its entry’s start)', () => {
    // 18 s from the open to the first message: no gap; 9 s between two messages: one.
    const flow = new Flow({ welcome: false }).keepalive(18_000).keepalive(9_000);
    expect(flow.frames.map((f) => [f.seq, f.kind])).toEqual([
      [1, 'open'],
      [2, 'text'],
      [3, 'text'],
    ]);
    const found = hits(flow.run(), 'keepalive-gap');
    expect(found.map((a) => [a.severity, a.seq, a.evidence, a.message])).toEqual([
      [
        'warn',
        3,
        [2, 3],
        '9.0 s without any inbound message on ws-1 between #2 and #3: the SDK treats 8 s as connection lost.',
      ],
    ]);
  });

  it('reconnect-without-hydrate and missed-transitions', () => {
    const noHydrate = created().close().connect().event('ContactUpdated');
    const a = expectOne(noHydrate.run(), 'reconnect-without-hydrate', 'error', lastSeq(noHydrate));
    expect(a.message).toContain('not an AgentContact');
    // Never hydrated before the capture ends.
    expectOne(created().close().connect().run(), 'reconnect-without-hydrate', 'error');
    const missed = created()
      .close()
      .connect()
      .event('AgentContact', {
        edit: (s) => {
          leg(s).isHold = true;
          s['state'] = 'hold';
        },
      });
    const m = expectOne(missed.run(), 'missed-transitions', 'warn', lastSeq(missed));
    expect(m.message).toContain(`media.${ID}.isHold false → true`);
    expect(m.message).toContain('state "connected" → "hold"');
    // Hydrated with nothing changed: silent.
    expect(created().close().connect().event('AgentContact').run().anomalies).toEqual([]);
  });

  it('sequence-gap: frames lost in the capture', () => {
    const flow = created().skipSeq(3).event('ContactUpdated');
    const a = expectOne(flow.run(), 'sequence-gap', 'error', lastSeq(flow));
    expect(a.message).toMatch(/^3 frames missing/);
  });

  it('covers every rule id, each with a one-line summary', () => {
    expect(ALL_RULES.map((r) => r.id).sort()).toEqual([...RULE_IDS].sort());
    for (const rule of ALL_RULES) expect(rule.summary.length).toBeGreaterThan(20);
  });
});
