import { describe, expect, it } from 'vitest';
import { commandFor, type FocusArea, type KeyInput } from '../../../src/ui/store/keyboard';

const key = (k: string, where: FocusArea, extra: Partial<KeyInput> = {}): KeyInput => ({
  key: k,
  ctrl: false,
  meta: false,
  alt: false,
  where,
  tab: 'interactions',
  ...extra,
});

describe('Esc', () => {
  it('clears the search only in the search box', () => {
    expect(commandFor(key('Escape', 'search'))).toEqual({ type: 'clear-search' });
    expect(commandFor(key('Escape', 'search', { tab: 'frames' }))).toEqual({ type: 'clear-search' });
  });

  it('is left to DevTools or the control everywhere else: a button, a checkbox, another box, a list, the chart', () => {
    const elsewhere: FocusArea[] = [
      'control',
      'text-input',
      'dialog',
      'chart',
      'interactions',
      'timeline',
      'frames',
      'elsewhere',
    ];
    for (const where of elsewhere) expect(commandFor(key('Escape', where)), where).toEqual({ type: 'none' });
  });

  it('goes back from the details to their list, and closes the keyboard help first', () => {
    expect(commandFor(key('Escape', 'details'))).toEqual({ type: 'focus-timeline' });
    expect(commandFor(key('Escape', 'frame-detail', { tab: 'frames' }))).toEqual({ type: 'focus-frames' });
    expect(commandFor(key('Escape', 'control', { helpOpen: true }))).toEqual({ type: 'toggle-help' });
  });
});

describe('typing in the search box', () => {
  it('is never a command: / ? j k and the arrows stay the box’s', () => {
    for (const k of ['/', '?', 'j', 'k', 'ArrowDown', 'ArrowLeft', 'Enter'])
      expect(commandFor(key(k, 'search')), k).toEqual({ type: 'none' });
  });
});
