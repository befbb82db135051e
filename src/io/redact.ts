import type { Frame } from '../frame/frame';
import { utf8Length } from '../frame/utf8';
import type { CaptureMeta, CaptureSource } from './capture-file';
import { Pseudonyms } from './pseudonyms';
import { RedactContext, type RedactOptions } from './redact-context';
import { redactText } from './redact-json';
import { redactFreeText, wholeValueIn } from './redact-text';
import { redactUrl, redactUrlOrText } from './redact-url';

/*
 * Redaction of captured frames, pure: customer identifiers become pseudonyms that are consistent
 * across the whole file (pseudonyms.ts), ids that are not about a person (interaction, agent,
 * media and tracking UUIDs) stay, so the redacted capture analyses exactly like the original but
 * for the pseudonyms. What is replaced where: redact-json.ts (fields of a payload), redact-text.ts
 * (e-mails, phone numbers, tokens in any string), redact-url.ts (URLs). HARs: redact-har.ts.
 */

export interface FramesRedaction {
  frames: Frame[];
  /** The table of this run: original → pseudonym, and counts. Keep it; it is not in the frames. */
  pseudonyms: Pseudonyms;
}

export interface CaptureRedaction extends FramesRedaction {
  meta: CaptureMeta;
}

/**
 * The frames with their customer identifiers replaced. Pass the `pseudonyms` of an earlier call to
 * continue its numbering (frames redacted in chunks, or a HAR's frames and its headers). Frames
 * that hold nothing to replace are returned as they are (the same objects).
 */
export function redactFrames(
  frames: readonly Frame[],
  options: RedactOptions = {},
  pseudonyms = new Pseudonyms(),
): FramesRedaction {
  const context = new RedactContext(pseudonyms, options);
  return { frames: context.twoPass(() => frames.map((frame) => redactFrame(frame, context))), pseudonyms };
}

/** A capture's frames and what it says about itself, redacted, with `redacted: true`. */
export function redactCapture(
  capture: { frames: readonly Frame[]; meta: CaptureMeta },
  options: RedactOptions = {},
  pseudonyms = new Pseudonyms(),
): CaptureRedaction {
  const context = new RedactContext(pseudonyms, options);
  return context.twoPass(() => {
    const meta: CaptureMeta = {
      createdAt: capture.meta.createdAt,
      source: redactSource(capture.meta.source, context),
      redacted: true,
    };
    return { frames: capture.frames.map((frame) => redactFrame(frame, context)), meta, pseudonyms };
  });
}

/** The page's URL and title may carry tokens or a customer's number; the rest is about the tool. */
export function redactSource(source: CaptureSource, context: RedactContext): CaptureSource {
  const out: CaptureSource = { ...source };
  if (source.url !== undefined) out.url = redactUrl(source.url, context);
  if (source.tabTitle !== undefined) out.tabTitle = redactFreeText(source.tabTitle, context);
  return out;
}

/** One frame, by its kind: text payloads by field, binary previews kept, URLs and reasons as text. */
export function redactFrame(frame: Frame, context: RedactContext): Frame {
  let out: Frame | undefined;
  const copy = () => (out ??= { ...frame });
  if (frame.url !== undefined) {
    const url = redactUrl(frame.url, context);
    if (url !== frame.url) copy().url = url;
  }
  if (frame.frameUrl !== undefined) {
    // The page that owns the socket: a CRM's page may name the customer in its query.
    const frameUrl = redactUrl(frame.frameUrl, context);
    if (frameUrl !== frame.frameUrl) copy().frameUrl = frameUrl;
  }
  if (frame.close !== undefined) {
    const reason = redactFreeText(frame.close.reason, context);
    if (reason !== frame.close.reason) copy().close = { ...frame.close, reason };
  }
  if (frame.http?.error !== undefined) {
    // A REST call's facts (src/frame/http.ts): method, status, api and the tracking id are no one's
    // data (tracking ids are kept everywhere); only the error text is free text.
    const error = redactFreeText(frame.http.error, context);
    if (error !== frame.http.error) copy().http = { ...frame.http, error };
  }
  for (const key in frame) {
    if (Object.hasOwn(frame, key) && !FRAME_FIELDS.has(key)) {
      const value = (frame as unknown as Record<string, unknown>)[key];
      const redacted = redactExtraField(key, value, context);
      if (redacted !== value) (copy() as unknown as Record<string, unknown>)[key] = redacted;
    }
  }
  const data = frame.data;
  if (data !== undefined) {
    const redacted = redactData(frame.kind, data, context);
    if (redacted !== data) {
      const target = copy();
      target.data = redacted;
      // `size` is the payload's byte count: it follows the payload (whatever it said before, e.g.
      // a size kept for a payload cut short, keeps its difference).
      if (frame.kind === 'text' || frame.kind === 'request' || frame.kind === 'response')
        target.size = Math.max(0, frame.size + utf8Length(redacted) - utf8Length(data));
    }
  }
  return out ?? frame;
}

/**
 * What a redacted binary frame says instead of its bytes: nothing in bytes can be checked for
 * customer data, so neither the payload nor its 64-byte preview is kept; `size` still says how
 * big it was. (Not hex, so no reader takes it for bytes: see src/frame/hex-bytes.ts.)
 */
export const BINARY_REDACTED = '(binary payload removed by redaction)';

/**
 * The fields of a Frame today (src/frame/frame.ts); redactFrame handles each by its meaning
 * (`channel` and `source` are the schema's own words, kept as they are: a redacted worker or deep
 * capture reads back like the original). Any other field is redacted as a payload member.
 */
export const FRAME_FIELDS: ReadonlySet<string> = new Set(
  'seq t socket dir kind size url close data http channel source frameUrl'.split(' '),
);

/**
 * A field a newer kind of frame may carry (a REST call's method, URL, body…): nothing says what
 * it holds, so it is redacted like a payload member, by its key, default-deny (redact-json.ts).
 */
function redactExtraField(key: string, value: unknown, context: RedactContext): unknown {
  if (value === undefined || typeof value === 'function') return value;
  const text = JSON.stringify({ [key]: value });
  const redacted = redactText(text, context);
  return redacted === text ? value : (JSON.parse(redacted) as Record<string, unknown>)[key];
}

/**
 * A frame's `data` by kind. A binary frame's bytes are dropped (BINARY_REDACTED); the socket's
 * own texts (an error, a notice) get the free-text pass; the payload of any other kind (a text
 * frame, or a kind added later such as a REST call's body) is JSON by field or replaced whole.
 */
export function redactData(kind: Frame['kind'], data: string, context: RedactContext): string {
  switch (kind) {
    case 'text':
    // WxCC API request bodies and error bodies are JSON like the socket's payloads.
    case 'request':
    case 'response':
      return redactText(data, context);
    case 'binary':
      return BINARY_REDACTED;
    case 'navigation':
      return redactUrlOrText(data, context);
    case 'open':
    case 'close':
    case 'error':
    case 'notice':
      return redactFreeText(data, context);
    default:
      return redactBody(data, context);
  }
}

/** A body: JSON by field (default-deny), anything else replaced whole. */
export function redactBody(data: string, context: RedactContext): string {
  const first = data.trimStart().charCodeAt(0);
  if (first === 123 || first === 91) {
    try {
      JSON.parse(data);
      return redactText(data, context);
    } catch {
      // Not JSON: whole, below.
    }
  }
  return wholeValueIn(data, 'text', context) ?? data;
}
