import * as v from 'valibot';
import { frameFields } from '../../frame/frame';

/**
 * A frame as the interceptor emits it inside one document: `seq` and `socket` are local to that
 * document (the hub maps them into the tab's numbering, since a tab has many documents over time
 * and frames), and a text frame's `size` is left to the hub because measuring UTF-8 bytes is O(n)
 * work the page should not pay for. A text payload travels either inline in `data` or, when
 * `len` is set, as the next `len` UTF-16 code units of its chunk's `body`. With `json` as well,
 * those units are JSON text in pieces (see joinJsonPieces): the page leaves escaping its long
 * strings to the hub.
 */
export const PageFrameSchema = v.pipe(
  v.object({
    seq: v.pipe(v.number(), v.integer(), v.minValue(1)),
    socket: v.pipe(v.string(), v.maxLength(32)),
    size: v.optional(v.pipe(v.number(), v.minValue(0))),
    len: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
    /**
     * The lengths (UTF-16 units) of the payload's pieces in `body`, alternately JSON text and a
     * string still to be written as a JSON string, starting and ending with JSON text.
     */
    json: v.optional(
      v.pipe(
        v.array(v.pipe(v.number(), v.integer(), v.minValue(0))),
        v.check((pieces) => pieces.length % 2 === 1, 'an even number of JSON pieces'),
      ),
    ),
    ...frameFields,
  }),
  v.check((frame) => {
    if (frame.json === undefined) return true;
    let units = 0;
    for (const piece of frame.json) units += piece;
    return units === frame.len;
  }, 'JSON pieces that do not add up to the payload length'),
);
export type PageFrame = v.InferOutput<typeof PageFrameSchema>;

/** At most this many frames per chunk, so one chunk is one relay batch at most. */
export const MAX_CHUNK_FRAMES = 500;

/**
 * What the interceptor hands the relay in one go. The text payloads travel apart from the frames
 * as `body`: one string, or the list of strings to be joined into it (as the relay reads them off
 * the channel: each one the page's own string, which extension messaging copies once, where one
 * string concatenated in the page would be copied twice, once to flatten it). The hub joins the
 * body and cuts it back into frames by `len`.
 */
export const PageChunkSchema = v.pipe(
  v.object({
    frames: v.pipe(v.array(PageFrameSchema), v.minLength(1), v.maxLength(MAX_CHUNK_FRAMES)),
    body: v.optional(v.union([v.string(), v.array(v.string())])),
  }),
  v.check((chunk) => {
    let units = 0;
    for (const frame of chunk.frames) units += frame.len ?? 0;
    return units === bodyLength(chunk.body);
  }, 'payload lengths do not match the chunk body'),
);

/** The body's length in UTF-16 units, joined or not. */
export function bodyLength(body: string | readonly string[] | undefined): number {
  if (body === undefined || typeof body === 'string') return body?.length ?? 0;
  let units = 0;
  for (const part of body) units += part.length;
  return units;
}
export type PageChunk = v.InferOutput<typeof PageChunkSchema>;

/**
 * The JSON text of a payload sent in pieces: `text[0] + JSON.stringify(string[0]) + text[1] + …`,
 * read from `body` at `offset`, the pieces' lengths alternating as in `PageFrame.json`. The page
 * hands its long strings over as they are and the hub escapes them here, off the page's thread:
 * JSON.stringify's output is defined to the character, so the text is the one the page would
 * have written.
 */
export function joinJsonPieces(body: string, offset: number, pieces: readonly number[]): string {
  let text = '';
  for (let i = 0; i < pieces.length; i++) {
    const piece = body.slice(offset, offset + pieces[i]!);
    offset += pieces[i]!;
    text += i % 2 ? JSON.stringify(piece) : piece;
  }
  return text;
}
