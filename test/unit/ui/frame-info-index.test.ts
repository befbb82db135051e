import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameInfoIndex } from '../../../src/ui/analysis/frame-info-index';
import type { FrameInfo } from '../../../src/ui/frame-info';

const info = (name: string): FrameInfo => ({ kind: 'event', name, category: 'hold', interactionId: `i-${name}` });

describe('the frame info index (the replica’s frameInfo: seq → what the model made of the frame)', () => {
  it('reads as a Map through appends in seq order, sheds from the oldest, overwrites and gaps', () => {
    const infos = Array.from({ length: 7 }, (_, i) => info(`e${i}`));
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ op: fc.constant('add' as const), gap: fc.nat(6), info: fc.nat(6) }),
            fc.record({ op: fc.constant('shed' as const), count: fc.nat(40) }),
            fc.record({ op: fc.constant('set' as const), back: fc.nat(30), info: fc.nat(6) }),
            fc.record({ op: fc.constant('delete' as const), back: fc.nat(30) }),
          ),
          { maxLength: 400 },
        ),
        fc.integer({ min: 1, max: 5_000 }),
        (ops, first) => {
          const index = new FrameInfoIndex();
          const model = new Map<number, FrameInfo>();
          let next = first;
          for (const step of ops) {
            const seqs = [...model.keys()];
            if (step.op === 'add') {
              next += step.gap + 1;
              index.set(next, infos[step.info]!);
              model.set(next, infos[step.info]!);
            } else if (step.op === 'shed') {
              for (const seq of seqs.slice(0, step.count)) {
                expect(index.delete(seq)).toBe(true);
                model.delete(seq);
              }
            } else if (seqs.length) {
              const seq = seqs[Math.max(0, seqs.length - 1 - step.back)]!;
              if (step.op === 'set') {
                index.set(seq, infos[step.info]!);
                model.set(seq, infos[step.info]!);
              } else {
                expect(index.delete(seq)).toBe(true);
                model.delete(seq);
                expect(index.delete(seq)).toBe(false);
              }
            }
            expect(index.size).toBe(model.size);
          }
          expect([...index]).toEqual([...model].sort((a, b) => a[0] - b[0]));
          for (const seq of [first - 1, first, next, next + 1, ...model.keys()]) {
            expect(index.get(seq)).toBe(model.get(seq));
            expect(index.has(seq)).toBe(model.has(seq));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps a shift’s frames in one array as the oldest are shed, and lets go of infos no frame uses', () => {
    const index = new FrameInfoIndex();
    // 200,000 frames, each with an info of its own, the hub keeping the newest 18,000.
    for (let seq = 1; seq <= 200_000; seq++) {
      index.set(seq, info(`e${seq}`));
      if (seq > 18_000) index.delete(seq - 18_000);
    }
    expect(index.size).toBe(18_000);
    expect(index.get(182_000)).toBeUndefined();
    expect(index.get(182_001)?.name).toBe('e182001');
    expect(index.get(200_000)?.name).toBe('e200000');
    const internals = index as unknown as { slots: Int32Array; infos: FrameInfo[] };
    expect(internals.slots).toBeInstanceOf(Int32Array);
    expect(internals.slots.length).toBeLessThanOrEqual(2 * 32_768);
    expect(internals.infos.length).toBeLessThanOrEqual(1024 + 2 * 18_000 + 1);
  });

  it('holds no fraction of a seq: a delete or read of 5e-324 next to -0 finds nothing (as a Map)', () => {
    const index = new FrameInfoIndex();
    index.set(-0, info('a'));
    expect(index.delete(5e-324)).toBe(false);
    expect(index.get(5e-324)).toBeUndefined();
    expect(index.has(0.5)).toBe(false);
    expect(index.get(0)?.name).toBe('a');
    expect(index.size).toBe(1);
  });

  it('turns into a Map when seqs lie far apart (a capture file may skip numbers), and back on clear', () => {
    const index = new FrameInfoIndex();
    index.set(1, info('a'));
    index.set(2 ** 40, info('b'));
    index.set(Number.MAX_SAFE_INTEGER + 2, info('c'));
    index.set(-5, info('d'));
    expect([...index.keys()]).toEqual([1, 2 ** 40, Number.MAX_SAFE_INTEGER + 2, -5]);
    expect(index.get(2 ** 40)?.name).toBe('b');
    expect(index.size).toBe(4);
    expect((index as unknown as { slots: unknown }).slots).toBeInstanceOf(Map);
    index.clear();
    expect(index.size).toBe(0);
    index.set(7, info('e'));
    expect([...index.values()].map((i) => i.name)).toEqual(['e']);
    expect((index as unknown as { slots: unknown }).slots).toBeInstanceOf(Int32Array);
    expect(new Map(index)).toEqual(new Map([[7, info('e')]]));
    const seen: [number, string | undefined][] = [];
    index.forEach((value, key) => {
      seen.push([key, value.name]);
    });
    expect(seen).toEqual([[7, 'e']]);
  });
});

describe('FrameInfoIndex with the seqs a hostile capture file may hold', () => {
  it('reads as a Map whatever the seqs: negative, fractional, huge, not numbers, repeated, out of order', () => {
    const infos: FrameInfo[] = Array.from({ length: 5 }, (_, i) => ({ kind: 'event', name: `e${i}` }));
    const seqArb = fc.oneof(
      fc.integer({ min: -3, max: 3000 }),
      fc.constantFrom(
        -1,
        -0,
        0.5,
        2 ** 31,
        2 ** 31 - 1,
        -(2 ** 31),
        2 ** 53,
        Number.MAX_SAFE_INTEGER,
        Number.NaN,
        Infinity,
      ),
      fc.double(),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ op: fc.constant('set' as const), seq: seqArb, info: fc.nat(4) }),
            fc.record({ op: fc.constant('next' as const), gap: fc.nat(3), info: fc.nat(4) }),
            fc.record({ op: fc.constant('delete' as const), seq: seqArb }),
            fc.record({ op: fc.constant('shed' as const), count: fc.nat(20) }),
            fc.record({ op: fc.constant('clear' as const) }),
          ),
          { maxLength: 200 },
        ),
        (ops) => {
          const index = new FrameInfoIndex();
          const map = new Map<number, FrameInfo>();
          let last = 0;
          for (const op of ops) {
            if (op.op === 'set') {
              index.set(op.seq, infos[op.info]!);
              map.set(op.seq, infos[op.info]!);
            } else if (op.op === 'next') {
              last += op.gap + 1;
              index.set(last, infos[op.info]!);
              map.set(last, infos[op.info]!);
            } else if (op.op === 'delete') expect(index.delete(op.seq)).toBe(map.delete(op.seq));
            else if (op.op === 'shed') {
              for (const seq of [...map.keys()].sort((a, b) => a - b).slice(0, op.count)) {
                expect(index.delete(seq)).toBe(true);
                map.delete(seq);
              }
            } else {
              index.clear();
              map.clear();
            }
            expect(index.size).toBe(map.size);
          }
          const sorted = (entries: Iterable<[number, FrameInfo]>) => [...entries].sort(([a], [b]) => a - b);
          expect(sorted(index.entries())).toEqual(sorted(map.entries()));
          for (const [seq, info] of map) expect(index.get(seq)).toBe(info);
          for (const seq of [-2, 0.25, 2 ** 40, Number.NaN]) expect(index.get(seq)).toBe(map.get(seq));
        },
      ),
      { numRuns: 300 },
    );
  });
});
