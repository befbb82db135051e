import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readFramesFile, readFramesValue } from '../../../src/io';
import { FileJsonReader, MAX_TEXT_CHARS, parseFileJson } from '../../../src/io/file-json';
import { decodeWhole } from '../../../src/io/file-text';
import { parseFramesText } from '../../../src/io/read-frames-file';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Reads `bytes` in chunks of `size`, with a text limit of `maxChars` (small: the streaming parser). */
function read(
  bytes: Uint8Array,
  maxChars: number,
  size = 7,
): { result: ReturnType<FileJsonReader['end']>; streaming: boolean } {
  const reader = new FileJsonReader(maxChars);
  for (let i = 0; i < bytes.length; i += size) reader.push(bytes.subarray(i, i + size));
  return { result: reader.end(), streaming: reader.streaming };
}

const FILES = ['test/fixtures/captures/simulator-session.wxcc.json', 'test/fixtures/har/simulator-session.har'];

describe('FileJsonReader', () => {
  it.each(FILES)('reads %s to the same value and frames whether it fits one string or streams', (path) => {
    const bytes = readFileSync(path);
    const whole = read(bytes, MAX_TEXT_CHARS, 4096);
    const streamed = read(bytes, 1_000, 4093);
    expect(whole.streaming).toBe(false);
    expect(streamed.streaming).toBe(true);
    expect(streamed.result).toEqual(whole.result);
    expect(whole.result).toEqual({ ok: true, value: JSON.parse(bytes.toString('utf8')) });
    const frames = readFramesValue((streamed.result as { value: unknown }).value);
    const expected = readFramesFile(bytes.toString('utf8'));
    expect(frames.ok && expected.ok && frames.frames.length).toBeGreaterThan(10);
    expect(frames).toEqual(expected);
  });

  it('streams text cut anywhere, multi-byte characters and escapes included', () => {
    const value = { name: 'Zoë 山田 🎧', note: 'a "quoted" \\ back\nslash \u0000', n: [1.5e3, -0, true, null] };
    const bytes = utf8(JSON.stringify(value));
    for (let size = 1; size < 12; size++) {
      const { result, streaming } = read(bytes, 5, size);
      expect(streaming).toBe(true);
      expect(result).toEqual({ ok: true, value: JSON.parse(JSON.stringify(value)) });
    }
  });

  it('keeps a "__proto__" key as data when streaming, as JSON.parse does', () => {
    const { result } = read(utf8('{"__proto__":{"polluted":true},"a":1}'), 4);
    expect(result.ok).toBe(true);
    const value = (result as { value: Record<string, unknown> }).value;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('reads a UTF-16LE file with a byte-order mark by streaming', () => {
    const text = '{"log":{"entries":[],"note":"山田"}}';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      bytes[2 + i * 2] = text.charCodeAt(i) & 0xff;
      bytes[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    expect(read(bytes, 4, 3).result).toEqual({ ok: true, value: JSON.parse(text) });
  });

  it('says what is wrong in the streaming parser as the fast path does', () => {
    const streamed = (text: string) => read(utf8(text), 2).result;
    expect(streamed('  \n ')).toEqual({ ok: false, error: 'the file is empty' });
    expect(read(utf8('\ufeff  '), 1).result).toEqual({ ok: false, error: 'the file is empty' });
    expect(streamed('{"frames":[1,2')).toEqual({
      ok: false,
      error: expect.stringMatching(/^not JSON: the text ends before the value does \(is the file complete\?/),
    });
    expect(streamed('{"a":1} trailing')).toEqual({
      ok: false,
      error: 'not JSON: unexpected "t" at byte 8 of the file',
    });
    expect(streamed('{"a":"\\x"}')).toEqual({
      ok: false,
      error: 'not JSON: unexpected "x" at byte 7 of the file',
    });
    expect(streamed('[1,2,]')).toEqual({ ok: false, error: 'not JSON: unexpected "]" at byte 5 of the file' });
    // The fast path keeps its line and column.
    expect(read(utf8('{"a":1,}'), 100).result).toEqual({
      ok: false,
      error: expect.stringMatching(/^not JSON: .* at line 1, column 8/),
    });
  });

  it('a streaming error says its byte in the file, whatever the characters, the mark or the whitespace before it', () => {
    // The parser counts UTF-8 bytes: "é", "山" and "🎧" are 2, 3 and 4 of them.
    const bytes = utf8('{"name":"Zoé 山田 🎧", "n": [1 2]}');
    expect(read(bytes, 4).result).toEqual({ ok: false, error: 'not JSON: unexpected 2 at byte 36 of the file' });
    expect(bytes[36]).toBe('2'.charCodeAt(0));
    const marked = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('  \n  '), ...utf8('{"a":1,}')]);
    expect(read(marked, 2, 3).result).toEqual({ ok: false, error: 'not JSON: unexpected "}" at byte 15 of the file' });
    expect(marked[15]).toBe('}'.charCodeAt(0));
    // A no-break space is not JSON's whitespace: not an empty file.
    expect(read(utf8('\u00a0   '), 1).result).toEqual({
      ok: false,
      error: expect.stringMatching(/^not JSON: unexpected .* at byte 0 of the file$/),
    });
  });

  it('a bad byte is the file’s error on either path, and stops the reading', () => {
    const bytes = new Uint8Array([...utf8('{"a":"ab'), 0xff, ...utf8('"}')]);
    for (const maxChars of [3, 100]) {
      const reader = new FileJsonReader(maxChars);
      reader.push(bytes.subarray(0, 4));
      expect(reader.failed).toBe(false);
      reader.push(bytes.subarray(4));
      expect(reader.failed).toBe(true);
      expect(reader.end()).toEqual({
        ok: false,
        error: expect.stringMatching(/^invalid UTF-8 at byte 8: the file is not UTF-8 text/),
      });
    }
    expect(parseFileJson(new Uint8Array([0x7b, 0xe2, 0x82]))).toEqual({
      ok: false,
      error: 'invalid UTF-8: the file ends in the middle of a character (was it cut off?)',
    });
  });

  it('a file decoded whole and parsed (the viewer’s import and the CLI) reads as the reader reads it pushed; bad bytes go to the reader, which names them', () => {
    // As import-worker.ts `readWhole` and cli/main.ts `readJson`: decodeWhole, else the reader.
    const whole = (bytes: Uint8Array, maxChars = MAX_TEXT_CHARS) => {
      const text = decodeWhole(bytes, maxChars);
      return text === undefined ? parseFileJson(bytes, maxChars) : parseFramesText(text);
    };
    for (const path of FILES) {
      const bytes = readFileSync(path);
      expect(whole(bytes)).toEqual(read(bytes, MAX_TEXT_CHARS, 4096).result);
      // Over the limit: the streaming parser, with the same value.
      expect(whole(bytes, 1_000)).toEqual(read(bytes, MAX_TEXT_CHARS, 4096).result);
    }
    const bad = new Uint8Array([...utf8('{"a":"ab'), 0xff, ...utf8('"}')]);
    expect(whole(bad)).toEqual({
      ok: false,
      error: expect.stringMatching(/^invalid UTF-8 at byte 8: the file is not UTF-8 text/),
    });
    expect(whole(utf8(' \n'))).toEqual({ ok: false, error: 'the file is empty' });
    expect(whole(utf8('{"a":'))).toEqual(read(utf8('{"a":'), MAX_TEXT_CHARS).result);
    expect(whole(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('{"a":1}')]))).toEqual({ ok: true, value: { a: 1 } });
  });

  it('the limit is V8’s longest string (2^29 − 24 UTF-16 units)', () => {
    expect(MAX_TEXT_CHARS).toBe(2 ** 29 - 24);
  });
});
