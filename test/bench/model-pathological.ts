/**
 * The session on pathological interactions (a hostile or broken capture): one interaction of N
 * events shaped to make a rule or a mark look back over its whole history at every event — events
 * after its end, AgentConsulting with no consult start, consult failures without a consult, second
 * deliveries — against an ordinary interaction of as many events (ContactUpdated during a
 * connected call) in the same run, alternately; CPU time, medians. Linear work means a ratio
 * near 1 whatever N is; a look back per event would grow with N.
 */
import { loadavg } from 'node:os';
import type { Frame } from '../../src/frame/frame';
import { Session } from '../../src/model';
import { Flow } from '../unit/model/flow';
import { fmt, median } from './stats';

const EVENTS = Number(process.env.BENCH_PATHOLOGICAL_EVENTS ?? 50_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);

const FLOWS: Record<string, (n: number) => Flow> = {
  'events after the end': (n) => {
    const flow = new Flow().event('AgentContactAssigned').event('ContactEnded').event('AgentWrappedUp');
    for (let i = 0; i < n; i++) flow.event('ContactUpdated', { noSnapshot: true });
    return flow;
  },
  'AgentConsulting without a start': (n) => {
    const flow = new Flow().event('AgentContactAssigned');
    for (let i = 0; i < n; i++) flow.event('AgentConsulting', { noSnapshot: true });
    return flow;
  },
  'consult failures without a consult': (n) => {
    const flow = new Flow().event('AgentContactAssigned');
    for (let i = 0; i < n; i++) flow.event(i % 2 ? 'AgentConsultFailed' : 'ContactUpdated', { noSnapshot: true });
    return flow;
  },
  'second deliveries': (n) => {
    const flow = new Flow().event('AgentContactAssigned');
    for (let i = 0; i < n; i++) flow.event('ContactUpdated', { noSnapshot: true, eventTime: 1_767_603_600_005 });
    return flow;
  },
};

const ordinary = (n: number): Flow => {
  const flow = new Flow().event('AgentContactAssigned');
  for (let i = 0; i < n; i++) flow.event('ContactUpdated', { noSnapshot: true });
  return flow;
};

function cpuMs(frames: readonly Frame[]): number {
  const start = process.cpuUsage();
  const session = new Session();
  for (const frame of frames) session.ingest(frame);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

export interface PathologicalResult {
  events: number;
  repeats: number;
  load: [number, number];
  /** CPU ms of the ordinary interaction of as many events. */
  ordinaryMs: number;
  flows: { name: string; ms: number; ratio: number }[];
}

export function benchPathological(): PathologicalResult {
  const loadBefore = loadavg()[0]!;
  const base = ordinary(EVENTS).frames;
  const flows = Object.entries(FLOWS).map(([name, make]) => ({
    name,
    frames: make(EVENTS).frames,
    runs: [] as number[],
  }));
  const baseRuns: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    for (const flow of flows) {
      baseRuns.push(cpuMs(base));
      flow.runs.push(cpuMs(flow.frames));
    }
  }
  const ordinaryMs = median(baseRuns);
  return {
    events: EVENTS,
    repeats: REPEATS,
    load: [loadBefore, loadavg()[0]!],
    ordinaryMs,
    flows: flows.map((f) => ({ name: f.name, ms: median(f.runs), ratio: median(f.runs) / ordinaryMs })),
  };
}

export function printPathological(result: PathologicalResult): void {
  console.log(
    `\npathological interactions: ${result.events.toLocaleString('en-US')} events each, CPU time, median of ${result.repeats} alternating (load ${fmt(result.load[0])} → ${fmt(result.load[1])})`,
  );
  console.log(`  ordinary interaction (ContactUpdated while connected): ${fmt(result.ordinaryMs, 0)} ms`);
  for (const flow of result.flows)
    console.log(`  ${flow.name.padEnd(36)} ${fmt(flow.ms, 0).padStart(6)} ms  ${fmt(flow.ratio, 2)}× ordinary`);
}
