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
  /** A third number, Icelandic: its national part has 7 digits (shorter than most). */
  shortNumber: '+3545812967',
  shortNational: '581 2967',
  /** A name met only in frames whose JSON breaks (a screen pop cut short, an unescaped quote). */
  alias: 'Mirabelle Quennell',
} as const;

/**
 * Values planted beside the customer's that must stay: a CAD variable (and detail) that is only a
 * UUID names a record, not a person, and is what follows the call across systems (README "Share a
 * capture safely": a value that is a UUID is kept, in a customer field too).
 */
export const KEPT = {
  /** A CRM contact's record id, in CAD and CAD details. */
  crmContactId: '6f2c1a9e-44b0-4c1d-9e8a-0b1c2d3e4f50',
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
  /** The page's address right after its login (a HAR's page title is that address). */
  pageToken: 'cred-page-access-token-e4a9',
  /** The user's token as Webex's Mercury socket sends it, in its first message. */
  socketToken: 'cred-mercury-token-0b7c',
  /** Request headers of the REST calls. */
  authorization: 'cred-authorization-bearer-2d6f',
  cookie: 'cred-cookie-session-81c3',
  setCookie: 'cred-set-cookie-59aa',
  /** Written inside text, in a socket message's note: a bearer token, a JWT's parts, a login's code and token. */
  textBearer: 'cred-text-bearer-4e1a',
  textJwtPayload: 'eyJzdWIiOiJhZ2VudC1jcmVkIn0',
  textJwtSignature: 'cred-text-jwt-sig-6c2d',
  oauthCode: 'cred-oauth-code-3a7b',
  textAccessToken: 'cred-text-access-token-d51c',
  /** Written inside a REST error body's message. */
  restText: 'cred-rest-text-bearer-8f0e',
} as const;

/** A JWT made of the planted parts (its header is any HS256 token's). */
export const TEXT_JWT = `eyJhbGciOiJIUzI1NiJ9.${CREDENTIALS.textJwtPayload}.${CREDENTIALS.textJwtSignature}`;

/** A socket message whose free text holds credentials (a CRM widget logging its login). */
export const CREDENTIAL_NOTE = `Authorization: Bearer ${CREDENTIALS.textBearer} and ${TEXT_JWT}; back from https://idp.example.test/cb?code=${CREDENTIALS.oauthCode}&state=1 with access_token=${CREDENTIALS.textAccessToken}`;

/** The planted credentials found in `text`. */
export function credentialLeaks(text: string): string[] {
  return Object.values(CREDENTIALS).filter((value) => text.includes(value));
}

/** Every spelling of every planted value that must not be found in a redacted file. */
export function forbiddenSpellings(): string[] {
  const p = PERSON;
  const texts = [p.name, p.email, p.address, p.account, p.dob, p.order, p.story, p.subject, p.alias];
  const out = new Set<string>();
  for (const text of texts) {
    out.add(text);
    out.add(JSON.stringify(text).slice(1, -1));
    out.add(encodeURIComponent(text));
    out.add(encodeURIComponent(text).replace(/%20/g, '+'));
  }
  // Parts that identify on their own.
  for (const part of [
    'Quintero-Oyelaran',
    'Quintero',
    'Oyelaran',
    'maribel.q',
    'Evergreen Terrace',
    '99812-7731',
    'Mirabelle',
    'Quennell',
  ])
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
    p.shortNumber,
    '3545812967',
    p.shortNational,
    '5812967',
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
  for (const digits of ['4155550123', '2079460958', '5812967'])
    if (digitsOnly.includes(digits)) found.push(`digits ${digits}`);
  return [...new Set(found)];
}

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');

type Json = Record<string, any>;

/**
 * Free text outside any key (a CRM's log line): the customer percent-encoded (`%40`, `%2B`),
 * form-encoded (`+` for a space) and written family name first.
 */
export const CRM_LOG_LINE = `lookup q=${encodeURIComponent(PERSON.email)}&ani=${encodeURIComponent(PERSON.ani)}&who=${encodeURIComponent(PERSON.name).replace(/%20/g, '+')}&tel=${encodeURIComponent('+1 415 555 0123')}; filed as Quintero-Oyelaran, Maribel`;

