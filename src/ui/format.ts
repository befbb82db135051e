/** 65_000 → "1:05", 3_725_000 → "1:02:05". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** "+1.250 s" from the start of the interaction. */
export function formatOffset(ms: number): string {
  return `+${(ms / 1000).toFixed(3)} s`;
}

export function shortId(id: string): string {
  return id.length > 13 ? `…${id.slice(-8)}` : id;
}

/**
 * 1234567 → "1,234,567" (as `toLocaleString('en-US')` writes an integer), without ICU: the first
 * `toLocaleString` of a page builds a number formatter, tens of milliseconds on a busy machine,
 * paid inside a repaint (the Frames tab's loading marker redraws while older frames fill in).
 */
export function groupThousands(n: number): string {
  const text = String(Math.trunc(n));
  const sign = text.startsWith('-') ? '-' : '';
  const digits = sign ? text.slice(1) : text;
  let out = '';
  for (let end = digits.length; end > 0; end -= 3) {
    const part = digits.slice(Math.max(0, end - 3), end);
    out = out ? `${part},${out}` : part;
  }
  return sign + out;
}
