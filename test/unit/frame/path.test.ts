import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { ANY_KEY, appendPath, formatPath, parsePath, segmentsOfIssuePath } from '../../../src/frame/path';
import { describeIssue } from '../../../src/io/file-error';
import { decodeFrame } from '../../../src/protocol';

describe('the path grammar', () => {
  it('writes plain keys dotted, indices in brackets and ambiguous keys as quoted strings', () => {
    expect(formatPath(['participants', 'dana.agent@example.com', 'hasLeft'])).toBe(
      'participants["dana.agent@example.com"].hasLeft',
    );
    expect(formatPath(['participants', '+14155550100', 'hasLeft'])).toBe('participants.+14155550100.hasLeft');
    expect(formatPath(['a b', 'c'])).toBe('["a b"].c');
    expect(formatPath(['frames', 12, 'close', 'code'])).toBe('frames[12].close.code');
    expect(formatPath(['data', 'interaction', 'media', ANY_KEY, 'newFlag'])).toBe('data.interaction.media.*.newFlag');
    expect(formatPath(['*', ''])).toBe('["*"][""]');
    expect(appendPath('', 3)).toBe('[3]');
  });

  it('reads back every path it writes, keys, indices and wildcards alike', () => {
    const segment = fc.oneof(fc.string(), fc.nat(), fc.constant(ANY_KEY));
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), (segments) => {
        expect(parsePath(formatPath(segments))).toEqual(segments);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on a string that is no path', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(Array.isArray(parsePath(text))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('is the grammar of file errors and decoder findings alike', () => {
    const schema = v.object({ frames: v.array(v.object({ seq: v.number() })) });
    const result = v.safeParse(schema, { frames: [{ seq: 1 }, { seq: 'x' }] });
    expect(result.success).toBe(false);
    const issues = result.issues!;
    expect(segmentsOfIssuePath(issues[0]!.path)).toEqual(['frames', 1, 'seq']);
    expect(describeIssue('', issues)).toMatch(/^frames\[1\]\.seq: /);

    const frame = JSON.stringify({
      type: 'RoutingMessage',
      data: {
        type: 'AgentContactHeld',
        interactionId: 'i-1',
        interaction: {
          interactionId: 'i-1',
          participants: { 'dana.agent@example.com': { hasLeft: 7 } },
          media: { 'm-1': { participants: ['a', 7] } },
        },
      },
    });
    const paths = decodeFrame({
      seq: 1,
      t: 0,
      socket: 'ws-1',
      dir: 'in',
      kind: 'text',
      data: frame,
      size: frame.length,
    })
      .findings.filter((f) => f.code === 'wrong-type')
      .map((f) => f.path);
    expect(paths).toContain('data.interaction.participants["dana.agent@example.com"].hasLeft');
    expect(paths).toContain('data.interaction.media.m-1.participants[1]');
    for (const path of paths) expect(formatPath(parsePath(path))).toBe(path);
  });
});
