import * as v from 'valibot';

/**
 * The one type that flows from the page to the panel (DESIGN.md "The Frame"). Besides the socket
 * kinds, `meta` frames carry what the capture itself has to say: a page navigation, or a notice
 * (frames shed, forged messages ignored, an interceptor failure), so nothing is dropped silently.
 */
export const FRAME_KINDS = ['text', 'binary', 'open', 'close', 'error', 'navigation', 'notice'] as const;
export const FRAME_DIRS = ['in', 'out', 'meta'] as const;

const CloseInfoSchema = v.object({
  code: v.number(),
  reason: v.string(),
  wasClean: v.boolean(),
});

const frameFields = {
  t: v.number(),
  url: v.optional(v.string()),
  dir: v.picklist(FRAME_DIRS),
  kind: v.picklist(FRAME_KINDS),
  data: v.optional(v.string()),
  close: v.optional(CloseInfoSchema),
};

/** A frame as the panel, the capture file and the model see it: numbered per tab. */
export const FrameSchema = v.object({
  seq: v.pipe(v.number(), v.integer(), v.minValue(1)),
  socket: v.string(),
  size: v.pipe(v.number(), v.minValue(0)),
  ...frameFields,
});
export type Frame = v.InferOutput<typeof FrameSchema>;
export type FrameKind = Frame['kind'];
export type FrameDir = Frame['dir'];
export type CloseInfo = v.InferOutput<typeof CloseInfoSchema>;

/**
 * A frame as the interceptor emits it inside one document: `seq` and `socket` are local to that
 * document (the hub maps them into the tab's numbering, since a tab has many documents over time
 * and frames), and a text frame's `size` is left to the hub because measuring UTF-8 bytes is O(n)
 * work the page should not pay for.
 */
export const PageFrameSchema = v.object({
  seq: v.pipe(v.number(), v.integer(), v.minValue(1)),
  socket: v.pipe(v.string(), v.maxLength(32)),
  size: v.optional(v.pipe(v.number(), v.minValue(0))),
  ...frameFields,
});
export type PageFrame = v.InferOutput<typeof PageFrameSchema>;

export const PageFrameBatchSchema = v.pipe(v.array(PageFrameSchema), v.minLength(1), v.maxLength(100_000));
