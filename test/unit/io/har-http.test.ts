import { describe, expect, it } from 'vitest';
import { parseCaptureFile, readHar, redactFrames, writeCaptureFile, writeHar } from '../../../src/io';
import { buildReport, Session } from '../../../src/model';

const ID = 'c0ffee00-0000-4000-8000-0000000000a1';
const SECRET = 'Bearer eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXNpbS10b2tlbg.c2ln';
const start = Date.parse('2026-01-05T09:00:00.000Z');
const iso = (ms: number) => new Date(start + ms).toISOString();

function entry(ms: number, method: string, url: string, status: number, extra: Record<string, unknown> = {}) {
  return {
    startedDateTime: iso(ms),
    time: 40,
    request: {
      method,
      url,
      headers: [
        { name: 'Authorization', value: SECRET },
        { name: 'Cookie', value: 'session=s3cret-cookie' },
        { name: 'trackingid', value: 'webex-js-sdk_1_1' },
      ],
      postData: { mimeType: 'application/json', text: JSON.stringify({ mediaResourceId: ID, ani: '+14155550100' }) },
    },
    response: {
      status,
      headers: [{ name: 'Set-Cookie', value: 'session=s3cret-cookie' }],
      content: { mimeType: 'application/json', size: 30, text: '{"message":"server error"}' },
    },
    ...extra,
  };
}

function frameText(type: string): string {
  return JSON.stringify({
    type: 'RoutingMessage',
    data: { type, interactionId: ID, eventTime: start, trackingId: 'webex-js-sdk_1_1' },
  });
}

/** A Chrome HAR: the socket entry first (its messages later in time), then the REST calls. */
const har = {
  log: {
    version: '1.2',
    creator: { name: 'WebInspector', version: '537.36' },
    pages: [],
    entries: [
      {
        startedDateTime: iso(0),
        time: 1,
        request: { method: 'GET', url: 'wss://api.wxcc-us1.cisco.com/v1/notification/subscription/x', headers: [] },
        response: { status: 101, headers: [], content: { size: 0 } },
        _resourceType: 'websocket',
        _webSocketMessages: [
          { type: 'receive', time: (start + 100) / 1000, opcode: 1, data: '{"keepalive":"true"}' },
          { type: 'receive', time: (start + 1300) / 1000, opcode: 1, data: frameText('AgentContactHeld') },
        ],
      },
      entry(1000, 'POST', `https://api.wxcc-us1.cisco.com/v1/tasks/${ID}/hold`, 202),
      entry(2000, 'PUT', 'https://api.wxcc-us1.cisco.com/v1/agents/session/state', 500),
      entry(500, 'GET', 'https://desktop.wxcc-us1.cisco.com/app.js', 200),
      entry(3000, 'POST', `https://api.wxcc-us1.cisco.com/v1/tasks/${ID}/end`, 0, {
        response: { status: 0, headers: [], content: { size: 0 }, _error: 'net::ERR_CONNECTION_RESET' },
      }),
    ],
  },
};

