import { JSDOM } from 'jsdom';
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { INITIAL_FLAGS } from '../../../src/model';
import { InteractionsList } from '../../../src/ui/components/InteractionsList';
import { VirtualList } from '../../../src/ui/components/VirtualList';
import type { InteractionRow } from '../../../src/ui/store/selectors';

/*
 * JSDOM lays nothing out: the list element gets a 100 px viewport, a content height from its
 * spacer's style, and a scroll position clamped to them, as a browser would give it.
 */
const { window } = new JSDOM('<!doctype html>');
const VIEWPORT = 100;
const scrolled = new WeakMap<object, number>();
const proto = window.HTMLElement.prototype;
Object.defineProperty(proto, 'clientHeight', { get: () => VIEWPORT, configurable: true });
Object.defineProperty(proto, 'scrollHeight', {
  get(this: HTMLElement) {
    return Number.parseFloat((this.firstElementChild as HTMLElement | null)?.style.height ?? '0') || 0;
  },
  configurable: true,
});
Object.defineProperty(proto, 'scrollTop', {
  get(this: HTMLElement) {
    return scrolled.get(this) ?? 0;
  },
  set(this: HTMLElement, value: number) {
    scrolled.set(this, Math.max(0, Math.min(value, this.scrollHeight - VIEWPORT)));
  },
  configurable: true,
});
Object.assign(globalThis, {
  document: window.document,
  ResizeObserver: class {
    observe(): void {}
    disconnect(): void {}
  },
});

const ROW = 20;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function list(root: HTMLElement, count: number, selectedIndex: number, selectedKey?: string) {
  render(
    <VirtualList
      count={count}
      rowHeight={ROW}
      version={count}
      label="Interactions"
      idPrefix="i"
      followEnd={false}
      selectedIndex={selectedIndex}
      {...(selectedKey === undefined ? {} : { selectedKey })}
      renderRow={(i) => <span>{i}</span>}
    />,
    root,
  );
  return root.querySelector<HTMLElement>('.vlist')!;
}

describe('VirtualList keeps the selection in view', () => {
  it('moves to a newly selected item, but not when rows added above it shift its index', async () => {
    const root = document.createElement('div');
    let el = list(root, 100, 50, 'a');
    await settle();
    // Brought into view at the bottom edge.
    expect(el.scrollTop).toBe(50 * ROW + ROW - VIEWPORT);
    // The reader scrolls back to the newest rows.
    el.scrollTop = 0;
    el.dispatchEvent(new window.Event('scroll'));
    await settle();
    // Ten newer rows arrive above: the same item is now at index 60; the list stays where the reader left it.
    el = list(root, 110, 60, 'a');
    await settle();
    expect(el.scrollTop).toBe(0);
    // Another item is picked: the list moves to it.
    el = list(root, 110, 70, 'b');
    await settle();
    expect(el.scrollTop).toBe(70 * ROW + ROW - VIEWPORT);
    render(null, root);
  });

  it('stays where the reader scrolled when the newest row is shown in the place of the one before', async () => {
    // A live capture, nothing picked: the list's first row is shown, and a new interaction takes
    // its place at the top while the reader scrolled down to older ones.
    const root = document.createElement('div');
    let el = list(root, 100, 0, 'a');
    await settle();
    el.scrollTop = 40 * ROW;
    el.dispatchEvent(new window.Event('scroll'));
    await settle();
    el = list(root, 101, 0, 'b');
    await settle();
    expect(el.scrollTop).toBe(40 * ROW);
    // The end of a backlog: the one shown moves from far down the list to the newest, in view.
    el = list(root, 101, 60, 'c');
    await settle();
    el.scrollTop = 40 * ROW;
    el.dispatchEvent(new window.Event('scroll'));
    await settle();
    el = list(root, 102, 0, 'd');
    await settle();
    expect(el.scrollTop).toBe(0);
    render(null, root);
  });

  it('without a key, follows the selected index (lists whose rows are only appended)', async () => {
    const root = document.createElement('div');
    let el = list(root, 100, 10);
    await settle();
    el.scrollTop = 0;
    el.dispatchEvent(new window.Event('scroll'));
    await settle();
    el = list(root, 100, 40);
    await settle();
    expect(el.scrollTop).toBe(40 * ROW + ROW - VIEWPORT);
    render(null, root);
  });
});

