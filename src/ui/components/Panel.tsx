import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { EVENT_CATEGORIES } from '../../protocol';
import type { MainTab, PanelStore } from '../panel-store';
import { compileQuery } from '../search';
import { AnomaliesView } from './AnomaliesView';
import { CaptureHint } from './CaptureHint';
import { FrameLogView } from './FrameLogView';
import { Icon } from './Icon';
import { InteractionsView, visibleEvents } from './InteractionsView';
import { StatusBar } from './StatusBar';
import { TabBar } from './TabBar';

interface Props {
  store: PanelStore;
  onClear: () => void;
  /** Extra toolbar controls (export, open a file, import progress). */
  tools?: ComponentChildren;
  /** A file in the viewer rather than a live tab: no pause, and "Close" instead of "Clear". */
  file?: string;
}

function FramesTab({ store }: { store: PanelStore }) {
  return (
    <>
      <CaptureHint store={store} />
      {store.log.rows.length > 0 && <FrameLogView store={store} />}
    </>
  );
}

const TABS: { id: MainTab; label: string }[] = [
  { id: 'interactions', label: 'Interactions' },
  { id: 'frames', label: 'Frames' },
  { id: 'anomalies', label: 'Anomalies' },
];

/** DevTools habits: ↑/↓ or j/k walk the timeline, ←/→ the interactions, / searches, Esc clears. */
function useKeyboard(store: PanelStore, search: { current: HTMLInputElement | null }) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      const typing = target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA';
      if (event.key === 'Escape') {
        store.query.value = '';
        search.current?.blur();
        return;
      }
      if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === '/') {
        event.preventDefault();
        search.current?.focus();
        return;
      }
      if (store.tab.value !== 'interactions') return;
      if (['ArrowDown', 'ArrowUp', 'j', 'k'].includes(event.key)) {
        const events = visibleEvents(store);
        if (!events.length) return;
        const current = events.findIndex((e) => e.seq === store.selectedSeq.value);
        const from = current < 0 ? events.length - 1 : current;
        const step = event.key === 'ArrowDown' || event.key === 'j' ? 1 : -1;
        store.selectedSeq.value = events[Math.max(0, Math.min(events.length - 1, from + step))]!.seq;
        event.preventDefault();
      } else if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
        const list = store.interactions();
        const current = list.indexOf(store.selected()!);
        const next = list[current + (event.key === 'ArrowRight' ? 1 : -1)];
        if (next) store.select(next.interactionId);
        event.preventDefault();
      } else if (event.key === 'Enter') {
        (document.querySelector('.details .tab.active') as HTMLElement | null)?.focus();
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

export function Panel({ store, onClear, tools, file }: Props) {
  store.version.value; // re-render with the log and the session
  const search = useRef<HTMLInputElement>(null);
  useKeyboard(store, search);
  const paused = store.paused.value;
  const held = store.held.value;
  const live = store.connection.value === 'live';
  const tab = store.tab.value;
  const queryError = compileQuery(store.query.value).error;
  const anomalies = store.session.anomalies;
  const serious = store.session.severityCounts.error + store.session.severityCounts.warn;
  return (
    <div class="panel">
      <div class="toolbar" role="toolbar" aria-label="Capture">
        {!file && (
          <button
            type="button"
            class={`tool ${paused ? 'paused' : ''}`}
            onClick={() => store.togglePause()}
            aria-pressed={paused}
            title={
              paused ? 'Resume: show the frames that arrived meanwhile' : 'Pause: freeze the view; capture goes on'
            }
          >
            <Icon name={paused ? 'play' : 'pause'} />
            {paused ? 'Resume' : 'Pause'}
          </button>
        )}
        <button
          type="button"
          class="tool"
          onClick={onClear}
          title={file ? 'Close this file' : 'Clear the capture of this tab'}
        >
          <Icon name="clear" />
          {file ? 'Close' : 'Clear'}
        </button>
        {tools}
        <span class="divider" />
        <input
          ref={search}
          class={`search${queryError ? ' invalid' : ''}`}
          type="search"
          placeholder="Search events, paths, values — /regex/"
          aria-label="Search"
          title={queryError ?? 'Text, or /regex/; press / to focus, Esc to clear'}
          value={store.query.value}
          onInput={(e) => (store.query.value = (e.target as HTMLInputElement).value)}
        />
        <select
          aria-label="Category"
          value={store.category.value}
          onChange={(e) => (store.category.value = (e.target as HTMLSelectElement).value)}
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
          value={store.pathFilter.value}
          onInput={(e) => (store.pathFilter.value = (e.target as HTMLInputElement).value)}
        />
        {!file && (
          <label
            class="check"
            title="Keep what earlier page loads showed; off, each reload of the desktop starts the view afresh"
          >
            <input
              type="checkbox"
              checked={store.preserve.value}
              onChange={(e) => (store.preserve.value = (e.target as HTMLInputElement).checked)}
            />
            Preserve log
          </label>
        )}
        <label class="check">
          <input
            type="checkbox"
            checked={store.onlyAnomalies.value}
            onChange={(e) => (store.onlyAnomalies.value = (e.target as HTMLInputElement).checked)}
          />
          only anomalies
        </label>
        {paused && <span class="status warn">Paused — {held} new frames waiting</span>}
        <span class="spacer" />
        {file !== undefined ? (
          <span class="file-name" title={file}>
            {file}
          </span>
        ) : (
          <span class={`status ${live ? 'ok' : ''}`}>{live ? '● Live' : '○ Connecting…'}</span>
        )}
      </div>
      <TabBar
        variant="main"
        active={tab}
        onSelect={(id) => (store.tab.value = id)}
        tabs={TABS.map((t) => ({
          id: t.id,
          label: (
            <>
              {t.label}
              {t.id === 'interactions' && ` (${store.session.interactions.size})`}
              {t.id === 'anomalies' && anomalies.length > 0 && (
                <span class={`tab-count${serious ? ' warn' : ''}`}>{anomalies.length}</span>
              )}
            </>
          ),
        }))}
      />
      <main class="content">
        {tab === 'interactions' && <InteractionsView store={store} />}
        {tab === 'frames' && <FramesTab store={store} />}
        {tab === 'anomalies' && <AnomaliesView store={store} />}
      </main>
      <StatusBar store={store} />
    </div>
  );
}
