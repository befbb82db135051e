import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import { utf8Length } from '../../../src/frame/utf8';
import { redactFrames } from '../../../src/io';
import { countryCodeLength, PhoneForms } from '../../../src/io/phone-forms';

/*
 * One number, one pseudonym: a customer's number spelled any way (E.164, national, short
 * national, trunk or international prefix, separators, tel:/sip: URIs) in any place of a capture
 * (a participant key, a media leg, a CPD value, a CAD variable, a REST call's URL, free text) is
 * one pseudonym; a number that only contains its digits (a timestamp, an id) is not it.
 */

const INTERACTION = 'c0ffee00-0000-4000-8000-0000000000a1';
const AGENT = 'a9e47000-0000-4000-8000-00000000000a';

const frame = (seq: number, kind: Frame['kind'], data: string, extra: Partial<Frame> = {}): Frame => ({
  seq,
  t: 1_767_603_600_000 + seq,
  socket: kind === 'request' ? 'http-1' : 'ws-1',
  dir: kind === 'request' ? 'out' : 'in',
  kind,
  size: utf8Length(data),
  data,
  ...extra,
});

/** A call whose customer's participant is keyed by `key`; the CPD has the number as `ani`. */
function call(key: string, ani: string, cad: string, cadName = 'callback'): string {
  return JSON.stringify({
    type: 'RoutingMessage',
    data: {
      type: 'AgentContactReserved',
      interactionId: INTERACTION,
      interaction: {
        interactionId: INTERACTION,
        callProcessingDetails: { ani, lastUpdated: 1_767_603_600_000 },
        callAssociatedData: { callback: { name: cadName, value: cad } },
        participants: {
          [key]: { id: key, pType: 'Customer', dn: key },
          [AGENT]: { id: AGENT, pType: 'Agent', name: 'Dana Agent' },
        },
        media: { [INTERACTION]: { participants: [key, AGENT] } },
      },
    },
  });
}

/** That call redacted: the number is `phone-1` everywhere (the CAD variable's name is not on the allow-list). */
const redacted = (key: string) => call(key, 'phone-1', 'phone-1', 'text-1');

describe('one number, one pseudonym, whatever spelling the participant key has', () => {
  const cases: { country: string; ani: string; keys: string[]; text: string; url: string }[] = [
    {
      country: 'US (10-digit national)',
      ani: '+14155550123',
      keys: ['4155550123', '14155550123', '(415) 555-0123', 'tel:+1-415-555-0123', 'sip:4155550123@sbc.example'],
      text: '(415) 555-0123',
      url: '415-555-0123',
    },
    {
      country: 'Iceland (7-digit national, shorter than any national part was before)',
      ani: '+3545551234',
      keys: ['5551234', '555 1234', '003545551234', 'tel:+354-555-1234', 'sip:+3545551234@sbc.example;user=phone'],
      text: '555-1234',
      url: '5551234',
    },
    {
      country: 'UK (trunk prefix 0)',
      ani: '+442079460958',
      keys: ['02079460958', '2079460958', '020 7946 0958', '+44 (0)20 7946 0958', '00442079460958'],
      text: '020 7946 0958',
      url: '02079460958',
    },
  ];
  for (const { country, ani, keys, text, url } of cases) {
    for (const key of keys) {
      it(`${country}: key ${JSON.stringify(key)}`, () => {
        const { frames, pseudonyms } = redactFrames([
          // A CRM lookup before the call, the number in its path and its query.
          frame(1, 'request', '', {
            url: `https://crm.example.test/customers/${url}?phone=${encodeURIComponent(text)}`,
          }),
          frame(2, 'text', call(key, ani, text)),
          frame(3, 'error', `callback to ${text} failed; retry sip:${key.replace(/\D/g, '')}@sbc.example`),
        ]);
        expect(frames.map((f) => [f.url, f.data])).toEqual([
          ['https://crm.example.test/customers/phone-1?phone=phone-1', ''],
          [undefined, redacted('phone-1')],
          [undefined, 'callback to phone-1 failed; retry sip:phone-1@sbc.example'],
        ]);
        expect(pseudonyms.counts().phone).toBe(1);
      });
    }
  }

  it('a customer keyed by a number too short for a phone number: phone-1 wherever it is a whole value', () => {
    const { frames } = redactFrames([
      frame(1, 'text', call('555123', '555123', '555123')),
      // In free text six digits are as likely a count: they stay there.
      frame(2, 'error', 'queue 555123 had 555123 calls'),
    ]);
    expect(frames.map((f) => f.data)).toEqual([redacted('phone-1'), 'queue 555123 had 555123 calls']);
  });

  it('a customer keyed by a chat handle: value-1 as the key, the id, the media leg and in text', () => {
    const handle = 'maribelq';
    const { frames } = redactFrames([
      frame(1, 'error', `session of maribelq ended`),
      frame(2, 'text', call(handle, '', 'Gold')),
    ]);
    expect(JSON.parse(frames[1]!.data!).data.interaction.participants).toEqual({
      'value-1': { id: 'value-1', pType: 'Customer', dn: 'value-1' },
      [AGENT]: { id: AGENT, pType: 'Agent', name: 'Dana Agent' },
    });
    expect(JSON.parse(frames[1]!.data!).data.interaction.media[INTERACTION].participants).toEqual(['value-1', AGENT]);
    expect(frames[0]!.data).toBe('session of value-1 ended');
  });

  it("the keys of an agent's participant (its UUID) and of an entry point's stay", () => {
    const data = JSON.stringify({
      participants: { [AGENT]: { id: AGENT, pType: 'Agent' }, 'ep-7': { id: 'ep-7', type: 'EpDn', name: 'Main line' } },
    });
    expect(redactFrames([frame(1, 'text', data)]).frames[0]!.data).toBe(data);
  });
});

