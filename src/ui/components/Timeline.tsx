import type { Anomaly, TimelineEvent } from '../../model';
import { eventFacts, summarizeChanges } from '../../model';
import { formatTime, type TimeZoneMode } from '../frame-log';
import { formatOffset } from '../format';
import { VirtualList } from './VirtualList';

const ROW_HEIGHT = 24;

function chips(event: TimelineEvent): string[] {
  const { flags, marks } = event;
  const out: string[] = [];
  if (marks?.duplicateOf !== undefined) out.push('duplicate');
  if (marks?.late !== undefined) out.push('late');
  if (marks?.reordered !== undefined) out.push('reordered');
  if (flags.onHold) out.push('hold');
  else if (flags.heldLegs.length) out.push('leg held');
  if (flags.recording === 'paused') out.push('rec paused');
  if (flags.recording === 'conflict') out.push('rec conflict');
  if (flags.consulting) out.push('consult');
  if (flags.conferencing) out.push('conf');
  if (flags.wrapUp) out.push('wrap-up');
  else if (flags.ended) out.push('ended');
  return out;
}

interface Props {
  events: readonly TimelineEvent[];
  /** The interaction's first event time (ms), for the +offset column. */
  start: number;
  anomaliesBySeq: ReadonlyMap<number, readonly Anomaly[]>;
  selectedSeq: number | undefined;
  onSelect: (seq: number) => void;
  timeZone: TimeZoneMode;
}

/** The selected interaction's events: time, name (coloured by category), what changed, flags after. */
export function Timeline({ events, start, anomaliesBySeq, selectedSeq, onSelect, timeZone }: Props) {
  const selectedIndex = events.findIndex((e) => e.seq === selectedSeq);
  if (!events.length) {
    return (
      <div class="timeline-empty" role="status">
        No events match the search and filters.
      </div>
    );
  }
  return (
    <VirtualList
      label="Timeline"
      class="timeline"
      count={events.length}
      rowHeight={ROW_HEIGHT}
      version={events}
      idPrefix="event"
      selectedIndex={selectedIndex >= 0 ? selectedIndex : undefined}
      onSelect={(i) => onSelect(events[i]!.seq)}
      renderRow={(i) => {
        const event = events[i]!;
        const anomalies = anomaliesBySeq.get(event.seq) ?? [];
        const worst = anomalies.some((a) => a.severity === 'error')
          ? 'error'
          : anomalies.some((a) => a.severity === 'warn')
            ? 'warn'
            : anomalies.length
              ? 'info'
              : '';
        return (
          <div class={`event${event.seq === selectedSeq ? ' selected' : ''}`} data-seq={event.seq}>
            <span class="e-time" title={`${new Date(event.t).toISOString()} · seq ${event.seq}`}>
              {formatTime(event.t, timeZone)}
            </span>
            <span class="e-offset">{formatOffset(event.t - start)}</span>
            <span class={`e-name cat-${event.info.category}`} title={`${event.info.category}: ${event.info.meaning}`}>
              {event.name}
            </span>
            <span class="e-changes" title={[...eventFacts(event), ...event.changes.map((c) => c.path)].join('\n')}>
              {[...eventFacts(event), summarizeChanges(event.changes, 4)].filter(Boolean).join(' · ') ||
                (event.hasSnapshot ? 'no field changed' : 'no snapshot')}
            </span>
            <span class="e-flags">
              {chips(event).map((c) => (
                <span key={c} class="chip">
                  {c}
                </span>
              ))}
            </span>
            <span class={`e-anomaly ${worst}`} title={anomalies.map((a) => `${a.rule}: ${a.message}`).join('\n')}>
              {anomalies.length ? (worst === 'error' ? '✖' : worst === 'warn' ? '▲' : '●') : ''}
            </span>
          </div>
        );
      }}
    />
  );
}
