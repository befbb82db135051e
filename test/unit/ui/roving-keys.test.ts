import { describe, expect, it } from 'vitest';
import { stepItem } from '../../../src/ui/roving-keys';

const TABS = ['interactions', 'frames', 'anomalies'] as const;

describe('stepItem: the keys of a tab list (←/→)', () => {
  it('← and → go to the previous and next tab, wrapping at both ends', () => {
    expect(stepItem(TABS, 'interactions', 'ArrowRight', 'horizontal')).toBe('frames');
    expect(stepItem(TABS, 'frames', 'ArrowRight', 'horizontal')).toBe('anomalies');
    expect(stepItem(TABS, 'anomalies', 'ArrowRight', 'horizontal')).toBe('interactions');
    expect(stepItem(TABS, 'frames', 'ArrowLeft', 'horizontal')).toBe('interactions');
    expect(stepItem(TABS, 'interactions', 'ArrowLeft', 'horizontal')).toBe('anomalies');
  });

  it('Home and End go to the first and last tab', () => {
    expect(stepItem(TABS, 'frames', 'Home', 'horizontal')).toBe('interactions');
    expect(stepItem(TABS, 'frames', 'End', 'horizontal')).toBe('anomalies');
  });

  it('other keys are not the tab list’s: Tab, Enter, Space, ↑/↓ and letters go on as usual', () => {
    for (const key of ['Tab', 'Enter', ' ', 'ArrowDown', 'ArrowUp', 'j', 'PageDown'])
      expect(stepItem(TABS, 'frames', key, 'horizontal'), key).toBeUndefined();
  });
});

describe('stepItem: the keys of a menu (↑/↓)', () => {
  const ITEMS = [0, 1, 2, 3];
  it('↓ and ↑ walk the items and wrap; ←/→ are not the menu’s', () => {
    expect(stepItem(ITEMS, 0, 'ArrowDown', 'vertical')).toBe(1);
    expect(stepItem(ITEMS, 3, 'ArrowDown', 'vertical')).toBe(0);
    expect(stepItem(ITEMS, 0, 'ArrowUp', 'vertical')).toBe(3);
    expect(stepItem(ITEMS, 2, 'ArrowUp', 'vertical')).toBe(1);
    expect(stepItem(ITEMS, 2, 'ArrowRight', 'vertical')).toBeUndefined();
    expect(stepItem(ITEMS, 2, 'End', 'vertical')).toBe(3);
  });

  it('with no item focused yet, ↓ goes to the first and ↑ to the last; an empty group has none', () => {
    expect(stepItem(ITEMS, undefined, 'ArrowDown', 'vertical')).toBe(0);
    expect(stepItem(ITEMS, undefined, 'ArrowUp', 'vertical')).toBe(3);
    expect(stepItem(ITEMS, 9, 'ArrowDown', 'vertical')).toBe(0);
    expect(stepItem([], undefined, 'ArrowDown', 'vertical')).toBeUndefined();
  });
});
