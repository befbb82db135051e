import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

/*
 * The sockets of a file, as the CLI reports them: every one is `file` (as the viewer tags them,
 * README *Capture modes*), and a socket without a close reads as the panel's status bar says it:
 * open at the end of a capture, close not recorded in a browser's HAR (which records no closes).
 */

const FIELD = 'test/fixtures/field-cases';
const CAPTURE = 'test/fixtures/captures/simulator-session.wxcc.json';
const HAR = 'test/fixtures/har/simulator-session.har';
const URL = 'wss://api.wxcc-us1.cisco.com/v1/notification/subscription/AgentDesktop-';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'wxcc-sockets-'));
});

const socketLines = async (file: string) =>
  (await runCli('analyze', file)).out.split('\n').filter((line) => line.startsWith('Socket '));

const sockets = async (file: string) =>
  (JSON.parse((await runCli('analyze', file, '--json')).out) as { sockets: Record<string, unknown>[] }).sockets.map(
    ({ id, capture, closed, closeRecorded }) => ({ id, capture, closed, closeRecorded }),
  );

describe('analyze: sockets read from a file', () => {
  it('f10, f11, f13 (browser HARs): a socket without a close is "close not recorded", never "still open"', async () => {
    const why = '(a HAR holds no closes: it cannot say whether or when the socket closed)';
    expect(await socketLines(`${FIELD}/f10-multi-login-takeover.har`)).toEqual([
      `Socket ws-1: ${URL}f1000001-aaaa-4bbb-8ccc-000000000000 · opened 09:00:00.000 · close not recorded ${why}`,
    ]);
    expect(await socketLines(`${FIELD}/f11-refresh-while-ringing.har`)).toEqual([
      `Socket ws-1: ${URL}f1100001-aaaa-4bbb-8ccc-000000000000 · opened 09:00:00.000 · close not recorded ${why}`,
      `Socket ws-2: ${URL}f1100002-aaaa-4bbb-8ccc-000000000000 · opened 09:00:13.000 · close not recorded ${why}`,
    ]);
    expect(await socketLines(`${FIELD}/f13-overlapping-sockets-duplicate.har`)).toEqual([
      `Socket ws-1: ${URL}f1300001-aaaa-4bbb-8ccc-000000000000 · opened 09:00:00.000 · close not recorded ${why}`,
      `Socket ws-2: ${URL}f1300002-aaaa-4bbb-8ccc-000000000000 · opened 09:00:30.000 · close not recorded ${why}`,
    ]);
  });

  it('a capture records closes: closed with its code, or open at the end of the capture', async () => {
    const lines = await socketLines(CAPTURE);
    expect(lines.map((line) => line.split(' · ').slice(2).join(' · '))).toEqual([
      'closed 09:00:06.577 code 1006',
      'open at the end of the capture',
    ]);
  });

  it('--json: every socket is `file`, as in the viewer; closeRecorded says whether the file could hold its close', async () => {
    expect(await sockets(HAR)).toEqual([
      { id: 'ws-1', capture: 'file', closed: null, closeRecorded: false },
      { id: 'ws-2', capture: 'file', closed: null, closeRecorded: false },
    ]);
    expect(await sockets(CAPTURE)).toEqual([
      { id: 'ws-1', capture: 'file', closed: 1767603606577, closeRecorded: true },
      { id: 'ws-2', capture: 'file', closed: null, closeRecorded: true },
    ]);
    // Converted to a capture, a browser's HAR still cannot say when its sockets closed.
    const converted = path.join(dir, 'from-har.wxcc.json');
    expect((await runCli('convert', HAR, converted)).status).toBe(0);
    expect(await sockets(converted)).toEqual(await sockets(HAR));
  });
});
