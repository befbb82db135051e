import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import { buildReport, lastEndedAt, type RuleId, Session, type TimelineEvent } from '../../../src/model';
import { decodeFrame, TASK_ENDS } from '../../../src/protocol';
import { AGENT, Flow, ID } from './flow';

/*
 * Crafted flows for each kind of issue 10 that the field cases (field-cases.test.ts) do not cover,
 * so that the kind is fixed, not the file.
 */

type Json = Record<string, any>;
const leg = (s: Json) => s['media'][ID];
const connected = () =>
  new Flow()
    .event('AgentContactReserved')
    .event('AgentOfferContact', { data: { ronaTimeout: 30 } })
    .event('AgentContactAssigned');
const events = (session: Session) => session.interaction(ID)!.events;
const last = (session: Session): TimelineEvent => events(session).at(-1)!;
const rules = (session: Session) => session.anomalies.map((a) => a.rule);
const count = (session: Session, rule: RuleId) => rules(session).filter((r) => r === rule).length;

describe('kind 1: consult from its lifecycle', () => {
  it('ends with AgentConsultEnded even while the snapshot still lists the consult leg', () => {
    const consultLeg = 'c0ffee00-0000-4000-8000-0000000000b1';
    const session = connected()
      .event('AgentConsultCreated')
      .event('AgentConsulting', {
        edit: (s) => {
          s['state'] = 'consulting';
          s['media'][consultLeg] = { mediaResourceId: consultLeg, mType: 'consult', isHold: false, participants: [] };
        },
        data: { consultMediaResourceId: consultLeg },
      })
      .event('AgentConsultEnded', {
        edit: (s) => (s['state'] = 'consulting'),
        data: { consultMediaResourceId: consultLeg },
      })
      .run();
    expect(events(session).map((e) => e.flags.consulting)).toEqual([false, false, false, true, true, false]);
  });

  it('a hydrate in the middle of a consult starts it from the snapshot; a failure ends it', () => {
    const session = new Flow()
      .event('AgentContact', {
        edit: (s) => {
          s['state'] = 'consulting';
          s['participants'][AGENT]['consultState'] = 'consulting';
        },
      })
      .event('AgentConsultFailed', { noSnapshot: true, data: { reason: 'NO_ANSWER', reasonCode: 1 } })
      .run();
    expect(events(session).map((e) => e.flags.consulting)).toEqual([true, false]);
    expect(count(session, 'failure-without-operation')).toBe(0);
  });
});

