import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeFrames } from '../../../src/cli/analyze';
import type { Frame } from '../../../src/frame/frame';
import {
  exportCapture,
  readFramesFile,
  redactCapture,
  redactFrames,
  redactHar,
  writeCaptureFile,
  writeHar,
  type CaptureMeta,
} from '../../../src/io';
import { BINARY_REDACTED } from '../../../src/io/redact';
import {
  CREDENTIALS,
  CRM_LOG_LINE,
  corpusFrames,
  corpusHar,
  credentialLeaks,
  KEPT,
  leaks,
  PERSON,
} from '../../support/pii-corpus';
import { runCli } from '../cli/run-cli';
import { onlyPseudonymsDiffer } from './redact-helpers';

/*
 * Issue #15's acceptance test: a customer planted where contact centers put it (test/support/
 * pii-corpus.ts), redacted into every format the product writes; not one planted value may
 * survive in any spelling. The panel's and the viewer's exports are `exportCapture`; the e2e
 * test viewer.spec.ts also exports from the real panel and viewer.
 */

type Json = Record<string, any>;

const META: CaptureMeta = {
  createdAt: 1767603600000,
  source: { kind: 'live', url: `https://desktop.wxcc-us1.cisco.com/?ani=${PERSON.national}` },
  redacted: false,
};

/**
 * A report without the lengths pseudonyms change: where a frame's JSON breaks (pseudonyms before
 * the break move it) and how long a message that is one JSON string is.
 */
function withoutBreakOffsets<T>(report: T): T {
  return JSON.parse(
    JSON.stringify(report)
      .replace(/at line \d+, column \d+ \(offset \d+\)/g, 'at line ?, column ? (offset ?)')
      .replace(/a string of \d+ characters/g, 'a string of ? characters'),
  ) as T;
}

/** How many times the CAD UUID that must stay (`KEPT`) is in `text`. */
const kept = (text: string) => text.split(KEPT.crmContactId).length - 1;

function read(text: string) {
  const file = readFramesFile(text);
  if (!file.ok) throw new Error(file.error);
  return file;
}

describe('the PII corpus', () => {
  it('is planted: the unredacted capture and HAR hold every value in the places of the issue', () => {
    const frames = corpusFrames();
    const capture = writeCaptureFile(frames, META);
    const har = JSON.stringify(corpusHar(frames));
    for (const text of [capture, har]) {
      const found = leaks(text);
      for (const value of [PERSON.name, PERSON.email, PERSON.address, PERSON.account, PERSON.dob, PERSON.order])
        expect(found).toContain(value);
      expect(found).toEqual(
        expect.arrayContaining([
          PERSON.story,
          PERSON.ani,
          PERSON.ukNational,
          'digits 4155550123',
          PERSON.alias,
          'Mirabelle',
          PERSON.shortNumber,
          'digits 5812967',
        ]),
      );
    }
    expect(leaks(capture)).toContain(PERSON.subject);
    // The log line's spellings: encoded, form-encoded, family name first.
    for (const spelling of [
      encodeURIComponent(PERSON.email),
      encodeURIComponent(PERSON.name).replace(/%20/g, '+'),
      '%2B14155550123',
      'Quintero',
    ])
      expect(CRM_LOG_LINE).toContain(spelling);
    expect(leaks(CRM_LOG_LINE)).toEqual(
      expect.arrayContaining([encodeURIComponent(PERSON.email), 'Quintero', 'digits 4155550123']),
    );
    expect(leaks(capture)).toContain(`call-${PERSON.ani}`.slice(5));
    expect(credentialLeaks(har)).toEqual(Object.values(CREDENTIALS));
  });
});

