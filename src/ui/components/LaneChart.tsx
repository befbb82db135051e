import { Component } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type Lane, type LaneSegment, PROBLEM_OUTCOMES } from '../../model';
import { formatTime, type TimeZoneMode } from '../frame-log';
import { formatSpan } from '../format';
import { applyChartKey, CHART_KEYS, chartKeyAction, unchangedReason } from '../chart-view';
import { stepItem } from '../roving-keys';
import {
  clusterActivation,
  kindClass,
  layoutLane,
  MIN_ZOOM_MS,
  bandHeights,
  type ClusterLook,
  type LaneCluster,
  type LaneLayout,
} from '../lane-layout';
import { BAR_KEY, OUTCOME } from '../request-view';
import '../requests.css';
import { useSize } from './use-size';

interface Props {
  /**
   * The lanes other than the request lanes (selector `chartLanes`): an interaction's hold,
   * recording, consult, conference and Agent lanes, or the agent's state alone (the Agent entry).
   */
  lanes: readonly Lane[];
  /** Where the chart starts (ms): the interaction's first event, or the agent's first event or request. */
  start: number;
  /** The Requests lanes (selector `requestLanes`): bars from each request's start to its result. */
  requestLanes: readonly Lane[];
  /** "Now": the end of open intervals while the call is live. */
  end: number;
  /**
   * When the contact ended (ms), or was merged into another (`merged`), if it was: nothing of the
   * interaction is drawn as live after it.
   */
  endedAt: { t: number; merged: boolean } | undefined;
  onSelect: (seq: number) => void;
  /** The selected timeline row: an event's seq, or a request's (its bar is marked). */
  selectedSeq: number | undefined;
  /** The row joined to the selected one (a request's result, or the request an event answered). */
  joinedSeq?: number | undefined;
  /** When the selected row happened (ms): the cursor stands there. */
  cursorT: number | undefined;
  /** The reset button's title: "Show the whole interaction" or "Show the whole capture". */
  wholeTitle: string;
  timeZone: TimeZoneMode;
  /** Told the chart's natural height (CSS px, everything shown without scrolling) when it changes. */
  onNaturalHeight?: (px: number) => void;
  /**
   * The most height (CSS px) its pane gives the chart (half its column, or the size the reader
   * chose); 0 when unknown. Beyond it the chart goes compact (`Compact`), then says what is hidden.
   */
  room?: number;
}

/** The chart's padding around its body (px, `.lanes`). */
const LANES_PAD_PX = 4;
/** Height of the "… below" / "… above" bars over the chart's edges (px, `.lanes-more`). */
const MORE_PX = 14;

interface Hidden {
  above: readonly string[];
  below: readonly string[];
}
const NONE_HIDDEN: Hidden = { above: [], below: [] };

/**
 * The rows (lanes, the key, the axis) of the scrolled chart that are not wholly in view, above and
 * below, by their names (`data-lane`). The bars naming them cover `MORE_PX` at each edge: the one
 * above lies over the rows, the one below is also the chart's last `MORE_PX` (so at the end of
 * the scroll it covers nothing).
 */
function hiddenRows(el: HTMLElement): Hidden {
  if (el.scrollHeight <= el.clientHeight + 1) return NONE_HIDDEN;
  const top = el.scrollTop;
  const bottom = top + el.clientHeight - MORE_PX;
  const above: string[] = [];
  const below: string[] = [];
  for (const row of el.querySelectorAll<HTMLElement>('[data-lane]')) {
    const from = row.offsetTop;
    const to = from + row.offsetHeight;
    // A lane holding failed requests says so: a failure is never out of sight unannounced.
    const failures = Number(row.dataset.failures ?? 0);
    const name = failures ? `${row.dataset.lane!} (✗ ${failures} failed)` : row.dataset.lane!;
    if (to > bottom + 0.5) below.push(name);
    else if (top > 0 && from < top + MORE_PX - 0.5) above.push(name);
  }
  return { above, below };
}

const sameHidden = (a: Hidden, b: Hidden) =>
  a.above.join('\n') === b.above.join('\n') && a.below.join('\n') === b.below.join('\n');

/**
 * The model's lanes as drawn: an interval the wire never closed ends with the contact (not at
 * "now"), so an ended call shows nothing live after its end; so does a merged one's at the merge.
 */
function drawnLanes(lanes: readonly Lane[], endedAt: Props['endedAt']): readonly Lane[] {
  if (endedAt === undefined) return lanes;
  const endedWith = endedAt.merged ? 'merge' : 'contact';
  return lanes.map((lane) =>
    lane.id === 'agent'
      ? lane
      : {
          ...lane,
          segments: lane.segments.map((s) =>
            s.open ? { ...s, to: Math.max(s.from, Math.min(s.to, endedAt.t)), open: false, endedWith } : s,
          ),
        },
  );
}

