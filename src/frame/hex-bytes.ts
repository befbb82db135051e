/**
 * The inverse of `hexPreview` (src/frame/hex.ts): the bytes behind a binary frame's preview, so a
 * HAR export can carry them as Chrome's base64. Only the exact shape `hexPreview` writes is
 * accepted (`00 01 ff`); anything else (e.g. "(preview unavailable: …)") is not bytes.
 */
export function parseHexPreview(preview: string): Uint8Array | undefined {
  if (preview === '') return new Uint8Array(0);
  if ((preview.length + 1) % 3 !== 0) return undefined;
  const bytes = new Uint8Array((preview.length + 1) / 3);
  for (let i = 0; i < bytes.length; i++) {
    const at = i * 3;
    const hi = hexValue(preview.charCodeAt(at));
    const lo = hexValue(preview.charCodeAt(at + 1));
    if (hi < 0 || lo < 0 || (i > 0 && preview.charCodeAt(at - 1) !== 32)) return undefined;
    bytes[i] = (hi << 4) | lo;
  }
  return bytes;
}

/** Lower-case only, as `hexPreview` writes: an upper-case preview would not come back the same. */
function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}
