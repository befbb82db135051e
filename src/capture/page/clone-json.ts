import { hexPreview, PREVIEW_BYTES } from '../../frame/hex';

/**
 * Structured-clone data (a worker message) as JSON text, without ever throwing and within a size
 * cap. JSON cannot hold everything a message can, so those values are described instead:
 *
 * | value | written as |
 * |---|---|
 * | `undefined`, `NaN`, `±Infinity`, a `bigint` | `{"$type":"undefined"}`, `{"$type":"number","value":"NaN"}`, `{"$type":"bigint","value":"12"}` |
 * | a typed array, `DataView`, `ArrayBuffer` | `{"$type":"Uint8Array","length":n,"bytes":"00 01 …"}` (hex of the first 64 bytes) |
 * | `Map`, `Set` | `{"$type":"Map","entries":[[k,v],…]}`, `{"$type":"Set","values":[…]}` |
 * | `Date`, `RegExp`, an `Error` | `{"$type":"Date","value":<ms>}`, `{"$type":"RegExp","value":"/a/g"}`, `{"$type":"Error","name":…,"message":…}` |
 * | `Blob`, `File` | `{"$type":"Blob","size":n,"type":"…"}` |
 * | any other host object (`MessagePort`, `ImageBitmap`…) | `{"$type":"MessagePort"}` |
 * | a cycle | `{"$cycle":n}` (n: how many levels up the repeated object is) |
 * | an accessor property (only a page's own objects have them) | `{"$type":"accessor"}` (never called) |
 * | a credential: the value of a key naming a token, authorization, cookie, password, secret or API key, or a string starting with the word `Bearer` | `{"$type":"redacted"}` (never recorded, whatever the key's value) |
 *
 * When the text would pass `maxChars` (UTF-16 units), long strings are shortened and later values
 * left out; the result is then wrapped as `{"$cut":{"chars":<dropped string units>,"values":<values
 * left out>},"value":<what was kept>}`, so a cut is always visible and the text stays valid JSON.
 */
export interface CloneJsonNatives {
  stringify: (value: unknown) => string;
  isArray: (value: unknown) => value is unknown[];
  isView: (value: unknown) => value is ArrayBufferView;
  keys: (value: object) => string[];
  getOwnPropertyDescriptor: (value: object, key: PropertyKey) => PropertyDescriptor | undefined;
  getPrototypeOf: (value: object) => object | null;
  objectToString: (value: unknown) => string;
  arrayPush: (list: unknown[], value: unknown) => number;
  arrayJoin: (list: unknown[], separator: string) => string;
  arrayIndexOf: (list: unknown[], value: unknown) => number;
  arrayPop: (list: unknown[]) => unknown;
  mapForEach: (map: unknown, fn: (value: unknown, key: unknown) => void) => void;
  setForEach: (set: unknown, fn: (value: unknown) => void) => void;
  dateGetTime: (date: unknown) => number;
  regExpToString: (re: unknown) => string;
  blobSize: (blob: unknown) => number;
  blobType: (blob: unknown) => string;
  arrayBufferByteLength: (buffer: unknown) => number;
  Uint8Array: typeof Uint8Array;
  ArrayBuffer: typeof ArrayBuffer;
  Blob: typeof Blob;
  isFinite: (n: number) => boolean;
  stringSlice: (text: string, start: number, end: number) => string;
  String: (value: unknown) => string;
  /** True for a key whose value is a credential. */
  isSecretKey: (key: string) => boolean;
  defineProperty: (value: object, key: PropertyKey, descriptor: PropertyDescriptor) => object;
  createObject: (proto: null) => Record<string, unknown>;
}

export const DEFAULT_MAX_CHARS = 1024 * 1024;
const MAX_DEPTH = 48;

