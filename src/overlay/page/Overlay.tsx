import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDuration } from '../../ui/format';
import { keptInView, moveByKey, type Room } from './overlay-move';
import { overlayBadges } from '../shared/badges';
import { copySummary } from '../shared/copy-summary';
import type { OverlayInteraction, OverlaySummary } from '../shared/summary';

/** Where the box sits: its distance from the viewport's right and bottom edges (px), and whether it is open. */
export interface OverlayLayout {
  right: number;
  bottom: number;
  collapsed: boolean;
}

export const DEFAULT_LAYOUT: OverlayLayout = { right: 16, bottom: 16, collapsed: true };

interface Props {
  summary: OverlaySummary;
  layout: OverlayLayout;
  onLayout(layout: OverlayLayout): void;
  /** Puts text on the clipboard; resolves whether it worked. */
  copy(text: string): Promise<boolean>;
  now?: () => number;
}

/** "4 s ago", "2:05 ago". */
const ago = (ms: number): string =>
  ms < 60_000 ? `${Math.max(0, Math.floor(ms / 1000))} s ago` : `${formatDuration(ms)} ago`;

const SEVERITY_MARK = { error: '✖', warn: '▲', info: '●' } as const;
const DRAG_SLOP_PX = 4;

/** The viewport and the overlay's box around `el`, for moving it. */
function roomOf(el: Element): Room {
  const box = el.closest('.overlay')!.getBoundingClientRect();
  return { viewportWidth: innerWidth, viewportHeight: innerHeight, boxWidth: box.width, boxHeight: box.height };
}

/** What the hint under a drag handle tells a screen reader (aria-describedby). */
const MOVE_HINT_ID = 'wxcc-move-hint';

function useNow(now: () => number): number {
  const [time, setTime] = useState(now());
  useEffect(() => {
    const id = setInterval(() => setTime(now()), 1000);
    return () => clearInterval(id);
  }, [now]);
  return time;
}

/** Drags the box by its head (or the whole pill); a press that does not move is a click. */
function useDrag(layout: OverlayLayout, onLayout: (l: OverlayLayout) => void, onClick?: () => void) {
  const start = useRef<{ x: number; y: number; right: number; bottom: number; moved: boolean } | null>(null);
  const [dragging, setDragging] = useState(false);
  return {
    dragging,
    onPointerDown(event: PointerEvent) {
      if (event.button !== 0 || (event.target as Element).closest('button:not(.drag)')) return;
      start.current = { x: event.clientX, y: event.clientY, right: layout.right, bottom: layout.bottom, moved: false };
      (event.currentTarget as Element).setPointerCapture(event.pointerId);
    },
    onPointerMove(event: PointerEvent) {
      const s = start.current;
      if (!s) return;
      const dx = event.clientX - s.x;
      const dy = event.clientY - s.y;
      if (!s.moved && Math.hypot(dx, dy) < DRAG_SLOP_PX) return;
      s.moved = true;
      setDragging(true);
      onLayout({
        ...layout,
        ...keptInView({ right: s.right - dx, bottom: s.bottom - dy }, roomOf(event.currentTarget as Element)),
      });
    },
    onPointerUp() {
      const s = start.current;
      start.current = null;
      setDragging(false);
      if (s && !s.moved) onClick?.();
    },
  };
}

/**
 * The keyboard's way to drag: the arrow keys on the focused handle (the pill, or the open box's
 * Move button) move the box a step, Shift+arrow farther, kept inside the viewport; `said` is what
 * the live region tells a screen reader (the new place, or the edge it is already at).
 */
function useKeyMove(layout: OverlayLayout, onLayout: (l: OverlayLayout) => void) {
  const [said, setSaid] = useState('');
  return {
    said,
    onKeyDown(event: KeyboardEvent): boolean {
      if (event.altKey || event.ctrlKey || event.metaKey) return false;
      const move = moveByKey(layout, event.key, event.shiftKey, roomOf(event.currentTarget as Element));
      if (!move) return false;
      // The page must not scroll under it.
      event.preventDefault();
      onLayout({ ...layout, ...move.place });
      // Said twice running, it changes by a no-break space so a screen reader says it again.
      setSaid((before) => (before === move.said ? `${move.said}\u00a0` : move.said));
      return true;
    },
  };
}

function Badges({ interaction, now }: { interaction: OverlayInteraction; now: number }) {
  return (
    <span class="badges">
      {overlayBadges(interaction, now).map((b) => (
        <span key={b.kind + b.title} class={`badge badge-${b.kind}`} title={b.title}>
          {b.text}
        </span>
      ))}
    </span>
  );
}

