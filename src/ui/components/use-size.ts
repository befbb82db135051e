import { useLayoutEffect, useState } from 'preact/hooks';

/**
 * The content box (CSS px) of the element given to the returned ref callback, kept current with a
 * ResizeObserver. A callback ref, so an element that appears later (after an empty state) is seen.
 */
export function useSize(): [{ width: number; height: number }, (el: HTMLElement | null) => void] {
  const [el, setEl] = useState<HTMLElement | null>(null);
  const [size, setSize] = useState({ width: 1200, height: 800 });
  useLayoutEffect(() => {
    if (!el) return;
    // The same size keeps its object: the observer's first call (right after this one, in the
    // frame's rendering) then re-renders nothing (first render, issue 14 goal 4).
    const measure = () => {
      const width = el.clientWidth;
      const height = el.clientHeight;
      setSize((size) => (size.width === width && size.height === height ? size : { width, height }));
    };
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    measure();
    return () => observer.disconnect();
  }, [el]);
  return [size, setEl];
}

/** Below this width the panes stack (DevTools docked at the side). */
export const STACK_BELOW_PX = 700;
/** Below this height the details sit beside the timeline rather than under it (docked at the bottom). */
export const SHORT_BELOW_PX = 560;
