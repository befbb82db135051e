import { describe, expect, it } from 'vitest';
import { applyChartKey, chartKeyAction, type TimeRange, unchangedReason } from '../../../src/ui/chart-view';
import { MIN_ZOOM_MS } from '../../../src/ui/lane-layout';
import { commandFor } from '../../../src/ui/store/keyboard';

const WHOLE: TimeRange = [0, 10_000];
const key = (k: string, shift = false) => chartKeyAction(k, shift)!;

describe('the lane chart keyboard (chart-view)', () => {
  it('maps the Performance panel keys and the usual chart keys; other keys are left alone', () => {
    expect(key('ArrowLeft')).toEqual({ type: 'pan', by: -0.2 });
    expect(key('a')).toEqual(key('ArrowLeft'));
    expect(key('ArrowRight', true)).toEqual({ type: 'pan', by: 1 });
    expect(key('+')).toEqual({ type: 'zoom', factor: 0.5 });
    expect(key('=')).toEqual(key('+'));
    expect(key('W')).toEqual(key('+'));
    expect(key('-')).toEqual({ type: 'zoom', factor: 2 });
    expect(key('s')).toEqual(key('-'));
    expect(key('0')).toEqual({ type: 'reset' });
    expect(key('Home')).toEqual({ type: 'pan-to', edge: 'start' });
    for (const other of ['ArrowDown', 'Enter', ' ', 'j', '/', '?', '1']) expect(chartKeyAction(other)).toBeUndefined();
  });

  it('zooms in around the middle, or around the focused bar, which keeps its place on screen', () => {
    expect(applyChartKey(key('+'), WHOLE, WHOLE)).toEqual([2500, 7500]);
    // A bar at 20% of the view stays at 20% of it.
    expect(applyChartKey(key('+'), WHOLE, WHOLE, 2000)).toEqual([1000, 6000]);
    // An anchor outside the view is taken at its edge.
    expect(applyChartKey(key('+'), [1000, 2000], WHOLE, 9000)).toEqual([1500, 2000]);
  });

  it('zooms out inside the whole chart, and back to "not zoomed" (null) when it shows all of it', () => {
    expect(applyChartKey(key('-'), [8000, 10_000], WHOLE)).toEqual([6000, 10_000]);
    expect(applyChartKey(key('-'), [0, 4000], WHOLE)).toEqual([0, 8000]);
    expect(applyChartKey(key('-'), [2500, 7500], WHOLE)).toBeNull();
    expect(applyChartKey(key('0'), [2500, 7500], WHOLE)).toBeNull();
  });

  it('pans by a fifth of the view (Shift: all of it), never past the chart’s ends; the whole chart does not pan', () => {
    expect(applyChartKey(key('ArrowRight'), [2000, 4000], WHOLE)).toEqual([2400, 4400]);
    expect(applyChartKey(key('ArrowLeft', true), [2000, 4000], WHOLE)).toEqual([0, 2000]);
    expect(applyChartKey(key('ArrowRight', true), [7000, 9000], WHOLE)).toEqual([8000, 10_000]);
    expect(applyChartKey(key('End'), [2000, 4000], WHOLE)).toEqual([8000, 10_000]);
    expect(applyChartKey(key('Home'), [2000, 4000], WHOLE)).toEqual([0, 2000]);
    // Nothing changes: the same view back, so the chart neither redraws nor announces.
    const atStart: TimeRange = [0, 2000];
    expect(applyChartKey(key('ArrowLeft'), atStart, WHOLE)).toBe(atStart);
    expect(applyChartKey(key('ArrowRight'), WHOLE, WHOLE)).toBeNull();
  });

  it('zooms in no closer than the axis can label', () => {
    const close = applyChartKey(key('+'), [1000, 1015], WHOLE)!;
    expect(close[1] - close[0]).toBeCloseTo(MIN_ZOOM_MS, 6);
    const closest: TimeRange = [1000, 1000 + MIN_ZOOM_MS];
    expect(applyChartKey(key('+'), closest, WHOLE)).toBe(closest);
  });

  it('says why a key changed nothing: the closest zoom, everything shown, an end reached', () => {
    /** The reason for `k` on `view`, checking that the key did leave the view as it was. */
    const why = (k: string, view: TimeRange, shift = false) => {
      const next = applyChartKey(key(k, shift), view, WHOLE);
      const whole = view[0] <= WHOLE[0] && view[1] >= WHOLE[1];
      expect(next === view || (next === null && whole), `${k} changes [${view}]`).toBe(true);
      return unchangedReason(key(k, shift), view, WHOLE);
    };
    const closest: TimeRange = [1000, 1000 + MIN_ZOOM_MS];
    for (const k of ['+', '=', 'w', 'W']) expect(why(k, closest)).toBe('Already at the closest zoom');
    for (const k of ['-', 's', '0', 'ArrowLeft', 'ArrowRight', 'd', 'Home', 'End'])
      expect(why(k, WHOLE)).toBe('Already showing everything');
    expect(why('ArrowRight', WHOLE, true)).toBe('Already showing everything');
    const atStart: TimeRange = [0, 2000];
    for (const k of ['ArrowLeft', 'a', 'Home']) expect(why(k, atStart)).toBe('Already at the start');
    expect(why('ArrowLeft', atStart, true)).toBe('Already at the start');
    const atEnd: TimeRange = [8000, 10_000];
    for (const k of ['ArrowRight', 'D', 'End']) expect(why(k, atEnd)).toBe('Already at the end');
    // A chart shorter than the closest zoom: zooming in is what cannot go on.
    const tiny: TimeRange = [0, MIN_ZOOM_MS / 2];
    expect(applyChartKey(key('+'), tiny, tiny)).toBe(tiny);
    expect(unchangedReason(key('+'), tiny, tiny)).toBe('Already at the closest zoom');
  });

  it('the panel leaves the chart’s keys to it: ← → in the chart do not walk the interactions', () => {
    const input = { ctrl: false, meta: false, alt: false, where: 'chart', tab: 'interactions' } as const;
    for (const k of ['ArrowLeft', 'ArrowRight', 'ArrowDown', 'Enter', '0', '+'])
      expect(commandFor({ ...input, key: k })).toEqual({ type: 'none' });
    expect(commandFor({ ...input, key: '/' })).toEqual({ type: 'focus-search' });
    expect(commandFor({ ...input, key: '?' })).toEqual({ type: 'toggle-help' });
  });
});
