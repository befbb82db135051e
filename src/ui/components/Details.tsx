import { decodeFrame } from '../../protocol';
import { diffSnapshots, shortValue, type FieldChange, type InteractionTimeline, type TimelineEvent } from '../../model';
import { copyText } from '../host';
import type { DetailsTab, PanelStore } from '../panel-store';
import { JsonTree } from './JsonTree';
import { TabBar } from './TabBar';

const TABS: { id: DetailsTab; label: string }[] = [
  { id: 'diff', label: 'Diff' },
  { id: 'snapshot', label: 'Snapshot' },
  { id: 'raw', label: 'Raw' },
  { id: 'findings', label: 'Findings' },
];

interface DiffNode {
  key: string;
  change?: FieldChange;
  children: Map<string, DiffNode>;
  /** The value at this place in the newer snapshot, to count what did not change. */
  value: unknown;
}

/** The changes as a tree of their path segments, so related changes sit under one parent. */
function diffTree(changes: readonly FieldChange[], snapshot: unknown): DiffNode {
  const root: DiffNode = { key: '', children: new Map(), value: snapshot };
  for (const change of changes) {
    let node = root;
    for (const part of change.segments) {
      const segment = String(part);
      let child = node.children.get(segment);
      if (!child) {
        const parentValue = node.value as Record<string, unknown> | undefined;
        child = {
          key: segment,
          children: new Map(),
          value: typeof parentValue === 'object' && parentValue ? parentValue[segment] : undefined,
        };
        node.children.set(segment, child);
      }
      node = child;
    }
    node.change = change;
  }
  return root;
}

function unchangedCount(node: DiffNode): number {
  const value = node.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 0;
  let count = 0;
  for (const key of Object.keys(value)) if (!node.children.has(key)) count++;
  return count;
}

/** An inline tree: changed values old → new, added and removed marked, unchanged fields counted. */
function DiffTreeView({ node, depth }: { node: DiffNode; depth: number }) {
  const unchanged = unchangedCount(node);
  return (
    <ul class={depth ? 'diff-children' : 'changes'}>
      {[...node.children.values()].map((child) =>
        child.change ? (
          <ChangeRow key={child.key} change={child.change} leaf={child.key} />
        ) : (
          <li key={child.key} class="diff-branch">
            <details open>
              <summary>
                <span class="c-leaf">{child.key}</span>
              </summary>
              <DiffTreeView node={child} depth={depth + 1} />
            </details>
          </li>
        ),
      )}
      {unchanged > 0 && (
        <li class="unchanged">
          … {unchanged} unchanged field{unchanged === 1 ? '' : 's'}
        </li>
      )}
    </ul>
  );
}

function ChangeRow({ change, leaf }: { change: FieldChange; leaf: string }) {
  const marker = change.op === 'add' ? '+' : change.op === 'remove' ? '−' : '~';
  const value = change.op === 'remove' ? change.from : change.to;
  return (
    <li class={`change op-${change.op}`} data-path={change.path}>
      <span class="c-op" title={change.op}>
        {marker}
      </span>
      <span class="c-path" title={change.path}>
        <span class="c-leaf">{leaf}</span>
      </span>
      <span class="c-values">
        {change.op === 'change' && (
          <>
            <span class="c-from">{shortValue(change.from, 80)}</span>
            <span class="c-arrow"> → </span>
          </>
        )}
        <span class={change.op === 'remove' ? 'c-from' : 'c-to'}>{shortValue(value, 80)}</span>
      </span>
      <span class="c-actions">
        <button type="button" class="link" onClick={() => void copyText(change.path)} title="Copy the path">
          path
        </button>
        <button
          type="button"
          class="link"
          onClick={() => void copyText(JSON.stringify(value, null, 2) ?? '')}
          title="Copy the new value"
        >
          value
        </button>
      </span>
    </li>
  );
}

function DiffView({
  event,
  against,
  timeline,
}: {
  event: TimelineEvent;
  against: TimelineEvent | undefined;
  timeline: InteractionTimeline;
}) {
  let changes = event.changes;
  let caption = `Changes of #${event.seq} against the previous snapshot`;
  if (against) {
    changes = diffSnapshots(against.snapshot, event.snapshot).changes;
    caption = `From #${against.seq} ${against.name} to #${event.seq} ${event.name}`;
  } else if (timeline.events[0] === event) {
    caption = 'The first snapshot of this interaction: see Snapshot';
  } else if (!event.hasSnapshot) {
    caption = `${event.name} carries no snapshot: nothing to compare`;
  }
  return (
    <div class="diff">
      <p class="caption">
        {caption} · {changes.length} field{changes.length === 1 ? '' : 's'} changed
      </p>
      {changes.length > 0 && <DiffTreeView node={diffTree(changes, event.snapshot)} depth={0} />}
    </div>
  );
}

function RawView({ data }: { data: string | undefined }) {
  if (data === undefined) return <p class="caption">This frame has no payload.</p>;
  let text = data;
  try {
    text = JSON.stringify(JSON.parse(data), null, 2);
  } catch {
    // Shown verbatim: the Findings tab says why it is not JSON.
  }
  return (
    <div class="raw">
      <button type="button" class="link" onClick={() => void copyText(data)}>
        Copy the frame as received
      </button>
      <pre>{text}</pre>
    </div>
  );
}

/** The selected event: its diff, the whole snapshot, the raw frame and the decoder's findings. */
export function Details({
  store,
  timeline,
  event,
}: {
  store: PanelStore;
  timeline: InteractionTimeline;
  event: TimelineEvent;
}) {
  const tab = store.detailsTab.value;
  const frame = store.frame(event.seq);
  const against = timeline.events.find((e) => e.seq === store.compareSeq.value);
  const findings = tab === 'findings' && frame ? decodeFrame(frame).findings : [];
  return (
    <section class="details" aria-label="Event details">
      <div class="details-head">
        <span class="details-title">
          #{event.seq} {event.name}
        </span>
        <TabBar variant="details" tabs={TABS} active={tab} onSelect={(id) => (store.detailsTab.value = id)} />
        <label class="compare">
          compare with…{' '}
          <select
            value={String(store.compareSeq.value ?? '')}
            onChange={(e) => {
              const value = (e.target as HTMLSelectElement).value;
              store.compareSeq.value = value ? Number(value) : null;
              store.detailsTab.value = 'diff';
            }}
          >
            <option value="">previous snapshot</option>
            {timeline.events
              .filter((e) => e !== event && e.snapshot)
              .map((e) => (
                <option key={e.seq} value={String(e.seq)}>
                  #{e.seq} {e.name}
                </option>
              ))}
          </select>
        </label>
      </div>
      <div class="details-body" role="tabpanel">
        {tab === 'diff' && <DiffView event={event} against={against} timeline={timeline} />}
        {tab === 'snapshot' &&
          (event.snapshot ? <JsonTree value={event.snapshot} /> : <p class="caption">No snapshot yet.</p>)}
        {tab === 'raw' && <RawView data={frame?.data} />}
        {tab === 'findings' &&
          (findings.length ? (
            <ul class="findings">
              {findings.map((f, i) => (
                <li key={i} class={`finding sev-${f.severity}`}>
                  <span class="f-sev">{f.severity}</span> <span class="f-code">{f.code}</span>{' '}
                  <span class="f-path">{f.path || '(frame)'}</span> <span class="f-msg">{f.message}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p class="caption">The decoder found nothing unusual in this frame.</p>
          ))}
      </div>
    </section>
  );
}
