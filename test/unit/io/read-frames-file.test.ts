import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import { writeCaptureFile, type CaptureMeta } from '../../../src/io/capture-file';
import { writeHar } from '../../../src/io/har';
import { readFramesFile, readFramesValue } from '../../../src/io/read-frames-file';

const meta: CaptureMeta = { createdAt: 1767603700000, source: { kind: 'live' }, redacted: false };
const frames: Frame[] = [
  { seq: 1, t: 1767603600074, socket: 'ws-1', dir: 'in', kind: 'open', size: 0, url: 'wss://x/' },
  { seq: 2, t: 1767603600075, socket: 'ws-1', dir: 'in', kind: 'text', size: 20, data: '{"keepalive":"true"}' },
];

function error(text: string): string {
  const result = readFramesFile(text);
  if (result.ok) throw new Error('expected an error');
  // One line, for the CLI's exit-2 reason and the viewer's message.
  expect(result.error).not.toContain('\n');
  return result.error;
}

describe('readFramesFile', () => {
  it('reads a capture file', () => {
    expect(readFramesFile(writeCaptureFile(frames, meta))).toStrictEqual({
      ok: true,
      kind: 'capture',
      frames,
      meta,
      added: 0,
      leftOut: 0,
      unreadableCalls: 0,
    });
  });

  it('refuses a creation time no date holds, in a capture file and in our HAR (a copy of it would write null)', () => {
    const capture = writeCaptureFile(frames, meta).replace('"createdAt": 1767603700000', '"createdAt": 1e400');
    expect(capture).toContain('1e400');
    expect(error(capture)).toMatch(/createdAt: expected ms since the epoch that a date can hold/);
    const har = writeHar(frames, meta).replace('"createdAt": 1767603700000', '"createdAt": 8640000000000001');
    expect(har).toContain('8640000000000001');
    expect(error(har)).toMatch(/createdAt: expected ms since the epoch that a date can hold/);
  });

  it("marks the frames of a capture made from a browser's HAR by an older version `file`: their closes were never recorded", () => {
    const fromHar = (source: CaptureMeta['source']) => {
      const read = readFramesFile(writeCaptureFile(frames, { ...meta, source }));
      if (!read.ok) throw new Error(read.error);
      return read.frames.map((f) => f.source);
    };
    expect(fromHar({ kind: 'file', creator: 'WebInspector 537.36' })).toEqual(['file', 'file']);
    expect(fromHar({ kind: 'har' })).toEqual(['file', 'file']);
    // Captured live, or through a HAR wxcc-inspector wrote (its opens and closes are real): as they were.
    expect(fromHar({ kind: 'file', creator: 'wxcc-inspector 0.1.0' })).toEqual([undefined, undefined]);
    expect(fromHar({ kind: 'live' })).toEqual([undefined, undefined]);
    // A frame that says how it was captured keeps it.
    const read = readFramesFile(
      writeCaptureFile([{ ...frames[0]!, source: 'cdp' }], { ...meta, source: { kind: 'har' } }),
    );
    expect(read.ok && read.frames[0]!.source).toBe('cdp');
  });

  it('reads a HAR', () => {
    expect(readFramesFile(writeHar(frames, meta))).toStrictEqual({
      ok: true,
      kind: 'har',
      frames,
      meta,
      added: 0,
      leftOut: 0,
      unreadableCalls: 0,
    });
  });

  it('reads a file that starts with a byte-order mark', () => {
    expect(readFramesFile(`\ufeff${writeCaptureFile(frames, meta)}`)).toMatchObject({ ok: true, kind: 'capture' });
  });

  it('says where a file stops being JSON', () => {
    expect(error('{\n  "log": {\n    "entries": [,]\n  }\n}')).toBe(
      'not JSON: unexpected character at line 3, column 17 (offset 29)',
    );
    expect(error('{"format": "wxcc-inspector-capture",}')).toBe(
      'not JSON: expected a property name in double quotes at line 1, column 37 (offset 36)',
    );
    expect(error('<!doctype html><title>Sign in</title>')).toBe(
      'not JSON: unexpected character at line 1, column 1 (offset 0)',
    );
  });

  it('says when a file was cut off', () => {
    const text = writeCaptureFile(frames, meta);
    expect(error(text.slice(0, 200))).toBe(
      'not JSON: unexpected end of input at line 8, column 51 (offset 200) (is the file complete? it may have been cut off while saving or downloading)',
    );
  });

  it('says when the file is empty', () => {
    expect(error('')).toBe('the file is empty');
    expect(error(' \n\t')).toBe('the file is empty');
  });

  it('says when JSON is neither a capture nor a HAR', () => {
    const neither =
      'neither a wxcc-inspector capture ({"format": "wxcc-inspector-capture", …}) nor a Chrome HAR ({"log": {"entries": […]}})';
    expect(error('[1, 2]')).toBe(`${neither}; the file holds an array`);
    expect(error('"hello"')).toBe(`${neither}; the file holds "hello"`);
    expect(error('null')).toBe(`${neither}; the file holds null`);
    expect(error('{}')).toBe(`${neither}; the file is an object with no keys`);
    expect(error('{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6}')).toBe(
      `${neither}; the file is an object with keys "a", "b", "c", "d", "e", …`,
    );
    expect(error('{"format":"something-else"}')).toBe(`${neither}; its "format" is "something-else"`);
  });

  it('says when it was given an analysis report instead of a capture', () => {
    expect(error('{"format":"wxcc-inspector-report","version":1}')).toBe(
      'this is a wxcc-inspector analysis report, not a capture: open the capture or HAR it was made from',
    );
  });

  it('says when a HAR has no WebSocket messages, and how to get them', () => {
    expect(error('{"log":{"version":"1.2","entries":[]}}')).toMatch(
      /^this HAR has no WebSocket messages: in Chrome or Edge DevTools › Network, .*"Export HAR"/,
    );
  });

  it('says when a capture is of a version it does not read', () => {
    expect(error('{"format":"wxcc-inspector-capture","version":2,"frames":[]}')).toBe(
      'unsupported capture version 2: this wxcc-inspector reads version 1; a newer wxcc-inspector wrote it',
    );
  });

  it('names the frame and the field of an invalid frame', () => {
    const file = JSON.parse(writeCaptureFile(frames, meta)) as { frames: Record<string, unknown>[] };
    file.frames[1]!['kind'] = 'ping';
    expect(error(JSON.stringify(file))).toMatch(
      /^invalid capture file: frames\[1\]\.kind: Invalid type: Expected \("text" \| .*\) but received "ping"$/,
    );
  });

  it('names the message and the field of an invalid HAR message', () => {
    const har = JSON.parse(writeHar(frames, meta)) as {
      log: { entries: { _webSocketMessages: Record<string, unknown>[] }[] };
    };
    har.log.entries[0]!._webSocketMessages[0]!['time'] = 'noon';
    expect(error(JSON.stringify(har))).toBe(
      'invalid HAR: log.entries[0]._webSocketMessages[0].time: expected seconds since the epoch, got "noon"',
    );
  });
});

describe('readFramesValue', () => {
  it('reads an already parsed value', () => {
    expect(readFramesValue(JSON.parse(writeCaptureFile(frames, meta)))).toMatchObject({
      ok: true,
      kind: 'capture',
      frames,
    });
  });

  it('lets programming errors through rather than reporting them as a bad file', () => {
    const hostile = {
      get log(): never {
        throw new TypeError('boom');
      },
    };
    expect(() => readFramesValue(hostile)).toThrow(TypeError);
  });
});
