import { useRef, useState } from 'preact/hooks';
import type { AgentStateChange, InteractionTimeline, Interval } from '../../model';
import { formatTime } from '../frame-log';
import { formatDuration, shortId } from '../format';

interface Segment {
  from: number;
  to: number;
  /** Still going at the end of the capture. */
  open: boolean;
  label: string;
  seq: number;
  kind: string;
}

interface Lane {
  name: string;
  segments: Segment[];
}

interface Props {
  timeline: InteractionTimeline;
  agentStates: readonly AgentStateChange[];
  /** "Now": the end of open intervals while the call is live. */
  end: number;
  onSelect: (seq: number) => void;
  selectedSeq: number | null;
  /** The store's version: the timeline's arrays grow in place, so props alone would not change. */
  version: number;
}

const KIND_LABEL: Record<Interval['kind'], string> = {
  hold: 'Hold',
  'recording-active': 'Recording',
  'recording-paused': 'Recording',
  consult: 'Consult',
  conference: 'Conference',
};

/** The model's intervals as lanes: each leg's hold, recording paused, consult, conference, agent state. */
function lanesOf(
  timeline: InteractionTimeline,
  agentStates: readonly AgentStateChange[],
  start: number,
  end: number,
): Lane[] {
  const lanes = new Map<string, Lane>();
  const lane = (name: string): Lane => {
    let found = lanes.get(name);
    if (!found) lanes.set(name, (found = { name, segments: [] }));
    return found;
  };
  for (const kind of ['hold', 'recording-active', 'recording-paused', 'consult', 'conference'] as const) {
    for (const interval of timeline.intervals.filter((i) => i.kind === kind)) {
      // Recording active and paused share one lane: red while it records, grey while paused.
      const name = kind === 'hold' ? `Hold ${shortId(interval.leg ?? '')}` : KIND_LABEL[kind];
      const what = kind === 'recording-paused' ? 'Recording paused' : kind === 'recording-active' ? 'Recording' : name;
      const to = interval.toT ?? end;
      lane(name).segments.push({
        from: interval.fromT,
        to,
        open: interval.toT === undefined,
        label: `${what}: ${formatTime(interval.fromT)} – ${interval.toT === undefined ? 'still on' : formatTime(to)} (${formatDuration(to - interval.fromT)}), from #${interval.fromSeq}${interval.toSeq ? ` to #${interval.toSeq}` : ''}`,
        seq: interval.fromSeq,
        kind,
      });
    }
    if (kind !== 'hold' && !lanes.has(KIND_LABEL[kind])) lane(KIND_LABEL[kind]);
  }
  // The agent's state while this interaction lasted (the last change before it, and those during it).
  const agent = lane('Agent');
  const relevant = agentStates.filter((s, i) => s.t <= end && (agentStates[i + 1]?.t ?? Infinity) >= start);
  relevant.forEach((state, i) => {
    const to = relevant[i + 1]?.t ?? end;
    const label = [...new Set([state.status, state.subStatus].filter(Boolean))].join('/') || state.event;
    agent.segments.push({
      from: Math.max(state.t, start),
      to,
      open: !relevant[i + 1],
      label: `Agent ${label} from ${formatTime(state.t)} (#${state.seq})`,
      seq: state.seq,
      kind: `agent agent-${(state.subStatus ?? state.status ?? '').toLowerCase()}`,
    });
  });
  return [...lanes.values()];
}

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
        <div class="lane" key={lane.name}>
          <span class="lane-name">{lane.name}</span>
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
                class={`seg seg-${s.kind}${s.open ? ' open' : ''}`}
                x={Math.max(-10, x(s.from))}
                width={Math.max(2, Math.min(1010, x(s.to)) - Math.max(-10, x(s.from)))}
                y="2"
                height="10"
                data-seq={s.seq}
                onClick={() => onSelect(s.seq)}
              >
                <title>{s.label}</title>
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
