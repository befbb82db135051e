import * as v from 'valibot';
import { HttpInfoSchema } from './http';

/**
 * The one type that flows from the page to the panel (DESIGN.md "The Frame"). Besides the socket
 * kinds, `meta` frames carry what the capture itself has to say: a page navigation, or a notice
 * (frames shed, forged messages ignored, an interceptor failure), so nothing is dropped silently.
 * `request` and `response` frames are the page's calls to the WxCC API (see http.ts for why they
 * are frames and what they carry).
 */
export const FRAME_KINDS = [
  'text',
  'binary',
  'open',
  'close',
  'error',
  'navigation',
  'notice',
  'request',
  'response',
] as const;
export const FRAME_DIRS = ['in', 'out', 'meta'] as const;

/**
 * What traffic a frame belongs to; absent means `socket` (every frame written before channels
 * existed is a WebSocket frame, so old captures and HARs read unchanged).
 * - `socket`: a WebSocket of the page (its `socket` id is `ws-N`, or `cdp-N` when deep capture saw it).
 * - `worker`: one message between the page and one of its workers (`socket` is `worker-N`, `url`
 *   the worker's script URL on its first frame). `dir` `out` is page → worker, `in` worker → page;
 *   `data` is the message as JSON text (structured-clone values the JSON cannot hold are described
 *   as `{"$type": …}` objects, see src/capture/page/clone-json.ts). Notifications nested in them
 *   are decoded by src/protocol/bridge.ts.
 * - `http`: a request to the WxCC API and its result (fields documented where they are captured).
 */
export const FRAME_CHANNELS = ['socket', 'worker', 'http'] as const;

/**
 * How a frame was captured; absent means `page` (the MAIN-world interceptor of a document).
 * - `page`: the interceptor in the page (sockets, worker messages, requests it wraps).
 * - `cdp`: Chrome deep capture (`chrome.debugger`, CDP `Network.webSocket*`), which sees sockets
 *   anywhere in the tab, workers included, from the moment it is switched on.
 * - `file`: read from a file that does not say how it was captured (a Chrome HAR).
 */
export const FRAME_SOURCES = ['page', 'cdp', 'file'] as const;

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
  /** See FRAME_CHANNELS; absent = `socket`. */
  channel: v.optional(v.picklist(FRAME_CHANNELS)),
  /** See FRAME_SOURCES; absent = `page`. */
  source: v.optional(v.picklist(FRAME_SOURCES)),
  /**
   * The URL of the document (frame) that owns the socket or worker, on its first frame in the tab:
   * tells a desktop embedded in a CRM's iframe apart from the top page. Set by the hub, not the page.
   */
  frameUrl: v.optional(v.string()),
  /** On `request` and `response` frames only (http.ts). */
  http: v.optional(HttpInfoSchema),
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
export type FrameChannel = (typeof FRAME_CHANNELS)[number];
export type FrameSource = (typeof FRAME_SOURCES)[number];
export type CloseInfo = v.InferOutput<typeof CloseInfoSchema>;

/** The frame's channel, with the default for frames that predate channels. */
export function channelOf(frame: Pick<Frame, 'channel'>): FrameChannel {
  return frame.channel ?? 'socket';
}

/** How the frame was captured, with the default for frames that predate sources. */
export function sourceOf(frame: Pick<Frame, 'source'>): FrameSource {
  return frame.source ?? 'page';
}