function Row(props: {
  interaction: OverlayInteraction;
  selected: boolean;
  unmasked: boolean;
  now: number;
  onSelect(): void;
  onUnmask(): void;
}) {
  const { interaction: i, now } = props;
  return (
    // A click anywhere on the row picks it; the keyboard's way is the row's first button (a row
    // holding the customer's button cannot itself be one).
    // biome-ignore lint/a11y/useKeyWithClickEvents: the pick button beside it takes Enter and Space
    // biome-ignore lint/a11y/noStaticElementInteractions: ditto
    <div class={`interaction${props.selected ? ' selected' : ''}`} onClick={props.onSelect}>
      <span class="line">
        <button
          type="button"
          class="pick"
          aria-pressed={props.selected}
          aria-label={`${i.mediaType}, ${i.state}`}
          title="Show its last events below"
          onClick={(event) => {
            event.stopPropagation();
            props.onSelect();
          }}
        >
          <span class="media">{i.mediaType}</span>
        </button>
        {i.customer && (
          <button
            type="button"
            class="customer"
            title={props.unmasked ? 'Mask the customer' : 'Show the customer (masked by default)'}
            onClick={(event) => {
              event.stopPropagation();
              props.onUnmask();
            }}
          >
            {props.unmasked ? i.customer.full : i.customer.masked}
          </button>
        )}
        <span class="state">{i.state}</span>
      </span>
      <Badges interaction={i} now={now} />
    </div>
  );
}

function MiniTimeline({ interaction }: { interaction: OverlayInteraction }) {
  const first = interaction.events[0];
  if (!first) return null;
  const title = interaction.events
    .map((e) => `${new Date(e.t).toISOString().slice(11, 23)} #${e.seq} ${e.name} (${e.category})`)
    .join('\n');
  return (
    <div class="section mini-timeline" title={title}>
      {interaction.events.map((e, n) => (
        <span key={e.seq} class={`ev cat-${e.category}`}>
          {n ? '› ' : ''}
          {e.name} +{formatDuration(e.t - first.t)}
        </span>
      ))}
    </div>
  );
}

/**
 * The in-page overlay: collapsed, a pill with the most important state; open, the active
 * interactions with their badges, the socket's health, the newest anomaly and a mini timeline of
 * the selected interaction. Renders only what the summary says; holds no protocol logic.
 */
