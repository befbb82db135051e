import type { ComponentChildren } from 'preact';
import { stepItem } from '../roving-keys';

interface Props<T extends string> {
  tabs: readonly { id: T; label: ComponentChildren }[];
  active: T;
  onSelect: (id: T) => void;
  /** `main-tabs`/`main-tab` for the panel's tabs, `tabs`/`tab` for the details'. */
  variant: 'main' | 'details';
  /** The tab list's accessible name. */
  label: string;
  /**
   * The id of the tab panel these tabs switch; each tab's id is `tabId(panelId, tab)`, which the
   * panel names itself by (`aria-labelledby`).
   */
  panelId: string;
}

/** The id of a tab of a TabBar, for the panel's `aria-labelledby`. */
export const tabId = (panelId: string, tab: string): string => `${panelId}-tab-${tab}`;

/**
 * A row of tabs as the WAI-ARIA tabs pattern has them: one tab stop (the active tab; Tab goes on
 * to its panel), ←/→ and Home/End select and focus another tab (selection follows focus: every
 * view shows at once), each tab names the panel it controls.
 */
export function TabBar<T extends string>({ tabs, active, onSelect, variant, label, panelId }: Props<T>) {
  const tabClass = variant === 'main' ? 'main-tab' : 'tab';
  const onKeyDown = (event: KeyboardEvent): void => {
    const to = stepItem(
      tabs.map((t) => t.id),
      active,
      event.key,
      'horizontal',
    );
    if (to === undefined) return;
    event.preventDefault();
    onSelect(to);
    document.getElementById(tabId(panelId, to))?.focus();
  };
  return (
    <div class={variant === 'main' ? 'main-tabs' : 'tabs'} role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {tabs.map((t) => (
        <button
          key={t.id}
          id={tabId(panelId, t.id)}
          type="button"
          role="tab"
          aria-selected={active === t.id}
          aria-controls={panelId}
          tabIndex={active === t.id ? 0 : -1}
          class={`${tabClass}${active === t.id ? ' active' : ''}`}
          onClick={() => onSelect(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
