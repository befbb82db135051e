import { effect } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { EVENT_CATEGORIES } from '../../protocol';
import { zoneLabel } from '../frame-log';
import { announce, announcement, matchesSaid, PAUSE_SAID } from '../announce';
import { loadLayout, saveLayout } from '../host';
import { fileNotice } from '../left-out';
import type { MainTab, PanelStore } from '../panel-store';
import { KEY_HELP, commandFor, type FocusArea } from '../store/keyboard';
import { useRovingToolbar } from './use-roving-toolbar';
import { AnomaliesView } from './AnomaliesView';
import { FramesView } from './FramesView';
import { Icon } from './Icon';
import { InteractionsView } from './InteractionsView';
import { StatusBar } from './StatusBar';
import { TabBar, tabId } from './TabBar';

interface Props {
  store: PanelStore;
  onClear: () => void;
  /** Extra toolbar controls (export, open a file, import progress). */
  tools?: ComponentChildren;
  /** A file in the viewer rather than a live tab: no pause, and "Close" instead of "Clear". */
  file?: string;
}

function AnomaliesTab({ store }: { store: PanelStore }) {
  return (
    <AnomaliesView
      groups={store.select.anomalyGroups.value}
      unavailable={store.select.unavailableRules.value}
      onOpen={(anomaly, seq) => store.openAnomaly(anomaly, seq)}
    />
  );
}

function Status({ store }: { store: PanelStore }) {
  const zone = store.view.timeZone.value;
  return (
    <StatusBar
      status={store.select.status.value}
      counters={store.select.counters.value}
      timeZone={zoneLabel(zone, store.now.peek())}
      onToggleTimeZone={() => (store.view.timeZone.value = zone === 'utc' ? 'local' : 'utc')}
    />
  );
}

/** The keys, listed where `?` opens them. */
function KeyHelp({ onClose }: { onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div class="help-backdrop">
      <div class="help" role="dialog" aria-modal="true" aria-labelledby="help-title">
        <h2 id="help-title">Keyboard</h2>
        <dl>
          {KEY_HELP.map((k) => (
            <div key={k.keys} class="help-row">
              <dt>
                <kbd>{k.keys}</kbd>
              </dt>
              <dd>{k.what}</dd>
            </div>
          ))}
        </dl>
        <p class="caption">Keys act where the focus is: a list walks its rows, the details scroll.</p>
        <button ref={close} type="button" class="tool" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}

/** The id of the panel the main tabs switch. */
const MAIN_PANEL = 'panel-view';

const TABS: { id: MainTab; label: string }[] = [
  { id: 'interactions', label: 'Interactions' },
  { id: 'frames', label: 'Frames' },
  { id: 'anomalies', label: 'Anomalies' },
];

/** Where the keyboard focus is, so a key acts there (see store/keyboard.ts). */
function focusArea(target: HTMLElement): FocusArea {
  if (target.closest('[role="dialog"]')) return 'dialog';
  if (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA') return 'text-input';
  if (target.closest('.details, .frame-detail')) return target.closest('.frame-detail') ? 'frame-detail' : 'details';
  if (target.closest('.timeline')) return 'timeline';
  if (target.closest('.interactions')) return 'interactions';
  if (target.closest('.frame-log')) return 'frames';
  if (target.closest('.lanes')) return 'chart';
  if (target.tagName === 'BUTTON' || target.tagName === 'A' || target.getAttribute('role') === 'separator')
    return 'control';
  return 'elsewhere';
}

const focus = (selector: string) => (document.querySelector(selector) as HTMLElement | null)?.focus();

/** Maps key presses to the store's commands; focus moves stay here (they are the DOM's). */
function useKeyboard(store: PanelStore, search: { current: HTMLInputElement | null }) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      const command = commandFor({
        key: event.key,
        ctrl: event.ctrlKey,
        meta: event.metaKey,
        alt: event.altKey,
        where: target === search.current ? 'search' : focusArea(target),
        tab: store.view.tab.value,
        helpOpen: store.view.helpOpen.value,
      });
      switch (command.type) {
        case 'none':
          return;
        case 'clear-search':
          store.run(command);
          search.current?.blur();
          return;
        case 'focus-search':
          event.preventDefault();
          search.current?.focus();
          return;
        case 'focus-details':
          event.preventDefault();
          focus(store.view.tab.value === 'frames' ? '.frame-detail .details-body' : '.details .details-body');
          return;
        case 'focus-timeline':
          event.preventDefault();
          focus('.timeline');
          return;
        case 'focus-frames':
          event.preventDefault();
          focus('.frame-log .vlist');
          return;
        case 'toggle-help': {
          event.preventDefault();
          const wasOpen = store.view.helpOpen.value;
          store.run(command);
          if (wasOpen) search.current?.focus();
          return;
        }
        default:
          if (store.run(command)) event.preventDefault();
      }
    };
    document.addEventListener('keydown', onKey);
    const tick = setInterval(() => store.tick(Date.now()), 1000);
    return () => {
      document.removeEventListener('keydown', onKey);
      clearInterval(tick);
    };
  }, [store]);
}

