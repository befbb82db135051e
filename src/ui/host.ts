/**
 * The only browser APIs the UI touches, behind one small adapter so components stay testable and
 * the same UI can run in the devtools panel, an extension tab or the standalone viewer.
 */
export type Theme = 'light' | 'dark';

export function devtoolsTheme(): Theme {
  const themeName = (globalThis as { chrome?: { devtools?: { panels?: { themeName?: string } } } }).chrome?.devtools
    ?.panels?.themeName;
  if (themeName === 'dark') return 'dark';
  if (themeName === 'default' || themeName === 'light') return 'light';
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** The tab to inspect: DevTools' inspected tab, or `?tabId=N` when the panel is opened as a tab. */
export function inspectedTabId(search: string): number | null {
  const fromQuery = new URLSearchParams(search).get('tabId');
  if (fromQuery !== null && /^\d+$/.test(fromQuery)) return Number(fromQuery);
  const tabId = (globalThis as { chrome?: { devtools?: { inspectedWindow?: { tabId?: number } } } }).chrome?.devtools
    ?.inspectedWindow?.tabId;
  return typeof tabId === 'number' ? tabId : null;
}
