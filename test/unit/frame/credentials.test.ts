import { describe, expect, it } from 'vitest';
import { cleanCredentialText, cleanCredentialUrl, isCredentialName } from '../../../src/frame/credentials';

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
