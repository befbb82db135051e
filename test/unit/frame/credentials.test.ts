import { describe, expect, it } from 'vitest';
import {
  cleanCredentialText,
  cleanCredentialUrl,
  cleanSocketCredentials,
  isCredentialName,
} from '../../../src/frame/credentials';

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

  it("keeps WxCC's own ids (sessionId, agentSessionId) and every message without a credential, as the same string", () => {
    const event =
      '{"type":"RoutingMessage","data":{"agentSessionId":"a-1","participants":{"p":{"sessionId":"5e55","name":"Ann"}}}}';
    expect(cleanSocketCredentials(event)).toBe(event);
    for (const text of ['{"keepalive":"true"}', 'not json at all', '{"message":"{\\"a\\":1}"}'])
      expect(cleanSocketCredentials(text)).toBe(text);
  });
});
