/**
 * The only browser APIs the UI touches, behind one small adapter so components stay testable and
 * the same UI can run in the devtools panel, an extension tab or the standalone viewer.
 */
export type Theme = 'light' | 'dark';

interface DevtoolsPanels {
  themeName?: string;
  setThemeChangeHandler?: (callback: (theme: string) => void) => void;
}

function devtoolsPanels(): DevtoolsPanels | undefined {
  return (globalThis as { chrome?: { devtools?: { panels?: DevtoolsPanels } } }).chrome?.devtools?.panels;
}

function themeFrom(themeName: string | undefined): Theme {
  if (themeName === 'dark') return 'dark';
  if (themeName === 'default' || themeName === 'light') return 'light';
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** DevTools' theme inside DevTools; the system's colour scheme in a tab or the viewer. */
export function devtoolsTheme(): Theme {
  return themeFrom(devtoolsPanels()?.themeName);
}

/** Keeps `root`'s `data-theme` in step with DevTools' theme, or with the system's. */
export function followTheme(root: HTMLElement): void {
  const apply = (theme: Theme): void => {
    root.dataset.theme = theme;
  };
  apply(devtoolsTheme());
  const panels = devtoolsPanels();
  if (panels?.setThemeChangeHandler) panels.setThemeChangeHandler((name) => apply(themeFrom(name)));
  else globalThis.matchMedia?.('(prefers-color-scheme: dark)').addEventListener('change', () => apply(devtoolsTheme()));
}

/** The tab to inspect: DevTools' inspected tab, or `?tabId=N` when the panel is opened as a tab. */
export function inspectedTabId(search: string): number | null {
  const fromQuery = new URLSearchParams(search).get('tabId');
  if (fromQuery !== null && /^\d+$/.test(fromQuery)) return Number(fromQuery);
  const tabId = (globalThis as { chrome?: { devtools?: { inspectedWindow?: { tabId?: number } } } }).chrome?.devtools
    ?.inspectedWindow?.tabId;
  return typeof tabId === 'number' ? tabId : null;
}

/** Copies text for the user; DevTools panels may refuse the async clipboard, so fall back to execCommand. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

/** Offers text as a download (DevTools panels and extension pages both allow it). */
export function saveFile(file: { name: string; mimeType: string; text: string }): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const IMPORT_CHANNEL = 'wxcc-inspector-import';

/**
 * A file dropped on the DevTools panel opens in the viewer: the panel opens a viewer tab with a
 * one-time token and hands the File over a BroadcastChannel (extension pages share an origin, and
 * a File crosses a channel without being read) once that tab says it is ready.
 */
export function handOverToViewer(file: File, openTab: (url: string) => void, viewerUrl: string): void {
  const token = crypto.randomUUID();
  const channel = new BroadcastChannel(IMPORT_CHANNEL);
  const timeout = setTimeout(() => channel.close(), 30_000);
  channel.onmessage = (event: MessageEvent<{ type: string; token: string }>) => {
    if (event.data?.type !== 'ready' || event.data.token !== token) return;
    channel.postMessage({ type: 'file', token, file });
    clearTimeout(timeout);
    channel.close();
  };
  openTab(`${viewerUrl}?import=${token}`);
}

/** The viewer's side: if it was opened to receive a file, ask for it and pass it on. */
export function receiveFromPanel(search: string, onFile: (file: File) => void): void {
  const token = new URLSearchParams(search).get('import');
  if (!token) return;
  const channel = new BroadcastChannel(IMPORT_CHANNEL);
  channel.onmessage = (event: MessageEvent<{ type: string; token: string; file: File }>) => {
    if (event.data?.type !== 'file' || event.data.token !== token) return;
    channel.close();
    onFile(event.data.file);
  };
  channel.postMessage({ type: 'ready', token });
}

const LAYOUT_KEY = 'wxcc-inspector.layout';

/** The layout the reader left (pane sizes, folded lanes, time zone), from this extension's local storage. */
export function loadLayout(): unknown {
  try {
    return JSON.parse(globalThis.localStorage?.getItem(LAYOUT_KEY) ?? 'null');
  } catch {
    return null;
  }
}

export function saveLayout(layout: unknown): void {
  try {
    globalThis.localStorage?.setItem(LAYOUT_KEY, JSON.stringify(layout));
  } catch {
    // Storage full or refused: the layout is simply not remembered.
  }
}

const REPLAY_URL_KEY = 'wxcc-inspector.replay-url';
/** Where `wxcc-inspector replay` listens unless told otherwise (src/cli/replay.ts). */
export const DEFAULT_REPLAY_URL = 'http://127.0.0.1:8790';

/** The replay server the user last sent a capture to. */
export function replayServerUrl(): string {
  try {
    return localStorage.getItem(REPLAY_URL_KEY) ?? DEFAULT_REPLAY_URL;
  } catch {
    return DEFAULT_REPLAY_URL;
  }
}

/**
 * Hands a capture file to a running `wxcc-inspector replay` (POST /replay/load) and opens its page
 * in a new tab. Resolves with a one-line error when no replay server answers there.
 */
export async function sendToReplay(
  serverUrl: string,
  file: { name: string; text: string },
): Promise<string | undefined> {
  let base: URL;
  try {
    base = new URL(serverUrl);
  } catch {
    return `"${serverUrl}" is not a URL`;
  }
  if (base.hostname !== '127.0.0.1' && base.hostname !== 'localhost' && base.hostname !== '[::1]') {
    return 'The replay server must run on this machine (127.0.0.1 or localhost): a capture holds customer data.';
  }
  try {
    localStorage.setItem(REPLAY_URL_KEY, base.origin);
  } catch {
    // Not remembered; the next time starts from the default again.
  }
  let response: Response;
  try {
    response = await fetch(`${base.origin}/replay/load?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: file.text,
    });
  } catch {
    return `No replay server answers at ${base.origin}. Start one in a clone of wxcc-inspector: npx wxcc-inspector replay --port ${base.port || 80}`;
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    return `The replay server refused the capture: ${body.error ?? `HTTP ${response.status}`}`;
  }
  window.open(`${base.origin}/`, '_blank', 'noopener');
  return undefined;
}
