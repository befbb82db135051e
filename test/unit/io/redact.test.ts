import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameSchema, type Frame } from '../../../src/frame/frame';
import { utf8Length } from '../../../src/frame/utf8';
import { analyzeFrames } from '../../../src/cli/analyze';
import {
  readFramesFile,
  redactCapture,
  redactFrames,
  redactHar,
  writeCaptureFile,
  writeHar,
  type CaptureMeta,
} from '../../../src/io';
import { Pseudonyms } from '../../../src/io/pseudonyms';
import { DEEPER_MARK } from '../../../src/io/redact-har';
import { RedactContext } from '../../../src/io/redact-context';
import { redactText } from '../../../src/io/redact-json';
import { FRAME_FIELDS } from '../../../src/io/redact';
import { redactHeader, redactUrl } from '../../../src/io/redact-url';
import { redactFreeText } from '../../../src/io/redact-text';
import { HOSTILE_STRINGS } from '../../support/hostile-strings';
import { scenarioFrames } from '../../support/scenario-frames';
import { asWorkerFrames } from '../../support/worker-frames';
import { collectIdentifiers, mustNotRemain, onlyPseudonymsDiffer, remaining } from './redact-helpers';

type Json = Record<string, any>;

const SCENARIOS = readdirSync('test/fixtures/scenarios').map((f) => f.replace(/\.json$/, ''));
const CAPTURE = 'test/fixtures/captures/simulator-session.wxcc.json';
const HAR = 'test/fixtures/har/simulator-session.har';
const META: CaptureMeta = {
  createdAt: 1767603600000,
  source: { kind: 'live', url: 'https://desktop.wxcc-us1.cisco.com/' },
  redacted: false,
};

/** A frame of socket `ws-1` holding `data` (a text frame unless `kind` says otherwise). */
const wireFrame = (seq: number, data: string, kind: Frame['kind'] = 'text'): Frame => ({
  seq,
  t: 1_767_603_600_000 + seq,
  socket: 'ws-1',
  dir: 'in',
  kind,
  size: utf8Length(data),
  data,
});

/** `texts` as free text (a socket's error) in a file whose customer fields are `customers`' frames, redacted. */
const freeTexts = (customers: string[], texts: string[]) =>
  redactFrames([
    ...customers.map((data, i) => wireFrame(i + 1, data)),
    ...texts.map((text, i) => wireFrame(customers.length + i + 1, text, 'error')),
  ])
    .frames.slice(customers.length)
    .map((f) => f.data);

const context = (agentNames = false) => new RedactContext(new Pseudonyms(), { agentNames });

/**
 * An allow-listed key (redact-policy.ts): its string values get the free-text pass. Any other key's
 * string values are replaced whole (default-deny), which is what most payload strings get.
 */
const SAFE_KEY = 'workflowName';

/** Redacts, analyses both, and returns the first difference that is not a pseudonym (or undefined). */
function reportDifference(
  frames: Frame[],
  agentNames: boolean,
  kind: 'capture' | 'har' = 'capture',
): string | undefined {
  const { frames: redacted, pseudonyms } = redactFrames(frames, { agentNames });
  return onlyPseudonymsDiffer(analyzeFrames(frames, kind), analyzeFrames(redacted, kind), pseudonyms.toMap());
}

/**
 * A chat-like variant of a scenario: the customer is keyed by an e-mail address, and the
 * interaction carries a customer name, a transcript, call-associated details and free text with
 * the customer's number in other spellings.
 */
function chattyFrames(): Frame[] {
  return scenarioFrames('inbound-hold-resume').map((frame) => {
    if (frame.kind !== 'text' || !frame.data?.startsWith('{"type"')) return frame;
    const json = JSON.parse(frame.data.split('+14155550100').join('Alice.Smith@Example.com')) as Json;
    const interaction = json['data']?.['interaction'];
    if (interaction) {
      const cpd = interaction['callProcessingDetails'];
      cpd['customerName'] = 'Alice Smith';
      cpd['fromAddress'] = 'alice.smith@example.com';
      cpd['convIvrTranscript'] = 'IVR: how can I help? Caller: call me back on +1 (415) 555-0142, I am Alice Smith';
      // Free text before the field that makes its bare number a known phone number.
      cpd['callbackNote'] = 'call back on +1 (415) 555-0142, or 14155550142 after 5pm';
      interaction['callAssociatedDetails'] = { ticket: 'T-998877', callback: '+1 415 555 0142' };
    }
    if (typeof json['data']?.['lastStateChangeReason'] === 'string')
      json['data']['lastStateChangeReason'] = 'back-office asked by bob.jones@example.org';
    const data = JSON.stringify(json);
    return { ...frame, data, size: utf8Length(data) };
  });
}

describe('redactFrames: the report of a redacted capture is the original report with pseudonyms substituted', () => {
  for (const name of SCENARIOS) {
    it(name, () => {
      const frames = scenarioFrames(name);
      expect(reportDifference(frames, false)).toBeUndefined();
      expect(reportDifference(frames, true)).toBeUndefined();
    });
  }

  it('a chat-like capture keyed by e-mail, with a transcript, CAD details and free text', () => {
    expect(reportDifference(chattyFrames(), true)).toBeUndefined();
  });

  it('the capture fixture, and the Chrome HAR fixture read as frames', () => {
    for (const file of [CAPTURE, HAR]) {
      const read = readFramesFile(readFileSync(file, 'utf8'));
      if (!read.ok) throw new Error(read.error);
      expect(reportDifference(read.frames, true, read.kind), file).toBeUndefined();
    }
  });
});

describe('redactFrames: no original identifier remains anywhere in the redacted bytes', () => {
  const check = (frames: Frame[], agentNames: boolean) => {
    const ids = mustNotRemain(collectIdentifiers(frames, { agentNames }));
    const { frames: redacted, meta } = redactCapture({ frames, meta: META }, { agentNames });
    expect(meta.redacted).toBe(true);
    const bytes = writeCaptureFile(redacted, meta) + writeHar(redacted, meta);
    expect(remaining(bytes, ids)).toEqual([]);
    return ids;
  };

  for (const name of SCENARIOS) {
    it(name, () => {
      const frames = scenarioFrames(name);
      const ids = check(frames, true);
      // The collector did find something to look for: phone numbers at least; the agent's name
      // in a capture without a call (an agent's own session).
      const calls = frames.some((f) => f.data?.includes('"interaction":'));
      expect(ids.some((id) => id.startsWith('+1') || (!calls && id === 'Dana Agent'))).toBe(true);
      check(scenarioFrames(name), false);
    });
  }

  it('the chat-like capture: e-mails in keys, names, transcripts, CAD details, free text', () => {
    const ids = check(chattyFrames(), true);
    expect(ids).toEqual(
      expect.arrayContaining([
        'Alice.Smith@Example.com',
        'Alice Smith',
        'T-998877',
        'bob.jones@example.org',
        'Dana Agent',
      ]),
    );
    const bytes = writeCaptureFile(redactFrames(chattyFrames()).frames, META);
    // Bare digits in free text go once the same number is known from an identifier field.
    for (const spelling of ['555-0142', '555 0142', '14155550142', 'Example.com', 'example.com'])
      expect(bytes).not.toContain(spelling);
  });

  it('agent names stay unless asked for', () => {
    const frames = scenarioFrames('consult-conference-wrapup');
    const kept = writeCaptureFile(redactFrames(frames).frames, META);
    expect(kept).toContain('Dana Agent');
    expect(kept).toContain('Bo Consultant');
    const gone = writeCaptureFile(redactFrames(frames, { agentNames: true }).frames, META);
    expect(gone).not.toContain('Dana Agent');
    expect(gone).not.toContain('Bo Consultant');
  });
});

