import { useMemo } from 'preact/hooks';
import type { AgentEntry, InteractionRow } from '../store/selectors';
import { stateWords } from '../words';
import { Badges, SeverityCounts } from './Badges';
import { VirtualList } from './VirtualList';

function Row({ row, selected, now }: { row: InteractionRow; selected: boolean; now: number }) {
  return (
    <div class={`interaction${selected ? ' selected' : ''}`} data-interaction={row.interactionId}>
      <div class="interaction-line">
        <span class="media" title={row.mediaType ?? 'unknown media'}>
          {row.mediaType ?? '?'}
        </span>
        <span class="customer">{row.customer ?? 'unknown customer'}</span>
        <span class="state">{stateWords(row.flags) ?? ''}</span>
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

/** The Agent entry: the agent's own session (state changes, requests), whatever interaction there is. */
function AgentRow({ entry, selected }: { entry: AgentEntry; selected: boolean }) {
  const requests = `${entry.requests} request${entry.requests === 1 ? '' : 's'}`;
  return (
    <div class={`agent-entry${selected ? ' selected' : ''}`} data-agent-entry="">
      <div class="interaction-line">
        <span class="customer" title="The agent's own session: state changes and requests over the whole capture">
          Agent
        </span>
        <span class="state">{entry.state ?? ''}</span>
        {entry.problems > 0 && (
          <span class="agent-problems" title="Agent requests that failed, timed out or got an HTTP error">
            ✗ {entry.problems} failed
          </span>
        )}
      </div>
      <div class="interaction-line secondary">
        <span class="agent-requests">{requests}</span>
        <span class="interaction-id" title={entry.agentId ?? 'agent id not seen yet'}>
          {entry.agentId ?? ''}
        </span>
      </div>
    </div>
  );
}

const ROW_HEIGHT = 48;

interface Props {
  rows: readonly InteractionRow[];
  selectedId: string | undefined;
  /** The Agent entry, first in the list, when the capture has anything of the agent's own. */
  agent: AgentEntry | undefined;
  /** The Agent entry shows (picked, or there is no interaction to show). */
  agentSelected: boolean;
  /** Wall clock (ms) for the live badges' durations. */
  now: number;
  onSelect: (interactionId: string) => void;
  onSelectAgent: () => void;
}

/**
 * The Agent entry (when there is one), then one row per interaction, newest first, with its live
 * badges and anomaly counts; virtualized.
 */
export function InteractionsList({ rows, selectedId, agent, agentSelected, now, onSelect, onSelectAgent }: Props) {
  const first = agent ? 1 : 0;
  // A new version only when the entry or the rows changed (the list redraws its rows then).
  const version = useMemo(() => [agent, rows], [agent, rows]);
  const index = agent && agentSelected ? 0 : rows.findIndex((r) => r.interactionId === selectedId);
  return (
    <VirtualList
      label="Interactions"
      class="interactions"
      count={rows.length + first}
      rowHeight={ROW_HEIGHT}
      version={version}
      idPrefix="interaction"
      selectedIndex={index >= 0 ? (agent && agentSelected ? 0 : index + first) : undefined}
      onSelect={(i) => (agent && i === 0 ? onSelectAgent() : onSelect(rows[i - first]!.interactionId))}
      followEnd={false}
      renderRow={(i) => {
        if (agent && i === 0) return <AgentRow entry={agent} selected={agentSelected} />;
        const row = rows[i - first]!;
        return <Row row={row} selected={!agentSelected && row.interactionId === selectedId} now={now} />;
      }}
    />
  );
}
