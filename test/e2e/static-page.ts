import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Serves one HTML page from a real loopback server. (A page fulfilled by Playwright's router has
 * no address, so Chromium's local-network checks block its sockets to 127.0.0.1.)
 */
export async function servePage(html: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