describe('kind 3: when the task is over for this agent (one table)', () => {
  it('every "always" end of the lifecycle table ends the task in the flags and the catalogue', () => {
    for (const [name, end] of TASK_ENDS) {
      if (end.when !== 'always') continue;
      const session = connected().event(name).run();
      expect(last(session).flags.ended, name).toBe(true);
      expect(last(session).flags.endedBy, name).toBe(name);
      expect(last(session).info.task, name).toBe('ends');
      expect(last(session).flags.wrapUp, name).toBe(end.wrapUp === 'owed');
    }
  });

  it('a queue transfer owes wrap-up; ContactEnded owes it only to agents in agentsPendingWrapUp', () => {
    expect(last(connected().event('AgentVteamTransferred').run()).flags).toMatchObject({ ended: true, wrapUp: true });
    const pending = connected()
      .event('ContactEnded', { data: { agentsPendingWrapUp: [AGENT] } })
      .run();
    expect(last(pending).flags).toMatchObject({ ended: true, wrapUp: true });
    const other = connected()
      .event('ContactEnded', { data: { agentsPendingWrapUp: ['someone-else'] } })
      .run();
    expect(last(other).flags).toMatchObject({ ended: true, wrapUp: false });
  });

  it('ParticipantLeftConference ends the task only when the participant is this agent', () => {
    const other = connected()
      .event('ParticipantLeftConference', { data: { participantId: 'another-agent' } })
      .run();
    expect(last(other).flags.ended).toBe(false);
    const self = connected()
      .event('ParticipantLeftConference', { data: { participantId: AGENT } })
      .run();
    expect(last(self).flags).toMatchObject({ ended: true, endedBy: 'ParticipantLeftConference' });
    expect(rules(self)).not.toContain('self-left-roster');
    expect(buildReport(self, { kind: 'capture', frames: 0 }).interactions[0]!.events.at(-1)).toMatchObject({
      participantId: AGENT,
    });
  });

  it("the consulted agent's AgentConsultEnded ends its consult task without wrap-up; the initiator's does not end", () => {
    const consulted = new Flow()
      .event('AgentOfferConsult', { data: { ronaTimeout: 30 } })
      .event('AgentConsulting')
      .event('AgentConsultEnded')
      .run();
    expect(last(consulted).flags).toMatchObject({ ended: true, wrapUp: false, consulting: false });
    const initiator = connected()
      .event('AgentConsultCreated')
      .event('AgentConsulting')
      .event('AgentConsultEnded')
      .run();
    expect(last(initiator).flags).toMatchObject({ ended: false, consulting: false });
  });

  it('after RONA a new offer starts the task again; a hydrate in wrap-up says wrap-up is owed', () => {
    const rona = new Flow()
      .event('AgentOfferContact', { data: { ronaTimeout: 30 } })
      .event('AgentOfferContactRona')
      .event('AgentOfferContact', { data: { ronaTimeout: 30 } })
      .run();
    expect(events(rona).map((e) => e.flags.ended)).toEqual([false, true, false]);
    expect(last(rona).marks).toBeUndefined();
    // Live again: the RONA is not when it ended. When it ends again, that end is, not the RONA.
    expect(lastEndedAt(rona.interaction(ID)!)).toBeUndefined();
    const ended = new Flow()
      .event('AgentOfferContact', { data: { ronaTimeout: 30 } })
      .event('AgentOfferContactRona')
      .event('AgentOfferContact', { data: { ronaTimeout: 30 } })
      .event('AgentContactAssigned')
      .event('ContactEnded')
      .event('AgentWrappedUp')
      .run();
    const timeline = ended.interaction(ID)!;
    expect(timeline.events.map((e) => [e.name, e.flags.ended])).toEqual([
      ['AgentOfferContact', false],
      ['AgentOfferContactRona', true],
      ['AgentOfferContact', false],
      ['AgentContactAssigned', false],
      ['ContactEnded', true],
      ['AgentWrappedUp', true],
    ]);
    expect(lastEndedAt(timeline)).toBe(timeline.events[4]!.t);
    const hydrate = new Flow()
      .event('AgentContact', {
        edit: (s) => {
          s['state'] = 'wrapUp';
          s['isTerminated'] = true;
          s['participants'][AGENT]['isWrapUp'] = true;
        },
      })
      .run();
    expect(last(hydrate).flags).toMatchObject({ ended: true, wrapUp: true });
  });
});

describe('kind 4: finality and order', () => {
  it('an AgentWrapup stamped before the AgentWrappedUp it follows is marked and reopens nothing', () => {
    const flow = connected().event('ContactEnded', { data: { agentsPendingWrapUp: [AGENT] } });
    const wrappedUp = flow.event('AgentWrappedUp').frames.at(-1)!;
    const wrappedUpTime = JSON.parse(wrappedUp.data!).data.eventTime as number;
    const session = flow.event('AgentWrapup', { eventTime: wrappedUpTime - 500 }).run();
    const wrapup = last(session);
    expect(wrapup.marks).toEqual({ reordered: wrappedUp.seq, late: wrappedUp.seq });
    expect(wrapup.flags).toMatchObject({ ended: true, wrapUp: false, endedBy: 'AgentWrappedUp' });
    expect(rules(session)).toEqual(['event-time-backwards']);
  });

  it('every event after the end is late for the last unmarked end; a reordered one names the newest later event', () => {
    const flow = connected().event('ContactEnded', { data: { agentsPendingWrapUp: [AGENT] } });
    const wrappedUp = flow.event('AgentWrappedUp').frames.at(-1)!;
    const lateFrames = [1, 2, 3].map(() => flow.event('ContactUpdated').frames.at(-1)!);
    const third = JSON.parse(lateFrames[2]!.data!).data.eventTime as number;
    // Stamped between the first and the second late event: reordered after the second.
    const session = flow
      .event('ContactUpdated', { eventTime: (JSON.parse(lateFrames[0]!.data!).data.eventTime as number) + 1 })
      .run();
    const after = events(session).slice(-4);
    expect(after.map((e) => e.marks?.late)).toEqual([wrappedUp.seq, wrappedUp.seq, wrappedUp.seq, wrappedUp.seq]);
    expect(after.map((e) => e.marks?.reordered)).toEqual([undefined, undefined, undefined, lateFrames[2]!.seq]);
    expect(third).toBeGreaterThan(JSON.parse(lateFrames[0]!.data!).data.eventTime + 1);
  });
});

