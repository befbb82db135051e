import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

interface Props {
  count: number;
  rowHeight: number;
  /** Changes (by identity) whenever rows were added, so a list scrolled to its end follows new rows. */
  version: unknown;
  renderRow: (index: number) => ComponentChildren;
  class?: string;
  /** The list's accessible name ("Timeline", "Frames"). */
  label: string;
  /** The selected row: kept in view, announced as the active option. */
  selectedIndex?: number | undefined;
  /**
   * The selected item's identity, for a list whose new rows come first: the view moves to the
   * selection when the item changes, not when rows added above it shift its index (without it,
   * when the index changes).
   */
  selectedKey?: unknown;
  /** A row was clicked, or Home/End/PageUp/PageDown moved the selection. */
  onSelect?: (index: number) => void;
  /** Follow new rows while scrolled to the end (logs); off for lists whose newest row is first. */
  followEnd?: boolean;
  /** Rows that cannot be selected (a gap marker in the frame log). */
  isDisabled?: (index: number) => boolean;
  /** Prefix of the rows' element ids (unique within the page). */
  idPrefix: string;
}

const OVERSCAN = 10;

/**
 * A listbox that renders only the rows in view (plus a few), so 100k+ rows cost what 50 do. Like
 * DevTools' Network log it follows new rows while scrolled to the end and stays put otherwise.
 * The list itself holds the focus and names the selected row with `aria-activedescendant` (rows
 * come and go as it scrolls, so they cannot hold the focus themselves); each row says where it is
 * in the whole list (`aria-posinset` of `aria-setsize`), not among the rows rendered.
 */
export function VirtualList({
  count,
  rowHeight,
  version,
  renderRow,
  class: className,
  label,
  selectedIndex,
  selectedKey = selectedIndex,
  onSelect,
  followEnd = true,
  isDisabled,
  idPrefix,
}: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(600);
  // A list that follows its end mounts its last rows first: it scrolls there before the first
  // paint, and rows mounted at the top only to be replaced cost a reopened panel's first render
  // twice the rows (and their style and layout).
  const [scrollTop, setScrollTop] = useState(() => (followEnd ? Math.max(0, count * rowHeight - height) : 0));
  const following = useRef(followEnd);
  const lastHeight = useRef(0);
  /** Where this list last left or saw its scroll position, and how tall its content was then. */
  const seen = useRef({ top: 0, scrollHeight: 0 });

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    setHeight(el.clientHeight);
    return () => observer.disconnect();
  }, []);

  /** Scrolls the least needed to bring the selected row into view. */
  const revealSelected = (el: HTMLDivElement): void => {
    if (selectedIndex === undefined || selectedIndex < 0) return;
    const top = selectedIndex * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
  };

  const lastCount = useRef(0);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const grew = count >= lastCount.current;
    lastCount.current = count;
    // Not following, same size, rows only added: nothing moves, and reading the scroll position
    // would force a layout in the middle of every repaint (a backlog's analysis repaints the
    // interaction list several times a second). The scroll handler keeps the position.
    if (!following.current && grew && height === lastHeight.current) return;
    // The reader scrolled but the scroll event has not arrived yet (rows stream in faster): judge
    // "at the end" by where they scrolled to, against the content as it was, before following.
    if (following.current && el.scrollTop !== seen.current.top) {
      following.current = followEnd && el.scrollTop + el.clientHeight >= seen.current.scrollHeight - rowHeight;
    }
    if (following.current) el.scrollTop = el.scrollHeight;
    // Resized (docked elsewhere): the selected row stays in view. Only then: new rows never move
    // a list the reader scrolled themselves.
    else if (height !== lastHeight.current) revealSelected(el);
    lastHeight.current = height;
    seen.current = { top: el.scrollTop, scrollHeight: el.scrollHeight };
    setScrollTop(el.scrollTop);
  }, [version, count, height]);

  /** The selected index at the previous render (set after the effect below reads it). */
  const lastIndex = useRef<number | undefined>(undefined);
  // New rows above the selection shift its index at every repaint of a backlog: following it there
  // scrolled the list away from the newest rows, and forced a layout and a second render each time.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || selectedIndex === undefined || selectedIndex < 0) return;
    // Another item where the previous one was (a live capture's newest shown in the place of the
    // newest before): nothing moved, and the list stays where the reader scrolled it.
    if (lastIndex.current === selectedIndex) return;
    revealSelected(el);
    following.current = followEnd && el.scrollTop + el.clientHeight >= el.scrollHeight - rowHeight;
    seen.current = { top: el.scrollTop, scrollHeight: el.scrollHeight };
    setScrollTop(el.scrollTop);
  }, [selectedKey]);
  useLayoutEffect(() => {
    lastIndex.current = selectedIndex;
  });

  const onScroll = (): void => {
    const el = ref.current;
    if (!el) return;
    following.current = followEnd && el.scrollTop + el.clientHeight >= el.scrollHeight - rowHeight;
    seen.current = { top: el.scrollTop, scrollHeight: el.scrollHeight };
    setScrollTop(el.scrollTop);
  };

  const onClick = (event: MouseEvent): void => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!row || !onSelect) return;
    const index = Number(row.dataset.index);
    if (!isDisabled?.(index)) onSelect(index);
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    if (!onSelect || !count) return;
    const page = Math.max(1, Math.floor(height / rowHeight) - 1);
    const from = selectedIndex ?? 0;
    const to =
      event.key === 'Home'
        ? 0
        : event.key === 'End'
          ? count - 1
          : event.key === 'PageDown'
            ? Math.min(count - 1, from + page)
            : event.key === 'PageUp'
              ? Math.max(0, from - page)
              : undefined;
    if (to === undefined) return;
    event.preventDefault();
    onSelect(to);
  };

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);
  const rows: ComponentChildren[] = [];
  const row = (i: number): void => {
    const selected = i === selectedIndex;
    rows.push(
      <div
        key={i}
        id={`${idPrefix}-${i}`}
        class={`vrow${selected ? ' selected' : ''}`}
        role="option"
        tabIndex={-1}
        aria-selected={selected}
        aria-disabled={isDisabled?.(i) || undefined}
        aria-posinset={i + 1}
        aria-setsize={count}
        data-index={i}
        style={{ top: `${i * rowHeight}px`, height: `${rowHeight}px` }}
      >
        {renderRow(i)}
      </div>,
    );
  };
  for (let i = first; i < last; i++) row(i);
  // The selected row stays in the DOM wherever the list is scrolled (by the wheel, a drag of the
  // scrollbar), so `aria-activedescendant` always names a row that exists: a screen reader keeps
  // its place, and the next ↑/↓ goes on from it.
  const active = selectedIndex !== undefined && selectedIndex >= 0 && selectedIndex < count;
  if (active && (selectedIndex < first || selectedIndex >= last)) row(selectedIndex);
  return (
    <div
      ref={ref}
      class={`vlist ${className ?? ''}`}
      onScroll={onScroll}
      onClick={onClick}
      onKeyDown={onKeyDown}
      role="listbox"
      tabIndex={0}
      aria-label={label}
      aria-activedescendant={active ? `${idPrefix}-${selectedIndex}` : undefined}
    >
      <div class="vlist-spacer" role="presentation" style={{ height: `${count * rowHeight}px` }}>
        {rows}
      </div>
    </div>
  );
}
