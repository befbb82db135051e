import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readHar } from '../../../src/io';
import { agentStateLane, holdTitles, lanesOf, Session, type AgentStateChange } from '../../../src/model';
import { Flow, ID } from './flow';

const leg = (s: Record<string, any>) => s['media'][ID];

function heldCall() {
  const flow = new Flow()
    .agentState('Available')
    .event('AgentContactReserved')
    .event('AgentOfferContact')
    .event('AgentContactAssigned')
    .event('AgentContactHeld', {
      edit: (s) => {
        leg(s).isHold = true;
        s['state'] = 'hold';
      },
      data: { mediaResourceId: ID },
    })
    .event('ContactRecordingPaused', {
      noSnapshot: true,
      // Carried into the next snapshot, as the server would.
      edit: (s) => {
        s['callProcessingDetails'] = { ...s['callProcessingDetails'], recordInProgress: false, isPaused: true };
      },
    })
    .event('AgentContactUnheld', {
      edit: (s) => {
        leg(s).isHold = false;
        s['state'] = 'connected';
      },
      data: { mediaResourceId: ID },
    });
  return { session: flow.run(), frames: flow.frames };
}

describe('lanesOf', () => {
  it('draws hold per leg, one recording lane, consult and conference, then the agent', () => {
    const { session, frames } = heldCall();
    const timeline = session.interaction(ID)!;
    const start = timeline.events[0]!.t;
    const end = frames.at(-1)!.t + 1000;
    const lanes = lanesOf(timeline, session.agent.states, start, end);
    expect(lanes.map((l) => l.id)).toEqual([`hold:${ID}`, 'recording', 'consult', 'conference', 'agent']);
    const [hold, recording, consult, conference, agent] = lanes;
    const seqOf = (name: string) => timeline.events.find((e) => e.name === name)!.seq;
    const tOf = (name: string) => timeline.events.find((e) => e.name === name)!.t;

    expect(hold!.leg).toBe(ID);
    expect(hold!.title).toBe('Hold · customer');
    expect(hold!.segments).toEqual([
      {
        from: tOf('AgentContactHeld'),
        to: tOf('AgentContactUnheld'),
        open: false,
        seq: seqOf('AgentContactHeld'),
        toSeq: seqOf('AgentContactUnheld'),
        kind: 'hold',
        what: 'Hold · customer',
      },
    ]);
    // Active from the first snapshot until the pause, paused until the end of the capture (still open).
    expect(recording!.segments.map((s) => [s.kind, s.seq, s.open, s.what])).toEqual([
      ['recording-active', seqOf('AgentContactReserved'), false, 'Recording'],
      ['recording-paused', seqOf('ContactRecordingPaused'), true, 'Recording paused'],
    ]);
    expect(recording!.segments[1]!.to).toBe(end);
    expect(consult!.segments).toEqual([]);
    expect(conference!.segments).toEqual([]);
    // The agent's state from before the call started, clipped to the call's start.
    expect(agent!.segments).toHaveLength(1);
    expect(agent!.segments[0]).toMatchObject({ from: start, to: end, open: true, kind: 'agent', what: 'Available' });
  });

  it('leaves out agent states that ended before the interaction began', () => {
    const flow = new Flow().agentState('Idle', 'Lunch').agentState('Available').event('AgentContactReserved');
    const session = flow.run();
    const timeline = session.interaction(ID)!;
    const start = timeline.events[0]!.t;
    const lanes = lanesOf(timeline, session.agent.states, start, start + 5000);
    expect(lanes.find((l) => l.id === 'agent')!.segments.map((s) => s.what)).toEqual(['Available']);
    // "Idle/Lunch" would be shown as both parts when they differ.
    const all = lanesOf(timeline, session.agent.states, 0, start + 5000);
    expect(all.find((l) => l.id === 'agent')!.segments.map((s) => s.what)).toEqual(['Idle/Lunch', 'Available']);
  });
});

