import { describe, expect, it } from 'vitest';
import { createDecodeSession, decodeFrame, EVENT_CATEGORIES, type Decoded } from '../../../src/protocol';
import { listScenarios } from '../../sim/scenario';
import { WELL_FORMED_SCENARIOS, scenarioFrames } from './frames';

// Every scenario script of the simulator, decoded frame by frame as the panel will.

function decodeAll(name: string): Decoded[] {
  const session = createDecodeSession();
  return scenarioFrames(name).map((frame) => decodeFrame(frame, session));
}

describe('scenario fixtures through decodeFrame', () => {
  it('decode without warnings or errors when the script follows the protocol', () => {
    for (const name of WELL_FORMED_SCENARIOS) {
      for (const d of decodeAll(name)) {
        const problems = d.findings.filter((f) => f.severity !== 'info');
        expect(problems, `${name} #${d.frame.seq}`).toEqual([]);
        expect(d.kind, name).toBe('event');
      }
    }
  });

  it('cover every event category with a fixture (all but unknown in the well-formed ones)', () => {
    const seen = new Set<string>();
    for (const name of listScenarios())
      for (const d of decodeAll(name)) if (d.kind === 'event') seen.add(d.info.category);
    // The connection family's Welcome and keepalives are sent by the simulator itself.
    expect([...seen].sort()).toEqual([...EVENT_CATEGORIES].sort());
  });

  it('list each unknown key once per scenario', () => {
    const unknown = decodeAll('inbound-hold-resume').flatMap((d) => d.findings.filter((f) => f.code === 'unknown-key'));
    expect(unknown.map((f) => f.path)).toEqual(['data.wrapUpAuxCodeId']);
  });

  it('show every deliberate anomaly of the anomalies script without dropping a frame', () => {
    const frames = scenarioFrames('anomalies');
    const decoded = decodeAll('anomalies');
    expect(decoded).toHaveLength(frames.length);
    const kinds = decoded.map((d) => d.kind);
    expect(kinds.filter((k) => k === 'invalid-json')).toHaveLength(1);
    const teleported = decoded.find((d) => d.kind === 'event' && d.name === 'AgentContactTeleported');
    expect(teleported?.findings.map((f) => f.code)).toContain('unknown-event');
  });

  it('take the hostile script apart frame by frame without throwing', () => {
    const decoded = decodeAll('hostile');
    const byKind = (k: string) => decoded.filter((d) => d.kind === k).length;
    expect(byKind('binary')).toBe(1);
    expect(byKind('keepalive')).toBe(1);
    expect(byKind('invalid-json')).toBe(1); // the empty frame
    expect(byKind('unknown-json')).toBe(4); // null, array, string, number
    const markup = decoded.find((d) => d.kind === 'event' && d.name.includes('<img'));
    expect(markup?.kind === 'event' && markup.info.category).toBe('unknown');
    const overflow = decoded.find((d) =>
      d.findings.some((f) => f.path === 'data.eventTime' && f.code === 'wrong-type'),
    );
    expect(overflow).toBeDefined();
    // 100 KB strings and 1000-level nesting sit in free-form fields: kept, never walked.
    const big = decoded.find(
      (d) => d.kind === 'event' && JSON.stringify(d.interaction?.flowProperties ?? {}).length > 100_000,
    );
    expect(big).toBeDefined();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
