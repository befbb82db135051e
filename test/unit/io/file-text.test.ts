import { describe, expect, it } from 'vitest';
import { decodeWhole, FileTextDecoder } from '../../../src/io/file-text';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** A decoder whose pieces are collected, and the text they make. */
function collecting(): { decoder: FileTextDecoder; text: () => string } {
  const parts: string[] = [];
  return { decoder: new FileTextDecoder((part) => parts.push(part)), text: () => parts.join('') };
}

describe('FileTextDecoder', () => {
  it('joins a stream cut inside multi-byte characters, as the viewer reads a file', () => {
    const bytes = utf8('{"name":"Zoë 山田 🎧"}');
    for (let cut = 1; cut < bytes.length; cut++) {
      const { decoder, text } = collecting();
      decoder.push(bytes.subarray(0, cut));
      decoder.push(bytes.subarray(cut));
      decoder.end();
      expect(text()).toBe('{"name":"Zoë 山田 🎧"}');
    }
  });

  it('names the first bad byte counted over the whole stream, not the chunk', () => {
    const { decoder } = collecting();
    decoder.push(utf8('{"a":"'));
    expect(() => decoder.push(new Uint8Array([0x61, 0x62, 0xff, 0x63]))).toThrow(
      'invalid UTF-8 at byte 8: the file is not UTF-8 text',
    );
  });

  it('names the first byte of a character cut between chunks and broken by the next one', () => {
    for (const [head, lead] of [
      [[0x7b, 0xe2], 1],
      [[0x7b, 0xe2, 0x82], 1],
      [[0x7b, 0x22, 0xf0, 0x9f, 0x98], 2],
      [[0x7b, 0xc3, 0xa9, 0xe2], 3],
    ] as const) {
      const { decoder } = collecting();
      decoder.push(new Uint8Array(head));
      expect(() => decoder.push(utf8('AB'))).toThrow(`invalid UTF-8 at byte ${lead}:`);
    }
  });

  it('reads a UTF-16LE HAR with a byte-order mark given in odd-sized chunks', () => {
    const text = '{"log":{"entries":[]}}';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) bytes[2 + i * 2] = text.charCodeAt(i);
    const { decoder, text: decoded } = collecting();
    for (let i = 0; i < bytes.length; i += 3) decoder.push(bytes.subarray(i, i + 3));
    decoder.end();
    expect(decoded()).toBe(text);
  });

  it('names the byte of an unpaired surrogate in UTF-16, whole or in chunks of any size', () => {
    const before = `{"a":"${'x'.repeat(1640)}`;
    const cases = [
      // A lone high surrogate before an ordinary character, a lone low one, a high one cut from its low one.
      { bad: '\ud800', after: 'y"}' },
      { bad: '\udc00', after: 'y"}' },
      { bad: '\udbff', after: '\ud800"}' },
    ];
    for (const { bad, after } of cases)
      for (const endian of ['le', 'be'] as const)
        for (const mark of [true, false]) {
          const bytes = utf16(`${before}${bad}${after}`, endian, mark);
          const at = (mark ? 2 : 0) + before.length * 2;
          for (const size of [bytes.length, 1, 2, 3, 7, 64, at, at + 1, at + 2]) {
            const { decoder } = collecting();
            // The first chunk says the encoding (a stream's first chunk is never this small).
            const feed = () => {
              decoder.push(bytes.subarray(0, 64));
              for (let i = 64; i < bytes.length; i += size) decoder.push(bytes.subarray(i, i + size));
              decoder.end();
            };
            expect(feed, `${JSON.stringify(bad)} ${endian} mark ${mark} chunks of ${size}`).toThrow(
              `invalid UTF-16 at byte ${at}: an unpaired surrogate`,
            );
          }
        }
  });

  it('says a file that ends inside a character was cut off', () => {
    const { decoder } = collecting();
    decoder.push(new Uint8Array([0x7b, 0xe2, 0x82]));
    expect(() => decoder.end()).toThrow('invalid UTF-8: the file ends in the middle of a character (was it cut off?)');
  });
});

/** `text` as UTF-16 bytes, little- or big-endian, with or without its byte-order mark. */
function utf16(text: string, endian: 'le' | 'be', mark: boolean): Uint8Array {
  const at = mark ? 2 : 0;
  const bytes = new Uint8Array(at + text.length * 2);
  if (mark) bytes.set(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[at + i * 2 + (endian === 'le' ? 0 : 1)] = unit & 0xff;
    bytes[at + i * 2 + (endian === 'le' ? 1 : 0)] = unit >> 8;
  }
  return bytes;
}

describe('decodeWhole', () => {
  const text = '{"name":"Zoë 山田 🎧","n":[1,2]}';

  it('decodes UTF-8 (with or without its mark) and UTF-16 either way round to the text FileTextDecoder gives', () => {
    const files = [
      utf8(text),
      new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]),
      utf16(text, 'le', true),
      utf16(text, 'be', true),
      utf16(text, 'le', false),
      utf16(text, 'be', false),
    ];
    for (const bytes of files) {
      const { decoder, text: streamed } = collecting();
      decoder.push(bytes);
      decoder.end();
      expect(decodeWhole(bytes, 1_000)).toBe(text);
      expect(streamed()).toBe(text);
    }
  });

  it('leaves to FileTextDecoder bad bytes, a cut character and more text than maxChars could hold', () => {
    expect(decodeWhole(new Uint8Array([...utf8('{"a":"ab'), 0xff, ...utf8('"}')]), 1_000)).toBeUndefined();
    expect(decodeWhole(new Uint8Array([0x7b, 0xe2, 0x82]), 1_000)).toBeUndefined();
    // An unpaired surrogate in UTF-16.
    expect(decodeWhole(new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x00, 0xd8, 0x7d, 0x00]), 1_000)).toBeUndefined();
    const bytes = utf8(text);
    // UTF-8 may give as many units as bytes: a file of more bytes than maxChars is not decoded whole.
    expect(decodeWhole(bytes, bytes.length - 1)).toBeUndefined();
    expect(decodeWhole(bytes, bytes.length)).toBe(text);
    const wide = utf16(text, 'le', true);
    expect(decodeWhole(wide, text.length - 1)).toBeUndefined();
    expect(decodeWhole(wide, text.length)).toBe(text);
    expect(decodeWhole(new Uint8Array(0), 10)).toBe('');
  });
});
