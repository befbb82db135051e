import { signal } from '@preact/signals';

/**
 * What the panel's one polite live region says (Panel renders it): the outcome of an action that
 * changes nothing under the focus, which a screen reader would otherwise not hear. Pause, Clear,
 * Export, and how many rows a search or filter left.
 */
export const announcement = signal('');

/** Says `text`; said twice running, it changes by a no-break space so a screen reader says it again. */
export function announce(text: string): void {
  announcement.value = announcement.peek() === text ? `${text}\u00a0` : text;
}

export const PAUSE_SAID = {
  paused: 'Paused: the view is frozen, capture goes on',
  resumed: 'Resumed: the frames that arrived meanwhile are shown',
} as const;

/** What a search or filter left, in the words of the list it filters. */
export function matchesSaid(tab: 'interactions' | 'frames', shown: number, total: number): string {
  if (tab === 'frames') return shown === total ? `All ${total} rows shown` : `${shown} of ${total} rows shown`;
  if (shown === 0) return 'No events match the search and filters';
  return `${shown} ${shown === 1 ? 'event or request matches' : 'events and requests match'}`;
}
