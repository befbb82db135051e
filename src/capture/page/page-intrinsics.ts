/**
 * The built-ins the interceptor calls, taken from the page's realm at document_start, before any
 * page script runs. The interceptor shares its globals with the page, which may later replace
 * `Array.prototype.push`, `EventTarget.prototype.dispatchEvent` and the like: called through
 * these captured originals, it neither breaks nor hands the page its private channel node.
 */
// biome-ignore lint/suspicious/noExplicitAny: any callable built-in, whatever its signature.
type AnyFunction = (...args: any[]) => any;
type Uncurried<F extends AnyFunction> = (self: unknown, ...args: Parameters<F>) => ReturnType<F>;

export function pageIntrinsics(win: Window & typeof globalThis) {
  const callBound = win.Function.prototype.call;
  const uncurry = <F extends AnyFunction>(fn: F): Uncurried<F> => callBound.bind(fn) as Uncurried<F>;
  const target = win.EventTarget.prototype;
  const visibility = win.Object.getOwnPropertyDescriptor(win.Document.prototype, 'visibilityState')?.get;
  return {
    now: win.Date.now.bind(win.Date),
    setTimeout: win.setTimeout.bind(win),
    // Absent in some engines and in jsdom: the interceptor then falls back to timers.
    requestIdleCallback: typeof win.requestIdleCallback === 'function' ? win.requestIdleCallback.bind(win) : undefined,
    stringify: win.JSON.stringify.bind(win.JSON),
    min: win.Math.min,
    max: win.Math.max,
    construct: win.Reflect.construct,
    apply: win.Reflect.apply,
    defineProperty: win.Object.defineProperty,
    getOwnPropertyDescriptor: win.Object.getOwnPropertyDescriptor,
    isView: win.ArrayBuffer.isView,
    CustomEvent: win.CustomEvent,
    Blob: win.Blob,
    ArrayBuffer: win.ArrayBuffer,
    Uint8Array: win.Uint8Array,
    Proxy: win.Proxy,
    WeakMap: win.WeakMap,
    Map: win.Map,
    objectToString: uncurry(win.Object.prototype.toString),
    weakMapGet: uncurry(win.WeakMap.prototype.get),
    weakMapSet: uncurry(win.WeakMap.prototype.set),
    mapGet: uncurry(win.Map.prototype.get),
    mapSet: uncurry(win.Map.prototype.set),
    mapDelete: uncurry(win.Map.prototype.delete),
    arraySlice: uncurry(win.Array.prototype.slice),
    regexExec: uncurry(win.RegExp.prototype.exec),
    stringSlice: uncurry(win.String.prototype.slice),
    arraySplice: uncurry(win.Array.prototype.splice),
    arrayShift: uncurry(win.Array.prototype.shift),
    blobSlice: uncurry(win.Blob.prototype.slice),
    blobArrayBuffer: uncurry(win.Blob.prototype.arrayBuffer),
    promiseThen: uncurry(win.Promise.prototype.then),
    addEventListener: uncurry(target.addEventListener),
    removeEventListener: uncurry(target.removeEventListener),
    dispatchEvent: uncurry(target.dispatchEvent),
    createTextNode: uncurry(win.Document.prototype.createTextNode),
    appendChild: uncurry(win.Node.prototype.appendChild),
    /** `document.visibilityState`, read through the original getter. */
    visibilityState: (doc: Document): string => (visibility ? (callBound.call(visibility, doc) as string) : 'visible'),
  };
}
