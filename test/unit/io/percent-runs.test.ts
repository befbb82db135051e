import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRun, encodedRuns, encodeLike, mayBeEncoded } from '../../../src/io/percent-runs';
import { Pseudonyms } from '../../../src/io/pseudonyms';
import { RedactContext } from '../../../src/io/redact-context';
import { redactFreeText } from '../../../src/io/redact-text';

const runsOf = (text: string) => encodedRuns(text).map(([start, end]) => text.slice(start, end));

describe('encoded runs of free text', () => {
  it('are the stretches around an escape or a + between words, up to blanks, quotes and query separators', () => {
    expect(runsOf('plain x=bob%40example.org&y=1 and "Maribel%20Quintero" 415+555+0128')).toEqual([
      'bob%40example.org',
      'Maribel%20Quintero',
      '415+555+0128',
    ]);
    expect(runsOf('mailto:carol%2540example.net/a%2Fb?c=d%26e#f%3Dg;h%3Bi')).toEqual([
      'mailto:carol%2540example.net',
      'a%2Fb',
      'd%26e',
      'f%3Dg',
      'h%3Bi',
    ]);
    // Not a run: no escape (a lone %, %zz), a + that is not between words, a raw @ (an address).
    expect(runsOf('100% %zz +1 415 C+ +x bob+tag@example.com a%0Ab@example.com')).toEqual([]);
    expect([mayBeEncoded('no escapes here'), mayBeEncoded('50%'), mayBeEncoded('a+b')]).toEqual([false, true, true]);
  });

  it('decode as a form value: escapes as UTF-8, + as a space but at the start; a bad escape stays', () => {
    expect(decodeRun('Maribel%20Quintero%2C+%C3%89lodie')).toBe('Maribel Quintero, Élodie');
    expect(decodeRun('+1+415+555+0128')).toBe('+1 415 555 0128');
    expect(decodeRun('%2B14155550128')).toBe('+14155550128');
    expect(decodeRun('a%FFb%2')).toBe('a%FFb%2');
    expect(decodeRun('carol%2540example.net')).toBe('carol%40example.net');
  });

  it('encode back as the run was: raw what it wrote raw, + for a space where it used +, else escapes', () => {
    expect(encodeLike('note=name-1, VIP', 'note=Maribel%20Quintero%2C%20VIP')).toBe('note=name-1%2C%20VIP');
    expect(encodeLike('call phone-1 now', 'call+%2B1+415+555+0128+now')).toBe('call+phone-1+now');
    expect(encodeLike('mailto:email-1 €', 'mailto:bob%40x.org%20%E2%82%AC')).toBe('mailto:email-1%20%E2%82%AC');
    // A lone surrogate has no UTF-8: kept as it is rather than throwing.
    expect(encodeLike('a \ud800', 'a%20b')).toBe('a%20\ud800');
  });

  it('property: an e-mail address or a phone number percent-encoded in free text never survives', () => {
    const filler = fc.string({ maxLength: 12 }).map((s) => s.replace(/[\w.%+@\-()]/g, ''));
    const email = fc
      .emailAddress()
      .filter((e) => /^[A-Za-z0-9][\w.%+-]*@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/.test(e) && !e.includes('..'));
    const phone = fc
      .tuple(fc.integer({ min: 200, max: 999 }), fc.integer({ min: 200, max: 999 }), fc.integer({ min: 0, max: 9999 }))
      .map(([a, b, c]) => `+1 ${a} ${b} ${String(c).padStart(4, '0')}`);
    fc.assert(
      fc.property(filler, email, phone, filler, fc.boolean(), (pre, mail, number, post, form) => {
        const encode = (v: string) => (form ? encodeURIComponent(v).replace(/%20/g, '+') : encodeURIComponent(v));
        const text = `${pre} q=${encode(mail)}&n=${encode(number)} ${post}`;
        const out = redactFreeText(text, new RedactContext(new Pseudonyms()));
        expect(out).toBe(`${pre} q=email-1&n=phone-1 ${post}`);
      }),
      { numRuns: 300 },
    );
  });
});
