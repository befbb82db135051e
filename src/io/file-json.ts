import { Tokenizer, TokenParser } from '@streamparser/json';
import { FramesFileError } from './file-error';
import { FileTextDecoder } from './file-text';
import { parseFramesText } from './read-frames-file';

/*
 * A file's bytes → its JSON value, for the CLI and the viewer alike. Text that fits one string
 * is joined and given to `JSON.parse` (the fast path, with the line and column of a syntax
 * error); a file with more text than one string can hold (a day-long HAR of the whole desktop,
 * over 512 MB) is parsed as it streams by @streamparser/json instead, about 6× slower than
 * `JSON.parse` but bounded by memory rather than by V8's longest string.
 */

/**
 * The most UTF-16 code units one JavaScript string can hold in V8 (`String::kMaxLength` on 64-bit
 * builds: 2^29 − 24), in Chromium and in Node alike; Firefox's limit is higher (2^30 − 2), so
 * this is the smaller one. Text beyond it goes the streaming way.
 */
export const MAX_TEXT_CHARS = 0x1fff_ffe8;

export type FileJsonResult = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Reads a file given in chunks: `push` each chunk of bytes, then `end`. Decoding errors (bad
 * UTF-8, a cut character) are reported by `end` as the file's error, never thrown at the caller.
 * `maxChars`: above this much text the streaming parser takes over (tests pass a small one).
 */
export class FileJsonReader {
  #parts: string[] = [];
  #chars = 0;
  #stream: StreamingJson | undefined;
  #error: string | undefined;
  readonly #decoder = new FileTextDecoder((text) => this.#add(text));

  constructor(private readonly maxChars = MAX_TEXT_CHARS) {}

  /** Whether the text outgrew one string and is parsed as it streams. */
  get streaming(): boolean {
    return this.#stream !== undefined;
  }

  /** Whether the bytes so far are already not text (`end` says why): the rest need not be read. */
  get failed(): boolean {
    return this.#error !== undefined;
  }

