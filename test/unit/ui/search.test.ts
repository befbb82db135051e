import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import { escapeBidiControls, splitBidiControls } from '../../../src/frame/visible-text';
import type { AgentEventRow, TimelineEvent } from '../../../src/model';
import { agentEventMatches, compileQuery, eventMatches, textMatcher, type EventFilter } from '../../../src/ui/search';
import { frameMatches } from '../../../src/ui/store/selectors';

const match = (query: string) => compileQuery(query).match!;
const NO_FILTER: EventFilter = { query: '', category: '', path: '', onlyAnomalies: false, anomalySeqs: new Set() };

/** The twelve bidi controls, each as a one-character string. */
const CONTROLS = [0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069].map(
  (c) => String.fromCharCode(c),
);

function event(name: string, changes: TimelineEvent['changes'] = []): TimelineEvent {
  return { seq: 1, t: 0, name, changes, info: { category: 'state' } } as unknown as TimelineEvent;
}

describe('the search box', () => {
  it('matches plain text case-insensitively, and a /regex/; a bad regex says why', () => {
    expect(match('held')('AgentContactHeld')).toBe(true);
    expect(match('HELD')('agentcontactheld')).toBe(true);
    expect(match('wrapup')('AgentContactHeld')).toBe(false);
    expect(match('/^agent.*held$/')('AgentContactHeld')).toBe(true);
    expect(compileQuery('   ').match).toBeNull();
    expect(compileQuery('/(/').error).toBe('Invalid regular expression /(/: Unterminated group');
    expect(compileQuery(' /[a/m ').error).toBe('Invalid regular expression /[a/m: Unterminated character class');
  });

  it('a /regex/g or /regex/y matches every row that holds it, not every other one', () => {
    for (const query of ['/held/g', '/held/y', '/held/gi', '/^agent.*held$/gmy']) {
      const m = match(query);
      expect(
        [1, 2, 3, 4].map(() => m('AgentContactHeld')),
        query,
      ).toEqual([true, true, true, true]);
    }
    expect(match('/held/y')('x held')).toBe(true);
  });

  it('finds a real bidi control by the escape it is drawn as, and a wire string holding those six characters', () => {
    const real = 'Lunch \u202eevil\u202c';
    const literal = 'Lunch \\u202e';
    expect(match('\\u202e')(real)).toBe(true);
    expect(match('\\u202e')(literal)).toBe(true);
    // Case as the user types it; runs around the escape as drawn.
    expect(match('\\U202E')(real)).toBe(true);
    expect(match('lunch \\u202eEVIL\\u202c')(real)).toBe(true);
    expect(match('\\u202eevil\\u202c')('x \u202eEvil\u202c y')).toBe(true);
    // The escape of another control, or text the drawn line does not hold, is not found.
    expect(match('\\u202d')(real)).toBe(false);
    expect(match('\\u202eevil\\u202d')(real)).toBe(false);
    expect(match('lunch\\u202e')(real)).toBe(false);
    expect(match('\\u202e')('plain text')).toBe(false);
    // A control pasted into the box still finds itself.
    expect(match('\u202eevil')(real)).toBe(true);
  });

  it('takes the escaped path for exactly the twelve escapes the views draw', () => {
    for (const control of CONTROLS) {
      const drawn = splitBidiControls(control)[0] as { escape: string };
      expect(match(drawn.escape)(`a${control}b`), drawn.escape).toBe(true);
      expect(match(`a${drawn.escape}b`)(`A${control}B`), drawn.escape).toBe(true);
    }
    // Neighbouring code points are not bidi controls: no real character stands for their escape.
    for (const other of ['\\u202f', '\\u2065', '\\u206a', '\\u200d', '\\u061b'])
      expect(match(other)(`a${String.fromCharCode(Number.parseInt(other.slice(2), 16))}b`), other).toBe(false);
  });

  it('typed one key at a time, an escape keeps finding the control it is drawn for, as the badge reads', () => {
    const real = 'Lunch \u202eevil\u202c';
    for (let n = 1; n <= '\\u202e'.length; n++) {
      const typed = '\\u202eevil'.slice(0, n);
      expect(match(typed)(real), typed).toBe(true);
      expect(match(`lunch ${typed}`)(real), `lunch ${typed}`).toBe(true);
    }
    // What the drawn line does not hold is still not found.
    expect(match('\\u2066')(real)).toBe(false);
    expect(match('\\u202d')(real)).toBe(false);
    expect(match('lunch\\')(real)).toBe(false);
    expect(match('\\')('plain text')).toBe(false);
  });

  it('a query without such an escape matches the text as received only, as it always did', () => {
    const m = textMatcher('u202e');
    // The drawn escape reads "\u202e", but only a typed escape reaches it: "u202e" is text.
    expect(m('\u202e')).toBe(false);
    expect(m('\\u202e')).toBe(true);
    expect(escapeBidiControls('abc')).toBe('abc');
  });

  it('a /regex/ reads \\u202e as JavaScript does: the control itself', () => {
    expect(match('/\\u202e/')('Lunch \u202eevil')).toBe(true);
    expect(match('/\\u202e/')('Lunch \\u202e')).toBe(false);
    expect(match('/\\\\u202e/')('Lunch \\u202e')).toBe(true);
  });

  it('finds an event by a bidi control in its name, a changed path or value; the path filter too', () => {
    const held = event('\u202edleHtcatnoCtnegA\u202c');
    expect(eventMatches(held, NO_FILTER, match('\\u202edleh'))).toBe(true);
    const reason = event('AgentStateChange', [
      { path: 'interaction.callAssociatedData.note\u2067x', from: undefined, to: { text: 'a\u2066b' } },
    ] as TimelineEvent['changes']);
    expect(eventMatches(reason, NO_FILTER, match('note\\u2067'))).toBe(true);
    expect(eventMatches(reason, NO_FILTER, match('"a\\u2066b"'))).toBe(true);
    expect(eventMatches(reason, NO_FILTER, match('\\u2069'))).toBe(false);
    expect(eventMatches(reason, { ...NO_FILTER, path: 'NOTE\\u2067' }, null)).toBe(true);
    expect(eventMatches(reason, { ...NO_FILTER, path: 'note\\u2066' }, null)).toBe(false);
    expect(eventMatches(reason, { ...NO_FILTER, path: 'callassociated' }, null)).toBe(true);
    const state: AgentEventRow = {
      seq: 2,
      t: 0,
      name: 'AgentStateChange',
      state: { status: 'Idle', subStatus: 'Lunch \u202eevil\u202c' } as AgentEventRow['state'],
    };
    expect(agentEventMatches(state, NO_FILTER, match('lunch \\u202e'))).toBe(true);
  });

  it('finds a frame whose payload holds a real control by its escape, on the Frames tab', () => {
    const frame = { seq: 1, t: 0, dir: 'in', kind: 'text', socket: 's1', data: '{"reason":"\u202eevil"}' } as Frame;
    expect(frameMatches(frame, undefined, 'all', '', match('\\u202eevil'))).toBe(true);
    expect(frameMatches(frame, undefined, 'all', '', match('\\u202devil'))).toBe(false);
    const escaped = { ...frame, data: '{"reason":"\\u202eevil"}' } as Frame;
    expect(frameMatches(escaped, undefined, 'all', '', match('\\u202eevil'))).toBe(true);
  });
});
