import { useRef, useState } from 'preact/hooks';
import { lanesOf, type AgentStateChange, type InteractionTimeline, type LaneSegment } from '../../model';
import { formatTime } from '../frame-log';
import { formatDuration, shortId } from '../format';

interface Props {
  timeline: InteractionTimeline;
  agentStates: readonly AgentStateChange[];
  /** "Now": the end of open intervals while the call is live. */
  end: number;
  onSelect: (seq: number) => void;
  selectedSeq: number | undefined;
  /** The timeline's event count: its arrays grow in place, so this is what tells a change. */
  eventCount: number;
}

/** A bar's tooltip: what, when, how long, and the events that started and ended it. */
function labelOf(s: LaneSegment): string {
  if (s.state) return `Agent ${s.what} from ${formatTime(s.state.t)} (#${s.seq})`;
  return `${s.what}: ${formatTime(s.from)} – ${s.open ? 'still on' : formatTime(s.to)} (${formatDuration(s.to - s.from)}), from #${s.seq}${s.toSeq ? ` to #${s.toSeq}` : ''}`;
}

const kindClass = (s: LaneSegment) =>
  s.state ? `agent agent-${(s.state.subStatus ?? s.state.status ?? '').toLowerCase()}` : s.kind;

/**
 * Answers "was the customer on hold while recording was paused?" in one look. Wheel zooms around
 * the pointer, dragging pans, double-click shows everything again; hovering a bar tells its
 * interval, clicking it selects the event that started it.
 */
export function LaneChart({ timeline, agentStates, end, onSelect, selectedSeq }: Props) {
  const start = timeline.events[0]?.t ?? end;
  const full: [number, number] = [start, Math.max(end, start + 1000)];
  const [view, setView] = useState<[number, number] | null>(null);
  const [from, to] = view ?? full;
  const span = Math.max(1, to - from);
  const drag = useRef<{ x: number; from: number; to: number; width: number } | null>(null);
  const lanes = lanesOf(timeline, agentStates, start, full[1]);
  const x = (t: number) => ((t - from) / span) * 1000;
  const selected = timeline.events.find((e) => e.seq === selectedSeq);

  const onWheel = (event: WheelEvent) => {
    event.preventDefault();
    const rect = (event.currentTarget as HTMLElement).getBoundingClientRect();
    const at = from + ((event.clientX - rect.left) / rect.width) * span;
    const factor = event.deltaY > 0 ? 1.25 : 0.8;
    const next: [number, number] = [at - (at - from) * factor, at + (to - at) * factor];
    setView(next[1] - next[0] >= full[1] - full[0] ? null : next);
  };
  const onPointerDown = (event: PointerEvent) => {
    const el = event.currentTarget as HTMLElement;
    drag.current = { x: event.clientX, from, to, width: el.getBoundingClientRect().width };
  };
  const onPointerMove = (event: PointerEvent) => {
    const d = drag.current;
    if (!d || !view) return;
    const shift = ((event.clientX - d.x) / d.width) * (d.to - d.from);
    setView([d.from - shift, d.to - shift]);
  };
  const ticks = Array.from({ length: 5 }, (_, i) => from + (span * i) / 4);

  return (
    <div class="lanes" aria-label="Lane chart">
      {lanes.map((lane) => (
        <div class="lane" key={lane.id}>
          <span class="lane-name">{lane.leg === undefined ? lane.title : `${lane.title} ${shortId(lane.leg)}`}</span>
          <svg
            class="lane-track"
            viewBox="0 0 1000 14"
            preserveAspectRatio="none"
            onWheel={onWheel}
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={() => (drag.current = null)}
            onDblClick={() => setView(null)}
          >
            {selected && <line class="lane-cursor" x1={x(selected.t)} x2={x(selected.t)} y1="0" y2="14" />}
            {lane.segments.map((s) => (
              <rect
                key={`${s.seq}-${s.from}`}
                class={`seg seg-${kindClass(s)}${s.open ? ' open' : ''}`}
                x={Math.max(-10, x(s.from))}
                width={Math.max(2, Math.min(1010, x(s.to)) - Math.max(-10, x(s.from)))}
                y="2"
                height="10"
                data-seq={s.seq}
                onClick={() => onSelect(s.seq)}
              >
                <title>{labelOf(s)}</title>
              </rect>
            ))}
          </svg>
        </div>
      ))}
      <div class="lane lane-axis">
        <span class="lane-name">{view ? 'zoomed · dbl-click' : ''}</span>
        <div class="axis">
          {ticks.map((t, i) => (
            <span key={i} style={{ left: `${(i / 4) * 100}%` }}>
              {formatTime(t)}
            </span>
          ))}
        </div>
      </div>
    </div>
  );
}