describe('pseudonyms', () => {
  it('are consistent within a file: spellings of one number share a pseudonym; ids stay', () => {
    const frames = chattyFrames();
    const { frames: redacted, pseudonyms } = redactFrames(frames, { agentNames: true });
    const map = pseudonyms.toMap();
    expect(map.get('Alice.Smith@Example.com')).toMatch(/^email-\d+$/);
    expect(map.get('alice.smith@example.com')).toBe(map.get('Alice.Smith@Example.com'));
    expect(map.get('+1 415 555 0142')).toMatch(/^phone-\d+$/);
    // The note that spells it other ways is not an allow-listed field: replaced whole.
    expect(map.get('call back on +1 (415) 555-0142, or 14155550142 after 5pm')).toMatch(/^text-\d+$/);
    expect(map.get('Alice Smith')).toMatch(/^name-\d+$/);
    expect(map.get('T-998877')).toMatch(/^value-\d+$/);
    expect(map.get('IVR: how can I help? Caller: call me back on +1 (415) 555-0142, I am Alice Smith')).toMatch(
      /^text-\d+$/,
    );
    const text = redacted.map((f) => f.data ?? '').join('\n');
    const customer = map.get('Alice.Smith@Example.com')!;
    expect(text).toContain(`"participants":{"${customer}":{"id":"${customer}"`);
    expect(text).toContain('"c0ffee00-0000-4000-8000-0000000000a1"');
    expect(text).toContain('"agentId":"a9e47000-0000-4000-8000-00000000000a"');
    expect(pseudonyms.counts()).toMatchObject({ email: 1 });
  });

  it('number per kind in order of first appearance, and continue across calls with the same table', () => {
    const pseudonyms = new Pseudonyms();
    const frame = (seq: number, data: string): Frame => ({
      seq,
      t: seq,
      socket: 'ws-1',
      dir: 'in',
      kind: 'text',
      size: utf8Length(data),
      data,
    });
    const first = redactFrames([frame(1, '{"ani":"+15550100","dnis":"+15550199"}')], {}, pseudonyms).frames;
    const second = redactFrames([frame(2, `{"${SAFE_KEY}":"from +1-555-0100 to x@y.org"}`)], {}, pseudonyms).frames;
    expect(first[0]!.data).toBe('{"ani":"phone-1","dnis":"phone-2"}');
    expect(second[0]!.data).toBe(`{"${SAFE_KEY}":"from phone-1 to email-1"}`);
    expect(second[0]!.size).toBe(utf8Length(second[0]!.data!));
  });

  it("keeps a failure event's reason constant (a protocol value), and redacts a free-text reason", () => {
    const data = (reason: string) =>
      JSON.stringify({
        type: 'RoutingMessage',
        data: { type: 'AgentContactUnHoldFailed', reason, reasonCode: 1150, errorMessage: 'Maribel hung up' },
      });
    const out = redactFrames([
      wireFrame(1, data('MEDIA_NOT_HELD')),
      wireFrame(2, data('the customer Maribel asked')),
    ]).frames;
    expect(JSON.parse(out[0]!.data!).data).toEqual({
      type: 'AgentContactUnHoldFailed',
      reason: 'MEDIA_NOT_HELD',
      reasonCode: 1150,
      errorMessage: 'text-1',
    });
    expect(JSON.parse(out[1]!.data!).data.reason).toMatch(/^text-\d+$/);
  });

  it('keeps a terminatingParty that is a role (Agent, Customer), and redacts any other value', () => {
    const data = (terminatingParty: string) =>
      JSON.stringify({
        type: 'RoutingMessage',
        data: { type: 'ContactEnded', interactionId: 'f0800000-0000-4000-8000-0000000000a8', terminatingParty },
      });
    const out = redactFrames([
      wireFrame(1, data('Agent')),
      wireFrame(2, data('CUSTOMER')),
      wireFrame(3, data('Maribel Quintero')),
    ]).frames.map((f) => JSON.parse(f.data!).data.terminatingParty);
    expect(out.slice(0, 2)).toEqual(['Agent', 'CUSTOMER']);
    expect(out[2]).toMatch(/^text-\d+$/);
  });

  it('one pseudonym per value in free text: a name followed by the number never reads "name-phone-1"', () => {
    const event = JSON.stringify({
      type: 'RoutingMessage',
      data: {
        type: 'AgentContactReserved',
        interactionId: 'c0ffee00-0000-4000-8000-0000000000a1',
        interaction: { callProcessingDetails: { ani: '+14155550123', customerName: 'Maribel Quintero' } },
      },
    });
    const { frames, pseudonyms } = redactFrames([
      wireFrame(1, 'callback Maribel Quintero 4155550123 asap'),
      wireFrame(2, event),
      wireFrame(3, 'Maribel Quintero +1 415 555 0123', 'error'),
      wireFrame(4, 'Maribel Quintero (415) 555-0123, or 4155550123'),
      wireFrame(5, 'maribel quintero 1 4155550123', 'close'),
    ]);
    // The `1` of `name-1` is not the country code of the number after it.
    expect(frames.map((f) => f.data)).toEqual([
      'callback name-1 phone-1 asap',
      '{"type":"RoutingMessage","data":{"type":"AgentContactReserved","interactionId":"c0ffee00-0000-4000-8000-0000000000a1","interaction":{"callProcessingDetails":{"ani":"phone-1","customerName":"name-1"}}}}',
      'name-1 phone-1',
      'name-1 phone-1, or phone-1',
      'name-1 phone-1',
    ]);
    expect(pseudonyms.counts()).toEqual({ phone: 1, email: 0, name: 1, value: 0, text: 0, token: 0 });
  });

  it("a number first met in its national spelling is the full number's pseudonym, numbered as the file reads", () => {
    // A CRM's note with the national digits comes before the field that gives the full number.
    const { frames, pseudonyms } = redactFrames([
      wireFrame(1, `{"${SAFE_KEY}":"call (415) 555-0123 back"}`),
      wireFrame(2, '{"ani":"+14155550123","dnis":"+18005550199"}'),
      wireFrame(3, '{"ani":"4155550123"}'),
    ]);
    expect(frames.map((f) => f.data)).toEqual([
      `{"${SAFE_KEY}":"call phone-1 back"}`,
      '{"ani":"phone-1","dnis":"phone-2"}',
      '{"ani":"phone-1"}',
    ]);
    expect(pseudonyms.counts().phone).toBe(2);
    expect([...pseudonyms.toMap()]).toEqual([
      ['(415) 555-0123', 'phone-1'],
      ['+14155550123', 'phone-1'],
      ['+18005550199', 'phone-2'],
      ['4155550123', 'phone-1'],
    ]);
  });

  it('a value of a customer field keeps that kind wherever it is met first (a name is name-1, not text-1)', () => {
    const { frames } = redactFrames([
      wireFrame(1, '{"note":"Maribel Quintero","crm":{"account":"ACCT-99812"}}'),
      wireFrame(
        2,
        '{"interaction":{"callProcessingDetails":{"customerName":"Maribel Quintero"},"callAssociatedData":{"acct":{"value":"ACCT-99812"}}}}',
      ),
    ]);
    expect(frames.map((f) => f.data)).toEqual([
      '{"note":"name-1","crm":{"account":"value-1"}}',
      '{"interaction":{"callProcessingDetails":{"customerName":"name-1"},"callAssociatedData":{"acct":{"value":"value-1"}}}}',
    ]);
  });

  it('redacting an already redacted file changes nothing: every pseudonym is kept as it is', () => {
    for (const scenario of SCENARIOS) {
      const once = redactFrames(scenarioFrames(scenario), { agentNames: true });
      const twice = redactFrames(once.frames, { agentNames: true });
      expect(twice.frames, scenario).toEqual(once.frames);
      expect([...twice.pseudonyms.toMap()], scenario).toEqual([]);
      expect(twice.pseudonyms.counts(), scenario).toEqual({ phone: 0, email: 0, name: 0, value: 0, text: 0, token: 0 });
    }
  });

  it('a pseudonym met in the file is its own, in any field, and its number is never given to another value', () => {
    const { frames, pseudonyms } = redactFrames([
      // A new value met before the pseudonyms that hold text-1 and text-2: it gets text-3.
      wireFrame(1, '{"note":"left a message"}'),
      wireFrame(
        2,
        '{"interaction":{"callProcessingDetails":{"customField1":"text-1","convIvrTranscript":"text-2","customerName":"value-4","ani":"token-2"}}}',
      ),
      wireFrame(3, 'plain text-2 and Bearer token-10, access_token=token-11 name-7 email-3 Cookie: token-12', 'error'),
    ]);
    expect(frames.map((f) => f.data)).toEqual([
      '{"note":"text-3"}',
      '{"interaction":{"callProcessingDetails":{"customField1":"text-1","convIvrTranscript":"text-2","customerName":"value-4","ani":"token-2"}}}',
      'plain text-2 and Bearer token-10, access_token=token-11 name-7 email-3 Cookie: token-12',
    ]);
    expect(pseudonyms.counts()).toEqual({ phone: 0, email: 0, name: 0, value: 0, text: 1, token: 0 });
  });
});

