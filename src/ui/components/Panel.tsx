import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { EVENT_CATEGORIES } from '../../protocol';
import type { MainTab, PanelStore } from '../panel-store';
import { commandFor, type FocusArea } from '../store/keyboard';
import { AnomaliesView } from './AnomaliesView';
import { CaptureHint } from './CaptureHint';
import { FrameLogView } from './FrameLogView';
import { Icon } from './Icon';
import { InteractionsView } from './InteractionsView';
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
  const count = store.select.logRowCount.value;
  return (
    <>
      <CaptureHint kind={store.select.captureHint.value} />
      {count > 0 && <FrameLogView rows={store.log.rows} count={count} />}
    </>
  );
}

function AnomaliesTab({ store }: { store: PanelStore }) {
  return (
    <AnomaliesView
      groups={store.select.anomalyGroups.value}
      onOpen={(anomaly, seq) => {
        if (anomaly.interactionId) {
          store.view.select(anomaly.interactionId, seq);
          store.view.tab.value = 'interactions';
        } else {
          store.view.tab.value = 'frames';
        }
      }}
    />
  );
}

function Status({ store }: { store: PanelStore }) {
  return <StatusBar status={store.select.status.value} counters={store.select.counters.value} />;
}

const TABS: { id: MainTab; label: string }[] = [
  { id: 'interactions', label: 'Interactions' },
  { id: 'frames', label: 'Frames' },
  { id: 'anomalies', label: 'Anomalies' },
];

/** Where the keyboard focus is, so a key acts there (see store/keyboard.ts). */
function focusArea(target: HTMLElement): FocusArea {
  if (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA') return 'text-input';
  if (target.closest('.details')) return 'details';
  if (target.closest('.timeline')) return 'timeline';
  if (target.closest('.interactions')) return 'interactions';
  if (target.closest('.frame-log')) return 'frames';
  return 'elsewhere';
}

/** Maps key presses to the store's commands; focus moves stay here (they are the DOM's). */
function useKeyboard(store: PanelStore, search: { current: HTMLInputElement | null }) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const command = commandFor({
        key: event.key,
        ctrl: event.ctrlKey,
        meta: event.metaKey,
        alt: event.altKey,
        where: focusArea(event.target as HTMLElement),
        tab: store.view.tab.value,
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
          (document.querySelector('.details .tab.active') as HTMLElement | null)?.focus();
          return;
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

export function Panel({ store, onClear, tools, file }: Props) {
  const search = useRef<HTMLInputElement>(null);
  useKeyboard(store, search);
  const paused = store.paused.value;
  const held = store.held.value;
  const live = store.connection.value === 'live';
  const { view, select } = store;
  const tab = view.tab.value;
  const queryError = select.queryError.value;
  const anomalies = select.anomalyCounts.value;
  const interactionCount = select.interactionCount.value;
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
          value={view.query.value}
          onInput={(e) => (view.query.value = (e.target as HTMLInputElement).value)}
        />
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
        <label class="check">
          <input
            type="checkbox"
            checked={view.onlyAnomalies.value}
            onChange={(e) => (view.onlyAnomalies.value = (e.target as HTMLInputElement).checked)}
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
      <main class="content">
        {tab === 'interactions' && <InteractionsView store={store} />}
        {tab === 'frames' && <FramesTab store={store} />}
        {tab === 'anomalies' && <AnomaliesTab store={store} />}
      </main>
      <Status store={store} />
    </div>
  );
}