/** The natives this module calls, captured from the page's realm before any page script runs. */
export function cloneJsonNatives(win: Window & typeof globalThis): CloneJsonNatives {
  const call = win.Function.prototype.call;
  // biome-ignore lint/suspicious/noExplicitAny: any callable built-in.
  const uncurry = (fn: (...args: any[]) => any) => call.bind(fn) as (self: unknown, ...args: unknown[]) => never;
  const getter = (proto: object, key: string) => uncurry(win.Object.getOwnPropertyDescriptor(proto, key)!.get!);
  return {
    stringify: win.JSON.stringify.bind(win.JSON),
    isArray: win.Array.isArray,
    isView: win.ArrayBuffer.isView,
    keys: win.Object.keys,
    getOwnPropertyDescriptor: win.Object.getOwnPropertyDescriptor,
    getPrototypeOf: win.Object.getPrototypeOf,
    objectToString: uncurry(win.Object.prototype.toString),
    arrayPush: uncurry(win.Array.prototype.push),
    arrayJoin: uncurry(win.Array.prototype.join),
    arrayIndexOf: uncurry(win.Array.prototype.indexOf),
    arrayPop: uncurry(win.Array.prototype.pop),
    mapForEach: uncurry(win.Map.prototype.forEach),
    setForEach: uncurry(win.Set.prototype.forEach),
    dateGetTime: uncurry(win.Date.prototype.getTime),
    regExpToString: uncurry(win.RegExp.prototype.toString),
    blobSize: getter(win.Blob.prototype, 'size'),
    blobType: getter(win.Blob.prototype, 'type'),
    arrayBufferByteLength: getter(win.ArrayBuffer.prototype, 'byteLength'),
    Uint8Array: win.Uint8Array,
    ArrayBuffer: win.ArrayBuffer,
    Blob: win.Blob,
    isFinite: win.Number.isFinite,
    stringSlice: uncurry(win.String.prototype.slice),
    String: win.String,
    isSecretKey: secretKeyTest(win),
    defineProperty: win.Object.defineProperty,
    createObject: win.Object.create,
  };
}

/**
 * The credential key test, immune to a page that patches `RegExp.prototype.exec` (which `test`
 * looks up on the object): the regex carries the native `exec` as its own property.
 */
function secretKeyTest(win: Window & typeof globalThis): (key: string) => boolean {
  const re = new win.RegExp('token|authori[sz]ation|cookie|passw|secret|api[-_]?key|credential|jwt', 'i');
  win.Object.defineProperty(re, 'exec', { value: win.RegExp.prototype.exec });
  const test = win.Function.prototype.call.bind(win.RegExp.prototype.test) as (re: RegExp, text: string) => boolean;
  return (key) => test(re, key);
}

const BEARER = 'bearer';

/**
 * Whether the string starts with the word `Bearer` (any case; then anything but a letter, a digit
 * or `_`): it is then taken whole as a credential, whatever follows, as the hub's text cleaner
 * does (`BEARER` in src/frame/credentials.ts).
 */
function isBearer(text: string): boolean {
  if (text.length < BEARER.length) return false;
  // ASCII letters only: | 0x20 lowers a capital and keeps a lowercase letter.
  for (let i = 0; i < BEARER.length; i++) if ((text.charCodeAt(i) | 0x20) !== BEARER.charCodeAt(i)) return false;
  if (text.length === BEARER.length) return true;
  const c = text.charCodeAt(BEARER.length);
  return !((c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 122) || c === 95);
}

export function cloneToJson(value: unknown, n: CloneJsonNatives, maxChars = DEFAULT_MAX_CHARS): string {
  return writeJson(value, n, maxChars, false) as string;
}

/**
 * JSON text in pieces: `texts[0] + JSON.stringify(strings[0]) + texts[1] + … + texts[n]` (one more
 * text than strings). The strings are the message's own, not yet escaped.
 */
export interface JsonPieces {
  texts: string[];
  strings: string[];
}

/** Strings at least this long are left for the hub to escape (shorter ones cost less inline). */
export const DEFERRED_STRING_UNITS = 256;

/**
 * `cloneToJson`'s text with its long strings not yet escaped: escaping is a pass over every
 * character that makes a second copy of it, and the hub can do it instead of the page
 * (`joinJsonPieces` in page-chunk.ts gives back the very text). A plain string when there is
 * nothing to leave, or when the text might be cut (the cut depends on escaped lengths): then it
 * is exactly `cloneToJson`'s.
 */
export function cloneToJsonPieces(
  value: unknown,
  n: CloneJsonNatives,
  maxChars = DEFAULT_MAX_CHARS,
): string | JsonPieces {
  return writeJson(value, n, maxChars, true) ?? cloneToJson(value, n, maxChars);
}

/**
 * The writer of both. With `defer`, a long string counts at its longest escaped length (6 units a
 * character, plus quotes); should anything be cut under that bound, it returns undefined and the
 * caller writes the exact text instead. Without a cut the bound changed no decision, so the
 * pieces join to the exact text.
 */
