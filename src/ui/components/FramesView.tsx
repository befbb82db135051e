import type { Frame } from '../../frame/frame';
import { parseHexPreview } from '../../frame/hex-bytes';
import { CAPTURE_MEANING, frameCapture } from '../capture-source';
import type { FrameInfo } from '../frame-info';
import {
  formatBytes,
  formatTime,
  framePreview,
  isMarker,
  type LogRow,
  type MarkerRow as Marker,
  type ShedMarker,
} from '../frame-log';
import { groupThousands, shortId } from '../format';
import { copyText } from '../host';
import { frameBytes, hexDump } from '../hex-dump';
import type { PanelStore } from '../panel-store';
import type { FrameDetailTab, FrameDirFilter, TimeZoneMode } from '../store/view-state';
import { CaptureHint, SilenceNotice } from './CaptureHint';
import { JsonTree } from './JsonTree';
import { Splitter } from './Splitter';
import { TabBar, tabId } from './TabBar';
import { onTreeKey } from './tree-keys';
import { VirtualList } from './VirtualList';
import { useSize } from './use-size';

/** The id of the panel the frame's JSON / Raw / Hex tabs switch. */
const FRAME_PANEL = 'frame-view';

const ROW_HEIGHT = 20;
const DIR_LABEL: Record<Frame['dir'], string> = { in: '↓ in', out: '↑ out', meta: '• meta' };
const DIRS: { id: FrameDirFilter; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'in', label: '↓ In' },
  { id: 'out', label: '↑ Out' },
  { id: 'control', label: 'Control' },
];

/** The row leads with what the frame is (event name, interaction), then where and how big. */
function FrameRow({
  frame,
  info,
  zone,
  live,
}: {
  frame: Frame;
  info: FrameInfo | undefined;
  zone: TimeZoneMode;
  /** A live tab: the frame's own capture source shows; a file's frames are all `file`. */
  live: boolean;
}) {
  const name = info?.name ?? frame.kind;
  const capture = frameCapture(frame, live);
  return (
    <div class={`frame dir-${frame.dir} kind-${frame.kind}`} data-seq={frame.seq}>
      <span class="c-seq">{frame.seq}</span>
      <span class="c-time">{formatTime(frame.t, zone)}</span>
      <span class="c-dir">{DIR_LABEL[frame.dir]}</span>
      <span class={`c-name${info?.category ? ` cat-${info.category}` : ''}`}>{name}</span>
      <span class="c-interaction" title={info?.interactionId}>
        {info?.interactionId ? shortId(info.interactionId) : ''}
      </span>
      <span class="c-socket" title={frame.frameUrl ? `in the frame ${frame.frameUrl}` : undefined}>
        {frame.socket}
        {/* A space, so the row reads "ws-2 page" to a screen reader too, not "ws-2page". */}
        {frame.dir !== 'meta' && ' '}
        {frame.dir !== 'meta' && (
          <span class={`capture-tag capture-${capture}`} data-capture={capture} title={CAPTURE_MEANING[capture]}>
            {capture}
          </span>
        )}
      </span>
      <span class="c-size">{frame.size}</span>
      {/* Wire text is rendered as text, never as HTML. */}
      <span class="c-data">{framePreview(frame)}</span>
    </div>
  );
}

/** Whether the shed frames' events stay in the timelines: only those the analysis read before. */
function shedAnalysis(row: ShedMarker): string {
  const analysed = row.frames + row.expired - row.unanalysed;
  if (row.unanalysed <= 0) return row.firstSeq > 0 ? ': their events stay in the timelines' : '';
  return analysed > 0
    ? `: the events of ${analysed} stay in the timelines; ${row.unanalysed} never analysed here`
    : ': never analysed here';
}