describe('kind 5: the event name asserts the state; the snapshot that contradicts it is an anomaly', () => {
  it('AgentContactHeld holds the customer even when its snapshot says isHold false', () => {
    const session = connected()
      .event('AgentContactHeld', { data: { mediaResourceId: ID } })
      .run();
    expect(last(session).flags).toMatchObject({ onHold: true, heldLegs: [ID] });
    const mismatch = session.anomalies.find((a) => a.rule === 'hold-flag-mismatch')!;
    expect(mismatch.message).toContain(`event: held · snapshot: media.${ID}.isHold false`);
  });

  it('ContactRecordingPaused pauses even when its snapshot says recording; contradicting flags are a conflict', () => {
    const paused = connected()
      .event('ContactRecordingPaused', {
        edit: (s) => Object.assign(s['callProcessingDetails'], { recordingStarted: true, recordInProgress: true }),
      })
      .run();
    expect(last(paused).flags.recording).toBe('paused');
    expect(paused.anomalies.find((a) => a.rule === 'recording-flag-mismatch')!.message).toContain(
      'event: paused · snapshot: active',
    );
    const conflict = connected()
      .event('ContactUpdated', {
        edit: (s) => Object.assign(s['callProcessingDetails'], { recordInProgress: true, isPaused: true }),
      })
      .run();
    expect(last(conflict).flags.recording).toBe('conflict');
    expect(count(conflict, 'recording-flags-conflict')).toBe(1);
  });
});

describe('kind 6: sockets merged in time, duplicates counted once', () => {
  it('the same event (name, interaction, eventTime) on two live sockets without a trackingId counts once', () => {
    const flow = connected();
    flow.event('AgentContactHeld', {
      edit: (s) => {
        leg(s).isHold = true;
        s['state'] = 'hold';
      },
      data: { mediaResourceId: ID },
    });
    const held = flow.frames.at(-1)!;
    flow.connect();
    const copy = JSON.parse(held.data!) as Json;
    delete copy['data']['trackingId'];
    const text = JSON.stringify(copy);
    const frames: Frame[] = [
      ...flow.frames,
      {
        seq: flow.frames.at(-1)!.seq + 1,
        t: held.t + 40,
        socket: 'ws-1',
        dir: 'in',
        kind: 'text',
        data: text,
        size: text.length,
      },
    ];
    const session = new Session();
    for (const frame of frames) session.ingest(frame);
    session.finish();
    expect(last(session).marks).toEqual({ duplicateOf: held.seq });
    expect(count(session, 'duplicate-delivery')).toBe(1);
    expect(count(session, 'held-while-held')).toBe(0);
    expect(count(session, 'overlapping-sockets')).toBe(1);
    expect(session.interaction(ID)!.intervals.filter((i) => i.kind === 'hold')).toHaveLength(1);
  });
});

describe('kind 7: session events are first-class', () => {
  it('a takeover, then the socket closed on purpose and a new login: no reconnect or keepalive alarm', () => {
    const flow = connected().event('AgentContactHeld', {
      edit: (s) => (leg(s).isHold = true),
      data: { mediaResourceId: ID },
    });
    const text = JSON.stringify({
      type: 'AGENT_MULTI_LOGIN',
      data: { type: 'AgentMultiLoginCloseSession', agentId: AGENT, agentSessionId: 's-1' },
    });
    flow.frames.push({
      seq: flow.frames.at(-1)!.seq + 1,
      t: flow.frames.at(-1)!.t + 100,
      socket: 'ws-1',
      dir: 'in',
      kind: 'text',
      data: text,
      size: text.length,
    });
    const session = flow.close(1000).keepalive(30_000).connect().keepalive().run();
    expect(last(session).name).toBe('AgentMultiLoginCloseSession');
    expect(count(session, 'multi-login')).toBe(1);
    expect(rules(session)).not.toContain('reconnect-without-hydrate');
    expect(rules(session)).not.toContain('keepalive-gap');
  });
});

describe('kind 8: failures are checked too', () => {
  it('AgentConsultFailed on a call that never had a consult warns and changes no flag', () => {
    const flow = connected();
    const before = connected().run();
    const session = flow.event('AgentConsultFailed', { noSnapshot: true, data: { reason: 'X', reasonCode: 2 } }).run();
    expect(count(session, 'failure-without-operation')).toBe(1);
    const { flags } = last(session);
    const { flags: previous } = last(before);
    expect({ ...flags, heldSince: {}, ronaDeadline: 0 }).toEqual({ ...previous, heldSince: {}, ronaDeadline: 0 });
  });
});

