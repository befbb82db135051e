import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFrames } from '../../../src/cli/analyze';
import type { Frame } from '../../../src/frame/frame';
import { readHar } from '../../../src/io';
import { campaignAcceptFrames } from '../../support/campaign-accept';
import { lanesOf, type RuleId, Session, type TimelineEvent } from '../../../src/model';

/*
 * The field cases of test/fixtures/field-cases/ (situations from public WxCC bug reports, protocol
 * doc §10.10), each read exactly as its README says. Interaction ids end in the case number.
 */
const DIR = path.resolve(__dirname, '../../fixtures/field-cases');
const SELF = '3f0c2b9e-7a41-4d8e-9b6a-1c2d3e4f5a6b';

function load(file: string, edit: (frames: Frame[]) => Frame[] = (frames) => frames) {
  const frames = edit(readHar(JSON.parse(readFileSync(path.join(DIR, `${file}.har`), 'utf8'))).frames);
  const session = new Session();
  for (const frame of frames) session.ingest(frame);
  session.finish();
  return { session, frames, report: analyzeFrames(frames, 'har') };
}

const byName = (events: readonly TimelineEvent[], name: string, nth = 0) => events.filter((e) => e.name === name)[nth]!;
const rules = (session: Session) => session.anomalies.map((a) => a.rule);
const warnings = (session: Session) =>
  session.anomalies.filter((a) => a.severity !== 'info').map((a) => `${a.rule}: ${a.message}`);
const none = (session: Session, ...ids: RuleId[]) => {
  for (const rule of ids) expect(rules(session), rule).not.toContain(rule);
};