/** A bar as drawn; `endedWith`: it was still open when the contact ended, or was merged away. */
type Drawn = LaneSegment & { endedWith?: 'contact' | 'merge' };
const ENDED_WITH = { contact: ', until the contact ended', merge: ', until it was merged into another' } as const;

/** A bar's name: what, when, how long, and the events that started and ended it. */
export function labelOf(s: Drawn, zone: TimeZoneMode): string {
  const time = (t: number) => formatTime(t, zone);
  if (s.state) return `Agent ${s.what} from ${time(s.state.t)} (#${s.seq})`;
  if (s.kind === 'request') {
    // An HTTP error's bar ends at the HTTP response frame, not at a result event.
    const end = s.toSeq
      ? s.outcome === 'http-error'
        ? `, ended by its HTTP response #${s.toSeq}`
        : `, answered by #${s.toSeq}`
      : '';
    return `${s.what}: ${time(s.from)} – ${s.open ? 'no result yet' : time(s.to)}, request #${s.seq}${end}`;
  }
  const until = s.toSeq ? ` to #${s.toSeq}` : s.endedWith ? ENDED_WITH[s.endedWith] : '';
  return `${s.what}: ${time(s.from)} – ${s.open ? 'still on' : time(s.to)} (${formatSpan(s.to - s.from)}), from #${s.seq}${until}`;
}

const laneName = (lane: Lane) => lane.title;

/**
 * What a lane's name leaves out, for its tooltip and a screen reader: a hold lane's whole leg id
 * (its name shows only the end that tells it from the other held legs, `holdTitles`).
 */
const legSaid = (lane: Lane) =>
  lane.leg === undefined ? '' : lane.leg === '' ? ' (no mediaResourceId)' : ` (mediaResourceId ${lane.leg})`;

const LEGEND_ORDER = Object.keys(OUTCOME) as (keyof typeof OUTCOME)[];

/** Height of one sub-row of a stacked lane (px): a 10 px bar and 2 px between bars. */
const SUBROW_PX = 12;

/**
 * The sub-row height (px) of a lane stacked `rows` deep: 12 up to three sub-rows; deeper, they
 * share the height of about three (40 px), 8 px at least (a 6 px bar, its mark in 8 px type), so a
 * pile-up of requests keeps the chart readable without scrolling its pane.
 */
export function subRowPx(rows: number): number {
  return rows <= 3 ? SUBROW_PX : Math.max(8, Math.floor(40 / rows));
}

/** Room per axis label (px): as many ticks as fit without overlapping. */
const TICK_PX = 130;

/** Where a bar is drawn (% of the track), or undefined when it is out of view. */
function placed(from: number, to: number, viewFrom: number, span: number): { left: number; right: number } | undefined {
  const left = Math.max(-1, ((from - viewFrom) / span) * 100);
  const right = Math.min(101, ((to - viewFrom) / span) * 100);
  return right < 0 || left > 100 ? undefined : { left, right };
}

/**
 * A bar's left edge, kept `minPx` inside the track: a bar starting at the view's very end (a
 * request failed in the capture's last millisecond, the state still on at its end) is drawn at
 * the edge, not past it where the track clips it away.
 */
const leftOf = (at: { left: number }, minPx: number) => `min(${at.left}%, calc(100% - ${minPx}px))`;

/** The outcome mark goes before a bar ending in the view's last 3%: after it, the track would clip it. */
const markBefore = (at: { right: number }) => (at.right > 97 ? ' mark-before' : '');

/**
 * The most bands a packed bar is drawn in (10 px high, 8 in a compact chart). Its lane's colours
 * are at most three (the Agent lane: available, idle, RONA), so "and more" is drawn only for a
 * lane with more colours than that.
 */
const BANDS = 3;

/** A bar's height (px) as panel.css draws it (`.seg`; `.compact-lanes .seg`): its bands share it in whole pixels. */
export const BAR_PX = 10;
export const COMPACT_BAR_PX = 8;