describe('redactText: JSON by field, losslessly', () => {
  it('keeps every byte that is not replaced: whitespace, key order, duplicates, odd numbers, escapes', () => {
    const text =
      '{ "b" : 1e400, "a":[ -0 ,1.50],"state":"\\u0041ni", "ani" : "+1 555 0100", "t\\u0079pe":"\\ud800", "x\\"y":"\\ud800" }';
    expect(redactText(text, context())).toBe(
      '{ "b" : 1e400, "a":[ -0 ,1.50],"state":"\\u0041ni", "ani" : "phone-1", "t\\u0079pe":"\\ud800", "x\\"y":"text-1" }',
    );
  });

  it('participants: keys, ids, callerId and media lists by shape; names by type', () => {
    const interaction = {
      media: { m1: { participants: ['+14155550100', 'agent-uuid', 'sip@example.com'] } },
      participants: {
        '+14155550100': { id: '+14155550100', name: 'Carol Customer', callerId: 'CAROL C', pType: 'Customer' },
        'agent-uuid': { id: 'agent-uuid', name: 'Dana Agent', pType: 'Agent', dn: '+14155550900' },
        'sip@example.com': { name: 'Front Desk', id: 'sip@example.com', type: 'EpDn' },
        'ep-1': { name: 'Main Entry Point', type: 'EpDn' },
        'nobody-knows': { name: 'Mystery Person' },
      },
    };
    const out = JSON.parse(redactText(JSON.stringify(interaction), context())) as Json;
    expect(out['media']['m1']['participants']).toEqual(['phone-1', 'agent-uuid', 'email-1']);
    expect(Object.keys(out['participants'])).toEqual(['phone-1', 'agent-uuid', 'email-1', 'ep-1', 'nobody-knows']);
    expect(out['participants']['phone-1']).toEqual({
      id: 'phone-1',
      name: 'name-1',
      callerId: 'value-1',
      pType: 'Customer',
    });
    expect(out['participants']['agent-uuid']).toEqual({
      id: 'agent-uuid',
      name: 'Dana Agent',
      pType: 'Agent',
      dn: 'phone-2',
    });
    // Keyed by an e-mail: its name goes even though it is not a customer.
    expect(out['participants']['email-1']['name']).toMatch(/^name-/);
    expect(out['participants']['ep-1']['name']).toBe('Main Entry Point');
    // No type: it could be the customer.
    expect(out['participants']['nobody-knows']['name']).toMatch(/^name-/);
  });

  it('a repeated name key in a participant loses neither value', () => {
    const text =
      '{"participants":{"p1":{"name":"Alice First","name":"Alice Second","pType":"Customer"},"p2":{"name":"Dana","name":"Dana Again","pType":"Agent"}}}';
    expect(redactText(text, context())).toBe(
      '{"participants":{"p1":{"name":"name-1","name":"name-2","pType":"Customer"},"p2":{"name":"Dana","name":"Dana Again","pType":"Agent"}}}',
    );
    expect(redactText(text, context(true))).toContain('"p2":{"name":"name-3","name":"name-4"');
  });

  it('CAD values and details, transcripts and secrets; numbers in those fields too', () => {
    const text = JSON.stringify({
      callAssociatedData: {
        acct: { name: 'acct', displayName: 'Account', value: 'A-1', type: 'STRING' },
        n: { name: 'n', value: 42 },
      },
      callAssociatedDetails: { acct: 'A-1', vip: 'yes' },
      convIvrTranscript: 'I want to cancel',
      auth: { access_token: 'abc.def', password: 'hunter2' },
      ani: '',
    });
    expect(JSON.parse(redactText(text, context()))).toEqual({
      callAssociatedData: {
        // A CAD variable's name and display name are not on the allow-list either.
        acct: { name: 'text-1', displayName: 'text-2', value: 'value-1', type: 'STRING' },
        n: { name: 'text-3', value: 'value-2' },
      },
      callAssociatedDetails: { acct: 'value-1', vip: 'value-3' },
      convIvrTranscript: 'text-4',
      auth: { access_token: 'token-1', password: 'token-2' },
      // Empty values hide nothing and stay.
      ani: '',
    });
  });

  it('text that only starts like JSON is text: replaced whole; JSON in a string is redacted by its keys', () => {
    const text = JSON.stringify({
      a: {
        note: '[Callback] Zacharias Pemberton, 221B Baker Street',
        noteId: '{Zacharias Pemberton}',
        payload: JSON.stringify({ customerName: 'Zoë Quintero', state: 'connected' }),
      },
    });
    expect(JSON.parse(redactText(text, context()))).toEqual({
      a: {
        note: 'text-1',
        noteId: 'text-2',
        payload: JSON.stringify({ customerName: 'name-1', state: 'connected' }),
      },
    });
    // The same where the JSON breaks (an unescaped quote before them): judged by the key still.
    const broken = `{"a":{"why":"a "quote","note":"[Callback] Zacharias Pemberton, 221B","payload":${JSON.stringify(
      JSON.stringify({ customerName: 'Zoë Quintero', state: 'connected' }),
    )}}}`;
    const redacted = redactText(broken, context());
    expect(redacted).not.toMatch(/Pemberton|Zacharias|221B|Quintero/);
    expect(redacted).toContain('"note":"text-');
    expect(redacted).toContain(String.raw`"payload":"{\"customerName\":\"name-1\",\"state\":\"connected\"}"`);
  });

  it('an ISO date and time in text keeps its digits: no phone number inside it', () => {
    const ctx = context();
    expect(redactFreeText('2026-01-05T09:00:10.000+01:00', ctx)).toBe('2026-01-05T09:00:10.000+01:00');
    expect(redactFreeText('at 2026-01-05T09:00:10,5-05:00 call +1 415 555 0100', ctx)).toBe(
      'at 2026-01-05T09:00:10,5-05:00 call phone-1',
    );
    // In an allow-listed field, whose text gets the free-text pass only.
    expect(JSON.parse(redactText('{"createdTimestamp":"2026-01-05T09:00:10.000+01:00"}', ctx))).toEqual({
      createdTimestamp: '2026-01-05T09:00:10.000+01:00',
    });
  });

  it('a payment card number in text is one value, not a phone number cut in pieces', () => {
    const ctx = context();
    // Luhn-valid card numbers, grouped or not; the same number in any spelling is one pseudonym.
    expect(redactFreeText('card 4111 1111 1111 1111 on file', ctx)).toBe('card value-1 on file');
    expect(redactFreeText('4111-1111-1111-1111', ctx)).toBe('value-1');
    expect(redactFreeText('paid with 5500005555555559.', ctx)).toBe('paid with value-2.');
    expect(redactFreeText('Amex 3782 822463 10005', ctx)).toBe('Amex value-3');
    // In an allow-listed field, whose text gets the free-text pass only.
    expect(JSON.parse(redactText('{"virtualTeamName":"Callback 4111 1111 1111 1111"}', ctx))).toEqual({
      virtualTeamName: 'Callback value-1',
    });
    // A long digit run that fails the check, or a phone number, is still read as phone numbers.
    expect(redactFreeText('call +1 415 555 0100', ctx)).toBe('call phone-1');
    expect(redactFreeText('call 0044 20 7946 0958', ctx)).toBe('call phone-2');
    expect(redactFreeText('4111 1111 1111 1112', ctx)).not.toContain('value-');
  });

  it('a key ending in Id or Time keeps only what is shaped like an id or a time: customers name keys too', () => {
    const uuid = 'a9e47000-0000-4000-8000-00000000000a';
    const text = JSON.stringify({
      flowProperties: {
        homeAddressId: '221B Baker Street London',
        postcodeId: 'NW1 6XE',
        ibanId: 'GB33BUKB20201555555555',
        customerAccountId: 'ACCT 77 Zacharias Pemberton',
        dobTime: '29/02/1980',
        surnameIds: ['Pemberton Zacharias', 'team-0002'],
        teamId: 'team-0001',
        tenantId: '123456',
        deviceRefId: `webrtc-${uuid}`,
        trackerId: `notifs_${uuid}`,
        callbackTime: '2026-01-05T09:00:10.000Z',
        startTime: '1767600000000',
      },
    });
    expect(JSON.parse(redactText(text, context()))).toEqual({
      flowProperties: {
        homeAddressId: 'text-1',
        postcodeId: 'text-2',
        ibanId: 'text-3',
        customerAccountId: 'text-4',
        dobTime: 'text-5',
        surnameIds: ['text-6', 'team-0002'],
        teamId: 'team-0001',
        tenantId: '123456',
        deviceRefId: `webrtc-${uuid}`,
        trackerId: `notifs_${uuid}`,
        callbackTime: '2026-01-05T09:00:10.000Z',
        startTime: '1767600000000',
      },
    });
    // In a query string too.
    expect(redactUrl('https://crm.test/x?homeAddressId=221B%20Baker%20Street&teamId=team-0001', context())).toBe(
      'https://crm.test/x?homeAddressId=text-1&teamId=team-0001',
    );
  });

  it('a suffix key: digits however split, a bare date, a word of letters or of letters and digits run together are no id; ids the model reads are listed', () => {
    const text = JSON.stringify({
      flowProperties: {
        dobTime: '1980-02-29',
        birthTime: '29.02.1980',
        cardId: '4111-1111-1111-1111',
        lineId: '415:555:0100',
        surnameId: 'Pemberton',
        nameId: 'Zacharias.Pemberton',
        postcodeId: 'NW16XE',
        nationalInsuranceId: 'QQ123456C',
        vehicleId: 'AB12CDE',
        loginId: 'jsmith42',
        skillId: 'aux-lunch-0001',
        reservationInteractionId: 'res-20261121-0900001',
        consultingAgentId: 'agent-20261121-0900002',
        externalId: 'crm-000123',
        agentId: 'another-agent',
        participantId: 'another-agent',
      },
    });
    expect(JSON.parse(redactText(text, context()))).toEqual({
      flowProperties: {
        dobTime: 'text-1',
        birthTime: 'text-2',
        cardId: 'text-3',
        lineId: 'text-4',
        surnameId: 'text-5',
        nameId: 'text-6',
        postcodeId: 'text-7',
        nationalInsuranceId: 'text-8',
        vehicleId: 'text-9',
        loginId: 'text-10',
        skillId: 'aux-lunch-0001',
        reservationInteractionId: 'res-20261121-0900001',
        consultingAgentId: 'agent-20261121-0900002',
        externalId: 'crm-000123',
        // Compared with each other (the `if-self` end, flags.ts): both listed.
        agentId: 'another-agent',
        participantId: 'another-agent',
      },
    });
    // Where JSON breaks off, a time under its `…Time` key is still a time, and a name still goes.
    expect(redactText('{"a":1 "startTime":"2026-01-05 09:00:10","homeAddressId":"221B Baker', context())).toBe(
      '{"a":1 "startTime":"2026-01-05 09:00:10","homeAddressId":"text-1',
    );
  });

  it('a value that is a UUID stays in every field, a customer field too; the same UUID elsewhere stays an id', () => {
    const id = 'f0900000-0000-4000-8000-0000000000b9';
    const crm = '6F2C1A9E-44B0-4C1D-9E8A-0B1C2D3E4F50';
    const text = JSON.stringify({
      interactionId: id,
      callAssociatedData: {
        callId: { name: 'callId', value: id },
        crmContact: { name: 'crmContact', value: ` ${crm} ` },
        account: { name: 'account', value: `ACCT-${crm}` },
      },
      callAssociatedDetails: { callId: id, acct: 'A-1' },
      callProcessingDetails: { customerName: crm, ani: '+14155550100' },
      note: `see ${crm}`,
    });
    expect(JSON.parse(redactText(text, context()))).toEqual({
      interactionId: id,
      callAssociatedData: {
        callId: { name: 'text-1', value: id },
        crmContact: { name: 'text-2', value: ` ${crm} ` },
        // Not a UUID, but text with one in it: customer data, replaced whole.
        account: { name: 'text-3', value: 'value-1' },
      },
      callAssociatedDetails: { callId: id, acct: 'value-2' },
      callProcessingDetails: { customerName: crm, ani: 'phone-1' },
      note: 'text-4',
    });
  });

  it('JSON inside a string is redacted as JSON', () => {
    const inner = JSON.stringify({ customerName: 'Eve', ani: '+15550123456' });
    const out = JSON.parse(redactText(JSON.stringify({ payload: inner }), context())) as Json;
    expect(JSON.parse(out['payload'])).toEqual({ customerName: 'name-1', ani: 'phone-1' });
  });

  it('text that stops being JSON keeps what was redacted; a value cut short is still judged by its key', () => {
    const cut =
      '{"data":{"interaction":{"callProcessingDetails":{"customerName":"Eve Example","ani":"+15550123456","note":"ring +15550199999 or eve@example.com';
    expect(redactText(cut, context())).toBe(
      '{"data":{"interaction":{"callProcessingDetails":{"customerName":"name-1","ani":"phone-1","note":"text-1',
    );
    expect(redactText('{"callProcessingDetails":{"customerName":"Mirabelle Qu', context())).toBe(
      '{"callProcessingDetails":{"customerName":"name-1',
    );
    expect(redactText('not json: call +44 20 7946 0958', context())).toBe('not json: call phone-1');
  });

  it('after where the JSON breaks, a string after "key": is judged by its key; other parts get the free-text pass', () => {
    // An unescaped quote: the rest of the note is the note's, and the members after it are still a
    // customer's name, a secret, an allow-listed state.
    const quote =
      '{"data":{"crmNote":"she said "call me" later","customerName":"Mirabelle Quennell","token":"t-1","state":"new","x":"{\\"ani\\":\\"+15550123456\\"}"}}';
    expect(redactText(quote, context())).toBe(
      '{"data":{"crmNote":"text-1"text-2","customerName":"name-1","token":"token-1","state":"new","x":"{\\"ani\\":\\"phone-1\\"}"}}',
    );
    // socket.io's framing before the JSON: the event name has no key and stays.
    expect(redactText('42["screenpop",{"customerName":"Mirabelle Quennell","phone":"581 2967"}]', context())).toBe(
      '42["screenpop",{"customerName":"name-1","phone":"phone-1"}]',
    );
    // Plain text with quotes stays plain text: only what the free-text pass finds goes.
    expect(redactText('user said "call +1 415 555 0100\n', context())).toBe('user said "call phone-1\n');
  });

  it('after where the JSON breaks, the strings of an array are judged by its key, up to anything but a comma', () => {
    const ctx = context();
    // The array opens after the break; and one the break is inside of (its later elements too).
    const after =
      '{"crmNote":"a "quote","notes":["Zacharias Pemberton", "221B Baker Street"],"roles":["agent","supervisor"]}';
    expect(redactText(after, ctx)).toBe(
      '{"crmNote":"text-1"text-2","notes":["text-3", "text-4"],"roles":["agent","supervisor"]}',
    );
    const inside = '{"notes":["Zacharias Pemberton","a "quote","221B Baker Street"],"x":"Pemberton"}';
    expect(redactText(inside, ctx)).toBe('{"notes":["text-3","text-1"text-5"],"x":"text-6"}');
    // An id key's array keeps what is shaped like an id; past its end the strings have no key.
    expect(redactText('{"a":"b "c","teamIds":["team-0001","NW16XE"] "Pemberton"', ctx)).toBe(
      '{"a":"text-7"text-8","teamIds":["team-0001","text-9"] "Pemberton"',
    );
  });

  it("a frame cut right after a comma or a whole string still decides a participant's name", () => {
    const cut = '{"participants":{"+14155550123":{"id":"+14155550123","pType":"Customer","name":"Maribel Quintero",';
    expect(redactText(cut, context())).toBe(
      '{"participants":{"phone-1":{"id":"phone-1","pType":"Customer","name":"name-1",',
    );
    expect(redactText('{"participants":{"p2":{"id":"p2","name":"Maribel Quintero"', context())).toBe(
      '{"participants":{"p2":{"id":"p2","name":"name-1"',
    );
  });

  it('after where the JSON breaks: prose after a stray quote, bare values, numbers, nested objects and arrays', () => {
    const cases: [string, string][] = [
      // The text after a stray quote is the value's, even where a comma follows the quote.
      [
        '{"wrapUpNote":"Customer said "no", call back Zacharias Pemberton on 07700 900123 at 221B Baker Street","state":"wrapup"}',
        '{"wrapUpNote":"text-1"text-2","state":"wrapup"}',
      ],
      ['{"crmNote":"Ref "X"} Zacharias Pemberton","state":"new"}', '{"crmNote":"text-1"text-2","state":"new"}'],
      ['{"crmNote":"a "b", Zacharias Pemberton 221B', '{"crmNote":"text-1"text-2'],
      // Bare text where a value was due (quotes inside a note that were not escaped).
      [
        '{"crmNote":"Q: "name": Zacharias Pemberton, "addr": 221B Baker Street","x":1}',
        '{"crmNote":"text-1"name": text-2, "addr": text-3","x":1}',
      ],
      // After a value that ended, bare text is that value's still.
      ['{"crmNote1":["Zacharias"] Pemberton","Zacharias Pemberton"]}', '{"crmNote1":["text-1"] text-2","text-3"]}'],
      // An array's strings after numbers, literals and inner arrays are its elements.
      ['{"a":"b "c","items":[1,null,"Zacharias Pemberton"]}', '{"a":"text-1"text-2","items":[1,null,"text-3"]}'],
      [
        '{"a":"b "c","fields":[["firstName","Zacharias"],["postcode","NW1 6XE"]]}',
        '{"a":"text-1"text-2","fields":[["text-3","text-4"],["text-5","text-6"]]}',
      ],
      ['42["evt",{"x":1,"comment2":[1,"NW1 6XE"]}]', '42["evt",{"x":1,"comment2":[1,"text-1"]}]'],
      // Numbers in customer fields, secrets and CAD details, as in JSON (the object's rule too).
      [
        '{"a":"b "c","ani":14155550100,"password":123456789}',
        '{"a":"text-1"text-2","ani":"phone-1","password":"token-1"}',
      ],
      [
        '{"a":"b "c","callAssociatedDetails":{"accountNumber":99887766,"pin":4321},"n":12,"ok":true}',
        '{"a":"text-1"text-2","callAssociatedDetails":{"accountNumber":"phone-1","pin":"value-1"},"n":12,"ok":true}',
      ],
      // One stray quote, then a comma: the scan took the comma for a separator, and what follows
      // where a key was due is the value's text; so is a "key" no colon follows.
      [
        '{"wrapUpNote":"TV is 55", wants refund, Maribel Quintero, 12 Elm Street","state":"wrapUp"}',
        '{"wrapUpNote":"text-1", text-2","state":"wrapUp"}',
      ],
      ['{"customerName":true, Maribel Quintero"}', '{"customerName":true, name-1"}'],
      [
        '{"wrapUpNote":"size 55","Maribel Quintero, 12 Elm Street","state":"wrapUp"}',
        '{"wrapUpNote":"text-1","text-2","state":"wrapUp"}',
      ],
      // A brace inside a value's text is not structure: the object's rule holds after it.
      [
        '{"callAssociatedDetails":{"note":"ok "urgent} call","status":"Maribel Quintero, 12 Elm Street"}}',
        '{"callAssociatedDetails":{"note":"value-1"value-2","status":"value-3"}}',
      ],
      // Quotes the pairing got wrong hold only punctuation, which stays.
      [
        '{"notes":["TV is 55", wants refund, Maribel Quintero","ok"],"state":"wrapUp"}',
        '{"notes":["text-1", text-2","text-3"],"state":"wrapUp"}',
      ],
      // A key whose opening quote closed the string before it.
      ['{"state":"x"customerName":"Zacharias Pemberton"}', '{"state":"x"customerName":"name-1"}'],
      ['{"state":"{"note":"Zacharias Pemberton", "x":1}"}', '{"state":"{"note":"text-1", "x":1}"}'],
      // What is JSON after a value stays as it was: the allow-list, numbers, a string with no key.
      [
        '42["screenpop",{"customerName":"Maribel Quintero","phone":"581 2967","roles":["agent"],"n":12},"screenpop"]',
        '42["screenpop",{"customerName":"name-1","phone":"phone-1","roles":["agent"],"n":12},"screenpop"]',
      ],
    ];
    for (const [input, expected] of cases) expect(redactText(input, context())).toBe(expected);
  });

  it('a URL inside free text is redacted as a URL: its query by parameter, encoded values decoded', () => {
    const { frames } = redactFrames([
      wireFrame(1, '{"customerName":"Maribel Quintero","fromAddress":"maribel.q@example.com"}'),
      wireFrame(
        2,
        'Failed to fetch https://crm.example.test/search?name=Maribel%20Quintero&email=maribel.q%40example.com&page=2 (see https://help.example.test/#jwt=abc).',
        'error',
      ),
    ]);
    expect(frames[1]!.data).toBe(
      'Failed to fetch https://crm.example.test/search?name=name-1&email=email-1&page=2 (see https://help.example.test/#jwt=token-1).',
    );
  });

  it('percent- and form-encoded text outside a URL is read decoded and written back encoded as it was', () => {
    expect(
      freeTexts(
        ['{"customerName":"Maribel Quintero","fromAddress":"maribel.q@example.com"}'],
        [
          'plain x=bob%40example.org&y=1 and BOB%40EXAMPLE.ORG, dave@example.com',
          'text Maribel%20Quintero / note=Maribel%20Quintero%2C%20VIP / Quintero%2C+Maribel',
          'mailto:carol%2540example.net call%20%2B1%20415%20555%200128%20now, 415+555+0128',
          'lookup q=maribel.q%40example.com%26ani%3D%2B14155550128',
          // Nothing in them decodes to a value: kept byte for byte, a bad escape too.
          '50%25 off, C++ and a%FFb, 100%, a+b=c, %E2%82%AC 12',
        ],
      ),
    ).toEqual([
      'plain x=email-2&y=1 and email-2, email-3',
      'text name-1 / note=name-1%2C%20VIP / name-1',
      'mailto:email-4 call%20phone-1%20now, phone-1',
      'lookup q=email-1%26ani%3Dphone-1',
      '50%25 off, C++ and a%FFb, 100%, a+b=c, %E2%82%AC 12',
    ]);
  });

  it("an opening parenthesis a number does not close stays the text's; a bare run in one is judged as bare", () => {
    expect(
      freeTexts(
        ['{"interaction":{"callProcessingDetails":{"ani":"+14155550123"}}}'],
        [
          'call back (4155550123, after 5)',
          '(415) 555-0123 and (+1 415 555 0123)',
          'at (1767604155550) and (2125550199,',
        ],
      ),
    ).toEqual(['call back (phone-1, after 5)', 'phone-1 and (phone-1)', 'at (1767604155550) and (2125550199,']);
  });

  it("a known customer name in another order of its words: 'Last, First', 'Last First', reversed", () => {
    const customer = (ani: string, name: string) =>
      `{"interaction":{"participants":{"${ani}":{"pType":"Customer","name":"${name}"}}}}`;
    expect(
      freeTexts(
        [
          '{"customerName":"Maribel Quintero-Oyelaran"}',
          customer('+14155550128', 'Lee Chen'),
          customer('+14155550129', 'Chen Lee'),
        ],
        [
          'Quintero-Oyelaran, Maribel; QUINTERO OYELARAN MARIBEL; oyelaran_quintero_maribel; Chen, Lee; Lee Chen; Chen Lee',
          // Every rotation of the words and the reverse order are the name.
          'Oyelaran Maribel Quintero',
          // Only part of the name, or another order of three words: not the name (README "What
          // redaction does not catch").
          'Quintero, Maribel / Quintero Maribel Oyelaran',
        ],
      ),
    ).toEqual([
      // A name that is another customer's in its own order stays theirs (Chen Lee is not Lee Chen).
      'name-1; name-1; name-1; name-3; name-2; name-3',
      'name-1',
      'Quintero, Maribel / Quintero Maribel Oyelaran',
    ]);
  });

  it('text that is not JSON loses credentials written as in a log line: key=value, Basic, Cookie:', () => {
    const text = [
      'retry access_token=AT-SECRET-1 x-session-token=ST-SECRET-2 pwd=PW-SECRET-3 error code=500',
      'Authorization: Basic QUJDREVGOjEyMzQ1Ng== then "apiKey=AK-SECRET-4"',
      'Cookie: sid=CK-SECRET-5; theme=dark',
      'Set-Cookie: JSESSIONID=CK-SECRET-6; Path=/',
    ].join('\n');
    const out = redactText(text, context());
    for (const secret of [
      'AT-SECRET-1',
      'ST-SECRET-2',
      'PW-SECRET-3',
      'QUJDREVGOjEyMzQ1Ng',
      'AK-SECRET-4',
      'CK-SECRET-5',
      'CK-SECRET-6',
    ])
      expect(out, secret).not.toContain(secret);
    // What says nothing about anyone stays: the words, an error's code.
    expect(out).toContain('retry access_token=token-');
    expect(out).toContain('error code=500');
    expect(out).toContain('Authorization: Basic token-');
  });

  it('leaves ids, timestamps, dates, IP addresses and versions alone in free text', () => {
    const keep = [
      'c0ffee00-0000-4000-8000-0000000000a1',
      'notifs_7ac40001-0000-4000-8000-000000000001',
      '1767603602000',
      '2026-01-05',
      '2026-01-05T09:00:00.000Z',
      '127.0.0.1',
      '10.20.30.40',
      'Chrome/120.0.6099.130 Safari/537.36',
      'v1.2.3',
      'A-10001',
      '30',
      '1767603602.123',
      'webrtc-a9e47000-0000-4000-8000-00000000000a',
    ];
    for (const value of keep)
      expect(redactText(JSON.stringify({ [SAFE_KEY]: value }), context()), value).toBe(
        JSON.stringify({ [SAFE_KEY]: value }),
      );
  });
});

