import { ALL_RULES, type Anomaly } from '../../model';
import type { PanelStore } from '../panel-store';

const SUMMARY = new Map(ALL_RULES.map((r) => [r.id, r.summary]));
const RANK = { error: 0, warn: 1, info: 2 } as const;

/** Every anomaly of the session, grouped by rule, worst first; each links to its evidence. */
export function AnomaliesView({ store }: { store: PanelStore }) {
  store.version.value;
  const groups = new Map<string, Anomaly[]>();
  for (const anomaly of store.session.anomalies) {
    const list = groups.get(anomaly.rule) ?? [];
    list.push(anomaly);
    groups.set(anomaly.rule, list);
  }
  const ordered = [...groups.entries()].sort(
    ([, a], [, b]) =>
      Math.min(...a.map((x) => RANK[x.severity])) - Math.min(...b.map((x) => RANK[x.severity])) || b.length - a.length,
  );
  if (!ordered.length) {
    return (
      <div class="empty" role="status">
        <p>
          <strong>No anomalies.</strong>
        </p>
        <p>Every event so far follows the protocol's invariants.</p>
      </div>
    );
  }
  const open = (anomaly: Anomaly, seq: number) => {
    if (anomaly.interactionId) {
      store.select(anomaly.interactionId, seq);
      store.tab.value = 'interactions';
    } else {
      store.tab.value = 'frames';
    }
  };
  return (
    <div class="anomalies">
      {ordered.map(([rule, list]) => (
        <section key={rule} class="rule-group" data-rule={rule}>
          <h3>
            <span class={`sev sev-${list[0]!.severity}`}>{list[0]!.severity}</span> <code>{rule}</code> · {list.length}
            <span class="rule-summary">{SUMMARY.get(rule as Anomaly['rule'])}</span>
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
                    onClick={() => open(anomaly, seq)}
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
