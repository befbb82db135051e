export const PREVIEW_BYTES = 64;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Hex of at most the first 64 bytes: constant work whatever the frame's size. */
export function hexPreview(bytes: Uint8Array): string {
  const n = Math.min(bytes.length, PREVIEW_BYTES);
  let out = '';
  for (let i = 0; i < n; i++) out += (i ? ' ' : '') + HEX[bytes[i]!];
  return out;
}
