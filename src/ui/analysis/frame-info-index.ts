import type { FrameInfo } from '../frame-info';

/** Slots the dense index may hold per frame it holds before it turns sparse (a capture file's seqs may have gaps). */
const MAX_SLOTS_PER_FRAME = 4;
/** A dense index of up to this many slots never turns sparse, however few frames it holds. */
const MIN_DENSE_SLOTS = 1 << 20;
const NONE = -1;

/**
 * What the model made of each analysed frame, by seq (the Frames tab's rows): the replica's
 * `frameInfo`. Frames arrive in seq order and leave from the oldest (the hub sheds them), so an
 * `Int32Array` slot per seq from the oldest kept on, holding a number into a list of the distinct
 * infos, does what a `Map` did. A `Map` of the big backlog's 386,836 frames was ~36 MB of hash
 * table on the panel's heap, marked by every major GC, and doubled itself in one go as it grew:
 * in Node, 11 ms for the set that made it rehash 262,144 entries, the 11th second of that
 * backlog, where its longest animation-frame gaps were (issue 14 goal 3). Seqs far apart (a
 * capture file may skip numbers) turn it into a `Map` for good, so a gap costs no memory.
 */
export class FrameInfoIndex implements ReadonlyMap<number, FrameInfo> {
  /** Each seq's info number (`NONE`: no info), from `base` on; or the `Map` it turned into. */
  private slots: Int32Array | Map<number, FrameInfo> = new Int32Array(1024).fill(NONE);
  /** The seq of `slots[0]`. */
  private base = 0;
  /** Slots in use: seqs from `base` to `base + used - 1`. */
  private used = 0;
  private count = 0;
  /** The distinct infos, by number; `numbers` gives an info's number. */
  private infos: FrameInfo[] = [];
  private numbers = new Map<FrameInfo, number>();

  get size(): number {
    return this.slots instanceof Map ? this.slots.size : this.count;
  }

  get(seq: number): FrameInfo | undefined {
    const slots = this.slots;
    if (slots instanceof Map) return slots.get(seq);
    const i = seq - this.base;
    // Only whole seqs have a slot: a fraction (a hostile file's 5e-324) is no seq held here.
    if (!(Number.isInteger(i) && i >= 0 && i < this.used)) return undefined;
    const n = slots[i]!;
    return n === NONE ? undefined : this.infos[n];
  }

  has(seq: number): boolean {
    return this.get(seq) !== undefined;
  }

  set(seq: number, info: FrameInfo): this {
    if (!Number.isSafeInteger(seq)) this.toMap();
    let slots = this.slots;
    if (slots instanceof Map) {
      slots.set(seq, info);
      return this;
    }
    if (this.count === 0) {
      this.base = seq;
      this.used = 0;
    }
    let i = seq - this.base;
    if (i < 0 || i >= MIN_DENSE_SLOTS + (this.count + 1) * MAX_SLOTS_PER_FRAME) {
      this.toMap();
      return this.set(seq, info);
    }
    if (i >= slots.length) {
      // Shed slots at the front are reused before the array grows.
      const start = this.firstUsed();
      const keep = this.used - start;
      const grown = i - start >= slots.length / 2 ? new Int32Array(Math.max(slots.length * 2, i - start + 1)) : slots;
      grown.set(slots.subarray(start, this.used));
      grown.fill(NONE, keep);
      this.slots = slots = grown;
      this.base += start;
      this.used = keep;
      i -= start;
    }
    if (i >= this.used) {
      slots.fill(NONE, this.used, i);
      this.used = i + 1;
    } else if (slots[i] !== NONE) this.count--;
    slots[i] = this.numberOf(info);
    this.count++;
    return this;
  }

  delete(seq: number): boolean {
    const slots = this.slots;
    if (slots instanceof Map) return slots.delete(seq);
    const i = seq - this.base;
    if (!(Number.isInteger(i) && i >= 0 && i < this.used) || slots[i] === NONE) return false;
    slots[i] = NONE;
    if (--this.count === 0) this.clear();
    return true;
  }

  clear(): void {
    this.slots = new Int32Array(1024).fill(NONE);
    this.base = this.used = this.count = 0;
    this.infos = [];
    this.numbers = new Map();
  }

  *entries(): MapIterator<[number, FrameInfo]> {
    const slots = this.slots;
    if (slots instanceof Map) {
      yield* slots.entries();
      return;
    }
    for (let i = 0; i < this.used; i++) {
      const n = slots[i]!;
      if (n !== NONE) yield [this.base + i, this.infos[n]!];
    }
  }

  *keys(): MapIterator<number> {
    for (const [seq] of this.entries()) yield seq;
  }

  *values(): MapIterator<FrameInfo> {
    for (const [, info] of this.entries()) yield info;
  }

  [Symbol.iterator](): MapIterator<[number, FrameInfo]> {
    return this.entries();
  }

  forEach(
    callback: (value: FrameInfo, key: number, map: ReadonlyMap<number, FrameInfo>) => void,
    thisArg?: unknown,
  ): void {
    for (const [seq, info] of this.entries()) callback.call(thisArg, info, seq, this);
  }

  /**
   * An info's number; the list starts afresh (keeping those still used) once it holds twice as
   * many infos as there are frames, so renumbering costs O(1) per frame over time.
   */
  private numberOf(info: FrameInfo): number {
    let n = this.numbers.get(info);
    if (n !== undefined) return n;
    if (this.infos.length >= 1024 + 2 * this.count) this.renumber();
    n = this.infos.length;
    this.infos.push(info);
    this.numbers.set(info, n);
    return n;
  }

  /** Drops the infos no frame kept uses any more (their frames were shed). */
  private renumber(): void {
    const slots = this.slots as Int32Array;
    const infos: FrameInfo[] = [];
    const numbers = new Map<FrameInfo, number>();
    const renamed = new Int32Array(this.infos.length).fill(NONE);
    for (let i = 0; i < this.used; i++) {
      const n = slots[i]!;
      if (n === NONE) continue;
      if (renamed[n] === NONE) {
        renamed[n] = infos.length;
        numbers.set(this.infos[n]!, infos.length);
        infos.push(this.infos[n]!);
      }
      slots[i] = renamed[n]!;
    }
    this.infos = infos;
    this.numbers = numbers;
  }

  /** The first slot still in use (shed frames leave from the front). */
  private firstUsed(): number {
    const slots = this.slots as Int32Array;
    let start = 0;
    while (start < this.used && slots[start] === NONE) start++;
    return start;
  }

  private toMap(): void {
    if (this.slots instanceof Map) return;
    this.slots = new Map(this.entries());
    this.infos = [];
    this.numbers = new Map();
  }

  get [Symbol.toStringTag](): string {
    return 'FrameInfoIndex';
  }
}
