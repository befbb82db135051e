import { JSDOM } from 'jsdom';
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { describe, expect, it } from 'vitest';
import { useRovingToolbar } from '../../../src/ui/components/use-roving-toolbar';

const { window } = new JSDOM('<!doctype html><body></body>');
Object.assign(globalThis, { document: window.document, MutationObserver: window.MutationObserver });

let showReplay: (on: boolean) => void = () => {};

/** A toolbar like the panel's: a checkbox inside a label, a menu button with its menu open, a hidden file input. */
function Bar() {
  const ref = useRovingToolbar();
  const [replay, setReplay] = useState(false);
  showReplay = setReplay;
  return (
    <div role="toolbar" aria-label="Capture" ref={ref}>
      <button type="button">Pause</button>
      <button type="button">Clear</button>
      <label>
        <input type="checkbox" /> Deep capture
      </label>
      <button type="button" disabled>
        Overlay
      </button>
      <button type="button">Export</button>
      <div role="menu">
        <button type="button" role="menuitem" tabIndex={-1}>
          Capture file
        </button>
      </div>
      {replay && <button type="button">Replay…</button>}
      <input type="file" hidden aria-label="Capture or HAR file" />
      <a href="viewer.html">Open a file…</a>
    </div>
  );
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const name = (el: Element | null) => (el?.textContent ?? '').trim() || (el as HTMLInputElement | null)?.type;
/** Each control's name and tabindex, in order. */
const stops = (root: HTMLElement) =>
  [...root.querySelectorAll<HTMLElement>('button, input, a')].map((el) => `${name(el)} ${el.tabIndex}`);
const press = (key: string, extra: KeyboardEventInit = {}) =>
  document.activeElement!.dispatchEvent(
    new window.KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...extra }),
  );

describe('useRovingToolbar', () => {
  it('makes the toolbar one tab stop that the arrow keys, Home and End walk, wrapping, past what cannot be used', async () => {
    const root = document.createElement('div');
    document.body.append(root);
    render(<Bar />, root);
    await settle();
    expect(stops(root)).toEqual([
      'Pause 0',
      'Clear -1',
      'checkbox -1',
      'Overlay 0',
      'Export -1',
      'Capture file -1',
      'file 0',
      'Open a file… -1',
    ]);
    (root.querySelector('button') as HTMLButtonElement).focus();
    const walk = (key: string) => {
      press(key);
      return name(document.activeElement);
    };
    // The disabled Overlay, the open menu's item and the hidden file input are not stops.
    expect(['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight'].map(walk)).toEqual([
      'Clear',
      'checkbox',
      'Export',
      'Open a file…',
      'Pause',
    ]);
    expect(['ArrowLeft', 'Home', 'End', 'ArrowLeft'].map(walk)).toEqual([
      'Open a file…',
      'Pause',
      'Open a file…',
      'Export',
    ]);
    // The last one used is the tab stop.
    expect(stops(root).filter((s) => s.endsWith(' 0') && !s.startsWith('Overlay') && !s.startsWith('file'))).toEqual([
      'Export 0',
    ]);
    // Keys that are not the toolbar's, or with a modifier, stay where they are.
    for (const [key, extra] of [
      ['ArrowDown', {}],
      ['Enter', {}],
      ['ArrowRight', { shiftKey: true }],
      ['ArrowRight', { ctrlKey: true }],
    ] as const) {
      press(key, extra);
      expect(name(document.activeElement), key).toBe('Export');
    }
    // A control that appears later joins the walk, out of the tab order.
    showReplay(true);
    await settle();
    expect(stops(root)).toContain('Replay… -1');
    expect(walk('ArrowRight')).toBe('Replay…');
    render(null, root);
  });
});
