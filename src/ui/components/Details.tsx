import type { Finding } from '../../protocol';
import { shortValue, type FieldChange } from '../../model';
import { copyText } from '../host';
import { shortId } from '../format';
import type { EventDetail, EventDiff, MergeNote } from '../store/selectors';
import { unchangedCount, type DiffNode } from '../diff-tree';
import type { DetailsTab } from '../store/view-state';
import type { ResultNote } from '../request-view';
import { JsonTree } from './JsonTree';
import { ResultNoteView } from './RequestDetails';
import { onTreeKey } from './tree-keys';
import { TabBar, tabId } from './TabBar';

/** The id of the panel the details' tabs switch. */
const DETAILS_PANEL = 'event-details-view';

const TABS: { id: DetailsTab; label: string }[] = [
  { id: 'diff', label: 'Diff' },
  { id: 'snapshot', label: 'Snapshot' },
  { id: 'raw', label: 'Raw' },
  { id: 'findings', label: 'Findings' },
];

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

function DiffView({ diff }: { diff: EventDiff }) {
  return (
    <div class="diff">
      <p class="caption">
        {diff.caption} · {diff.changes.length} field{diff.changes.length === 1 ? '' : 's'} changed
      </p>
      {diff.tree && <DiffTreeView node={diff.tree} depth={0} />}
    </div>
  );
}

function RawView({ data, text, shed }: { data: string | undefined; text: string | undefined; shed: boolean }) {
  if (shed) return <p class="caption">This frame was shed to stay within the capture budget: its payload is gone.</p>;
  if (data === undefined) return <p class="caption">This frame has no payload.</p>;
  return (
    <div class="raw">
      <button type="button" class="link" onClick={() => void copyText(data)}>
        Copy the frame as received
      </button>
      <pre>{text ?? data}</pre>
    </div>
  );
}

/** Above a `ContactMerged`'s details: the child it folded in keeps its own timeline, a click away. */
function MergeNoteView({ note, onShow }: { note: MergeNote; onShow: (interactionId: string) => void }) {
  return (
    <p class="request-note merge-note" role="note">
      Merged {shortId(note.child)} into this interaction; its own timeline keeps its{' '}
      {note.events === 1 ? 'event' : `${note.events} events`} from before the merge:{' '}
      <button type="button" class="link" onClick={() => onShow(note.child)} title={note.child}>
        show {shortId(note.child)}
      </button>
    </p>
  );
}

interface Props {
  detail: EventDetail;
  tab: DetailsTab;
  /** The decoder's findings for the frame (computed only while the Findings tab shows). */
  findings: readonly Finding[];
  /** The payload pretty-printed (computed only while the Raw tab shows). */
  rawText: string | undefined;
  /** The diff shown (computed only while the Diff tab shows). */
  diff: EventDiff | undefined;
  onTab: (tab: DetailsTab) => void;
  /** Diff against another event (its seq), or against the previous snapshot (null). */
  onCompare: (seq: number | null) => void;
  /** Show this event's frame in the Frames tab. */
  onShowFrame: () => void;
  /** When the event answered a request: which one, how long after (issue 12). */
  note?: ResultNote | undefined;
  /** Select another row of the timeline (the note's request). */
  onSelectSeq?: (seq: number) => void;
  /** When the event is the `ContactMerged` that folded in a child with a timeline of its own. */
  mergeNote?: MergeNote | undefined;
  /** Show an interaction (by key): the merged child's own timeline. */
  onShowInteraction?: (interactionId: string) => void;
  style?: Record<string, string>;
}

/** The selected event: its diff, the whole snapshot, the raw frame and the decoder's findings. */
export function Details({
  detail,
  tab,
  diff,
  findings,
  rawText,
  onTab,
  onCompare,
  onShowFrame,
  note,
  onSelectSeq,
  mergeNote,
  onShowInteraction,
  style,
}: Props) {
  const { event, against } = detail;
  return (
    <section class="details" aria-label="Event details" style={style}>
      <div class="details-head">
        <h2 class="details-title">
          #{event.seq} {event.name}
        </h2>
        <TabBar
          variant="details"
          label="Event details views"
          tabs={TABS}
          active={tab}
          onSelect={onTab}
          panelId={DETAILS_PANEL}
        />
        <button type="button" class="link" onClick={onShowFrame} title="Show this event's frame in the Frames tab">
          frame #{event.seq}
        </button>
        <label class="compare">
          <span class="compare-label">compare with… </span>
          <select
            aria-label="compare with…"
            value={String(against?.seq ?? '')}
            onChange={(e) => {
              const value = (e.target as HTMLSelectElement).value;
              onCompare(value ? Number(value) : null);
            }}
          >
            <option value="">previous snapshot</option>
            {detail.comparable.map((choice, i) =>
              'omitted' in choice ? (
                <option key={`omitted-${i}`} value={`omitted-${i}`} disabled>
                  ⋯ {choice.omitted.toLocaleString('en-US')} more events (listed when an event near them is selected)
                </option>
              ) : (
                <option key={choice.event.seq} value={String(choice.event.seq)}>
                  #{choice.event.seq} {choice.event.name}
                </option>
              ),
            )}
          </select>
        </label>
      </div>
      {note && onSelectSeq && <ResultNoteView note={note} onSelectSeq={onSelectSeq} />}
      {mergeNote && onShowInteraction && <MergeNoteView note={mergeNote} onShow={onShowInteraction} />}
      {/* Focusable so ↑/↓ scroll it; Escape goes back to the timeline. */}
      <div
        class="details-body"
        id={DETAILS_PANEL}
        role="tabpanel"
        aria-labelledby={tabId(DETAILS_PANEL, tab)}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a tab panel is focusable so ↑/↓ scroll it (WAI-ARIA tabs pattern).
        tabIndex={0}
        onKeyDown={onTreeKey}
      >
        {tab === 'diff' && diff && <DiffView diff={diff} />}
        {tab === 'snapshot' &&
          (event.snapshot ? (
            <JsonTree value={event.snapshot} />
          ) : (
            <p class="caption">
              {event.released
                ? "This event's frame was shed to stay within the capture budget: its snapshot was let go (its changes, flags and anomalies stay)."
                : 'No snapshot yet.'}
            </p>
          ))}
        {tab === 'raw' && <RawView data={detail.data} text={rawText} shed={detail.shed} />}
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
