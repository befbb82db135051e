import { browser } from 'wxt/browser';
import { patternRisk } from '../shared/pattern-risk';

/**
 * Origins the user added in the options page beyond the Agent Desktop ones. Each needs its host
 * permission (requested when added), the two capture scripts and the overlay script registered for it; registrations
 * are re-synced from storage at every background start so the two can never drift apart.
 */
const STORAGE_KEY = 'userOrigins';
const INTERCEPTOR_ID = 'wxcc-interceptor-user';
const RELAY_ID = 'wxcc-relay-user';
const OVERLAY_ID = 'wxcc-overlay-user';

export async function loadUserOrigins(): Promise<string[]> {
  const stored = await browser.storage.local.get(STORAGE_KEY);
  const list = stored[STORAGE_KEY];
  return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
}

export async function saveUserOrigins(patterns: string[]): Promise<void> {
  await browser.storage.local.set({ [STORAGE_KEY]: [...new Set(patterns)] });
  await syncUserScripts();
}

/** Registers the capture scripts for every user origin whose permission is still granted. */
export async function syncUserScripts(): Promise<string[]> {
  const patterns = await loadUserOrigins();
  const granted: string[] = [];
  for (const pattern of patterns) {
    // A pattern that captures every site is never registered, even if an older version stored it.
    if (patternRisk(pattern).level === 'all-sites') continue;
    if (await browser.permissions.contains({ origins: [pattern] })) granted.push(pattern);
  }
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [INTERCEPTOR_ID, RELAY_ID, OVERLAY_ID] });
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: existing.map((s) => s.id) });
  if (granted.length) {
    // Never a second copy where the manifest's scripts already run: the interceptor keeps no
    // flag on the page's window (it would give the extension away), so it cannot tell.
    const excludeMatches = [...new Set(browser.runtime.getManifest().content_scripts?.flatMap((s) => s.matches ?? []))];
    await browser.scripting.registerContentScripts([
      {
        id: INTERCEPTOR_ID,
        matches: granted,
        js: ['content-scripts/interceptor.js'],
        runAt: 'document_start',
        allFrames: true,
        world: 'MAIN',
        excludeMatches,
        persistAcrossSessions: true,
      },
      {
        id: RELAY_ID,
        matches: granted,
        js: ['content-scripts/relay.js'],
        runAt: 'document_start',
        allFrames: true,
        excludeMatches,
        persistAcrossSessions: true,
      },
      // The in-page overlay (drawn only where the user switches it on).
      {
        id: OVERLAY_ID,
        matches: granted,
        js: ['content-scripts/overlay.js'],
        runAt: 'document_idle',
        allFrames: true,
        persistAcrossSessions: true,
      },
    ]);
  }
  return granted;
}
