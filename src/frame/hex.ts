export const PREVIEW_BYTES = 64;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * Hex of at most the first `limit` bytes (64: a live capture's preview, constant work whatever the
 * frame's size; a file that has the whole payload passes its length, so it is kept whole).
 */
export function hexPreview(bytes: Uint8Array, limit = PREVIEW_BYTES): string {
  const n = Math.min(bytes.length, limit);
  let out = '';
  for (let i = 0; i < n; i++) out += (i ? ' ' : '') + HEX[bytes[i]!];
  return out;
}
