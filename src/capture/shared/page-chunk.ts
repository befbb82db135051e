import * as v from 'valibot';
import { frameFields } from '../../frame/frame';

/**
 * A frame as the interceptor emits it inside one document: `seq` and `socket` are local to that
 * document (the hub maps them into the tab's numbering, since a tab has many documents over time
 * and frames), and a text frame's `size` is left to the hub because measuring UTF-8 bytes is O(n)
 * work the page should not pay for. A text payload travels either inline in `data` or, when
 * `len` is set, as the next `len` UTF-16 code units of its chunk's `body`.
 */
export const PageFrameSchema = v.object({
  seq: v.pipe(v.number(), v.integer(), v.minValue(1)),
  socket: v.pipe(v.string(), v.maxLength(32)),
  size: v.optional(v.pipe(v.number(), v.minValue(0))),
  len: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  ...frameFields,
});
export type PageFrame = v.InferOutput<typeof PageFrameSchema>;

/** At most this many frames per chunk, so one chunk is one relay batch at most. */
export const MAX_CHUNK_FRAMES = 500;

/**
 * What the interceptor hands the relay in one go. The text payloads are concatenated into one
 * `body` string: crossing from the page's world and through extension messaging, one flat string
 * is copied far more cheaply than hundreds of separate ones, and the page's main thread pays for
 * every one of those copies. The hub cuts the body back into frames by `len`.
 */
export const PageChunkSchema = v.pipe(
  v.object({
    frames: v.pipe(v.array(PageFrameSchema), v.minLength(1), v.maxLength(MAX_CHUNK_FRAMES)),
    body: v.optional(v.string()),
  }),
  v.check((chunk) => {
    let units = 0;
    for (const frame of chunk.frames) units += frame.len ?? 0;
    return units === (chunk.body?.length ?? 0);
  }, 'payload lengths do not match the chunk body'),
);
export type PageChunk = v.InferOutput<typeof PageChunkSchema>;
