import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import { CAPTURE_FORMAT, parseCaptureFile, writeCaptureFile, type CaptureMeta } from '../../../src/io/capture-file';
import { FramesFileError } from '../../../src/io/file-error';
import { frames as framesArb, meta as metaArb } from './arbitraries';

const meta: CaptureMeta = {
  createdAt: 1767603600000,
  source: { kind: 'live', url: 'https://desktop.wxcc-us1.cisco.com/' },
  redacted: false,
};
const sample: Frame[] = [
  {
    seq: 1,
    t: 1767603600074,
    socket: 'ws-1',
    dir: 'in',
    kind: 'open',
    size: 0,
    url: 'wss://notifs.example/v1/notification/subscription/x',
  },
  { seq: 2, t: 1767603600075, socket: 'ws-1', dir: 'out', kind: 'text', size: 20, data: '{"keepalive":"true"}' },
  { seq: 4, t: 1767603600080, socket: 'ws-1', dir: 'in', kind: 'binary', size: 300, data: '00 01 ff' },
  {
    seq: 5,
    t: 1767603600090,
    socket: 'capture',
    dir: 'meta',
    kind: 'notice',
    size: 0,
    data: 'interceptor shed 1 frames',
  },
  {
    seq: 6,
    t: 1767603600100,
    socket: 'ws-1',
    dir: 'in',
    kind: 'close',
    size: 0,
    close: { code: 1006, reason: '', wasClean: false },
  },
];

describe('writeCaptureFile', () => {
  it('writes the header, then one frame per line, as one valid JSON value', () => {
    const text = writeCaptureFile(sample, meta);
    const lines = text.split('\n');
    expect(lines.slice(0, 7)).toEqual([
      '{',
      `  "format": "${CAPTURE_FORMAT}",`,
      '  "version": 1,',
      '  "createdAt": 1767603600000,',
      '  "source": {"kind":"live","url":"https://desktop.wxcc-us1.cisco.com/"},',
      '  "redacted": false,',
      '  "frames": [',
    ]);
    expect(lines[7]).toBe(
      '    {"seq":1,"t":1767603600074,"socket":"ws-1","dir":"in","kind":"open","size":0,"url":"wss://notifs.example/v1/notification/subscription/x"},',
    );
    expect(lines[11]).toBe(
      '    {"seq":6,"t":1767603600100,"socket":"ws-1","dir":"in","kind":"close","size":0,"close":{"code":1006,"reason":"","wasClean":false}}',
    );
    expect(lines.slice(12)).toEqual(['  ]', '}', '']);
    expect(JSON.parse(text)).toMatchObject({ format: CAPTURE_FORMAT, version: 1, frames: sample });
  });

  it('writes the same bytes whatever the key order of the frames and the source', () => {
    const shuffled = sample.map((f) => Object.fromEntries(Object.entries(f).reverse()) as Frame);
    const source = { url: meta.source.url, kind: 'live' } as CaptureMeta['source'];
    expect(writeCaptureFile(shuffled, { ...meta, source })).toBe(writeCaptureFile(sample, meta));
  });

  it('writes an empty capture', () => {
    const text = writeCaptureFile([], meta);
    expect(text).toContain('"frames": []');
    expect(parseCaptureFile(JSON.parse(text)).frames).toEqual([]);
  });

  it('leaves out what is not part of the format (stray keys on frames and source)', () => {
    const stray = { ...sample[1]!, extra: 1 } as Frame;
    const text = writeCaptureFile([stray], {
      ...meta,
      source: { ...meta.source, secret: 'x' } as CaptureMeta['source'],
    });
    expect(text).not.toContain('extra');
    expect(text).not.toContain('secret');
  });
});

describe("a capture from a HAR: what the HAR's frames lack, in its source", () => {
  const fromHar: CaptureMeta = {
    createdAt: 1767603600000,
    source: { kind: 'file', creator: 'WebInspector 537.36', leftOut: 1204, unreadableCalls: 2 },
    redacted: true,
  };
  const header = (text: string) => text.split('\n')[4];
  const withSource = (source: unknown) => ({ ...JSON.parse(writeCaptureFile(sample, meta)), source });

  it('is written after what the source says of itself, and read back', () => {
    const text = writeCaptureFile(sample, fromHar);
    expect(header(text)).toBe(
      '  "source": {"kind":"file","creator":"WebInspector 537.36","leftOut":1204,"unreadableCalls":2},',
    );
    expect(parseCaptureFile(JSON.parse(text)).source).toStrictEqual(fromHar.source);
  });

  it('is not written when nothing was left out: the file is as before', () => {
    const none = { ...fromHar, source: { kind: 'file' as const, creator: 'WebInspector 537.36' } };
    expect(header(writeCaptureFile(sample, none))).toBe('  "source": {"kind":"file","creator":"WebInspector 537.36"},');
  });

  it('a file written before it was recorded reads as before, with no count', () => {
    const old = withSource({ kind: 'har', creator: 'WebInspector 537.36' });
    expect(parseCaptureFile(old).source).toStrictEqual({ kind: 'har', creator: 'WebInspector 537.36' });
  });

  it('a count that is not a whole number from 1 up is dropped, and the capture read whole', () => {
    const hostile: unknown[] = [-1, 0, 2.5, '12', null, true, [3], { n: 3 }, 2 ** 53, Number.MAX_VALUE, -0];
    for (const count of hostile) {
      const file = withSource({ kind: 'file', url: 'https://x.example/', leftOut: count, unreadableCalls: count });
      const parsed = parseCaptureFile(file);
      expect(parsed.source, JSON.stringify(count)).toStrictEqual({ kind: 'file', url: 'https://x.example/' });
      expect(parsed.frames).toStrictEqual(sample);
    }
    // 1e400 in the file's text is Infinity once parsed; the largest safe integer is a count.
    const text = writeCaptureFile(sample, meta).replace('"kind":"live"', '"kind":"live","leftOut":1e400');
    expect(parseCaptureFile(JSON.parse(text)).source).toStrictEqual(meta.source);
    const most = withSource({ kind: 'file', leftOut: Number.MAX_SAFE_INTEGER });
    expect(parseCaptureFile(most).source).toStrictEqual({ kind: 'file', leftOut: Number.MAX_SAFE_INTEGER });
  });

  it('a count given to the writer that no reader would take is not written', () => {
    const source = { kind: 'file', leftOut: -3, unreadableCalls: Number.NaN } as unknown as CaptureMeta['source'];
    expect(header(writeCaptureFile(sample, { ...meta, source }))).toBe('  "source": {"kind":"file"},');
  });
});