export function Overlay({ summary, layout, onLayout, copy, now: clock = Date.now }: Props) {
  const now = useNow(clock);
  const [selectedId, setSelectedId] = useState<string | undefined>(undefined);
  const [unmasked, setUnmasked] = useState<ReadonlySet<string>>(new Set());
  const [copied, setCopied] = useState<string>('');
  const toggle = () => onLayout({ ...layout, collapsed: !layout.collapsed });
  const drag = useDrag(layout, onLayout, layout.collapsed ? toggle : undefined);
  const keys = useKeyMove(layout, onLayout);
  // One polite live region, the same element whichever form the box has (each form is the first
  // child, the region the second): where a key moved it.
  const moved = (
    <>
      <span id={MOVE_HINT_ID} class="sr-only">
        Arrow keys move it; Shift+arrow moves it farther.
      </span>
      <span class="sr-only moved" role="status">
        {keys.said}
      </span>
    </>
  );
  // Opened or collapsed from the keyboard, the focus follows to the other form's button; a click
  // leaves the page's focus where it was (the host keeps a press from taking it).
  const focusAfter = useRef<'pill' | 'collapse' | undefined>(undefined);
  const pill = useRef<HTMLDivElement>(null);
  const collapse = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const target =
      focusAfter.current === 'pill' ? pill.current : focusAfter.current === 'collapse' ? collapse.current : null;
    focusAfter.current = undefined;
    target?.focus();
  }, [layout.collapsed]);
  const list = summary.interactions;
  const selected = list.find((i) => i.id === selectedId) ?? list[0];
  const socket = summary.socket;
  // A position saved in a larger window is pulled back into this one (at least 48 px stay visible).
  const right = Math.max(0, Math.min(layout.right, innerWidth - 48));
  const bottom = Math.max(0, Math.min(layout.bottom, innerHeight - 24));
  const style = { right: `${right}px`, bottom: `${bottom}px` };
  const dot = (
    <span
      class={`dot ${socket.state}`}
      role="img"
      aria-label={`Socket ${socket.state}`}
      title={`Socket ${socket.state}`}
    />
  );

  if (layout.collapsed) {
    const badges = selected ? overlayBadges(selected, now).slice(0, 3) : [];
    return (
      <>
        {/* A native button would also click at the end of a drag; this one opens only on a press that did not move. */}
        {/* biome-ignore lint/a11y/useSemanticElements: see above */}
        <div
          ref={pill}
          class={`overlay collapsed${drag.dragging ? ' dragging' : ''}`}
          style={style}
          role="button"
          tabIndex={0}
          aria-expanded={false}
          title="WxCC Inspector: click to open, drag (or arrow keys) to move"
          aria-describedby={MOVE_HINT_ID}
          onPointerDown={drag.onPointerDown}
          onPointerMove={drag.onPointerMove}
          onPointerUp={drag.onPointerUp}
          onKeyDown={(event) => {
            if (keys.onKeyDown(event)) return;
            if (event.key !== 'Enter' && event.key !== ' ') return;
            event.preventDefault();
            focusAfter.current = 'collapse';
            toggle();
          }}
        >
          {dot}
          <span class="pill-text">WxCC</span>
          {list.length > 1 && (
            <span class="count">
              {list.length}
              <span class="sr-only"> active interactions</span>
            </span>
          )}
          {selected ? (
            badges.map((b) => (
              <span key={b.kind + b.title} class={`badge badge-${b.kind}`}>
                {b.text}
              </span>
            ))
          ) : (
            <span class="state">no active interaction</span>
          )}
        </div>
        {moved}
      </>
    );
  }

  const anomaly = summary.anomaly;
  const onCopy = async () => {
    const ok = await copy(copySummary(summary, selected, clock()));
    setCopied(ok ? 'Copied (masked)' : 'Copy failed');
    setTimeout(() => setCopied(''), 2000);
  };
  const box = (
    <section
      class={`overlay open${drag.dragging ? ' dragging' : ''}`}
      style={style}
      aria-label="WxCC Inspector"
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        focusAfter.current = 'pill';
        toggle();
      }}
    >
      <div
        class="head"
        onPointerDown={drag.onPointerDown}
        onPointerMove={drag.onPointerMove}
        onPointerUp={drag.onPointerUp}
      >
        <button
          type="button"
          class="drag"
          aria-label="Move the overlay"
          aria-describedby={MOVE_HINT_ID}
          title="Move: drag, or arrow keys (Shift: farther)"
          onKeyDown={keys.onKeyDown}
        >
          ⠿
        </button>
        {dot}
        <span class="title">WxCC Inspector</span>
        {summary.agentState && <span class="agent-state">{summary.agentState}</span>}
        <button
          ref={collapse}
          type="button"
          class="collapse"
          aria-label="Collapse to a pill"
          aria-expanded={true}
          title="Collapse to a pill (Esc)"
          onClick={(event) => {
            // A press with the keyboard (no pointer: detail 0) keeps the focus on the overlay.
            if (event.detail === 0) focusAfter.current = 'pill';
            toggle();
          }}
        >
          ▾
        </button>
      </div>
      <div class="body">
        {list.length === 0 && <div class="empty">No active interaction</div>}
        {list.map((i) => (
          <Row
            key={i.id}
            interaction={i}
            selected={i === selected}
            unmasked={unmasked.has(i.id)}
            now={now}
            onSelect={() => setSelectedId(i.id)}
            onUnmask={() => {
              const next = new Set(unmasked);
              if (!next.delete(i.id)) next.add(i.id);
              setUnmasked(next);
            }}
          />
        ))}
      </div>
      {selected && <MiniTimeline interaction={selected} />}
      <div class="section socket">
        Socket {socket.state}
        {socket.lastFrameT !== undefined && ` · last frame ${ago(now - socket.lastFrameT)}`}
        {` · ${socket.reconnects} reconnect${socket.reconnects === 1 ? '' : 's'}`}
        {socket.closeCode !== undefined && socket.state !== 'connected' && ` · closed ${socket.closeCode}`}
      </div>
      <div class="section anomaly" title={anomaly?.message}>
        {anomaly ? (
          <>
            <span class={`sev-${anomaly.severity}`}>{SEVERITY_MARK[anomaly.severity]}</span> {anomaly.rule}
            {anomaly.count > 1 && ` ×${anomaly.count}`} · #{anomaly.seq} · {anomaly.total} in the session
          </>
        ) : (
          'No anomalies'
        )}
      </div>
      <div class="foot">
        {/* Always there, so a screen reader hears "Copied (masked)" when it appears. */}
        <span class="copied" role="status">
          {copied}
        </span>
        <button type="button" class="copy" onClick={() => void onCopy()}>
          Copy summary
        </button>
      </div>
    </section>
  );
  return (
    <>
      {box}
      {moved}
    </>
  );
}
