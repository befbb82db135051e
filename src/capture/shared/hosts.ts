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
 */
export function originToMatchPattern(input: string): { pattern: string } | { error: string } {
  const text = input.trim();
  if (!text) return { error: 'Enter an origin such as https://desktop.example.com' };
  if (/^(https?|\*):\/\/[^/]+\/\*$/.test(text)) return { pattern: text };
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
  return { pattern: `${url.protocol}//${url.hostname}/*` };
}
