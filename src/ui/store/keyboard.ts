/**
 * The panel's keys, as DevTools users expect them. Which command a key means depends on where the
 * focus is, so a key never fights the reader: in the details ↑/↓ scroll and ←/→ open and close tree
 * nodes (the browser and the tree do that), in a list they walk that list. Pure: the panel maps a
 * DOM key event to a `KeyInput`, the store runs the command, the panel moves the focus.
 */
export type FocusArea =
  | 'timeline'
  | 'interactions'
  | 'frames'
  | 'frame-detail'
  | 'details'
  | 'dialog'
  /** The toolbar's search box: the one place Esc clears the search. */
  | 'search'
  | 'text-input'
  /** The lane chart or a bar in it: its own keys pan and zoom it (src/ui/chart-view.ts). */
  | 'chart'
  /** A button, tab, splitter or checkbox: its own keys (←/→ between tabs, Enter, Space) win. */
  | 'control'
  | 'elsewhere';

export type KeyCommand =
  | { type: 'next-event'; step: 1 | -1 }
  | { type: 'next-interaction'; step: 1 | -1 }
  | { type: 'next-frame'; step: 1 | -1 }
  | { type: 'focus-search' }
  | { type: 'clear-search' }
  | { type: 'focus-details' }
  | { type: 'focus-timeline' }
  | { type: 'focus-frames' }
  | { type: 'toggle-help' }
  | { type: 'none' };

export interface KeyInput {
  key: string;
  ctrl: boolean;
  meta: boolean;
  alt: boolean;
  where: FocusArea;
  /** The tab the panel shows. */
  tab: 'interactions' | 'frames' | 'anomalies';
  /** The keyboard help is open. */
  helpOpen?: boolean;
}

/** The keys as the `?` help lists them: one line per key, where it applies. */
export const KEY_HELP: readonly { keys: string; what: string }[] = [
  { keys: '↑ ↓  or  j k', what: 'Previous / next event or request (timeline), frame (Frames), interaction (list)' },
  { keys: '← →', what: 'Previous / next interaction; in the details, collapse / expand a tree node' },
  { keys: 'Home End PgUp PgDn', what: 'First, last, a page up or down in the focused list' },
  {
    keys: '← → A D  + − W S  Home End  0',
    what: 'In the focused lane chart: pan, zoom, start or end, show everything',
  },
  { keys: '↑ ↓ in the lane chart', what: 'Previous / next bar (Enter: jump to its event, or zoom into a packed bar)' },
  { keys: '← → Home End on a tab', what: 'Previous / next / first / last tab (panel views, details views)' },
  { keys: 'Tab  Shift+Tab', what: 'Next / previous control; the toolbar, each list, tab row and chart is one stop' },
  { keys: '← → Home End in the toolbar', what: 'Previous / next / first / last of its buttons' },
  { keys: '↓ ↑ on Export', what: 'Open the menu; ↑ ↓ walk it, Enter picks, Esc closes it' },
  { keys: 'Enter', what: 'Move the focus to the details of the selected event or frame' },
  { keys: '↑ ↓ in the details', what: 'Scroll the details (the selection stays)' },
  {
    keys: 'Esc',
    what: "From the details: back to the list. In the search box: clear it. Elsewhere it is DevTools' (its drawer)",
  },
  { keys: '/', what: 'Search (events, paths, values; frames on the Frames tab); /regex/ works' },
  { keys: '?', what: 'Show or hide this help' },
  { keys: 'Ctrl/Cmd+S', what: 'Export the redacted capture file' },
];

export function commandFor({ key, ctrl, meta, alt, where, tab, helpOpen }: KeyInput): KeyCommand {
  if (helpOpen && (key === 'Escape' || key === '?')) return { type: 'toggle-help' };
  if (key === 'Escape') {
    if (where === 'details') return { type: 'focus-timeline' };
    if (where === 'frame-detail') return { type: 'focus-frames' };
    // Only the search box's own Esc clears it. Anywhere else Esc belongs to DevTools (it shows or
    // hides the drawer) or to the control (a menu, a dialog): a search typed a minute ago must not
    // vanish because Esc was pressed on a button.
    if (where === 'search') return { type: 'clear-search' };
    return { type: 'none' };
  }
  if (where === 'search' || where === 'text-input' || where === 'dialog' || ctrl || meta || alt)
    return { type: 'none' };
  if (key === '/') return { type: 'focus-search' };
  if (key === '?') return { type: 'toggle-help' };
  if (where === 'control' || where === 'chart') return { type: 'none' };
  // In the details the browser scrolls and the trees open and close: the selection stays put.
  if (where === 'details' || where === 'frame-detail') return { type: 'none' };
  const down = key === 'ArrowDown' || key === 'j';
  const up = key === 'ArrowUp' || key === 'k';
  if (tab === 'frames') {
    if (down || up) return { type: 'next-frame', step: down ? 1 : -1 };
    if (key === 'Enter') return { type: 'focus-details' };
    return { type: 'none' };
  }
  if (tab !== 'interactions') return { type: 'none' };
  if (down || up) {
    const step = down ? 1 : -1;
    return where === 'interactions' ? { type: 'next-interaction', step } : { type: 'next-event', step };
  }
  if (key === 'ArrowRight') return { type: 'next-interaction', step: 1 };
  if (key === 'ArrowLeft') return { type: 'next-interaction', step: -1 };
  if (key === 'Enter') return { type: 'focus-details' };
  return { type: 'none' };
}
