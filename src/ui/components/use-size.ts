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
    const measure = () => setSize({ width: el.clientWidth, height: el.clientHeight });
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