/**
 * A packed state or interval bar's bands, as its own background (CSS layers, no element of their
 * own), for a bar `barPx` high: one per colour its bars are drawn in (`LaneCluster.looks`, by
 * `--tone-*`, so either theme), each as long as they last, from the bar's start to where its last
 * bar of that colour ends, and as high as its share of their time (`bandHeights`: whole pixels
 * inside the 1 px outline, at least `BAND_MIN_PX`). The colour whose bars end last lies behind,
 * over the whole bar; the others lie over its top part, one row each, longest first (a recording
 * paused for 0 ms as it resumed: a 1 px grey notch on the teal of the recording that followed).
 * Beyond `BANDS` colours, the last row is hatched for "and more", as high as their time together
 * (its name lists them all). Undefined for a cluster without looks (requests).
 *
 * Layers, not child elements: a live Agent chart re-creates its 200 packed bars at every state
 * change, and positioned children in each (34762ed) made every relayout cost 50–160 ms; even
 * unpositioned ones (about 700 more elements) put its p90 frame time at 33 ms instead of 16.7.
 */
export function bandsBackground(cluster: LaneCluster, barPx: number): string | undefined {
  const looks = cluster.looks;
  if (!looks?.length) return undefined;
  let base = looks[0]!;
  for (const look of looks) if (look.to > base.to) base = look;
  const others = looks.filter((look) => look !== base);
  const more = looks.length > BANDS;
  const over = more ? others.slice(0, BANDS - 2) : others;
  const rest = more ? others.slice(BANDS - 2) : [];
  // By time; by count only where every bar lasted 0 ms (then time says nothing).
  const byTime = looks.some((look) => look.ms > 0);
  const weight = (look: ClusterLook) => (byTime ? look.ms : look.count);
  const heights = bandHeights(
    [...over.map(weight), ...(more ? [rest.reduce((sum, look) => sum + weight(look), 0)] : []), weight(base)],
    barPx - 2,
  );
  const span = Math.max(1, cluster.to - cluster.from);
  const width = (to: number) => `max(6px, ${Math.min(100, ((to - cluster.from) / span) * 100)}%)`;
  // Each row a layer placed and sized in whole pixels from the top of the bar, under its 1 px
  // outline (the inset shadow covers the background's edge): rows meet exactly, no blended pixel.
  const tops = heights.map((_, i) => 1 + heights.slice(0, i).reduce((sum, h) => sum + h, 0));
  const layers = over.map(
    ({ tone, to }, i) => `linear-gradient(${toneOf(tone)} 0 0) 0 ${tops[i]}px / ${width(to)} ${heights[i]}px no-repeat`,
  );
  if (more)
    layers.push(
      `repeating-linear-gradient(135deg, var(--fg-dim) 0 1px, var(--bg-alt) 1px 3px) 0 ${tops[over.length]}px / 100% ${heights[over.length]}px no-repeat`,
    );
  // The colour whose bars end last ends where the bar ends (the cluster's end is its bars' last end).
  layers.push(toneOf(base.tone));
  return layers.join(', ');
}

const toneOf = (tone: string) => `var(--tone-${tone}, #9aa0a6)`;

/** The most names a band's share lists before "+ N more". */
const BAND_NAMES = 3;

/**
 * What a packed bar's bands stand for, in its name (and tooltip): each colour's kinds and its
 * share of their time, as its band's height is ("bands by share of time: Available 70%,
 * Idle/Lunch + Idle/Break 25%, RONA/Idle 5%"), or by count where every bar lasted 0 ms. A share
 * under 1% is "<1%", not 0%: its band is there (`BAND_MIN_PX`).
 */
export function bandsSaid(looks: readonly ClusterLook[]): string {
  const byTime = looks.some((look) => look.ms > 0);
  const total = looks.reduce((sum, look) => sum + (byTime ? look.ms : look.count), 0);
  const shares = looks.map((look) => {
    const names = look.names.slice(0, BAND_NAMES).join(' + ');
    const more = look.names.length - BAND_NAMES;
    const share = ((byTime ? look.ms : look.count) / total) * 100;
    const said = share > 0 && share < 1 ? '<1' : share > 99 && share < 100 ? '>99' : `${Math.round(share)}`;
    return `${names}${more > 0 ? ` + ${more} more` : ''} ${said}%`;
  });
  return `bands by share of ${byTime ? 'time' : 'count (each lasted 0 ms)'}: ${shares.join(', ')}`;
}

/** The most kinds a cluster's name lists before "and N more kinds". */
const KINDS_NAMED = 6;

/**
 * A cluster's name in a view `viewMs` wide: how many bars, when, which (each state or interval and
 * how many of it, or each request's call and answer and how many made it), and what activating
 * it does (`clusterActivation`): zoom in, or select the first where no zoom splits them (bars
 * that start at the very same moment, or starts still under a pixel apart at the closest zoom).
 */
