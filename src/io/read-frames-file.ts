import type { Frame } from '../frame/frame';
import { locateJsonError } from '../protocol/json-error-position';
import { CAPTURE_FORMAT, parseCaptureFile, type CaptureMeta, type CaptureSource } from './capture-file';
import { describeValue, FramesFileError } from './file-error';
import { repairFrames } from './frame-repair';
import { readHar } from './har-read';

/*
 * One entry point for any file a person drops on the viewer or hands the CLI: it tells a capture
 * file from a HAR by its shape and returns frames, or one line saying what is wrong. A result
 * rather than an exception, so the CLI and the UI handle a bad file without try/catch.
 */

export type FramesFileKind = 'capture' | 'har';

export interface FramesFile {
  kind: FramesFileKind;
  frames: Frame[];
  meta: CaptureMeta;
  /** Of `frames`, those the reader added: its notices of what it repaired or could not read. */
  added: number;
  /** A browser's HAR's entries that gave no frame (har-read.ts `HarImport.leftOut`); 0 for a capture. */
  leftOut: number;
  /** A browser's HAR's WxCC API calls that could not be read (`HarImport.unreadableCalls`); 0 for a capture. */
  unreadableCalls: number;
}

export type ReadFramesResult = ({ ok: true } & FramesFile) | { ok: false; error: string };

const REPORT_FORMAT = 'wxcc-inspector-report';

/** The text of a `*.wxcc.json` capture or a Chrome HAR → frames, or a one-line error. */
export function readFramesFile(text: string): ReadFramesResult {
  const parsed = parseFramesText(text);
  return parsed.ok ? readFramesValue(parsed.value) : parsed;
}

/**
 * A file's text → its JSON value, or the one-line error readFramesFile gives for text that is
 * not JSON; for callers that need the value itself as well as the frames (the CLI's redact
 * keeps a whole HAR).
 */
export function parseFramesText(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  // A byte-order mark is not JSON, but editors on Windows like to add one.
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (json.trim() === '') return { ok: false, error: 'the file is empty' };
  try {
    return { ok: true, value: JSON.parse(json) };
  } catch (error) {
    return { ok: false, error: notJson(json, error) };
  }
}

/** The same, for a value already parsed (e.g. by a worker that parses while reporting progress). */
export function readFramesValue(value: unknown): ReadFramesResult {
  try {
    const file = detect(value);
    const frames = repairFrames(file.frames);
    // repairFrames hands back the same array when nothing needed repair, else one with its notice.
    return { ok: true, ...file, frames, added: file.added + (frames === file.frames ? 0 : 1) };
  } catch (error) {
    if (error instanceof FramesFileError) return { ok: false, error: error.message };
    throw error;
  }
}

function detect(value: unknown): FramesFile {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FramesFileError(`${NEITHER}; the file holds ${describeValue(value)}`);
  }
  const record = value as Record<string, unknown>;
  if ('format' in record) {
    if (record['format'] === CAPTURE_FORMAT) {
      const capture = parseCaptureFile(value);
      // Converted from a browser's HAR by a version that did not yet mark its frames `file`: a HAR
      // records no socket closes, which the model must know (as har-read.ts tells it).
      if (fromBrowserHar(capture.source)) for (const frame of capture.frames) frame.source ??= 'file';
      return {
        kind: 'capture',
        frames: capture.frames,
        meta: { createdAt: capture.createdAt, source: capture.source, redacted: capture.redacted },
        added: 0,
        leftOut: 0,
        unreadableCalls: 0,
      };
    }
    if (record['format'] === REPORT_FORMAT) {
      throw new FramesFileError(
        'this is a wxcc-inspector analysis report, not a capture: open the capture or HAR it was made from',
      );
    }
    throw new FramesFileError(`${NEITHER}; its "format" is ${describeValue(record['format'])}`);
  }
  if ('log' in record) {
    const { frames, meta, added, leftOut, unreadableCalls } = readHar(value);
    return { kind: 'har', frames, meta, added, leftOut, unreadableCalls };
  }
  const keys = Object.keys(record);
  const shown = keys
    .slice(0, 5)
    .map((k) => JSON.stringify(k))
    .join(', ');
  throw new FramesFileError(
    `${NEITHER}; the file is an object with ${keys.length === 0 ? 'no keys' : `keys ${shown}${keys.length > 5 ? ', …' : ''}`}`,
  );
}

/**
 * Whether a capture file's frames came from a HAR another program wrote: imported from one
 * (`kind: "har"`), or converted from one (`creator`, e.g. "WebInspector 537.36"). A HAR
 * wxcc-inspector wrote carries its real opens and closes.
 */
const fromBrowserHar = (source: CaptureSource): boolean =>
  source.kind === 'har' || (source.creator !== undefined && !source.creator.startsWith('wxcc-inspector'));

const NEITHER = `neither a wxcc-inspector capture ({"format": "${CAPTURE_FORMAT}", …}) nor a Chrome HAR ({"log": {"entries": […]}})`;

function notJson(text: string, error: unknown): string {
  const where = locateJsonError(text);
  if (!where) return `not JSON: ${error instanceof Error ? error.message : String(error)}`;
  const truncated =
    where.position >= text.length
      ? ' (is the file complete? it may have been cut off while saving or downloading)'
      : '';
  return `not JSON: ${where.reason} at line ${where.line}, column ${where.column} (offset ${where.position})${truncated}`;
}
