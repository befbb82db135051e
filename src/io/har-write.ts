import type { Entry, Log, Response, Timings } from 'har-format';
import { channelOf, type Frame } from '../frame/frame';
import { base64Encode } from './base64';
import { orderedFrame, orderedSource, type CaptureMeta } from './capture-file';
import { parseHexPreview } from '../frame/hex-bytes';
import {
  messageToFrame,
  OVERRIDABLE,
  WXCC_HAR_FORMAT,
  WXCC_HAR_VERSION,
  type HarMessage,
  type MessageExtras,
} from './har-format';

/*
 * Frames → a HAR that Chrome DevTools' Network panel imports (one websocket entry per socket, its
 * messages in `_webSocketMessages`) and that `readHar` turns back into the very same frames via
 * the `_wxcc` fields (see har-format.ts). What a HAR cannot say about a socket (our seq, open and
 * close frames with their codes, binary frames of which only a preview was captured) lives there.
 */

export interface HarWriteMeta extends CaptureMeta {
  /** `log.creator`; defaults to wxcc-inspector with the capturing extension's version. */
  creator?: { name: string; version: string };
}

/** Frame kinds that belong to a WebSocket: a socket with any of them gets a HAR entry. */
const SOCKET_KINDS = new Set<Frame['kind']>(['text', 'binary', 'open', 'close', 'error']);

function isMessage(frame: Frame): boolean {
  if (frame.kind === 'error') return true;
  return (frame.kind === 'text' || frame.kind === 'binary') && frame.dir !== 'meta';
}

function frameToMessage(frame: Frame): HarMessage {
  const type = frame.kind === 'error' ? 'error' : frame.dir === 'out' ? 'send' : 'receive';
  const opcode = frame.kind === 'error' ? -1 : frame.kind === 'text' ? 1 : 2;
  // A binary frame's bytes are known only as far as its preview goes: that is what Chrome gets.
  const data =
    frame.kind === 'binary' ? base64Encode(parseHexPreview(frame.data ?? '') ?? new Uint8Array(0)) : (frame.data ?? '');
  const message: HarMessage = { type, time: frame.t / 1000, opcode, data };
  const derived = messageToFrame(message, frame.socket, frame.seq)!;
  const extras: MessageExtras = { seq: frame.seq };
  for (const key of OVERRIDABLE) {
    if (!sameField(frame[key], derived[key])) (extras as Record<string, unknown>)[key] = frame[key] ?? null;
  }
  message._wxcc = extras;
  return message;
}

function sameField(a: Frame[(typeof OVERRIDABLE)[number]], b: Frame[(typeof OVERRIDABLE)[number]]): boolean {
  // Only `close` and `http` are objects; a message never derives either, so one side is absent.
  if (typeof a === 'object' && typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

/** An ISO time for `startedDateTime`, even for a frame time no Date can hold. */
function isoTime(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString();
}

/** A HAR entry with the two fields Chrome writes that @types/har-format does not list. */
type ChromeEntry = Entry & {
  response: Response & { _error: string | null };
  timings: Timings & { _blocked_queueing: number };
};

interface SocketFrames {
  socket: string;
  frames: Frame[];
}

function entryLines(group: SocketFrames): string[] {
  const messages: HarMessage[] = [];
  const others: Frame[] = [];
  let url: string | undefined;
  let start = Infinity;
  let end = -Infinity;
  for (const frame of group.frames) {
    url ??= frame.url;
    if (frame.t < start) start = frame.t;
    if (frame.t > end) end = frame.t;
    if (isMessage(frame)) messages.push(frameToMessage(frame));
    else others.push(orderedFrame(frame));
  }
  // Chrome's waterfall bar spans `time` from `startedDateTime`: the socket's lifetime here.
  const lifetime = Math.max(0, end - start);
  // Typed against HAR 1.2 as @types/har-format has it (Chrome's custom fields included); the
  // messages are written apart, one per line, below.
  const rest: ChromeEntry & { _wxcc: { socket: string; frames: Frame[] } } = {
    _wxcc: { socket: group.socket, frames: others },
    cache: {},
    request: {
      method: 'GET',
      url: url ?? `ws://unknown.invalid/${encodeURIComponent(group.socket)}`,
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
      _transferSize: 0,
      _error: null,
    },
    startedDateTime: isoTime(start),
    time: lifetime,
    timings: { blocked: -1, dns: -1, ssl: -1, connect: -1, send: 0, wait: 0, receive: lifetime, _blocked_queueing: -1 },
  };
  // Messages one per line (diffable, and no indentation bytes on 150,000 of them); the rest
  // pretty-printed like Chrome's export. JSON strings never hold a raw newline, so splitting the
  // pretty text into lines is safe.
  const lines = ['{', '  "_resourceType": "websocket",'];
  if (messages.length === 0) {
    lines.push('  "_webSocketMessages": [],');
  } else {
    lines.push('  "_webSocketMessages": [');
    const last = messages.length - 1;
    for (let i = 0; i <= last; i++) lines.push(`    ${JSON.stringify(messages[i])}${i < last ? ',' : ''}`);
    lines.push('  ],');
  }
  lines.push(...JSON.stringify(rest, null, 2).split('\n').slice(1));
  return lines;
}

export function writeHar(frames: readonly Frame[], meta: HarWriteMeta): string {
  const bySocket = new Map<string, SocketFrames>();
  for (const frame of frames) {
    let group = bySocket.get(frame.socket);
    if (!group) bySocket.set(frame.socket, (group = { socket: frame.socket, frames: [] }));
    group.frames.push(frame);
  }
  const sockets: SocketFrames[] = [];
  const socketless: Frame[] = [];
  for (const group of bySocket.values()) {
    // Worker messages and requests are no WebSocket: they ride in the log's own frames.
    if (group.frames.some((f) => SOCKET_KINDS.has(f.kind) && channelOf(f) === 'socket')) sockets.push(group);
    else for (const frame of group.frames) socketless.push(orderedFrame(frame));
  }
  const head: Omit<Log, 'entries'> & { _wxcc: object } = {
    version: '1.2',
    creator: meta.creator ?? { name: 'wxcc-inspector', version: meta.source.extensionVersion ?? '0' },
    pages: [],
    _wxcc: {
      format: WXCC_HAR_FORMAT,
      version: WXCC_HAR_VERSION,
      createdAt: meta.createdAt,
      source: orderedSource(meta.source),
      redacted: meta.redacted,
      frames: socketless,
    },
  };
  const lines = ['{', '  "log": {'];
  for (const line of JSON.stringify(head, null, 2).split('\n').slice(1, -1)) lines.push(`  ${line}`);
  lines[lines.length - 1] += ',';
  if (sockets.length === 0) {
    lines.push('    "entries": []');
  } else {
    lines.push('    "entries": [');
    sockets.forEach((group, i) => {
      const entry = entryLines(group);
      if (i < sockets.length - 1) entry[entry.length - 1] += ',';
      for (const line of entry) lines.push(`      ${line}`);
    });
    lines.push('    ]');
  }
  lines.push('  }', '}');
  return `${lines.join('\n')}\n`;
}