/** How long a search or filter rests before the rows it left are said (a word typed is not a search). */
const SEARCH_SAID_AFTER_MS = 700;

/**
 * Says how many rows the search and the filters left (on the tab shown), once they rest; not on
 * opening the panel, nor on switching tabs (the tab's own name says where the reader is).
 */
function useMatchesSaid(store: PanelStore) {
  const { view, select } = store;
  const key = [
    view.query.value,
    view.category.value,
    view.pathFilter.value,
    view.onlyAnomalies.value,
    view.onlyProblemRequests.value,
    view.frameDir.value,
    view.frameSocket.value,
  ].join('\n');
  // Not on opening the panel: only once the reader changed something.
  const opened = useRef(true);
  useEffect(() => {
    if (opened.current) {
      opened.current = false;
      return;
    }
    const timer = setTimeout(() => {
      const tab = view.tab.peek();
      if (tab === 'frames') announce(matchesSaid('frames', select.frameRows.peek().length, select.logRowCount.peek()));
      else if (tab === 'interactions') announce(matchesSaid('interactions', select.timelineRows.peek().length, 0));
    }, SEARCH_SAID_AFTER_MS);
    return () => clearTimeout(timer);
  }, [key]);
}

/** The pane sizes, folded lanes and time zone the reader left, restored and remembered. */
function useRememberedLayout(store: PanelStore) {
  useEffect(() => {
    store.view.restoreLayout(loadLayout());
    return effect(() => saveLayout(store.view.layout()));
  }, [store]);
}

