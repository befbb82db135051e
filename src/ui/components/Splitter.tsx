import { useRef } from 'preact/hooks';

interface Props {
  /** What it resizes, for screen readers ("Resize the interactions list"). */
  label: string;
  /** `vertical`: a bar between side-by-side panes (drag left/right); `horizontal`: between stacked ones. */
  orientation: 'vertical' | 'horizontal';
  /** The pane's current size (px). */
  size: number;
  min: number;
  max: number;
  /** +1 when dragging right/down grows the pane, -1 when it shrinks it (a pane after the bar). */
  direction: 1 | -1;
  onResize: (px: number) => void;
  /** Back to the pane's own size (double-click, or Enter), where it has one. */
  onReset?: () => void;
}

const STEP = 16;

/**
 * A window splitter (WAI-ARIA): drag it, or focus it and use the arrow keys (Home/End for the
 * limits). The size is the caller's; it is remembered with the layout.
 */
export function Splitter({ label, orientation, size, min, max, direction, onResize, onReset }: Props) {
  const drag = useRef<{ at: number; size: number } | null>(null);
  const clamp = (px: number) => Math.max(min, Math.min(max, px));
  const coordinate = (event: PointerEvent) => (orientation === 'vertical' ? event.clientX : event.clientY);
  const onPointerDown = (event: PointerEvent) => {
    event.preventDefault();
    (event.currentTarget as HTMLElement).setPointerCapture?.(event.pointerId);
    drag.current = { at: coordinate(event), size };
  };
  const onPointerMove = (event: PointerEvent) => {
    const d = drag.current;
    if (!d) return;
    onResize(clamp(d.size + direction * (coordinate(event) - d.at)));
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && onReset) {
      event.preventDefault();
      event.stopPropagation();
      onReset();
      return;
    }
    const grow = orientation === 'vertical' ? 'ArrowRight' : 'ArrowDown';
    const shrink = orientation === 'vertical' ? 'ArrowLeft' : 'ArrowUp';
    let next: number | undefined;
    if (event.key === grow) next = size + direction * STEP;
    else if (event.key === shrink) next = size - direction * STEP;
    else if (event.key === 'Home') next = min;
    else if (event.key === 'End') next = max;
    if (next === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    onResize(clamp(next));
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: <hr> cannot be focused or dragged; a focusable separator is the WAI-ARIA window splitter.
    <div
      class={`splitter splitter-${orientation}`}
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-orientation={orientation}
      aria-valuenow={Math.round(size)}
      aria-valuemin={min}
      aria-valuemax={max}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={() => (drag.current = null)}
      onKeyDown={onKeyDown}
      onDblClick={onReset}
    />
  );
}
