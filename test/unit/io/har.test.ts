import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import { cleanSocketCredentials } from '../../../src/frame/credentials';
import type { CaptureMeta } from '../../../src/io/capture-file';
import { FramesFileError } from '../../../src/io/file-error';
import { hexPreview } from '../../../src/frame/hex';
import { parseHexPreview } from '../../../src/frame/hex-bytes';
import { decodeFrame } from '../../../src/protocol/decode-frame';
import { writeCaptureFile } from '../../../src/io/capture-file';
import { NO_WEBSOCKET_MESSAGES, readHar, writeHar, type HarMessage } from '../../../src/io/har';
import { readFramesFile } from '../../../src/io/read-frames-file';
import { chromeMessage, frames as framesArb, meta as metaArb } from './arbitraries';

type Json = Record<string, any>;

const WS1 = 'wss://notifs.wxcc-us1.cisco.com/v1/notification/subscription/AgentDesktop-1';
const WS2 = 'wss://notifs.wxcc-us1.cisco.com/v1/notification/subscription/AgentDesktop-2';

/** A HAR as Chrome writes it (only the fields that matter here, plus a non-WebSocket entry). */
function chromeHar(sockets: { url: string; started: string; messages: unknown[] }[], extraLog: Json = {}): Json {
  return {
    log: {
      version: '1.2',
      creator: { name: 'WebInspector', version: '537.36' },
      pages: [
        {
          startedDateTime: '2026-01-05T09:00:00.000Z',
          id: 'page_1',
          title: 'https://desktop.wxcc-us1.cisco.com/',
          pageTimings: {},
        },
      ],
      entries: [
        {
          _resourceType: 'document',
          request: { method: 'GET', url: 'https://desktop.wxcc-us1.cisco.com/' },
          startedDateTime: '2026-01-05T09:00:00.000Z',
        },
        ...sockets.map((s) => ({
          _resourceType: 'websocket',
          _webSocketMessages: s.messages,
          request: { method: 'GET', url: s.url, headers: [{ name: 'User-Agent', value: 'Chrome/138' }] },
          response: { status: 101 },
          startedDateTime: s.started,
          time: 3.2,
          timings: { send: 0, wait: 3.2, receive: 0 },
        })),
      ],
      ...extraLog,
    },
  };
}

const meta: CaptureMeta = {
  createdAt: 1767603700000,
  source: { kind: 'live', extensionVersion: '0.1.0' },
  redacted: true,
};

function harError(value: unknown): string {
  try {
    readHar(value);
  } catch (e) {
    expect(e).toBeInstanceOf(FramesFileError);
    return (e as Error).message;
  }
  throw new Error('expected readHar to throw');
}

