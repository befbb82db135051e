import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The WxCC panel (live in DevTools, or the viewer) as a reader sees it: every part found by its
 * role and accessible name, the way preact-devtools' and redux-devtools' tests drive their panels.
 * Tests say what they do ("select the event", "open the Raw view"), not which CSS class it has.
 */
export class PanelPage {
  constructor(readonly page: Page) {}

  // ── toolbar ──
  get toolbar(): Locator {
    return this.page.getByRole('toolbar', { name: 'Capture' });
  }
  /** The toolbar's one tab stop: the control last used in it (the first, at first). */
  get toolbarStop(): Locator {
    return this.toolbar.locator('[tabindex="0"]');
  }
  get search(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search' });
  }
  get category(): Locator {
    return this.page.getByRole('combobox', { name: 'Category' });
  }
  get pathFilter(): Locator {
    return this.page.getByRole('searchbox', { name: 'Only events changing a path' });
  }
  get preserveLog(): Locator {
    return this.page.getByRole('checkbox', { name: 'Preserve log' });
  }
  get onlyAnomalies(): Locator {
    return this.page.getByRole('checkbox', { name: 'only anomalies' });
  }
  button(name: string | RegExp): Locator {
    return this.toolbar.getByRole('button', { name });
  }

  // ── main tabs ──
  tab(name: 'Interactions' | 'Frames' | 'Anomalies'): Locator {
    return this.page.getByRole('tablist', { name: 'Panel views' }).getByRole('tab', { name: new RegExp(`^${name}`) });
  }
  async showTab(name: 'Interactions' | 'Frames' | 'Anomalies'): Promise<this> {
    await this.tab(name).click();
    await expect(this.tab(name)).toHaveAttribute('aria-selected', 'true');
    return this;
  }

  // ── interactions ──
  get interactionList(): Locator {
    return this.page.getByRole('listbox', { name: 'Interactions' });
  }
  get interactions(): Locator {
    return this.interactionList.getByRole('option');
  }
  interaction(text: string | RegExp): Locator {
    return this.interactions.filter({ hasText: text });
  }
  get sortInteractions(): Locator {
    return this.page.getByRole('combobox', { name: 'Sort interactions' });
  }
  get mediaType(): Locator {
    return this.page.getByRole('combobox', { name: 'Media type' });
  }
  get onlyActive(): Locator {
    return this.page.getByRole('checkbox', { name: 'active', exact: true });
  }
  get withAnomalies(): Locator {
    return this.page.getByRole('checkbox', { name: 'anomalies', exact: true });
  }

  // ── the selected interaction ──
  get lanes(): Locator {
    return this.page.getByRole('region', { name: 'Lane chart' });
  }
  /** The lane chart's bars (buttons named by their interval) of one kind: hold, recording-active, … */
  laneBars(kind: string): Locator {
    return this.lanes.locator(`.seg-${kind}`);
  }
  get timeline(): Locator {
    return this.page.getByRole('listbox', { name: 'Timeline' });
  }
  get events(): Locator {
    return this.timeline.getByRole('option');
  }
  /** The timeline row of the event with exactly this name. */
  event(name: string): Locator {
    return this.events.filter({ has: this.page.locator('.e-name', { hasText: new RegExp(`^${escapeRegex(name)}$`) }) });
  }
  async eventNames(): Promise<string[]> {
    return this.timeline.locator('.e-name').allTextContents();
  }
  get selectedEvent(): Locator {
    return this.timeline.getByRole('option', { selected: true });
  }

  // ── details ──
  get details(): Locator {
    return this.page.getByRole('region', { name: 'Event details' });
  }
  get detailsTitle(): Locator {
    return this.details.getByRole('heading');
  }
  detailsTab(name: 'Diff' | 'Snapshot' | 'Raw' | 'Findings'): Locator {
    return this.details.getByRole('tab', { name });
  }
  get detailsBody(): Locator {
    return this.details.getByRole('tabpanel');
  }
  /** A changed field of the diff, by its last path segment (`isHold`). */
  change(leaf: string): Locator {
    return this.details.locator('.change', {
      has: this.page.locator('.c-leaf', { hasText: new RegExp(`^${escapeRegex(leaf)}$`) }),
    });
  }
  get compareWith(): Locator {
    return this.details.getByRole('combobox', { name: /compare with/ });
  }

  // ── frames ──
  get frameList(): Locator {
    return this.page.getByRole('listbox', { name: 'Frames' });
  }
  get frames(): Locator {
    return this.frameList.getByRole('option');
  }
  frame(text: string | RegExp): Locator {
    return this.frames.filter({ hasText: text });
  }
  get frameDirection(): Locator {
    return this.page.getByRole('combobox', { name: 'Direction' });
  }
  get frameSocket(): Locator {
    return this.page.getByRole('combobox', { name: 'Socket' });
  }
  get frameDetail(): Locator {
    return this.page.getByRole('region', { name: 'Frame', exact: true });
  }
  frameView(name: 'JSON' | 'Raw' | 'Hex'): Locator {
    return this.frameDetail.getByRole('tab', { name });
  }

  // ── anomalies, status bar, help ──
  ruleGroup(rule: string): Locator {
    return this.page.locator(`.rule-group[data-rule="${rule}"]`);
  }
  get statusBar(): Locator {
    return this.page.getByRole('contentinfo');
  }
  counter(name: 'frames' | 'bytes' | 'shed' | 'gaps'): Locator {
    return this.statusBar.locator(`[data-counter=${name}] .counter-value`);
  }
  /** The tag saying how the status bar's socket was captured (its title says what that means). */
  get statusCapture(): Locator {
    return this.statusBar.getByTitle(/^(page|worker|cdp|file): /);
  }
  /** The socket cells of the frame rows whose socket lives in the document at `frameUrl`. */
  framesInDocument(frameUrl: string): Locator {
    return this.frames.getByTitle(`in the frame ${frameUrl}`, { exact: true });
  }
  /** The notice on a desktop page without a notification socket (issue 11: no silence). */
  get noSocketNotice(): Locator {
    return this.page.locator('[data-notice="no-socket"]');
  }
  /** The no-socket notice's live region: what a screen reader is told, once and on each change. */
  get noSocketSaid(): Locator {
    return this.noSocketNotice.getByRole('alert');
  }
  /** The note saying a rule cannot run on this capture. */
  ruleUnavailable(rule: string): Locator {
    return this.page.getByRole('note').filter({ hasText: new RegExp(`${escapeRegex(rule)}.*cannot run`, 'i') });
  }
  get help(): Locator {
    return this.page.getByRole('dialog', { name: 'Keyboard' });
  }
  splitter(name: string | RegExp): Locator {
    return this.page.getByRole('separator', { name });
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
