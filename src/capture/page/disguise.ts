/**
 * Makes the capture's page-world wrappers indistinguishable from the browser's own functions.
 *
 * A wrapper (the WebSocket constructor, `send`, and any later one: Worker, fetch, XHR…) is a
 * `Proxy` of the native function, so `name`, `length`, own properties and `instanceof` already
 * forward to it. Three things would still give the extension away, and this module removes them:
 * - `Function.prototype.toString` of a Proxy reads `function () { [native code] }` (no name): the
 *   page realm's `toString` is itself replaced by a disguised Proxy that answers for a wrapper
 *   with the text of the function it wraps (and for itself with its own native text);
 * - an exception thrown through a trap (a bad URL, `send` while connecting, a bad `this`) carries
 *   a stack that names the extension's script: the trap rethrows it with those frames removed,
 *   and with as many frames as the page's `Error.stackTraceLimit` would have given natively;
 * - a flag on `window` to avoid installing twice: there is none; one disguise per window is kept
 *   in this module's own memory.
 *
 * Usage: `const disguise = disguiseFor(window); const Wrapped = disguise.wrap(Native, handler);`
 * Only the `apply` and `construct` traps of `handler` are guarded (the others do not run page-
 * visible code of ours); a trap must not let its own bugs escape (catch and report them).
 */
export interface Disguise {
  /** A Proxy of `native` with `handler`'s traps; its toString and thrown stacks are native's. */
  wrap<T extends object>(native: T, handler: ProxyHandler<T>): T;
  /** Removes our frames from `error`'s stack (exposed for wrappers that throw outside a trap). */
  scrub(error: unknown): unknown;
}

