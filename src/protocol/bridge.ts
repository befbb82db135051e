import type { CloseInfo, Frame } from '../frame/frame';

/*
 * Bridge decoding (protocol doc §10.8). In the Desktop's worker mode the notification socket lives
 * in a dedicated worker, which relays it to the page in messages typed `websocket_message_received`,
 * `websocket_opened`, … (`ConnectionWorkerMessageType`); which fields carry the frame is not
 * public. So a worker message is searched: the message itself, or any string or object value down
 * to depth 3, that is a notification (`{type, data:{type,…}}`, `Welcome`, a keepalive) or a JSON
 * string of one, is what the socket received (or, page → worker, what it is asked to send). The
 * message's own type, when it is one of the worker protocol's, becomes socket lifecycle.
 */

/** `ConnectionWorkerMessageType` and the keepalive worker's types (protocol doc §10.8). */
export const WORKER_MESSAGE_TYPES = [
  'websocket_message_received',
  'connection_state',
  'websocket_opened',
  'websocket_closed',
  'websocket_definitely_closed',
  'websocket_send_message',
  'start',
  'close_socket',
  'update_access_token',
  'notify_message_received',
  'keepalive',
] as const;
export type WorkerMessageType = (typeof WORKER_MESSAGE_TYPES)[number];

const TYPES = new Set<string>(WORKER_MESSAGE_TYPES);
/** Keys that may name a worker message's type. */
const TYPE_KEYS = ['type', 'messageType', 'msgType', 'event', 'action', 'name', 'kind'];
const MAX_DEPTH = 3;

/** What one worker message says about the socket behind the worker. */
export interface BridgedItem {
  kind: 'text' | 'open' | 'close' | 'error' | 'state';
  dir: 'in' | 'out';
  /** text: the notification as JSON text; state: the connection state's words. */
  data?: string;
  url?: string;
  close?: CloseInfo;
  /** close: `websocket_definitely_closed` (the worker gave up reconnecting). */
  definitive?: boolean;
  /** Where in the message it was found (`data.message`), for the frame's findings. */
  path: string;
}

export interface BridgeReading {
  /** The worker protocol's message type, when the message names one. */
  type: WorkerMessageType | undefined;
  items: BridgedItem[];
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isKeepalive(value: Json): boolean {
  const k = value['keepalive'];
  return (k === true || k === 'true') && value['type'] === undefined;
}

/** A notification envelope as the socket carries it (protocol doc §2). */
export function isNotification(value: unknown): value is Json {
  if (!isRecord(value)) return false;
  if (isKeepalive(value)) return true;
  const type = value['type'];
  if (type === 'Welcome') return true;
  if (typeof type !== 'string' || TYPES.has(type)) return false;
  const data = value['data'];
  return isRecord(data) && typeof data['type'] === 'string';
}

function parseJsonObject(text: string): unknown {
  // Cheap test first: only a string that looks like an object is worth a parse.
  let i = 0;
  while (i < text.length && text.charCodeAt(i) <= 32) i++;
  if (text.charCodeAt(i) !== 123) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

interface Found {
  text: string;
  path: string;
}

/** The shallowest notification in `value`, breadth first, down to depth 3. */
function findNotification(root: unknown): Found | undefined {
  let level: { value: unknown; path: string }[] = [{ value: root, path: '' }];
  for (let depth = 0; depth <= MAX_DEPTH && level.length; depth++) {
    const next: { value: unknown; path: string }[] = [];
    for (const { value, path } of level) {
      if (typeof value === 'string') {
        const parsed = parseJsonObject(value);
        if (isNotification(parsed)) return { text: value, path: path || '(message)' };
        continue;
      }
      if (isNotification(value)) return { text: JSON.stringify(value), path: path || '(message)' };
      if (depth === MAX_DEPTH) continue;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) next.push({ value: value[i], path: `${path}[${i}]` });
      } else if (isRecord(value)) {
        for (const key of Object.keys(value)) next.push({ value: value[key], path: path ? `${path}.${key}` : key });
      }
    }
    level = next;
  }
  return undefined;
}

function messageType(message: Json): WorkerMessageType | undefined {
  for (const holder of [message, message['data'], message['payload']]) {
    if (!isRecord(holder)) continue;
    for (const key of TYPE_KEYS) {
      const value = holder[key];
      if (typeof value === 'string' && TYPES.has(value)) return value as WorkerMessageType;
    }
  }
  return undefined;
}

/** The first value of one of `keys` in the message or its direct children. */
function field(message: Json, keys: string[], type: 'string' | 'number' | 'boolean'): unknown {
  for (const holder of [message, ...Object.values(message).filter(isRecord)]) {
    for (const key of keys) if (typeof holder[key] === type) return holder[key];
  }
  return undefined;
}

/**
 * Reads one `worker` channel frame. Never throws; a message that carries nothing about a socket
 * gives no items (it stays a worker message in the Frames tab). A capture's `$cut` wrapper
 * (src/capture/page/clone-json.ts) is looked through.
 */
export function readWorkerMessage(frame: Frame): BridgeReading {
  try {
    if (frame.kind !== 'text' || typeof frame.data !== 'string') return { type: undefined, items: [] };
    let message: unknown;
    try {
      message = JSON.parse(frame.data);
    } catch {
      return { type: undefined, items: [] };
    }
    if (isRecord(message) && isRecord(message['$cut']) && 'value' in message) message = message['value'];
    const dir = frame.dir === 'out' ? 'out' : 'in';
    const type = isRecord(message) ? messageType(message) : undefined;
    const items: BridgedItem[] = [];
    const record = isRecord(message) ? message : {};
    switch (type) {
      case 'websocket_opened': {
        const url = field(record, ['url', 'webSocketUrl', 'socketUrl'], 'string') as string | undefined;
        items.push({ kind: 'open', dir: 'in', path: 'type', ...(url !== undefined ? { url } : {}) });
        return { type, items };
      }
      case 'websocket_closed':
      case 'websocket_definitely_closed': {
        const code = field(record, ['code', 'closeCode'], 'number');
        const reason = field(record, ['reason', 'closeReason'], 'string');
        items.push({
          kind: 'close',
          dir: 'in',
          path: 'type',
          close: {
            code: typeof code === 'number' ? code : 1006,
            reason: typeof reason === 'string' ? reason : '',
            wasClean: field(record, ['wasClean'], 'boolean') === true,
          },
          definitive: type === 'websocket_definitely_closed',
        });
        return { type, items };
      }
      case 'connection_state': {
        const state = field(record, ['state', 'connectionState', 'status', 'value'], 'string');
        items.push({ kind: 'state', dir: 'in', path: 'type', data: typeof state === 'string' ? state : 'changed' });
        return { type, items };
      }
      default:
        break;
    }
    const found = findNotification(message);
    if (found) items.push({ kind: 'text', dir, data: found.text, path: found.path });
    return { type, items };
  } catch {
    return { type: undefined, items: [] };
  }
}
