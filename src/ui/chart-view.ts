import { MIN_ZOOM_MS } from './lane-layout';

/**
 * The lane chart's keyboard: what a key does to the time range it shows. Pure, so the chart only
 * maps a key event and its focused bar to a new view. The keys follow DevTools' Performance panel
 * (W/S zoom, A/D pan) and common charts (+/− zoom, ←/→ pan, 0 shows everything).
 */

/** A time range (epoch ms, from < to). */
export type TimeRange = readonly [number, number];

export type ChartKeyAction =
  | { type: 'pan'; by: number }
  | { type: 'pan-to'; edge: 'start' | 'end' }
  | { type: 'zoom'; factor: number }
  | { type: 'reset' };

/** How far ←/→ move the view: a fifth of what it shows (Shift: all of it). */
const PAN_STEP = 0.2;
/** How much +/− zoom: twice as close, or twice as far. */
const ZOOM_STEP = 2;

/** The chart's keys, as the `?` help and the README list them. */
export const CHART_KEYS =
  '↑ ↓ go from bar to bar, ← → or A D pan, + − or W S zoom, Home End go to the start or end, 0 shows everything';

/** The action a key means on the focused chart, or undefined for a key it leaves alone. */
export function chartKeyAction(key: string, shift = false): ChartKeyAction | undefined {
  switch (key) {
    case 'ArrowLeft':
    case 'a':
    case 'A':
      return { type: 'pan', by: shift ? -1 : -PAN_STEP };
    case 'ArrowRight':
    case 'd':
    case 'D':
      return { type: 'pan', by: shift ? 1 : PAN_STEP };
    case 'Home':
      return { type: 'pan-to', edge: 'start' };
    case 'End':
      return { type: 'pan-to', edge: 'end' };
    case '+':
    case '=':
    case 'w':
    case 'W':
      return { type: 'zoom', factor: 1 / ZOOM_STEP };
    case '-':
    case '_':
    case 's':
    case 'S':
      return { type: 'zoom', factor: ZOOM_STEP };
    case '0':
      return { type: 'reset' };
    default:
      return undefined;
  }
}

/** `view` moved to lie inside `whole` (it keeps its width; one as wide as `whole` is `whole`). */
function inside(view: TimeRange, whole: TimeRange): TimeRange {
  const span = view[1] - view[0];
  if (span >= whole[1] - whole[0]) return whole;
  if (view[0] < whole[0]) return [whole[0], whole[0] + span];
  if (view[1] > whole[1]) return [whole[1] - span, whole[1]];
  return view;
}

/**
 * The view after `action`: null for the whole chart (what the chart keeps as "not zoomed"), the
 * same `view` object when nothing changes (zoomed in as far as the axis labels: `MIN_ZOOM_MS`;
 * panning the whole chart). A zoom keeps `at` (ms, the focused bar's middle or the view's) where it
 * is on screen; the view stays inside `whole`.
 */
export function applyChartKey(
  action: ChartKeyAction,
  view: TimeRange,
  whole: TimeRange,
  at = (view[0] + view[1]) / 2,
): TimeRange | null {
  const span = view[1] - view[0];
  const wholeSpan = whole[1] - whole[0];
  const result = (next: TimeRange): TimeRange | null => {
    const kept = inside(next, whole);
    if (kept[1] - kept[0] >= wholeSpan) return null;
    return kept[0] === view[0] && kept[1] === view[1] ? view : kept;
  };
  switch (action.type) {
    case 'reset':
      return null;
    case 'pan':
      return result([view[0] + action.by * span, view[1] + action.by * span]);
    case 'pan-to':
      return result(action.edge === 'start' ? [whole[0], whole[0] + span] : [whole[1] - span, whole[1]]);
    case 'zoom': {
      const anchor = Math.min(view[1], Math.max(view[0], at));
      let next: TimeRange = [anchor - (anchor - view[0]) * action.factor, anchor + (view[1] - anchor) * action.factor];
      if (next[1] - next[0] < MIN_ZOOM_MS) {
        if (span <= MIN_ZOOM_MS) return view;
        // As close as the axis can label, around the same point.
        const left = (anchor - view[0]) / span;
        next = [anchor - left * MIN_ZOOM_MS, anchor + (1 - left) * MIN_ZOOM_MS];
      }
      return result(next);
    }
  }
}

/**
 * Why `action` left the view as it was (`applyChartKey` gave back `view`, or "not zoomed" again
 * when the chart already showed everything), in words a screen reader says: a key that changes
 * nothing otherwise leaves its user guessing whether it was heard. "Already at the closest zoom"
 * (`MIN_ZOOM_MS`), "Already showing everything" (zooming out, 0, or panning the whole chart),
 * "Already at the start" / "Already at the end" (panning past an end).
 */
export function unchangedReason(action: ChartKeyAction, view: TimeRange, whole: TimeRange): string {
  if (action.type === 'zoom' && action.factor < 1) return 'Already at the closest zoom';
  if (action.type === 'zoom' || action.type === 'reset' || (view[0] <= whole[0] && view[1] >= whole[1]))
    return 'Already showing everything';
  const towardStart = action.type === 'pan' ? action.by < 0 : action.edge === 'start';
  return towardStart ? 'Already at the start' : 'Already at the end';
}