describe('readHar on a HAR from Chrome', () => {
  const bytes = Uint8Array.from({ length: 100 }, (_, i) => (i * 7) & 0xff);
  const har = chromeHar([
    {
      url: WS1,
      started: '2026-01-05T09:00:00.070Z',
      messages: [
        { type: 'send', time: 1767603600.074, opcode: 1, data: '{"keepalive":"true"}' },
        { type: 'receive', time: 1767603600.0765, opcode: 1, data: '{"type":"Welcome","data":{"agentId":"é😀"}}' },
        { type: 'receive', time: 1767603600.08, opcode: 2, data: Buffer.from(bytes).toString('base64') },
        { type: 'error', time: 1767603600.09, opcode: -1, data: 'Invalid frame header' },
      ],
    },
    {
      url: WS2,
      started: '2026-01-05T09:00:07.585Z',
      messages: [{ type: 'receive', time: 1767603607.591, opcode: 1, data: '{}' }],
    },
  ]);

  it('makes each WebSocket entry a socket with an open frame, numbering frames in file order', () => {
    const { frames, extended } = readHar(har);
    expect(extended).toBe(false);
    const hexOf = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join(' ');
    // A browser's HAR does not say how its frames were captured: each is `file` (frame.ts).
    expect(frames).toStrictEqual<Frame[]>([
      {
        seq: 1,
        t: Date.parse('2026-01-05T09:00:00.070Z'),
        socket: 'ws-1',
        url: WS1,
        dir: 'in',
        kind: 'open',
        size: 0,
        source: 'file',
      },
      {
        seq: 2,
        t: 1767603600.074 * 1000,
        socket: 'ws-1',
        dir: 'out',
        kind: 'text',
        size: 20,
        data: '{"keepalive":"true"}',
        source: 'file',
      },
      {
        seq: 3,
        t: 1767603600.0765 * 1000,
        socket: 'ws-1',
        dir: 'in',
        kind: 'text',
        size: 46,
        data: '{"type":"Welcome","data":{"agentId":"é😀"}}',
        source: 'file',
      },
      {
        seq: 4,
        t: 1767603600.08 * 1000,
        socket: 'ws-1',
        dir: 'in',
        kind: 'binary',
        size: 100,
        // The whole payload, not a 64-byte preview: the HAR has it all (HAR → capture → HAR keeps it).
        data: hexOf(bytes),
        source: 'file',
      },
      {
        seq: 5,
        t: 1767603600.09 * 1000,
        socket: 'ws-1',
        dir: 'in',
        kind: 'error',
        size: 0,
        data: 'Invalid frame header',
        source: 'file',
      },
      {
        seq: 6,
        t: Date.parse('2026-01-05T09:00:07.585Z'),
        socket: 'ws-2',
        url: WS2,
        dir: 'in',
        kind: 'open',
        size: 0,
        source: 'file',
      },
      {
        seq: 7,
        t: 1767603607.591 * 1000,
        socket: 'ws-2',
        dir: 'in',
        kind: 'text',
        size: 2,
        data: '{}',
        source: 'file',
      },
    ]);
  });

  it("cleans credentials out of a socket's handshake URL, as out of a REST call's", () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';
    const { frames } = readHar(
      chromeHar([
        {
          url: `wss://user:pw@api.wxcc-us1.cisco.com/v1/notification/subscription/x?access_token=SECRET1&jwt=${jwt}&keep=1`,
          started: '2026-01-05T09:00:00.070Z',
          messages: [{ type: 'receive', time: 1767603600.08, opcode: 1, data: '{}' }],
        },
      ]),
    );
    expect(frames[0]!.url).toBe(
      'wss://api.wxcc-us1.cisco.com/v1/notification/subscription/x?access_token=(removed)&jwt=(removed)&keep=1',
    );
  });

  it("cleans credentials out of the page's address and the socket's messages (a Mercury socket's token)", () => {
    const mercury = '{"id":"m1","type":"authorization","data":{"token":"Bearer SECRET2"}}';
    const har = chromeHar([
      {
        url: WS1,
        started: '2026-01-05T09:00:00.070Z',
        messages: [
          { type: 'send', time: 1767603600.08, opcode: 1, data: mercury },
          { type: 'receive', time: 1767603600.09, opcode: 1, data: '{"type":"Welcome","data":{"sessionId":"s-1"}}' },
        ],
      },
    ]);
    har['log']['pages'][0]['title'] = 'https://desktop.wxcc-us1.cisco.com/?code=SECRET3&state=s#access_token=SECRET4';
    const { frames, meta } = readHar(har);
    expect(meta.source.url).toBe('https://desktop.wxcc-us1.cisco.com/?code=(removed)&state=s#access_token=(removed)');
    expect(frames.filter((f) => f.kind === 'text').map((f) => [f.data, f.size])).toEqual([
      ['{"id":"m1","type":"authorization","data":{"token":"(removed)"}}', mercury.length],
      ['{"type":"Welcome","data":{"sessionId":"s-1"}}', 45],
    ]);
  });

  it('takes what it can about the source from the HAR', () => {
    expect(readHar(har).meta).toStrictEqual({
      createdAt: Date.parse('2026-01-05T09:00:00.070Z'),
      source: {
        kind: 'har',
        url: 'https://desktop.wxcc-us1.cisco.com/',
        userAgent: 'Chrome/138',
        creator: 'WebInspector 537.36',
        // The page's entry gave no frame: the frames' source records it (har-left-out.ts).
        leftOut: 1,
      },
      redacted: false,
    });
  });

  it('ignores our `_wxcc` fields unless the log says the HAR is ours', () => {
    const tampered = chromeHar([
      {
        url: WS1,
        started: '2026-01-05T09:00:00.070Z',
        messages: [{ type: 'send', time: 1, opcode: 1, data: 'x', _wxcc: { seq: 99 } }],
      },
    ]);
    expect(readHar(tampered).frames.map((f) => f.seq)).toEqual([1, 2]);
  });

  it('counts an entry marked websocket without messages as a socket', () => {
    const value = chromeHar([
      { url: WS1, started: '2026-01-05T09:00:00.070Z', messages: [{ type: 'send', time: 1, opcode: 1, data: 'x' }] },
    ]);
    value['log']['entries'].push({
      _resourceType: 'websocket',
      request: { url: WS2 },
      startedDateTime: '2026-01-05T09:01:00.000Z',
    });
    expect(readHar(value).frames.map((f) => `${f.socket} ${f.kind}`)).toEqual(['ws-1 open', 'ws-1 text', 'ws-2 open']);
  });

  it('a binary payload survives HAR → capture → HAR whole; a live preview stays a preview with its size', () => {
    const payload = Uint8Array.from({ length: 1000 }, (_, i) => (i * 31) & 0xff);
    const input = chromeHar([
      {
        url: WS1,
        started: '2026-01-05T09:00:00.070Z',
        messages: [{ type: 'receive', time: 1767603600.08, opcode: 2, data: Buffer.from(payload).toString('base64') }],
      },
    ]);
    const capture = readFramesFile(JSON.stringify(input));
    if (!capture.ok) throw new Error(capture.error);
    const viaCapture = readFramesFile(writeCaptureFile(capture.frames, capture.meta));
    if (!viaCapture.ok) throw new Error(viaCapture.error);
    const har = JSON.parse(writeHar(viaCapture.frames, viaCapture.meta)) as { log: { entries: any[] } };
    const message = har.log.entries[0]._webSocketMessages[0];
    expect(message.data).toBe(Buffer.from(payload).toString('base64'));
    // A live capture's frame has only the first 64 bytes: the HAR carries those and the real size.
    const live: Frame = { ...viaCapture.frames.find((f) => f.kind === 'binary')!, data: hexPreview(payload) };
    const back = readHar(JSON.parse(writeHar([live], viaCapture.meta)));
    expect(back.frames[0]).toMatchObject({ size: 1000, data: hexPreview(payload) });
  });

  it('reads binary messages of any opcode but 1 as base64, as CDP sends them', () => {
    const value = chromeHar([
      {
        url: WS1,
        started: '2026-01-05T09:00:00.070Z',
        messages: [{ type: 'receive', time: 1, opcode: 9, data: 'AAE=' }],
      },
    ]);
    expect(readHar(value).frames[1]).toMatchObject({ kind: 'binary', size: 2, data: '00 01' });
  });
});

