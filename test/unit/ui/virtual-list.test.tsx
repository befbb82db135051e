import { JSDOM } from 'jsdom';
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { VirtualList } from '../../../src/ui/components/VirtualList';

const { window } = new JSDOM('<!doctype html>');
Object.assign(globalThis, {
  document: window.document,
  ResizeObserver: class {
    observe(): void {}
    disconnect(): void {}
  },
});

/** The rows a list asks for in its first render (before its effects measure and scroll it). */
function firstRender(count: number, followEnd: boolean): number[] {
  const asked: number[] = [];
  const root = document.createElement('div');
  render(
    <VirtualList
      count={count}
      rowHeight={20}
      version={count}
      label="Frames"
      idPrefix="t"
      followEnd={followEnd}
      renderRow={(i) => {
        asked.push(i);
        return <span>{i}</span>;
      }}
    />,
    root,
  );
  render(null, root);
  return asked;
}

describe('VirtualList first mount', () => {
  it('a list that follows its end (a log) mounts its last rows first, never the top ones it would replace at once', () => {
    const asked = firstRender(19_038, true);
    expect(asked.length).toBeGreaterThan(0);
    expect(Math.min(...asked)).toBeGreaterThanOrEqual(19_038 - 60);
    expect(Math.max(...asked)).toBe(19_037);
  });

  it('a list whose newest row is first mounts its top rows; a short list mounts every row', () => {
    const top = firstRender(5_000, false);
    expect(Math.min(...top)).toBe(0);
    expect(Math.max(...top)).toBeLessThan(60);
    expect(firstRender(7, true)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});
