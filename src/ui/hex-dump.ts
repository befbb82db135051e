import type { Frame } from '../frame/frame';

/** Most bytes the Hex view shows of a text frame (a dump of megabytes helps nobody). */
export const HEX_DUMP_MAX_BYTES = 16 * 1024;

/**
 * A frame's bytes: a binary frame's captured preview (its first 64 bytes, as hex), a text frame's
 * UTF-8 encoding (up to `HEX_DUMP_MAX_BYTES`). `total` is the frame's size in bytes.
 */
export function frameBytes(frame: Frame): { bytes: Uint8Array; total: number } {
  if (frame.kind === 'binary') {
    const hex = (frame.data ?? '').split(/\s+/).filter((h) => /^[0-9a-f]{2}$/i.test(h));
    return { bytes: Uint8Array.from(hex, (h) => Number.parseInt(h, 16)), total: frame.size };
  }
  const text = frame.data ?? '';
  const bytes = new TextEncoder().encode(text.length > HEX_DUMP_MAX_BYTES ? text.slice(0, HEX_DUMP_MAX_BYTES) : text);
  return { bytes: bytes.subarray(0, HEX_DUMP_MAX_BYTES), total: frame.size };
}

/** `00000010  7b 22 74 79 …  |{"ty…|`: 16 bytes a line, offset, hex and printable ASCII. */
export function hexDump(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const chunk = bytes.subarray(offset, offset + 16);
    const hex = Array.from(chunk, (b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = Array.from(chunk, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  |${ascii}|`);
  }
  return lines.join('\n');
}
