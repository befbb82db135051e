import { describe, expect, it } from 'vitest';
import {
  cleanCredentialText,
  cleanCredentialUrl,
  cleanSocketCredentials,
  isCredentialName,
} from '../../../src/frame/credentials';
import { cloneJsonNatives, cloneToJson } from '../../../src/capture/page/clone-json';

describe('credential names', () => {
  it('are tokens, secrets, passwords, authorization, cookies, session ids and API keys, in any spelling', () => {
    for (const name of [
      'token',
      'access_token',
      'sessionToken',
      'session_token',
      'idToken',
      'csrfToken',
      'x-auth-token',
      'client_secret',
      'password',
      'passwd',
      'pwd',
      'Authorization',
      'cookie',
      'Set-Cookie',
      'sessionId',
      'session_id',
      'JSESSIONID',
      'sid',
      'apiKey',
      'api_key',
      'x-api-key',
      'jwt',
      'auth',
      'credentials',
    ])
      expect(isCredentialName(name), name).toBe(true);
    // WxCC's own identifiers and an error's code stay.
    for (const name of [
      'agentSessionId',
      'trackingId',
      'interactionId',
      'mediaResourceId',
      'code',
      'message',
      'author',
    ])
      expect(isCredentialName(name), name).toBe(false);
  });
});

describe('cleanCredentialUrl', () => {
  it('removes user info and credential-named query and fragment values, nothing else', () => {
    expect(
      cleanCredentialUrl(
        'https://user:pw@api.wxcc-us1.cisco.com/v1/tasks/a/hold?access_token=abc.def&x=1&sessionToken=s1&code=oauth#id_token=j',
      ),
    ).toBe(
      'https://api.wxcc-us1.cisco.com/v1/tasks/a/hold?access_token=(removed)&x=1&sessionToken=(removed)&code=(removed)#id_token=(removed)',
    );
    expect(cleanCredentialUrl('https://api.wxcc-us1.cisco.com/v1/tasks/a/hold')).toBe(
      'https://api.wxcc-us1.cisco.com/v1/tasks/a/hold',
    );
    expect(cleanCredentialUrl('/v1/agents/session/state?agentSessionId=42')).toBe(
      '/v1/agents/session/state?agentSessionId=42',
    );
  });
});

describe('cleanCredentialText', () => {
  it('drops the value of a credential member whatever its type, at any depth, keeping the rest byte for byte', () => {
    const body =
      '{"message":"bad", "sessionToken":"s-1","apiKey":42,"nested":{"refresh_token":{"a":[1,"}"]},"ok":true},' +
      '"password":null,"auth":false,"tokens":["t1","t2"],"code":401,"header":"Bearer abc.def"}';
    expect(cleanCredentialText(body)).toBe(
      '{"message":"bad", "sessionToken":"(removed)","apiKey":"(removed)","nested":{"refresh_token":"(removed)","ok":true},' +
        '"password":"(removed)","auth":"(removed)","tokens":"(removed)","code":401,"header":"(removed)"}',
    );
  });

  it('keeps bodies without credentials as they are, and cleans a form body and malformed JSON', () => {
    const hold = '{"mediaResourceId":"c0ffee00-0000-4000-8000-0000000000a1"}';
    expect(cleanCredentialText(hold)).toBe(hold);
    expect(cleanCredentialText('grant_type=refresh&refresh_token=r1&client_secret=s')).toBe(
      'grant_type=refresh&refresh_token=(removed)&client_secret=(removed)',
    );
    expect(cleanCredentialText('{"access_token":"unterminated')).toBe('{"access_token":"(removed)"');
    expect(cleanCredentialText('{"token" : 12345 }')).toBe('{"token" : "(removed)" }');
    expect(cleanCredentialText('')).toBe('');
  });
});

