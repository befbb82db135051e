import { JSDOM } from 'jsdom';
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { installVisibleBidiControls, showBidiControls } from '../../../src/ui/visible-controls';

const { window } = new JSDOM('<!doctype html>');
Object.assign(globalThis, { document: window.document });

describe('bidi controls from the wire', () => {
  it('are shown as escapes, every one of them, and other text is left alone', () => {
    expect(showBidiControls('idle: \u202eevil\u202c')).toBe('idle: \\u202eevil\\u202c');
    expect(showBidiControls('\u2066a\u2069 \u200e\u200f\u061c')).toBe('\\u2066a\\u2069 \\u200e\\u200f\\u061c');
    expect(showBidiControls('Zoë 山田 مرحبا')).toBe('Zoë 山田 مرحبا');
  });

  it('in every text node and tooltip Preact renders once installed; input values and copies untouched', () => {
    installVisibleBidiControls();
    installVisibleBidiControls();
    const root = document.createElement('div');
    const reason = 'Lunch \u202eevil\u202c';
    const props = { title: reason, 'aria-label': reason };
    render(
      <p title={reason}>
        {reason}{' '}
        <b {...props}>
          {'#'}
          {42}
        </b>
        <img alt={reason} src="data:," />
        <input value={reason} data-reason={reason} />
      </p>,
      root,
    );
    expect(root.textContent).toBe('Lunch \\u202eevil\\u202c #42');
    expect(root.querySelector('p')!.getAttribute('title')).toBe('Lunch \\u202eevil\\u202c');
    expect(root.querySelector('b')!.getAttribute('title')).toBe('Lunch \\u202eevil\\u202c');
    expect(root.querySelector('b')!.getAttribute('aria-label')).toBe('Lunch \\u202eevil\\u202c');
    expect(root.querySelector('img')!.getAttribute('alt')).toBe('Lunch \\u202eevil\\u202c');
    // What a person types or the code reads back is not what is drawn: left as it is.
    expect(root.querySelector('input')!.value).toBe(reason);
    expect(root.querySelector('input')!.dataset.reason).toBe(reason);
    // The caller's data keeps the wire's text.
    expect(props.title).toBe(reason);
    expect(reason).toContain('\u202e');
    render(null, root);
  });
});