describe('property: phone numbers and e-mails in random strings', () => {
  /** Filler that cannot glue onto an identifier: no digits, no e-mail characters. */
  const filler = fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => s.replace(/[\w.%+@\-()]/g, ''));
  const separator = fc.constantFrom(' ', ', ', ': ', '\n', ' (', '"', '/', '|', ' <');
  const number = fc.tuple(
    fc.integer({ min: 1, max: 99 }),
    fc.integer({ min: 200, max: 999 }),
    fc.integer({ min: 200, max: 999 }),
    fc.integer({ min: 0, max: 9999 }),
  );
  const spellings = ([cc, area, exchange, line]: [number, number, number, number]) => {
    const l = String(line).padStart(4, '0');
    return [
      `+${cc}${area}${exchange}${l}`,
      `+${cc}-${area}-${exchange}-${l}`,
      `+${cc} (${area}) ${exchange} ${l}`,
      `+${cc} ${area} ${exchange} ${l}`,
      `+${cc}.${area}.${exchange}.${l}`,
    ];
  };
  const email = fc
    .emailAddress()
    .filter((e) => /^[A-Za-z0-9][\w.%+-]*@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/.test(e) && !e.includes('..'));
  const embedded = <T>(arb: fc.Arbitrary<T>) => fc.tuple(filler, separator, arb, separator, filler);

  it('are always replaced, in JSON strings and in plain text, and each spelling of a number gets its pseudonym', () => {
    fc.assert(
      fc.property(
        embedded(number),
        fc.nat(4),
        fc.nat(4),
        embedded(email),
        fc.boolean(),
        ([pre, s1, n, s2, post], i, j, [epre, e1, mail, e2, epost], json) => {
          const all = spellings(n);
          const a = all[i]!;
          const b = all[j]!;
          const textA = `${pre}${s1}${a}${s2}${post}`;
          const textB = `${epre}${e1}${mail}${e2}${epost} and ${b}${s2}`;
          const ctx = context();
          const out = json
            ? (JSON.parse(redactText(JSON.stringify({ [SAFE_KEY]: textA, state: [textB] }), ctx)) as Json)
            : { [SAFE_KEY]: redactText(textA, ctx), state: [redactText(textB, ctx)] };
          const joined = `${out[SAFE_KEY]}\n${out['state'][0]}`;
          const digits = a.replace(/\D/g, '');
          expect(joined).not.toContain(a);
          expect(joined).not.toContain(b);
          expect(joined).not.toContain(digits);
          expect(joined.toLowerCase()).not.toContain(mail.toLowerCase());
          const map = ctx.pseudonyms.toMap();
          expect(map.get(a)).toBe('phone-1');
          expect(map.get(b)).toBe('phone-1');
          expect(out[SAFE_KEY]).toBe(`${pre}${s1}phone-1${s2}${post}`);
          expect(out['state'][0]).toBe(`${epre}${e1}email-1${e2}${epost} and phone-1${s2}`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('distinct values get distinct pseudonyms, the same value the same one, across frames', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(email, { minLength: 1, maxLength: 6, selector: (e) => e.toLowerCase() }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
        (emails, picks) => {
          const frames: Frame[] = picks.map((p, k) => {
            const data = JSON.stringify({
              fromAddress: emails[p % emails.length],
              [SAFE_KEY]: `seen ${emails[p % emails.length]}`,
            });
            return { seq: k + 1, t: k, socket: 'ws-1', dir: 'in', kind: 'text', size: utf8Length(data), data };
          });
          const { frames: out, pseudonyms } = redactFrames(frames);
          const seen = new Map<string, string>();
          out.forEach((frame, k) => {
            const json = JSON.parse(frame.data!) as Json;
            expect(json[SAFE_KEY]).toBe(`seen ${json['fromAddress']}`);
            const original = emails[picks[k]! % emails.length]!.toLowerCase();
            if (seen.has(original)) expect(json['fromAddress']).toBe(seen.get(original));
            seen.set(original, json['fromAddress']);
          });
          expect(new Set(seen.values()).size).toBe(seen.size);
          expect(pseudonyms.counts().email).toBe(seen.size);
        },
      ),
    );
  });

  it('any JSON keeps its shape: only strings change, each into a pseudonym or by pseudonyms within it', () => {
    const PSEUDONYM = /^(phone|email|name|value|text|token)-\d+$/;
    const same = (a: unknown, b: unknown, ctx: RedactContext): void => {
      if (typeof a === 'string') {
        expect(typeof b).toBe('string');
        if (a !== b && !PSEUDONYM.test(b as string))
          expect(onlyPseudonymsDiffer(a, b, ctx.pseudonyms.toMap()), `${a} → ${String(b)}`).toBeUndefined();
        return;
      }
      if (typeof a !== 'object' || a === null) {
        // A number only changes when it sits in a customer field ("ani": 4155550100).
        if (typeof b === 'string') expect(b).toMatch(PSEUDONYM);
        else expect(b).toEqual(a);
        return;
      }
      expect(Array.isArray(b)).toBe(Array.isArray(a));
      const keysA = Object.keys(a);
      const keysB = Object.keys(b as object);
      expect(keysB.length).toBe(keysA.length);
      for (let i = 0; i < keysA.length; i++) same((a as Json)[keysA[i]!], (b as Json)[keysB[i]!], ctx);
    };
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const ctx = context();
        const out = ctx.twoPass(() => redactText(text, ctx));
        same(JSON.parse(text), JSON.parse(out), ctx);
      }),
      { numRuns: 500 },
    );
  });
});

