// What the bidi e2e (Chromium and Firefox) feed the viewer and expect to see drawn.
import { writeCaptureFile } from '../../src/io';
import { loadScenario, type Scenario } from '../sim/scenario';
import { scenarioFrames } from '../support/scenario-frames';

/** What the hostile scenario's idle reason must look like on screen (test/sim/build/scenarios.ts). */
export const IDLE_REASON = 'Lunch \\u202eevil\\u202c \\u2067isolated\\u2069';
/** The panel's words for the agent's state: status/subStatus. */
export const AGENT_STATE = `Idle/${IDLE_REASON}`;
/** The agent's state in a tooltip or accessible name: each control named in brackets, not escaped. */
export const AGENT_STATE_TITLE = 'Idle/Lunch ⟦U+202E RLO⟧evil⟦U+202C PDF⟧ ⟦U+2067 RLI⟧isolated⟦U+2069 PDI⟧';
/** The hostile call's caller as drawn. */
export const CUSTOMER = '+14155550105 <img src=x onerror=alert(1)> \\u202eevil\\u202c \\u200f\\u061c\\u200e';
/** The event whose name reads "AgentContactHeld" where the override is obeyed, as drawn. */
export const EVENT = '\\u202edleHtcatnoCtnegA\\u202c';
/** The same event's name in a tooltip. */
export const EVENT_TITLE = '⟦U+202E RLO⟧dleHtcatnoCtnegA⟦U+202C PDF⟧';

/**
 * The hostile scenario as a capture file, its idle reason prefixed with a wire string that
 * literally holds the six characters `\u202e` ("Lunch \u202e ", then the real controls).
 */
export function hostileFileWithLiteral(): string {
  const withData = <F extends { data?: unknown; size: number }>(f: F, data: string): F => ({
    ...f,
    data,
    size: Buffer.byteLength(data),
  });
  const frames = scenarioFrames('hostile').map((f) =>
    typeof f.data === 'string' && f.data.includes('Lunch \u202e')
      ? withData(f, f.data.replaceAll('Lunch \u202e', 'Lunch \\\\u202e \u202e'))
      : f,
  );
  return writeCaptureFile(frames, { createdAt: 0, source: { kind: 'file' }, redacted: false });
}
/** The agent's state as drawn from `hostileFileWithLiteral`: the literal, then the escapes. */
export const LITERAL_STATE = `Idle/Lunch \\u202e ${IDLE_REASON.slice('Lunch '.length)}`;
/** Its tooltip: the literal six characters, then the real controls named. */
export const LITERAL_STATE_TITLE = `Idle/Lunch \\u202e ${AGENT_STATE_TITLE.slice('Idle/Lunch '.length)}`;

/** The idle reason's badges: each of its four controls, named. */
export const IDLE_BADGES = [
  { text: '\\u202e', title: 'bidi control U+202E (right-to-left override) removed from display' },
  { text: '\\u202c', title: 'bidi control U+202C (pop directional formatting) removed from display' },
  { text: '\\u2067', title: 'bidi control U+2067 (right-to-left isolate) removed from display' },
  { text: '\\u2069', title: 'bidi control U+2069 (pop directional isolate) removed from display' },
];

/** The event's name on the wire: obeyed, its override shows it as "AgentContactHeld". */
export const WIRE_EVENT = '\u202edleHtcatnoCtnegA\u202c';

/** The hostile scenario, pausing 60 s after its bidi event: the call is live while the test looks. */
export function hostileLingering(): Scenario {
  const scenario = structuredClone(loadScenario('hostile'));
  const at = scenario.steps.findIndex(
    (s) => (s.frame as { data?: { type?: string } } | undefined)?.data?.type === WIRE_EVENT,
  );
  if (at <= 0) throw new Error('the hostile scenario has no bidi event');
  scenario.steps[at + 1]!.delay = 60_000;
  return scenario;
}
