import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCENARIO_BUILDERS } from '../../sim/build/scenarios.ts';
import { renderScenarioFile } from '../../sim/generate.ts';
import {
  expandMacros,
  listScenarios,
  loadScenario,
  parseScenario,
  scenarioDuration,
  scenarioPath,
  ScenarioError,
  type Scenario,
} from '../../sim/scenario.ts';

const REQUIRED = [
  'inbound-hold-resume',
  'recording-pause-resume',
  'consult-conference-wrapup',
  'reconnect-hydrate',
  'anomalies',
  'hostile',
];
// Scripts that must follow the protocol to the letter (the other two break it on purpose).
const WELL_FORMED = ['inbound-hold-resume', 'recording-pause-resume', 'consult-conference-wrapup', 'reconnect-hydrate'];

// Event names from protocol doc §3, exact casing.
const KNOWN_CONTACT_EVENTS = new Set([
  'AgentContactReserved',
  'AgentOfferContact',
  'AgentOfferConsult',
  'AgentOfferCampaignReservation',
  'AgentContactAssigned',
  'AgentContactAssignFailed',
  'AgentInviteFailed',
  'AgentOfferContactRona',
  'AgentContact',
  'ContactUpdated',
  'ContactOwnerChanged',
  'ContactMerged',
  'ContactEnded',
  'AgentContactUnassigned',
  'AgentContactEndFailed',
  'AgentWrapup',
  'AgentWrappedUp',
  'AgentWrapupFailed',
  'AgentOutboundFailed',
  'ParticipantPostCallActivity',
  'AgentContactHeld',
  'AgentContactUnheld',
  'AgentContactHoldFailed',
  'AgentContactUnHoldFailed',
  'ContactRecordingStarted',
  'ContactRecordingPaused',
  'ContactRecordingResumed',
  'ContactRecordingPauseFailed',
  'ContactRecordingResumeFailed',
  'AgentConsultCreated',
  'AgentConsulting',
  'AgentConsultFailed',
  'AgentConsultEnded',
  'AgentConsultEndFailed',
  'AgentCtqFailed',
  'AgentCtqCancelled',
  'AgentConsultConferencing',
  'AgentConsultConferenced',
  'AgentConsultConferenceFailed',
  'ParticipantJoinedConference',
  'ParticipantLeftConference',
  'AgentConsultConferenceEnded',
  'AgentBlindTransferred',
  'AgentVteamTransferred',
  'AgentConsultTransferred',
  'AgentConsultTransferring',
]);
const AGENT_ENVELOPES: Record<string, string[]> = {
  AgentStateChange: ['AgentStateChangeSuccess', 'AgentStateChangeFailed'],
  AgentReloginSuccess: ['AgentReloginSuccess'],
  StationLogin: ['AgentStationLoginSuccess', 'AgentStationLoginFailed'],
};

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => {
  expect(
    typeof v === 'object' && v !== null && !Array.isArray(v),
    `expected an object, got ${JSON.stringify(v)?.slice(0, 80)}`,
  ).toBe(true);
  return v as Obj;
};

function frames(s: Scenario): Obj[] {
  return s.steps.flatMap((st) => (st.frame ? [st.frame] : []));
}

function eventNames(s: Scenario): string[] {
  return frames(s).map((f) => String(obj(f['data'])['type']));
}

function isSubsequence(needle: string[], hay: string[]): boolean {
  let i = 0;
  for (const h of hay) if (h === needle[i]) i++;
  return i === needle.length;
}

function depth(v: unknown): number {
  let d = 0;
  let cur: unknown = v;
  // Iterative: these values are deep enough to make a recursive walk interesting.
  const stack: Array<[unknown, number]> = [[cur, 0]];
  while (stack.length) {
    const [node, level] = stack.pop()!;
    d = Math.max(d, level);
    cur = node;
    if (typeof cur === 'object' && cur !== null)
      for (const k of Object.keys(cur)) stack.push([(cur as Obj)[k], level + 1]);
  }
  return d;
}

