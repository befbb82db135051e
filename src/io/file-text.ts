import { FramesFileError } from './file-error';

/*
 * A file's bytes → its text, for the CLI and the viewer alike. Captures are UTF-8; HARs are UTF-8
 * as Chrome writes them, but a HAR that went through PowerShell (`> out.har`, Windows PowerShell 5)
 * is UTF-16 with a byte-order mark, which is read too. Bytes that are not valid UTF-8 are an
 * error that says where, never silently turned into U+FFFD: a replaced byte in a payload would
 * change what the tools report about it without anyone knowing.
 */

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** Bytes decoded per call: a bigger call could make one string longer than V8 allows. */
const DECODE_CHUNK_BYTES = 16 * 1024 * 1024;

/** The encoding of a file from its first bytes: a byte-order mark, or the zero bytes of UTF-16 text. */
export function detectEncoding(head: Uint8Array): { encoding: Encoding; bom: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  // JSON starts with ASCII: "{" 00 is UTF-16LE without a mark, 00 "{" UTF-16BE.
  if (head.length >= 2 && head[0] !== 0 && head[1] === 0) return { encoding: 'utf-16le', bom: 0 };
  if (head.length >= 2 && head[0] === 0 && head[1] !== 0) return { encoding: 'utf-16be', bom: 0 };
  return { encoding: 'utf-8', bom: 0 };
}

/**
 * A whole file's bytes → its text in one `TextDecoder` call, or undefined where that is not the
 * way: more text than `maxChars` could come of it (`FileTextDecoder` then decodes it in parts), or
 * bytes that are not valid text (`FileTextDecoder` then says which byte). One call gives one flat
 * string: parts joined make a rope that `JSON.parse` first copies flat, and a stream decoded in
 * parts is slower per byte (Node decodes a stream through ICU). Measured on a 103 MB HAR, read and
 * parsed: 1.07–1.84 s against 1.49–2.59 s in Chromium (`file.arrayBuffer()` against
 * `file.stream()`), 1.3–1.8 s against 3.0–5.6 s in Node.
 */
export function decodeWhole(bytes: Uint8Array, maxChars: number): string | undefined {
  const { encoding, bom } = detectEncoding(bytes);
  // UTF-8 gives at most one UTF-16 unit per byte; UTF-16 one per two bytes.
  const most = encoding === 'utf-8' ? bytes.length - bom : (bytes.length - bom) / 2;
  if (most > maxChars) return undefined;
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(bom));
  } catch (error) {
    if (error instanceof TypeError) return undefined;
    throw error;
  }
}

/**
 * Decodes a file given in chunks (a stream) into pieces of text, each handed to `onText` in
 * order (at most 16 MiB of bytes each); throws FramesFileError naming the first bad byte. The
 * pieces are never joined here: a file may hold more text than one string can (file-json.ts).
 */
export class FileTextDecoder {
  #decoder: TextDecoder | undefined;
  #encoding: Encoding = 'utf-8';
  #bom = 0;
  /** Bytes handed over before the current chunk. */
  #offset = 0;
  /** The stream's last 3 bytes so far: a character they cut is finished (or broken) by the next part. */
  #last: Uint8Array = new Uint8Array(0);

  constructor(private readonly onText: (text: string) => void) {}

  /** The file's encoding, known from its first chunk on (UTF-8 before any). */
  get encoding(): Encoding {
    return this.#encoding;
  }

  /** The bytes of the file's byte-order mark (0: none). */
  get bom(): number {
    return this.#bom;
  }

  push(chunk: Uint8Array): void {
    let bytes = chunk;
    if (!this.#decoder) {
      const { encoding, bom } = detectEncoding(chunk);
      this.#encoding = encoding;
      this.#bom = bom;
      this.#decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
      bytes = chunk.subarray(bom);
      this.#offset = bom;
    }
    for (let at = 0; at < bytes.length; at += DECODE_CHUNK_BYTES) {
      const part = bytes.subarray(at, at + DECODE_CHUNK_BYTES);
      let text: string;
      try {
        text = this.#decoder.decode(part, { stream: true });
      } catch (error) {
        // Only a decoding error is the file's fault; anything else (out of memory) is not.
        if (error instanceof TypeError) this.#fail(part);
        throw error;
      }
      if (text) this.onText(text);
      this.#offset += part.length;
      this.#last = lastBytes(this.#last, part);
    }
  }

