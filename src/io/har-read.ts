import * as v from 'valibot';
import { cleanCredentialUrl, cleanSocketCredentials } from '../frame/credentials';
import type { Frame } from '../frame/frame';
import { appendPath, formatPath } from '../frame/path';
import { utf8Length } from '../frame/utf8';
import type { CaptureMeta, CaptureSource } from './capture-file';
import { describeIssue, describeValue, FramesFileError } from './file-error';
import { isUsableTime, noticeAfter } from './frame-repair';
import { recordLeftOut, type HarLeftOut } from './har-left-out';
import { entryToHttpFrames, isWxccApiUrl, mergeHttpFrames } from './har-http';
import {
  EntryExtrasSchema,
  HAR_REDACTED_MARK,
  LogExtrasSchema,
  MessageExtrasSchema,
  messageToFrame,
  OVERRIDABLE,
  WXCC_HAR_FORMAT,
  WXCC_HAR_VERSION,
  type HarMessage,
  type LogExtras,
  type MessageExtras,
} from './har-format';

/*
 * A Chrome HAR → frames. Each WebSocket entry (one with `_webSocketMessages`, or Chrome's
 * `_resourceType: "websocket"`) is a socket, `ws-1`, `ws-2`… in file order; every other entry is
 * ignored. Without `_wxcc` fields (Chrome's own export), frames are numbered 1, 2, 3… in file
 * order: entries in order, each entry's messages in order. Sockets that overlapped in time (an old
 * socket still getting keepalives after a reconnect) are not interleaved, so `t` can step back at
 * an entry boundary: the HAR keeps no order across entries but the file's.
 *
 * Open frames: a Chrome HAR has no open or close events, only the handshake request. We add one
 * `open` frame per socket, at `startedDateTime` with the entry's URL, numbered just before the
 * socket's first message, because a live capture always has one (the model counts sockets and
 * reconnects from them, and a frame's `url` sits on its socket's open frame). No close frame is
 * invented: the HAR does not say when or how the socket closed, and a made-up code would read as
 * evidence; its frames are marked `source: "file"`, so the model knows the close is not recorded. A HAR we wrote carries its real open and close frames in `entry._wxcc`, so nothing is
 * synthesized for it and capture → HAR → capture gives back the same frames.
 */

export interface HarImport {
  frames: Frame[];
  meta: CaptureMeta;
  /** True when the HAR carried our `_wxcc` fields (written by wxcc-inspector). */
  extended: boolean;
  /**
   * Frames the reader added (0 to 2): its notices, one of binary messages that were not base64,
   * one of WxCC API calls it could not read.
   */
  added: number;
  /**
   * Entries of a browser's HAR that are neither a WebSocket nor a WxCC API call (the page, its
   * scripts, other services' calls): they give no frame, and writing the frames as a HAR leaves
   * them out. (A WxCC API call that cannot be read is not counted here: see `unreadableCalls`.)
   */
  leftOut: number;
  /** WxCC API calls of a browser's HAR that could not be read (no valid time or method): no frame; a notice names them. */
  unreadableCalls: number;
}

export const NO_WEBSOCKET_MESSAGES = 'this HAR has no WebSocket messages';
const HOW_TO_EXPORT =
  'in Chrome or Edge DevTools › Network, keep DevTools open while the Agent Desktop connects (reload it with DevTools open), ' +
  'check that the WS row\'s Messages tab is filled, then export with "Export HAR" (the download arrow) or right-click › "Save all as HAR with content"; ' +
  'HARs from other browsers and tools may leave WebSocket messages out';

