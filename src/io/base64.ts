/**
 * Just enough base64 for Chrome's binary WebSocket messages (CDP sends any payload whose opcode is
 * not 1 as base64): their decoded length, and the first bytes for our hex preview. Written here
 * rather than using `atob`/`Buffer` so the same code runs in node, a worker and extension pages,
 * and so a 10 MB binary message costs one validating pass instead of a full decode.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

/** How many characters carry data (trailing `=` padding excluded); -1 if not base64. */
function dataChars(text: string): number {
  let end = text.length;
  if (end % 4 === 0 && end > 0 && text.charCodeAt(end - 1) === 61) end--;
  if (end % 4 === 3 && text.charCodeAt(end - 1) === 61) end--;
  // Unpadded input is accepted too, except a length that cannot come from whole bytes.
  if (end % 4 === 1) return -1;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || VALUES[c]! < 0) return -1;
  }
  return end;
}

/**
 * The decoded byte length and at most `maxBytes` leading bytes of a base64 string, or undefined
 * when it is not base64.
 */
export function base64Head(text: string, maxBytes: number): { length: number; head: Uint8Array } | undefined {
  const chars = dataChars(text);
  if (chars < 0) return undefined;
  const length = Math.floor((chars * 3) / 4);
  const head = new Uint8Array(Math.min(length, maxBytes));
  let bits = 0;
  let value = 0;
  let out = 0;
  for (let i = 0; i < chars && out < head.length; i++) {
    value = (value << 6) | VALUES[text.charCodeAt(i)]!;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      head[out++] = (value >> bits) & 0xff;
    }
  }
  return { length, head };
}

/** Padded standard base64, as Chrome writes it. */
export function base64Encode(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += `${ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!}==`;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += `${ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!}=`;
  }
  return out;
}