function longestString(v: unknown): number {
  let max = 0;
  const stack: unknown[] = [v];
  while (stack.length) {
    const node = stack.pop();
    if (typeof node === 'string') max = Math.max(max, node.length);
    else if (typeof node === 'object' && node !== null) for (const k of Object.keys(node)) stack.push((node as Obj)[k]);
  }
  return max;
}

/** Checks the §2-§4 shape of one RoutingMessage frame; returns its data. */
function checkRoutingFrame(s: Scenario, f: Obj, orgId: string): Obj {
  expect(f['orgId']).toBe(orgId);
  expect(String(f['trackingId'])).toMatch(/^notifs_[0-9a-f-]{36}$/);
  const data = obj(f['data']);
  const name = String(data['type']);
  expect(KNOWN_CONTACT_EVENTS.has(name), `unknown event ${name}`).toBe(true);
  expect(data['eventType']).toBe('RoutingMessage');
  expect(data['agentId']).toBe(s.agentId);
  expect(data['orgId']).toBe(orgId);
  expect(typeof data['eventTime']).toBe('number');
  const interaction = obj(data['interaction']);
  expect(interaction['interactionId']).toBe(data['interactionId']);
  expect(interaction['orgId']).toBe(orgId);
  expect(typeof interaction['isTerminated']).toBe('boolean');
  const cpd = obj(interaction['callProcessingDetails']);
  for (const [k, v] of Object.entries(cpd))
    expect(typeof v, `callProcessingDetails.${k} must be a string on the wire`).toBe('string');
  expect(String(cpd['ani'])).toMatch(/^\+1\d{3}55501\d\d$/); // fictional 555-01xx range
  const media = obj(interaction['media']);
  for (const [key, leg] of Object.entries(media)) {
    const l = obj(leg);
    expect(l['mediaResourceId']).toBe(key);
    expect(['mainCall', 'consult']).toContain(l['mType']);
    expect(typeof l['isHold']).toBe('boolean');
  }
  const main = obj(media[String(interaction['mainInteractionId'] ?? data['interactionId'])]);
  const participants = obj(interaction['participants']);
  for (const [key, p] of Object.entries(participants)) expect(obj(p)['id']).toBe(key);
  const customer = obj(participants[String(cpd['ani'])]);
  expect(customer['pType']).toBe('Customer');
  if (String(name).startsWith('ContactRecording')) expect('mediaResourceId' in data).toBe(false);
  else expect(typeof data['mediaResourceId']).toBe('string');
  if (name === 'AgentContactHeld') expect(obj(media[String(data['mediaResourceId'])])['isHold']).toBe(true);
  if (name === 'AgentContactUnheld') expect(obj(media[String(data['mediaResourceId'])])['isHold']).toBe(false);
  if (interaction['state'] === 'hold') expect(main['isHold']).toBe(true);
  if (interaction['state'] === 'connected') expect(main['isHold']).toBe(false);
  if (interaction['state'] === 'wrapUp') expect(obj(participants[s.agentId])['isWrapUp']).toBe(true);
  if (data['consultMediaResourceId'])
    expect(obj(media[String(data['consultMediaResourceId'])])['mType']).toBe('consult');
  return data;
}

