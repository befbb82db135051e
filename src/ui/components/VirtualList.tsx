import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

interface Props {
  count: number;
  rowHeight: number;
  /** Changes (by identity) whenever rows were added, so a list scrolled to its end follows new rows. */
  version: unknown;
  renderRow: (index: number) => ComponentChildren;
  class?: string;
  label: string;
  /** Keep this row in view (the keyboard's selection). */
  focusIndex?: number | undefined;
  /** Follow new rows while scrolled to the end (logs); off for lists whose newest row is first. */
  followEnd?: boolean;
}

const OVERSCAN = 10;

/**
 * Renders only the rows in view (plus a few), so 100k+ rows cost what 50 do. Like DevTools'
 * Network log it follows new rows while scrolled to the end and stays put otherwise.
 */
export function VirtualList({
  count,
  rowHeight,
  version,
  renderRow,
  class: className,
  label,
  focusIndex,
  followEnd = true,
}: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const following = useRef(followEnd);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    setHeight(el.clientHeight);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const el = ref.current;
    if (el && following.current) {
      el.scrollTop = el.scrollHeight;
      setScrollTop(el.scrollTop);
    }
  }, [version, count, height]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || focusIndex === undefined || focusIndex < 0) return;
    const top = focusIndex * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
    following.current = followEnd && el.scrollTop + el.clientHeight >= el.scrollHeight - rowHeight;
    setScrollTop(el.scrollTop);
  }, [focusIndex]);

  const onScroll = (): void => {
    const el = ref.current;
    if (!el) return;
    following.current = followEnd && el.scrollTop + el.clientHeight >= el.scrollHeight - rowHeight;
    setScrollTop(el.scrollTop);
  };

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);
  const rows: ComponentChildren[] = [];
  for (let i = first; i < last; i++) {
    rows.push(
      <div
        key={i}
        class="vrow"
        role="row"
        aria-rowindex={i + 1}
        style={{ top: `${i * rowHeight}px`, height: `${rowHeight}px` }}
      >
        {renderRow(i)}
      </div>,
    );
  }
  return (
    <div
      ref={ref}
      class={`vlist ${className ?? ''}`}
      onScroll={onScroll}
      role="grid"
      aria-label={label}
      aria-rowcount={count}
    >
      <div class="vlist-spacer" style={{ height: `${count * rowHeight}px` }}>
        {rows}
      </div>
    </div>
  );
}
