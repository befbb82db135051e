import * as v from 'valibot';
import { FrameSchema, type Frame } from '../frame/frame';
import { describeIssue, describeValue, FramesFileError } from './file-error';
import { isUsableTime } from './frame-repair';

/*
 * The capture file v1 (`*.wxcc.json`, DESIGN.md "The capture file"): our own lossless format.
 * Writing keeps a stable key order and puts one frame per line, so two captures diff line by
 * line and a 100 MB file stays greppable; the result is still one plain JSON value.
 */

export const CAPTURE_FORMAT = 'wxcc-inspector-capture';
export const CAPTURE_VERSION = 1;

/**
 * Where the frames came from: `live` = captured by the extension in a tab; `har` = imported from a
 * Chrome HAR; `file` = made from another file by a tool (the CLI's redact or convert, a test
 * generator). Everything but `kind` is optional: a capture without them is still whole.
 */
export const CAPTURE_SOURCE_KINDS = ['live', 'har', 'file'] as const;

/**
 * A count a source records of what its frames lack (below), read leniently: a value that is not a
 * whole number from 1 to 2^53 − 1 (a hand's or a tool's edit: -1, 2.5, "12", 1e400, null) is
 * dropped, not the capture, whose frames are whole without it; 0 means the same as no count.
 */
const LackedCountSchema = v.optional(
  v.pipe(
    v.unknown(),
    v.transform((count): number | undefined =>
      typeof count === 'number' && Number.isSafeInteger(count) && count > 0 ? count : undefined,
    ),
  ),
);

/** An object without the keys whose value is undefined (a count the reader dropped), so sources compare and spread as written. */
const withoutUndefined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;

export const CaptureSourceSchema = v.pipe(
  v.object({
    kind: v.picklist(CAPTURE_SOURCE_KINDS),
    /** The page (the Agent Desktop) the frames were captured on. */
    url: v.optional(v.string()),
    tabTitle: v.optional(v.string()),
    userAgent: v.optional(v.string()),
    /** Version of the wxcc-inspector extension that captured the frames. */
    extensionVersion: v.optional(v.string()),
    /** For imports: the program that wrote the original file, e.g. "WebInspector 537.36" for Chrome. */
    creator: v.optional(v.string()),
    /**
     * Frames from a browser's HAR: how many of the HAR's entries are neither a WebSocket nor a WxCC
     * API call (the page, its scripts, other services' calls), none of which is in this file.
     * Written by the HAR reader (har-read.ts `HarImport.leftOut`) and kept by every file made from
     * its frames (the viewer's Export, the CLI's convert and redact); absent when none was left out
     * (and in files written before it was recorded). har-left-out.ts says it in words.
     */
    leftOut: LackedCountSchema,
    /** Likewise, the HAR's WxCC API calls that could not be read (no valid time or method; `HarImport.unreadableCalls`). */
    unreadableCalls: LackedCountSchema,
  }),
  v.transform(withoutUndefined),
);
export type CaptureSource = v.InferOutput<typeof CaptureSourceSchema>;

/**
 * A frame as a file holds it: its `t` may be any value, since a file can hold what a capture never
 * does (`JSON.stringify(NaN)` writes `null`; a tool may write a string). A time that is not a
 * number reads as NaN, a time that is not a finite number, which `repairFrames` sets and reports
 * as it does `1e400` (README: times that are not finite numbers are repaired with a notice). A
 * frame without `t` is still refused: it names no time at all.
 */
const FileFrameSchema = v.object({
  ...FrameSchema.entries,
  t: v.pipe(
    v.unknown(),
    v.transform((t): number => (typeof t === 'number' ? t : Number.NaN)),
  ),
});

export const CaptureFileSchema = v.object({
  format: v.literal(CAPTURE_FORMAT),
  version: v.literal(CAPTURE_VERSION),
  /** ms since the epoch, a time a Date holds: a redacted or converted copy of Infinity would write `null`, which no reader takes. */
  createdAt: v.pipe(v.number(), v.check(isUsableTime, 'expected ms since the epoch that a date can hold')),
  source: CaptureSourceSchema,
  /** True when customer identifiers were replaced by pseudonyms before the file was written. */
  redacted: v.boolean(),
  frames: v.array(FileFrameSchema),
});
export type CaptureFile = v.InferOutput<typeof CaptureFileSchema>;