describe('VirtualList names its selected row wherever it is scrolled', () => {
  it('keeps the selected row in the DOM and aria-activedescendant on it when the reader scrolls far away', async () => {
    const root = document.createElement('div');
    let el = list(root, 10_000, 5_000, 'a');
    await settle();
    expect(el.getAttribute('aria-activedescendant')).toBe('i-5000');
    // Scrolled (the wheel, the scrollbar) to the top, thousands of rows away from the selection.
    el.scrollTop = 0;
    el.dispatchEvent(new window.Event('scroll'));
    await settle();
    el = list(root, 10_000, 5_000, 'a');
    await settle();
    expect(el.scrollTop).toBe(0);
    const selected = el.querySelector<HTMLElement>('#i-5000')!;
    expect(selected.getAttribute('aria-selected')).toBe('true');
    expect(selected.getAttribute('aria-posinset')).toBe('5001');
    expect(selected.getAttribute('aria-setsize')).toBe('10000');
    expect(selected.style.top).toBe(`${5_000 * ROW}px`);
    expect(el.getAttribute('aria-activedescendant')).toBe('i-5000');
    // The rows in view are there too, and only one row is selected.
    expect(el.querySelector('#i-0')).not.toBeNull();
    expect(el.querySelectorAll('[aria-selected="true"]')).toHaveLength(1);
    render(null, root);
  });

  it('names no row when nothing is selected', async () => {
    const root = document.createElement('div');
    const el = list(root, 50, -1);
    await settle();
    expect(el.hasAttribute('aria-activedescendant')).toBe(false);
    expect(el.querySelectorAll('[aria-selected="true"]')).toHaveLength(0);
    render(null, root);
  });
});

describe('the interactions list brings the selection into view', () => {
  const INTERACTION_ROW = 48;
  const row = (i: number): InteractionRow => ({
    interactionId: `id-${i}`,
    firstT: i,
    lastT: i,
    mediaType: 'telephony',
    customer: `customer ${i}`,
    flags: INITIAL_FLAGS,
    counts: { error: 0, warn: 0, info: 0 },
  });
  const interactions = (root: HTMLElement, rows: InteractionRow[], arrangement: string) => {
    render(
      <InteractionsList rows={rows} selectedId="id-50" now={0} onSelect={() => {}} arrangement={arrangement} />,
      root,
    );
    return root.querySelector<HTMLElement>('.vlist')!;
  };

  it('when it is sorted or filtered anew, not when rows arrive above it', async () => {
    const root = document.createElement('div');
    const newest = Array.from({ length: 100 }, (_, i) => row(99 - i));
    let el = interactions(root, newest, 'newest');
    await settle();
    el.scrollTop = 0;
    el.dispatchEvent(new window.Event('scroll'));
    await settle();
    // Twenty newer interactions: the selection moves down, the list stays.
    const more = [...Array.from({ length: 20 }, (_, i) => row(119 - i)), ...newest];
    el = interactions(root, more, 'newest');
    await settle();
    expect(el.scrollTop).toBe(0);
    // Sorted oldest first: the selection is elsewhere, and shown there.
    el = interactions(root, more.toReversed(), 'oldest');
    await settle();
    const at = more.toReversed().findIndex((r) => r.interactionId === 'id-50');
    expect(el.scrollTop).toBe(at * INTERACTION_ROW + INTERACTION_ROW - VIEWPORT);
    render(null, root);
  });
});
