import type { AgentEntry as Entry } from '../store/selectors';

interface Props {
  entry: Entry;
  /** It shows (picked, or there is no interaction to show). */
  selected: boolean;
  onSelect: () => void;
}

/**
 * The Agent entry above the interactions list: the agent's own session (state changes and
 * requests over the whole capture). Not one of the list's options (it is no interaction), so it
 * stays in view however the list is sorted, filtered or scrolled.
 */
export function AgentEntry({ entry, selected, onSelect }: Props) {
  const requests = `${entry.requests} request${entry.requests === 1 ? '' : 's'}`;
  return (
    <button
      type="button"
      class={`agent-entry${selected ? ' selected' : ''}`}
      aria-pressed={selected}
      title="The agent's own session: its state changes and requests over the whole capture"
      onClick={onSelect}
    >
      <span class="interaction-line">
        <span class="customer">Agent</span>
        <span class="state" title={entry.state}>
          {entry.state ?? ''}
        </span>
        {entry.problems > 0 && (
          <span class="agent-problems" title="Agent requests that failed, timed out or got an HTTP error">
            ✗ {entry.problems} failed
          </span>
        )}
      </span>
      <span class="interaction-line secondary">
        <span class="agent-requests">{requests}</span>
        <span class="interaction-id" title={entry.agentId ?? 'agent id not seen yet'}>
          {entry.agentId ?? ''}
        </span>
      </span>
    </button>
  );
}
