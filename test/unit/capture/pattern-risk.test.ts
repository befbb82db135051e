import { describe, expect, it } from 'vitest';
import { originToMatchPattern } from '../../../src/capture/shared/hosts';
import { patternRisk } from '../../../src/capture/shared/pattern-risk';

describe('what the options page refuses', () => {
  it('refuses every pattern that captures every site', () => {
    for (const input of [
      '<all_urls>',
      '*://*/*',
      'https://*/*',
      'http://*/*',
      'https://*.com/*',
      '*://*.co.uk/*',
      'https://*.com',
      'https://*.github.io/*',
      'https://*.cloudfront.net/*',
      'https://*.*.example.com/*',
    ]) {
      const result = originToMatchPattern(input);
      expect(result, input).toHaveProperty('error');
      expect((result as { error: string }).error, input).toMatch(/would capture the WebSocket traffic of every site/);
    }
  });

  it('names the risk of a subdomain wildcard and asks for confirmation', () => {
    expect(originToMatchPattern('https://*.example.com/*')).toEqual({
      pattern: 'https://*.example.com/*',
      confirm: expect.stringContaining('every site under example.com'),
    });
    expect(originToMatchPattern('https://*.example.com:8443/agent')).toMatchObject({
      pattern: 'https://*.example.com/*',
    });
    expect(originToMatchPattern('https://*.lab.example.co.uk')).toMatchObject({
      pattern: 'https://*.lab.example.co.uk/*',
      confirm: expect.stringContaining('not only the Agent Desktop'),
    });
  });

  it('accepts one host without a question, any scheme form', () => {
    expect(originToMatchPattern('https://desktop.example.com')).toEqual({ pattern: 'https://desktop.example.com/*' });
    expect(originToMatchPattern('*://desktop.example.com/*')).toEqual({ pattern: '*://desktop.example.com/*' });
    expect(originToMatchPattern('http://localhost:8080/x')).toEqual({ pattern: 'http://localhost/*' });
    expect(patternRisk('http://10.0.0.5/*')).toEqual({ level: 'one-host' });
  });

  it('refuses a * inside a host name (not a match pattern)', () => {
    expect(originToMatchPattern('https://desk*.example.com/*')).toEqual({
      error: expect.stringMatching(/whole leading labels/),
    });
  });
});
