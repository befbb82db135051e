import * as v from 'valibot';
import { isUsableTime } from './frame-repair';
import { FrameSchema, type Frame } from '../frame/frame';
import { hexPreview } from '../frame/hex';
import { utf8Length } from '../frame/utf8';
import { base64Decode } from './base64';
import { CaptureSourceSchema } from './capture-file';

/*
 * What Chrome's HAR says about a WebSocket, and the `_wxcc` fields we add so that a HAR we write
 * reads back into exactly the frames it was written from. HAR 1.2 allows custom fields whose
 * names start with `_`; Chrome ignores ours, and a HAR without them (Chrome's own) still imports.
 *
 *   log._wxcc                    { format, version, createdAt, source, redacted, frames }
 *                                marks the HAR as ours; `frames` holds the frames of no socket
 *                                (navigation and notice frames of the capture itself)
 *   entry._wxcc                  { socket, frames }: the socket's id, and its frames that are not
 *                                messages (open, close with its code and reason)
 *   _webSocketMessages[i]._wxcc  { seq, ...what the message cannot say }: our seq always, plus any
 *                                field whose value differs from what reading the message gives
 *                                (null = the frame has no such field); e.g. `size` of a binary
 *                                frame whose full bytes were never captured, only its preview.
 */

export const WXCC_HAR_FORMAT = 'wxcc-inspector-har';

/**
 * `log._wxccRedacted: true` marks a HAR that is not ours (Chrome's, with no `log._wxcc`) as
 * redacted by `wxcc-inspector redact`; ours says it in `log._wxcc.redacted`.
 */
export const HAR_REDACTED_MARK = '_wxccRedacted';
export const WXCC_HAR_VERSION = 1;

/** One entry of Chrome's `_webSocketMessages`. `error` (opcode -1) is how Chrome records a socket error. */
export interface HarMessage {
  type: 'send' | 'receive' | 'error';
  /** Seconds since the epoch (Chrome's pseudo wall time, with sub-millisecond digits). */
  time: number;
  opcode: number;
  /** Text for opcode 1; base64 of the payload for any other opcode; the error text for `error`. */
  data: string;
  _wxcc?: MessageExtras;
}

const F = FrameSchema.entries;

export const MessageExtrasSchema = v.object({
  seq: v.optional(F.seq),
  t: v.optional(F.t),
  socket: v.optional(F.socket),
  dir: v.optional(F.dir),
  kind: v.optional(F.kind),
  size: v.optional(F.size),
  url: v.optional(v.nullable(F.url.wrapped)),
  data: v.optional(v.nullable(F.data.wrapped)),
  close: v.optional(v.nullable(F.close.wrapped)),
  source: v.optional(v.nullable(F.source.wrapped)),
  frameUrl: v.optional(v.nullable(F.frameUrl.wrapped)),
  http: v.optional(v.nullable(F.http.wrapped)),
});
export type MessageExtras = v.InferOutput<typeof MessageExtrasSchema>;

/** The frame fields a message's `_wxcc` may restore, in the order they are written. */
export const OVERRIDABLE = [
  't',
  'socket',
  'dir',
  'kind',
  'size',
  'url',
  'data',
  'close',
  'source',
  'frameUrl',
  'http',
] as const;

export const EntryExtrasSchema = v.object({
  socket: v.string(),
  frames: v.optional(v.array(FrameSchema), []),
});
export type EntryExtras = v.InferOutput<typeof EntryExtrasSchema>;

export const LogExtrasSchema = v.object({
  format: v.literal(WXCC_HAR_FORMAT),
  version: v.literal(WXCC_HAR_VERSION),
  /** ms since the epoch, a time a Date holds: a redacted or converted copy of Infinity would write `null`, which no reader takes. */
  createdAt: v.pipe(v.number(), v.check(isUsableTime, 'expected ms since the epoch that a date can hold')),
  source: CaptureSourceSchema,
  redacted: v.boolean(),
  frames: v.optional(v.array(FrameSchema), []),
});
export type LogExtras = v.InferOutput<typeof LogExtrasSchema>;

/**
 * The frame a Chrome message stands for. The reader uses it for every message; the writer uses
 * it too, to find what a message loses (and so must go into `_wxcc`): one function, so the two
 * can never disagree. Returns undefined for binary data that is not base64.
 */
export function messageToFrame(message: Omit<HarMessage, '_wxcc'>, socket: string, seq: number): Frame | undefined {
  const dir = message.type === 'send' ? 'out' : 'in';
  const t = message.time * 1000;
  if (message.type === 'error') return { seq, t, socket, dir, kind: 'error', size: 0, data: message.data };
  if (message.opcode === 1)
    return { seq, t, socket, dir, kind: 'text', size: utf8Length(message.data), data: message.data };
  // The whole payload when the HAR has it: HAR → capture → HAR gives the same bytes back.
  const bytes = base64Decode(message.data);
  if (!bytes) return undefined;
  return { seq, t, socket, dir, kind: 'binary', size: bytes.length, data: hexPreview(bytes, bytes.length) };
}
