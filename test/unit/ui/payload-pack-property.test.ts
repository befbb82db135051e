import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import { importFile, type ImportReply } from '../../../src/ui/file-import';
import { PanelStore } from '../../../src/ui/panel-store';
import { PACK_CHUNK_CHARS, restorePayloads, takePayloads } from '../../../src/ui/payload-pack';
import { ManualScheduler } from './manual-scheduler';

/*
 * Whatever payloads a batch of frames holds, packing gives every frame back exactly its own
 * payload: none lost, none swapped, '' stays '' and absent stays absent, across a structured
 * clone (the import worker's postMessage) and across chunk boundaries.
 */

/** Payload texts that stress the packer: Latin-1 edges, two-byte text, surrogates, sizes near a chunk. */
const payload: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant(''),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('\u00ff', '\u0100', '\ud83d\ude00', '\ud800', '\udfff', 'a\u202eb', '\u0000', 'ÿ'.repeat(13)),
  fc
    .tuple(fc.constantFrom(-2, -1, 0, 1, 2), fc.constantFrom(1, 2, 3), fc.constantFrom('x', 'ÿ', '\u0100'))
    .map(([delta, parts, ch]) => ch.repeat(Math.max(1, Math.floor(PACK_CHUNK_CHARS / parts) + delta))),
);

const frameOf = (data: string | undefined, i: number): Frame => ({
  seq: i + 1,
  socket: 'ws-1',
  size: data?.length ?? 0,
  t: 1_700_000_000_000 + i,
  dir: 'in',
  kind: data === undefined ? 'open' : 'text',
  ...(data === undefined ? {} : { data }),
});

describe('payload packing, any payloads', () => {
  it('takePayloads → structured clone → restorePayloads gives every frame its own payload', () => {
    fc.assert(
      fc.property(fc.array(payload, { maxLength: 30 }), (texts) => {
        const frames = texts.map(frameOf);
        const message = structuredClone({ frames, payloads: takePayloads(frames) });
        restorePayloads(message.frames, message.payloads);
        expect(message.frames.map((f) => f.data)).toEqual(texts);
        expect(message.frames.map((f) => f.seq)).toEqual(texts.map((_, i) => i + 1));
      }),
      { numRuns: 300 },
    );
  });

  it('packed in place, twice over, changes no payload', () => {
    fc.assert(
      fc.property(fc.array(payload, { maxLength: 30 }), (texts) => {
        const frames = texts.map(frameOf);
        restorePayloads(frames, takePayloads(frames));
        restorePayloads(frames, takePayloads(frames));
        expect(frames.map((f) => f.data)).toEqual(texts);
      }),
      { numRuns: 200 },
    );
  });

  it('the viewer import, in parts, with the real packer behind a fake worker', async () => {
    const texts = Array.from({ length: 12_000 }, (_, i) =>
      i % 7 === 0
        ? undefined
        : i % 11 === 0
          ? ''
          : i % 13 === 0
            ? `{"n":"山${i}"}`
            : `{"seq":${i},"pad":"${'p'.repeat(i % 300)}"}`,
    );
    const worker = {
      onmessage: null as ((e: MessageEvent<ImportReply>) => void) | null,
      onerror: null,
      terminate() {},
      postMessage() {
        const frames = texts.map(frameOf);
        for (let i = 0; i < frames.length; i += 5_000) {
          const part = frames.slice(i, i + 5_000);
          const reply = structuredClone({
            type: 'frames',
            frames: part,
            payloads: takePayloads(part),
            loaded: i,
            total: frames.length,
          });
          this.onmessage!({ data: reply } as MessageEvent<ImportReply>);
        }
        this.onmessage!({ data: { type: 'done' } } as MessageEvent<ImportReply>);
      },
    };
    const frames: Frame[] = [];
    const job = importFile(
      new File(['{}'], 'x.json'),
      () => worker as unknown as Worker,
      () => {},
      { start: () => {}, frames: (part) => frames.push(...part), failedLate: () => {} },
    );
    await job.result;
    expect(frames.map((f) => f.data)).toEqual(texts);
  });

  it('an import part whose payloads its chunks do not hold fails the import, which says why, instead of never ending', async () => {
    let terminated = false;
    const worker = {
      onmessage: null as ((e: MessageEvent<ImportReply>) => void) | null,
      onerror: null,
      terminate() {
        terminated = true;
      },
      postMessage() {
        const frames = [frameOf('{"a":1}', 0)];
        frames[0]!.data = undefined;
        this.onmessage!({
          data: { type: 'frames', frames, payloads: { chunks: ['{"a"'], lengths: [7] }, loaded: 0, total: 1 },
        } as MessageEvent<ImportReply>);
      },
    };
    const job = importFile(
      new File(['{}'], 'x.json'),
      () => worker as unknown as Worker,
      () => {},
      { start: () => {}, frames: () => {}, failedLate: () => {} },
    );
    await expect(job.result).rejects.toThrow(/could not read: payload of frame 0 is beyond its chunks/);
    expect(terminated).toBe(true);
  });

  it("a reopened panel's tail, then the older backlog in several messages, then live frames: each frame keeps its payload", () => {
    const scheduler = new ManualScheduler();
    const store = new PanelStore(scheduler);
    const texts = Array.from({ length: 60 }, (_, i) =>
      i % 9 === 0 ? '' : `{"type":"KeepAlive","n":${i},"s":"${'ÿ'.repeat(i)}"}`,
    );
    const all = texts.map(frameOf);
    const copy = (fs: Frame[]) => fs.map((f) => ({ ...f }));
    store.events.tail(copy(all.slice(40, 50)));
    store.events.frames(copy(all.slice(0, 15)));
    store.events.frames(copy(all.slice(15, 40)));
    store.events.connection('live');
    store.events.frames(copy(all.slice(50)));
    scheduler.drain();
    expect(store.frames().map((f) => [f.seq, f.data])).toEqual(all.map((f) => [f.seq, f.data]));
  });
});
