import { describe, expect, it } from 'vitest';
import { labelOf, subRowPx } from '../../../src/ui/components/LaneChart';
import { ViewState } from '../../../src/ui/store/view-state';

describe('stacked request sub-rows', () => {
  it('keep 12 px up to three deep, then share about three rows’ height, 8 px at least', () => {
    expect([1, 2, 3, 4, 5, 6, 8].map(subRowPx)).toEqual([12, 12, 12, 10, 8, 8, 8]);
    // A pile-up of five or six takes no more room than four did at full height.
    for (const rows of [4, 5, 6]) expect(rows * subRowPx(rows)).toBeLessThanOrEqual(48);
    // Never thinner than a bar that still shows its pattern and its mark.
    expect(Math.min(...Array.from({ length: 50 }, (_, i) => subRowPx(i + 1)))).toBe(8);
  });

  it('the lanes pane fits the chart until its splitter is moved; that choice is remembered', () => {
    const view = new ViewState();
    expect(view.lanesFit.value).toBe(true);
    view.lanesFit.value = false;
    const saved = JSON.parse(JSON.stringify(view.layout()));
    const again = new ViewState();
    again.restoreLayout(saved);
    expect(again.lanesFit.value).toBe(false);
    // A layout saved before there was a choice keeps the default.
    const older = new ViewState();
    older.restoreLayout({ lanesCollapsed: false });
    expect(older.lanesFit.value).toBe(true);
    older.restoreLayout({ lanesFit: 'yes' });
    expect(older.lanesFit.value).toBe(true);
  });
});

describe("a bar's name says how long it lasted", () => {
  const bar = (ms: number) => ({
    from: Date.UTC(2026, 10, 30, 9, 0, 0),
    to: Date.UTC(2026, 10, 30, 9, 0, 0) + ms,
    open: false,
    seq: 12,
    toSeq: 13,
    kind: 'recording-paused' as const,
    what: 'Recording paused',
  });

  it('in ms under a second, as m:ss from a second on', () => {
    expect(labelOf(bar(250), 'utc')).toBe('Recording paused: 09:00:00.000 – 09:00:00.250 (250 ms), from #12 to #13');
    expect(labelOf(bar(5_400), 'utc')).toBe('Recording paused: 09:00:00.000 – 09:00:05.400 (0:05), from #12 to #13');
  });
});
