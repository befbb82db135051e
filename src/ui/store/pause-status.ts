/**
 * What a paused live panel has waiting, told apart by where the frames belong in the view, not by
 * the connection's state: after the service worker restarted, a paused panel is "connecting"
 * (the hub holds what came since its last frame) with no fill-in at all.
 */
export interface PauseWaiting {
  /** Frames newer than every frame the view shows: held here, and those the hub keeps for the panel. */
  newer: number;
  /** Frames of the fill-in (older than the newest ones shown first) taken in here since the pause. */
  older: number;
  /** Older frames are still filling in (the list's "Older frames … are on their way" row) and wait for the resume. */
  fillIn: boolean;
}

export const NOTHING_WAITING: PauseWaiting = { newer: 0, older: 0, fillIn: false };

export function sameWaiting(a: PauseWaiting, b: PauseWaiting): boolean {
  return a.newer === b.newer && a.older === b.older && a.fillIn === b.fillIn;
}

const frames = (n: number): string => (n === 1 ? 'frame' : 'frames');

/**
 * The toolbar's words for a pause: "Paused — 3 new frames waiting", "Paused — 500 new and 40 older
 * frames waiting; fill-in on hold", "Paused — fill-in on hold". A pause with nothing waiting and
 * no fill-in still says so ("0 new frames").
 */
export function pauseStatusText({ newer, older, fillIn }: PauseWaiting): string {
  const counts: string[] = [];
  if (newer > 0 || (older === 0 && !fillIn)) counts.push(`${newer} new`);
  if (older > 0) counts.push(`${older} older`);
  const parts: string[] = [];
  if (counts.length) parts.push(`${counts.join(' and ')} ${frames(older > 0 ? older + newer : newer)} waiting`);
  if (fillIn) parts.push('fill-in on hold');
  return `Paused — ${parts.join('; ')}`;
}

/** The same status, said in full (the toolbar status' tooltip). */
export function pauseStatusTitle({ newer, older, fillIn }: PauseWaiting): string {
  const lines = [
    `${newer} new ${frames(newer)}: arrived since the pause (taken in here, or kept by the hub until you resume)`,
  ];
  if (older > 0)
    lines.push(`${older} older ${frames(older)} of the fill-in: taken in here before the hub held the rest`);
  if (fillIn) lines.push('Fill-in on hold: the older frames still on their way stay at the hub until you resume');
  return lines.join('\n');
}
