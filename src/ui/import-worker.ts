/// <reference lib="webworker" />
import { readFramesValue } from '../io';
import { FramesFileError } from '../io/file-error';
import { FileJsonReader, type FileJsonResult, MAX_TEXT_CHARS } from '../io/file-json';
import { decodeWhole } from '../io/file-text';
import { parseFramesText } from '../io/read-frames-file';
import type { ImportReply } from './file-import';
import { postFile } from './import-parts';

/*
 * Reads and parses a dropped or picked file off the UI thread: a 100 MB HAR takes seconds to
 * read and parse, and the panel must keep answering (and be able to cancel) meanwhile.
 */
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
    const read = { kind, meta, leftOut, total: frames.length, firstSeq: frames[0]?.seq ?? 1 };
    postFile(read, frames, { viewer: post, end: () => self.close() }, parts);
  } catch (error) {
    if (error instanceof FramesFileError) post({ type: 'error', error: error.message });
    else post({ type: 'error', error: `could not read the file: ${(error as Error).message}` });
  }
};