const MAIN = 'c0ffee00-0000-4000-8000-0000000000a1';
/** A second call, from the customer's Icelandic number, abandoned while it was offered. */
const CALLBACK = 'c0ffee00-0000-4000-8000-0000000000a2';
const digitsOf = (text: string) => text.replace(/\D/g, '');

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
    // The ANI as the trunk's SIP URI, in a field of its own.
    cpd['ANI_URI'] = `sip:${p.ani}@pstn-gw.example;user=phone`;
    const cad = (name: string, value: string) => ({ name, displayName: name, value, type: 'STRING' });
    interaction['callAssociatedData'] = {
      accountNumber: { name: 'accountNumber', displayName: 'Account', value: p.account, type: 'STRING' },
      address: { name: 'address', displayName: 'Address', value: p.address, type: 'STRING' },
      // The customer again, in CAD variables a flow fills from the CRM: every spelling.
      callerName: cad('callerName', p.name),
      callbackEmail: cad('callbackEmail', p.email),
      callbackNumber: cad('callbackNumber', 'tel:+1-415-555-0123'),
      otherPhone: cad('otherPhone', p.shortNational),
      crmRecord: cad('crmRecord', JSON.stringify({ name: p.name, phone: p.national, mail: p.email })),
      // Ids a flow copies into CAD: the record's UUID and the call's own id; both stay (KEPT).
      crmContactId: cad('crmContactId', KEPT.crmContactId),
      callId: cad('callId', interaction['interactionId'] as string),
    };
    interaction['callAssociatedDetails'] = { customerEmail: p.email, dn: p.national, crmContactId: KEPT.crmContactId };
    interaction['flowProperties'] = {
      customerFullName: p.name,
      dateOfBirth: p.dob,
      lastOrder: p.order,
      // JSON in a string, and JSON in a string of it.
      crmPayload: JSON.stringify({
        customer: { fullName: p.name, phone: p.national, email: p.email },
        extra: JSON.stringify({ born: p.dob, home: p.address }),
      }),
    };
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
    // The customer's participant keyed by the national spelling, as some trunks deliver it (its
    // media leg too), while the CPD has the E.164 number.
    const participants = interaction['participants'] as Json;
    interaction['participants'] = Object.fromEntries(
      Object.entries(participants).map(([key, participant]) =>
        key === p.ani ? [p.national, { ...participant, id: p.national }] : [key, participant],
      ),
    );
    for (const leg of Object.values(interaction['media'] as Json) as Json[])
      leg['participants'] = (leg['participants'] as string[]).map((id) => (id === p.ani ? p.national : id));
    const customer = interaction['participants'][p.national] as Json | undefined;
    if (customer) {
      customer['name'] = p.name;
      customer['dn'] = '(415) 555-0123';
      // The ANI inside an id.
      customer['deviceCallId'] = `call-${p.ani}`;
    }
  }
  const wrapup = scenario.steps.find((s) => (s.frame as Json | undefined)?.['data']?.['type'] === 'AgentWrapup');
  if (wrapup) (wrapup.frame as Json)['data']['wrapUpNotes'] = `${p.story}; ${p.name} wants a call at ${p.national}`;
  const stepOf = (type: string) =>
    scenario.steps.findIndex((s) => (s.frame as Json | undefined)?.['data']?.['type'] === type);
  // The callback: the same customer from the Icelandic number, keyed by its 7-digit national part.
  const callback = (step: Scenario['steps'][number], n: number): Scenario['steps'][number] => {
    const clone = JSON.parse(
      JSON.stringify(step)
        .split(MAIN)
        .join(CALLBACK)
        .split(p.ani)
        .join(p.shortNumber)
        .split(p.national)
        .join(digitsOf(p.shortNational))
        .split('(415) 555-0123')
        .join(p.shortNational),
    ) as Json;
    clone['delay'] = 100;
    clone['frame']['trackingId'] = `notifs_7ac40001-0000-4000-8000-0000000000b${n}`;
    clone['frame']['data']['trackingId'] = `7ac4d000-0000-4000-9000-0000000000b${n}`;
    return clone as Scenario['steps'][number];
  };
  const reserved = stepOf('AgentContactReserved');
  scenario.steps.splice(
    reserved + 1,
    0,
    callback(scenario.steps[reserved]!, 1),
    callback(scenario.steps[stepOf('ContactEnded')]!, 2),
  );
  const at = stepOf('ContactEnded');
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
          interactionId: MAIN,
          transcript: { speaker: 'customer', text: `This is ${p.name}, ${p.story}; mail me at ${p.email}` },
        },
      },
    },
    { delay: 100, binaryHex: Buffer.from(p.binary).toString('hex') },
    // Frames whose JSON breaks, with customer fields after the break: an unescaped quote, a
    // message cut short in the customer's name, socket.io's framing before the JSON, and a
    // gateway that sends the whole message as one JSON string.
    {
      delay: 50,
      raw: `{"type":"RoutingMessage","data":{"type":"AgentContactUpdated","interactionId":"${MAIN}","interaction":{"callProcessingDetails":{"crmNote":"she said "call me on ${p.national}" later","customerName":"${p.alias}","fromAddress":"${p.email}","altNumber":"${p.shortNational}"}}}}`,
    },
    {
      delay: 50,
      raw: `{"type":"RoutingMessage","data":{"type":"AgentContactUpdated","interactionId":"${MAIN}","interaction":{"callProcessingDetails":{"customerName":"${p.alias.slice(0, 12)}`,
    },
    // A CRM's log line after it, outside any key: the customer percent- and form-encoded (as a
    // query is, outside a URL) and the name family name first.
    {
      delay: 50,
      raw: `42["screenpop",{"customerName":"${p.alias}","phone":"${p.shortNational}"},"${CRM_LOG_LINE}"]`,
    },
    {
      delay: 50,
      raw: JSON.stringify(JSON.stringify({ type: 'CrmEvent', data: { customerName: p.alias, email: p.email } })),
    },
  );
  // The socket closes with the customer in its reason (a gateway's words).
  scenario.steps.push({ delay: 200, drop: { code: 4000, reason: `${p.name} hung up (${p.shortNational})` } });
  return scenario;
}

