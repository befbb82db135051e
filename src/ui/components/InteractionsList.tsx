import { customerOf, type Anomaly, type InteractionTimeline } from '../../model';
import type { PanelStore } from '../panel-store';
import { Badges, SeverityCounts } from './Badges';

export function countBySeverity(anomalies: readonly Anomaly[]) {
  const counts = { error: 0, warn: 0, info: 0 };
  for (const a of anomalies) counts[a.severity]++;
  return counts;
}

function Row({ timeline, store, selected, anomalies }: { timeline: InteractionTimeline; store: PanelStore; selected: boolean; anomalies: Anomaly[] }) {
  const customer = customerOf(timeline.snapshot) ?? 'unknown customer';
  return (
    <li
      class={`interaction${selected ? ' selected' : ''}`}
      role="option"
      aria-selected={selected}
      data-interaction={timeline.interactionId}
      onClick={() => store.select(timeline.interactionId)}
    >
      <div class="interaction-line">
        <span class="media" title={timeline.mediaType ?? 'unknown media'}>
          {timeline.mediaType ?? '?'}
        </span>
        <span class="customer">{customer}</span>
        <span class="state">{timeline.flags.state ?? ''}</span>
        <SeverityCounts counts={countBySeverity(anomalies)} />
      </div>
      <div class="interaction-line secondary">
        <Badges flags={timeline.flags} now={store.now.value} />
        <span class="interaction-id" title={timeline.interactionId}>
          {timeline.interactionId}
        </span>
      </div>
    </li>
  );
}

/** One row per interaction, newest first, with its live badges and anomaly counts. */
export function InteractionsList({ store }: { store: PanelStore }) {
  store.version.value;
  const selected = store.selected();
  const byInteraction = new Map<string, Anomaly[]>();
  for (const a of store.session.anomalies) {
    if (!a.interactionId) continue;
    const list = byInteraction.get(a.interactionId) ?? [];
    list.push(a);
    byInteraction.set(a.interactionId, list);
  }
  const interactions = store.interactions();
  return (
    <ul class="interactions" role="listbox" aria-label="Interactions">
      {interactions.map((timeline) => (
        <Row
          key={timeline.interactionId}
          timeline={timeline}
          store={store}
          selected={timeline === selected}
          anomalies={byInteraction.get(timeline.interactionId) ?? []}
        />
      ))}
    </ul>
  );
}