describe('WxCC API requests in a Chrome HAR', () => {
  const read = readHar(structuredClone(har));

  it("become request and response frames in time order among the socket's, never with a credential", () => {
    expect(read.frames.map((f) => `${f.seq} ${f.socket} ${f.kind}`)).toEqual([
      '1 ws-1 open',
      '2 ws-1 text',
      '3 http-1 request',
      '4 http-1 response',
      '5 ws-1 text',
      '6 http-2 request',
      '7 http-2 response',
      '8 http-3 request',
      '9 http-3 response',
    ]);
    expect(read.frames[2]).toMatchObject({
      dir: 'out',
      url: `https://api.wxcc-us1.cisco.com/v1/tasks/${ID}/hold`,
      http: { method: 'POST', trackingId: 'webex-js-sdk_1_1', api: 'har' },
      t: start + 1000,
    });
    // A 202's body is not kept; a JSON error body is.
    expect(read.frames[3]!.data).toBeUndefined();
    expect(read.frames[6]).toMatchObject({ http: { status: 500 }, data: '{"message":"server error"}' });
    expect(read.frames[8]).toMatchObject({ http: { status: 0, error: 'net::ERR_CONNECTION_RESET' } });
    const text = JSON.stringify(read.frames);
    expect(text).not.toContain('eyJhbGciOiJIUzI1NiJ9');
    expect(text).not.toContain('s3cret-cookie');
  });

  it('one that cannot be placed in time is named by the notice, not counted as left out', () => {
    const broken = structuredClone(har);
    const calls = broken.log.entries as Record<string, unknown>[];
    calls[1]!['startedDateTime'] = 'yesterday';
    (calls[2]!['request'] as Record<string, unknown>)['method'] = 7;
    const result = readHar(broken);
    expect(result.leftOut).toBe(1);
    expect(result.unreadableCalls).toBe(2);
    // The frames' source records both, for any file written from them.
    expect(result.meta.source).toMatchObject({ leftOut: 1, unreadableCalls: 2 });
    expect(result.added).toBe(1);
    expect(result.frames.map((f) => `${f.seq} ${f.socket} ${f.kind}`)).toEqual([
      '1 ws-1 open',
      '2 ws-1 text',
      '3 ws-1 text',
      '4 http-1 request',
      '5 http-1 response',
      '6 capture notice',
    ]);
    expect(result.frames.at(-1)!.data).toBe(
      '2 WxCC API calls could not be read (no valid startedDateTime or request method), so they are not shown: log.entries[1], log.entries[2]',
    );
  });

  it('beside binary messages that are not base64: a notice of its own, whole (a finding keeps 300 characters)', () => {
    const broken = structuredClone(har);
    const calls = broken.log.entries as Record<string, unknown>[];
    calls[1]!['startedDateTime'] = 'yesterday';
    const messages = calls[0]!['_webSocketMessages'] as Record<string, unknown>[];
    for (let i = 0; i < 6; i++)
      messages.push({ type: 'receive', time: (start + 1400 + i) / 1000, opcode: 2, data: 'AAEC%%%' });
    const result = readHar(broken);
    expect(result.added).toBe(2);
    const notices = result.frames.filter((f) => f.kind === 'notice').map((f) => f.data);
    expect(notices).toHaveLength(2);
    expect(notices[0]).toMatch(/^6 binary messages were not base64/);
    expect(notices[1]).toBe(
      '1 WxCC API call could not be read (no valid startedDateTime or request method), so it is not shown: log.entries[1]',
    );
    const session = new Session();
    for (const frame of result.frames) session.ingest(frame);
    session.finish();
    const said = buildReport(session, { kind: 'har', frames: result.frames.length }).findings.map((f) => f.message);
    expect(said.some((m) => m.startsWith('1 WxCC API call could not be read'))).toBe(true);
  });

  it('are joined to their results: the report says what each request did', () => {
    const session = new Session();
    for (const frame of read.frames) session.ingest(frame);
    session.finish();
    const report = buildReport(session, { kind: 'har', frames: read.frames.length });
    expect(report.requests.map((r) => [r.operation, r.outcome, r.ackMs, r.latencyMs, r.resultType])).toEqual([
      ['hold', 'succeeded', 40, 300, 'AgentContactHeld'],
      ['state-change', 'http-error', 40, null, null],
      ['end', 'http-error', 40, null, null],
    ]);
    expect(report.requests[0]!.trackingConfirmed).toBe(true);
  });

  it('are kept by the capture file and our HAR, and redacted like payloads', () => {
    const meta = { createdAt: start, source: { kind: 'har' as const }, redacted: false };
    expect(parseCaptureFile(JSON.parse(writeCaptureFile(read.frames, meta))).frames).toStrictEqual(read.frames);
    expect(readHar(JSON.parse(writeHar(read.frames, meta))).frames).toStrictEqual(read.frames);
    const redacted = redactFrames(read.frames).frames;
    const text = JSON.stringify(redacted);
    expect(text).not.toContain('+14155550100');
    expect(text).toContain('phone-1');
    expect(redacted[2]!.url).toBe(read.frames[2]!.url);
    // The REST call's own facts stay what they were: a redacted capture still validates and joins.
    expect(redacted.map((f) => f.http)).toEqual(read.frames.map((f) => f.http));
    expect(parseCaptureFile(JSON.parse(writeCaptureFile(redacted, meta))).frames).toStrictEqual(redacted);
  });

  it('in a URL, tokens are redacted: removed on import, and what the import removed stays removed', () => {
    const frames = readHar({
      log: {
        entries: [
          har.log.entries[0],
          entry(10, 'POST', `https://api.wxcc-us1.cisco.com/v1/tasks/${ID}/hold?access_token=abc.def.ghi`, 202),
        ],
      },
    }).frames;
    const request = frames.find((f) => f.kind === 'request')!;
    const removed = `https://api.wxcc-us1.cisco.com/v1/tasks/${ID}/hold?access_token=(removed)`;
    expect(request.url).toBe(removed);
    expect(redactFrames(frames).frames.find((f) => f.kind === 'request')!.url).toBe(removed);
    // A token the import did not see (a frame written by another tool) becomes a pseudonym.
    const raw = { ...request, url: `https://api.wxcc-us1.cisco.com/v1/tasks/${ID}/hold?access_token=abc.def.ghi` };
    expect(redactFrames([raw]).frames[0]!.url).toBe(
      `https://api.wxcc-us1.cisco.com/v1/tasks/${ID}/hold?access_token=token-1`,
    );
  });
});
