import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hexPreview } from '../../../src/frame/hex';
import { base64Encode, base64Head } from '../../../src/io/base64';
import { parseHexPreview } from '../../../src/frame/hex-bytes';

describe('base64', () => {
  it('encodes as Buffer does, and decodes length and head back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat({ max: 100 }), (bytes, max) => {
        const text = base64Encode(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        const decoded = base64Head(text, max)!;
        expect(decoded.length).toBe(bytes.length);
        expect([...decoded.head]).toEqual([...bytes.slice(0, max)]);
        // Unpadded input decodes the same.
        expect(base64Head(text.replace(/=+$/, ''), max)).toStrictEqual(decoded);
      }),
    );
  });

  it('refuses what is not base64', () => {
    for (const text of ['a', 'ab=c', 'a b=', '@@@@', 'AAAA=', 'é===']) expect(base64Head(text, 64)).toBeUndefined();
    expect(base64Head('', 64)).toStrictEqual({ length: 0, head: new Uint8Array(0) });
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
