import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import { exportCapture, readFramesFile } from '../../../src/io';

const frames: Frame[] = [
  { seq: 1, t: 1767603600074, socket: 'ws-1', dir: 'in', kind: 'open', size: 0, url: 'wss://notifs.example/x' },
  { seq: 2, t: 1767603600075, socket: 'ws-1', dir: 'out', kind: 'text', size: 20, data: '{"keepalive":"true"}' },
];

describe('exportCapture: what the HAR the frames came from lacks goes with them', () => {
  it('in both formats, redacted or raw, and reads back as the same counts', () => {
    const source = { kind: 'file' as const, leftOut: 1204, unreadableCalls: 1 };
    for (const format of ['capture', 'har'] as const) {
      for (const redact of [true, false]) {
        const file = exportCapture({ frames, format, redact, source, createdAt: 1767603600000 });
        const read = readFramesFile(file.text);
        expect(read.ok && read.meta.source, `${format} ${redact ? 'redacted' : 'raw'}`).toMatchObject({
          leftOut: 1204,
          unreadableCalls: 1,
        });
        // Nothing more was left out by reading the export: the counts are the source's alone.
        expect(read.ok && read.leftOut).toBe(0);
      }
    }
  });
});
