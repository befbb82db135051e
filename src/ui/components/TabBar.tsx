import type { ComponentChildren } from 'preact';

interface Props<T extends string> {
  tabs: readonly { id: T; label: ComponentChildren }[];
  active: T;
  onSelect: (id: T) => void;
  /** `main-tabs`/`main-tab` for the panel's tabs, `tabs`/`tab` for the details'. */
  variant: 'main' | 'details';
  /** The tab list's accessible name. */
  label: string;
}

/** A row of tabs with the roles screen readers and keyboard users expect. */
export function TabBar<T extends string>({ tabs, active, onSelect, variant, label }: Props<T>) {
  const tabClass = variant === 'main' ? 'main-tab' : 'tab';
  return (
    <div class={variant === 'main' ? 'main-tabs' : 'tabs'} role="tablist" aria-label={label}>
      {tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          aria-selected={active === t.id}
          class={`${tabClass}${active === t.id ? ' active' : ''}`}
          onClick={() => onSelect(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
