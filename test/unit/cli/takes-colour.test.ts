import tty from 'node:tty';
import { describe, expect, it } from 'vitest';
import { takesColour } from '../../../src/cli/takes-colour';

/** A terminal stream as Node makes one, without opening a terminal. */
const terminal = () => Object.assign(Object.create(tty.WriteStream.prototype) as tty.WriteStream, { isTTY: true });

describe('takesColour', () => {
  it('styles a colour terminal', () => {
    expect(takesColour(terminal(), { TERM: 'xterm-256color' })).toBe(true);
  });

  it('follows the terminal conventions: NO_COLOR, TERM=dumb, FORCE_COLOR=0, NODE_DISABLE_COLORS', () => {
    expect(takesColour(terminal(), { TERM: 'xterm-256color', NO_COLOR: '1' })).toBe(false);
    expect(takesColour(terminal(), { TERM: 'dumb' })).toBe(false);
    expect(takesColour(terminal(), { TERM: 'xterm-256color', FORCE_COLOR: '0' })).toBe(false);
    expect(takesColour(terminal(), { TERM: 'xterm-256color', NODE_DISABLE_COLORS: '1' })).toBe(false);
  });

  it('never styles a pipe or a file', () => {
    expect(takesColour({ isTTY: false }, { TERM: 'xterm-256color', FORCE_COLOR: '1' })).toBe(false);
    expect(takesColour({}, { TERM: 'xterm-256color' })).toBe(false);
  });
});
