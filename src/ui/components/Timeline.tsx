import type { AgentEventRow, Anomaly, TimelineEvent, TimelineRow, TrackedRequest } from '../../model';
import { eventFacts, isAgentEventRow, isRequestRow, summarizeChanges } from '../../model';
import { agentEventWords } from '../words';
import { OUTCOME, requestName, requestSummary } from '../request-view';
import '../requests.css';
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
  /** Events, and the interaction's requests among them (selector `timelineRows`). */
  events: readonly TimelineRow[];
  /** The interaction's first event time (ms), for the +offset column. */
  start: number;
  anomaliesBySeq: ReadonlyMap<number, readonly Anomaly[]>;
  /** The selected row (an event's or a request's seq). */
  selectedSeq: number | undefined;
  /** The row joined to the selected one: its result event, or the request it answered. */
  joinedSeq?: number | undefined;
  /** Result events no captured request asked for. */
  unsolicited?: ReadonlySet<number>;
  onSelect: (seq: number) => void;
  timeZone: TimeZoneMode;
}

type Severity = 'error' | 'warn' | 'info' | '';

function worstOf(anomalies: readonly Anomaly[]): Severity {
  return anomalies.some((a) => a.severity === 'error')
    ? 'error'
    : anomalies.some((a) => a.severity === 'warn')
      ? 'warn'
      : anomalies.length
        ? 'info'
        : '';
}

function AnomalyMark({ anomalies }: { anomalies: readonly Anomaly[] }) {
  const worst = worstOf(anomalies);
  return (
    <span class={`e-anomaly ${worst}`} title={anomalies.map((a) => `${a.rule}: ${a.message}`).join('\n')}>
      {anomalies.length ? (worst === 'error' ? '✖' : worst === 'warn' ? '▲' : '●') : ''}
    </span>
  );
}

/** The chip that tells, in words, which row is joined to the selected one. */
const JOINED_RESULT = (
  <span class="chip joined-chip" title="The result event of the selected request">
    ⇠ its result
  </span>
);
const JOINED_REQUEST = (
  <span class="chip joined-chip" title="The request the selected event answered">
    ⇢ its request
  </span>
);

/** A request among the events: its name, what answered it, its outcome in words and colour. */
function RequestRowView({
  request: r,
  start,
  selected,
  joined,
  anomalies,
  timeZone,
}: {
  request: TrackedRequest;
  start: number;
  selected: boolean;
  joined: boolean;
  anomalies: readonly Anomaly[];
  timeZone: TimeZoneMode;
}) {
  const outcome = OUTCOME[r.outcome];
  return (
    <div
      class={`event request-row outcome-${r.outcome}${selected ? ' selected' : ''}${joined ? ' joined' : ''}`}
      data-seq={r.seq}
      data-outcome={r.outcome}
    >
      <span class="e-time" title={`${new Date(r.t).toISOString()} · seq ${r.seq}`}>
        {formatTime(r.t, timeZone)}
      </span>
      <span class="e-offset">{formatOffset(r.t - start)}</span>
      <span class="e-name request-name" title={`${r.operation ?? ''} request: ${r.method} ${r.url}`}>
        <span class="request-arrow" aria-hidden="true">
          ↗{' '}
        </span>
        {requestName(r)}
      </span>
      <span class="e-changes" title={`${r.operation}: ${requestSummary(r)}`}>
        {requestSummary(r)}
      </span>
      <span class="e-flags">
        {joined && JOINED_REQUEST}
        <span class={`chip outcome-chip outcome-${r.outcome}`} title={`Outcome: ${outcome.label}`}>
          {outcome.mark} {outcome.label}
        </span>
      </span>
      <AnomalyMark anomalies={anomalies} />
    </div>
  );
}

const UNSOLICITED = (
  <span
    class="chip unsolicited"
    title="A result no captured request asked for: another login session, a supervisor or the backend (not an alarm)"
  >
    unsolicited
  </span>
);

/** An event of the agent's own session (the Agent entry): the state it set, or a failure. */
function AgentEventRowView({
  row,
  start,
  selected,
  joined,
  unsolicited,
  anomalies,
  timeZone,
}: {
  row: AgentEventRow;
  start: number;
  selected: boolean;
  joined: boolean;
  unsolicited: boolean;
  anomalies: readonly Anomaly[];
  timeZone: TimeZoneMode;
}) {
  const words = agentEventWords(row);
  return (
    <div class={`event agent-event${selected ? ' selected' : ''}${joined ? ' joined' : ''}`} data-seq={row.seq}>
      <span class="e-time" title={`${new Date(row.t).toISOString()} · seq ${row.seq}`}>
        {formatTime(row.t, timeZone)}
      </span>
      <span class="e-offset">{formatOffset(row.t - start)}</span>
      <span class="e-name cat-agent" title={row.state ? 'A change of the agent state' : 'An agent event'}>
        {row.name}
      </span>
      <span class="e-changes" title={words}>
        {words || (row.state ? 'no state given' : 'changes no state')}
      </span>
      <span class="e-flags">
        {joined && JOINED_RESULT}
        {unsolicited && UNSOLICITED}
      </span>
      <AnomalyMark anomalies={anomalies} />
    </div>
  );
}

/**
 * The selected interaction's events (or the agent's own, for the Agent entry): time, name (coloured by category), what changed, flags after;
 * its requests among them, each joined to the event that answered it.
 */
export function Timeline({
  events,
  start,
  anomaliesBySeq,
  selectedSeq,
  joinedSeq,
  unsolicited,
  onSelect,
  timeZone,
}: Props) {
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
        const row = events[i]!;
        const anomalies = anomaliesBySeq.get(row.seq) ?? [];
        if (isRequestRow(row))
          return (
            <RequestRowView
              request={row.request}
              start={start}
              selected={row.seq === selectedSeq}
              joined={row.seq === joinedSeq}
              anomalies={anomalies}
              timeZone={timeZone}
            />
          );
        if (isAgentEventRow(row))
          return (
            <AgentEventRowView
              row={row}
              start={start}
              selected={row.seq === selectedSeq}
              joined={row.seq === joinedSeq}
              unsolicited={unsolicited?.has(row.seq) ?? false}
              anomalies={anomalies}
              timeZone={timeZone}
            />
          );
        const event = row;
        const joined = event.seq === joinedSeq;
        return (
          <div
            class={`event${event.seq === selectedSeq ? ' selected' : ''}${joined ? ' joined' : ''}`}
            data-seq={event.seq}
          >
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
              {joined && JOINED_RESULT}
              {unsolicited?.has(event.seq) && UNSOLICITED}
              {chips(event).map((c) => (
                <span key={c} class="chip">
                  {c}
                </span>
              ))}
            </span>
            <AnomalyMark anomalies={anomalies} />
          </div>
        );
      }}
    />
  );
}
