import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hexPreview } from '../../../src/frame/hex';
import { AGENT_DESKTOP_MATCHES, LOCAL_TEST_MATCHES, originToMatchPattern } from '../../../src/capture/shared/hosts';
import { utf8Length } from '../../../src/frame/utf8';

describe('utf8Length', () => {
  it('equals the encoded byte length for any string, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
      }),
      { numRuns: 2000 },
    );
    expect(utf8Length('\ud83d')).toBe(3);
    expect(utf8Length('😀é')).toBe(6);
  });
});

describe('hexPreview', () => {
  it('shows at most the first 64 bytes', () => {
    expect(hexPreview(new Uint8Array([0, 1, 255]))).toBe('00 01 ff');
    expect(hexPreview(new Uint8Array(1000)).split(' ')).toHaveLength(64);
  });
});

describe('where capture runs', () => {
  it('lists one Agent Desktop origin per datacenter and no wildcard host', () => {
    expect(AGENT_DESKTOP_MATCHES).toContain('https://desktop.wxcc-us1.cisco.com/*');
    expect(AGENT_DESKTOP_MATCHES).toContain('https://desktop.wxcc-anz1.cisco.com/*');
    for (const m of AGENT_DESKTOP_MATCHES) expect(m).toMatch(/^https:\/\/desktop\.wxcc-[a-z]+\d\.cisco\.com\/\*$/);
    expect(AGENT_DESKTOP_MATCHES.some((m) => LOCAL_TEST_MATCHES.includes(m))).toBe(false);
  });

  it('turns what a user types into a match pattern or a reason', () => {
    expect(originToMatchPattern('https://desktop.example.com')).toEqual({ pattern: 'https://desktop.example.com/*' });
    expect(originToMatchPattern(' https://lab.example.com:8443/agent?x=1 ')).toEqual({
      pattern: 'https://lab.example.com/*',
    });
    expect(originToMatchPattern('http://10.0.0.5/*')).toEqual({ pattern: 'http://10.0.0.5/*' });
    expect(originToMatchPattern('')).toHaveProperty('error');
    expect(originToMatchPattern('desktop.example.com')).toHaveProperty('error');
    expect(originToMatchPattern('file:///etc/passwd')).toHaveProperty('error');
  });
});