describe('no credential of a Chrome HAR becomes a frame (query, request body, error body)', () => {
  const har = JSON.stringify(corpusHar());
  const hold = 'https://api.wxcc-us1.cisco.com/v1/tasks/c0ffee00-0000-4000-8000-0000000000a1/hold';

  it('on import: the REST call is kept, its credentials are not; nor the page address, nor the socket message', () => {
    const { frames, meta } = read(har);
    expect(credentialLeaks(JSON.stringify(frames))).toEqual([]);
    expect(credentialLeaks(JSON.stringify(meta))).toEqual([]);
    expect(meta.source.url).toBe('https://desktop.wxcc-us1.cisco.com/#access_token=(removed)&token_type=(removed)');
    expect(frames.find((f) => f.data?.includes('"authorization"'))!.data).toBe(
      '{"id":"mercury-1","type":"authorization","data":{"token":"(removed)"}}',
    );
    // Credentials inside a message's free text: each token goes, every word around it stays.
    expect(frames.find((f) => f.data?.includes('crm-log-1'))!.data).toBe(
      '{"id":"crm-log-1","type":"log","data":{"note":"Authorization: Bearer (removed) and (removed); back from https://idp.example.test/cb?code=(removed)&state=1 with access_token=(removed)"}}',
    );
    const request = frames.find((f) => f.kind === 'request' && f.url?.startsWith(hold))!;
    expect([request.url, request.data]).toEqual([
      `${hold}?access_token=(removed)`,
      '{"mediaResourceId":"c0ffee00-0000-4000-8000-0000000000a1","token":"(removed)"}',
    ]);
    const response = frames.find((f) => f.kind === 'response' && f.socket === request.socket)!;
    expect([response.http?.status, response.data]).toEqual([
      401,
      '{"message":"token expired","hint":"retry with Authorization: Bearer (removed)","access_token":"(removed)","sessionToken":"(removed)"}',
    ]);
  });

  it('nor in what the CLI writes: convert (both formats), analyze --json (requests[].url), analyze', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'wxcc-cred-'));
    await writeFile(path.join(dir, 'in.har'), har);
    for (const out of ['out.wxcc.json', 'out.har']) {
      const converted = await runCli('convert', path.join(dir, 'in.har'), path.join(dir, out));
      expect([converted.status, converted.err]).toEqual([0, '']);
      expect(credentialLeaks(await readFile(path.join(dir, out), 'utf8'))).toEqual([]);
    }
    const json = await runCli('analyze', '--json', path.join(dir, 'in.har'));
    expect(json.status).toBe(0);
    expect(credentialLeaks(json.out)).toEqual([]);
    const urls = (JSON.parse(json.out) as { requests: { url: string }[] }).requests.map((r) => r.url);
    expect(urls).toContain(`${hold}?access_token=(removed)`);
    const human = await runCli('analyze', path.join(dir, 'in.har'));
    expect(credentialLeaks(human.out)).toEqual([]);
  });
});

