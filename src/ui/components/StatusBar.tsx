import { CLOSE_NOT_RECORDED_WHY, unclosedSocketWords } from '../../model';
import { formatBytes, type LogCounters } from '../frame-log';
import { CAPTURE_MEANING } from '../capture-source';
import { formatDuration } from '../format';
import type { StatusLine } from '../store/selectors';

function Counter({
  label,
  value,
  warn,
  hideWhenZero,
}: {
  label: string;
  value: string | number;
  warn?: boolean;
  /** In a narrow panel a zero count gives way (shed, gaps). */
  hideWhenZero?: boolean;
}) {
  return (
    <span
      class={`counter${warn ? ' warn' : ''}`}
      data-counter={label.toLowerCase()}
      data-zero={hideWhenZero && value === 0 ? '' : undefined}
      title={`${label}: ${value}`}
    >
      <span class="counter-label">{label}</span> <span class="counter-value">{value}</span>
    </span>
  );
}

/** The agent, the connection and the capture's counters, always in view. */
export function StatusBar({
  status,
  counters,
  timeZone,
  onToggleTimeZone,
}: {
  status: StatusLine;
  counters: LogCounters;
  /** "UTC" or "local (UTC+01:00)": how every time in the panel reads. */
  timeZone: string;
  onToggleTimeZone: () => void;
}) {
  return (
    <footer class="statusbar">
      <span
        class="status-item"
        title={`Agent ${status.agentId}: ${status.agentState}${status.changedBy ? ` (changed by ${status.changedBy})` : ''}`}
      >
        Agent {status.agentState}
        {status.changedBy ? <span class="status-extra"> (by {status.changedBy})</span> : null}
      </span>
      <span class="status-item">
        {status.socketId ? (
          <>
            <span class={`dot ${status.socketClosed ? 'down' : 'ok'}`} /> {status.socketId}{' '}
            {status.capture && (
              <>
                <span
                  class={`capture-tag capture-${status.capture}`}
                  data-capture={status.capture}
                  title={`${CAPTURE_MEANING[status.capture]}${status.frameUrl ? ` · in the frame ${status.frameUrl}` : ''}`}
                >
                  {status.capture}
                </span>{' '}
              </>
            )}
            {!status.socketClosed ? (
              <span class="socket-end" title={status.closeRecorded ? undefined : CLOSE_NOT_RECORDED_WHY}>
                {unclosedSocketWords(status.closeRecorded, status.live)}
              </span>
            ) : (
              `closed${status.closeCode !== undefined ? ` ${status.closeCode}` : ''}`
            )}
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
      <span class="status-item" data-optional={status.reconnects === 0 ? '' : undefined}>
        {status.reconnects} reconnect{status.reconnects === 1 ? '' : 's'}
      </span>
      {status.analysing > 0 && <span class="status-item">Analysing {status.analysing} frames…</span>}
      {status.analysisError !== undefined && (
        <span class="status-item warn analysis-error" role="alert" title={status.analysisError}>
          {status.analysisError}
        </span>
      )}
      <span class="spacer" />
      <button
        type="button"
        class="link status-zone"
        onClick={onToggleTimeZone}
        title="Times are shown in this zone; click to switch between UTC (as the CLI prints them) and local time"
      >
        <span class="counter-label">Times: </span>
        {timeZone}
      </button>
      <Counter label="Frames" value={counters.frames} />
      <Counter label="Bytes" value={formatBytes(counters.bytes)} />
      <Counter label="Shed" value={counters.shedFrames} warn={counters.shedFrames > 0} hideWhenZero />
      <Counter label="Gaps" value={counters.gaps} warn={counters.gaps > 0} hideWhenZero />
    </footer>
  );
}
