import { useRef, useState } from 'preact/hooks';
import { lanesOf, type AgentStateChange, type InteractionTimeline, type Lane, type LaneSegment } from '../../model';
import { formatTime, type TimeZoneMode } from '../frame-log';
import { formatDuration, shortId } from '../format';
import { useSize } from './use-size';

interface Props {
  timeline: InteractionTimeline;
  agentStates: readonly AgentStateChange[];
  /** The Requests lanes (selector `requestLanes`): bars from each request's start to its result. */
  requestLanes: readonly Lane[];
  /** "Now": the end of open intervals while the call is live. */
  end: number;
  /** When the contact ended (ms), if it did: nothing of the interaction is drawn as live after it. */
  endedAt: number | undefined;
  onSelect: (seq: number) => void;
  selectedSeq: number | undefined;
  /** The timeline's event count: its arrays grow in place, so this is what tells a change. */
  eventCount: number;
  timeZone: TimeZoneMode;
}

/**
 * The model's lanes as drawn: an interval the wire never closed ends with the contact (not at
 * "now"), so an ended call shows nothing live after its end.
 */
function drawnLanes(lanes: Lane[], endedAt: number | undefined): Lane[] {
  if (endedAt === undefined) return lanes;
  return lanes.map((lane) =>
    lane.id === 'agent'
      ? lane
      : {
          ...lane,
          segments: lane.segments.map((s) =>
            s.open ? { ...s, to: Math.max(s.from, Math.min(s.to, endedAt)), open: false, endedWithContact: true } : s,
          ),
        },
  );
}

type Drawn = LaneSegment & { endedWithContact?: boolean };

/** A bar's name: what, when, how long, and the events that started and ended it. */
function labelOf(s: Drawn, zone: TimeZoneMode): string {
  const time = (t: number) => formatTime(t, zone);
  if (s.state) return `Agent ${s.what} from ${time(s.state.t)} (#${s.seq})`;
  if (s.kind === 'request')
    return `${s.what}: ${time(s.from)} – ${s.open ? 'no result yet' : time(s.to)}, request #${s.seq}${s.toSeq ? `, answered by #${s.toSeq}` : ''}`;
  const until = s.toSeq ? ` to #${s.toSeq}` : s.endedWithContact ? ', until the contact ended' : '';
  return `${s.what}: ${time(s.from)} – ${s.open ? 'still on' : time(s.to)} (${formatDuration(s.to - s.from)}), from #${s.seq}${until}`;
}

const kindClass = (s: LaneSegment) =>
  s.state
    ? `agent agent-${(s.state.subStatus ?? s.state.status ?? '').toLowerCase()}`
    : s.kind === 'request'
      ? `request outcome-${s.outcome ?? 'pending'}`
      : s.kind;

const laneName = (lane: Lane) => (lane.leg === undefined ? lane.title : `${lane.title} ${shortId(lane.leg)}`);

/** Room per axis label (px): as many ticks as fit without overlapping. */
const TICK_PX = 130;

/**
 * Answers "was the customer on hold while recording was paused?" in one look. Wheel zooms around
 * the pointer, dragging pans, double-click shows everything again; every bar is a button that tells
 * its interval and selects the event that started it.
 */
export function LaneChart({
  timeline,
  agentStates,
  requestLanes,
  end,
  endedAt,
  onSelect,
  selectedSeq,
  timeZone,
}: Props) {
  const start = timeline.events[0]?.t ?? end;
  const full: [number, number] = [start, Math.max(end, start + 1000)];
  const [view, setView] = useState<[number, number] | null>(null);
  const [from, to] = view ?? full;
  const span = Math.max(1, to - from);
  const drag = useRef<{ x: number; from: number; to: number; width: number } | null>(null);
  const [{ width }, axis] = useSize();
  const modelLanes = drawnLanes(lanesOf(timeline, agentStates, start, full[1]), endedAt);
  // The interaction's requests above the Agent lane, the agent's own requests under it.
  const agentAt = modelLanes.findIndex((lane) => lane.id === 'agent');
  const taskLanes = requestLanes.filter((lane) => lane.id !== 'agent-requests');
  const lanes = [
    ...modelLanes.slice(0, agentAt),
    ...taskLanes,
    ...modelLanes.slice(agentAt),
    ...requestLanes.filter((lane) => lane.id === 'agent-requests'),
  ];
  const pct = (t: number) => ((t - from) / span) * 100;
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
  const tickCount = Math.max(2, Math.min(5, Math.floor(width / TICK_PX) + 1));
  const ticks = Array.from({ length: tickCount }, (_, i) => from + (span * i) / (tickCount - 1));

  return (
    // The pointer gestures (zoom, pan) have keyboard-free equivalents: every bar is a button.
    // biome-ignore lint/a11y/noStaticElementInteractions: wheel zoom and drag pan are pointer conveniences over buttons.
    <div
      class="lanes"
      onWheel={onWheel}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={() => (drag.current = null)}
      onDblClick={() => setView(null)}
    >
      {view && (
        <button type="button" class="link zoom-reset" onClick={() => setView(null)} title="Show the whole interaction">
          reset zoom
        </button>
      )}
      {lanes.map((lane) => (
        <div class="lane" key={lane.id}>
          <span class="lane-name" title={laneName(lane)}>
            {laneName(lane)}
          </span>
          <div class="lane-track">
            {selected && <span class="lane-cursor" style={{ left: `${pct(selected.t)}%` }} />}
            {lane.segments.map((s: Drawn) => {
              const left = Math.max(-1, pct(s.from));
              const right = Math.min(101, pct(s.to));
              if (right < 0 || left > 100) return null;
              return (
                <button
                  type="button"
                  key={`${s.seq}-${s.from}`}
                  class={`seg seg-${kindClass(s)}${s.open ? ' open' : ''}`}
                  style={{ left: `${left}%`, width: `max(2px, ${right - left}%)` }}
                  data-seq={s.seq}
                  aria-label={labelOf(s, timeZone)}
                  title={labelOf(s, timeZone)}
                  onClick={() => onSelect(s.kind === 'request' ? (s.toSeq ?? s.seq) : s.seq)}
                />
              );
            })}
          </div>
        </div>
      ))}
      <div class="lane lane-axis">
        <span class="lane-name" />
        <div class="axis" ref={axis}>
          {ticks.map((t, i) => (
            <span key={i} style={{ left: `${(i / (tickCount - 1)) * 100}%` }}>
              {formatTime(t, timeZone)}
            </span>
          ))}
        </div>
      </div>
    </div>
  );
}
