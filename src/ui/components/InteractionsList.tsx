import type { InteractionRow } from '../store/selectors';
import { stateWords } from '../words';
import { RowBadges, SeverityCounts } from './Badges';
import { VirtualList } from './VirtualList';

function Row({ row, selected, now }: { row: InteractionRow; selected: boolean; now: number }) {
  return (
    <div
      class={`interaction${selected ? ' selected' : ''}${row.merged ? ' merged' : ''}`}
      data-interaction={row.interactionId}
    >
      <div class="interaction-line">
        <span class="media" title={row.mediaType ?? 'unknown media'}>
          {row.mediaType ?? '?'}
        </span>
        <span class="customer">{row.customer ?? 'unknown customer'}</span>
        <span class="state">{stateWords(row.flags, row.merged) ?? ''}</span>
        <SeverityCounts counts={row.counts} />
      </div>
      <div class="interaction-line secondary">
        <RowBadges flags={row.flags} now={now} merged={row.merged} mediaType={row.mediaType} />
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
  /**
   * How the list is sorted and filtered: when it changes, the selected row is brought into view
   * (rows added above it never move the list).
   */
  arrangement?: string;
}

/** One row per interaction, newest first, with its live badges and anomaly counts; virtualized. */
export function InteractionsList({ rows, selectedId, now, onSelect, arrangement = '' }: Props) {
  const index = rows.findIndex((r) => r.interactionId === selectedId);
  return (
    <VirtualList
      label="Interactions"
      class="interactions"
      count={rows.length}
      rowHeight={ROW_HEIGHT}
      version={rows}
      idPrefix="interaction"
      selectedIndex={index >= 0 ? index : undefined}
      selectedKey={index >= 0 ? `${arrangement}\n${selectedId}` : undefined}
      onSelect={(i) => onSelect(rows[i]!.interactionId)}
      followEnd={false}
      renderRow={(i) => {
        const row = rows[i]!;
        return <Row row={row} selected={row.interactionId === selectedId} now={now} />;
      }}
    />
  );
}