describe('field cases (test/fixtures/field-cases, protocol doc §10.10)', () => {
  it('f01 EP-DN consulted side: consulting from assignment on, never conferencing nor on hold, ends without wrap-up', () => {
    const { session } = load('f01-epdn-consulted-connected');
    const timeline = session.interaction('f0100000-0000-4000-8000-0000000000c1')!;
    const steps = timeline.events.map((e) => [e.name, e.flags.consulting, e.flags.conferencing, e.flags.onHold]);
    expect(steps).toEqual([
      ['AgentContactReserved', false, false, false],
      ['AgentOfferContact', false, false, false],
      ['AgentContactAssigned', true, false, false],
      ['ContactEnded', false, false, false],
    ]);
    expect(timeline.relatedIds).toContain('f0100000-0000-4000-8000-0000000000aa');
    expect(timeline.flags).toMatchObject({ ended: true, wrapUp: false, consulting: false, endedBy: 'ContactEnded' });
    expect(warnings(session)).toEqual([]);
  });

  it('f03 switching legs during a consult: "on hold" is the customer\'s leg; the parked consult leg is only held', () => {
    const { session } = load('f03-consult-leg-switch');
    const timeline = session.interaction('f0300000-0000-4000-8000-0000000000a3')!;
    const main = 'f0300000-0000-4000-8000-0000000000a3';
    const consult = 'f0300000-0000-4000-8000-0000000000b3';
    const unheld = timeline.events.filter((e) => e.name === 'AgentContactUnheld');
    // First switch: the consult leg parked, the customer's leg resumed.
    expect(unheld[0]!.flags).toMatchObject({ onHold: false, heldLegs: [consult], consulting: true });
    // Second switch: the customer on hold again, the consult leg resumed.
    expect(unheld[1]!.flags).toMatchObject({ onHold: true, heldLegs: [main], consulting: true });
    expect(byName(timeline.events, 'AgentConsultEnded').flags).toMatchObject({ onHold: true, consulting: false });
    expect(unheld[2]!.flags).toMatchObject({ onHold: false, heldLegs: [] });
    none(
      session,
      'held-while-held',
      'unheld-without-held',
      'hold-flag-mismatch',
      'hold-state-mismatch',
      'consult-without-start',
    );
    expect(warnings(session)).toEqual([]);
    // The hold lane of the customer's leg shows two stretches; the consult leg's one.
    const lanes = lanesOf(timeline, [], timeline.events[0]!.t, timeline.events.at(-1)!.t);
    expect(lanes.find((l) => l.leg === main)!.segments).toHaveLength(2);
    expect(lanes.find((l) => l.leg === consult)!.segments).toHaveLength(1);
  });

  it('f04 customer left during a consult: consulting until AgentConsultEnded (isTerminated), then ended with wrap-up owed', () => {
    const { session } = load('f04-customer-left-during-consult');
    const timeline = session.interaction('f0400000-0000-4000-8000-0000000000a4')!;
    expect(byName(timeline.events, 'ParticipantPostCallActivity').flags).toMatchObject({
      state: 'post_call',
      consulting: true,
      ended: false,
    });
    expect(byName(timeline.events, 'AgentConsultEnded').flags).toMatchObject({
      consulting: false,
      ended: true,
      wrapUp: true,
      endedBy: 'AgentConsultEnded',
    });
    expect(timeline.flags).toMatchObject({ ended: true, wrapUp: false });
    none(session, 'terminated-without-end', 'self-left-roster', 'event-after-end');
    expect(warnings(session)).toEqual([]);
  });

  it('f05 abandoned while ringing: ended at ContactEnded, no wrap-up, no RONA or end warning', () => {
    const { session } = load('f05-abandon-while-ringing');
    const timeline = session.interaction('f0500000-0000-4000-8000-0000000000a5')!;
    expect(byName(timeline.events, 'AgentOfferContact').flags.ronaDeadline).toBeDefined();
    expect(byName(timeline.events, 'ContactEnded').flags).toMatchObject({
      ended: true,
      wrapUp: false,
      ronaDeadline: undefined,
    });
    none(session, 'rona-overdue', 'event-after-end', 'terminated-without-end');
    expect(warnings(session)).toEqual([]);
  });

  it('f07 outdial failed before its offer: the failure ends the task, the late offer is marked and reopens nothing', () => {
    const { session, report } = load('f07-outdial-failed-before-offer');
    const timeline = session.interaction('f0700000-0000-4000-8000-0000000000a7')!;
    const [failed, offer] = timeline.events;
    expect(failed!.name).toBe('AgentOutboundFailed');
    expect(failed!.flags).toMatchObject({ ended: true, wrapUp: false, endedBy: 'AgentOutboundFailed' });
    expect(offer!.name).toBe('AgentOfferContact');
    expect(offer!.marks).toEqual({ late: failed!.seq });
    expect(offer!.flags).toMatchObject({ ended: true, ronaDeadline: undefined });
    none(session, 'first-event-not-creating', 'rona-overdue', 'event-after-end');
    expect(warnings(session)).toEqual([]);
    const reported = report.interactions[0]!.events[0]!;
    expect(reported).toMatchObject({ reason: 'CUSTOMER_BUSY', reasonCode: 0, terminatingParty: 'Customer' });
    // An outdial: CPD ani/displayAni (+18005550111) are the entry point's number, not the customer.
    expect(report.interactions[0]!.customer).toEqual({
      value: '+14155550127',
      source: 'participants.+14155550127.callerId',
    });
  });

  it('f08 Webex App outdial ended by the agent: wrap-up owed at ContactEnded, done after it; terminatingParty reported', () => {
    const { session, report } = load('f08-wxapp-outdial-agent-end');
    const timeline = session.interaction('f0800000-0000-4000-8000-0000000000a8')!;
    expect(byName(timeline.events, 'ContactEnded').flags).toMatchObject({ ended: true, wrapUp: true });
    expect(byName(timeline.events, 'AgentWrappedUp').flags).toMatchObject({ ended: true, wrapUp: false });
    const ended = report.interactions[0]!.events.find((e) => e.type === 'ContactEnded')!;
    expect(ended).toMatchObject({ terminatingParty: 'Agent', agentsPendingWrapUp: [SELF] });
    expect(warnings(session)).toEqual([]);
    // No dn is sent: the customer participant (keyed by the dialled number) names the customer,
    // never CPD ani/displayAni (+18005550111, the entry point's number).
    expect(report.interactions[0]!.customer).toEqual({
      value: '+14155550128',
      source: 'participants.+14155550128.callerId',
    });
  });

  it('f09 campaign preview re-keyed on accept: one interaction under the new id, the reservation id related', () => {
    const { session } = load('f09-campaign-preview-rekey');
    expect([...session.interactions.keys()]).toEqual(['f0900000-0000-4000-8000-0000000000b9']);
    const timeline = session.interaction('f0900000-0000-4000-8000-0000000000a9')!;
    expect(timeline.interactionId).toBe('f0900000-0000-4000-8000-0000000000b9');
    expect(timeline.relatedIds).toContain('f0900000-0000-4000-8000-0000000000a9');
    expect(byName(timeline.events, 'AgentOfferCampaignReservation').flags.state).toBe('new');
    expect(byName(timeline.events, 'AgentContactAssigned').flags.state).toBe('connected');
    expect(warnings(session)).toEqual([]);
  });

  it('f09 with the preview accepted under the reservation id: the request is joined to the AgentContactAssigned under the new id', () => {
    const reservation = 'f0900000-0000-4000-8000-0000000000a9';
    const key = 'f0900000-0000-4000-8000-0000000000b9';
    // The desktop's accept (§7, 80 s timeout), sent 600 ms before the assignment, answered 202 60 ms after.
    const { session, report, frames } = load('f09-campaign-preview-rekey', () => campaignAcceptFrames());
    const request = frames.find((f) => f.kind === 'request')!;
    const assigned = byName(session.interaction(key)!.events, 'AgentContactAssigned');
    const [tracked] = session.requests.correlator.requests;
    expect(session.requests.correlator.requests).toHaveLength(1);
    expect(tracked).toMatchObject({
      seq: request.seq,
      operation: 'campaign-preview-accept',
      interactionId: reservation,
      outcome: 'succeeded',
      resultSeq: assigned.seq,
      resultType: 'AgentContactAssigned',
      latencyMs: 600,
      status: 202,
      ackMs: 60,
      timeoutMs: 80_000,
    });
    expect(session.requests.correlator.byResultSeq.get(assigned.seq)).toBe(tracked);
    // The capture holds no end or wrap-up call: what followed the accept answered no captured request.
    const unsolicited = [
      ['ContactEnded', key],
      ['AgentWrapup', key],
      ['AgentWrappedUp', key],
    ];
    expect(session.requests.correlator.unsolicited.map((u) => [u.name, u.interactionId])).toEqual(unsolicited);
    expect(session.requestOwner(tracked!)?.interactionId).toBe(key);
    expect(
      report.requests.map((r) => [r.operation, r.interactionId, r.belongsTo, r.outcome, r.resultSeq, r.latencyMs]),
    ).toEqual([['campaign-preview-accept', reservation, key, 'succeeded', assigned.seq, 600]]);
    expect(report.unsolicited.map((u) => [u.name, u.interactionId])).toEqual(unsolicited);
    expect(warnings(session)).toEqual([]);
  });

  it('f10 multi-login takeover: on the agent lane and in the timeline, one warning tied to the held call, no socket alarm', () => {
    const { session } = load('f10-multi-login-takeover');
    const id10 = 'f1000000-0000-4000-8000-000000000a10';
    const timeline = session.interaction(id10)!;
    const takeover = timeline.events.at(-1)!;
    expect(takeover.name).toBe('AgentMultiLoginCloseSession');
    expect(takeover.flags).toMatchObject({ onHold: true, ended: false });
    expect(session.agent.states.at(-1)).toMatchObject({ event: 'AgentMultiLoginCloseSession', seq: takeover.seq });
    const lanes = lanesOf(timeline, session.agent.states, timeline.events[0]!.t, takeover.t + 1000);
    expect(lanes.find((l) => l.id === 'agent')!.segments.at(-1)).toMatchObject({ seq: takeover.seq });
    const found = session.anomalies.filter((a) => a.rule === 'multi-login');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warn', interactionId: id10, seq: takeover.seq });
    expect(found[0]!.message).toContain(`${id10} (on hold)`);
    none(session, 'keepalive-gap', 'reconnect-without-hydrate');
    expect(warnings(session)).toHaveLength(1);
  });

  it('f03 cut to start mid-connection (its first 14 messages gone): no keepalive gap from the open the reader adds, no warning', () => {
    const har = JSON.parse(readFileSync(path.join(DIR, 'f03-consult-leg-switch.har'), 'utf8'));
    const entry = har.log.entries.find((e: { _webSocketMessages?: unknown }) => e._webSocketMessages);
    entry._webSocketMessages = entry._webSocketMessages.slice(14);
    const frames = readHar(har).frames;
    // The open is at the entry's start (09:00:00), the first message left 18 s later.
    expect(frames.slice(0, 2).map((f) => [f.seq, f.kind, f.t - frames[0]!.t])).toEqual([
      [1, 'open', 0],
      [2, 'text', 18_000],
    ]);
    const session = new Session();
    for (const frame of frames) session.ingest(frame);
    session.finish();
    // Its consult began before the capture did: a note, no warning.
    expect(session.anomalies.map((a) => [a.rule, a.severity, a.seq, a.message])).toEqual([
      [
        'consult-without-start',
        'info',
        5,
        'AgentConsulting (#5) without AgentConsultCreated or AgentOfferConsult: the capture started mid-call, after the consult may have begun.',
      ],
    ]);
  });

  it('f11 refresh while ringing: new at the hydrate, connected at assignment; timestamps alone are no missed transition', () => {
    const { session } = load('f11-refresh-while-ringing');
    const timeline = session.interaction('f1100000-0000-4000-8000-000000000a11')!;
    const hydrate = byName(timeline.events, 'AgentContact');
    expect(hydrate.changes.length).toBeGreaterThan(0);
    expect(hydrate.flags).toMatchObject({ state: 'new', ended: false });
    expect(byName(timeline.events, 'AgentContactAssigned').flags.state).toBe('connected');
    none(session, 'missed-transitions', 'rona-overdue', 'reconnect-without-hydrate', 'keepalive-gap');
    expect(warnings(session)).toEqual([]);
  });

  it('f13 overlapping sockets: merged in time, the duplicate Held marked and counted once, both warned about, nothing else', () => {
    const { session, frames } = load('f13-overlapping-sockets-duplicate');
    // The HAR lists ws-1 then ws-2; the model sees them interleaved by arrival time.
    for (let i = 1; i < frames.length; i++) expect(frames[i]!.t).toBeGreaterThanOrEqual(frames[i - 1]!.t);
    expect(frames.map((f) => f.seq)).toEqual(frames.map((_, i) => i + 1));
    const timeline = session.interaction('f1300000-0000-4000-8000-000000000a13')!;
    const [first, second] = timeline.events.filter((e) => e.name === 'AgentContactHeld');
    expect(second!.marks).toEqual({ duplicateOf: first!.seq });
    expect(second!.flags).toBe(first!.flags);
    expect(timeline.intervals.filter((i) => i.kind === 'hold')).toHaveLength(1);
    expect(timeline.intervals.find((i) => i.kind === 'hold')!.fromSeq).toBe(first!.seq);
    expect(rules(session).filter((r) => r === 'duplicate-delivery')).toHaveLength(1);
    expect(rules(session).filter((r) => r === 'overlapping-sockets')).toHaveLength(1);
    none(session, 'event-time-backwards', 'missed-transitions', 'held-while-held', 'reconnect-without-hydrate');
    expect(warnings(session)).toHaveLength(2);
  });

  it('f15 blind transfer then unassign: ended with wrap-up owed at the unassign, done at AgentWrappedUp', () => {
    const { session } = load('f15-blind-transfer-unassigned');
    const timeline = session.interaction('f1500000-0000-4000-8000-000000000a15')!;
    expect(byName(timeline.events, 'AgentBlindTransferred').flags).toMatchObject({ ended: false, wrapUp: false });
    expect(byName(timeline.events, 'AgentContactUnassigned').flags).toMatchObject({
      ended: true,
      wrapUp: true,
      endedBy: 'AgentContactUnassigned',
    });
    expect(byName(timeline.events, 'AgentWrappedUp').flags).toMatchObject({ ended: true, wrapUp: false });
    none(session, 'event-after-end', 'self-left-roster');
    expect(warnings(session)).toEqual([]);
  });

  it('f17 chat and e-mail at once: two interactions of the right media types, no recording shown', () => {
    const { session } = load('f17-chat-email-concurrent');
    const [chat, email] = [...session.interactions.values()];
    expect([chat!.mediaType, email!.mediaType]).toEqual(['chat', 'email']);
    for (const timeline of [chat!, email!]) {
      expect(timeline.events.every((e) => e.flags.recording === 'unknown')).toBe(true);
      expect(timeline.intervals.filter((i) => i.kind.startsWith('recording'))).toEqual([]);
      expect(lanesOf(timeline, [], 0, 1).map((l) => l.id)).not.toContain('recording');
    }
    expect(warnings(session)).toEqual([]);
  });

  it('f18 remote hold then an empty CPD: on hold, recording unknown with one vanished warning, one grouped finding per frame', () => {
    const { session } = load('f18-remote-hold-empty-cpd');
    const timeline = session.interaction('f1800000-0000-4000-8000-000000000a18')!;
    expect(byName(timeline.events, 'AgentContactHeld').flags).toMatchObject({ onHold: true, recording: 'active' });
    const updated = byName(timeline.events, 'ContactUpdated');
    expect(updated.flags).toMatchObject({ onHold: true, recording: 'unknown' });
    expect(rules(session)).toEqual(['recording-flags-vanished']);
    const missing = session.findings.filter((f) => f.code === 'missing-field');
    const perFrame = new Map<number, number>();
    for (const f of missing) perFrame.set(f.seq, (perFrame.get(f.seq) ?? 0) + 1);
    expect([...perFrame.values()].every((n) => n === 1)).toBe(true);
    expect(missing.find((f) => f.seq === updated.seq)).toMatchObject({
      path: 'data.interaction.callProcessingDetails',
      message: expect.stringMatching(/^21 required fields are absent: IvrPath, QMgrName/),
    });
  });

  it('f19 auto-answered outdial: the customer is the dialled number, in the panel and the report', () => {
    const { session, report } = load('f19-outdial-dialed-number');
    const timeline = session.interaction('f1900000-0000-4000-8000-000000000a19')!;
    expect(timeline.snapshot?.callProcessingDetails?.ani).toBe('+18005550111');
    expect(report.interactions[0]!.customer).toEqual({
      value: '+14155550139',
      source: 'participants.+14155550139.dn',
    });
    expect(warnings(session)).toEqual([]);
  });

  /*
   * What was on (hold, recording, consult) stops at the event that ended the task for this agent
   * (§10.4), in the model, the report's intervals and the CLI's flags alike: the end event's
   * snapshot still saying `recordInProgress: true` claims nothing. Only f10's call, on hold and
   * not ended when its socket was taken over, is still on at the end of the capture.
   */
  const INTERVALS: Record<string, readonly (readonly [string, string, number, number | undefined])[]> = {
    'f01-epdn-consulted-connected': [
      ['recording-active', '', 6, 27],
      ['consult', '', 10, 27],
    ],
    'f03-consult-leg-switch': [
      ['recording-active', '', 5, 45],
      ['consult', '', 14, 38],
      ['hold', '000000a3', 15, 26],
      ['hold', '000000b3', 24, 32],
      ['hold', '000000a3', 31, 40],
    ],
    'f04-customer-left-during-consult': [
      ['recording-active', '', 5, 32],
      ['consult', '', 14, 32],
      ['hold', '000000a4', 15, 32],
    ],
    'f05-abandon-while-ringing': [['recording-active', '', 6, 12]],
    'f07-outdial-failed-before-offer': [],
    'f08-wxapp-outdial-agent-end': [['recording-active', '', 6, 27]],
    'f09-campaign-preview-rekey': [['recording-active', '', 6, 26]],
    'f10-multi-login-takeover': [
      ['recording-active', '', 6, undefined],
      ['hold', '00000a10', 15, undefined],
    ],
    'f11-refresh-while-ringing': [['recording-active', '', 6, 33]],
    'f13-overlapping-sockets-duplicate': [
      ['recording-active', '', 5, 52],
      ['hold', '00000a13', 30, 46],
    ],
    'f15-blind-transfer-unassigned': [['recording-active', '', 5, 23]],
    'f17-chat-email-concurrent': [],
    'f18-remote-hold-empty-cpd': [
      ['recording-active', '', 5, 19],
      ['hold', '00000a18', 16, 28],
    ],
    'f19-outdial-dialed-number': [['recording-active', '', 6, 22]],
  };

  it.each(Object.entries(INTERVALS))(
    '%s: every interval closes where it stopped, at the latest the task’s end',
    (file, expected) => {
      const { session, report } = load(file);
      const intervals = report.interactions.flatMap((i) =>
        i.intervals.map((v) => [v.kind, v.leg?.slice(-8) ?? '', v.fromSeq, v.toSeq] as const),
      );
      expect(intervals).toEqual(expected);
      for (const timeline of session.interactions.values()) {
        const end = timeline.events.find((e) => e.flags.ended);
        // The lane chart draws the model's intervals: open only where the task did not end.
        const lanes = lanesOf(timeline, [], timeline.events[0]!.t, timeline.events.at(-1)!.t);
        for (const segment of lanes.flatMap((l) => l.segments)) {
          expect(segment.open).toBe(end === undefined);
          if (end) expect(segment.to).toBeLessThanOrEqual(end.t);
        }
        // After the end nothing is claimed live; a known recording reads `off` (digital channels
        // never said, and f18's empty CPD left it unknown).
        const recording =
          file === 'f17-chat-email-concurrent' || file === 'f18-remote-hold-empty-cpd' ? 'unknown' : 'off';
        for (const event of timeline.events.filter((e) => e.flags.ended)) {
          expect(event.flags).toMatchObject({
            heldLegs: [],
            onHold: false,
            consulting: false,
            conferencing: false,
            recording,
          });
        }
      }
    },
  );

  it('the CLI prints no active recording after the end (f03 #45, #46, #51)', () => {
    const { report } = load('f03-consult-leg-switch');
    const ends = report.interactions[0]!.events.filter((e) => e.flags.ended);
    expect(ends.map((e) => [e.seq, e.type, e.flags.recording, e.flags.wrapUp])).toEqual([
      [45, 'ContactEnded', 'off', true],
      [46, 'AgentWrapup', 'off', true],
      [51, 'AgentWrappedUp', 'off', false],
    ]);
  });
});
