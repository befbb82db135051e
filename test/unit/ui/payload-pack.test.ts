import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import { PACK_CHUNK_CHARS, restorePayloads, takePayloads } from '../../../src/ui/payload-pack';

const frame = (seq: number, data?: string): Frame => ({
  seq,
  socket: 'ws-1',
  size: data?.length ?? 0,
  t: 1_700_000_000_000 + seq,
  dir: 'in',
  kind: data === undefined ? 'open' : 'text',
  ...(data === undefined ? {} : { data }),
});

describe('payload packing', () => {
  it('takes Latin-1 payloads into one chunk, end to end, and gives each back as it was', () => {
    const frames = [frame(1, '{"a":1}'), frame(2), frame(3, '{"name":"José"}'), frame(4, 'x'.repeat(40))];
    const packed = takePayloads(frames);
    expect(packed).toEqual({ chunks: [`{"a":1}{"name":"José"}${'x'.repeat(40)}`], lengths: [7, -1, 15, 40] });
    expect(frames.map((f) => f.data)).toEqual([undefined, undefined, undefined, undefined]);
    expect('data' in frames[1]!).toBe(false);
    restorePayloads(frames, packed);
    expect(frames.map((f) => f.data)).toEqual(['{"a":1}', undefined, '{"name":"José"}', 'x'.repeat(40)]);
  });

  it('leaves a payload beyond Latin-1 and an empty one in their frames, so no chunk doubles in size', () => {
    const frames = [frame(1, '{"name":"山田"}'), frame(2, ''), frame(3, '{"emoji":"😀"}'), frame(4, '{"b":2}')];
    const packed = takePayloads(frames);
    expect(packed).toEqual({ chunks: ['{"b":2}'], lengths: [-1, -1, -1, 7] });
    expect(frames.map((f) => f.data)).toEqual(['{"name":"山田"}', '', '{"emoji":"😀"}', undefined]);
    restorePayloads(frames, packed);
    expect(frames.map((f) => f.data)).toEqual(['{"name":"山田"}', '', '{"emoji":"😀"}', '{"b":2}']);
  });

  it('starts a new chunk rather than cut a payload, and a payload larger than a chunk gets its own', () => {
    const half = 'h'.repeat(PACK_CHUNK_CHARS / 2 + 1);
    const big = 'b'.repeat(PACK_CHUNK_CHARS + 5);
    const frames = [frame(1, half), frame(2, half), frame(3, big), frame(4, 'tail')];
    const packed = takePayloads(frames);
    expect(packed.chunks.map((c) => c.length)).toEqual([half.length, half.length, big.length, 4]);
    expect(packed.lengths).toEqual([half.length, half.length, big.length, 4]);
    restorePayloads(frames, packed);
    expect(frames[0]!.data).toBe(half);
    expect(frames[1]!.data).toBe(half);
    expect(frames[2]!.data).toBe(big);
    expect(frames[3]!.data).toBe('tail');
  });

  it('packs in place: the same payloads, in the same frames, hostile text included', () => {
    const texts = ['<img src=x onerror=alert(1)>', '\u001b[31mred\u001b[0m', 'a\u202eb', '{"deep":[[[[1]]]]}'];
    const frames = texts.map((text, i) => frame(i + 1, text));
    restorePayloads(frames, takePayloads(frames));
    expect(frames.map((f) => f.data)).toEqual(texts);
  });

  it('refuses lengths that the chunks do not hold', () => {
    const frames = [frame(1, 'abc')];
    expect(() => restorePayloads(frames, { chunks: ['ab'], lengths: [3] })).toThrow(/beyond its chunks/);
    expect(() => restorePayloads(frames, { chunks: [], lengths: [1] })).toThrow(/beyond its chunks/);
  });
});
