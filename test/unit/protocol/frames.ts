// Frames for the protocol tests: scenario steps as the capture would deliver them.
import type { Frame } from '../../../src/frame/frame';
import { loadScenario, type Scenario } from '../../sim/scenario';

let seq = 0;

export function textFrame(data: string | undefined, dir: Frame['dir'] = 'in'): Frame {
  seq++;
  return {
    seq,
    t: 1_767_600_000_000 + seq,
    socket: 'ws-1',
    dir,
    kind: 'text',
    ...(data === undefined ? {} : { data }),
    size: data?.length ?? 0,
  };
}

export function jsonFrame(value: unknown, dir: Frame['dir'] = 'in'): Frame {
  return textFrame(JSON.stringify(value), dir);
}

export function stepFrames(scenario: Scenario): Frame[] {
  const frames: Frame[] = [];
  for (const step of scenario.steps) {
    if (step.frame !== undefined) frames.push(jsonFrame(step.frame));
    else if (step.raw !== undefined) frames.push(textFrame(step.raw));
    else if (step.binaryHex !== undefined) {
      seq++;
      frames.push({
        seq,
        t: seq,
        socket: 'ws-1',
        dir: 'in',
        kind: 'binary',
        data: step.binaryHex,
        size: step.binaryHex.length / 2,
      });
    }
  }
  return frames;
}

export function scenarioFrames(name: string): Frame[] {
  return stepFrames(loadScenario(name));
}

type Json = Record<string, unknown>;

/** The first scenario frame whose data.type is `name`, as a fresh JSON object to mutate. */
export function eventFrame(scenario: string, name: string): Json {
  for (const step of loadScenario(scenario).steps) {
    const data = step.frame?.['data'] as Json | undefined;
    if (data?.['type'] === name) return structuredClone(step.frame as Json);
  }
  throw new Error(`no ${name} in ${scenario}`);
}

/** A well-formed contact event with a full Interaction snapshot (CPD with string booleans etc). */
export function assignedFrame(): Json {
  return eventFrame('recording-pause-resume', 'AgentContactAssigned');
}

export const WELL_FORMED_SCENARIOS = [
  'inbound-hold-resume',
  'recording-pause-resume',
  'consult-conference-wrapup',
  'reconnect-hydrate',
  'transfer-and-failures',
  'agent-session-monitoring',
];