function writeJson(
  value: unknown,
  n: CloneJsonNatives,
  maxChars: number,
  defer: boolean,
): string | JsonPieces | undefined {
  const out: unknown[] = [];
  const texts: string[] = [];
  const strings: string[] = [];
  const ancestors: unknown[] = [];
  let used = 0;
  let cutChars = 0;
  let cutValues = 0;

  const emit = (text: string): void => {
    n.arrayPush(out, text);
    used += text.length;
  };

  const typed = (type: string, extra: string): void => {
    emit(`{"$type":${n.stringify(type)}${extra}}`);
  };

  const bytes = (buffer: ArrayBufferLike, offset: number, length: number): string =>
    // biome-ignore lint/complexity/useMathMinMax: the page may replace Math.min; a comparison it cannot.
    hexPreview(new n.Uint8Array(buffer, offset, length < PREVIEW_BYTES ? length : PREVIEW_BYTES));

  const write = (v: unknown, depth: number): void => {
    if (used >= maxChars) {
      cutValues++;
      emit('null');
      return;
    }
    switch (typeof v) {
      case 'string': {
        if (isBearer(v)) {
          typed('redacted', '');
          return;
        }
        const room = maxChars - used;
        if (defer && v.length >= DEFERRED_STRING_UNITS && 6 * v.length + 2 <= room) {
          n.arrayPush(texts, n.arrayJoin(out, ''));
          out.length = 0;
          n.arrayPush(strings, v);
          used += 6 * v.length + 2;
          return;
        }
        if (v.length > room) {
          cutChars += v.length - room;
          emit(n.stringify(n.stringSlice(v, 0, room)));
        } else emit(n.stringify(v));
        return;
      }
      case 'number':
        if (n.isFinite(v)) emit(n.stringify(v));
        else typed('number', `,"value":${n.stringify(n.String(v))}`);
        return;
      case 'boolean':
        emit(v ? 'true' : 'false');
        return;
      case 'undefined':
        typed('undefined', '');
        return;
      case 'bigint':
        typed('bigint', `,"value":${n.stringify(n.String(v))}`);
        return;
      case 'symbol':
      case 'function':
        typed(typeof v, '');
        return;
    }
    if (v === null) {
      emit('null');
      return;
    }
    const object = v as object;
    const up = n.arrayIndexOf(ancestors, object);
    if (up >= 0) {
      emit(`{"$cycle":${ancestors.length - up}}`);
      return;
    }
    if (depth >= MAX_DEPTH) {
      cutValues++;
      typed('depth-limit', '');
      return;
    }
    n.arrayPush(ancestors, object);
    try {
      writeObject(object, depth);
    } finally {
      n.arrayPop(ancestors);
    }
  };

  const writeObject = (object: object, depth: number): void => {
    if (n.isArray(object)) {
      emit('[');
      const length = object.length;
      for (let i = 0; i < length; i++) {
        if (used >= maxChars) {
          cutValues += length - i;
          break;
        }
        if (i) emit(',');
        write(object[i], depth + 1);
      }
      emit(']');
      return;
    }
    const tag = n.objectToString(object);
    if (tag === '[object Object]') {
      writeProperties(object, depth, '{');
      return;
    }
    if (n.isView(object)) {
      const view = object as ArrayBufferView;
      const length = 'length' in view ? (view as Uint8Array).length : view.byteLength;
      typed(
        n.stringSlice(tag, 8, tag.length - 1),
        `,"length":${length},"bytes":"${bytes(view.buffer, view.byteOffset, view.byteLength)}"`,
      );
      return;
    }
    if (object instanceof n.ArrayBuffer) {
      const length = n.arrayBufferByteLength(object);
      typed('ArrayBuffer', `,"length":${length},"bytes":"${bytes(object, 0, length)}"`);
      return;
    }
    if (object instanceof n.Blob) {
      typed(
        n.stringSlice(tag, 8, tag.length - 1),
        `,"size":${n.blobSize(object)},"type":${n.stringify(n.blobType(object))}`,
      );
      return;
    }
    switch (tag) {
      case '[object Map]': {
        emit('{"$type":"Map","entries":[');
        let first = true;
        n.mapForEach(object, (value, key) => {
          if (used >= maxChars) {
            cutValues++;
            return;
          }
          emit(first ? '[' : ',[');
          first = false;
          write(key, depth + 1);
          emit(',');
          write(value, depth + 1);
          emit(']');
        });
        emit(']}');
        return;
      }
      case '[object Set]': {
        emit('{"$type":"Set","values":[');
        let first = true;
        n.setForEach(object, (value) => {
          if (used >= maxChars) {
            cutValues++;
            return;
          }
          if (!first) emit(',');
          first = false;
          write(value, depth + 1);
        });
        emit(']}');
        return;
      }
      case '[object Date]': {
        const time = n.dateGetTime(object);
        typed('Date', `,"value":${n.isFinite(time) ? time : 'null'}`);
        return;
      }
      case '[object RegExp]':
        typed('RegExp', `,"value":${n.stringify(n.regExpToString(object))}`);
        return;
      case '[object Error]':
        writeProperties(object, depth, '{"$type":"Error",', ['name', 'message']);
        return;
      default:
        typed(n.stringSlice(tag, 8, tag.length - 1), '');
    }
  };

  /** Own enumerable properties read through descriptors: a getter of the page's is never called. */
  const writeProperties = (object: object, depth: number, open: string, only?: string[]): void => {
    emit(open);
    const keys = only ?? n.keys(object);
    let first = true;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      let descriptor = n.getOwnPropertyDescriptor(object, key);
      // An error's name lives on its prototype (TypeError.prototype.name).
      for (let proto = only ? n.getPrototypeOf(object) : null; !descriptor && proto; proto = n.getPrototypeOf(proto)) {
        descriptor = n.getOwnPropertyDescriptor(proto, key);
      }
      if (!descriptor) continue;
      if (used >= maxChars) {
        cutValues += keys.length - i;
        break;
      }
      emit(first ? `${n.stringify(key)}:` : `,${n.stringify(key)}:`);
      first = false;
      if (n.isSecretKey(key)) typed('redacted', '');
      else if ('value' in descriptor) write(descriptor.value, depth + 1);
      else typed('accessor', '');
    }
    emit('}');
  };

  write(value, 0);
  const text = n.arrayJoin(out, '');
  if (defer) {
    if (cutChars || cutValues) return undefined;
    if (!strings.length) return text;
    n.arrayPush(texts, text);
    return { texts, strings };
  }
  if (!cutChars && !cutValues) return text;
  return `{"$cut":{"chars":${cutChars},"values":${cutValues}},"value":${text}}`;
}