describe('redactHar', () => {
  const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkYW5hQGV4YW1wbGUuY29tIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
  const PAGE_JWT = 'eyJraWQiOiJwYWdlIn0.eyJzY29wZSI6ImFnZW50In0.cGFnZS1zaWduYXR1cmU';
  const SECRETS = [
    JWT,
    PAGE_JWT,
    's3cr3t-cookie-value',
    'apikey-777',
    'opaque-token-123',
    'hunter2',
    'alice.smith@example.com',
    'alice.smith%40example.com',
    'Alice Smith',
    '+14155550100',
  ];

  /** The Chrome HAR fixture with what a real one carries: tokens, cookies, a REST call with customer data. */
  function harWithSecrets(): Json {
    const har = JSON.parse(readFileSync(HAR, 'utf8')) as Json;
    const log = har['log'];
    log['pages'][0]['title'] = `https://desktop.wxcc-us1.cisco.com/#access_token=${PAGE_JWT}&token_type=Bearer`;
    for (const entry of log['entries'] as Json[]) {
      if (entry['_resourceType'] !== 'websocket') continue;
      entry['request']['url'] += `?access_token=${JWT}`;
      entry['request']['queryString'] = [{ name: 'access_token', value: JWT }];
      entry['request']['headers'].push(
        { name: 'Authorization', value: `Bearer ${JWT}` },
        { name: 'Cookie', value: 'wxcc_session=s3cr3t-cookie-value; lang=en' },
      );
      entry['request']['cookies'] = [{ name: 'wxcc_session', value: 's3cr3t-cookie-value', path: '/', httpOnly: true }];
    }
    log['entries'].push({
      _resourceType: 'fetch',
      startedDateTime: '2026-01-05T09:00:10.000Z',
      request: {
        method: 'POST',
        url: 'https://api.wxcc-us1.cisco.com/v1/search?customer=alice.smith%40example.com&token=opaque-token-123',
        headers: [
          { name: 'x-api-key', value: 'apikey-777' },
          { name: 'Referer', value: `https://desktop.wxcc-us1.cisco.com/?jwt=${JWT}` },
        ],
        queryString: [
          { name: 'customer', value: 'alice.smith@example.com' },
          { name: 'token', value: 'opaque-token-123' },
        ],
        cookies: [],
        postData: {
          mimeType: 'application/x-www-form-urlencoded',
          text: 'user=dana&password=hunter2&phone=%2B14155550100',
        },
      },
      response: {
        status: 200,
        headers: [{ name: 'Set-Cookie', value: 'wxcc_session=s3cr3t-cookie-value; Path=/; HttpOnly' }],
        cookies: [{ name: 'wxcc_session', value: 's3cr3t-cookie-value' }],
        content: {
          mimeType: 'application/json',
          text: JSON.stringify({
            data: {
              interaction: {
                callProcessingDetails: {
                  ani: '+14155550100',
                  customerName: 'Alice Smith',
                  fromAddress: 'alice.smith@example.com',
                },
              },
            },
          }),
        },
        redirectURL: '',
      },
    });
    return har;
  }

  it('no identifier, token or cookie remains anywhere in the redacted HAR; it reads back marked redacted', () => {
    const original = harWithSecrets();
    const read = readFramesFile(JSON.stringify(original));
    if (!read.ok) throw new Error(read.error);
    const ids = [...mustNotRemain(collectIdentifiers(read.frames, { agentNames: true })), ...SECRETS];
    const { har, pseudonyms } = redactHar(original, { agentNames: true });
    const text = JSON.stringify(har, null, 2);
    expect(remaining(text, ids)).toEqual([]);
    expect(text).toContain('"Bearer token-');
    expect(text).toContain('wxcc_session=token-');
    expect(text).toContain('; Path=/; HttpOnly');
    const back = readFramesFile(text);
    if (!back.ok) throw new Error(back.error);
    expect(back.meta.redacted).toBe(true);
    expect(back.frames.length).toBe(read.frames.length);
    expect(
      onlyPseudonymsDiffer(analyzeFrames(read.frames, 'har'), analyzeFrames(back.frames, 'har'), pseudonyms.toMap()),
    ).toBeUndefined();
    // The same cookie is one pseudonym in the header and in the cookie list.
    const rest = (har as Json)['log']['entries'].at(-1);
    expect(rest['response']['cookies'][0]['value']).toBe(pseudonyms.toMap().get('s3cr3t-cookie-value'));
    expect(rest['response']['headers'][0]['value']).toBe(
      `wxcc_session=${pseudonyms.toMap().get('s3cr3t-cookie-value')}; Path=/; HttpOnly`,
    );
    expect(JSON.parse(rest['response']['content']['text'])).toEqual({
      data: {
        interaction: {
          callProcessingDetails: {
            ani: pseudonyms.toMap().get('+14155550100'),
            customerName: pseudonyms.toMap().get('Alice Smith'),
            fromAddress: pseudonyms.toMap().get('alice.smith@example.com'),
          },
        },
      },
    });
  });

  it('our own HAR (with _wxcc) reads back into the redacted frames, open and close frames included', () => {
    const frames = scenarioFrames('reconnect-hydrate');
    const { har, pseudonyms } = redactHar(JSON.parse(writeHar(frames, META)), { agentNames: true });
    const back = readFramesFile(JSON.stringify(har));
    if (!back.ok) throw new Error(back.error);
    expect(back.meta.redacted).toBe(true);
    expect(back.frames.map((f) => [f.seq, f.kind, f.socket])).toEqual(frames.map((f) => [f.seq, f.kind, f.socket]));
    for (const frame of back.frames) if (frame.kind === 'text') expect(frame.size).toBe(utf8Length(frame.data!));
    expect(
      onlyPseudonymsDiffer(analyzeFrames(frames, 'capture'), analyzeFrames(back.frames, 'capture'), pseudonyms.toMap()),
    ).toBeUndefined();
  });

  it('a field of the HAR nested thousands of levels deep: kept and redacted to 200 levels, removed below, never a stack overflow', () => {
    const nest = (levels: number, inner: unknown): unknown => {
      let value = inner;
      for (let i = 0; i < levels; i++) value = [value];
      return value;
    };
    const original = JSON.parse(writeHar(scenarioFrames('inbound-hold-resume'), META));
    original.log._shallow = nest(150, 'call +14155550100');
    original.log._deep = nest(5_000, 'call +14155550199');
    const { har } = redactHar(original);
    const text = JSON.stringify(har);
    expect(text).not.toContain('14155550100');
    expect(text).not.toContain('14155550199');
    let shallow = (har as { log: { _shallow: unknown } }).log._shallow;
    for (let i = 0; i < 150; i++) shallow = (shallow as unknown[])[0];
    expect(shallow).toMatch(/^call phone-\d+$/);
    let deep = (har as { log: { _deep: unknown } }).log._deep;
    let levels = 0;
    while (Array.isArray(deep)) [deep, levels] = [deep[0], levels + 1];
    // The field's own array is level 0 of the walk: levels 0-200 are kept.
    expect([levels, deep]).toEqual([201, DEEPER_MARK]);

    // The same in a frame our own HAR keeps in `_wxcc.frames` (redacted as a capture's frame: an
    // unknown field default-deny, so the mark too becomes a pseudonym there).
    const ours = JSON.parse(writeHar(scenarioFrames('inbound-hold-resume'), META));
    const entry = ours.log.entries.find((e: { _wxcc?: { frames?: unknown[] } }) => e._wxcc?.frames?.length);
    entry._wxcc.frames.push({ ...entry._wxcc.frames[0], deep: nest(100_000, 'call +14155550188') });
    const text2 = JSON.stringify(redactHar(ours).har);
    expect(text2).not.toContain('14155550188');
    expect(text2).toContain(`${'['.repeat(200)}"`);
    expect(text2).not.toContain('['.repeat(201));
  });

  it('removes static asset bodies and decodes base64 text bodies', () => {
    const body = (mimeType: string, text: string, encoding?: string) => ({
      log: {
        entries: [
          {
            request: { url: 'https://x.test/' },
            response: { content: { mimeType, text, ...(encoding ? { encoding } : {}) } },
          },
        ],
      },
    });
    const js = redactHar(body('application/javascript', 'var phone = "+14155550100";')).har as Json;
    expect(js['log']['entries'][0]['response']['content']).toEqual({
      mimeType: 'application/javascript',
      comment: expect.stringMatching(/removed/),
    });
    const b64 = Buffer.from(JSON.stringify({ customerName: 'Zoë' })).toString('base64');
    const json = redactHar(body('application/json', b64, 'base64')).har as Json;
    expect(Buffer.from(json['log']['entries'][0]['response']['content']['text'], 'base64').toString()).toBe(
      '{"customerName":"name-1"}',
    );
    const png = redactHar(body('image/png', 'iVBORw0KGgo=', 'base64')).har as Json;
    expect(png['log']['entries'][0]['response']['content']['text']).toBeUndefined();
  });

  it('URLs and headers: secrets by name, identifiers by shape, the rest byte for byte', () => {
    const ctx = context();
    expect(
      redactUrl('wss://user:pw@notifs.example/v1/x?a=1&access_token=abc&to=%2B14155550100#state=s&id_token=def', ctx),
    ).toBe('wss://token-1@notifs.example/v1/x?a=1&access_token=token-2&to=phone-1#state=s&id_token=token-3');
    expect(redactUrl('ws://127.0.0.1:8080/v1/notification/subscription/AgentDesktop-1', ctx)).toBe(
      'ws://127.0.0.1:8080/v1/notification/subscription/AgentDesktop-1',
    );
    expect(redactUrl('https://x.test/customers/bob%40example.org/calls', ctx)).toBe(
      'https://x.test/customers/email-1/calls',
    );
    expect(redactHeader('authorization', 'Basic ZGFuYTpodW50ZXIy', ctx)).toBe('Basic token-4');
    // The same secret keeps its pseudonym: `abc` was the access token above.
    expect(redactHeader('Cookie', 'a=1; b=abc', ctx)).toBe('a=token-5; b=token-2');
    expect(redactHeader('X-Auth-Token', 'zzz', ctx)).toBe('token-6');
    expect(redactHeader('User-Agent', 'Mozilla/5.0 (X11; Linux x86_64) Chrome/138.0.7204.92 Safari/537.36', ctx)).toBe(
      'Mozilla/5.0 (X11; Linux x86_64) Chrome/138.0.7204.92 Safari/537.36',
    );
    expect(redactHeader('Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ==', ctx)).toBe('dGhlIHNhbXBsZSBub25jZQ==');
  });

  it('headers: a credential under any name that says so, or after an authentication scheme', () => {
    const ctx = context();
    const key = 'K09f86d081884c7d659a2feaa0c55ad015';
    const names = [
      'Authorisation',
      'Authentication',
      'Proxy-Authorization',
      'Sec-WebSocket-Protocol',
      'Ocp-Apim-Subscription-Key',
      'X-Functions-Key',
      'Private-Key',
      'Key',
      'X-JWT-Assertion',
    ];
    // One secret, one pseudonym, wherever it is sent.
    for (const name of names) expect(redactHeader(name, key, ctx), name).toBe('token-1');
    expect(redactHeader('Authorisation', `Bearer ${key}`, ctx)).toBe('Bearer token-1');
    // The scheme says it, whatever the header's name.
    expect(redactHeader('X-Upstream', `Basic ${key}`, ctx)).toBe('Basic token-1');
    expect(redactHeader('Www-Authenticate', 'Bearer error="invalid_token", access_token="opaque-77"', ctx)).toBe(
      'Bearer token-2',
    );
    const more = context();
    for (const name of ['X-Passcode', 'X-Pwd', 'X-Sid', 'x-accesskey', 'Api.Key'])
      expect(redactHeader(name, key, more), name).toBe('token-1');
    for (const [value, out] of [
      [`DPoP ${key}`, 'DPoP token-1'],
      ['OAuth oauth_token="opaque-1"', 'OAuth token-2'],
      [`SSWS ${key}`, 'SSWS token-1'],
      [`Bearer:${key}`, 'Bearer token-1'],
    ])
      expect(redactHeader('X-Upstream', value!, more), value).toBe(out);
    // Under a header named as a credential, any first word is the scheme.
    expect(redactHeader('Authorization', `WebexToken ${key}`, more)).toBe('WebexToken token-1');
    // Not credentials: HTTP/2's host, the handshake's nonce, a keep-alive.
    expect(redactHeader(':authority', 'api.wxcc-us1.cisco.com', ctx)).toBe('api.wxcc-us1.cisco.com');
    expect(redactHeader('Keep-Alive', 'timeout=5', ctx)).toBe('timeout=5');
    expect(redactHeader('Content-Type', 'application/json', ctx)).toBe('application/json');
  });
});

