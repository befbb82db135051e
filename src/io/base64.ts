/**
 * Chrome's binary WebSocket messages are base64 in a HAR (CDP sends any payload whose opcode is
 * not 1 as base64). The platform's `atob` / `btoa` do the work (node, workers and extension pages
 * all have them); this module only makes them strict (atob forgives whitespace, which is not
 * Chrome's base64) and byte-based.
 */

/** Standard alphabet, padding optional; atob checks the length. */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The bytes of a base64 string, or undefined when it is not base64. */
export function base64Decode(text: string): Uint8Array | undefined {
  if (!BASE64.test(text)) return undefined;
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** How many bytes a base64 string decodes to, without decoding it (undefined: not base64). */
export function base64Length(text: string): number | undefined {
  if (!BASE64.test(text)) return undefined;
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61) end--;
  if (end % 4 === 1) return undefined;
  return Math.floor((end * 3) / 4);
}

/** Padded standard base64, as Chrome writes it. */
export function base64Encode(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
