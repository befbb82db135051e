import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Result } from 'axe-core';

/**
 * axe-core's serious and critical violations on the page as it is now, one line each (rule, impact,
 * where, and for colour contrast the colours and ratio axe measured), through Deque's own
 * Playwright binding. `include` narrows the check to part of the page (the overlay on the desktop).
 */
export async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  if (include) builder.include(include);
  return serious((await builder.analyze()).violations);
}

/**
 * The violations the e2e tests fail on, whichever browser ran axe (its default rules, as
 * AxeBuilder runs them): serious and critical ones, one line each.
 */
export function serious(violations: Result[]): string[] {
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .slice(0, 3)
          .map((n) => `${n.target.join(' ')}${v.id === 'color-contrast' ? ` [${n.any[0]?.message ?? ''}]` : ''}`)
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
