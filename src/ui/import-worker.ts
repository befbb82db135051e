/// <reference lib="webworker" />
import { readFramesValue } from '../io';
import { FramesFileError } from '../io/file-error';
import { FileJsonReader, type FileJsonResult, MAX_TEXT_CHARS } from '../io/file-json';
import { decodeWhole } from '../io/file-text';
import { parseFramesText } from '../io/read-frames-file';
import type { FilePart } from './analysis/analyser';
import type { Frame } from '../frame/frame';
import type { ImportedFile, ImportReply } from './file-import';
import { takePayloads } from './payload-pack';

/*
 * Reads and parses a dropped or picked file off the UI thread: a 100 MB HAR takes seconds to
 * read and parse, and the panel must keep answering (and be able to cancel) meanwhile.
 */
const FRAMES_PER_MESSAGE = 5_000;
const post = (message: ImportReply) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(message);

/**
 * A file whose text fits one string: read in one go and decoded in one (file-text.ts
 * `decodeWhole`: about a quarter less time to read and parse a 103 MB HAR than from its stream),
 * the bytes let go before the parse. No progress while it reads: a `Blob` read whole says none.
 * Bytes that are not text: read again as a stream, which names the first bad one.
 */
async function readWhole(file: File): Promise<FileJsonResult> {
  const text = decodeWhole(new Uint8Array(await file.arrayBuffer()), MAX_TEXT_CHARS);
  if (text === undefined) return readStreaming(file);
  post({ type: 'progress', phase: 'parsing', loaded: file.size, total: file.size });
  return parseFramesText(text);
}

/**
 * A file bigger than one string (or not text): the CLI's reader as it streams (bad bytes are an error naming
 * where, UTF-16 HARs are read, the text beyond one string's length parsed as it comes).
 */
async function readStreaming(file: File): Promise<FileJsonResult> {
  const reader = new FileJsonReader();
  let loaded = 0;
  let lastReport = 0;
  const chunks = file.stream().getReader();
  for (;;) {
    const { done, value } = await chunks.read();
    if (done) break;
    loaded += value.byteLength;
    reader.push(value);
    if (reader.failed) break;
    if (loaded - lastReport > 2 * 1024 * 1024) {
      lastReport = loaded;
      post({ type: 'progress', phase: 'reading', loaded, total: file.size });
    }
  }
  post({ type: 'progress', phase: 'parsing', loaded: file.size, total: file.size });
  return reader.end();
}

/** Parts posted to the analysis and not yet taken by it: enough that it never waits for the next. */
const ANALYSIS_AHEAD = 3;

/**
 * Posts a read file: `start`, then its parts to the viewer, which shows them as they come (one
 * message of 150,000 frames would be unpacked on the UI thread in one go, and nothing shown until
 * all were), and each to the analysis too (`parts`, file-import.ts), so the viewer's thread never
 * copies a payload on to it (issue 14 goal 3). The analysis answers each part once it took its
 * last frame (analyser-inbox.ts) and gets at most `ANALYSIS_AHEAD` more than it took: a big file
 * waits here, not in the analysis' memory. Payloads go as chunks (payload-pack.ts): the page
 * then holds them where its collector never copies them.
 *
 * This worker ends itself once the analysis took every part. Ended sooner, it would lose the
 * parts still to go, and those on their way (Firefox drops what a closed port sent while the port
 * at the other end is being handed to the analysis). Parts never taken (the viewer moved on to
 * another file) leave it to the viewer's next import or Close (`ImportJob.cancel`).
 */
function postFile(file: ImportedFile, frames: Frame[], parts?: MessagePort): void {
  post({ type: 'start', file });
  const count = Math.ceil(frames.length / FRAMES_PER_MESSAGE);
  if (!parts || count === 0) {
    for (let i = 0; i < frames.length; i += FRAMES_PER_MESSAGE) {
      const part = frames.slice(i, i + FRAMES_PER_MESSAGE);
      post({ type: 'frames', frames: part, payloads: takePayloads(part), loaded: i, total: frames.length });
    }
    post({ type: 'done' });
    self.close();
    return;
  }
  /** Parts made, the analysis' copy posted up to `sent`. */
  const made: FilePart[] = [];
  let sent = 0;
  let taken = 0;
  const feed = () => {
    while (sent < made.length && sent - taken < ANALYSIS_AHEAD) {
      parts.postMessage(made[sent]);
      // Let go of it here: the viewer and the analysis have their copies.
      made[sent++] = undefined as never;
    }
  };
  parts.onmessage = () => {
    if (++taken === count) self.close();
    else feed();
  };
  for (let i = 0; i < frames.length; i += FRAMES_PER_MESSAGE) {
    const slice = frames.slice(i, i + FRAMES_PER_MESSAGE);
    const part: FilePart = { frames: slice, payloads: takePayloads(slice) };
    made.push(part);
    feed();
    post({ type: 'frames', ...part, loaded: i, total: frames.length });
  }
  post({ type: 'done' });
}

self.onmessage = async (event: MessageEvent<{ file: File; parts?: MessagePort }>) => {
  const { file, parts } = event.data;
  try {
    post({ type: 'progress', phase: 'reading', loaded: 0, total: file.size });
    const parsed = file.size <= MAX_TEXT_CHARS ? await readWhole(file) : await readStreaming(file);
    const result = parsed.ok ? readFramesValue(parsed.value) : parsed;
    if (!result.ok) {
      post({ type: 'error', error: result.error });
      return;
    }
    const { frames, kind, meta, leftOut } = result;
    postFile({ kind, meta, leftOut, total: frames.length, firstSeq: frames[0]?.seq ?? 1 }, frames, parts);
  } catch (error) {
    if (error instanceof FramesFileError) post({ type: 'error', error: error.message });
    else post({ type: 'error', error: `could not read the file: ${(error as Error).message}` });
  }
};