describe('kind 9 and 10: bookkeeping and plausibility', () => {
  it('a hydrate that differs only in bookkeeping timestamps is no missed transition', () => {
    const session = connected()
      .close()
      .connect()
      .event('AgentContact', { edit: (s) => (s['participants'][AGENT]['lastUpdated'] += 5000) })
      .run();
    expect(rules(session)).not.toContain('missed-transitions');
    expect(rules(session)).not.toContain('reconnect-without-hydrate');
  });

  it('a holdTimestamp in epoch seconds is a warning on that path; the hold timer counts from the event', () => {
    const flow = connected().event('AgentContactHeld', {
      edit: (s) => {
        leg(s).isHold = true;
        leg(s).holdTimestamp = 1_767_603_610;
      },
      data: { mediaResourceId: ID },
    });
    const held = flow.frames.at(-1)!;
    const findings = decodeFrame(held).findings.filter((f) => f.code === 'implausible-timestamp');
    expect(findings).toEqual([
      expect.objectContaining({ severity: 'warn', path: `data.interaction.media.${ID}.holdTimestamp` }),
    ]);
    expect(findings[0]!.message).toContain('epoch seconds');
    expect(last(flow.run()).flags.heldSince[ID]).toBe(held.t);
  });
});

describe('kind 11: the customer by direction', () => {
  it('an outdial without a customer dn falls back to callAssociatedDetails.dn, never the entry point ani', () => {
    const session = connected()
      .event('ContactUpdated', {
        edit: (s) => {
          s['contactDirection'] = { type: 'OUTBOUND' };
          s['outboundType'] = 'OUTDIAL';
          s['callAssociatedDetails'] = { dn: '+14155550177' };
          for (const p of Object.values(s['participants']) as Json[]) delete p['dn'];
        },
      })
      .run();
    expect(buildReport(session, { kind: 'capture', frames: 0 }).interactions[0]!.customer).toEqual({
      value: '+14155550177',
      source: 'callAssociatedDetails.dn',
    });
  });
});

describe('kind 13: the catalogue against the published sources', () => {
  const frame = (data: string): Frame => ({
    seq: 1,
    t: 0,
    socket: 'ws-1',
    dir: 'in',
    kind: 'text',
    data,
    size: data.length,
  });

  it('REAL_TIME_TRANSCRIPTION joins its interaction by data.data.conversationId', () => {
    const text = JSON.stringify({
      type: 'RoutingMessage',
      orgId: 'o',
      trackingId: 't',
      data: { type: 'REAL_TIME_TRANSCRIPTION', data: { conversationId: ID, utterance: 'hello' } },
    });
    const decoded = decodeFrame(frame(text));
    expect(decoded).toMatchObject({ kind: 'event', interactionId: ID, info: { category: 'assistant' } });
    expect(decoded.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it("accepts the Desktop's {notifType, notifDetails, data} notifications, and its extra CPD fields as known", () => {
    const notif = decodeFrame(frame(JSON.stringify({ notifType: 'WELLNESS_BREAK', notifDetails: {}, data: {} })));
    expect(notif).toMatchObject({ kind: 'event', name: 'WELLNESS_BREAK' });
    expect(notif.findings.map((f) => f.code)).not.toContain('not-an-envelope');
    const flow = connected().event('ContactUpdated', {
      edit: (s) => Object.assign(s['callProcessingDetails'], { campaignId: 'c-1', isFlowValuesEncrypted: 'true' }),
    });
    const findings = decodeFrame(flow.frames.at(-1)!).findings;
    expect(findings.filter((f) => f.code === 'unknown-key' && f.path.includes('campaignId'))).toEqual([]);
  });

  it('takes an encrypted CAD or flow value as a valid opaque string, not a type error', () => {
    const flow = connected().event('ContactUpdated', {
      edit: (s) => {
        s['callProcessingDetails']['isFlowValuesEncrypted'] = 'true';
        s['callAssociatedData'] = { account: 'H4sIAAAAAAAA/8tIzcnJBwCGphA2BQAAAA==' };
        s['callAssociatedDetails'] = 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..';
      },
    });
    const findings = decodeFrame(flow.frames.at(-1)!).findings;
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.filter((f) => f.code === 'opaque-value').map((f) => [f.path, f.severity])).toEqual([
      ['data.interaction.callAssociatedData.account', 'info'],
      ['data.interaction.callAssociatedDetails', 'info'],
    ]);
  });
});