export function clusterLabel(c: LaneCluster, laneTitle: string, zone: TimeZoneMode, viewMs: number): string {
  const when = `${formatTime(c.from, zone)} – ${formatTime(c.to, zone)}`;
  const n = c.seqs.length;
  let which: string;
  if (c.calls) {
    const named = c.calls.slice(0, KINDS_NAMED).map(([call, k]) => `${k}× ${call}`);
    const more = c.calls.length - KINDS_NAMED;
    // Beyond the calls named, the outcomes of all of them: a failure is never left unsaid.
    const all = (c.outcomes ?? []).map(([o, k]) => `${k} ${OUTCOME[o].mark} ${OUTCOME[o].label}`).join(', ');
    which = more > 0 ? `${named.join(', ')} and ${more} more (in all: ${all})` : named.join(', ');
  } else if (c.outcomes) which = c.outcomes.map(([o, k]) => `${k} ${OUTCOME[o].mark} ${OUTCOME[o].label}`).join(', ');
  else {
    const kinds = c.kinds ?? [];
    const named = kinds.slice(0, KINDS_NAMED).map(([what, k]) => (k > 1 ? `${what} ×${k}` : what));
    const more = kinds.length - KINDS_NAMED;
    which = more > 0 ? `${named.join(', ')} and ${more} more kind${more > 1 ? 's' : ''}` : named.join(', ');
    if (c.looks && c.looks.length > 1) which += `; ${bandsSaid(c.looks)}`;
  }
  const noun = c.outcomes ? 'requests' : laneTitle === 'Agent' ? 'agent state changes' : `${laneTitle} bars`;
  const act =
    c.lastFrom === c.from
      ? 'started at the same moment, so no zoom splits them: activate to select the first'
      : clusterActivation(c, viewMs)
        ? 'too close together to draw one by one: activate to zoom in'
        : 'too close together to draw one by one even at the closest zoom: activate to select the first';
  return `${n} ${noun}, ${when}: ${which} (${act})`;
}

interface BarsProps {
  layout: LaneLayout;
  laneTitle: string;
  viewFrom: number;
  span: number;
  /** Sub-row height (px). */
  sub: number;
  /** A bar's height (px): `BAR_PX`, or `COMPACT_BAR_PX` in a compact chart. */
  barPx: number;
  /** The selected and joined rows' seqs that are this lane's bars ("" when none): a bar is marked. */
  picked: string;
  timeZone: TimeZoneMode;
  onSelect: (seq: number) => void;
  onZoom: (from: number, to: number) => void;
}

/**
 * A lane's bars. Redrawn only when they or the view changed, or a bar of theirs was picked: a
 * selection (↑/↓ in the timeline) moves the cursor, not the thousands of bars of a long shift.
 */
class LaneBars extends Component<BarsProps> {
  override shouldComponentUpdate(next: BarsProps): boolean {
    const p = this.props;
    return (
      p.layout !== next.layout ||
      p.viewFrom !== next.viewFrom ||
      p.span !== next.span ||
      p.sub !== next.sub ||
      p.barPx !== next.barPx ||
      p.picked !== next.picked ||
      p.timeZone !== next.timeZone ||
      p.laneTitle !== next.laneTitle ||
      p.onSelect !== next.onSelect ||
      p.onZoom !== next.onZoom
    );
  }

  override render({ layout, laneTitle, viewFrom, span, sub, barPx, picked, timeZone, onSelect, onZoom }: BarsProps) {
    const pickedSeqs = picked ? picked.split(' ').map(Number) : [];
    return layout.items.map((item) => {
      if (item.cluster) {
        const c = item.cluster;
        const at = placed(c.from, c.to, viewFrom, span);
        if (!at) return null;
        const worst = c.outcomes?.[0]?.[0];
        const isPicked = pickedSeqs.some((seq) => c.seqs.includes(seq));
        const label = clusterLabel(c, laneTitle, timeZone, span);
        return (
          <button
            type="button"
            key={`c${c.seqs[0]}`}
            tabIndex={-1}
            class={`seg seg-cluster${worst ? ` seg-request outcome-${worst}` : ''}${isPicked ? ' picked' : ''}${markBefore(at)}`}
            style={{
              left: leftOf(at, 4),
              width: `max(4px, ${at.right - at.left}%)`,
              ...(c.row ? { top: `${1 + c.row * sub}px` } : {}),
              ...(c.looks ? { background: bandsBackground(c, barPx) } : {}),
            }}
            data-count={c.seqs.length}
            data-row={c.row}
            aria-label={label}
            aria-current={isPicked ? 'true' : undefined}
            title={label}
            // Bars started at the very same moment never come apart, nor does a cluster at the
            // closest zoom already: the first one is selected instead (as its name says).
            onClick={() => {
              const view = clusterActivation(c, span);
              if (view) onZoom(view[0], view[1]);
              else onSelect(c.seqs[0]!);
            }}
          >
            {worst && (
              <span class="seg-mark" aria-hidden="true">
                {OUTCOME[worst].mark}
              </span>
            )}
          </button>
        );
      }
      const s: Drawn = item.segment;
      const at = placed(s.from, s.to, viewFrom, span);
      if (!at) return null;
      const request = s.kind === 'request';
      const isPicked = request && pickedSeqs.includes(s.seq);
      return (
        <button
          type="button"
          key={`${s.seq}-${s.from}`}
          tabIndex={-1}
          class={`seg seg-${kindClass(s)}${s.open ? ' open' : ''}${isPicked ? ' picked' : ''}${request ? markBefore(at) : ''}`}
          style={{
            left: leftOf(at, 3),
            width: `max(3px, ${at.right - at.left}%)`,
            ...(s.row ? { top: `${1 + s.row * sub}px` } : {}),
          }}
          data-seq={s.seq}
          data-row={s.row}
          aria-label={labelOf(s, timeZone)}
          aria-current={isPicked ? 'true' : undefined}
          title={labelOf(s, timeZone)}
          onClick={() => onSelect(s.seq)}
        >
          {request && (
            <span class="seg-mark" aria-hidden="true">
              {OUTCOME[s.outcome ?? 'pending'].mark}
            </span>
          )}
        </button>
      );
    });
  }
}

