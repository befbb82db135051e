/** 65_000 → "1:05", 3_725_000 → "1:02:05". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * How long ago, in words a sentence can hold: 45_000 → "45 s", 14 min 20 s → "14 min",
 * 3 h 12 min → "3 h 12 min", 4 days → "4 days" (whole units, rounded down).
 */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 120) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  return `${Math.floor(h / 24)} days`;
}

/**
 * How long a span of the chart lasts (a view, a bar), as its name or tooltip says it:
 * `formatDuration`'s "1:05" from a second on; whole ms under one ("10 ms": a zoomed-in chart's
 * "0:00" says nothing, and epoch-ms arithmetic leaves 9.9998 for 10); two significant digits under
 * a ms ("0.25 ms").
 */
export function formatSpan(ms: number): string {
  if (ms >= 1000) return formatDuration(ms);
  return `${ms >= 1 ? Math.round(ms) : Number(Math.max(0, ms).toPrecision(2))} ms`;
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
