import type { Page } from '@playwright/test';
import axe, { type Result } from 'axe-core';

/**
 * What a Playwright or a puppeteer page can do that axe needs: evaluate a script (as the debugger
 * does, so the page's CSP, which forbids `eval` on extension pages, does not apply) or run a function.
 */
export interface EvaluatingPage {
  evaluate(script: string): Promise<unknown>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

/**
 * axe-core's serious and critical violations on the page as it is now, one line each (rule, impact,
 * where, and for colour contrast the colours and ratio axe measured), with axe's default rules.
 * `include` narrows the check to part of the page (the overlay on the desktop).
 *
 * axe-core's source goes into the page once, on its first check (a navigation clears it), and
 * `axe.run` does the rest. Deque's Playwright binding, which this replaced, evaluated the 560 KB
 * source twice per check and finished each run in a new blank page: 2.6–3.6 s per check on the
 * 2-core CI machine (1.2–2.1 s in its legacy mode), against 0.64 s to inject once and 0.14–0.44 s
 * per `axe.run`, on the viewer at 1400×300 (2026-12-01). The pages checked have no iframes, which
 * the binding would also have entered.
 */
export async function seriousViolations(page: EvaluatingPage, include?: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window, null))) await page.evaluate(axe.source);
  const json = await page.evaluate(async (part) => {
    const { run } = (window as unknown as { axe: typeof axe }).axe;
    const context = part === null ? document : { include: [part], exclude: [] };
    return JSON.stringify((await run(context, { resultTypes: ['violations'] })).violations);
  }, include ?? null);
  return serious(JSON.parse(json));
}

/** axe's selector of a node: one part per frame, a shadow host and what is in its root joined by `>>`. */
const where = (target: Result['nodes'][number]['target']): string =>
  target.map((part) => (Array.isArray(part) ? part.join(' >> ') : part)).join(' ');

/**
 * The violations the e2e tests fail on, whichever browser ran axe (its default rules): serious and
 * critical ones, one line each.
 */
export function serious(violations: Result[]): string[] {
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .slice(0, 3)
          .map((n) => `${where(n.target)}${v.id === 'color-contrast' ? ` [${n.any[0]?.message ?? ''}]` : ''}`)
          .join(', ')}`,
    );
}

interface CdpNode {
  nodeName: string;
  backendNodeId: number;
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
  contentDocument?: CdpNode;
}

/**
 * The in-page overlay's serious and critical violations. Its shadow root is closed, so neither the
 * page nor axe can reach it; over the DevTools protocol (which sees every shadow root, as the
 * extension itself does) the test hands axe, in the page's world, a `shadowRoot` on the host that
 * returns it. Nothing of the extension changes: its root stays closed to the page's own scripts.
 */
export async function overlayViolations(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const find = (node: CdpNode): CdpNode | undefined => {
      if (node.nodeName === 'WXCC-INSPECTOR-OVERLAY') return node;
      for (const child of node.children ?? []) {
        const found = find(child);
        if (found) return found;
      }
      return undefined;
    };
    const shadow = find(root)?.shadowRoots?.[0];
    if (!shadow) throw new Error('no overlay host with a shadow root in the page');
    const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId })) as {
      object: { objectId: string };
    };
    await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration:
        'function () { const root = this; Object.defineProperty(root.host, "shadowRoot", { configurable: true, get: () => root }); }',
    });
  } finally {
    await cdp.detach();
  }
  return seriousViolations(page, 'wxcc-inspector-overlay');
}
