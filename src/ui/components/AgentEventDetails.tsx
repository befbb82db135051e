import type { AgentEventDetail } from '../store/selectors';
import type { ResultNote } from '../request-view';
import { formatTime, type TimeZoneMode } from '../frame-log';
import { JsonTree } from './JsonTree';
import { ResultNoteView } from './RequestDetails';
import { onTreeKey } from './tree-keys';

interface Props {
  detail: AgentEventDetail;
  /** The frame parsed (selector `agentEventJson`); not ok when it is no JSON or is gone. */
  json: { ok: true; value: unknown } | { ok: false };
  /** When the event answered an agent request: which one, how long after. */
  note: ResultNote | undefined;
  onSelectSeq: (seq: number) => void;
  onShowFrame: () => void;
  timeZone: TimeZoneMode;
  style?: Record<string, string>;
}

/**
 * An event of the agent's own session (the Agent entry): the state it set, why and by whom, the
 * request it answered, and the frame as received.
 */
export function AgentEventDetails({ detail, json, note, onSelectSeq, onShowFrame, timeZone, style }: Props) {
  const { row } = detail;
  const state = row.state;
  const facts: [string, string | undefined][] = [
    ['time', `${formatTime(row.t, timeZone)} (seq ${row.seq})`],
    ['status', state?.status],
    ['subStatus', state?.subStatus],
    ['reason', state?.reason],
    ['changed by', state?.changedBy],
  ];
  return (
    <section class="details agent-event-details" aria-label="Agent event details" style={style}>
      <div class="details-head">
        <h2 class="details-title">
          #{row.seq} {row.name}
        </h2>
        <button type="button" class="link" onClick={onShowFrame} title="Show this event's frame in the Frames tab">
          frame #{row.seq}
        </button>
      </div>
      {note && <ResultNoteView note={note} onSelectSeq={onSelectSeq} />}
      <section
        class="details-body"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: focusable so ↑/↓ scroll it, like the event details.
        tabIndex={0}
        aria-label="Agent event facts"
        onKeyDown={onTreeKey}
      >
        <dl class="request-facts">
          {facts
            .filter((fact): fact is [string, string] => fact[1] !== undefined)
            .map(([label, value]) => (
              <div key={label} class="request-fact" data-fact={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
        </dl>
        {json.ok ? (
          <JsonTree value={json.value} rootName="frame" open={3} />
        ) : (
          <p class="caption">
            {detail.shed
              ? "This event's frame was shed to stay within the capture budget (what the model read of it stays)."
              : detail.data === undefined
                ? 'The frame is not in the log.'
                : detail.data}
          </p>
        )}
      </section>
    </section>
  );
}