describe('parseCaptureFile', () => {
  it('reads back what was written', () => {
    const parsed = parseCaptureFile(JSON.parse(writeCaptureFile(sample, meta)));
    expect(parsed).toStrictEqual({ format: CAPTURE_FORMAT, version: 1, ...meta, frames: sample });
  });

  it('is lossless for any frames: unicode, lone surrogates, binary previews, close info, fractional times', () => {
    fc.assert(
      fc.property(framesArb, metaArb, (frames, meta) => {
        const parsed = parseCaptureFile(JSON.parse(writeCaptureFile(frames, meta)));
        expect(parsed.frames).toStrictEqual(frames);
        expect({ createdAt: parsed.createdAt, source: parsed.source, redacted: parsed.redacted }).toStrictEqual(meta);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a lone surrogate as the same code unit', () => {
    const frame: Frame = { seq: 1, t: 1, socket: 'ws-1', dir: 'in', kind: 'text', size: 3, data: 'a\ud800b\udfff' };
    const text = writeCaptureFile([frame], meta);
    expect(text).toContain('a\\ud800b\\udfff');
    expect(parseCaptureFile(JSON.parse(text)).frames[0]!.data).toBe('a\ud800b\udfff');
  });

  const valid = () =>
    JSON.parse(writeCaptureFile(sample, meta)) as Record<string, unknown> & { frames: Record<string, unknown>[] };
  const error = (value: unknown) => {
    try {
      parseCaptureFile(value);
    } catch (e) {
      expect(e).toBeInstanceOf(FramesFileError);
      return (e as Error).message;
    }
    throw new Error('expected parseCaptureFile to throw');
  };

  it('names the frame index and the field of an invalid frame', () => {
    const file = valid();
    file.frames[2]!['seq'] = '4';
    expect(error(file)).toBe('invalid capture file: frames[2].seq: Invalid type: Expected number but received "4"');
    const missing = valid();
    delete missing.frames[3]!['socket'];
    expect(error(missing)).toBe(
      'invalid capture file: frames[3].socket: Invalid key: Expected "socket" but received undefined',
    );
    const dir = valid();
    dir.frames[0]!['dir'] = 'sideways';
    expect(error(dir)).toMatch(
      /^invalid capture file: frames\[0\]\.dir: Invalid type: Expected \("in" \| "out" \| "meta"\) but received "sideways"$/,
    );
    const close = valid();
    (close.frames[4]!['close'] as Record<string, unknown>)['code'] = null;
    expect(error(close)).toBe(
      'invalid capture file: frames[4].close.code: Invalid type: Expected number but received null',
    );
    const seq = valid();
    seq.frames[1]!['seq'] = 0;
    expect(error(seq)).toBe('invalid capture file: frames[1].seq: Invalid value: Expected >=1 but received 0');
  });

  it('reads a time that is not a number as NaN, for repairFrames to set and report; a missing one is refused', () => {
    const file = valid();
    const values: unknown[] = [null, 'abc', false, [1], { t: 1 }];
    values.forEach((t, i) => {
      file.frames[i]!['t'] = t;
    });
    expect(parseCaptureFile(file).frames.map((f) => f.t)).toEqual([
      Number.NaN,
      Number.NaN,
      Number.NaN,
      Number.NaN,
      Number.NaN,
      ...sample.slice(values.length).map((f) => f.t),
    ]);
    const missing = valid();
    delete missing.frames[1]!['t'];
    expect(error(missing)).toBe('invalid capture file: frames[1].t: Invalid key: Expected "t" but received undefined');
  });

  it('says when the version is one it does not read', () => {
    expect(error({ ...valid(), version: 2 })).toBe(
      'unsupported capture version 2: this wxcc-inspector reads version 1; a newer wxcc-inspector wrote it',
    );
    expect(error({ ...valid(), version: '1' })).toBe('invalid capture file: "version" is "1", expected 1');
  });

  it('names a missing or wrong header field', () => {
    expect(error({ ...valid(), format: 'other' })).toBe(
      'not a capture file: "format" is "other", expected "wxcc-inspector-capture"',
    );
    const { createdAt: _, ...noCreatedAt } = valid();
    expect(error(noCreatedAt)).toBe(
      'invalid capture file: createdAt: Invalid key: Expected "createdAt" but received undefined',
    );
    expect(error({ ...valid(), source: { kind: 'tab' } })).toMatch(/^invalid capture file: source\.kind: /);
    expect(error({ ...valid(), redacted: 'no' })).toBe(
      'invalid capture file: redacted: Invalid type: Expected boolean but received "no"',
    );
    expect(error({ ...valid(), frames: {} })).toBe(
      'invalid capture file: frames: Invalid type: Expected Array but received Object',
    );
    expect(error([])).toBe('not a capture file: expected an object, got an array');
  });
});
