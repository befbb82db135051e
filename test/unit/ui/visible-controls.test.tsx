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

  it('in every text node Preact renders once installed, attributes and copies untouched', () => {
    installVisibleBidiControls();
    installVisibleBidiControls();
    const root = document.createElement('div');
    const reason = 'Lunch \u202eevil\u202c';
    render(
      <p title={reason}>
        {reason}{' '}
        <b>
          {'#'}
          {42}
        </b>
      </p>,
      root,
    );
    expect(root.textContent).toBe('Lunch \\u202eevil\\u202c #42');
    expect(root.querySelector('p')!.getAttribute('title')).toBe(reason);
    expect(reason).toContain('\u202e');
  });
});
