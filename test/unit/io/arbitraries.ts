import fc from 'fast-check';
import { FRAME_DIRS, FRAME_KINDS, type Frame } from '../../../src/frame/frame';
import { hexPreview } from '../../../src/frame/hex';
import type { CaptureMeta } from '../../../src/io/capture-file';

/** Any UTF-16 code unit, lone surrogates included: the page may send any JS string. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
export const anyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: codeUnit }),
  fc.json(),
);

const hex = fc.uint8Array({ maxLength: 64 }).map((bytes) => hexPreview(bytes));
/** What a binary frame's data can be: a preview, a note from the interceptor, or nothing. */
const binaryData = fc.oneof(
  hex,
  hex,
  fc.constant('(preview unavailable: NotReadableError)'),
  fc.constant('00 0A'),
  anyString,
);

/** Epoch ms, as `Date.now()` gives (integers) or as a HAR import gives (seconds × 1000). */
const time = fc.oneof(
  fc.integer({ min: 0, max: 4_102_444_800_000 }),
  fc.double({ min: 1e12, max: 4.1e12, noNaN: true }),
  fc.integer({ min: 1_700_000_000_000_000, max: 1_800_000_000_000_000 }).map((us) => us / 1000),
);

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const frameBody = fc.record({
  t: time,
  socket: fc.oneof(fc.constantFrom('ws-1', 'ws-2', 'ws-3', 'capture'), fc.string({ maxLength: 8 })),
  url: optional(fc.oneof(fc.webUrl(), anyString)),
  dir: fc.constantFrom(...FRAME_DIRS),
  kind: fc.constantFrom(...FRAME_KINDS),
  size: fc.oneof(fc.nat(), fc.nat({ max: 100 })),
  close: optional(
    fc.record(
      { code: fc.integer({ min: 0, max: 65535 }), reason: anyString, wasClean: fc.boolean() },
      { noNullPrototype: true },
    ),
  ),
  http: optional(
    fc.record(
      {
        method: optional(fc.constantFrom('POST', 'PUT', 'GET')),
        status: optional(fc.integer({ min: 0, max: 599 })),
        trackingId: optional(anyString),
        api: optional(fc.constantFrom('fetch' as const, 'xhr' as const, 'har' as const)),
        error: optional(anyString),
      },
      { requiredKeys: [], noNullPrototype: true },
    ),
  ),
});

/** Any frame the Frame type allows, with data that suits its kind most of the time. */
const frameWithoutSeq = frameBody.chain((body) =>
  optional(body.kind === 'binary' ? binaryData : anyString).map((data) => {
    const frame: Omit<Frame, 'seq'> = {
      t: body.t,
      socket: body.socket,
      dir: body.dir,
      kind: body.kind,
      size: body.size,
    };
    if (body.url !== undefined) frame.url = body.url;
    if (body.close !== undefined) frame.close = body.close;
    if (body.http !== undefined) {
      const http: NonNullable<Frame['http']> = {};
      for (const [key, value] of Object.entries(body.http))
        if (value !== undefined) Object.assign(http, { [key]: value });
      frame.http = http;
    }
    if (data !== undefined) frame.data = data;
    return frame;
  }),
);

/** Frames as a capture holds them: seq rising from 1, with gaps where frames were lost. */
export const frames = fc.array(fc.tuple(frameWithoutSeq, fc.nat({ max: 3 })), { maxLength: 40 }).map((items) => {
  let seq = 0;
  return items.map(([frame, gap]) => ({ seq: (seq += 1 + (gap === 3 ? 5 : 0)), ...frame }) as Frame);
});

export const meta: fc.Arbitrary<CaptureMeta> = fc.record(
  {
    createdAt: fc.integer({ min: 0, max: 4_102_444_800_000 }),
    source: fc.record(
      {
        kind: fc.constantFrom('live', 'har', 'file'),
        url: fc.webUrl(),
        tabTitle: anyString,
        userAgent: fc.string(),
        extensionVersion: fc.string(),
        creator: fc.string(),
        // What a HAR the frames came from lacks (har-left-out.ts): any count a file may record.
        leftOut: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        unreadableCalls: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
      },
      { requiredKeys: ['kind'], noNullPrototype: true },
    ),
    redacted: fc.boolean(),
  },
  { noNullPrototype: true },
);

/** One message as Chrome exports it. */
export const chromeMessage = fc.oneof(
  fc.record({
    type: fc.constantFrom('send', 'receive'),
    time: fc.double({ min: 1.6e9, max: 2e9, noNaN: true }),
    opcode: fc.constant(1),
    data: anyString,
  }),
  fc.record({
    type: fc.constantFrom('send', 'receive'),
    time: fc.double({ min: 1.6e9, max: 2e9, noNaN: true }),
    opcode: fc.constant(2),
    data: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString('base64')),
  }),
  fc.record({
    type: fc.constant('error'),
    time: fc.double({ min: 1.6e9, max: 2e9, noNaN: true }),
    opcode: fc.constant(-1),
    data: anyString,
  }),
);