describe('scenario files', () => {
  it('has every required scenario', () => {
    expect(listScenarios()).toEqual(expect.arrayContaining(REQUIRED));
  });

  for (const name of REQUIRED) {
    describe(name, () => {
      const s = loadScenario(name);

      it('loads, validates, and matches its file name', () => {
        expect(s.name).toBe(name);
        expect(s.steps.length).toBeGreaterThan(3);
      });

      it('plays in under 5 s at speed 1', () => {
        expect(scenarioDuration(s)).toBeLessThan(5000);
      });

      it('uses one agentId / orgId and the documented envelopes', () => {
        const orgs = new Set(
          frames(s)
            .map((f) => f['orgId'])
            .filter((o) => typeof o === 'string' && /^[0-9a-f-]{36}$/.test(o)),
        );
        expect(orgs.size).toBe(1);
        for (const f of frames(s)) {
          const data = f['data'];
          if (typeof data !== 'object' || data === null) continue;
          const d = data as Obj;
          if (String(f['type']) in AGENT_ENVELOPES) {
            expect(AGENT_ENVELOPES[String(f['type'])]).toContain(d['type']);
            expect(d['eventType']).toBe('AgentDesktopMessage');
            expect(d['agentId']).toBe(s.agentId);
          }
        }
      });
    });
  }

  for (const name of WELL_FORMED) {
    it(`${name}: every contact frame follows protocol §2-§4 and eventTime increases`, () => {
      const s = loadScenario(name);
      const orgId = String(frames(s)[0]?.['orgId']);
      let last = 0;
      for (const f of frames(s)) {
        if (f['type'] !== 'RoutingMessage') continue;
        const data = checkRoutingFrame(s, f, orgId);
        const t = Number(data['eventTime']);
        expect(t).toBeGreaterThan(last);
        last = t;
      }
    });
  }

  it('inbound-hold-resume has the full call flow with agent state changes around it', () => {
    const names = eventNames(loadScenario('inbound-hold-resume'));
    expect(
      isSubsequence(
        [
          'AgentStateChangeSuccess',
          'AgentContactReserved',
          'AgentOfferContact',
          'AgentContactAssigned',
          'AgentContactHeld',
          'AgentContactUnheld',
          'AgentWrapup',
          'AgentWrappedUp',
          'AgentStateChangeSuccess',
        ],
        names,
      ),
    ).toBe(true);
  });

  it('recording-pause-resume pauses and resumes with string flags', () => {
    const s = loadScenario('recording-pause-resume');
    const byName = new Map(frames(s).map((f) => [obj(f['data'])['type'], obj(f['data'])]));
    const cpd = (n: string): Obj => obj(obj(byName.get(n)?.['interaction'])['callProcessingDetails']);
    expect(cpd('AgentContactAssigned')).toMatchObject({
      recordingStarted: 'true',
      recordInProgress: 'true',
      isPaused: 'false',
      pauseResumeEnabled: 'true',
    });
    expect(cpd('ContactRecordingPaused')).toMatchObject({ recordInProgress: 'false', isPaused: 'true' });
    expect(cpd('ContactRecordingResumed')).toMatchObject({ recordInProgress: 'true', isPaused: 'false' });
    expect(
      isSubsequence(
        [
          'AgentContactAssigned',
          'ContactRecordingPaused',
          'ContactRecordingResumed',
          'ContactEnded',
          'AgentWrapup',
          'AgentWrappedUp',
        ],
        eventNames(s),
      ),
    ).toBe(true);
  });

  it('consult-conference-wrapup has a consult leg, a conference and a participant leaving', () => {
    const s = loadScenario('consult-conference-wrapup');
    expect(
      isSubsequence(
        [
          'AgentContactAssigned',
          'AgentConsultCreated',
          'AgentConsulting',
          'AgentConsultConferencing',
          'AgentConsultConferenced',
          'ParticipantLeftConference',
          'ContactEnded',
          'AgentWrapup',
          'AgentWrappedUp',
        ],
        eventNames(s),
      ),
    ).toBe(true);
    const consulting = obj(
      frames(s)
        .map((f) => obj(f['data']))
        .find((d) => d['type'] === 'AgentConsulting'),
    );
    const interaction = obj(consulting['interaction']);
    const media = obj(interaction['media']);
    expect(obj(media[String(consulting['consultMediaResourceId'])])['mType']).toBe('consult');
    expect(obj(media[String(consulting['interactionId'])])['isHold']).toBe(true);
    const conferenced = obj(
      frames(s)
        .map((f) => obj(f['data']))
        .find((d) => d['type'] === 'AgentConsultConferenced'),
    );
    expect(obj(conferenced['interaction'])['state']).toBe('conference');
    expect(conferenced['isConferencing']).toBe(true);
    expect(obj(obj(conferenced['interaction'])['callProcessingDetails'])['isConferencing']).toBe('true');
  });

  it('reconnect-hydrate drops, then relogs in and hydrates a changed snapshot', () => {
    const s = loadScenario('reconnect-hydrate');
    const drop = s.steps.findIndex((st) => st.drop);
    expect(drop).toBeGreaterThan(0);
    const before = s.steps.slice(0, drop).flatMap((st) => (st.frame ? [obj(st.frame['data'])] : []));
    const after = s.steps.slice(drop + 1).flatMap((st) => (st.frame ? [obj(st.frame['data'])] : []));
    expect(before.map((d) => d['type'])).toContain('AgentContactAssigned');
    expect(after[0]?.['type']).toBe('AgentReloginSuccess');
    expect(after[0]?.['interactionIds']).toEqual([before.at(-1)?.['interactionId']]);
    const hydrate = obj(after[1]);
    expect(hydrate['type']).toBe('AgentContact');
    expect(obj(hydrate['interaction'])['state']).toBe('hold');
    expect(before.some((d) => d['type'] === 'AgentContactHeld')).toBe(false);
    expect(after.map((d) => d['type'])).toEqual(
      expect.arrayContaining(['AgentContactUnheld', 'ContactEnded', 'AgentWrappedUp']),
    );
  });

  it('anomalies contains each deliberate violation', () => {
    const s = loadScenario('anomalies');
    const names = eventNames(s);
    expect(names.indexOf('AgentContactUnheld')).toBeLessThan(names.indexOf('AgentContactHeld'));
    expect(names).toContain('AgentContactTeleported');
    expect(names.filter((n) => n === 'ContactRecordingPaused')).toHaveLength(2);
    expect(names.slice(names.indexOf('ContactEnded') + 1)).toEqual(expect.arrayContaining(['ContactRecordingResumed']));
    expect(names.at(-1)).toBe('ContactUpdated');
    expect(names.lastIndexOf('AgentWrappedUp')).toBeLessThan(names.length - 1);
    expect(
      s.steps.some(
        (st) =>
          st.raw !== undefined &&
          (() => {
            try {
              JSON.parse(st.raw);
              return false;
            } catch {
              return true;
            }
          })(),
      ),
    ).toBe(true);
    const times = frames(s)
      .map((f) => obj(f['data'])['eventTime'])
      .filter((t): t is number => typeof t === 'number');
    expect(times.some((t, i) => i > 0 && t < (times[i - 1] ?? 0))).toBe(true);
    // One of the Held frames carries a snapshot that says the leg is not held.
    const heldSnapshots = frames(s)
      .map((f) => obj(f['data']))
      .filter((d) => d['type'] === 'AgentContactHeld')
      .map((d) => obj(obj(obj(d['interaction'])['media'])[String(d['mediaResourceId'])])['isHold']);
    expect(heldSnapshots).toContain(false);
    for (const st of s.steps) if (st.note?.startsWith('ANOMALY')) expect(st.frame ?? st.raw).toBeDefined();
  });

  it('hostile carries markup, 100 KB strings, deep nesting, unicode, odd JSON and a binary frame', () => {
    const s = loadScenario('hostile');
    const all = JSON.stringify(s.steps);
    expect(all).toContain('<img src=x onerror=alert(1)>');
    expect(all).toContain('</script>');
    expect(all).toContain('\u{1F4DE}');
    // Bidi controls where a UI shows them as they are: the agent's idle reason, the caller, an event name.
    const data = frames(s).map((f) => obj(f['data']));
    expect(data.some((d) => d['type'] === 'AgentStateChangeSuccess' && String(d['subStatus']).includes('\u202e'))).toBe(
      true,
    );
    const cpd = (d: Obj) => obj(obj(d['interaction'] ?? {})['callProcessingDetails'] ?? {});
    expect(data.some((d) => /\u202e.*\u200f\u061c\u200e/.test(String(cpd(d)['displayAni'])))).toBe(true);
    expect(data.some((d) => d['type'] === '\u202edleHtcatnoCtnegA\u202c')).toBe(true);
    expect(Math.max(...frames(s).map(longestString))).toBeGreaterThanOrEqual(100 * 1024);
    expect(Math.max(...frames(s).map(depth))).toBeGreaterThanOrEqual(1000);
    expect(s.steps.some((st) => st.binaryHex)).toBe(true);
    expect(s.steps.some((st) => st.raw === '')).toBe(true);
    expect(s.steps.some((st) => st.raw === 'null')).toBe(true);
    const withProto = frames(s).some((f) => {
      const props = obj(obj(f['data'])['interaction'] ?? {})['mediaProperties'];
      return typeof props === 'object' && props !== null && Object.hasOwn(props, '__proto__');
    });
    expect(withProto, '__proto__ must survive loading as an own key').toBe(true);
    expect(({} as Obj)['polluted']).toBeUndefined();
  });
});

