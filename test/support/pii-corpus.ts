import type { Frame } from '../../src/frame/frame';
import { loadScenario, type Scenario } from '../sim/scenario';
import { chromeWebSocketEntry } from './chrome-har';
import { scenarioFrames } from './scenario-frames';

/*
 * A customer's data planted where contact centers really put it (issue #15: the places a review
 * found leaks in), for the tests that check that no planted value survives redaction in any of
 * its spellings, in any format the product writes. The call is the simulator's
 * `inbound-hold-resume` with the customer changed, so the model reads it like any other call.
 *
 * Built from its own values, not from the redaction code, so the two can disagree.
 */

export const PERSON = {
  name: 'Maribel Quintero-Oyelaran',
  /** The caller: E.164 on the wire. */
  ani: '+14155550123',
  /** Its national spelling, as a CRM writes it. */
  national: '4155550123',
  /** A second number, from a UK CRM, in national format only. */
  ukNumber: '+442079460958',
  ukNational: '020 7946 0958',
  email: 'maribel.q@example-customer.com',
  address: '742 Evergreen Terrace, Springfield',
  account: 'ACCT-99812-7731',
  dob: '1984-03-12',
  order: 'ORD-5512-8890',
  /** What the customer said: a free text with nothing shaped like an identifier. */
  story: 'my parcel never arrived and the courier was rude',
  subject: 'Refund for my damaged parcel',
  /** Bytes of a binary frame: the name and the account number, as a proprietary codec might carry them. */
  binary: 'Maribel|ACCT-99812-7731',
} as const;

/**
 * Credentials planted in the REST calls of the corpus HAR (a query token, a token in a request
 * body, tokens echoed in an error body): none may become a frame, whatever reads the HAR.
 */
export const CREDENTIALS = {
  query: 'cred-query-access-token-5f1e',
  requestBody: 'cred-request-token-77aa',
  responseBody: 'cred-response-access-token-9c0d',
  sessionToken: 'cred-session-token-31b2',
} as const;

/** The planted credentials found in `text`. */
export function credentialLeaks(text: string): string[] {
  return Object.values(CREDENTIALS).filter((value) => text.includes(value));
}

/** Every spelling of every planted value that must not be found in a redacted file. */
export function forbiddenSpellings(): string[] {
  const p = PERSON;
  const texts = [p.name, p.email, p.address, p.account, p.dob, p.order, p.story, p.subject];
  const out = new Set<string>();
  for (const text of texts) {
    out.add(text);
    out.add(JSON.stringify(text).slice(1, -1));
    out.add(encodeURIComponent(text));
    out.add(encodeURIComponent(text).replace(/%20/g, '+'));
  }
  // Parts that identify on their own.
  for (const part of ['Quintero-Oyelaran', 'Quintero', 'Oyelaran', 'maribel.q', 'Evergreen Terrace', '99812-7731'])
    out.add(part);
  // The numbers: E.164, national digits, and the usual separators.
  for (const number of [
    p.ani,
    p.national,
    '14155550123',
    '(415) 555-0123',
    '415-555-0123',
    '415.555.0123',
    '415 555 0123',
    p.ukNumber,
    '442079460958',
    '2079460958',
    p.ukNational,
    '20 7946 0958',
  ])
    out.add(number);
  out.add('%2B14155550123');
  // The binary frame's bytes as the formats carry them: a hex preview, base64.
  const bytes = new TextEncoder().encode(p.binary);
  out.add(hex(bytes).slice(0, 23));
  out.add(Buffer.from(bytes).toString('base64').slice(0, 16));
  return [...out];
}

/** The forbidden spellings found in `text` (case-insensitively), digits also across separators. */
export function leaks(text: string): string[] {
  const lower = text.toLowerCase();
  const found = forbiddenSpellings().filter((s) => lower.includes(s.toLowerCase()));
  // "(415) 555-0123", "415 555 0123" or a JSON-escaped or URL-encoded variant: by digits.
  const digitsOnly = text.replace(/[\s().+\-/]|%20|%2B|\\u002b/gi, '');
  for (const digits of ['4155550123', '2079460958']) if (digitsOnly.includes(digits)) found.push(`digits ${digits}`);
  return [...new Set(found)];
}

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');

type Json = Record<string, any>;

