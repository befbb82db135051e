import { customerOf, type Anomaly, type InteractionTimeline } from '../../model';
import type { PanelStore } from '../panel-store';
import { Badges, SeverityCounts } from './Badges';
import { VirtualList } from './VirtualList';

export function countBySeverity(anomalies: readonly Anomaly[]) {
  const counts = { error: 0, warn: 0, info: 0 };
  for (const a of anomalies) counts[a.severity]++;
  return counts;
}

function Row({
  timeline,
  store,
  selected,
  anomalies,
}: {
  timeline: InteractionTimeline;
  store: PanelStore;
  selected: boolean;
  anomalies: readonly Anomaly[];
}) {
  const customer = customerOf(timeline.snapshot) ?? 'unknown customer';
  return (
    <div
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
    </div>
  );
}

const ROW_HEIGHT = 48;

/** One row per interaction, newest first, with its live badges and anomaly counts; virtualized. */
export function InteractionsList({ store }: { store: PanelStore }) {
  const version = store.version.value;
  const selected = store.selected();
  const interactions = store.interactions();
  const index = selected ? interactions.indexOf(selected) : -1;
  return (
    <VirtualList
      label="Interactions"
      class="interactions"
      count={interactions.length}
      rowHeight={ROW_HEIGHT}
      version={version}
      focusIndex={index >= 0 ? index : undefined}
      followEnd={false}
      renderRow={(i) => {
        const timeline = interactions[i]!;
        return (
          <Row
            timeline={timeline}
            store={store}
            selected={timeline === selected}
            anomalies={store.session.anomaliesOf(timeline.interactionId)}
          />
        );
      }}
    />
  );
}
