import { useEffect, useState } from 'preact/hooks';

/** The overlay's state for the inspected tab, as the background answers it. */
export interface OverlayToggleState {
  /** The desktop origin the switch applies to; null when the tab has no desktop to draw on. */
  origin: string | null;
  on: boolean;
}

interface Props {
  /** Asks the background; `on` given switches it first. */
  request(on?: boolean): Promise<OverlayToggleState>;
}

/**
 * The toolbar's **Overlay** toggle: shows or hides the in-page overlay for the inspected tab's
 * desktop origin (remembered per origin). It re-reads the state every few seconds, since the
 * popup or the keyboard shortcut can switch it too.
 */
export function OverlayToggle({ request }: Props) {
  const [state, setState] = useState<OverlayToggleState | null>(null);
  useEffect(() => {
    let alive = true;
    const read = () =>
      request().then(
        (next) => alive && setState(next),
        () => alive && setState(null),
      );
    void read();
    const id = setInterval(read, 2000);
    return () => {
      alive = false;
      clearInterval(id);
    };
  }, [request]);
  const on = state?.on === true;
  const usable = state?.origin != null;
  return (
    <button
      type="button"
      class={`tool overlay-toggle${on ? ' on' : ''}`}
      aria-pressed={on}
      disabled={!usable}
      title={
        usable
          ? `${on ? 'Hide' : 'Show'} the overlay on ${state!.origin} (remembered for this origin; Alt+Shift+O)`
          : 'The overlay draws on Agent Desktop pages; reload the desktop if the extension was just installed'
      }
      onClick={() => void request(!on).then(setState)}
    >
      Overlay
    </button>
  );
}
