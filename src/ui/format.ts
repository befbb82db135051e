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
