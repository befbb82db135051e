import { formatDuration } from '../format';
import type { PanelStore } from '../panel-store';

/** The agent and the connection, always in view. */
export function StatusBar({ store }: { store: PanelStore }) {
  store.version.value;
  const now = store.now.value;
  const { session } = store;
  const state = session.agent.states.at(-1);
  const sockets = [...session.sockets.values()];
  const socket = sockets.at(-1);
  const reconnects = Math.max(0, sockets.filter((s) => s.welcomeSeq !== undefined).length - 1);
  const quiet = socket?.lastInbound ? now - socket.lastInbound.t : undefined;
  const analysing = store.analysing.value;
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
            {socket.closed === undefined ? 'open' : `closed${socket.closeCode !== undefined ? ` ${socket.closeCode}` : ''}`}
          </>
        ) : (
          'no socket'
        )}
      </span>
      {quiet !== undefined && socket?.closed === undefined && (
        <span class={`status-item${quiet > 8000 ? ' warn' : ''}`} title="Time since the last inbound frame (keepalives every 4 s)">
          last frame {formatDuration(quiet)} ago
        </span>
      )}
      <span class="status-item">{reconnects} reconnect{reconnects === 1 ? '' : 's'}</span>
      {analysing > 0 && <span class="status-item">Analysing {analysing} frames…</span>}
    </footer>
  );
}
