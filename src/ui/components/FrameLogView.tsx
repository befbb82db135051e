import type { Frame } from '../../frame/frame';
import { formatBytes, formatTime, framePreview, isMarker, type MarkerRow as Marker } from '../frame-log';
import type { LogRow } from '../frame-log';
import { VirtualList } from './VirtualList';

const ROW_HEIGHT = 20;
const DIR_LABEL: Record<Frame['dir'], string> = { in: '↓ in', out: '↑ out', meta: '• meta' };

function FrameRow({ frame }: { frame: Frame }) {
  return (
    <div class={`frame dir-${frame.dir} kind-${frame.kind}`} data-seq={frame.seq}>
      <span class="c-seq">{frame.seq}</span>
      <span class="c-time">{formatTime(frame.t)}</span>
      <span class="c-socket">{frame.socket}</span>
      <span class="c-dir">{DIR_LABEL[frame.dir]}</span>
      <span class="c-kind">{frame.kind}</span>
      <span class="c-size">{frame.size}</span>
      {/* Wire text is rendered as text, never as HTML. */}
      <span class="c-data">{framePreview(frame)}</span>
    </div>
  );
}

function MarkerRow({ row }: { row: Marker }) {
  if (row.type === 'gap') {
    const n = row.to - row.from + 1;
    return (
      <div class="marker gap" role="note">
        ⚠ Gap: {n} frame{n === 1 ? '' : 's'} missing (seq {row.from}
        {n > 1 ? `–${row.to}` : ''})
      </div>
    );
  }
  return (
    <div class="marker shed" role="note">
      ⚠ {row.frames} oldest frames ({formatBytes(row.bytes)}) were shed to stay within the{' '}
      {formatBytes(row.budgetBytes)} capture budget
    </div>
  );
}

/** `rows` grows in place; `count` is how many of them to show (it changes when rows arrive). */
export function FrameLogView({ rows, count }: { rows: readonly LogRow[]; count: number }) {
  return (
    <div class="frame-log">
      <div class="frame-log-header frame" role="row">
        <span class="c-seq">Seq</span>
        <span class="c-time">Time</span>
        <span class="c-socket">Socket</span>
        <span class="c-dir">Dir</span>
        <span class="c-kind">Kind</span>
        <span class="c-size">Size</span>
        <span class="c-data">Data</span>
      </div>
      <VirtualList
        label="Frames"
        count={count}
        rowHeight={ROW_HEIGHT}
        version={count}
        renderRow={(i) => {
          const row = rows[i]!;
          return isMarker(row) ? <MarkerRow row={row} /> : <FrameRow frame={row} />;
        }}
      />
    </div>
  );
}