describe('no planted value survives redaction, in any format', () => {
  const frames = corpusFrames();

  it('capture → capture file and HAR (redactCapture, the CLI and the exports use it)', () => {
    const { frames: out, meta } = redactCapture({ frames, meta: META });
    expect(leaks(writeCaptureFile(out, meta))).toEqual([]);
    expect(leaks(writeHar(out, meta))).toEqual([]);
    // The CAD values that are only a UUID stay, every one.
    const planted = kept(writeCaptureFile(frames, META));
    expect(planted).toBe(frames.filter((f) => f.data?.includes('"callAssociatedDetails"')).length * 2);
    expect(kept(writeCaptureFile(out, meta))).toBe(planted);
    expect(kept(writeHar(out, meta))).toBe(planted);
  });

  it('whatever the order of the file: reversed, the national number comes before the ANI field', () => {
    const reversed = [...frames].reverse().map((frame, i): Frame => ({ ...frame, seq: i + 1 }));
    const { frames: out, meta } = redactCapture({ frames: reversed, meta: META });
    expect(leaks(writeCaptureFile(out, meta))).toEqual([]);
    // The same pseudonyms as in file order: numbering aside, the same values were found.
    const forward = redactFrames(frames).pseudonyms;
    const backward = redactFrames(reversed).pseudonyms;
    expect(new Set(backward.toMap().keys())).toEqual(new Set(forward.toMap().keys()));
  });

  it('a Chrome HAR → HAR: the REST calls around the socket too (URL, query, request and response bodies)', () => {
    const { har } = redactHar(corpusHar(frames));
    const text = JSON.stringify(har, null, 2);
    expect(leaks(text)).toEqual([]);
    expect(kept(text)).toBe(kept(JSON.stringify(corpusHar(frames))));
    const back = read(text);
    expect(back.meta.redacted).toBe(true);
    // The binary message: bytes gone, size and the reason kept.
    const binary = back.frames.find((f) => f.kind === 'binary')!;
    expect(binary.size).toBe(PERSON.binary.length);
    expect(binary.data).toBe(BINARY_REDACTED);
  });

  it('one pseudonym per customer value across the HAR: every spelling, every place, the CRM lookup before the call too', () => {
    const { har, pseudonyms } = redactHar(corpusHar(frames));
    const entries = (har as Json)['log']['entries'] as Json[];
    // The CRM call (first in the file) has the national digits and the name; the call has E.164.
    expect(entries[0]!['request']['url']).toBe('https://crm.example.test/api/lookup?ani=phone-1&name=name-1');
    expect(JSON.parse(entries[0]!['response']['content']['text'])).toEqual({
      customer: { fullName: 'name-1', account: 'value-1', dob: 'text-1', phone: 'phone-1' },
    });
    // Headers: the customer as in the bodies, the agent's credentials as tokens.
    expect(entries[0]!['request']['headers']).toEqual([
      { name: 'Content-Type', value: 'application/json' },
      { name: 'Authorization', value: 'Bearer token-3' },
      { name: 'Cookie', value: 'JSESSIONID=token-4; lang=token-5' },
      { name: 'Referer', value: 'https://crm.example.test/contacts/phone-1?name=name-1' },
      { name: 'X-Customer-Email', value: 'email-1' },
    ]);
    expect(entries[0]!['response']['headers']).toEqual([
      { name: 'Set-Cookie', value: 'JSESSIONID=token-6; Path=/; Secure; HttpOnly' },
    ]);
    // The outdial to the Icelandic number, spelled nationally in the body, E.164 in the error.
    const outdial = entries.find((e) => e['request']['url'] === 'https://api.wxcc-us1.cisco.com/v1/tasks')!;
    expect(JSON.parse(outdial['request']['postData']['text'])).toMatchObject({
      destination: 'phone-2',
      attributes: { customerName: 'name-1', email: 'email-1', note: expect.stringMatching(/^text-\d+$/) },
    });
    const socket = entries.find((e) => e['_resourceType'] === 'websocket')!;
    const messages = (socket['_webSocketMessages'] as Json[]).map((m) => m['data'] as string);
    const reserved = messages
      .filter((m) => m.includes('AgentContactReserved'))
      .map((m) => JSON.parse(m).data.interaction);
    const [call, callback] = reserved.map((interaction: Json) => [
      interaction.callProcessingDetails.ani,
      interaction.callProcessingDetails.ANI_URI,
      interaction.callProcessingDetails.customerName,
      Object.keys(interaction.participants)[0],
      Object.values(interaction.participants as Json)[0].dn,
      Object.values(interaction.media as Json)[0].participants,
      interaction.callAssociatedData.callerName.value,
      interaction.callAssociatedData.callbackEmail.value,
      interaction.callAssociatedData.callbackNumber.value,
      interaction.callAssociatedData.otherPhone.value,
      interaction.callAssociatedDetails,
      interaction.callAssociatedData.crmContactId.value,
      interaction.callAssociatedData.callId.value === interaction.interactionId,
    ]);
    // The caller keyed by its national number, its SIP URI, the tel: URI of a CAD variable: phone-1.
    expect(call).toEqual([
      'phone-1',
      'phone-1',
      'name-1',
      'phone-1',
      'phone-1',
      ['phone-1'],
      'name-1',
      'email-1',
      'phone-1',
      'phone-2',
      { customerEmail: 'email-1', dn: 'phone-1', crmContactId: KEPT.crmContactId },
      // A CAD value that is a UUID stays: a record's id, the call's own id.
      KEPT.crmContactId,
      true,
    ]);
    // The callback keyed by the 7-digit national part of +354 581 2967: phone-2, as in the outdial.
    expect(callback!.slice(0, 6)).toEqual(['phone-2', 'phone-2', 'name-1', 'phone-2', 'phone-2', ['phone-2']]);
    // The frames whose JSON breaks: the members after the break are judged by their keys, and the
    // rest of the note after its stray quote by the note's.
    expect(messages.filter((m) => m.includes('AgentContactUpdated') || m.startsWith('42'))).toEqual([
      expect.stringMatching(
        /"crmNote":"text-\d+"text-\d+","customerName":"name-2","fromAddress":"email-1","altNumber":"phone-2"}}}}$/,
      ),
      expect.stringMatching(/"callProcessingDetails":\{"customerName":"name-3$/),
      '42["screenpop",{"customerName":"name-2","phone":"phone-2"},"lookup q=email-1&ani=phone-1&who=name-1&tel=phone-1; filed as name-1"]',
    ]);
    // The caller, the DNIS, the UK and the Icelandic numbers; the name, the alias and its cut.
    expect(pseudonyms.counts()).toMatchObject({ phone: 4, email: 1, name: 3 });
  });

  it('a free text with the name right before the number reads "name-1 phone-1" (no pseudonym is run into a number)', () => {
    const note: Frame = {
      seq: frames.length + 1,
      t: frames.at(-1)!.t + 1,
      socket: 'ws-1',
      dir: 'in',
      kind: 'error',
      size: 0,
      data: `${PERSON.name} ${PERSON.national}`,
    };
    const out = redactFrames([...frames, note]).frames.at(-1)!;
    expect(out.data).toBe('name-1 phone-1');
    expect(leaks(out.data!)).toEqual([]);
  });

  it("the worker's error: an encoded query and a name family name first, in free text, read as the values they spell", () => {
    const { frames: out } = redactFrames(frames);
    const error = out.find((f) => f.kind === 'error')!;
    expect(error.data).toBe(
      'Uncaught TypeError: no CRM record for email-1 (phone-1, name-2) at https://crm.example.test/api/search?name=name-1&mail=email-1. Last query: lookup q=email-1&ani=phone-1&who=name-1&tel=phone-1; filed as name-1',
    );
  });

  it('a kind of frame added later (REST calls: URL, method, request body as fields) is redacted by default', () => {
    const p = PERSON;
    // Not a kind the Frame type has yet: what another layer may add, with fields of its own.
    const rest = {
      seq: frames.length + 1,
      t: frames.at(-1)!.t + 1,
      socket: 'http',
      dir: 'out',
      kind: 'http',
      size: 10,
      url: `https://crm.example.test/api/customers?ani=${p.national}&q=${encodeURIComponent(p.name)}`,
      data: JSON.stringify({ customer: { fullName: p.name, address: p.address }, note: p.story }),
      request: {
        method: 'POST',
        url: `https://crm.example.test/orders/${p.order}`,
        body: `order ${p.order} for ${p.email}`,
      },
      response: { status: 200, body: 'Dear Maribel Quintero-Oyelaran, your refund is on its way' },
    } as unknown as Frame;
    const { frames: out } = redactFrames([...frames, rest]);
    const redacted = out.at(-1)!;
    expect(leaks(JSON.stringify(redacted))).toEqual([]);
    expect((redacted as unknown as { request: { method: string } }).request.method).toBe('POST');
  });

  it('the panel and viewer exports (exportCapture), both formats', () => {
    for (const format of ['capture', 'har'] as const) {
      const file = exportCapture({ frames, format, redact: true, source: META.source, createdAt: META.createdAt });
      expect(file.name).toMatch(/-redacted\./);
      expect(leaks(file.text), format).toEqual([]);
      expect(kept(file.text), format).toBe(kept(writeCaptureFile(frames, META)));
      const binary = read(file.text).frames.find((f) => f.kind === 'binary')!;
      expect([binary.size, binary.data]).toEqual([PERSON.binary.length, BINARY_REDACTED]);
    }
  });

  it('the analysis of the redacted capture is the original with pseudonyms substituted (where JSON breaks moves with them)', () => {
    const { frames: out, pseudonyms } = redactFrames(frames);
    const before = analyzeFrames(frames, 'capture');
    const after = analyzeFrames(out, 'capture');
    expect(
      onlyPseudonymsDiffer(withoutBreakOffsets(before), withoutBreakOffsets(after), pseudonyms.toMap()),
    ).toBeUndefined();
    // The JSON still breaks in the same frames, at the same character, a pseudonym's length away.
    const breaks = (report: typeof before) =>
      report.findings.filter((f) => f.code === 'invalid-json').map((f) => f.seq);
    expect(breaks(after)).toEqual(breaks(before));
    expect(breaks(before)).toHaveLength(3);
    const har = corpusHar(frames);
    const original = read(JSON.stringify(har));
    const redacted = redactHar(har);
    expect(
      onlyPseudonymsDiffer(
        withoutBreakOffsets(analyzeFrames(original.frames, 'har')),
        withoutBreakOffsets(analyzeFrames(read(JSON.stringify(redacted.har)).frames, 'har')),
        redacted.pseudonyms.toMap(),
      ),
    ).toBeUndefined();
  });
});

describe('wxcc-inspector redact: the corpus in every combination of input and output format', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'wxcc-corpus-'));
    await writeFile(path.join(dir, 'in.wxcc.json'), writeCaptureFile(corpusFrames(), META));
    await writeFile(path.join(dir, 'in.har'), JSON.stringify(corpusHar(), null, 2));
  });

  for (const [input, output] of [
    ['in.wxcc.json', 'out1.wxcc.json'],
    ['in.wxcc.json', 'out2.har'],
    ['in.har', 'out3.har'],
    ['in.har', 'out4.wxcc.json'],
  ] as const) {
    it(`${input} → ${output}, and what analyze prints of it`, async () => {
      const { status, out, err } = await runCli('redact', path.join(dir, input), path.join(dir, output));
      expect(err).toBe('');
      expect(status).toBe(0);
      expect([leaks(out), credentialLeaks(out)]).toEqual([[], []]);
      const text = await readFile(path.join(dir, output), 'utf8');
      expect([leaks(text), credentialLeaks(text)]).toEqual([[], []]);
      expect(kept(text)).toBe(kept(await readFile(path.join(dir, input), 'utf8')));
      expect(read(text).meta.redacted).toBe(true);
      // Redacted again, the file is the same: every pseudonym is kept as it is, none is merged.
      const again = path.join(dir, `again-${output}`);
      const second = await runCli('redact', path.join(dir, output), again);
      expect([second.status, second.err]).toEqual([0, '']);
      expect(second.out).toBe(
        `wrote ${again}: ${output.endsWith('.har') ? 'HAR' : 'capture (*.wxcc.json)'}, ${read(text).frames.length} frames, redacted: 0 phone numbers, 0 e-mail addresses, 0 names, 0 other values, 0 texts, 0 tokens or cookies replaced by pseudonyms\n`,
      );
      // (A HAR is written in the layout of the HAR writer it went through: compared as JSON.)
      expect(JSON.parse(await readFile(again, 'utf8'))).toEqual(JSON.parse(text));
      // The report of the redacted file, in every form the CLI prints it.
      for (const args of [[], ['--json'], ['--interaction', 'c0ffee00-0000-4000-8000-0000000000a2']]) {
        const report = await runCli('analyze', ...args, path.join(dir, output));
        expect([report.status, report.err]).toEqual([0, '']);
        expect([leaks(report.out), credentialLeaks(report.out)], args.join(' ')).toEqual([[], []]);
      }
    });
  }
});