describe('a binary message whose data is not base64', () => {
  const socketOf = (messages: unknown[]) => chromeHar([{ url: WS1, started: '2026-01-05T09:00:00.070Z', messages }]);
  const text = (n: number) => ({ type: 'receive', time: 1767603600 + n, opcode: 1, data: `{"keepalive":"${n}"}` });

  it('leaves the rest of the HAR readable: the message is a binary frame in its place that says why and where', () => {
    const { frames } = readHar(
      socketOf([text(1), { type: 'send', time: 1767603602.5, opcode: 2, data: 'AAEC%%%not base64' }, text(3)]),
    );
    expect(frames.map((f) => [f.seq, f.kind, f.dir, f.size])).toEqual([
      [1, 'open', 'in', 0],
      [2, 'text', 'in', 17],
      [3, 'binary', 'out', 0],
      [4, 'text', 'in', 17],
      [5, 'notice', 'meta', 112],
    ]);
    expect(frames[2]).toEqual({
      seq: 3,
      t: 1767603602500,
      socket: 'ws-1',
      dir: 'out',
      kind: 'binary',
      size: 0,
      data: `(bytes unknown: log.entries[1]._webSocketMessages[1].data is not base64, as a binary message's (opcode 2) data must be; the HAR holds "AAEC%%%not base64", 17 bytes of text)`,
      source: 'file',
    });
    // Not hex: nothing (the Hex view, a HAR export) takes the note for the message's bytes.
    expect(parseHexPreview(frames[2]!.data!)).toBeUndefined();
    expect(frames[4]).toEqual({
      seq: 5,
      t: 1767603603000,
      socket: 'capture',
      dir: 'meta',
      kind: 'notice',
      size: 112,
      data: '1 binary message was not base64 (kept as a frame without bytes): #3 at log.entries[1]._webSocketMessages[1].data',
    });
  });

  it('a notice names the first five by their seq after the sockets are merged in time, and counts the rest', () => {
    const bad = (n: number) => ({ type: 'receive', time: 1767603600 + n, opcode: 2, data: `bad ${n}` });
    const value = chromeHar([
      { url: WS1, started: '2026-01-05T09:00:00.000Z', messages: [bad(1), bad(3), bad(5), bad(7)] },
      { url: WS2, started: '2026-01-05T09:00:00.500Z', messages: [bad(2), bad(4), text(6)] },
    ]);
    const { frames } = readHar(value);
    expect(frames.at(-1)!.data).toBe(
      '6 binary messages were not base64 (kept as frames without bytes): ' +
        '#3 at log.entries[1]._webSocketMessages[0].data, #4 at log.entries[2]._webSocketMessages[0].data, ' +
        '#5 at log.entries[1]._webSocketMessages[1].data, #6 at log.entries[2]._webSocketMessages[1].data, ' +
        '#7 at log.entries[1]._webSocketMessages[2].data and 1 more',
    );
    expect(frames.filter((f) => f.kind === 'binary').map((f) => [f.seq, f.socket, f.size])).toEqual([
      [3, 'ws-1', 0],
      [4, 'ws-2', 0],
      [5, 'ws-1', 0],
      [6, 'ws-2', 0],
      [7, 'ws-1', 0],
      [9, 'ws-1', 0],
    ]);
  });

  it('through readFramesFile too (the CLI, the viewer and replay), with the notice a capture-notice finding', () => {
    const read = readFramesFile(
      JSON.stringify(socketOf([text(1), { type: 'receive', time: 1767603601, opcode: 2, data: '@@' }])),
    );
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const notice = read.frames.at(-1)!;
    expect(decodeFrame(notice).findings).toEqual([
      {
        code: 'capture-notice',
        severity: 'warn',
        path: '',
        message:
          '1 binary message was not base64 (kept as a frame without bytes): #3 at log.entries[1]._webSocketMessages[1].data',
      },
    ]);
  });

  it('quotes what the HAR holds without its credentials: a token sent as a binary message is still a token', () => {
    const { frames } = readHar(
      socketOf([
        { type: 'send', time: 1767603601, opcode: 2, data: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln' },
        { type: 'send', time: 1767603602, opcode: 2, data: 'access_token=SECRETTOKEN123&x=1' },
      ]),
    );
    const notes = frames.filter((f) => f.kind === 'binary').map((f) => f.data!);
    expect(notes[0]).toContain('the HAR holds "Bearer (removed)", 48 bytes of text)');
    expect(notes[1]).toContain('the HAR holds "access_token=(removed)&x=1", 31 bytes of text)');
    for (const note of notes) expect(note).not.toMatch(/eyJ|SECRETTOKEN/);
  });

  it('a HAR of only valid messages gets no notice', () => {
    const { frames } = readHar(socketOf([text(1), { type: 'receive', time: 1767603602, opcode: 2, data: 'AAE=' }]));
    expect(frames.map((f) => f.kind)).toEqual(['open', 'text', 'binary']);
  });
});

describe('readHar errors', () => {
  const withMessage = (message: unknown) =>
    chromeHar([
      {
        url: WS1,
        started: '2026-01-05T09:00:00.070Z',
        messages: [{ type: 'send', time: 1, opcode: 1, data: 'ok' }, message],
      },
    ]);
  const at = 'invalid HAR: log.entries[1]._webSocketMessages[1]';

  it('names the entry, the message and the field', () => {
    expect(harError(withMessage({ type: 'recv', time: 1, opcode: 1, data: '' }))).toBe(
      `${at}.type: expected "send", "receive" or "error", got "recv"`,
    );
    expect(harError(withMessage({ type: 'send', time: '1', opcode: 1, data: '' }))).toBe(
      `${at}.time: expected seconds since the epoch, got "1"`,
    );
    // Beyond what a Date holds (8.64e15 ms): it printed as NaN:NaN:NaN.NaN.
    expect(harError(withMessage({ type: 'send', time: 1e14, opcode: 1, data: '' }))).toBe(
      `${at}.time: expected seconds since the epoch, got 100000000000000`,
    );
    expect(harError(withMessage({ type: 'send', time: 1, data: '' }))).toBe(
      `${at}.opcode: expected a number, got nothing`,
    );
    expect(harError(withMessage({ type: 'send', time: 1, opcode: 1, data: null }))).toBe(
      `${at}.data: expected a string, got null`,
    );
    expect(harError(withMessage('hello'))).toBe(`${at}: expected an object, got "hello"`);
    // What is quoted never holds a credential: these messages are pasted into tickets.
    expect(harError(withMessage('Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln'))).toBe(
      `${at}: expected an object, got "Bearer (removed)"`,
    );
    expect(harError(withMessage({ type: 'access_token=SECRET123456', time: 1, opcode: 1, data: '' }))).toBe(
      `${at}.type: expected "send", "receive" or "error", got "access_token=(removed)"`,
    );
  });

  it('counts the entries it took nothing from (the page, scripts, other services): a HAR written from the frames leaves them out', () => {
    const har = chromeHar([
      {
        url: WS1,
        started: '2026-01-05T09:00:00.070Z',
        messages: [{ type: 'receive', time: 1767603601, opcode: 1, data: '{}' }],
      },
    ]);
    expect(readHar(har).leftOut).toBe(1);
    expect(readHar(JSON.parse(writeHar(readHar(har).frames, meta))).leftOut).toBe(0);
    // Written with what the reader said of the frames, the HAR records that its source lacked the
    // entry (har-left-out.ts), and reading it back leaves nothing more out.
    const read = readHar(har);
    const again = readHar(JSON.parse(writeHar(read.frames, read.meta)));
    expect([again.leftOut, again.meta.source.leftOut]).toEqual([0, 1]);
  });

  it('reads `_webSocketMessages: null` as none, as a missing list', () => {
    const har = chromeHar([
      {
        url: WS1,
        started: '2026-01-05T09:00:00.070Z',
        messages: [{ type: 'receive', time: 1767603601, opcode: 1, data: '{}' }],
      },
    ]) as unknown as { log: { entries: Record<string, unknown>[] } };
    har.log.entries[0]!['_webSocketMessages'] = null;
    expect(readHar(har).frames.map((f) => f.kind)).toEqual(['open', 'text']);
  });

  it('refuses messages that are not a list, rather than reading the socket as one that recorded none', () => {
    const har = chromeHar([{ url: WS1, started: '2026-01-05T09:00:00.070Z', messages: [] }]) as unknown as {
      log: { entries: Record<string, unknown>[] };
    };
    har.log.entries[1]!['_webSocketMessages'] = '[{"type":"receive"}]';
    expect(harError(har)).toBe(
      'invalid HAR: log.entries[1]._webSocketMessages: expected an array, got "[{\\"type\\":\\"receive\\"}]"',
    );
  });

  it('names a broken entry', () => {
    const noUrl = withMessage({ type: 'send', time: 1, opcode: 1, data: '' });
    delete noUrl['log']['entries'][1]['request']['url'];
    expect(harError(noUrl)).toBe("invalid HAR: log.entries[1].request.url: expected the WebSocket's URL, got nothing");
    const badDate = withMessage({ type: 'send', time: 1, opcode: 1, data: '' });
    badDate['log']['entries'][1]['startedDateTime'] = 'yesterday';
    expect(harError(badDate)).toBe(
      'invalid HAR: log.entries[1].startedDateTime: expected an ISO date, got "yesterday"',
    );
    expect(harError({ log: { entries: [null] } })).toBe('invalid HAR: log.entries[0]: expected an object, got null');
    expect(harError({ log: { entries: {} } })).toBe('invalid HAR: log.entries: expected an array, got an object');
    expect(harError({ log: [] })).toBe('invalid HAR: expected {"log": {"entries": […]}}');
  });

  it('explains how to export a HAR with WebSocket messages when it has none', () => {
    const none = harError({ log: { version: '1.2', entries: [{ request: { url: 'https://x/' } }] } });
    expect(none.startsWith(`${NO_WEBSOCKET_MESSAGES}: in Chrome or Edge DevTools › Network`)).toBe(true);
    expect(none).toContain('Export HAR');
    expect(none).not.toContain('\n');
    const silent = harError(chromeHar([{ url: WS1, started: '2026-01-05T09:00:00.070Z', messages: [] }]));
    expect(silent.startsWith(`${NO_WEBSOCKET_MESSAGES} (its one WebSocket recorded none): `)).toBe(true);
  });

  it('names a broken `_wxcc` field, and a newer extension version', () => {
    const ours = JSON.parse(
      writeHar([{ seq: 1, t: 1000, socket: 'ws-1', dir: 'in', kind: 'text', size: 1, data: 'x' }], meta),
    ) as Json;
    const badSeq = structuredClone(ours);
    badSeq['log']['entries'][0]['_webSocketMessages'][0]['_wxcc']['seq'] = -1;
    expect(harError(badSeq)).toBe(
      'invalid HAR: log.entries[0]._webSocketMessages[0]._wxcc.seq: Invalid value: Expected >=1 but received -1',
    );
    const badFrame = structuredClone(ours);
    badFrame['log']['entries'][0]['_wxcc']['frames'] = [{ seq: 1 }];
    expect(harError(badFrame)).toBe(
      'invalid HAR: log.entries[0]._wxcc.frames[0].socket: Invalid key: Expected "socket" but received undefined',
    );
    const noSocket = structuredClone(ours);
    delete noSocket['log']['entries'][0]['_wxcc'];
    expect(harError(noSocket)).toMatch(
      /^invalid HAR: log\.entries\[0\]\._wxcc: Invalid type: Expected Object but received undefined$/,
    );
    const badLog = structuredClone(ours);
    badLog['log']['_wxcc']['redacted'] = 'yes';
    expect(harError(badLog)).toBe('invalid HAR: log._wxcc.redacted: Invalid type: Expected boolean but received "yes"');
    const newer = structuredClone(ours);
    newer['log']['_wxcc']['version'] = 2;
    expect(harError(newer)).toBe(
      'unsupported wxcc-inspector HAR version 2: this wxcc-inspector reads version 1; a newer wxcc-inspector wrote it',
    );
  });
});

describe('writeHar', () => {
  const frames: Frame[] = [
    {
      seq: 1,
      t: 1767603600000,
      socket: 'capture',
      dir: 'meta',
      kind: 'navigation',
      size: 0,
      url: 'https://desktop/',
      data: 'https://desktop/',
    },
    { seq: 2, t: 1767603600074, socket: 'ws-1', dir: 'in', kind: 'open', size: 0, url: WS1 },
    { seq: 3, t: 1767603600075, socket: 'ws-1', dir: 'out', kind: 'text', size: 20, data: '{"keepalive":"true"}' },
    { seq: 5, t: 1767603600080, socket: 'ws-1', dir: 'in', kind: 'binary', size: 300, data: '00 01 ff' },
    { seq: 6, t: 1767603600085, socket: 'ws-2', dir: 'in', kind: 'open', size: 0, url: WS2 },
    {
      seq: 7,
      t: 1767603600090,
      socket: 'ws-1',
      dir: 'in',
      kind: 'close',
      size: 0,
      close: { code: 1006, reason: '', wasClean: false },
    },
    { seq: 8, t: 1767603600095.5, socket: 'ws-2', dir: 'in', kind: 'text', size: 2, data: '{}' },
    { seq: 9, t: 1767603600096, socket: 'ws-2', dir: 'in', kind: 'error', size: 0 },
  ];
  const har = JSON.parse(writeHar(frames, meta)) as Json;

  it('writes what Chrome DevTools needs to import it', () => {
    const log = har['log'];
    expect(log).toMatchObject({ version: '1.2', creator: { name: 'wxcc-inspector', version: '0.1.0' }, pages: [] });
    expect(log['entries']).toHaveLength(2);
    for (const entry of log['entries']) {
      expect(entry).toMatchObject({
        _resourceType: 'websocket',
        cache: {},
        request: {
          method: 'GET',
          httpVersion: 'HTTP/1.1',
          headers: [],
          queryString: [],
          cookies: [],
          headersSize: -1,
          bodySize: 0,
        },
        response: {
          status: 101,
          statusText: 'Switching Protocols',
          httpVersion: 'HTTP/1.1',
          headers: [],
          cookies: [],
          content: { size: 0, mimeType: 'x-unknown' },
          redirectURL: '',
          headersSize: -1,
          bodySize: 0,
        },
      });
      // Chrome's importer rejects an entry whose date or numbers do not parse.
      expect(Number.isNaN(Date.parse(entry['startedDateTime']))).toBe(false);
      expect(typeof entry['time']).toBe('number');
      for (const k of ['send', 'wait', 'receive']) expect(typeof entry['timings'][k]).toBe('number');
    }
    expect(log['entries'].map((e: Json) => e['request']['url'])).toEqual([WS1, WS2]);
    expect(log['entries'][0]['startedDateTime']).toBe('2026-01-05T09:00:00.074Z');
    expect(log['entries'][0]['time']).toBe(16);
  });

  it('writes messages as Chrome does, with `_wxcc` only saying what they cannot', () => {
    expect(har['log']['entries'][0]['_webSocketMessages']).toStrictEqual([
      { type: 'send', time: 1767603600.075, opcode: 1, data: '{"keepalive":"true"}', _wxcc: { seq: 3 } },
      { type: 'receive', time: 1767603600.08, opcode: 2, data: 'AAH/', _wxcc: { seq: 5, size: 300 } },
    ]);
    expect(har['log']['entries'][1]['_webSocketMessages']).toStrictEqual([
      { type: 'receive', time: 1767603600.0955, opcode: 1, data: '{}', _wxcc: { seq: 8 } },
      { type: 'error', time: 1767603600.096, opcode: -1, data: '', _wxcc: { seq: 9, data: null } },
    ]);
  });

  it("keeps open and close frames with their socket, and the capture's own frames on the log", () => {
    expect(har['log']['entries'][0]['_wxcc']).toStrictEqual({ socket: 'ws-1', frames: [frames[1], frames[5]] });
    expect(har['log']['entries'][1]['_wxcc']).toStrictEqual({ socket: 'ws-2', frames: [frames[4]] });
    expect(har['log']['_wxcc']).toStrictEqual({
      format: 'wxcc-inspector-har',
      version: 1,
      ...meta,
      frames: [frames[0]],
    });
  });

  it('puts one message per line', () => {
    const text = writeHar(frames, meta);
    expect(text).toContain(
      '\n          {"type":"send","time":1767603600.075,"opcode":1,"data":"{\\"keepalive\\":\\"true\\"}","_wxcc":{"seq":3}},\n',
    );
  });

  it('reads back into the same frames and meta', () => {
    expect(readHar(har)).toStrictEqual({ frames, meta, extended: true, added: 0, leftOut: 0, unreadableCalls: 0 });
  });

  it('writes a HAR without frames that still reads', () => {
    expect(readHar(JSON.parse(writeHar([], meta)))).toStrictEqual({
      frames: [],
      meta,
      extended: true,
      added: 0,
      leftOut: 0,
      unreadableCalls: 0,
    });
  });
});

describe('round trips through HAR', () => {
  it('capture → HAR → capture keeps every frame and the meta, for any frames', () => {
    fc.assert(
      fc.property(framesArb, metaArb, (frames, meta) => {
        const back = readHar(JSON.parse(writeHar(frames, meta)));
        expect(back.frames).toStrictEqual(frames);
        expect(back.meta).toStrictEqual(meta);
      }),
      { numRuns: 300 },
    );
  });

  it('Chrome HAR → frames → HAR keeps every message (times to the microsecond), credentials removed', () => {
    const sockets = fc
      .array(fc.array(chromeMessage, { maxLength: 15 }), { minLength: 1, maxLength: 3 })
      .filter((s) => s.some((m) => m.length > 0));
    fc.assert(
      fc.property(sockets, (messagesPerSocket) => {
        const original = chromeHar(
          messagesPerSocket.map((messages, i) => ({
            url: `wss://x/${i}`,
            started: '2026-01-05T09:00:00.000Z',
            messages,
          })),
        );
        const { frames, meta } = readHar(original);
        const written = JSON.parse(writeHar(frames, meta)) as Json;
        const entries = written['log']['entries'] as Json[];
        // Overlapping sockets are merged in time order, so the entries may come back in another order.
        expect(entries.map((e) => e['request']['url']).sort()).toEqual(messagesPerSocket.map((_, i) => `wss://x/${i}`));
        entries.forEach((entry) => {
          const before = messagesPerSocket[Number(String(entry['request']['url']).slice('wss://x/'.length))]!;
          const after = entry['_webSocketMessages'] as HarMessage[];
          // A text message's credentials go, as the hub's (a generated key can be named `jwT`).
          expect(after.map(({ type, opcode, data }) => ({ type, opcode, data }))).toStrictEqual(
            before.map(({ type, opcode, data }) => ({
              type,
              opcode,
              data: opcode === 1 ? cleanSocketCredentials(data) : data,
            })),
          );
          for (const [j, m] of after.entries()) expect(Math.abs(m.time - before[j]!.time)).toBeLessThan(1e-6);
        });
        // And the frames come back unchanged from our HAR.
        expect(readHar(written).frames).toStrictEqual(frames);
      }),
      { numRuns: 200 },
    );
  });

  it('restores seq order when sockets interleave', () => {
    const frames: Frame[] = [1, 2, 3, 4, 5, 6].map((seq) => ({
      seq,
      t: seq,
      socket: seq % 2 ? 'ws-1' : 'ws-2',
      dir: 'in',
      kind: 'text',
      size: 1,
      data: 'x',
    }));
    const har = JSON.parse(writeHar(frames, meta)) as Json;
    expect(har['log']['entries'][0]['_webSocketMessages'].map((m: HarMessage) => m._wxcc!.seq)).toEqual([1, 3, 5]);
    expect(readHar(har).frames).toStrictEqual(frames);
  });
});
