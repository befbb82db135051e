import { formatBytes } from '../frame-log';
import type { PanelStore } from '../panel-store';
import { FrameLogView } from './FrameLogView';
import { Icon } from './Icon';

interface Props {
  store: PanelStore;
  onClear: () => void;
}

function Counter({ label, value, warn }: { label: string; value: string | number; warn?: boolean }) {
  return (
    <span class={`counter${warn ? ' warn' : ''}`} data-counter={label.toLowerCase()}>
      <span class="counter-label">{label}</span> <span class="counter-value">{value}</span>
    </span>
  );
}

export function Panel({ store, onClear }: Props) {
  store.version.value; // re-render with the log
  const { counters } = store.log;
  const paused = store.paused.value;
  const held = store.held.value;
  const live = store.connection.value === 'live';
  const empty = store.log.rows.length === 0;
  const hadFrames = (store.stats.value?.lastSeq ?? 0) > 0;
  // Page loads and notices alone don't mean capture works: say so until a socket is seen.
  const noSocket = counters.socketFrames === 0 && !(empty && hadFrames);
  return (
    <div class="panel">
      <div class="toolbar" role="toolbar" aria-label="Capture">
        <button
          type="button"
          class={`tool ${paused ? 'paused' : ''}`}
          onClick={() => store.togglePause()}
          aria-pressed={paused}
          title={paused ? 'Resume: show the frames that arrived meanwhile' : 'Pause: freeze the view; capture goes on'}
        >
          <Icon name={paused ? 'play' : 'pause'} />
          {paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" class="tool" onClick={onClear} title="Clear the capture of this tab">
          <Icon name="clear" />
          Clear
        </button>
        <span class="divider" />
        <Counter label="Frames" value={counters.frames} />
        <Counter label="Bytes" value={formatBytes(counters.bytes)} />
        <Counter label="Shed" value={counters.shedFrames} warn={counters.shedFrames > 0} />
        <Counter label="Gaps" value={counters.gaps} warn={counters.gaps > 0} />
        {paused && <span class="status warn">Paused — {held} new frames waiting</span>}
        <span class="spacer" />
        <span class={`status ${live ? 'ok' : ''}`}>{live ? '● Live' : '○ Connecting…'}</span>
      </div>
      {noSocket && (
        <div class="empty" role="status">
          {counters.frames > 0 ? (
            <>
              <p>
                <strong>No WebSocket on this page yet.</strong>
              </p>
              <p>Capture has been running since the page loaded: frames appear here as soon as the page opens a socket.</p>
            </>
          ) : (
            <>
              <p>
                <strong>No agent desktop socket yet.</strong>
              </p>
              <p>
                Reload the desktop page so capture starts at page load; frames appear here as they arrive. Pages other
                than the Agent Desktop need their origin added in the extension's options.
              </p>
            </>
          )}
        </div>
      )}
      {empty && hadFrames && (
        <div class="empty" role="status">
          <p>
            <strong>Capture cleared.</strong> New frames appear here as they arrive.
          </p>
        </div>
      )}
      {!empty && <FrameLogView store={store} />}
    </div>
  );
}