  /** The stream is over: a character it cut is an error. */
  end(): void {
    let text: string;
    try {
      text = this.#decoder?.decode() ?? '';
    } catch {
      throw new FramesFileError(
        `invalid ${this.#encoding === 'utf-8' ? 'UTF-8' : 'UTF-16'}: the file ends in the middle of a character (was it cut off?)`,
      );
    }
    if (text) this.onText(text);
  }

  #fail(bytes: Uint8Array): never {
    if (this.#encoding !== 'utf-8')
      throw new FramesFileError(`invalid UTF-16 at byte ${this.#unpairedAt(bytes)}: an unpaired surrogate`);
    // A character the previous part cut and this one breaks: its first byte is the bad one.
    const carry = cutCharacter(this.#last);
    const joined = new Uint8Array(carry.length + bytes.length);
    joined.set(carry);
    joined.set(bytes, carry.length);
    const at = this.#offset - carry.length + Math.max(0, firstInvalidUtf8(joined));
    throw new FramesFileError(
      `invalid UTF-8 at byte ${at}: the file is not UTF-8 text (a capture or HAR is UTF-8, or UTF-16 with a byte-order mark)`,
    );
  }

  /**
   * Where in the file the first unpaired surrogate of `bytes` (the part the decoder refused) is:
   * its first byte. The previous part's last bytes come first, since it may have ended in a high
   * surrogate (which waits for its low one) or in half of a unit.
   */
  #unpairedAt(bytes: Uint8Array): number {
    const little = this.#encoding === 'utf-16le';
    const tail = this.#last;
    const joined = new Uint8Array(tail.length + bytes.length);
    joined.set(tail);
    joined.set(bytes, tail.length);
    const base = this.#offset - tail.length;
    const unit = (i: number) => (little ? joined[i]! | (joined[i + 1]! << 8) : (joined[i]! << 8) | joined[i + 1]!);
    const isHigh = (u: number) => u >= 0xd800 && u <= 0xdbff;
    const isLow = (u: number) => u >= 0xdc00 && u <= 0xdfff;
    // Units start an even number of bytes after the byte-order mark.
    let i = (((this.#bom - base) % 2) + 2) % 2;
    // From the previous part only its last whole unit can matter, and only if it is a high surrogate.
    while (i + 2 <= tail.length) {
      if (i + 4 > tail.length && isHigh(unit(i))) break;
      i += 2;
    }
    for (; i + 1 < joined.length; i += 2) {
      const u = unit(i);
      if (isLow(u)) return base + i;
      if (!isHigh(u)) continue;
      if (i + 3 >= joined.length) break;
      if (!isLow(unit(i + 2))) return base + i;
      i += 2;
    }
    return this.#offset;
  }
}

/** The last 3 bytes of `before` followed by `part` (a part may be shorter than a character). */
function lastBytes(before: Uint8Array, part: Uint8Array): Uint8Array {
  if (part.length >= 3) return part.subarray(part.length - 3);
  const joined = new Uint8Array(before.length + part.length);
  joined.set(before);
  joined.set(part, before.length);
  return joined.subarray(Math.max(0, joined.length - 3));
}

/** The incomplete UTF-8 character at the end of `tail` (its last ≤ 3 bytes), else nothing. */
function cutCharacter(tail: Uint8Array): Uint8Array {
  for (let j = tail.length - 1; j >= 0; j--) {
    const b = tail[j]!;
    if (b < 0x80) return tail.subarray(0, 0);
    if (b < 0xc0) continue;
    const need = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : 1;
    return need > tail.length - 1 - j ? tail.subarray(j) : tail.subarray(0, 0);
  }
  return tail.subarray(0, 0);
}

/** Index of the first byte that does not start or continue a valid UTF-8 sequence (-1: none). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need =
      b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      // A sequence cut by the end of this chunk is the next chunk's to finish.
      if (i + k >= bytes.length) return -1;
      const c = bytes[i + k]!;
      if (c < 0x80 || c > 0xbf) return i;
      // Overlong or surrogate three-byte forms, and four-byte forms beyond U+10FFFF.
      if (
        k === 1 &&
        ((b === 0xe0 && c < 0xa0) || (b === 0xed && c > 0x9f) || (b === 0xf0 && c < 0x90) || (b === 0xf4 && c > 0x8f))
      )
        return i;
    }
    i += need + 1;
  }
  return -1;
}