export interface DisguiseOptions {
  /**
   * Whether a stack line names our code. Default: any line with the extension's own origin
   * (`chrome-extension://<id>/`, `moz-extension://<uuid>/`), read from a stack taken here.
   */
  isOwnFrame?: (line: string) => boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: any callable built-in, whatever its signature.
type AnyFunction = (...args: any[]) => any;

/** Room for our own frames (trap + guard + Reflect builtins) on top of the page's limit. */
const EXTRA_FRAMES = 8;
/** The script of a stack frame: V8 `    at fn (URL:1:2)` / `    at URL:1:2`, SpiderMonkey `fn@URL:1:2`. */
const FRAME_SCRIPT = /^\s+at (?:.*\()?(.+?):\d+:\d+\)?$|^[^@\s]*@(.+?):\d+:\d+$/;

const disguises = new WeakMap<object, Disguise>();

/** The window's one disguise (created on first use, which must be before any page script runs). */
export function disguiseFor(win: Window & typeof globalThis, options: DisguiseOptions = {}): Disguise {
  let disguise = disguises.get(win);
  if (!disguise) {
    disguise = createDisguise(win, options);
    disguises.set(win, disguise);
  }
  return disguise;
}

/**
 * Recognises our own frames by the script this code runs from, read from a stack taken here: the
 * extension's URL in Chrome (`chrome-extension://<id>/content-scripts/interceptor.js`), the
 * `<anonymous code>` Firefox shows for content scripts.
 */
function ownScriptTest(win: Window & typeof globalThis): (line: string) => boolean {
  for (const line of String(new win.Error().stack ?? '').split('\n')) {
    const match = FRAME_SCRIPT.exec(line);
    const script = match?.[1] ?? match?.[2];
    if (script) return (frame) => frame.indexOf(`${script}:`) !== -1;
  }
  return () => false;
}

function createDisguise(win: Window & typeof globalThis, options: DisguiseOptions): Disguise {
  // Captured now, before any page script can replace them (see page-intrinsics.ts).
  const callBound = win.Function.prototype.call;
  const uncurry = <F extends AnyFunction>(fn: F) =>
    callBound.bind(fn) as (self: unknown, ...args: Parameters<F>) => ReturnType<F>;
  const { apply } = win.Reflect;
  const { defineProperty, getOwnPropertyDescriptor } = win.Object;
  const ProxyCtor = win.Proxy;
  const ErrorCtor = win.Error;
  const originals = new win.WeakMap<object, object>();
  const weakMapGet = uncurry(win.WeakMap.prototype.get);
  const weakMapSet = uncurry(win.WeakMap.prototype.set);
  const split = uncurry(win.String.prototype.split as (separator: string) => string[]);
  const join = uncurry(win.Array.prototype.join);
  const stringIndexOf = uncurry(win.String.prototype.indexOf);
  const isOwnFrame = options.isOwnFrame ?? ownScriptTest(win);

  /** V8 frame lines start with "    at "; SpiderMonkey's are "name@script:line:col". */
  const isFrameLine = (line: string): boolean =>
    stringIndexOf(line, '    at ') === 0 || stringIndexOf(line, '@') !== -1;
  /** V8 shows the `Reflect.apply`/`Reflect.construct` our traps call as builtin frames. */
  const isBuiltinLine = (line: string): boolean =>
    stringIndexOf(line, '    at Reflect.') === 0 && stringIndexOf(line, '(<anonymous>)') !== -1;

  /** The page's own limit as a plain number, or undefined (then we leave it alone). */
  function stackTraceLimit(): number | undefined {
    if (!limitHonoured) return undefined;
    return readLimit();
  }

  function readLimit(): number | undefined {
    const descriptor = getOwnPropertyDescriptor(ErrorCtor, 'stackTraceLimit');
    if (!descriptor || !('value' in descriptor) || !descriptor.writable) return undefined;
    const value: unknown = descriptor.value;
    return typeof value === 'number' && value >= 0 && value < 1e6 ? value : undefined;
  }

  /**
   * Whether the engine cuts every stack at `Error.stackTraceLimit`: V8 does (tried once, now,
   * before any page script runs). SpiderMonkey has the property but does not apply it to the
   * stacks the DOM captures for its exceptions, so there the page's limit is left alone.
   */
  const limitHonoured = ((): boolean => {
    const saved = readLimit();
    if (saved === undefined) return false;
    if (stringIndexOf(String(new ErrorCtor().stack ?? ''), '\n    at ') === -1) return false;
    const host = ErrorCtor as unknown as { stackTraceLimit: number };
    try {
      host.stackTraceLimit = 0;
      const lines = split(String(new ErrorCtor().stack ?? ''), '\n') as string[];
      for (let i = 0; i < lines.length; i++) if (lines[i] !== '' && isFrameLine(lines[i]!)) return false;
      return true;
    } finally {
      host.stackTraceLimit = saved;
    }
  })();

  function scrubText(stack: string, limit: number | undefined): string {
    const lines = split(stack, '\n') as string[];
    const kept: string[] = [];
    let frames = 0;
    // The message may span lines: only the trailing run of frame lines is examined (SpiderMonkey
    // ends the stack with a newline).
    let firstFrame = lines.length;
    if (firstFrame > 0 && lines[firstFrame - 1] === '') firstFrame--;
    while (firstFrame > 0 && isFrameLine(lines[firstFrame - 1]!)) firstFrame--;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (i >= firstFrame && line !== '') {
        if (isOwnFrame(line)) continue;
        if (isBuiltinLine(line) && i + 1 < lines.length && isOwnFrame(lines[i + 1]!)) continue;
        if (limit !== undefined && frames >= limit) continue;
        frames++;
      }
      kept[kept.length] = line;
    }
    return join(kept, '\n');
  }

