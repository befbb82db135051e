import type { Frame } from '../frame/frame';
import {
  describeCounts,
  notWxccEntries,
  readFramesValue,
  redactCapture,
  redactHar,
  writeCaptureFile,
  writeHar,
  type CaptureMeta,
  type FramesFileKind,
  type Pseudonyms,
  type RedactOptions,
  unreadableWxccCalls,
} from '../io';

/*
 * `wxcc-inspector redact` and `convert`, from file text to file text (main.ts does the files).
 * The output format is the output file's extension: `.har` is a HAR, `.json` (and so
 * `.wxcc.json`) a capture; `redact` keeps the input's format when the extension says neither.
 *
 * A HAR redacted into a HAR keeps all of the HAR (redact-har.ts: the REST calls around the socket
 * matter to support); every other combination goes through frames. Both commands mark what they
 * write as made by a tool (`source.kind: "file"`), keeping the rest of what the input said about
 * itself (what the HAR its frames came from lacks, too: har-left-out.ts); `convert` keeps its
 * `redacted` flag and never redacts.
 */

export type OutputFormat = FramesFileKind;

/** The format an output path asks for, or undefined when its extension says neither. */
export function formatOfPath(path: string): OutputFormat | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.har')) return 'har';
  if (lower.endsWith('.json')) return 'capture';
  return undefined;
}

export const FORMAT_NAMES: Record<OutputFormat, string> = { capture: 'capture (*.wxcc.json)', har: 'HAR' };

export type FileResult =
  | {
      ok: true;
      text: string;
      format: OutputFormat;
      frames: number;
      redacted: boolean;
      pseudonyms?: Pseudonyms;
      /** The input HAR's entries that are not in the output: they gave no frame (`FramesFile.leftOut`). */
      leftOut: number;
      /** The input HAR's WxCC API calls that could not be read, not in the output (`FramesFile.unreadableCalls`). */
      unreadableCalls: number;
    }
  | { ok: false; error: string };

/** What a tool writes about the frames: the input's meta, made by a tool. */
const asFile = (meta: CaptureMeta, redacted: boolean): CaptureMeta => ({
  createdAt: meta.createdAt,
  source: { ...meta.source, kind: 'file' },
  redacted,
});

function write(format: OutputFormat, frames: readonly Frame[], meta: CaptureMeta): string {
  return format === 'har' ? writeHar(frames, meta) : writeCaptureFile(frames, meta);
}

/** A parsed file (capture or HAR) → the other format, or the same one rewritten. */
export function convertValue(value: unknown, format: OutputFormat): FileResult {
  const file = readFramesValue(value);
  if (!file.ok) return file;
  return {
    ok: true,
    text: write(format, file.frames, asFile(file.meta, file.meta.redacted)),
    format,
    frames: file.frames.length,
    redacted: file.meta.redacted,
    leftOut: file.leftOut,
    unreadableCalls: file.unreadableCalls,
  };
}

/** A parsed file → redacted, in `format` (the input's when undefined). */
export function redactValue(value: unknown, format: OutputFormat | undefined, options: RedactOptions): FileResult {
  const file = readFramesValue(value);
  if (!file.ok) return file;
  const target = format ?? file.kind;
  if (file.kind === 'har') {
    const { har, pseudonyms } = redactHar(value, options);
    // What the redacted HAR reads as: the count said is the written file's (a notice the reader
    // added to the input, of binary messages that were not base64, is not in it: their bytes went).
    const redacted = readFramesValue(har);
    if (!redacted.ok) return redacted;
    if (target === 'har') {
      markMadeByTool(har);
      // Chrome writes its HARs this way; ours read back the same whichever way they are printed.
      return {
        ok: true,
        text: `${JSON.stringify(har, null, 2)}\n`,
        format: target,
        frames: redacted.frames.length,
        redacted: true,
        pseudonyms,
        leftOut: 0,
        unreadableCalls: 0,
      };
    }
    return {
      ok: true,
      text: write(target, redacted.frames, asFile(redacted.meta, true)),
      format: target,
      frames: redacted.frames.length,
      redacted: true,
      pseudonyms,
      leftOut: file.leftOut,
      unreadableCalls: file.unreadableCalls,
    };
  }
  const { frames, meta, pseudonyms } = redactCapture(file, options);
  return {
    ok: true,
    text: write(target, frames, asFile(meta, true)),
    format: target,
    frames: frames.length,
    redacted: true,
    pseudonyms,
    leftOut: 0,
    unreadableCalls: 0,
  };
}

/** Our own HAR says where its frames came from in `log._wxcc.source`: now a tool's output. */
function markMadeByTool(har: unknown): void {
  const log = (har as { log?: { _wxcc?: { source?: { kind?: string } } } }).log;
  if (log?._wxcc?.source) log._wxcc.source.kind = 'file';
}

/** The CLI's line about what it wrote. */
export function describeResult(result: Extract<FileResult, { ok: true }>, path: string): string {
  const what = `${FORMAT_NAMES[result.format]}, ${result.frames} frames`;
  const left =
    result.leftOut === 0
      ? ''
      : `; left out ${notWxccEntries(result.leftOut)} (the page, scripts, other services' calls: redact to a .har keeps every entry)`;
  const unread = result.unreadableCalls === 0 ? '' : `; left out ${unreadableWxccCalls(result.unreadableCalls)}`;
  if (result.pseudonyms)
    return `wrote ${path}: ${what}, redacted: ${describeCounts(result.pseudonyms.counts())} replaced by pseudonyms${left}${unread}`;
  return `wrote ${path}: ${what}, ${result.redacted ? 'redacted' : 'not redacted (run wxcc-inspector redact before sharing it)'}${left}${unread}`;
}
