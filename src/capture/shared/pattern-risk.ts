import { getDomain } from 'tldts';

/**
 * How much a user origin pattern would capture beyond one Agent Desktop. The capture records every
 * WebSocket frame of every matching page, so a pattern that reaches other people's sites records
 * their traffic too.
 * - `all-sites`: refused. `<all_urls>`, a `*` host (`*://*\/*`, `https://*\/*`), or a wildcard over
 *   a public suffix (`*.com`, `*.co.uk`, `*.github.io`: the Public Suffix List, private section
 *   included, via tldts): every site, or every site of a whole top-level domain or hosting service.
 * - `subdomains`: allowed only after the user confirms `message`. `*.example.com` reaches every
 *   site of one organisation, not only its desktop.
 * - `one-host`: no risk beyond the host the user named.
 */
export type PatternRisk =
  | { level: 'one-host' }
  | { level: 'subdomains'; message: string }
  | { level: 'all-sites'; message: string };

export function patternRisk(pattern: string): PatternRisk {
  const text = pattern.trim();
  if (text === '<all_urls>') return { level: 'all-sites', message: allSites(text, 'every site') };
  const host = /^[^:]+:\/\/([^/]*)/.exec(text)?.[1]?.toLowerCase() ?? '';
  if (host === '*' || host === '') return { level: 'all-sites', message: allSites(text, 'every site') };
  if (!host.startsWith('*.')) return { level: 'one-host' };
  const parent = host.slice(2);
  if (parent.includes('*') || getDomain(parent, { allowPrivateDomains: true }) === null) {
    return { level: 'all-sites', message: allSites(text, `every site under .${parent}`) };
  }
  return {
    level: 'subdomains',
    message:
      `${text} captures the WebSocket traffic of every site under ${parent} (www.${parent}, any other ` +
      `subdomain), not only the Agent Desktop. Add it only if every one of them is yours to inspect.`,
  };
}

function allSites(pattern: string, what: string): string {
  return (
    `${pattern} would capture the WebSocket traffic of ${what}, not only the Agent Desktop: refused. ` +
    'Enter the desktop’s own origin, e.g. https://desktop.example.com'
  );
}
