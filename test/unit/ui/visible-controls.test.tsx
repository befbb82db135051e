import { JSDOM } from 'jsdom';
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { escapeBidiControls, notateBidiControls, splitBidiControls } from '../../../src/frame/visible-text';
import { installVisibleBidiControls } from '../../../src/ui/visible-controls';

const { window } = new JSDOM('<!doctype html>');
Object.assign(globalThis, { document: window.document });

describe('bidi controls from the wire', () => {
  it('are shown as escapes, every one of them, and other text is left alone', () => {
    expect(escapeBidiControls('idle: \u202eevil\u202c')).toBe('idle: \\u202eevil\\u202c');
    expect(escapeBidiControls('\u2066a\u2069 \u200e\u200f\u061c')).toBe('\\u2066a\\u2069 \\u200e\\u200f\\u061c');
    expect(escapeBidiControls('Zoë 山田 مرحبا')).toBe('Zoë 山田 مرحبا');
  });

  it('are named in brackets where only plain text goes (attributes), unlike a wire string holding \\u202e', () => {
    expect(notateBidiControls('idle: \u202eevil\u202c')).toBe('idle: ⟦U+202E RLO⟧evil⟦U+202C PDF⟧');
    expect(notateBidiControls('\u061c\u200e\u200f\u202a\u202b\u202d\u2066\u2067\u2068\u2069')).toBe(
      '⟦U+061C ALM⟧⟦U+200E LRM⟧⟦U+200F RLM⟧⟦U+202A LRE⟧⟦U+202B RLE⟧⟦U+202D LRO⟧⟦U+2066 LRI⟧⟦U+2067 RLI⟧⟦U+2068 FSI⟧⟦U+2069 PDI⟧',
    );
    // The literal six characters stay as they are: the two no longer read alike.
    expect(notateBidiControls('literal \\u202e, real \u202e')).toBe('literal \\u202e, real ⟦U+202E RLO⟧');
    expect(notateBidiControls('Zoë 山田 مرحبا')).toBe('Zoë 山田 مرحبا');
  });

  it('a wire string that literally holds a notation cannot pass for one: its own ⟦ is notated', () => {
    // A spoofed marker: the bracket is named, the rest is plain text.
    expect(notateBidiControls('Lunch ⟦U+202E RLO⟧evil')).toBe('Lunch ⟦U+27E6 bracket⟧U+202E RLO⟧evil');
    // Next to a real control, the two read apart.
    expect(notateBidiControls('⟦U+202E RLO⟧\u202e')).toBe('⟦U+27E6 bracket⟧U+202E RLO⟧⟦U+202E RLO⟧');
    // Nor can the bracket's own notation be spoofed, nested or repeated.
    expect(notateBidiControls('⟦U+27E6 bracket⟧')).toBe('⟦U+27E6 bracket⟧U+27E6 bracket⟧');
    expect(notateBidiControls('⟦⟦x⟧⟧')).toBe('⟦U+27E6 bracket⟧⟦U+27E6 bracket⟧x⟧⟧');
    // A closing bracket alone opens nothing: left as it is, as is every other bracket.
    expect(notateBidiControls('a⟧b [c] 〚d〛')).toBe('a⟧b [c] 〚d〛');
    // So in every tooltip and accessible name Preact renders, while the text keeps its brackets.
    installVisibleBidiControls();
    const root = document.createElement('div');
    render(
      <button type="button" title={'⟦U+202E RLO⟧evil\u202e'} aria-label="⟦U+202E RLO⟧">
        ⟦U+202E RLO⟧
      </button>,
      root,
    );
    expect(root.firstElementChild!.getAttribute('title')).toBe('⟦U+27E6 bracket⟧U+202E RLO⟧evil⟦U+202E RLO⟧');
    expect(root.firstElementChild!.getAttribute('aria-label')).toBe('⟦U+27E6 bracket⟧U+202E RLO⟧');
    expect(root.textContent).toBe('⟦U+202E RLO⟧');
    render(null, root);
  });

  it('every notated text reads back to exactly one wire text (hostile random strings)', () => {
    // Reads a notated attribute back: every ⟦ opens a notation up to the next ⟧. If this always
    // recovers the input, no two wire texts are notated alike: a marker is never ambiguous.
    const controls = ['\u061c', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e'];
    const controlOf = new Map(
      controls.concat(['\u2066', '\u2067', '\u2068', '\u2069']).map((c) => [notateBidiControls(c), c]),
    );
    controlOf.set('⟦U+27E6 bracket⟧', '⟦');
    const readBack = (notated: string) => {
      let out = '';
      for (let i = 0; i < notated.length; ) {
        if (notated[i] !== '⟦') {
          out += notated[i++];
          continue;
        }
        const end = notated.indexOf('⟧', i) + 1;
        const wire = controlOf.get(notated.slice(i, end));
        if (end === 0 || wire === undefined) throw new Error(`not a notation at ${i}: ${notated}`);
        out += wire;
        i = end;
      }
      return out;
    };
    const pieces = ['⟦', '⟧', 'U+202E RLO', 'U+27E6 bracket', ' ', 'evil', '\\u202e', ...controls, '\u2069'];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let n = 0; n < 2000; n++) {
      let wire = '';
      for (let k = next() % 12; k > 0; k--) wire += pieces[next() % pieces.length];
      expect(readBack(notateBidiControls(wire))).toBe(wire);
    }
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
    // Each escape in text is a badge that says what was removed.
    const badges = [...root.querySelectorAll('p > .bidi-escape')];
    expect(badges.map((b) => b.textContent)).toEqual(['\\u202e', '\\u202c']);
    expect(badges[0]!.getAttribute('title')).toBe('bidi control U+202E (right-to-left override) removed from display');
    expect(badges[1]!.getAttribute('title')).toBe(
      'bidi control U+202C (pop directional formatting) removed from display',
    );
    expect(root.querySelector('p')!.getAttribute('title')).toBe('Lunch ⟦U+202E RLO⟧evil⟦U+202C PDF⟧');
    expect(root.querySelector('b')!.getAttribute('title')).toBe('Lunch ⟦U+202E RLO⟧evil⟦U+202C PDF⟧');
    expect(root.querySelector('b')!.getAttribute('aria-label')).toBe('Lunch ⟦U+202E RLO⟧evil⟦U+202C PDF⟧');
    expect(root.querySelector('img')!.getAttribute('alt')).toBe('Lunch ⟦U+202E RLO⟧evil⟦U+202C PDF⟧');
    // What a person types or the code reads back is not what is drawn: left as it is.
    expect(root.querySelector('input')!.value).toBe(reason);
    expect(root.querySelector('input')!.dataset.reason).toBe(reason);
    // The caller's data keeps the wire's text.
    expect(props.title).toBe(reason);
    expect(reason).toContain('\u202e');
    render(null, root);
  });

  it('a wire string holding the six characters \\u202e is plain text, not a badge: the two never look alike', () => {
    installVisibleBidiControls();
    const root = document.createElement('div');
    const Row = ({ text }: { text: string }) => <span class="row">{text}</span>;
    render(<Row text={'literal \\u202e, real \u202e.'} />, root);
    expect(root.textContent).toBe('literal \\u202e, real \\u202e.');
    // Nor in a tooltip: there the control is named in brackets.
    render(<span title={'literal \\u202e, real \u202e.'} />, root);
    expect(root.firstElementChild!.getAttribute('title')).toBe('literal \\u202e, real ⟦U+202E RLO⟧.');
    render(<Row text={'literal \\u202e, real \u202e.'} />, root);
    const badges = root.querySelectorAll('.bidi-escape');
    expect(badges).toHaveLength(1);
    expect(badges[0]!.previousSibling!.textContent).toBe('literal \\u202e, real ');
    // Re-rendered with other text (a state changing), then controls again: drawn afresh each time.
    render(<Row text="plain" />, root);
    expect(root.innerHTML).toBe('<span class="row">plain</span>');
    render(<Row text={'\u2067x\u2069'} />, root);
    expect([...root.querySelectorAll('.bidi-escape')].map((b) => b.textContent)).toEqual(['\\u2067', '\\u2069']);
    expect(root.textContent).toBe('\\u2067x\\u2069');
    render(<Row text={'\u202eb'} />, root);
    expect(root.textContent).toBe('\\u202eb');
    render(null, root);
  });

  it('splits text into runs and escapes for the views that build their own DOM (the replay page)', () => {
    expect(splitBidiControls('a\u202eb\u202c')).toEqual([
      'a',
      { escape: '\\u202e', control: '\u202e' },
      'b',
      { escape: '\\u202c', control: '\u202c' },
    ]);
    expect(splitBidiControls('plain \\u202e')).toEqual(['plain \\u202e']);
    expect(splitBidiControls('')).toEqual([]);
  });
});