/** Until the track is measured, lanes are laid out for a chart about this wide (px). */
const UNMEASURED_PX = 1000;

/** One lane: its name, its track with the cursor, its bars (`LaneBars`). */
function LaneRow({
  lane,
  layout,
  viewFrom,
  viewTo,
  cursorT,
  selectedSeq,
  joinedSeq,
  timeZone,
  barPx,
  onSelect,
  onZoom,
}: {
  lane: Lane;
  layout: LaneLayout;
  barPx: number;
  viewFrom: number;
  viewTo: number;
  cursorT: number | undefined;
  selectedSeq: number | undefined;
  joinedSeq: number | undefined;
  timeZone: TimeZoneMode;
  onSelect: (seq: number) => void;
  onZoom: (from: number, to: number) => void;
}) {
  // Only request bars are marked when picked: which of the two picked rows are this lane's.
  const seqs = useMemo(
    () => new Set(lane.segments[0]?.kind === 'request' ? lane.segments.map((s) => s.seq) : []),
    [lane],
  );
  const picked = [selectedSeq, joinedSeq].filter((seq) => seq !== undefined && seqs.has(seq)).join(' ');
  // Failed, HTTP error, timed out: named on the "… below" bar when the lane is scrolled out of view.
  const failures = useMemo(
    () => lane.segments.filter((s) => s.kind === 'request' && PROBLEM_OUTCOMES.has(s.outcome ?? 'pending')).length,
    [lane],
  );
  const span = Math.max(1, viewTo - viewFrom);
  // Overlapping request bars are stacked into sub-rows (selector `requestLanes`, or `layoutLane`).
  const rows = layout.rows;
  const sub = subRowPx(rows);
  return (
    <div
      data-lane={laneName(lane)}
      data-failures={failures || undefined}
      class={`lane${rows > 1 ? ' stacked' : ''}${sub < SUBROW_PX ? ' compact' : ''}${layout.packed ? ' packed' : ''}`}
      style={rows > 1 ? { height: `${rows * sub + 4}px`, '--sub': `${sub}px` } : undefined}
    >
      <span
        class="lane-name"
        title={
          lane.id.endsWith('requests')
            ? `${laneName(lane)}: one bar per request, start to result\n${BAR_KEY}`
            : `${laneName(lane)}${legSaid(lane)}`
        }
      >
        {laneName(lane)}
        {lane.leg !== undefined && <span class="sr-only">{legSaid(lane)}</span>}
      </span>
      <div class="lane-track" style={rows > 1 ? { height: `${rows * sub}px` } : undefined}>
        {cursorT !== undefined && (
          <span class="lane-cursor" style={{ left: `${((cursorT - viewFrom) / span) * 100}%` }} />
        )}
        <LaneBars
          layout={layout}
          laneTitle={lane.title}
          viewFrom={viewFrom}
          span={span}
          sub={sub}
          barPx={barPx}
          picked={picked}
          timeZone={timeZone}
          onSelect={onSelect}
          onZoom={onZoom}
        />
      </div>
    </div>
  );
}

/**
 * Answers "was the customer on hold while recording was paused?" in one look. Wheel zooms around
 * the pointer, dragging pans, double-click shows everything again; every bar is a button that tells
 * its interval and selects the event that started it; bars too close together to draw one by one
 * are one button that says how many and zooms in on them (`layoutLane`). Focused (the chart or
 * a bar), the keys of `chartKeyAction` pan and zoom it, and its live region says the range shown.
 */
