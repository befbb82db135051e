import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import type { ClientPort } from '../../../src/overlay/page/overlay-client';
import { startOverlay } from '../../../src/overlay/page/start-overlay';
import type { BackgroundToOverlay } from '../../../src/overlay/shared/messages';
import type { OverlaySummary } from '../../../src/overlay/shared/summary';

/** Every bidi control the panel draws as an escape (src/ui/visible-controls.ts). */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

/** A summary whose every wire string carries a bidi control. */
const HOSTILE: OverlaySummary = {
  interactions: [
    {
      id: 'c0ffee00-0000-4000-8000-0000000000f6',
      mediaType: 'tele\u2066phony\u2069',
      customer: { masked: 'name-1', full: 'Zoë \u202eevil\u202c' },
      state: 'conn\u200fected',
      heldLegs: 0,
      recording: 'active',
      consult: false,
      conference: false,
      monitoring: false,
      wrapUp: false,
      ended: false,
      events: [
        { seq: 7, t: 1_767_603_600_000, name: 'AgentContactAssigned', category: 'assignment' },
        { seq: 9, t: 1_767_603_601_000, name: 'Agent\u202eevil\u202cContact', category: 'other' },
      ],
      anomalies: 1,
      lastAnomaly: 'unknown event \u202eevil\u202c',
    },
  ],
  socket: { state: 'connected', reconnects: 0 },
  anomaly: {
    rule: 'unknown-event',
    severity: 'warn',
    message: 'Unknown event Agent\u202eevil\u202cContact',
    seq: 9,
    count: 1,
    total: 1,
  },
  agentState: 'Lunch \u202eevil\u202c \u061c\u200e',
};

/** The overlay started in a fresh JSDOM window, fed `summary`; its closed shadow root, for reading. */
async function overlayShowing(summary: OverlaySummary) {
  const { window } = new JSDOM('<!doctype html><html><body></body></html>', {
    url: 'https://desktop.wxcc-us1.cisco.com/',
  });
  Object.assign(globalThis, { document: window.document, innerWidth: 1280, innerHeight: 800 });
  let root: ShadowRoot | undefined;
  const attach = window.Element.prototype.attachShadow;
  window.Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
    root = attach.call(this, init);
    return root;
  };
  const listeners: ((message: BackgroundToOverlay) => void)[] = [];
  const port: ClientPort = {
    postMessage: () => {},
    onMessage: { addListener: (l) => listeners.push(l) },
    onDisconnect: { addListener: () => {} },
  };
  const copied: string[] = [];
  const stop = startOverlay(window as unknown as Window, {
    connect: () => port,
    loadLayout: async () => ({ right: 16, bottom: 16, collapsed: false }),
    saveLayout: () => {},
    copy: async (text) => {
      copied.push(text);
      return true;
    },
  });
  for (const l of listeners) l({ type: 'state', on: true });
  for (const l of listeners) l({ type: 'summary', summary });
  await tick();
  if (!root) throw new Error('the overlay added no host');
  return { root, copied, stop };
}

/** What a person reads in the box: its text and the attributes shown as tooltips or names. */
function readable(root: ShadowRoot): string[] {
  const out = [root.textContent ?? ''];
  for (const el of root.querySelectorAll('*'))
    for (const name of ['title', 'aria-label', 'alt']) {
      const value = el.getAttribute(name);
      if (value !== null) out.push(value);
    }
  return out;
}

describe('the in-page overlay and bidi controls from the wire', () => {
  it('draws every one as an escape, in text and in tooltips, and copies the text as received', async () => {
    const { root, copied, stop } = await overlayShowing(HOSTILE);
    const text = () => root.textContent ?? '';
    expect(root.querySelector('.agent-state')!.textContent).toBe('Lunch \\u202eevil\\u202c \\u061c\\u200e');
    expect(root.querySelector('.interaction .media')!.textContent).toBe('tele\\u2066phony\\u2069');
    expect(root.querySelector('.interaction .state')!.textContent).toBe('conn\\u200fected');
    expect(text()).toContain('Agent\\u202eevil\\u202cContact +0:01');
    // The mini timeline's and the anomaly's tooltips reorder too when they carry a control.
    expect(root.querySelector('.mini-timeline')!.getAttribute('title')).toContain(
      '#9 Agent⟦U+202E RLO⟧evil⟦U+202C PDF⟧Contact',
    );
    expect(root.querySelector('.anomaly')!.getAttribute('title')).toBe(
      'Unknown event Agent⟦U+202E RLO⟧evil⟦U+202C PDF⟧Contact',
    );

    // The customer, unmasked on a click, as well.
    (root.querySelector('.customer') as HTMLElement).click();
    await tick();
    expect(root.querySelector('.customer')!.textContent).toBe('Zoë \\u202eevil\\u202c');

    expect(readable(root).filter((s) => BIDI.test(s))).toEqual([]);

    // Copy summary puts the text on the clipboard as the wire had it.
    (root.querySelector('.copy') as HTMLElement).click();
    await tick();
    expect(copied).toHaveLength(1);
    expect(copied[0]).toContain('#9  Agent\u202eevil\u202cContact (other)');
    stop();
  });
});