describe('redactFrame: every field of a frame by its meaning', () => {
  it('handles each field the Frame schema has (a new one must be decided there, not slip through)', () => {
    expect([...FRAME_FIELDS].sort()).toEqual(Object.keys(FrameSchema.entries).sort());
  });

  it('a worker capture and a deep capture keep their channel and source: they read back and analyse as the original', () => {
    const crm = 'https://crm.example.test/lightning/r/Contact/view?ani=%2B14155550100&code=oauth-code-1';
    const worker = asWorkerFrames(scenarioFrames('inbound-hold-resume')).map(
      (f, i): Frame => (i === 0 ? { ...f, frameUrl: crm } : f),
    );
    const deep = scenarioFrames('inbound-hold-resume').map((f): Frame => ({ ...f, source: 'cdp' }));
    for (const frames of [worker, deep]) {
      expect(reportDifference(frames, false)).toBeUndefined();
      const { frames: out, meta } = redactCapture({ frames, meta: META });
      const back = readFramesFile(writeCaptureFile(out, meta));
      if (!back.ok) throw new Error(back.error);
      expect(back.frames.map((f) => [f.channel, f.source])).toEqual(frames.map((f) => [f.channel, f.source]));
    }
    const { frames: out } = redactFrames(worker);
    expect(out[0]!.frameUrl).toBe('https://crm.example.test/lightning/r/Contact/view?ani=phone-1&code=token-1');
  });
});