describe('numbers that only contain a customer number are not it', () => {
  it('timestamps, ids, longer digit runs and suffixes of the number stay', () => {
    const keep = [
      '1767604155550123',
      '94155550123',
      '41555501239',
      '155550123',
      '55550123',
      '414155550123',
      'order 155550123',
      '2026-01-05T09:00:00.000Z',
    ];
    const { frames } = redactFrames([
      frame(1, 'text', JSON.stringify({ ani: '+14155550123' })),
      ...keep.map((text, i) => frame(i + 2, 'error', text)),
      frame(20, 'text', '{"lastUpdated":14155550123999,"count":155550123,"workflowName":"run 1767604155550123"}'),
    ]);
    expect(frames.map((f) => f.data)).toEqual([
      '{"ani":"phone-1"}',
      ...keep,
      '{"lastUpdated":14155550123999,"count":155550123,"workflowName":"run 1767604155550123"}',
    ]);
  });

  it('a national part two numbers of the file share joins neither', () => {
    // +41 55 550 01 23 (Switzerland) and +65 5555 0123 (Singapore) both end in 55550123.
    const { frames } = redactFrames([
      frame(1, 'text', '{"ani":"+4155550123","dnis":"+6555550123"}'),
      frame(2, 'text', '{"ani":"5555 0123"}'),
    ]);
    expect(frames.map((f) => f.data)).toEqual(['{"ani":"phone-1","dnis":"phone-2"}', '{"ani":"phone-3"}']);
  });
});

describe('PhoneForms', () => {
  it('reads the country code of E.164 digits (codes are prefix-free)', () => {
    expect(
      ['14155550123', '74951234567', '442079460958', '3545551234', '85212345678', '2125221234567'].map(
        countryCodeLength,
      ),
    ).toEqual([1, 1, 2, 3, 3, 3]);
  });

  it('groups the spellings of one number under its international one', () => {
    const forms = new PhoneForms(['4155550123', '14155550123', '02079460958', '442079460958', '5551234', '3545551234']);
    expect(
      [
        '4155550123',
        '04155550123',
        '14155550123',
        '2079460958',
        '02079460958',
        '4402079460958',
        '00442079460958',
        '5551234',
        '05551234',
      ].map((digits) => forms.of(digits)),
    ).toEqual([
      '14155550123',
      '14155550123',
      '14155550123',
      '442079460958',
      '442079460958',
      '442079460958',
      '442079460958',
      '3545551234',
      '3545551234',
    ]);
    // A country code in front of a number the file only wrote nationally is that number.
    expect(new PhoneForms(['4155550123']).of('14155550123')).toBe('4155550123');
    expect(forms.of('414155550123')).toBeUndefined();
  });

  it('replaces whole digit groups only, with the + or ( that opens the number', () => {
    const forms = new PhoneForms(['14155550123']);
    const mark = (canonical: string, spelling: string) => `<${canonical}|${spelling}>`;
    expect(forms.replace('call +1 (415) 555-0123, 4155550123 or 1767604155550123; id 94155550123', mark)).toBe(
      'call <14155550123|+1 (415) 555-0123>, <14155550123|4155550123> or 1767604155550123; id 94155550123',
    );
    expect(forms.replace('+1 415 555 0123 +1 415 555 0123', mark)).toBe(
      '<14155550123|+1 415 555 0123> <14155550123|+1 415 555 0123>',
    );
  });
});
