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

/** The fields a frame has before the hub numbers it; shared with the page-side chunk schema. */
export const frameFields = {
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