describe('scenario validation', () => {
  const good = { name: 'inline', description: 'x', agentId: 'a', steps: [{ delay: 0, frame: { type: 'Welcome' } }] };

  it('accepts a minimal scenario', () => {
    expect(parseScenario(good).steps).toHaveLength(1);
  });

  it.each([
    ['a misspelt step key', { ...good, steps: [{ dealy: 0, frame: {} }] }, /dealy/],
    ['a misspelt top-level key', { ...good, agentID: 'x' }, /agentID/],
    ['two actions in one step', { ...good, steps: [{ delay: 0, frame: {}, raw: 'x' }] }, /at most one/],
    ['an empty step', { ...good, steps: [{ delay: 0 }] }, /needs one of/],
    ['a negative delay', { ...good, steps: [{ delay: -1, raw: 'x' }] }, /steps\.0\.delay/],
    ['a frame that is not an object', { ...good, steps: [{ delay: 0, frame: [1] }] }, /JSON object/],
    ['odd-length hex', { ...good, steps: [{ delay: 0, binaryHex: 'abc' }] }, /hex/],
    ['a close code a server cannot send', { ...good, steps: [{ delay: 0, drop: { code: 1005 } }] }, /drop\.code/],
    ['a misspelt drop key', { ...good, steps: [{ delay: 0, drop: { cdoe: 4000 } }] }, /cdoe/],
    [
      'an unknown macro',
      { ...good, steps: [{ delay: 0, frame: { a: { $repeet: 'x', times: 2 } } }] },
      /unknown macro "\$repeet"/,
    ],
    [
      'a bad macro argument',
      { ...good, steps: [{ delay: 0, frame: { a: { $repeat: 'x', times: -1 } } }] },
      /invalid macro/,
    ],
    ['no steps', { ...good, steps: [] }, /steps/],
    ['a bad name', { ...good, name: 'Has Spaces' }, /kebab/],
  ])('rejects %s', (_label, input, message) => {
    expect(() => parseScenario(input)).toThrow(ScenarioError);
    expect(() => parseScenario(input)).toThrow(message);
  });

  it('rejects path-like and unknown scenario names', () => {
    expect(() => loadScenario('../package')).toThrow(/invalid scenario name/);
    expect(() => loadScenario('no-such-scenario')).toThrow(/unknown scenario "no-such-scenario"/);
  });

  it('expands macros', () => {
    expect(expandMacros({ s: { $repeat: 'ab', times: 3 } })).toEqual({ s: 'ababab' });
    expect(expandMacros({ n: { $nest: 2, key: 'k', leaf: 1 } })).toEqual({ n: { k: { k: 1 } } });
    expect(expandMacros({ n: { $nestArray: 2, leaf: { $repeat: 'x', times: 2 } } })).toEqual({ n: [['xx']] });
  });

  it('keeps __proto__ as an own key instead of changing the prototype', () => {
    const parsed = parseScenario(
      JSON.parse('{"name":"p","description":"d","agentId":"a","steps":[{"delay":0,"frame":{"__proto__":{"x":1}}}]}'),
    );
    const frame = parsed.steps[0]?.frame as Obj;
    expect(Object.getPrototypeOf(frame)).toBe(Object.prototype);
    expect(JSON.stringify(frame)).toBe('{"__proto__":{"x":1}}');
  });

  it('has a builder for every file and a file for every builder', () => {
    expect(Object.keys(SCENARIO_BUILDERS).sort()).toEqual(listScenarios());
  });

  // Every file, not only the required ones: a file edited by hand drifts from its builder unseen.
  for (const name of listScenarios()) {
    it(`${name} is in sync with test/sim/build/scenarios.ts (regenerate with \`npx tsx test/sim/generate.ts\`)`, () => {
      expect(readFileSync(scenarioPath(name), 'utf8')).toBe(renderScenarioFile(name));
    });
  }
});
