import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { stepItem } from '../roving-keys';

/**
 * The keys of a toolbar button's popup (the Export menu, the Replay dialog), as the WAI-ARIA menu
 * button and dialog patterns have them: opened, the focus moves into it (the first item); Esc
 * closes it and gives the focus back to its button; the focus leaving it (Tab, a click elsewhere)
 * closes it. In a menu ↑/↓ and Home/End walk the items, which are one tab stop.
 */
export function usePopupKeys(
  open: boolean,
  setOpen: (open: boolean) => void,
  refs: { button: RefObject<HTMLElement | null>; popup: RefObject<HTMLElement | null> },
  kind: 'menu' | 'dialog',
) {
  const items = (): HTMLElement[] => [
    ...(refs.popup.current?.querySelectorAll<HTMLElement>(kind === 'menu' ? '[role="menuitem"]' : 'input, button') ??
      []),
  ];
  /** Where the focus goes as it opens: ↑ on a menu button opens it at its last item. */
  const startAtEnd = useRef(false);
  // Placed before the first paint: an effect runs after it, so the popup showed past the window's
  // edge for a frame (and a test that measured it at once saw it there). Placed again when the
  // window changes size while it is open (the DevTools dock dragged narrower).
  useLayoutEffect(() => {
    if (!open) return;
    const place = () => keepInWindow(refs.popup.current);
    place();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [open]);
  useEffect(() => {
    if (!open) return;
    const list = items();
    (startAtEnd.current ? list.at(-1) : list[0])?.focus();
    startAtEnd.current = false;
  }, [open]);
  return {
    /** On the button: ↓/↑ open a menu at its first or last item. */
    onButtonKeyDown(event: KeyboardEvent): void {
      if (kind !== 'menu' || (event.key !== 'ArrowDown' && event.key !== 'ArrowUp')) return;
      event.preventDefault();
      startAtEnd.current = event.key === 'ArrowUp';
      setOpen(true);
    },
    onPopupKeyDown(event: KeyboardEvent): void {
      if (event.key === 'Escape') {
        // Closing the popup is all this Esc does (the panel's own Esc clears the search).
        event.preventDefault();
        event.stopPropagation();
        setOpen(false);
        refs.button.current?.focus();
        return;
      }
      if (kind !== 'menu') return;
      const list = items();
      const to = stepItem(list, document.activeElement as HTMLElement, event.key, 'vertical');
      if (!to) return;
      event.preventDefault();
      to.focus();
    },
    /** The focus went somewhere outside the button and the popup: close it. */
    onFocusOut(event: FocusEvent): void {
      const next = event.relatedTarget as Node | null;
      const within = (ref: RefObject<HTMLElement | null>) => !!next && !!ref.current?.contains(next);
      if (next && !within(refs.popup) && !within(refs.button)) setOpen(false);
    },
  };
}

/** Margin (px) a popup keeps from the window's edges. */
const EDGE_PX = 4;

/**
 * Moves a popup that opens under its button back inside the window: docked at the side (500 px),
 * the toolbar's Export menu would run past its right edge and cut its items' words.
 */
function keepInWindow(popup: HTMLElement | null): void {
  if (!popup) return;
  popup.style.left = '';
  popup.style.maxWidth = `${window.innerWidth - 2 * EDGE_PX}px`;
  const box = popup.getBoundingClientRect();
  const over = box.right - (window.innerWidth - EDGE_PX);
  if (over > 0) popup.style.left = `${-Math.min(over, box.left - EDGE_PX)}px`;
}