  function scrubWith(error: unknown, limit: number | undefined): unknown {
    if ((typeof error !== 'object' && typeof error !== 'function') || error === null) return error;
    try {
      // V8: an own accessor pair. SpiderMonkey: an accessor inherited from the prototype, whose
      // setter makes an own data property (as a page's own assignment would).
      const descriptor = getOwnPropertyDescriptor(error, 'stack') ?? (('stack' in error && { get: true }) || undefined);
      if (!descriptor) return error;
      const hostErrorCtor = ErrorCtor as unknown as { prepareStackTrace?: unknown };
      const pagePrepare = hostErrorCtor.prepareStackTrace;
      if (typeof pagePrepare === 'function') {
        // The page formats stacks itself (V8): hand it only its own call sites, and only as many
        // as it would natively have had. (SpiderMonkey never calls it: then the text is scrubbed.)
        let formatted = false;
        hostErrorCtor.prepareStackTrace = (err: unknown, sites: { getFileName(): string | null }[]) => {
          formatted = true;
          const pageSites: unknown[] = [];
          for (let i = 0; i < sites.length; i++) {
            const name = sites[i]!.getFileName();
            if (name !== null && isOwnFrame(`${name}:`)) continue;
            if (limit === undefined || pageSites.length < limit) pageSites[pageSites.length] = sites[i];
          }
          return apply(pagePrepare as AnyFunction, ErrorCtor, [err, pageSites]);
        };
        try {
          // Reading formats the stack once, through the filter above; V8 keeps that text.
          void (error as { stack?: unknown }).stack;
        } finally {
          hostErrorCtor.prepareStackTrace = pagePrepare;
        }
        if (formatted) return error;
      }
      const stack = 'get' in descriptor ? (error as { stack?: unknown }).stack : descriptor.value;
      if (typeof stack !== 'string') return error;
      const clean = scrubText(stack, limit);
      if (clean === stack) return error;
      // V8 keeps `stack` as an own accessor pair whose setter replaces the text: the error keeps
      // its shape. A data property is redefined with its own attributes.
      if ('get' in descriptor) (error as { stack?: unknown }).stack = clean;
      else defineProperty(error, 'stack', { ...descriptor, value: clean });
    } catch {
      // Scrubbing is best effort: the page must get its exception whatever happens here.
    }
    return error;
  }

  function guard(trap: AnyFunction, handler: object): AnyFunction {
    return (...args: unknown[]) => {
      const limit = stackTraceLimit();
      if (limit !== undefined)
        (ErrorCtor as unknown as { stackTraceLimit: number }).stackTraceLimit = limit + EXTRA_FRAMES;
      try {
        return apply(trap, handler, args);
      } catch (error) {
        throw scrubWith(error, limit);
      } finally {
        if (limit !== undefined) (ErrorCtor as unknown as { stackTraceLimit: number }).stackTraceLimit = limit;
      }
    };
  }

  function wrap<T extends object>(native: T, handler: ProxyHandler<T>): T {
    const traps: ProxyHandler<T> = { ...handler };
    if (handler.apply) traps.apply = guard(handler.apply, handler);
    if (handler.construct) traps.construct = guard(handler.construct, handler);
    const proxy = new ProxyCtor(native, traps);
    weakMapSet(originals, proxy, native);
    return proxy;
  }

  // `toString` answers for every wrapper with its native's text, and for itself with its own.
  const FunctionProto = win.Function.prototype;
  const nativeToString = FunctionProto.toString;
  const disguisedToString = wrap(nativeToString, {
    apply(target, self, args) {
      const original = (
        self !== null && (typeof self === 'function' || typeof self === 'object')
          ? weakMapGet(originals, self)
          : undefined
      ) as object | undefined;
      return apply(target, original ?? self, args);
    },
  });
  weakMapSet(originals, disguisedToString, nativeToString);
  try {
    defineProperty(FunctionProto, 'toString', {
      ...getOwnPropertyDescriptor(FunctionProto, 'toString'),
      value: disguisedToString,
    });
  } catch {
    // A frozen Function.prototype (not at document_start): wrappers then read as anonymous.
  }
  return { wrap, scrub: (error) => scrubWith(error, undefined) };
}
