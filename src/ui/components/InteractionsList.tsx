import type { InteractionRow } from '../store/selectors';
import { Badges, SeverityCounts } from './Badges';
import { VirtualList } from './VirtualList';

function Row({
  row,
  selected,
  now,
  onSelect,
}: {
  row: InteractionRow;
  selected: boolean;
  now: number;
  onSelect: () => void;
}) {
  return (
    <div
      class={`interaction${selected ? ' selected' : ''}`}
      role="option"
      aria-selected={selected}
      data-interaction={row.interactionId}
      onClick={onSelect}
    >
      <div class="interaction-line">
        <span class="media" title={row.mediaType ?? 'unknown media'}>
          {row.mediaType ?? '?'}
        </span>
        <span class="customer">{row.customer ?? 'unknown customer'}</span>
        <span class="state">{row.flags.state ?? ''}</span>
        <SeverityCounts counts={row.counts} />
      </div>
      <div class="interaction-line secondary">
        <Badges flags={row.flags} now={now} />
        <span class="interaction-id" title={row.interactionId}>
          {row.interactionId}
        </span>
      </div>
    </div>
  );
}

const ROW_HEIGHT = 48;

interface Props {
  rows: readonly InteractionRow[];
  selectedId: string | undefined;
  /** Wall clock (ms) for the live badges' durations. */
  now: number;
  onSelect: (interactionId: string) => void;
}

/** One row per interaction, newest first, with its live badges and anomaly counts; virtualized. */
export function InteractionsList({ rows, selectedId, now, onSelect }: Props) {
  const index = rows.findIndex((r) => r.interactionId === selectedId);
  return (
    <VirtualList
      label="Interactions"
      class="interactions"
      count={rows.length}
      rowHeight={ROW_HEIGHT}
      version={rows}
      focusIndex={index >= 0 ? index : undefined}
      followEnd={false}
      renderRow={(i) => {
        const row = rows[i]!;
        return (
          <Row
            row={row}
            selected={row.interactionId === selectedId}
            now={now}
            onSelect={() => onSelect(row.interactionId)}
          />
        );
      }}
    />
  );
}