describe('hostile input', () => {
  it('the hostile scenario (100 KB strings, 1000-level nesting, __proto__ keys) is redacted without a crash', () => {
    const frames = scenarioFrames('hostile');
    const { frames: out } = redactFrames(frames, { agentNames: true });
    expect(out).toHaveLength(frames.length);
    expect(({} as Json)['polluted']).toBeUndefined();
  });

  it('__proto__ keys stay own keys, and nothing reaches Object.prototype', () => {
    const text =
      '{"__proto__":{"polluted":"+14155550100","customerName":"Mallory"},"participants":{"__proto__":{"name":"x"}}}';
    const out = redactText(text, context());
    expect(out).toBe(
      '{"__proto__":{"polluted":"phone-1","customerName":"name-1"},"participants":{"__proto__":{"name":"name-2"}}}',
    );
    const har = { log: { entries: [], __proto__: { polluted: 'yes' } } };
    const redacted = redactHar(
      JSON.parse(JSON.stringify(har).replace('"entries":[]', '"entries":[],"__proto__":{"a":"b@c.de"}')),
    );
    expect(Object.hasOwn((redacted.har as Json)['log'], '__proto__')).toBe(true);
    expect(({} as Json)['polluted']).toBeUndefined();
    expect(({} as Json)['a']).toBeUndefined();
  });

  it('deep nesting, a 10 MB string and unterminated input', () => {
    const deep = `${'{"a":'.repeat(100_000)}"+14155550100"${'}'.repeat(100_000)}`;
    expect(redactText(deep, context()).includes('phone-1')).toBe(true);
    const huge = JSON.stringify({
      customerName: 'x'.repeat(10_000_000),
      [SAFE_KEY]: `${'y '.repeat(1_000_000)}+14155550100`,
    });
    const out = redactText(huge, context());
    expect(out.length).toBeLessThan(2_100_100);
    expect(out.endsWith('phone-1"}')).toBe(true);
    for (const broken of ['{', '{"a":', '{"a":"unterminated +14155550100', '[1,2', '"\\', '{"a" 1}', '\u0000{}']) {
      expect(redactText(broken, context())).not.toContain('+14155550100');
    }
  });

  it('strings built to make a regex backtrack are redacted exactly (their speed: npm run bench redact)', () => {
    // Each is one of the benchmark's hostile strings; what matters here is the result, which a
    // regex that gave up or cut the string would get wrong.
    const redacted = new Map(
      HOSTILE_STRINGS.map(([input, text]) => {
        const out = JSON.parse(redactText(JSON.stringify({ [SAFE_KEY]: text }), context())) as Json;
        return [input, out[SAFE_KEY] as string];
      }),
    );
    // Lists of digits are not phone numbers ("1 1 1 …", "+1 +1 …" are too short each), "a@a@…"
    // and "a.a.…@b" have no domain with a dot, "eyJa.a.…" is no JWT: nothing in them to replace.
    for (const [input, text] of HOSTILE_STRINGS) expect(redacted.get(input), input).toBe(text);
  });
});
