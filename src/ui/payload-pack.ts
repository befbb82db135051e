import type { Frame } from '../frame/frame';

/*
 * Why frames' payloads are packed: a viewer holding a 390,000-frame file keeps ~1.3 GB of payload
 * strings in its page. V8's compacting collector copies live strings out of fragmented pages, and
 * with one string per payload that copy ran inside the collector's pause: 59–99 ms of CPU per
 * major GC while a backlog was analysed (issue 14 goal 3). Packed, the payloads live in chunks of
 * about a MiB: each is a large object, which V8 never moves, and each frame's `data` is a slice of
 * its chunk (V8 makes a slice a view, not a copy). The pause's copy fell to 24–31 ms (test/bench
 * panel-trace.ts). Frames keep `data` as an ordinary string: nothing that reads it changes.
 *
 * Only a file's payloads are packed, by the import worker that read them. A live panel's log is
 * bounded by the hub's budget (64 MiB): joining its payloads again on the panel's thread cost
 * more than the collector saved (`reopen`, alternated: the panel's thread 2.7 against 3.2 s of
 * CPU, README "Benchmarks").
 */

/** Payloads share a chunk up to this many characters (one byte each: see `TWO_BYTE`). */
export const PACK_CHUNK_CHARS = 1 << 20;

/**
 * A payload with a character beyond Latin-1 is left alone: joined to others it would make the
 * whole chunk two bytes per character, doubling every payload in it. On a string V8 stores one
 * byte per character this test costs nothing (the engine knows it cannot match).
 */
const TWO_BYTE = /[\u0100-\uffff]/;

/**
 * Frames' payloads taken out for a message (the import worker's): `chunks` hold them end to end,
 * `lengths[i]` is frame i's payload length in its chunk, or -1 where the frame kept its own `data`
 * (none, empty, or not Latin-1). A payload never spans two chunks.
 */
export interface PackedPayloads {
  chunks: string[];
  lengths: number[];
}

/** Takes each packable payload out of `frames` (their `data` becomes undefined) into chunks. */
export function takePayloads(frames: readonly Frame[]): PackedPayloads {
  const chunks: string[] = [];
  const lengths: number[] = new Array(frames.length);
  let parts: string[] = [];
  let size = 0;
  for (let i = 0; i < frames.length; i++) {
    const frame = frames[i]!;
    const data = frame.data;
    if (data === undefined || data.length === 0 || TWO_BYTE.test(data)) {
      lengths[i] = -1;
      continue;
    }
    if (size > 0 && size + data.length > PACK_CHUNK_CHARS) {
      chunks.push(parts.join(''));
      parts = [];
      size = 0;
    }
    parts.push(data);
    size += data.length;
    lengths[i] = data.length;
    // Set, not deleted: deleting a property gives 390,000 frames a slower shape.
    frame.data = undefined;
  }
  if (size > 0) chunks.push(parts.join(''));
  return { chunks, lengths };
}

/**
 * Gives `frames` their payloads back from `takePayloads`' chunks, each as a slice of its chunk.
 * Throws if `packed` does not describe these frames (lengths beyond the chunks).
 */
export function restorePayloads(frames: readonly Frame[], packed: PackedPayloads): void {
  const { chunks, lengths } = packed;
  let chunk = 0;
  let at = 0;
  for (let i = 0; i < frames.length; i++) {
    const length = lengths[i]!;
    if (length < 0) continue;
    if (at + length > (chunks[chunk]?.length ?? 0)) {
      chunk++;
      at = 0;
    }
    const text = chunks[chunk];
    if (text === undefined || length > text.length) throw new Error(`payload of frame ${i} is beyond its chunks`);
    frames[i]!.data = text.slice(at, at + length);
    at += length;
  }
}