describe('cleanSocketCredentials', () => {
  it('drops tokens a socket or worker message carries, also inside JSON held in a string', () => {
    const mercury = '{"id":"m1","type":"authorization","data":{"token":"Bearer mercury-token-99"}}';
    expect(cleanSocketCredentials(mercury)).toBe('{"id":"m1","type":"authorization","data":{"token":"(removed)"}}');
    const relayed = JSON.stringify({ type: 'update_access_token', data: { message: mercury, accessToken: 'at-1' } });
    expect(JSON.parse(cleanSocketCredentials(relayed))).toEqual({
      type: 'update_access_token',
      data: { message: '{"id":"m1","type":"authorization","data":{"token":"(removed)"}}', accessToken: '(removed)' },
    });
    expect(cleanSocketCredentials('auth=1&apiKey=k-2')).toBe('auth=1&apiKey=(removed)');
    // What the worker tap already marked (clone-json.ts) stays as it marked it.
    const tapped = '{"type":"start","data":{"accessToken":{"$type":"redacted"}}}';
    expect(cleanSocketCredentials(tapped)).toBe(tapped);
  });

  it('drops credentials written anywhere inside a text: after Bearer or Authorization:, a JWT, …token=, a query code=', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYXJpYmVsIn0.c2lnbmF0dXJlc2lnbmF0dXJl';
    expect(
      cleanSocketCredentials(
        JSON.stringify({ note: `Authorization: Bearer SECRETBEARER789 and ${jwt}`, ok: 'a Bearer of bad news' }),
      ),
    ).toBe('{"note":"Authorization: Bearer (removed) and (removed)","ok":"a Bearer of bad news"}');
    expect(
      cleanSocketCredentials(
        'log: authorisation: Basic QUJDREVGOjEyMzQ1Ng== then id_token=ID.TOK-1&x=1; see https://idp.example/cb?code=OAUTH-CODE-1&state=s',
      ),
    ).toBe(
      'log: authorisation: Basic (removed) then id_token=(removed)&x=1; see https://idp.example/cb?code=(removed)&state=s',
    );
    // Inside JSON held in a string (a worker relaying a frame): escapes end the token.
    const relayed = JSON.stringify({ message: JSON.stringify({ note: `retry with access_token=AT-1 "${jwt}"` }) });
    expect(JSON.parse(JSON.parse(cleanSocketCredentials(relayed)).message)).toEqual({
      note: 'retry with access_token=(removed) "(removed)"',
    });
    // A log line: the token and the cookie line go, every word around them stays.
    expect(
      cleanSocketCredentials('plain text: user bob access_token=SECRETQS1 password=hunter2 Cookie: sess=C9; a=b'),
    ).toBe('plain text: user bob access_token=(removed) password=(removed) Cookie: (removed)');
    // A REST body (the HTTP tap, a HAR's REST calls) is cleaned the same way.
    expect(cleanCredentialText('{"error":{"message":["expired: Bearer SECRET-REST-1 for eyJabcde.fghij.kl"]}}')).toBe(
      '{"error":{"message":["expired: Bearer (removed) for (removed)"]}}',
    );
    // Already removed stays as it is; a cleaned message is cleaned again to itself.
    const once = cleanSocketCredentials(`Authorization: Bearer SECRETBEARER789 ${jwt}`);
    expect(cleanSocketCredentials(once)).toBe(once);
  });

  it('keeps what only looks like a credential: an error code, short words after Bearer, "authorization" in prose', () => {
    for (const text of [
      '{"code":401,"message":"error code=500"}',
      '{"note":"the Bearer token expired"}',
      '{"reason":"authorization failed for queue"}',
      '{"eyJ":"a.b.c"}',
    ])
      expect(cleanSocketCredentials(text)).toBe(text);
  });

  it('cleans hostile messages exactly (their scan is forward-only: tmp benchmarks in the commit, not a time limit here)', () => {
    const blanks = ' '.repeat(200_000);
    expect(cleanSocketCredentials(`Bearer${blanks}`)).toBe(`Bearer${blanks}`);
    expect(cleanSocketCredentials(`Authorization:${blanks}x`)).toBe(`Authorization:${blanks}x`);
    const dashes = `${'a-'.repeat(100_000)}token`;
    expect(cleanSocketCredentials(dashes)).toBe(dashes);
    const dots = `eyJ${'a.'.repeat(100_000)}`;
    expect(cleanSocketCredentials(dots)).toBe(dots);
    // A form body: the first `token=` is the parameter, the rest its value.
    expect(cleanCredentialText('token='.repeat(4))).toBe('token=(removed)');
  });

  it("keeps WxCC's own ids (sessionId, agentSessionId) and every message without a credential, as the same string", () => {
    const event =
      '{"type":"RoutingMessage","data":{"agentSessionId":"a-1","participants":{"p":{"sessionId":"5e55","name":"Ann"}}}}';
    expect(cleanSocketCredentials(event)).toBe(event);
    for (const text of ['{"keepalive":"true"}', 'not json at all', '{"message":"{\\"a\\":1}"}'])
      expect(cleanSocketCredentials(text)).toBe(text);
  });
});