describe('agentStateLane', () => {
  const states = (n: number): AgentStateChange[] =>
    Array.from({ length: n }, (_, i) => ({
      seq: i + 1,
      t: 1000 * (i + 1),
      event: 'AgentStateChangeSuccess',
      status: i % 2 ? 'Idle' : 'Available',
      subStatus: i % 2 ? 'Lunch' : 'Available',
      reason: undefined,
      changedBy: undefined,
    }));

  it('names a state once when status and sub-status agree, both when they differ, else the event', () => {
    const [a, b] = states(2);
    const lane = agentStateLane([a!, b!, { ...b!, seq: 3, t: 3000, status: undefined, subStatus: undefined }], 0, 4000);
    expect(lane.segments.map((s) => s.what)).toEqual(['Available', 'Idle/Lunch', 'AgentStateChangeSuccess']);
  });

  it('as more changes come in, lends the previous lane’s unchanged segments and draws the same lane as from scratch', () => {
    const all = states(1000);
    const before = agentStateLane(all.slice(0, 900), 1000, 950_000);
    const after = agentStateLane(all, 1000, 1_200_000, before);
    expect(after).toEqual(agentStateLane(all, 1000, 1_200_000));
    // The first 899 ended before the new changes: the same objects; the last one (open) is redrawn.
    expect(after.segments.slice(0, 899).every((s, i) => s === before.segments[i])).toBe(true);
    expect(after.segments[899]).not.toBe(before.segments[899]);
    expect(after.segments[899]!.open).toBe(false);
    // A later start (another span) shares nothing it should not.
    const later = agentStateLane(all, 500_500, 1_200_000, after);
    expect(later).toEqual(agentStateLane(all, 500_500, 1_200_000));
  });
});

describe('hold lanes say whose leg they are', () => {
  it('field case f03: the customer on hold apart from the parked consult leg, by name and per bar', () => {
    const har = readFileSync(path.resolve(__dirname, '../../fixtures/field-cases/f03-consult-leg-switch.har'), 'utf8');
    const session = new Session();
    for (const frame of readHar(JSON.parse(har)).frames) session.ingest(frame);
    session.finish();
    const timeline = session.interaction('f0300000-0000-4000-8000-0000000000a3')!;
    const start = timeline.events[0]!.t;
    const lanes = lanesOf(timeline, session.agent.states, start, start + 70_000);
    const holds = lanes.filter((lane) => lane.id.startsWith('hold:'));
    expect(holds.map((lane) => [lane.id, lane.title, lane.leg])).toEqual([
      ['hold:f0300000-0000-4000-8000-0000000000a3', 'Hold · customer', 'f0300000-0000-4000-8000-0000000000a3'],
      ['hold:f0300000-0000-4000-8000-0000000000b3', 'Hold · leg …b3', 'f0300000-0000-4000-8000-0000000000b3'],
    ]);
    // Held at #15, switched at #24/#26 (consult leg parked, customer back), again at #31/#32, resumed #40.
    expect(holds.map((lane) => lane.segments.map((s) => [s.what, s.seq, s.toSeq]))).toEqual([
      [
        ['Hold · customer', 15, 26],
        ['Hold · customer', 31, 40],
      ],
      [['Hold · leg …b3', 24, 32]],
    ]);
  });

  it('names other legs by the shortest end of their ids (2 at least) that tells them apart', () => {
    expect(
      holdTitles([
        { leg: 'main-0001', customer: true },
        { leg: 'consult-10b3' },
        { leg: 'consult-20b3' },
        { leg: 'xc3' },
      ]),
    ).toEqual(
      new Map([
        ['main-0001', 'Hold · customer'],
        ['consult-10b3', 'Hold · leg …10b3'],
        ['consult-20b3', 'Hold · leg …20b3'],
        // As long as the end shown, or one character more: the whole id, without "…".
        ['xc3', 'Hold · leg xc3'],
      ]),
    );
    expect(holdTitles([{ leg: 'a-b3' }])).toEqual(new Map([['a-b3', 'Hold · leg …b3']]));
    // One id the end of another: the longer one's end is shown until they differ.
    expect(holdTitles([{ leg: 'b3' }, { leg: 'ab3' }])).toEqual(
      new Map([
        ['b3', 'Hold · leg b3'],
        ['ab3', 'Hold · leg ab3'],
      ]),
    );
  });

  it("a leg that was not always the customer's is named as another leg; no id at all still makes a lane", () => {
    expect(holdTitles([{ leg: 'leg-00a3', customer: true }, { leg: 'leg-00a3' }, { leg: '' }])).toEqual(
      new Map([
        ['leg-00a3', 'Hold · leg …a3'],
        ['', 'Hold · leg'],
      ]),
    );
  });
});