/** The scenario with the customer planted in every place of the issue. */
export function corpusScenario(): Scenario {
  const p = PERSON;
  const base = loadScenario('inbound-hold-resume');
  const scenario = JSON.parse(JSON.stringify(base)) as Scenario;
  scenario.name = 'pii-corpus';
  const text = JSON.stringify(scenario.steps).split('+14155550100').join(p.ani);
  scenario.steps = JSON.parse(text) as Scenario['steps'];
  for (const step of scenario.steps) {
    const data = (step.frame as Json | undefined)?.['data'] as Json | undefined;
    const interaction = data?.['interaction'] as Json | undefined;
    if (!interaction) continue;
    const cpd = interaction['callProcessingDetails'] as Json;
    cpd['customerName'] = p.name;
    // Outside the known customer fields: account, address, date of birth, order, a UK number.
    cpd['customerAccount'] = p.account;
    cpd['billingAddress'] = p.address;
    cpd['crmNote'] = `${p.name}, born ${p.dob}, order ${p.order}, alt. ${p.ukNational}`;
    interaction['callAssociatedData'] = {
      accountNumber: { name: 'accountNumber', displayName: 'Account', value: p.account, type: 'STRING' },
      address: { name: 'address', displayName: 'Address', value: p.address, type: 'STRING' },
    };
    interaction['flowProperties'] = { customerFullName: p.name, dateOfBirth: p.dob, lastOrder: p.order };
    interaction['mediaProperties'] = { subject: p.subject, replyTo: p.email };
    interaction['callFlowParams'] = {
      greeting: {
        name: `Greeting for ${p.name}`,
        qualifier: 'none',
        description: `Callback at ${p.address}`,
        valueDataType: 'string',
        value: p.story,
      },
      ukCallback: {
        name: 'ukCallback',
        qualifier: 'none',
        description: '',
        valueDataType: 'string',
        value: p.ukNumber,
      },
    };
    const participants = interaction['participants'] as Json;
    const customer = participants[p.ani] as Json | undefined;
    if (customer) {
      customer['name'] = p.name;
      // The ANI inside an id.
      customer['deviceCallId'] = `call-${p.ani}`;
    }
  }
  const wrapup = scenario.steps.find((s) => (s.frame as Json | undefined)?.['data']?.['type'] === 'AgentWrapup');
  if (wrapup) (wrapup.frame as Json)['data']['wrapUpNotes'] = `${p.story}; ${p.name} wants a call at ${p.national}`;
  const at = scenario.steps.findIndex((s) => (s.frame as Json | undefined)?.['data']?.['type'] === 'ContactEnded');
  scenario.steps.splice(
    at,
    0,
    {
      delay: 100,
      // A real-time transcript: free text, the customer's words.
      frame: {
        type: 'RoutingMessage',
        data: {
          type: 'RealtimeTranscription',
          eventType: 'RoutingMessage',
          interactionId: 'c0ffee00-0000-4000-8000-0000000000a1',
          transcript: { speaker: 'customer', text: `This is ${p.name}, ${p.story}; mail me at ${p.email}` },
        },
      },
    },
    { delay: 100, binaryHex: Buffer.from(p.binary).toString('hex') },
  );
  return scenario;
}

export function corpusFrames(): Frame[] {
  return scenarioFrames(corpusScenario());
}

/**
 * A Chrome HAR of the corpus call: the socket with its messages, and the REST calls around it
 * that carry the customer in their URL, query and body (protocol doc §7).
 */
export function corpusHar(frames: readonly Frame[] = corpusFrames()): Json {
  const p = PERSON;
  const iso = (t: number) => new Date(t).toISOString();
  const socket = frames.find((f) => f.kind === 'open')!;
  const messages = frames
    .filter((f) => f.socket === socket.socket && (f.kind === 'text' || f.kind === 'binary'))
    .map((f) => ({
      type: f.dir === 'out' ? 'send' : 'receive',
      time: f.t / 1000,
      opcode: f.kind === 'text' ? 1 : 2,
      data: f.kind === 'text' ? f.data! : Buffer.from(p.binary).toString('base64'),
    }));
  const rest = (method: string, url: string, body?: unknown, response?: unknown, status = 200) => ({
    _resourceType: 'fetch',
    startedDateTime: iso(frames[0]!.t + 1000),
    time: 12,
    request: {
      method,
      url,
      httpVersion: 'HTTP/1.1',
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      queryString: [...new URL(url).searchParams].map(([name, value]) => ({ name, value })),
      cookies: [],
      headersSize: -1,
      bodySize: body ? JSON.stringify(body).length : 0,
      ...(body ? { postData: { mimeType: 'application/json', text: JSON.stringify(body) } } : {}),
    },
    response: {
      status,
      statusText: status === 200 ? 'OK' : 'Error',
      httpVersion: 'HTTP/1.1',
      headers: [],
      cookies: [],
      content: { size: 0, mimeType: 'application/json', text: JSON.stringify(response ?? {}) },
      redirectURL: '',
      headersSize: -1,
      bodySize: 0,
    },
    cache: {},
    timings: { send: 0, wait: 10, receive: 2 },
  });
  return {
    log: {
      version: '1.2',
      creator: { name: 'WebInspector', version: '537.36' },
      pages: [{ startedDateTime: iso(frames[0]!.t), id: 'page_1', title: 'https://desktop.wxcc-us1.cisco.com/' }],
      entries: [
        rest(
          'GET',
          `https://crm.example.test/api/lookup?ani=${p.national}&name=${encodeURIComponent(p.name).replace(/%20/g, '+')}`,
          undefined,
          { customer: { fullName: p.name, account: p.account, dob: p.dob, phone: p.national } },
        ),
        rest('POST', 'https://api.wxcc-us1.cisco.com/v1/tasks/c0ffee00-0000-4000-8000-0000000000a1/wrapup', {
          wrapUpReason: 'Resolved',
          notes: `${p.story} (${p.order})`,
          subject: p.subject,
          customer: { name: p.name, email: p.email, address: p.address },
        }),
        // A hold whose token expired: the credentials of CREDENTIALS in the query and both bodies.
        rest(
          'POST',
          `https://api.wxcc-us1.cisco.com/v1/tasks/c0ffee00-0000-4000-8000-0000000000a1/hold?access_token=${CREDENTIALS.query}`,
          { mediaResourceId: 'c0ffee00-0000-4000-8000-0000000000a1', token: CREDENTIALS.requestBody },
          { message: 'token expired', access_token: CREDENTIALS.responseBody, sessionToken: CREDENTIALS.sessionToken },
          401,
        ),
        chromeWebSocketEntry({ url: socket.url ?? '', startedDateTime: iso(socket.t), messages }),
      ],
    },
  };
}
