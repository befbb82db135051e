/*
 * Which HTTP requests are calls to the WxCC API (issue 12; protocol doc §1.2, §7): the API gateway
 * `https://api.wxcc-<dc>.cisco.com` and the `*.ciscoccservice.com` hosts the SDK also accepts.
 * Shared by the page's request tap and the HAR reader, so live and file captures pick the same
 * requests.
 */

/** `api.wxcc-<dc>.cisco.com` (any datacenter code) or a `ciscoccservice.com` host. */
export function isWxccApiHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return (
    /^api\.wxcc-[a-z0-9]+\.cisco\.com$/.test(host) ||
    host === 'ciscoccservice.com' ||
    host.endsWith('.ciscoccservice.com')
  );
}

/**
 * Paths of the WxCC API on any host (a lab proxy, the simulator): `/v1/tasks/…`, `/v1/agents/…`,
 * `/v1/notification/…`, also under `/v2/`. Used for the page's own origin when it is not a stock
 * Agent Desktop (an origin the user added, or a test page), and for HAR entries on other hosts.
 */
export const WXCC_API_PATH = /^\/v\d+\/(?:tasks|agents|notification)(?:\/|$)/;
