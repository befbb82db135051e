import type { Page, Worker } from '@playwright/test';

/** An element inside the overlay's closed shadow root, as the extension itself can read it. */
export interface OverlayElement {
  text: string;
  /** The tooltip (`title`), as the page would show it on hover; null when there is none. */
  title: string | null;
  className: string;
  /** Computed colours, font and display: what page CSS would change if it could reach in. */
  style: string;
  /** In the viewport of the overlay's own frame (CSS px). */
  box: { x: number; y: number; width: number; height: number };
}

/** What one frame's overlay holds for a selector (`null`: no overlay host in that frame). */
export interface OverlayFrame {
  frameId: number;
  url: string;
  hosts: number;
  elements: OverlayElement[] | null;
}

/**
 * Reads the overlay of every frame of a tab that runs the overlay script, through `scripting.executeScript` in the extension's
 * isolated world, where `chrome.dom.openOrClosedShadowRoot` opens a closed shadow root. The page
 * itself cannot do this; the test reads the overlay as only the extension can.
 */
export async function readOverlay(sw: Worker, tabId: number, selector: string): Promise<OverlayFrame[]> {
  return sw.evaluate(
    async ({ tabId, selector }) => {
      // The frames that run the overlay script (the extension may not read the others, e.g. a CRM).
      const documents = (
        globalThis as unknown as { wxccOverlay: { documents(): { tabId: number; frameId: number }[] } }
      ).wxccOverlay.documents();
      const frameIds = documents.filter((d) => d.tabId === tabId).map((d) => d.frameId);
      if (!frameIds.length) return [];
      const results = await chrome.scripting.executeScript({
        target: { tabId, frameIds },
        args: [selector],
        func: (sel: string) => {
          const hosts = document.querySelectorAll('wxcc-inspector-overlay');
          const host = hosts[0] as HTMLElement | undefined;
          const root = host ? chrome.dom.openOrClosedShadowRoot(host) : null;
          const elements = root
            ? [...root.querySelectorAll<HTMLElement>(sel)].map((el) => {
                const r = el.getBoundingClientRect();
                const cs = getComputedStyle(el);
                return {
                  style: [cs.color, cs.backgroundColor, cs.font, cs.display, cs.visibility, cs.letterSpacing].join(
                    ' | ',
                  ),
                  text: el.textContent ?? '',
                  title: el.getAttribute('title'),
                  className: typeof el.className === 'string' ? el.className : '',
                  box: { x: r.x, y: r.y, width: r.width, height: r.height },
                };
              })
            : null;
          return { url: location.href, hosts: hosts.length, elements };
        },
      });
      return results.map((r) => ({
        frameId: r.frameId,
        ...(r.result as { url: string; hosts: number; elements: null }),
      }));
    },
    { tabId, selector },
  );
}

/** The overlay's elements matching `selector` in the tab's top frame. */
export async function overlayElements(sw: Worker, tabId: number, selector: string): Promise<OverlayElement[]> {
  const top = (await readOverlay(sw, tabId, selector)).find((f) => f.frameId === 0);
  return top?.elements ?? [];
}

/** Texts of the overlay's elements matching `selector` (top frame). */
export async function overlayTexts(sw: Worker, tabId: number, selector: string): Promise<string[]> {
  return (await overlayElements(sw, tabId, selector)).map((e) => e.text);
}

/** Clicks the middle of the overlay's first element matching `selector` with the real mouse. */
export async function clickOverlay(page: Page, sw: Worker, tabId: number, selector: string): Promise<void> {
  const [element] = await overlayElements(sw, tabId, selector);
  if (!element) throw new Error(`no ${selector} in the overlay`);
  await page.mouse.click(element.box.x + element.box.width / 2, element.box.y + element.box.height / 2);
}

/** The element that has the keyboard focus inside the overlay (top frame), as a screen reader would name it. */
export interface OverlayFocus {
  className: string;
  role: string | null;
  /** `aria-label`, else the text. */
  name: string;
  expanded: string | null;
  pressed: string | null;
  /** The focus ring: outline style, width and colour. */
  outline: string;
}

/** What has the focus inside the overlay's closed shadow root; null when the focus is elsewhere. */
export async function overlayFocus(sw: Worker, tabId: number): Promise<OverlayFocus | null> {
  return sw.evaluate(async (tabId) => {
    const [result] = await chrome.scripting.executeScript({
      target: { tabId, frameIds: [0] },
      func: () => {
        const host = document.querySelector('wxcc-inspector-overlay') as HTMLElement | null;
        const el = host ? (chrome.dom.openOrClosedShadowRoot(host)?.activeElement as HTMLElement | null) : null;
        if (!el) return null;
        const cs = getComputedStyle(el);
        return {
          className: typeof el.className === 'string' ? el.className : '',
          role: el.getAttribute('role'),
          name: el.getAttribute('aria-label') ?? (el.textContent ?? '').trim(),
          expanded: el.getAttribute('aria-expanded'),
          pressed: el.getAttribute('aria-pressed'),
          outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
        };
      },
    });
    return (result?.result as OverlayFocus | null) ?? null;
  }, tabId);
}
