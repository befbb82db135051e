const encoder = new TextEncoder();
let scratch = new Uint8Array(64 * 1024);

/**
 * Bytes the string takes as UTF-8 (a lone surrogate counts as U+FFFD, 3 bytes, as a WebSocket
 * would send it). Native encoding into a reused buffer: the hub measures every text frame, and a
 * JavaScript loop over 80 MB competed with the page for this machine's two cores.
 */
export function utf8Length(text: string): number {
  if (text.length * 3 > scratch.length) scratch = new Uint8Array(text.length * 3);
  return encoder.encodeInto(text, scratch).written;
}
