import { useLayoutEffect, useState } from 'preact/hooks';
import { stepItem } from '../roving-keys';

/**
 * A WAI-ARIA toolbar as one tab stop: Tab enters it at the control last used there (the first,
 * at first), ←/→ walk its controls and Home/End go to the ends, wrapping, as in DevTools' own
 * toolbars. Its controls come from several components (the tools differ between the live panel
 * and the viewer, and appear as the capture allows), so this works on the DOM: it finds them
 * whenever the toolbar's children change and gives each the right tabindex. A popup a control
 * opens (the Export menu) keeps its own keys. The search box and the filters are not in the
 * toolbar: their ←/→ move the caret (APG: a toolbar holds at most one such control, last).
 */
export function useRovingToolbar(): (el: HTMLElement | null) => void {
  const [bar, setBar] = useState<HTMLElement | null>(null);
  useLayoutEffect(() => {
    if (!bar) return;
    let active: HTMLElement | undefined;
    const items = () => toolbarItems(bar);
    const sync = () => {
      const all = items();
      if (!active || !all.includes(active)) active = all[0];
      for (const item of all) item.tabIndex = item === active ? 0 : -1;
    };
    const onFocus = (event: FocusEvent) => {
      const target = event.target as HTMLElement;
      if (!items().includes(target)) return;
      active = target;
      sync();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const all = items();
      const from = event.target as HTMLElement;
      if (!all.includes(from)) return;
      const to = stepItem(all, from, event.key, 'horizontal');
      if (!to) return;
      event.preventDefault();
      to.focus();
    };
    sync();
    // Controls come and go (Replay… once there is a capture, a file's Export): each new one is
    // out of the tab order unless it is the only one left.
    const observer = new MutationObserver(sync);
    observer.observe(bar, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['disabled', 'hidden'],
    });
    bar.addEventListener('focusin', onFocus);
    bar.addEventListener('keydown', onKey);
    return () => {
      observer.disconnect();
      bar.removeEventListener('focusin', onFocus);
      bar.removeEventListener('keydown', onKey);
    };
  }, [bar]);
  return setBar;
}

/**
 * The toolbar's own controls, in order: enabled, not hidden (the viewer's file input), not inside a
 * popup one of them opened. Not by layout: a panel DevTools has not shown yet has none, and its
 * controls must already be one tab stop when it is.
 */
export function toolbarItems(bar: HTMLElement): HTMLElement[] {
  return [...bar.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href]')].filter(
    (el) => !el.closest('[role="menu"], [role="dialog"], [hidden]') && !(el as HTMLButtonElement).disabled,
  );
}
