import type { Anomaly, UnavailableRule } from '../../model';
import type { AnomalyGroup } from '../store/selectors';

/** Every anomaly of the session, grouped by rule, worst first; each links to its evidence. */
/** Rules this capture cannot check (a socket seen through its worker has no keepalives). */
function Unavailable({ rules }: { rules: readonly UnavailableRule[] }) {
  return (
    <>
      {rules.map((u) => (
        <p key={u.rule} class="rule-unavailable" role="note">
          <code>{u.rule}</code> cannot run on this capture: {u.reason}.
        </p>
      ))}
    </>
  );
}

export function AnomaliesView({
  groups,
  unavailable,
  onOpen,
}: {
  groups: readonly AnomalyGroup[];
  unavailable: readonly UnavailableRule[];
  /** Show the event `seq` (of the anomaly's interaction, or in the frame log without one). */
  onOpen: (anomaly: Anomaly, seq: number) => void;
}) {
  if (!groups.length) {
    return (
      <div class="empty" role="status">
        <p>
          <strong>No anomalies.</strong>
        </p>
        <p>Every event so far follows the protocol's invariants.</p>
        <Unavailable rules={unavailable} />
      </div>
    );
  }
  return (
    <div class="anomalies">
      <Unavailable rules={unavailable} />
      {groups.map(({ rule, summary, anomalies: list }) => (
        <section key={rule} class="rule-group" data-rule={rule}>
          <h3>
            <span class={`sev sev-${list[0]!.severity}`}>{list[0]!.severity}</span> <code>{rule}</code> · {list.length}
            <span class="rule-summary">{summary}</span>
          </h3>
          <ul>
            {list.map((anomaly, i) => (
              <li key={i} class={`anomaly sev-${anomaly.severity}`}>
                <span class="a-msg">{anomaly.message}</span>{' '}
                {anomaly.evidence.map((seq) => (
                  <button
                    key={seq}
                    type="button"
                    class="link evidence"
                    onClick={() => onOpen(anomaly, seq)}
                    title="Show this event"
                  >
                    #{seq}
                  </button>
                ))}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