/** What a file says about its frames, whatever its format. */
export type CaptureMeta = Pick<CaptureFile, 'createdAt' | 'source' | 'redacted'>;

/** The frame's keys in the order files are written: identity first, the payload (longest) last. */
export function orderedFrame(frame: Frame): Frame {
  const out: Frame = {
    seq: frame.seq,
    t: frame.t,
    socket: frame.socket,
    dir: frame.dir,
    kind: frame.kind,
    size: frame.size,
  };
  if (frame.url !== undefined) out.url = frame.url;
  if (frame.close !== undefined)
    out.close = { code: frame.close.code, reason: frame.close.reason, wasClean: frame.close.wasClean };
  if (frame.http !== undefined) out.http = orderedHttp(frame.http);
  if (frame.data !== undefined) out.data = frame.data;
  if (frame.channel !== undefined) out.channel = frame.channel;
  if (frame.source !== undefined) out.source = frame.source;
  if (frame.frameUrl !== undefined) out.frameUrl = frame.frameUrl;
  return out;
}

function orderedHttp(http: NonNullable<Frame['http']>): NonNullable<Frame['http']> {
  const out: NonNullable<Frame['http']> = {};
  if (http.method !== undefined) out.method = http.method;
  if (http.status !== undefined) out.status = http.status;
  if (http.trackingId !== undefined) out.trackingId = http.trackingId;
  if (http.api !== undefined) out.api = http.api;
  if (http.error !== undefined) out.error = http.error;
  return out;
}

/** The source with its keys in schema order and nothing else, so files are byte-stable. */
export function orderedSource(source: CaptureSource): CaptureSource {
  return v.parse(CaptureSourceSchema, source);
}

export function writeCaptureFile(frames: readonly Frame[], meta: CaptureMeta): string {
  const lines = [
    '{',
    `  "format": ${JSON.stringify(CAPTURE_FORMAT)},`,
    `  "version": ${CAPTURE_VERSION},`,
    `  "createdAt": ${JSON.stringify(meta.createdAt)},`,
    `  "source": ${JSON.stringify(orderedSource(meta.source))},`,
    `  "redacted": ${meta.redacted},`,
  ];
  if (frames.length === 0) {
    lines.push('  "frames": []', '}');
  } else {
    lines.push('  "frames": [');
    const last = frames.length - 1;
    for (let i = 0; i <= last; i++) lines.push(`    ${JSON.stringify(orderedFrame(frames[i]!))}${i < last ? ',' : ''}`);
    lines.push('  ]', '}');
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A parsed JSON value as a capture file v1, or a FramesFileError whose message names the first
 * problem (`frames[12].seq: …`). The format and version are checked first, so a newer file says
 * "unsupported version" rather than pointing at the first field it does not know.
 */
export function parseCaptureFile(value: unknown): CaptureFile {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FramesFileError(`not a capture file: expected an object, got ${describeValue(value)}`);
  }
  const { format, version } = value as { format?: unknown; version?: unknown };
  if (format !== CAPTURE_FORMAT) {
    throw new FramesFileError(`not a capture file: "format" is ${describeValue(format)}, expected "${CAPTURE_FORMAT}"`);
  }
  if (version !== CAPTURE_VERSION) {
    throw new FramesFileError(
      typeof version === 'number'
        ? `unsupported capture version ${version}: this wxcc-inspector reads version ${CAPTURE_VERSION}; a newer wxcc-inspector wrote it`
        : `invalid capture file: "version" is ${describeValue(version)}, expected ${CAPTURE_VERSION}`,
    );
  }
  const result = v.safeParse(CaptureFileSchema, value, { abortEarly: true });
  if (!result.success) throw new FramesFileError(`invalid capture file: ${describeIssue('', result.issues)}`);
  return result.output;
}
