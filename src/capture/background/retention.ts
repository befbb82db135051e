import { browser } from 'wxt/browser';

/**
 * How long captures are kept. A capture lives in the extension's IndexedDB; without these rules a
 * browser that quits with the desktop open would keep its frames (customer data) indefinitely.
 * - The browser session: an id kept in `storage.session`, which the browser empties when it quits
 *   (and when the extension is reloaded or updated). Every tab record carries the id it was made
 *   in; at startup, records of another session or of a tab that no longer exists are deleted
 *   (Hub.sweep), and one is never loaded for a new tab that happens to get the same id.
 * - A maximum age (options page): frames older than it are deleted even while the tab is open,
 *   checked when the background starts and at most once a minute while frames arrive. The default,
 *   `session`, sets no age: the capture lasts until its tab closes or the browser quits.
 */
const SESSION_KEY = 'captureSession';
const RETENTION_KEY = 'retention';

/** The choices the options page offers: `session`, or a maximum age in hours. */
export const RETENTION_CHOICES = ['session', 1, 8, 24] as const;
export type Retention = (typeof RETENTION_CHOICES)[number];

export function isRetention(value: unknown): value is Retention {
  return (RETENTION_CHOICES as readonly unknown[]).includes(value);
}

export function maxAgeMs(retention: Retention): number | null {
  return retention === 'session' ? null : retention * 3_600_000;
}

/** This browser session's id, made on first use in the session. */
export async function currentSession(): Promise<string> {
  const stored = (await browser.storage.session.get(SESSION_KEY))[SESSION_KEY];
  if (typeof stored === 'string') return stored;
  const session = crypto.randomUUID();
  await browser.storage.session.set({ [SESSION_KEY]: session });
  return session;
}

export async function loadRetention(): Promise<Retention> {
  const value = (await browser.storage.local.get(RETENTION_KEY))[RETENTION_KEY];
  return isRetention(value) ? value : 'session';
}

export async function saveRetention(retention: Retention): Promise<void> {
  await browser.storage.local.set({ [RETENTION_KEY]: retention });
}

/** Calls `apply` with the setting now and whenever the options page changes it. */
export function followRetention(apply: (retention: Retention) => void): void {
  void loadRetention().then(apply);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && RETENTION_KEY in changes) {
      const value = changes[RETENTION_KEY]?.newValue;
      apply(isRetention(value) ? value : 'session');
    }
  });
}
