import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hexPreview } from '../../../src/frame/hex';
import { base64Decode, base64Encode, base64Length } from '../../../src/io/base64';
import { parseHexPreview } from '../../../src/frame/hex-bytes';

describe('base64 (atob / btoa, made strict)', () => {
  it('encodes as Buffer does, and decodes the bytes and their length back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = base64Encode(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect([...base64Decode(text)!]).toEqual([...bytes]);
        expect(base64Length(text)).toBe(bytes.length);
        // Unpadded input decodes the same.
        expect([...base64Decode(text.replace(/=+$/, ''))!]).toEqual([...bytes]);
        expect(base64Length(text.replace(/=+$/, ''))).toBe(bytes.length);
      }),
    );
  });

  it('refuses what is not base64 (atob alone would forgive the blanks)', () => {
    for (const text of ['a', 'ab=c', 'a b=', '@@@@', 'AAAA=', 'é===', 'AA AA', 'AAAA\n']) {
      expect(base64Decode(text), text).toBeUndefined();
    }
    expect(base64Decode('')).toStrictEqual(new Uint8Array(0));
  });

  it('a payload of a megabyte goes through', () => {
    const bytes = new Uint8Array(1 << 20).map((_, i) => i * 7);
    expect(Buffer.from(base64Decode(base64Encode(bytes))!).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe('parseHexPreview', () => {
  it('inverts hexPreview', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect([...parseHexPreview(hexPreview(bytes))!]).toEqual([...bytes]);
      }),
    );
  });

  it('refuses anything hexPreview would not write', () => {
    for (const text of ['0', '00 0', '00  01', '00-01', '0A', ' 00', '00 ', '(preview unavailable)', 'zz']) {
      expect(parseHexPreview(text)).toBeUndefined();
    }
  });
});