/** A marker row's text, whole: the row shows one line of it and its title all of it. */
function markerText(row: Marker): string {
  if (row.type === 'gap') {
    const n = row.to - row.from + 1;
    return `⚠ Gap: ${n} frame${n === 1 ? '' : 's'} missing (seq ${row.from}${n > 1 ? `–${row.to}` : ''})`;
  }
  if (row.type === 'loading') {
    return `⟳ Older frames #${row.from}–${row.to} are on their way: ${groupThousands(row.received)} of up to ${groupThousands(row.to - row.from + 1)} here (the newest were shown first)…`;
  }
  const parts: string[] = [];
  if (row.frames > 0) {
    parts.push(
      `${row.frames} oldest frame${row.frames === 1 ? '' : 's'} (${formatBytes(row.bytes)}) were shed to stay within the ${formatBytes(row.budgetBytes)} capture budget`,
    );
  }
  if (row.expired > 0) {
    parts.push(`${row.expired} frame${row.expired === 1 ? '' : 's'} older than the maximum age were deleted`);
  }
  return `⚠ ${parts.join('; ')}${row.firstSeq > 0 ? ` (before #${row.firstSeq})` : ''}${shedAnalysis(row)}`;
}

/**
 * A marker in the frame log: one row tall like the frames around it, so a text longer than the
 * panel is wide ends in an ellipsis (a 500 px side dock cut the wrapped second line off).
 */
function MarkerRow({ row }: { row: Marker }) {
  const text = markerText(row);
  if (row.type !== 'shed') {
    return (
      <div class={`marker ${row.type}`} role={row.type === 'loading' ? 'status' : undefined} title={text}>
        <span>{text}</span>
      </div>
    );
  }
  return (
    <div
      class="marker shed"
      data-first-seq={row.firstSeq}
      title={
        row.unanalysed > 0
          ? `${text}\nNever analysed here: shed before this panel opened, or while it was paused; their events are not in the timelines`
          : text
      }
    >
      <span>{text}</span>
    </div>
  );
}

const DETAIL_TABS: { id: FrameDetailTab; label: string }[] = [
  { id: 'tree', label: 'JSON' },
  { id: 'raw', label: 'Raw' },
  { id: 'hex', label: 'Hex' },
];

/** One frame whole: a JSON tree, the text as received, or its bytes; copy it; jump to its event. */
function FrameDetail({ store, style }: { store: PanelStore; style: Record<string, string> }) {
  const { select, view } = store;
  const selected = select.selectedFrame.value;
  if (!selected) {
    const seq = view.frameSeq.value;
    const shed = seq !== null && seq < store.log.firstSeq;
    return (
      <section class="frame-detail" aria-label="Frame" style={style}>
        <p class="caption">
          {shed
            ? `Frame #${seq} is no longer kept: the capture shed it to stay within its budget (its event stays in the timeline).`
            : 'Select a frame (click, or ↑/↓) to see it whole.'}
        </p>
      </section>
    );
  }
  const { frame, info } = selected;
  const tab = view.frameDetailTab.value;
  const json = select.selectedFrameJson.value;
  const row = store.timelineRowOf(frame.seq);
  return (
    <section class="frame-detail" aria-label="Frame" style={style}>
      <div class="details-head">
        <h2 class="details-title">
          #{frame.seq} {info?.name ?? frame.kind}
        </h2>
        <TabBar
          variant="details"
          label="Frame views"
          tabs={DETAIL_TABS}
          active={tab}
          onSelect={(id) => (view.frameDetailTab.value = id)}
          panelId={FRAME_PANEL}
        />
        <button
          type="button"
          class="link"
          disabled={frame.data === undefined}
          onClick={() => void copyText(frame.data ?? '')}
          title="Copy the frame's payload as received"
        >
          Copy
        </button>
        {row && (
          <button
            type="button"
            class="link"
            onClick={() => store.showEventOf(frame.seq)}
            title={`Show this ${row.what} in ${row.interactionId === undefined ? "the Agent entry's" : "its interaction's"} timeline`}
          >
            Show {row.what}
          </button>
        )}
        <span class="frame-meta">
          {frame.socket} · {DIR_LABEL[frame.dir]} · {frame.kind} · {formatBytes(frame.size)}
        </span>
      </div>
      <div
        class="details-body"
        id={FRAME_PANEL}
        role="tabpanel"
        aria-labelledby={tabId(FRAME_PANEL, tab)}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a tab panel is focusable so ↑/↓ scroll it (WAI-ARIA tabs pattern).
        tabIndex={0}
        onKeyDown={onTreeKey}
      >
        {tab === 'tree' &&
          (json.ok ? (
            <JsonTree value={json.value} rootName={`#${frame.seq}`} open={2} />
          ) : (
            <p class="caption">Not JSON: see Raw{frame.kind === 'binary' ? ' or Hex' : ''}.</p>
          ))}
        {tab === 'raw' &&
          (frame.data === undefined ? (
            <p class="caption">{framePreview(frame) || 'This frame has no payload.'}</p>
          ) : (
            <pre class="raw-text">
              {/* A binary frame without bytes says why instead (redacted, not base64 in a HAR): no hex label. */}
              {frame.kind === 'binary' && parseHexPreview(frame.data) !== undefined
                ? `(binary, first bytes as hex) ${frame.data}`
                : frame.data}
            </pre>
          ))}
        {tab === 'hex' && <HexView frame={frame} />}
      </div>
    </section>
  );
}

function HexView({ frame }: { frame: Frame }) {
  const { bytes, total } = frameBytes(frame);
  if (!bytes.length) return <p class="caption">No bytes captured for this frame.</p>;
  return (
    <>
      {bytes.length < total && (
        <p class="caption">
          The first {bytes.length} of {total} bytes{frame.kind === 'binary' ? ' (the capture keeps a preview)' : ''}.
        </p>
      )}
      <pre class="hex">{hexDump(bytes)}</pre>
    </>
  );
}

function FrameFilters({ store, shown, total }: { store: PanelStore; shown: number; total: number }) {
  const { view, select } = store;
  return (
    <fieldset class="frame-filters" aria-label="Filter frames">
      <select
        aria-label="Direction"
        value={view.frameDir.value}
        onChange={(e) => (view.frameDir.value = (e.target as HTMLSelectElement).value as FrameDirFilter)}
      >
        {DIRS.map((d) => (
          <option key={d.id} value={d.id}>
            {d.label}
          </option>
        ))}
      </select>
      <select
        aria-label="Socket"
        value={view.frameSocket.value}
        onChange={(e) => (view.frameSocket.value = (e.target as HTMLSelectElement).value)}
      >
        <option value="">All sockets</option>
        {select.sockets.value.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <output class="frame-count">
        {shown === total ? `${total} rows` : `${shown} of ${total} rows`}
        {view.query.value ? ' · the search filters frames too' : ''}
      </output>
    </fieldset>
  );
}

function FrameList({ store, rows }: { store: PanelStore; rows: readonly number[] }) {
  const { select, view } = store;
  // The callbacks look the row up when called, capturing no array: the list's hooks keep
  // callbacks of earlier renders, and a captured log would keep every frame of it alive after
  // the hub shed them (measured: the whole log at the first shed, ~60 MB).
  const rowAt = (i: number): LogRow => store.log.rows[select.frameRows.peek()[i]!]!;
  // Re-render rows when the analysis named more frames.
  select.analysedRevision.value;
  const zone = view.timeZone.value;
  const live = store.live.value;
  return (
    <div class="frame-log">
      <div class="frame-log-header frame" aria-hidden="true">
        <span class="c-seq">Seq</span>
        <span class="c-time">Time</span>
        <span class="c-dir">Dir</span>
        <span class="c-name">Event</span>
        <span class="c-interaction">Interaction</span>
        <span class="c-socket">Socket</span>
        <span class="c-size">Size</span>
        <span class="c-data">Data</span>
      </div>
      <VirtualList
        label="Frames"
        idPrefix="frame"
        count={rows.length}
        rowHeight={ROW_HEIGHT}
        version={rows}
        selectedIndex={select.selectedFrameIndex.value}
        isDisabled={(i) => isMarker(rowAt(i))}
        onSelect={(i) => {
          const row = rowAt(i);
          if (!isMarker(row)) view.frameSeq.value = row.seq;
        }}
        renderRow={(i) => {
          const row = rowAt(i);
          return isMarker(row) ? (
            <MarkerRow row={row} />
          ) : (
            <FrameRow frame={row} info={store.frameInfo.get(row.seq)} zone={zone} live={live} />
          );
        }}
      />
    </div>
  );
}

/**
 * The Frames tab, like the Network panel's Messages view: every frame (filter by direction,
 * socket and the toolbar search), the selected one whole below the list.
 */
export function FramesView({ store }: { store: PanelStore }) {
  const { select, view } = store;
  const [{ height }, ref] = useSize();
  const total = select.logRowCount.value;
  const rows = select.frameRows.value;
  const hint = select.captureHint.value;
  const silence = select.silence.value;
  const detail = Math.min(view.sizes.value.frameDetail, Math.max(100, height * 0.6));
  return (
    <div class="frames-view" ref={ref}>
      {silence ? (
        <SilenceNotice silence={silence} details={view.silenceDetails} />
      ) : (
        <CaptureHint kind={hint} file={store.fileName.value} />
      )}
      {total > 0 && (
        <>
          <FrameFilters store={store} shown={rows.length} total={total} />
          <FrameList store={store} rows={rows} />
          <Splitter
            label="Resize the frame detail"
            orientation="horizontal"
            size={detail}
            min={80}
            max={Math.max(120, height - 80)}
            direction={-1}
            onResize={(px) => view.resize('frameDetail', px)}
          />
          <FrameDetail store={store} style={{ flexBasis: `${detail}px` }} />
        </>
      )}
    </div>
  );
}
