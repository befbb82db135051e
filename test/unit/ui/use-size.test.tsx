import { JSDOM } from 'jsdom';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { useSize } from '../../../src/ui/components/use-size';

const { window } = new JSDOM('<!doctype html>');
/** The observers created, to call as the browser would after a layout. */
const observers: (() => void)[] = [];
Object.assign(globalThis, {
  document: window.document,
  ResizeObserver: class {
    constructor(private readonly cb: () => void) {
      observers.push(() => this.cb());
    }
    observe(): void {}
    disconnect(): void {}
  },
});

describe('useSize', () => {
  it('re-renders its component when the size changes, not when an observation finds it unchanged', () => {
    let renders = 0;
    let seen = { width: 0, height: 0 };
    let box: HTMLElement | null = null;
    function Sized() {
      renders++;
      const [size, ref] = useSize();
      seen = size;
      return (
        <div
          ref={(el) => {
            box = el;
            ref(el);
          }}
        />
      );
    }
    const root = document.createElement('div');
    const sizeOf = (width: number, height: number) => {
      Object.defineProperty(box!, 'clientWidth', { configurable: true, value: width });
      Object.defineProperty(box!, 'clientHeight', { configurable: true, value: height });
    };
    void act(() => render(<Sized />, root));
    sizeOf(640, 300);
    void act(() => observers.at(-1)!());
    expect(seen).toEqual({ width: 640, height: 300 });
    const after = renders;
    // The observer's calls with the same size (its first one follows every observe) redraw nothing.
    void act(() => observers.at(-1)!());
    void act(() => observers.at(-1)!());
    expect(renders).toBe(after);
    sizeOf(500, 300);
    void act(() => observers.at(-1)!());
    expect(seen).toEqual({ width: 500, height: 300 });
    expect(renders).toBe(after + 1);
    void act(() => render(null, root));
  });
});
