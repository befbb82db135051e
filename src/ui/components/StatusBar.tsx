import { formatBytes } from '../frame-log';
import { formatDuration } from '../format';
import type { PanelStore } from '../panel-store';

function Counter({ label, value, warn }: { label: string; value: string | number; warn?: boolean }) {
  return (
    <span class={`counter${warn ? ' warn' : ''}`} data-counter={label.toLowerCase()}>
      <span class="counter-label">{label}</span> <span class="counter-value">{value}</span>
    </span>
  );
}

/** The agent, the connection and the capture's counters, always in view. */
export function StatusBar({ store }: { store: PanelStore }) {
  store.version.value;
  const now = store.now.value;
  const { session } = store;
  const state = session.agent.states.at(-1);
  const socket = session.latestSocket;
  const reconnects = Math.max(0, session.connections - 1);
  const quiet = socket?.lastInbound ? now - socket.lastInbound.t : undefined;
  const analysing = store.analysing.value;
  const { counters } = store.log;
  return (
    <footer class="statusbar">
      <span class="status-item" title={session.agent.agentId ?? ''}>
        Agent {state ? [...new Set([state.status, state.subStatus].filter(Boolean))].join('/') || state.event : '—'}
        {state?.changedBy ? ` (by ${state.changedBy})` : ''}
      </span>
      <span class="status-item">
        {socket ? (
          <>
            <span class={`dot ${socket.closed === undefined ? 'ok' : 'down'}`} /> {socket.id}{' '}
            {socket.closed === undefined
              ? store.live
                ? 'open'
                : 'open at the end of the capture'
              : `closed${socket.closeCode !== undefined ? ` ${socket.closeCode}` : ''}`}
          </>
        ) : (
          'no socket'
        )}
      </span>
      {store.live && quiet !== undefined && socket?.closed === undefined && (
        <span
          class={`status-item${quiet > 8000 ? ' warn' : ''}`}
          title="Time since the last inbound frame (keepalives every 4 s)"
        >
          last frame {formatDuration(quiet)} ago
        </span>
      )}
      <span class="status-item">
        {reconnects} reconnect{reconnects === 1 ? '' : 's'}
      </span>
      {analysing > 0 && <span class="status-item">Analysing {analysing} frames…</span>}
      <span class="spacer" />
      <Counter label="Frames" value={counters.frames} />
      <Counter label="Bytes" value={formatBytes(counters.bytes)} />
      <Counter label="Shed" value={counters.shedFrames} warn={counters.shedFrames > 0} />
      <Counter label="Gaps" value={counters.gaps} warn={counters.gaps > 0} />
    </footer>
  );
}
