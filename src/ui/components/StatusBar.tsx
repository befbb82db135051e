import { formatBytes, type LogCounters } from '../frame-log';
import { formatDuration } from '../format';
import type { StatusLine } from '../store/selectors';

function Counter({ label, value, warn }: { label: string; value: string | number; warn?: boolean }) {
  return (
    <span class={`counter${warn ? ' warn' : ''}`} data-counter={label.toLowerCase()}>
      <span class="counter-label">{label}</span> <span class="counter-value">{value}</span>
    </span>
  );
}

/** The agent, the connection and the capture's counters, always in view. */
export function StatusBar({ status, counters }: { status: StatusLine; counters: LogCounters }) {
  return (
    <footer class="statusbar">
      <span class="status-item" title={status.agentId}>
        Agent {status.agentState}
        {status.changedBy ? ` (by ${status.changedBy})` : ''}
      </span>
      <span class="status-item">
        {status.socketId ? (
          <>
            <span class={`dot ${status.socketClosed ? 'down' : 'ok'}`} /> {status.socketId}{' '}
            {!status.socketClosed
              ? status.live
                ? 'open'
                : 'open at the end of the capture'
              : `closed${status.closeCode !== undefined ? ` ${status.closeCode}` : ''}`}
          </>
        ) : (
          'no socket'
        )}
      </span>
      {status.quietMs !== undefined && (
        <span
          class={`status-item${status.quietWarn ? ' warn' : ''}`}
          title="Time since the last inbound frame (keepalives every 4 s)"
        >
          last frame {formatDuration(status.quietMs)} ago
        </span>
      )}
      <span class="status-item">
        {status.reconnects} reconnect{status.reconnects === 1 ? '' : 's'}
      </span>
      {status.analysing > 0 && <span class="status-item">Analysing {status.analysing} frames…</span>}
      <span class="spacer" />
      <Counter label="Frames" value={counters.frames} />
      <Counter label="Bytes" value={formatBytes(counters.bytes)} />
      <Counter label="Shed" value={counters.shedFrames} warn={counters.shedFrames > 0} />
      <Counter label="Gaps" value={counters.gaps} warn={counters.gaps > 0} />
    </footer>
  );
}
