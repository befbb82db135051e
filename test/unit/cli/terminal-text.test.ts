import { describe, expect, it } from 'vitest';
import { printable, printableJson, printableLines } from '../../../src/cli/terminal-text';

describe('terminal-text: wire strings in human output', () => {
  it('newline and tab print as \\n and \\t, other C0 and C1 by code, bidi controls as \\uNNNN', () => {
    expect(printable('+1415\nAnomalies: 0 errors\tFAKE\r\u001b[2K\u0085\u202e\u2028')).toBe(
      '+1415\\nAnomalies: 0 errors\\tFAKE\\x0d\\x1b[2K\\x85\\u202e\\u2028',
    );
  });

  it('on a terminal that takes colours each escape, \\n too, is in reverse video', () => {
    expect(printable('a\nb\tc', true)).toBe('a\u001b[7m\\n\u001b[27mb\u001b[7m\\t\u001b[27mc');
  });

  it('lines are joined by the only raw newlines of the output; a newline inside one is escaped', () => {
    expect(printableLines(['Interaction i-1 · customer +1\nAnomalies: 0 errors', '', 'Anomalies: 1 errors'])).toBe(
      'Interaction i-1 · customer +1\\nAnomalies: 0 errors\n\nAnomalies: 1 errors',
    );
    expect(printableLines('one\nline')).toBe('one\\nline');
  });

  it('JSON keeps its meaning: a control can only sit inside a string, where \\uNNNN is the same character', () => {
    expect(printableJson('{"a":"x\u0085\u202e"}')).toBe('{"a":"x\\u0085\\u202e"}');
    expect(JSON.parse(printableJson(JSON.stringify({ a: 'x\n\u0085\u202e' })))).toEqual({ a: 'x\n\u0085\u202e' });
  });
});