export function Panel({ store, onClear, tools, file }: Props) {
  const search = useRef<HTMLInputElement>(null);
  const toolbar = useRovingToolbar();
  useKeyboard(store, search);
  useRememberedLayout(store);
  useMatchesSaid(store);
  const paused = store.paused.value;
  const pauseStatus = store.select.pauseStatus.value;
  const live = store.connection.value === 'live';
  const { view, select } = store;
  const tab = view.tab.value;
  const queryError = select.queryError.value;
  const anomalies = select.anomalyCounts.value;
  const interactionCount = select.interactionCount.value;
  const leftOut = fileNotice(store.fileLeftOut.value, store.fileFromHar.value);
  const fileName = file !== undefined && (
    <span class="file-name" title={file}>
      {file}
    </span>
  );
  return (
    <div class="panel">
      {/* The toolbar and the tabs are the page's banner; the h1 names the page for a screen reader's heading list. */}
      <header class="panel-head">
        <h1 class="sr-only">{file === undefined ? 'WxCC Inspector' : `WxCC Inspector: ${file}`}</h1>
        <div class="toolbar">
          {/* One tab stop, ←/→ inside (use-roving-toolbar.ts): the capture's buttons. The search box
              and the filters after it are each a tab stop of their own: their ←/→ move the caret or
              change the choice (APG: a toolbar holds at most one such control, and only last). */}
          <div class="tool-group" role="toolbar" aria-label="Capture" ref={toolbar}>
            {!file && (
              <button
                type="button"
                class={`tool ${paused ? 'paused' : ''}`}
                onClick={() => {
                  store.togglePause();
                  announce(store.paused.peek() ? PAUSE_SAID.paused : PAUSE_SAID.resumed);
                }}
                aria-pressed={paused}
                aria-label={paused ? 'Resume' : 'Pause'}
                title={
                  paused ? 'Resume: show the frames that arrived meanwhile' : 'Pause: freeze the view; capture goes on'
                }
              >
                <Icon name={paused ? 'play' : 'pause'} />
                <span class="tool-label">{paused ? 'Resume' : 'Pause'}</span>
              </button>
            )}
            <button
              type="button"
              class="tool"
              onClick={() => {
                onClear();
                announce(file ? `Closed ${file}` : 'Cleared the capture of this tab');
              }}
              aria-label={file ? 'Close' : 'Clear'}
              title={file ? 'Close this file' : 'Clear the capture of this tab'}
            >
              <Icon name="clear" />
              <span class="tool-label">{file ? 'Close' : 'Clear'}</span>
            </button>
            {tools}
          </div>
          <span class="divider" />
          <input
            ref={search}
            class={`search${queryError ? ' invalid' : ''}`}
            type="search"
            placeholder={
              tab === 'frames' ? 'Filter frames — text or /regex/' : 'Search events, paths, values — /regex/'
            }
            aria-label="Search"
            aria-invalid={queryError ? true : undefined}
            title={queryError ?? 'Text, or /regex/; press / to focus, Esc to clear'}
            value={view.query.value}
            onInput={(e) => (view.query.value = (e.target as HTMLInputElement).value)}
          />
          {tab !== 'frames' && (
            <>
              <select
                aria-label="Category"
                value={view.category.value}
                onChange={(e) => (view.category.value = (e.target as HTMLSelectElement).value)}
              >
                <option value="">All categories</option>
                {EVENT_CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
              <input
                class="path-filter"
                type="search"
                placeholder="changes to path…"
                aria-label="Only events changing a path"
                value={view.pathFilter.value}
                onInput={(e) => (view.pathFilter.value = (e.target as HTMLInputElement).value)}
              />
              <label class="check">
                <input
                  type="checkbox"
                  checked={view.onlyAnomalies.value}
                  onChange={(e) => (view.onlyAnomalies.value = (e.target as HTMLInputElement).checked)}
                />
                only anomalies
              </label>
              {(select.hasRequests.value || view.onlyProblemRequests.value) && (
                <label
                  class="check"
                  title="Only requests that failed, timed out or got an HTTP error, and the events that answered them (timeline and Requests lanes)"
                >
                  <input
                    type="checkbox"
                    checked={view.onlyProblemRequests.value}
                    onChange={(e) => (view.onlyProblemRequests.value = (e.target as HTMLInputElement).checked)}
                  />
                  failed requests
                </label>
              )}
            </>
          )}
          {!file && (
            <label
              class="check"
              title="Keep what earlier page loads showed; off, each reload of the desktop starts the view afresh"
            >
              <input
                type="checkbox"
                checked={view.preserve.value}
                onChange={(e) => (view.preserve.value = (e.target as HTMLInputElement).checked)}
              />
              Preserve log
            </label>
          )}
          {pauseStatus && (
            <span class="status warn" title={pauseStatus.title}>
              {pauseStatus.text}
            </span>
          )}
          <span class="spacer" />
          {fileName && leftOut ? (
            <span class="file-label">
              {fileName}
              <span class="status left-out" title={leftOut.title}>
                {leftOut.text}
              </span>
            </span>
          ) : fileName ? (
            fileName
          ) : (
            <span class={`status ${live ? 'ok' : ''}`}>{live ? '● Live' : '○ Connecting…'}</span>
          )}
          <button
            type="button"
            class="tool icon-only"
            aria-label="Keyboard shortcuts"
            title="Keyboard shortcuts (?)"
            onClick={() => (view.helpOpen.value = !view.helpOpen.value)}
          >
            <Icon name="help" />
          </button>
        </div>
        <TabBar
          variant="main"
          label="Panel views"
          panelId={MAIN_PANEL}
          active={tab}
          onSelect={(id) => (view.tab.value = id)}
          tabs={TABS.map((t) => ({
            id: t.id,
            label: (
              <>
                {t.label}
                {t.id === 'interactions' && ` (${interactionCount})`}
                {t.id === 'anomalies' && anomalies.total > 0 && (
                  <span class={`tab-count${anomalies.serious ? ' warn' : ''}`}>{anomalies.total}</span>
                )}
              </>
            ),
          }))}
        />
      </header>
      <main class="main">
        <div class="content" id={MAIN_PANEL} role="tabpanel" aria-labelledby={tabId(MAIN_PANEL, tab)}>
          {tab === 'interactions' && <InteractionsView store={store} />}
          {tab === 'frames' && <FramesView store={store} />}
          {tab === 'anomalies' && <AnomaliesTab store={store} />}
        </div>
      </main>
      <Status store={store} />
      <p class="sr-only" role="status" data-said="panel">
        {announcement.value}
      </p>
      {view.helpOpen.value && <KeyHelp onClose={() => (view.helpOpen.value = false)} />}
    </div>
  );
}