/**
 * A structural copy of a JSON-like message (plain objects with data properties, arrays,
 * primitives) that `cloneToJson` later turns into exactly the text it would give for the original
 * now; `undefined` for anything else (a typed array, a Map, an accessor, a tag of its own...), which
 * the caller then serialises at once as before. Strings are immutable and kept by reference, so
 * the copy costs per value, not per byte: the per-byte work (escaping every string into JSON)
 * moves out of the message's task into the hand-off's idle-time slices, while a page that
 * changes the message object afterwards changes nothing recorded. Cycles are copied as cycles
 * (they print as `{"$cycle":n}` as before); `units` estimates the text's length (UTF-16 units)
 * for the queue's bounds, and a copy that would pass `maxChars` is refused (cloneToJson cuts it).
 * Every object is made with the page realm's natives and filled by `defineProperty`, never by
 * assignment, so no setter a page put on a prototype is called.
 */
export function snapshotForJson(
  value: unknown,
  n: CloneJsonNatives,
  maxChars = DEFAULT_MAX_CHARS,
): { value: unknown; units: number } | undefined {
  const ancestors: unknown[] = [];
  const copies: unknown[] = [];
  let units = 0;
  let refused = false;

  // A data property defined, not assigned: a setter the page put on Object.prototype never runs.
  const put = (out: object, key: string | number, value: unknown): void => {
    n.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  };
  const copy = (v: unknown, depth: number): unknown => {
    if (refused) return null;
    switch (typeof v) {
      case 'string':
        units += v.length + 2;
        return v;
      case 'number':
      case 'boolean':
      case 'undefined':
      case 'bigint':
        units += 8;
        return v;
      case 'symbol':
      case 'function':
        refused = true;
        return null;
    }
    if (v === null) {
      units += 4;
      return v;
    }
    if (units > maxChars) {
      refused = true;
      return null;
    }
    const object = v as object;
    const up = n.arrayIndexOf(ancestors, object);
    if (up >= 0) return copies[up];
    // Deeper than cloneToJson looks: it writes a depth-limit marker without reading inside.
    if (depth >= MAX_DEPTH) return n.createObject(null);
    if (n.isArray(object)) {
      const out: unknown[] = [];
      n.arrayPush(ancestors, object);
      n.arrayPush(copies, out);
      const length = object.length;
      for (let i = 0; i < length && !refused; i++) {
        units += 1;
        put(out, i, copy(object[i], depth + 1));
      }
      n.arrayPop(ancestors);
      n.arrayPop(copies);
      return out;
    }
    if (n.objectToString(object) !== '[object Object]') {
      refused = true;
      return null;
    }
    const out = n.createObject(null);
    n.arrayPush(ancestors, object);
    n.arrayPush(copies, out);
    const keys = n.keys(object);
    for (let i = 0; i < keys.length && !refused; i++) {
      const key = keys[i]!;
      const descriptor = n.getOwnPropertyDescriptor(object, key);
      if (!descriptor) continue;
      if (!('value' in descriptor)) {
        refused = true;
        break;
      }
      units += key.length + 4;
      put(out, key, copy(descriptor.value, depth + 1));
    }
    n.arrayPop(ancestors);
    n.arrayPop(copies);
    return out;
  };

  const result = copy(value, 0);
  return refused || units > maxChars ? undefined : { value: result, units };
}
