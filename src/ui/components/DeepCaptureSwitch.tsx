import type { Signal } from '@preact/signals';

const EXPLAINED =
  'Deep capture (Chrome): attaches Chrome’s debugger to this tab and records every WebSocket of it — in the page, its workers and its frames — from the moment it is switched on. Chrome shows a “started debugging this browser” bar while it is on; closing that bar switches it off.';

/**
 * The toolbar switch for Chrome deep capture. It renders only where the background offers deep
 * capture (the store hears its state), says what it costs, and shows Chrome's refusal in words.
 */
export function DeepCaptureSwitch({
  state: signalled,
  onToggle,
}: {
  /** null until the background says it offers deep capture for the tab. */
  state: Signal<{ on: boolean; error?: string } | null>;
  onToggle: (on: boolean) => void;
}) {
  const state = signalled.value;
  if (!state) return null;
  return (
    <>
      <label class="tool deep-capture" title={EXPLAINED}>
        <input
          type="checkbox"
          checked={state.on}
          onChange={(event) => onToggle((event.currentTarget as HTMLInputElement).checked)}
        />{' '}
        Deep capture
      </label>
      {state.on && (
        <span class="deep-note" role="status">
          Chrome’s debugging bar is showing; sockets are recorded from now on
        </span>
      )}
      {state.error && (
        <span class="deep-note warn" role="alert" title={state.error}>
          {state.error}
        </span>
      )}
    </>
  );
}