/**
 * The corpus call as a capture holds it: the socket's frames, the page's WxCC REST calls (as the
 * HTTP tap records them: credentials already cleaned), and a worker's error.
 */
export function corpusFrames(): Frame[] {
  const p = PERSON;
  const frames = scenarioFrames(corpusScenario());
  const at = frames.findIndex((f) => f.data?.includes('"AgentContactAssigned"'));
  const t = frames[at]!.t;
  const text = (frame: Omit<Frame, 'seq' | 't' | 'size'>, dt: number): Frame => ({
    seq: 0,
    t: t + dt,
    size: frame.data === undefined ? 0 : Buffer.byteLength(frame.data),
    ...frame,
  });
  const api = 'https://api.wxcc-us1.cisco.com/v1';
  const added: Frame[] = [
    text(
      {
        socket: 'http-1',
        dir: 'out',
        kind: 'request',
        url: `${api}/contacts/${encodeURIComponent(p.ani)}/history?name=${encodeURIComponent(p.name)}&email=${encodeURIComponent(p.email)}`,
        http: { method: 'GET', api: 'xhr' },
      },
      1,
    ),
    text(
      {
        socket: 'http-1',
        dir: 'in',
        kind: 'response',
        http: { status: 404, api: 'xhr' },
        data: JSON.stringify({ error: { key: 404, message: [`No history for ${p.name} (${p.national})`] } }),
      },
      2,
    ),
    text(
      {
        socket: 'http-2',
        dir: 'out',
        kind: 'request',
        url: `${api}/tasks`,
        http: { method: 'POST', api: 'xhr' },
        data: JSON.stringify({
          entryPointId: 'e9e00000-0000-4000-8000-000000000001',
          destination: p.shortNational,
          direction: 'OUTBOUND',
          attributes: { customerName: p.name, email: p.email, note: `callback for ${p.alias}` },
          mediaType: 'telephony',
          outboundType: 'OUTDIAL',
        }),
      },
      3,
    ),
    text(
      {
        socket: 'http-2',
        dir: 'in',
        kind: 'response',
        http: { status: 400, api: 'xhr' },
        data: JSON.stringify({ error: { key: 400, message: [`Destination ${p.shortNumber} is not allowed`] } }),
      },
      4,
    ),
    text(
      {
        socket: 'worker-1',
        channel: 'worker',
        dir: 'out',
        kind: 'open',
        url: 'https://desktop.wxcc-us1.cisco.com/crm-worker.js',
      },
      5,
    ),
    text(
      {
        socket: 'worker-1',
        channel: 'worker',
        dir: 'in',
        kind: 'error',
        data: `Uncaught TypeError: no CRM record for ${p.email} (${p.national}, ${p.alias}) at https://crm.example.test/api/search?name=${encodeURIComponent(p.name)}&mail=${encodeURIComponent(p.email)}. Last query: ${CRM_LOG_LINE}`,
      },
      6,
    ),
  ];
  return [...frames.slice(0, at + 1), ...added, ...frames.slice(at + 1)].map((frame, i) => ({ ...frame, seq: i + 1 }));
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
  // Webex's Mercury socket sends the user's token first; here on the one socket of the HAR.
  messages.unshift({
    type: 'send',
    time: socket.t / 1000,
    opcode: 1,
    data: JSON.stringify({
      id: 'mercury-1',
      type: 'authorization',
      data: { token: `Bearer ${CREDENTIALS.socketToken}` },
    }),
  });
  messages.splice(1, 0, {
    type: 'receive',
    time: socket.t / 1000 + 0.001,
    opcode: 1,
    data: JSON.stringify({ id: 'crm-log-1', type: 'log', data: { note: CREDENTIAL_NOTE } }),
  });
  const body = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
  const rest = (
    method: string,
    url: string,
    sent?: unknown,
    response?: unknown,
    status = 200,
    t = frames[0]!.t + 1000,
  ) => ({
    _resourceType: 'fetch',
    // Chrome's record of the script that made the call: a CRM page's address, the customer in it.
    _initiator: {
      type: 'script',
      stack: {
        callFrames: [
          { functionName: 'lookup', url: `https://crm.example.test/contact.html?name=${encodeURIComponent(p.name)}` },
        ],
      },
    },
    startedDateTime: iso(t),
    time: 12,
    request: {
      method,
      url,
      httpVersion: 'HTTP/1.1',
      // The browser's headers: the agent's credentials, and the CRM page the call came from.
      headers: [
        { name: 'Content-Type', value: 'application/json' },
        { name: 'Authorization', value: `Bearer ${CREDENTIALS.authorization}` },
        { name: 'Cookie', value: `JSESSIONID=${CREDENTIALS.cookie}; lang=en` },
        {
          name: 'Referer',
          value: `https://crm.example.test/contacts/${p.national}?name=${encodeURIComponent(p.name)}`,
        },
        { name: 'X-Customer-Email', value: p.email },
      ],
      queryString: [...new URL(url).searchParams].map(([name, value]) => ({ name, value })),
      cookies: [{ name: 'JSESSIONID', value: CREDENTIALS.cookie, path: '/', httpOnly: true }],
      headersSize: -1,
      bodySize: sent ? body(sent).length : 0,
      ...(sent ? { postData: { mimeType: 'application/json', text: body(sent) } } : {}),
    },
    response: {
      status,
      statusText: status === 200 ? 'OK' : 'Error',
      httpVersion: 'HTTP/1.1',
      headers: [{ name: 'Set-Cookie', value: `JSESSIONID=${CREDENTIALS.setCookie}; Path=/; Secure; HttpOnly` }],
      cookies: [{ name: 'JSESSIONID', value: CREDENTIALS.setCookie }],
      content: { size: 0, mimeType: 'application/json', text: body(response ?? {}) },
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
      // Chrome's page title is the page's address: here, right after the login.
      pages: [
        {
          startedDateTime: iso(frames[0]!.t),
          id: 'page_1',
          title: `https://desktop.wxcc-us1.cisco.com/#access_token=${CREDENTIALS.pageToken}&token_type=Bearer`,
        },
      ],
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
          {
            message: 'token expired',
            hint: `retry with Authorization: Bearer ${CREDENTIALS.restText}`,
            access_token: CREDENTIALS.responseBody,
            sessionToken: CREDENTIALS.sessionToken,
          },
          401,
        ),
        // The capture's REST calls, as the browser saw them.
        ...frames
          .filter((f) => f.kind === 'request')
          .map((request) => {
            const response = frames.find((f) => f.kind === 'response' && f.socket === request.socket)!;
            return rest(
              request.http!.method!,
              request.url!,
              request.data,
              response.data,
              response.http!.status,
              request.t,
            );
          }),
        chromeWebSocketEntry({ url: socket.url ?? '', startedDateTime: iso(socket.t), messages }),
      ],
    },
  };
}