/*
 * A review's attack on the bearer rules (2026-12-01): each value below reached a record, whole or
 * in part, under a narrower rule. Every path must remove it: a socket message and a REST body
 * (the hub's and the page's text cleaners), and a worker message (the page's clone, then the hub).
 */
describe('bearer credentials of every shape', () => {
  const T = 'k9Xz3QpLmW7aRt5Yb';
  const whole = [
    'Bearer abc123 expired',
    'Bearer 00D5g000004Eab1!AQ4AQKx7pV2Lm.9sTqWzR3 expired',
    'Bearer v1:SEKRITabcdefgh x',
    `Bearer ${T}/Rt5Yb+Nc8Vd2Ef4Gh== rejected (401)`,
    `Bearer\u00a0${T} expired`,
    `Bearer\u3000${T} x`,
    `Bearer \t${T} x`,
    `Bearer \n${T}\n(expires 3600)`,
    `Bearer\t${T}`,
    `Bearer\n${T}`,
    `Bearer: ${T}`,
    `bearer ${T}`,
    `BEARER ${T}`,
    `Bearer "${T}" x`,
    `Bearer ${T} k2`,
    'Bearer of bad news',
  ];

  it('a string starting with the word Bearer goes whole, whatever follows it', () => {
    for (const value of whole) {
      const json = JSON.stringify({ note: value });
      expect(cleanSocketCredentials(json), value).toBe('{"note":"(removed)"}');
      expect(cleanCredentialText(json), value).toBe('{"note":"(removed)"}');
    }
    // Words that only begin like it stay.
    for (const kept of ['Bearers of gifts', 'bearer_id 7'])
      expect(cleanSocketCredentials(JSON.stringify({ note: kept }))).toBe(JSON.stringify({ note: kept }));
  });

  it('inside a text, the token after Bearer or Authorization goes, whatever separates it or is in it', () => {
    const cases: [string, string][] = [
      [`401 for Bearer\u00a0${T} at 09:00`, '401 for Bearer\u00a0(removed) at 09:00'],
      [`401 for Bearer\t${T}`, '401 for Bearer\t(removed)'],
      [`401 for Bearer: ${T}`, '401 for Bearer: (removed)'],
      ['sf Bearer 00D5g000004Eab1!AQ4AQKx7pV2Lm.9sTqWzR3 expired', 'sf Bearer (removed) expired'],
      [`Authorization: Bearer 00D5g000004Eab1!AQ4AQKx7pV2Lm%2F9sTq`, 'Authorization: Bearer (removed)'],
      [`Authorization:\tBearer\t${T}`, 'Authorization:\tBearer\t(removed)'],
    ];
    for (const [text, cleaned] of cases) {
      expect(JSON.parse(cleanSocketCredentials(JSON.stringify({ note: text }))).note, text).toBe(cleaned);
      expect(JSON.parse(cleanCredentialText(JSON.stringify({ note: text }))).note, text).toBe(cleaned);
    }
    // A server that escapes slashes: the token goes whole, past its `\/`.
    expect(cleanSocketCredentials(`{"error":"rejected Bearer k9Xz3QpLmW7a\\/Rt5Yb+Nc8Vd2Ef4Gh== (401)"}`)).toBe(
      '{"error":"rejected Bearer (removed) (401)"}',
    );
    // Raw JSON with an escaped space after Bearer.
    expect(cleanSocketCredentials(`{"note":"x Bearer\\u0020${T}"}`)).toBe('{"note":"x Bearer\\u0020(removed)"}');
  });

  it('a worker message: the page takes each such string for a credential, and the hub leaves nothing of it', () => {
    const natives = cloneJsonNatives(globalThis as unknown as Window & typeof globalThis);
    for (const value of whole) {
      const text = cloneToJson({ note: value }, natives);
      expect(JSON.parse(text).note, value).toEqual({ $type: 'redacted' });
      expect(cleanSocketCredentials(text)).toBe(text);
    }
  });
});