export function LaneChart({
  lanes: baseLanes,
  start,
  requestLanes,
  end,
  endedAt,
  onSelect,
  selectedSeq,
  joinedSeq,
  cursorT,
  wholeTitle,
  timeZone,
  onNaturalHeight,
  room = 0,
}: Props) {
  const [{ height: naturalHeight }, body] = useSize();
  useEffect(() => onNaturalHeight?.(naturalHeight), [naturalHeight, onNaturalHeight]);
  // Compact while the chart at its full size would not fit its room: 12 px lanes, the empty ones
  // folded into the key. Its full height is remembered, to know when there is room again.
  const [compact, setCompact] = useState(false);
  const fullHeight = useRef(0);
  const bodyEl = useRef<HTMLDivElement | null>(null);
  const bodyRef = useCallback(
    (el: HTMLDivElement | null) => {
      bodyEl.current = el;
      body(el);
    },
    [body],
  );
  useLayoutEffect(() => {
    // Read from the page: `naturalHeight` is a guess until the first measure.
    const height = bodyEl.current?.offsetHeight ?? 0;
    if (!room || !height) return;
    if (!compact) {
      fullHeight.current = height;
      if (height + LANES_PAD_PX > room) setCompact(true);
    } else if (fullHeight.current + LANES_PAD_PX <= room) setCompact(false);
  }, [naturalHeight, room, compact]);
  const full: [number, number] = [start, Math.max(end, start + 1000)];
  const [view, setView] = useState<[number, number] | null>(null);
  const [from, to] = view ?? full;
  const span = Math.max(1, to - from);
  const drag = useRef<{ x: number; from: number; to: number; width: number } | null>(null);
  const [{ width }, axis] = useSize();
  // The interaction's requests above the Agent lane, the agent's own requests under it.
  const lanes = useMemo(() => {
    const modelLanes = drawnLanes(baseLanes, endedAt);
    const agentAt = modelLanes.findIndex((lane) => lane.id === 'agent');
    return [
      ...modelLanes.slice(0, agentAt),
      ...requestLanes.filter((lane) => lane.id !== 'agent-requests'),
      ...modelLanes.slice(agentAt),
      ...requestLanes.filter((lane) => lane.id === 'agent-requests'),
    ];
  }, [baseLanes, endedAt, requestLanes]);
  // Compact, a lane with nothing on it (no consult, no conference) is one word of the key.
  const [shown, folded] = useMemo(
    () =>
      compact
        ? [
            lanes.filter((lane) => lane.segments.length > 0),
            lanes.filter((lane) => !lane.segments.length).map(laneName),
          ]
        : [lanes, [] as string[]],
    [lanes, compact],
  );
  const trackWidth = width || UNMEASURED_PX;
  // What each lane draws at this width and zoom; a selection changes none of it.
  const layouts = useMemo(
    () => shown.map((lane) => layoutLane(lane, from, to, trackWidth)),
    [shown, from, to, trackWidth],
  );
  // What the pane cannot show (it scrolls): named at its edges, never cut silently.
  const scroller = useRef<HTMLDivElement | null>(null);
  const [{ height: paneHeight }, observePane] = useSize();
  const paneRef = useCallback(
    (el: HTMLDivElement | null) => {
      scroller.current = el;
      observePane(el);
    },
    [observePane],
  );
  const [hidden, setHidden] = useState<Hidden>(NONE_HIDDEN);
  // The chart is taller than its pane: it scrolls, and ends with the bar naming what is below.
  const overflow = naturalHeight + LANES_PAD_PX > paneHeight + 1;
  const overflowing = useRef(overflow);
  overflowing.current = overflow;
  const findHidden = useCallback(() => {
    const el = scroller.current;
    // Reading the rows' places costs a layout: only for a chart that scrolls (its sizes say so).
    const next = el && overflowing.current ? hiddenRows(el) : NONE_HIDDEN;
    setHidden((prev) => (sameHidden(prev, next) ? prev : next));
  }, []);
  useLayoutEffect(findHidden, [findHidden, naturalHeight, paneHeight, shown, overflow]);
  const reveal = (direction: 1 | -1) =>
    scroller.current?.scrollBy({ top: direction * Math.max(16, (scroller.current?.clientHeight ?? 0) - 2 * MORE_PX) });
  const packed = layouts.some((layout) => layout.packed);
  const fullSpan = full[1] - full[0];
  const zoomRef = useRef(fullSpan);
  zoomRef.current = fullSpan;
  // A view change with the focus in the chart may unmount the focused element (a bar panned out
  // of view, a cluster split by a zoom, "reset zoom" itself): the focus would fall to the page,
  // where ←/→ pick another interaction. It comes back to the chart instead.
  const refocus = useRef(false);
  const changeView = useCallback((next: [number, number] | null) => {
    refocus.current = scroller.current?.contains(document.activeElement) ?? false;
    setView(next);
  }, []);
  useLayoutEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    const el = scroller.current;
    if (el && !el.contains(document.activeElement)) el.focus({ preventScroll: true });
  }, [view]);
  // Stable, so a lane's bars are not redrawn for it: zooms in on a cluster (`clusterActivation`).
  const onZoom = useMemo(
    () => (a: number, b: number) => changeView(b - a >= zoomRef.current ? null : [a, b]),
    [changeView],
  );

  const onWheel = (event: WheelEvent) => {
    // Over the lane names the wheel scrolls the pane (when it has to); over the bars it zooms.
    if (!(event.target as HTMLElement).closest('.lane-track, .axis')) return;
    event.preventDefault();
    const rect = (event.currentTarget as HTMLElement).getBoundingClientRect();
    const at = from + ((event.clientX - rect.left) / rect.width) * span;
    const factor = event.deltaY > 0 ? 1.25 : 0.8;
    const next: [number, number] = [at - (at - from) * factor, at + (to - at) * factor];
    // No narrower than the axis can label (its ticks would all read the same millisecond).
    if (factor < 1 && next[1] - next[0] < MIN_ZOOM_MS) return;
    changeView(next[1] - next[0] >= full[1] - full[0] ? null : next);
  };
  // What the last key did to the view, for a screen reader (the chart's live region). The same
  // words twice (a second + at the closest zoom) are said again: a live region speaks only what
  // changed, so the repeat toggles a trailing no-break space.
  const [said, setSaidState] = useState({ text: '', again: false });
  const setSaid = (text: string) => setSaidState((prev) => ({ text, again: prev.text === text ? !prev.again : false }));
  /**
   * ↑/↓: the previous or next bar (lane by lane, each in time order), wrapping. The bars are not
   * tab stops: a shift's chart holds hundreds, and Tab goes past the chart in one press.
   */
  const stepBar = (event: KeyboardEvent): void => {
    const bars = [...(scroller.current?.querySelectorAll<HTMLElement>('.seg') ?? [])];
    const focused = bars.find((bar) => bar === document.activeElement);
    // From the chart itself, ↓ goes to the bar the timeline's selection marks, if one is drawn.
    const from =
      focused ?? (event.key === 'ArrowDown' ? bars.find((bar) => bar.classList.contains('picked')) : undefined);
    const to = from && !focused ? from : stepItem(bars, focused, event.key, 'vertical');
    if (!to) return;
    event.preventDefault();
    to.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      stepBar(event);
      return;
    }
    const action = chartKeyAction(event.key, event.shiftKey);
    if (!action) return;
    event.preventDefault();
    // A zoom keeps the focused bar where it is (else the middle of the view).
    const bar = (event.target as HTMLElement).closest<HTMLElement>('.seg');
    const track = bar?.closest<HTMLElement>('.lane-track');
    let at: number | undefined;
    if (bar && track) {
      const b = bar.getBoundingClientRect();
      const t = track.getBoundingClientRect();
      if (t.width > 0) at = from + ((b.left + b.width / 2 - t.left) / t.width) * span;
    }
    const current: [number, number] = [from, to];
    const next = applyChartKey(action, current, full, at);
    const range = (r: readonly [number, number]) =>
      `${formatTime(r[0], timeZone)} – ${formatTime(r[1], timeZone)} (${formatSpan(r[1] - r[0])})`;
    if (next === current || (next === null && view === null)) {
      // Nothing to change: said why, with what stays shown.
      setSaid(`${unchangedReason(action, current, full)}: showing ${range(current)}`);
      return;
    }
    changeView(next ? [next[0], next[1]] : null);
    setSaid(
      next
        ? `Showing ${range(next)}`
        : `Showing everything, ${formatTime(full[0], timeZone)} – ${formatTime(full[1], timeZone)}`,
    );
  };
  const onPointerDown = (event: PointerEvent) => {
    const el = event.currentTarget as HTMLElement;
    drag.current = { x: event.clientX, from, to, width: el.getBoundingClientRect().width };
  };
  const onPointerMove = (event: PointerEvent) => {
    const d = drag.current;
    if (!d || !view) return;
    const shift = ((event.clientX - d.x) / d.width) * (d.to - d.from);
    changeView([d.from - shift, d.to - shift]);
  };
  // The legend names each outcome the request bars show (its pattern, mark and word).
  const legend = useMemo(
    () =>
      [...new Set(requestLanes.flatMap((lane) => lane.segments.map((s) => s.outcome ?? 'pending')))].sort(
        (a, b) => LEGEND_ORDER.indexOf(a) - LEGEND_ORDER.indexOf(b),
      ),
    [requestLanes],
  );
  const tickCount = Math.max(2, Math.min(5, Math.floor(width / TICK_PX) + 1));
  const ticks = Array.from({ length: tickCount }, (_, i) => from + (span * i) / (tickCount - 1));

  return (
    // The pointer gestures (zoom, pan) have keyboard equivalents on the focused chart (or a bar
    // in it): `chartKeyAction`.
    // biome-ignore lint/a11y/useSemanticElements: a fieldset groups form controls; this is a chart of buttons.
    <div
      class={`lanes${compact ? ' compact-lanes' : ''}`}
      ref={paneRef}
      role="group"
      aria-label={`Lane chart (${CHART_KEYS})`}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the chart itself takes the keys that pan and zoom it.
      tabIndex={0}
      onKeyDown={onKeyDown}
      onScroll={findHidden}
      onWheel={onWheel}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={() => (drag.current = null)}
      onDblClick={() => changeView(null)}
    >
      {hidden.above.length > 0 && (
        <button
          type="button"
          class="lanes-more above"
          onClick={() => reveal(-1)}
          title="Scroll the chart up (or drag the splitter under it to give it more room)"
        >
          ▴ {hidden.above.join(', ')} above
        </button>
      )}
      {/* A live region without the status role: the page's status messages stay the one status. */}
      <span class="sr-only chart-said" aria-live="polite">
        {said.again ? `${said.text}\u00a0` : said.text}
      </span>
      <div class="lanes-body" ref={bodyRef}>
        {shown.map((lane, i) => (
          <LaneRow
            key={lane.id}
            lane={lane}
            layout={layouts[i]!}
            viewFrom={from}
            viewTo={to}
            cursorT={cursorT}
            selectedSeq={selectedSeq}
            joinedSeq={joinedSeq}
            timeZone={timeZone}
            barPx={compact ? COMPACT_BAR_PX : BAR_PX}
            onSelect={onSelect}
            onZoom={onZoom}
          />
        ))}
        {(legend.length > 0 || packed || folded.length > 0) && (
          <ul class="request-legend" aria-label="Key of the bars" data-lane="key">
            {legend.map((outcome) => (
              <li key={outcome} title={`${OUTCOME[outcome].label}: ${OUTCOME[outcome].bar}`}>
                <span class={`legend-swatch outcome-${outcome}`} aria-hidden="true" />
                {OUTCOME[outcome].mark} {OUTCOME[outcome].label}
              </li>
            ))}
            {packed && (
              <li
                class="legend-packed"
                title="Bars too close together to draw one by one at this width: one outlined bar holds them (its name says how many and which; it shows each colour its bars are drawn in as a band as long as they last and as high as its share of their time (at least 1 px), the one ending last behind and the others over its top part, so kinds of one colour (Idle/Lunch, Idle/Break) are one band; a request cluster takes its worst outcome). Activate it, or zoom with the wheel, to see each; bars that start at the same moment stay together (each is a row of the timeline)."
              >
                <span class="legend-swatch seg-cluster" aria-hidden="true" />
                many bars: activate to zoom in
              </li>
            )}
            {folded.length > 0 && (
              <li class="legend-folded" title="Lanes with nothing on them, folded while the chart is short of room">
                no {folded.join(', ')}
              </li>
            )}
          </ul>
        )}
        <div class="lane lane-axis" data-lane="time axis">
          {/* Beside the axis it resets, in the name column it leaves empty: over the lanes it covered a bar. */}
          <span class="lane-name">
            {view && (
              <button type="button" class="link zoom-reset" onClick={() => changeView(null)} title={wholeTitle}>
                reset zoom
              </button>
            )}
          </span>
          <div class="axis" ref={axis}>
            {ticks.map((t, i) => (
              <span key={i} style={{ left: `${(i / (tickCount - 1)) * 100}%` }}>
                {formatTime(t, timeZone)}
              </span>
            ))}
          </div>
        </div>
      </div>
      {overflow &&
        (hidden.below.length > 0 ? (
          <button
            type="button"
            class="lanes-more below"
            onClick={() => reveal(1)}
            title="Scroll the chart down (or drag the splitter under it to give it more room)"
          >
            ▾ {hidden.below.join(', ')} below
          </button>
        ) : (
          <div class="lanes-more below" aria-hidden="true" />
        ))}
    </div>
  );
}
