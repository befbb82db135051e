import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import type { FilePart } from '../../../src/ui/analysis/analyser';
import type { ImportReply } from '../../../src/ui/file-import';
import { ANALYSIS_AHEAD, FRAMES_PER_MESSAGE, postFile } from '../../../src/ui/import-parts';
import { restorePayloads } from '../../../src/ui/payload-pack';

const frameOf = (i: number): Frame => ({
  seq: i + 1,
  t: 1_000 + i,
  socket: 'ws-1',
  dir: 'in',
  kind: 'text',
  size: 12,
  data: `{"n":${i}}`,
});

const file = (total: number) => ({
  kind: 'capture' as const,
  meta: { createdAt: 0, source: { kind: 'file' as const }, redacted: false },
  leftOut: 0,
  total,
  firstSeq: 1,
});

/** Node delivers a port's messages in its event loop: let them arrive. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("the import worker's parts (import-parts.ts)", () => {
  it('posts every part to the viewer at once, to the analysis at most ANALYSIS_AHEAD ahead of what it took, and ends once it took the last', async () => {
    const frames = Array.from({ length: 6 * FRAMES_PER_MESSAGE + 7 }, (_, i) => frameOf(i));
    const expected = frames.map((f) => f.data);
    const viewer: ImportReply[] = [];
    let ended = 0;
    const channel = new MessageChannel();
    const analysis: FilePart[] = [];
    channel.port2.onmessage = (event: MessageEvent<FilePart>) => analysis.push(event.data);
    try {
      postFile(file(frames.length), frames, { viewer: (m) => viewer.push(m), end: () => ended++ }, channel.port1);
      expect(viewer.map((m) => m.type)).toEqual(['start', ...Array(7).fill('frames'), 'done']);
      await settle();
      expect(analysis).toHaveLength(ANALYSIS_AHEAD);
      for (let taken = 1; taken <= 7; taken++) {
        channel.port2.postMessage(null);
        await settle();
        expect(analysis).toHaveLength(Math.min(7, ANALYSIS_AHEAD + taken));
        expect(ended).toBe(taken === 7 ? 1 : 0);
      }
      // The analysis' parts and the viewer's hold the same payloads, in order.
      for (const part of analysis) restorePayloads(part.frames, part.payloads);
      expect(analysis.flatMap((p) => p.frames.map((f) => f.data))).toEqual(expected);
      const parts = viewer.flatMap((m) => (m.type === 'frames' ? [m] : []));
      for (const part of parts) restorePayloads(part.frames, part.payloads);
      expect(parts.flatMap((p) => p.frames.map((f) => f.data))).toEqual(expected);
    } finally {
      channel.port1.close();
    }
  });

  it('without a port to the analysis, or without frames, it posts to the viewer and ends at once', () => {
    for (const [frames, port] of [
      [[frameOf(0), frameOf(1)], undefined],
      [[], new MessageChannel().port1],
    ] as const) {
      const viewer: string[] = [];
      let ended = 0;
      postFile(file(frames.length), [...frames], { viewer: (m) => viewer.push(m.type), end: () => ended++ }, port);
      expect(viewer).toEqual(frames.length ? ['start', 'frames', 'done'] : ['start', 'done']);
      expect(ended).toBe(1);
      port?.close();
    }
  });
});