function noMessages(sockets: number): string {
  const which =
    sockets === 0
      ? ''
      : sockets === 1
        ? ' (its one WebSocket recorded none)'
        : ` (its ${sockets} WebSockets recorded none)`;
  return `${NO_WEBSOCKET_MESSAGES}${which}: ${HOW_TO_EXPORT}`;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function fail(message: string): never {
  throw new FramesFileError(`invalid HAR: ${message}`);
}

function parseExtras<T extends v.GenericSchema>(schema: T, value: unknown, where: string): v.InferOutput<T> {
  const result = v.safeParse(schema, value, { abortEarly: true });
  if (!result.success) fail(describeIssue(where, result.issues));
  return result.output;
}

function logExtras(log: Json): LogExtras | undefined {
  const extras = log['_wxcc'];
  if (extras === undefined) return undefined;
  if (
    isObject(extras) &&
    extras['format'] === WXCC_HAR_FORMAT &&
    typeof extras['version'] === 'number' &&
    extras['version'] !== WXCC_HAR_VERSION
  ) {
    throw new FramesFileError(
      `unsupported wxcc-inspector HAR version ${extras['version']}: this wxcc-inspector reads version ${WXCC_HAR_VERSION}; a newer wxcc-inspector wrote it`,
    );
  }
  return parseExtras(LogExtrasSchema, extras, 'log._wxcc');
}

/** A Chrome message, checked by hand: this loop runs 150,000 times for a 100 MB HAR. */
function checkMessage(
  message: unknown,
  at: (j: number) => string,
  j: number,
): Omit<HarMessage, '_wxcc'> & { _wxcc?: unknown } {
  if (!isObject(message)) fail(`${at(j)}: expected an object, got ${describeValue(message)}`);
  const { type, time, opcode, data } = message;
  if (type !== 'send' && type !== 'receive' && type !== 'error')
    fail(`${appendPath(at(j), 'type')}: expected "send", "receive" or "error", got ${describeValue(type)}`);
  // Seconds: a time beyond what a Date holds would print as NaN:NaN:NaN.
  if (typeof time !== 'number' || !isUsableTime(time * 1000))
    fail(`${appendPath(at(j), 'time')}: expected seconds since the epoch, got ${describeValue(time)}`);
  if (typeof opcode !== 'number')
    fail(`${appendPath(at(j), 'opcode')}: expected a number, got ${describeValue(opcode)}`);
  if (typeof data !== 'string') fail(`${appendPath(at(j), 'data')}: expected a string, got ${describeValue(data)}`);
  return message as unknown as HarMessage;
}

/** Almost every message of our HAR says only its seq: that case skips the schema. */
function messageExtras(value: unknown, at: (j: number) => string, j: number): MessageExtras {
  if (isObject(value)) {
    let onlySeq = true;
    for (const key in value) if (key !== 'seq') onlySeq = false;
    const seq = value['seq'];
    if (onlySeq && typeof seq === 'number' && Number.isInteger(seq) && seq >= 1) return { seq };
  }
  return parseExtras(MessageExtrasSchema, value, `${appendPath(at(j), '_wxcc')}`);
}

function applyExtras(frame: Frame, extras: MessageExtras): void {
  if (extras.seq !== undefined) frame.seq = extras.seq;
  for (const key of OVERRIDABLE) {
    const value = extras[key];
    if (value === undefined) continue;
    if (value === null) delete frame[key];
    else (frame as Record<string, unknown>)[key] = value;
  }
}

function headerValue(entry: Json, name: string): string | undefined {
  const headers = isObject(entry['request']) ? entry['request']['headers'] : undefined;
  if (!Array.isArray(headers)) return undefined;
  for (const header of headers) {
    if (
      isObject(header) &&
      typeof header['name'] === 'string' &&
      header['name'].toLowerCase() === name &&
      typeof header['value'] === 'string'
    ) {
      return header['value'];
    }
  }
  return undefined;
}

/**
 * What a HAR from Chrome says about itself (who wrote it, the page, the browser), and what of it
 * the frames lack (har-left-out.ts): recorded in the source, so every file written from them says so.
 */
function chromeMeta(log: Json, firstSocket: Json | undefined, createdAt: number, lacks: HarLeftOut): CaptureMeta {
  const source: CaptureSource = { kind: 'har' };
  const pages = log['pages'];
  // Chrome's page title is the page's URL, as the browser had it: right after a login it may
  // hold an OAuth code or token (`#access_token=…`), which is never recorded.
  if (Array.isArray(pages) && isObject(pages[0]) && typeof pages[0]['title'] === 'string')
    source.url = cleanCredentialUrl(pages[0]['title']);
  const userAgent = firstSocket && headerValue(firstSocket, 'user-agent');
  if (userAgent !== undefined) source.userAgent = userAgent;
  const creator = log['creator'];
  if (isObject(creator) && typeof creator['name'] === 'string') {
    source.creator =
      typeof creator['version'] === 'string' ? `${creator['name']} ${creator['version']}` : creator['name'];
  }
  Object.assign(source, recordLeftOut(lacks));
  return { createdAt, source, redacted: log[HAR_REDACTED_MARK] === true };
}

/** A parsed HAR (`{ log: { entries } }`) → frames. Throws FramesFileError with a one-line message. */
export function readHar(value: unknown): HarImport {
  const log = isObject(value) ? value['log'] : undefined;
  if (!isObject(log)) fail('expected {"log": {"entries": […]}}');
  const entries = log['entries'];
  if (!Array.isArray(entries)) fail(`log.entries: expected an array, got ${describeValue(entries)}`);

  const extended = logExtras(log);
  const frames: Frame[] = [];
  let seq = 0;
  let sockets = 0;
  let messages = 0;
  let firstSocket: Json | undefined;
  let firstStart: number | undefined;
  const httpFrames: Frame[] = [];
  let requests = 0;
  /** Binary messages whose data is not base64: frames without bytes, listed in a notice at the end. */
  const unreadable: Unreadable[] = [];
  let leftOut = 0;
  /** WxCC API calls that gave no frame (no time or method to place them by): named in the notice. */
  const unreadableCalls: string[] = [];

  for (let i = 0; i < entries.length; i++) {
    const entry: unknown = entries[i];
    if (!isObject(entry)) fail(`${formatPath(['log', 'entries', i])}: expected an object, got ${describeValue(entry)}`);
    const list = entry['_webSocketMessages'];
    if (list !== undefined && list !== null && !Array.isArray(list))
      fail(`${formatPath(['log', 'entries', i, '_webSocketMessages'])}: expected an array, got ${describeValue(list)}`);
    if (!Array.isArray(list) && entry['_resourceType'] !== 'websocket') {
      // Our own HAR keeps its requests as frames in `_wxcc`; Chrome's has them as entries.
      if (!extended) {
        const found = entryToHttpFrames(entry, `http-${requests + 1}`);
        if (found.length) requests++;
        else if (isWxccApiEntry(entry)) unreadableCalls.push(formatPath(['log', 'entries', i]));
        else leftOut++;
        for (const frame of found) httpFrames.push(frame);
      }
      continue;
    }
    const where = formatPath(['log', 'entries', i]);
    sockets++;
    firstSocket ??= entry;

    const request = entry['request'];
    const url = isObject(request) ? request['url'] : undefined;
    if (typeof url !== 'string')
      fail(
        `${formatPath(['log', 'entries', i, 'request', 'url'])}: expected the WebSocket's URL, got ${describeValue(url)}`,
      );
    let socket = `ws-${sockets}`;
    if (extended) {
      const extras = parseExtras(EntryExtrasSchema, entry['_wxcc'], appendPath(where, '_wxcc'));
      socket = extras.socket;
      for (const frame of extras.frames) frames.push(frame);
    } else {
      const started = Date.parse(typeof entry['startedDateTime'] === 'string' ? entry['startedDateTime'] : '');
      if (Number.isNaN(started))
        fail(
          `${appendPath(where, 'startedDateTime')}: expected an ISO date, got ${describeValue(entry['startedDateTime'])}`,
        );
      firstStart ??= started;
      // The handshake URL as the browser sent it may carry a token (`?access_token=`, a JWT):
      // cleaned as a REST call's URL is, so it never reaches a frame (house rule: no credentials).
      frames.push({ seq: ++seq, t: started, socket, url: cleanCredentialUrl(url), dir: 'in', kind: 'open', size: 0 });
    }

    if (!Array.isArray(list)) continue;
    // The message's path is spelled out only for an error: this loop is the hot one.
    const at = (j: number) => appendPath(appendPath(where, '_webSocketMessages'), j);
    for (let j = 0; j < list.length; j++) {
      const message = checkMessage(list[j], at, j);
      let frame = messageToFrame(message, socket, ++seq);
      if (!frame) {
        const where = appendPath(at(j), 'data');
        frame = unreadableBinary(message, socket, seq, where);
        unreadable.push({ frame, where });
      }
      if (message._wxcc !== undefined) {
        const extras = messageExtras(message._wxcc, at, j);
        // In a HAR that is not ours only what redaction writes counts (a binary message's size
        // and why its bytes are gone): the numbering and the sockets are the file's.
        if (!extended) {
          extras.seq = undefined;
          extras.socket = undefined;
        }
        applyExtras(frame, extras);
      }
      // A browser's HAR holds what the page sent (a Mercury socket's access token): cleaned as
      // the hub cleans a live capture. Our own HAR was recorded clean and is read losslessly.
      if (!extended && frame.kind === 'text' && frame.data !== undefined)
        frame.data = cleanSocketCredentials(frame.data);
      frames.push(frame);
      messages++;
    }
  }

  if (!extended) {
    if (messages === 0) {
      throw new FramesFileError(noMessages(sockets));
    }
    if (sockets > 1) mergeInTime(frames);
    // A browser's HAR does not say how its frames were captured, nor when a socket closed: its
    // frames are `file` (frame.ts), which tells the model a socket's close is not recorded.
    for (const frame of frames) frame.source ??= 'file';
    for (const frame of httpFrames) frame.source ??= 'file';
    return {
      frames: withUnreadableNotice(mergeHttpFrames(frames, httpFrames), unreadable, unreadableCalls),
      meta: chromeMeta(log, firstSocket, firstStart ?? 0, { leftOut, unreadableCalls: unreadableCalls.length }),
      extended: false,
      added: (unreadable.length ? 1 : 0) + (unreadableCalls.length ? 1 : 0),
      leftOut,
      unreadableCalls: unreadableCalls.length,
    };
  }

  for (const frame of extended.frames) frames.push(frame);
  sortBySeq(frames);
  return {
    frames: withUnreadableNotice(frames, unreadable, []),
    meta: { createdAt: extended.createdAt, source: extended.source, redacted: extended.redacted },
    extended: true,
    added: unreadable.length ? 1 : 0,
    leftOut: 0,
    unreadableCalls: 0,
  };
}

export const UNREADABLE_BINARY_PREFIX = '(bytes unknown: ';
/** How many unreadable messages the notice names; the rest are counted (each frame names its own place). */
const NOTICE_NAMES = 5;

/** A binary message whose data is not base64: its frame, and its data's place in the HAR. */
interface Unreadable {
  frame: Frame;
  where: string;
}

/**
 * A binary message whose data is not base64 (a HAR edited by hand, or by a tool that wraps or
 * re-encodes it): one bad message must not make a customer's whole HAR unreadable, nor vanish.
 * It stays a binary frame, in its place, with no bytes (`size` 0: what they were is unknown) and,
 * as its data, why and where in the HAR (not hex, so nothing reads it as bytes: hex-bytes.ts).
 */
function unreadableBinary(message: Omit<HarMessage, '_wxcc'>, socket: string, seq: number, where: string): Frame {
  // What the HAR holds is quoted (its first 40 characters, without credentials: describeValue).
  const held = describeValue(message.data);
  const data = `${UNREADABLE_BINARY_PREFIX}${where} is not base64, as a binary message's (opcode ${message.opcode}) data must be; the HAR holds ${held}, ${utf8Length(message.data)} bytes of text)`;
  const dir = message.type === 'send' ? 'out' : 'in';
  return { seq, t: message.time * 1000, socket, dir, kind: 'binary', size: 0, data };
}

/**
 * The frames with a notice appended that names the unreadable binary messages by their final seq
 * and their place in the HAR, and another that names the WxCC API calls that could not be read by
 * their place: two, because the decoder cuts a finding's text at 300 characters (decode-frame.ts),
 * and the first alone can fill them. The decoder makes a notice a `capture-notice` finding, so the
 * CLI and the viewer report it as they report a repaired file (frame-repair.ts).
 */
function withUnreadableNotice(frames: Frame[], unreadable: readonly Unreadable[], calls: readonly string[]): Frame[] {
  if (unreadable.length) {
    const n = unreadable.length;
    // In seq order: several sockets' frames were merged in time after they were read.
    const named = [...unreadable]
      .sort((a, b) => a.frame.seq - b.frame.seq)
      .slice(0, NOTICE_NAMES)
      .map(({ frame, where }) => `#${frame.seq} at ${where}`);
    const data =
      n === 1
        ? `1 binary message was not base64 (kept as a frame without bytes): ${named[0]}`
        : `${n} binary messages were not base64 (kept as frames without bytes): ${namedList(named, n)}`;
    frames.push(noticeAfter(frames, data));
  }
  if (calls.length) {
    const n = calls.length;
    const named = namedList(calls.slice(0, NOTICE_NAMES), n);
    const data = `${n === 1 ? '1 WxCC API call' : `${n} WxCC API calls`} could not be read (no valid startedDateTime or request method), so ${n === 1 ? 'it is' : 'they are'} not shown: ${named}`;
    frames.push(noticeAfter(frames, data));
  }
  return frames;
}

/** "a, b, c and 4 more": the first places of `total`. */
function namedList(named: readonly string[], total: number): string {
  return `${named.join(', ')}${total > named.length ? ` and ${total - named.length} more` : ''}`;
}

/** A HAR entry whose request is to the WxCC API, readable or not (har-http.ts `isWxccApiUrl`). */
function isWxccApiEntry(entry: Json): boolean {
  const request = entry['request'];
  return isObject(request) && typeof request['url'] === 'string' && isWxccApiUrl(request['url']);
}

/**
 * A Chrome HAR lists its sockets one after another, while the page saw their frames interleaved:
 * with several sockets (a reconnect, overlapping sockets after a blip) the frames are put back in
 * arrival-time order (stable for equal times) and numbered in that order (issue 10 kind 6).
 */
function mergeInTime(frames: Frame[]): void {
  // Each socket's frames stay in the file's order (the order they arrived on it); the sockets are
  // merged by time, an earlier socket first on equal times.
  const queues: Frame[][] = [];
  const bySocket = new Map<string, Frame[]>();
  for (const frame of frames) {
    let queue = bySocket.get(frame.socket);
    if (!queue) {
      bySocket.set(frame.socket, (queue = []));
      queues.push(queue);
    }
    queue.push(frame);
  }
  const next = queues.map(() => 0);
  for (let seq = 1; seq <= frames.length; seq++) {
    let pick = -1;
    for (let q = 0; q < queues.length; q++) {
      const head = queues[q]![next[q]!];
      if (head && (pick < 0 || head.t < queues[pick]![next[pick]!]!.t)) pick = q;
    }
    const frame = queues[pick]![next[pick]!++]!;
    frame.seq = seq;
    frames[seq - 1] = frame;
  }
}

/**
 * Our HAR keeps frames grouped by socket; the capture they came from is in seq order (the order
 * the page saw them in), which is restored here. Stable, and skipped when already in order.
 */
function sortBySeq(frames: Frame[]): void {
  for (let i = 1; i < frames.length; i++) {
    if (frames[i]!.seq < frames[i - 1]!.seq) {
      frames.sort((a, b) => a.seq - b.seq);
      return;
    }
  }
}