  push(chunk: Uint8Array): void {
    if (this.#error !== undefined) return;
    this.#guard(() => this.#decoder.push(chunk));
  }

  end(): FileJsonResult {
    if (this.#error === undefined) this.#guard(() => this.#decoder.end());
    if (this.#error !== undefined) return { ok: false, error: this.#error };
    if (this.#stream) return this.#stream.end();
    const text = this.#parts.join('');
    this.#parts = [];
    return parseFramesText(text);
  }

  #add(text: string): void {
    if (this.#stream) {
      this.#stream.write(text);
      return;
    }
    this.#parts.push(text);
    this.#chars += text.length;
    if (this.#chars <= this.maxChars) return;
    this.#stream = new StreamingJson(this.#decoder.encoding === 'utf-8' ? this.#decoder.bom : undefined);
    for (const part of this.#parts) this.#stream.write(part);
    this.#parts = [];
  }

  #guard(step: () => void): void {
    try {
      step();
    } catch (error) {
      if (!(error instanceof FramesFileError)) throw error;
      this.#error = error.message;
    }
  }
}

/** A whole file's bytes → its JSON value (FileJsonReader in one go). */
export function parseFileJson(bytes: Uint8Array, maxChars = MAX_TEXT_CHARS): FileJsonResult {
  const reader = new FileJsonReader(maxChars);
  reader.push(bytes);
  return reader.end();
}

/**
 * @streamparser/json building the whole value (no paths: a HAR's frames may all sit in one
 * entry's `_webSocketMessages`), with the fast path's error shapes: the file empty, or "not JSON"
 * with the byte where it breaks. The first error stops the parse; later text is ignored.
 * Its tokenizer and token parser are wired here rather than through its `JSONParser`, so an error
 * of the token parser (a misplaced comma, bracket or value), which names no offset, says where too.
 */
class StreamingJson {
  readonly #tokenizer = new Tokenizer();
  readonly #tokens = new TokenParser();
  #value: unknown;
  #done = false;
  #started = false;
  #error: string | undefined;
  /** UTF-8 bytes of the text not handed to the parser: leading whitespace (and a stray mark). */
  #skipped = 0;
  /** The UTF-8 byte offset, in the text parsed, of the latest token. */
  #token = 0;

  /** `bom`: the byte-order mark's bytes of a UTF-8 file; undefined for a UTF-16 one. */
  constructor(private readonly bom: number | undefined) {
    this.#tokenizer.onToken = (token) => {
      this.#token = token.offset;
      this.#tokens.write(token);
    };
    this.#tokenizer.onEnd = () => {
      if (!this.#tokens.isEnded) this.#tokens.end();
    };
    this.#tokens.onError = (error) => this.#tokenizer.error(error);
    this.#tokens.onEnd = () => {
      if (!this.#tokenizer.isEnded) this.#tokenizer.end();
    };
    this.#tokens.onValue = ({ value, stack }) => {
      if (stack.length > 0) return;
      this.#value = value;
      this.#done = true;
    };
  }

  write(text: string): void {
    if (this.#error !== undefined) return;
    let piece = text;
    if (!this.#started) {
      // A byte-order mark is not JSON, but editors on Windows like to add one.
      if (piece.charCodeAt(0) === 0xfeff) {
        piece = piece.slice(1);
        this.#skipped += 3;
      }
      // JSON's whitespace only (String#trim would also drop a no-break space, which is not JSON).
      if (/^[ \t\n\r]*$/.test(piece)) {
        this.#skipped += piece.length;
        return;
      }
      this.#started = true;
    }
    try {
      this.#tokenizer.write(piece);
    } catch (error) {
      this.#error = this.#notJson(error);
    }
  }

  end(): FileJsonResult {
    if (this.#error !== undefined) return { ok: false, error: this.#error };
    if (!this.#started) return { ok: false, error: 'the file is empty' };
    // The parser ends itself after the root value; ending it again would be an error.
    if (!(this.#tokenizer.isEnded && this.#tokens.isEnded)) {
      try {
        this.#tokenizer.end();
      } catch (error) {
        return { ok: false, error: this.#notJson(error) };
      }
    }
    if (!this.#done) return { ok: false, error: TRUNCATED };
    return { ok: true, value: this.#value };
  }

  /**
   * A UTF-8 byte offset in the text parsed → where that is for the reader: the streaming parser
   * counts bytes, not characters (a name with an é or 山 before the error would shift a count of
   * characters). In a UTF-8 file that is the file's byte offset, after its byte-order mark.
   */
  #where(offset: number): string {
    const at = this.#skipped + offset;
    return this.bom === undefined ? `at byte ${at} of the text (in UTF-8)` : `at byte ${this.bom + at} of the file`;
  }

  /** The streaming parser's error as one line: what it met and where. */
  #notJson(error: unknown): string {
    const message = error instanceof Error ? error.message : String(error);
    // A single string longer than V8 allows, inside a file that is bigger still.
    if (error instanceof RangeError) return `the file holds a value too large to read: ${message}`;
    const byTokenizer = /^Unexpected (.+?) at chunk position "\d+" \(absolute position "(\d+)"\)/.exec(message);
    if (byTokenizer) return `not JSON: unexpected ${byTokenizer[1]} ${this.#where(Number(byTokenizer[2]))}`;
    const byParser = /^Unexpected (?:partial )?[A-Z_]+ \((.*)\) in state /.exec(message);
    if (byParser) return `not JSON: unexpected ${byParser[1]} ${this.#where(this.#token)}`;
    if (/ended in (the )?mid/.test(message)) return TRUNCATED;
    return `not JSON: ${message}`;
  }
}

const TRUNCATED =
  'not JSON: the text ends before the value does (is the file complete? it may have been cut off while saving or downloading)';
