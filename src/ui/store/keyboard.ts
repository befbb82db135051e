/**
 * The panel's keys, as DevTools users expect them. Which command a key means depends on where the
 * focus is, so a key never fights the reader (↓ in the details scrolls the details, it does not
 * change the selected event). Pure: the panel maps a DOM key event to a `KeyInput`, the store runs
 * the command.
 */
export type FocusArea = 'timeline' | 'interactions' | 'frames' | 'details' | 'text-input' | 'elsewhere';

export type KeyCommand =
  | { type: 'next-event'; step: 1 | -1 }
  | { type: 'next-interaction'; step: 1 | -1 }
  | { type: 'focus-search' }
  | { type: 'clear-search' }
  | { type: 'focus-details' }
  | { type: 'none' };

export interface KeyInput {
  key: string;
  ctrl: boolean;
  meta: boolean;
  alt: boolean;
  where: FocusArea;
  /** The tab the panel shows. */
  tab: 'interactions' | 'frames' | 'anomalies';
}

export function commandFor({ key, ctrl, meta, alt, where, tab }: KeyInput): KeyCommand {
  if (key === 'Escape') return { type: 'clear-search' };
  if (where === 'text-input' || ctrl || meta || alt) return { type: 'none' };
  if (key === '/') return { type: 'focus-search' };
  if (tab !== 'interactions') return { type: 'none' };
  switch (key) {
    case 'ArrowDown':
    case 'j':
      return { type: 'next-event', step: 1 };
    case 'ArrowUp':
    case 'k':
      return { type: 'next-event', step: -1 };
    case 'ArrowRight':
      return { type: 'next-interaction', step: 1 };
    case 'ArrowLeft':
      return { type: 'next-interaction', step: -1 };
    case 'Enter':
      return { type: 'focus-details' };
    default:
      return { type: 'none' };
  }
}
