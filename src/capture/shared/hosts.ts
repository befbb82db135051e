import { patternRisk } from './pattern-risk';

/**
 * Where the capture scripts run. A match pattern allows no wildcard inside a host name, so each
 * Agent Desktop datacenter is listed (protocol doc §1.2: us1, eu1, eu2, anz1, ca1, sg1, jp1).
 */
export const AGENT_DESKTOP_DATACENTERS = ['us1', 'eu1', 'eu2', 'anz1', 'ca1', 'sg1', 'jp1'] as const;

export const AGENT_DESKTOP_MATCHES: string[] = AGENT_DESKTOP_DATACENTERS.map(
  (dc) => `https://desktop.wxcc-${dc}.cisco.com/*`,
);

/** Only the `test` build mode (tests and the demo) adds these; store packages never do. */
export const LOCAL_TEST_MATCHES: string[] = ['http://localhost/*', 'http://127.0.0.1/*'];

/**
 * Turns what a user typed in the options page into a match pattern, or explains why it can't.
 * Accepts an origin (`https://desktop.example.com`), a URL on it, or a ready-made pattern.
 * Patterns that would capture every site are refused; a subdomain wildcard comes back with
 * `confirm`, the risk the user must accept before it is added (see pattern-risk.ts).
 */
export function originToMatchPattern(input: string): { pattern: string; confirm?: string } | { error: string } {
  const text = input.trim();
  if (!text) return { error: 'Enter an origin such as https://desktop.example.com' };
  let pattern: string;
  // A wildcard host never goes through URL parsing (browsers escape a `*` in a host name).
  const wildcard = /^(https?|\*):\/\/([^/?#:]*\*[^/?#:]*)(?::\d*)?(?:[/?#].*)?$/.exec(text);
  if (text === '<all_urls>' || /^(https?|\*):\/\/[^/]+\/\*$/.test(text)) pattern = text;
  else if (wildcard) pattern = `${wildcard[1]}://${wildcard[2]}/*`;
  else {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return { error: `"${text}" is not a URL: write it like https://desktop.example.com` };
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return { error: `Only http and https pages can be inspected, not ${url.protocol}` };
    }
    // Match patterns ignore ports: the pattern covers every port of the host.
    pattern = `${url.protocol}//${url.hostname}/*`;
  }
  const risk = patternRisk(pattern);
  if (risk.level === 'all-sites') return { error: risk.message };
  const host = /^[^:]+:\/\/([^/]+)/.exec(pattern)?.[1] ?? '';
  // A match pattern allows `*` only as a whole leading label.
  if (host.slice(host.startsWith('*.') ? 2 : 0).includes('*')) {
    return { error: `"${text}": a * may only stand for whole leading labels, as in https://*.example.com` };
  }
  return risk.level === 'subdomains' ? { pattern, confirm: risk.message } : { pattern };
}
