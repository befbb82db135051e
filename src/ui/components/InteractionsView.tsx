import { useState } from 'preact/hooks';
import type { PanelStore } from '../panel-store';
import type { InteractionSort } from '../store/view-state';
import { shortId } from '../format';
import { stateWords } from '../words';
import { AgentEntry } from './AgentEntry';
import { AgentEventDetails } from './AgentEventDetails';
import { Badges } from './Badges';
import { CaptureHint, SilenceNotice } from './CaptureHint';
import { Details } from './Details';
import { InteractionsList } from './InteractionsList';
import { LaneChart } from './LaneChart';
import { RequestDetails } from './RequestDetails';
import { Splitter } from './Splitter';
import { Timeline } from './Timeline';
import { useAfterFirstPaint } from './use-after-first-paint';
import { SHORT_BELOW_PX, STACK_BELOW_PX, useSize } from './use-size';

const SORTS: { id: InteractionSort; label: string }[] = [
  { id: 'newest', label: 'Newest first' },
  { id: 'oldest', label: 'Oldest first' },
  { id: 'anomalies', label: 'Most anomalies' },
  { id: 'customer', label: 'Customer' },
];

/** Sort and filter the list; says how many interactions the filters hide. */
function ListControls({ store }: { store: PanelStore }) {
  const { view, select } = store;
  const hidden = select.hiddenInteractions.value;
  const media = select.mediaTypes.value;
  return (
    <fieldset class="list-controls" aria-label="Sort and filter interactions">
      <select
        aria-label="Sort interactions"
        value={view.interactionSort.value}
        onChange={(e) => (view.interactionSort.value = (e.target as HTMLSelectElement).value as InteractionSort)}
      >
        {SORTS.map((s) => (
          <option key={s.id} value={s.id}>
            {s.label}
          </option>
        ))}
      </select>
      <select
        aria-label="Media type"
        value={view.mediaType.value}
        onChange={(e) => (view.mediaType.value = (e.target as HTMLSelectElement).value)}
      >
        <option value="">All media</option>
        {media.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
      <label class="check" title="Hide interactions that have ended">
        <input
          type="checkbox"
          checked={view.onlyActive.value}
          onChange={(e) => (view.onlyActive.value = (e.target as HTMLInputElement).checked)}
        />
        active
      </label>
      <label class="check" title="Only interactions with anomalies">
        <input
          type="checkbox"
          checked={view.onlyWithAnomalies.value}
          onChange={(e) => (view.onlyWithAnomalies.value = (e.target as HTMLInputElement).checked)}
        />
        anomalies
      </label>
      {hidden > 0 && (
        <output class="hidden-count" aria-live="polite">
          {hidden} hidden
        </output>
      )}
    </fieldset>
  );
}

/** The list, connected: redraws when its rows, the selection or the clock change. */
function ListPane({ store }: { store: PanelStore }) {
  const { select, view } = store;
  const rows = select.rows.value;
  const agent = select.agentEntry.value;
  const showsAgent = select.showsAgent.value;
  return (
    <>
      <ListControls store={store} />
      {agent && <AgentEntry entry={agent} selected={showsAgent} onSelect={() => view.selectAgent()} />}
      {rows.length ? (
        <InteractionsList
          rows={rows}
          selectedId={showsAgent ? undefined : select.selectedInteractionId.value}
          now={store.now.value}
          onSelect={(id) => view.select(id)}
          arrangement={`${view.interactionSort.value} ${view.onlyActive.value} ${view.onlyWithAnomalies.value} ${view.mediaType.value}`}
        />
      ) : agent && !select.allRows.value.length ? null : (
        <p class="list-empty" role="status">
          No interaction matches these filters.
        </p>
      )}
    </>
  );
}

/** Folds the lane chart away or brings it back. */
function LanesToggle({ store }: { store: PanelStore }) {
  const collapsed = store.view.lanesCollapsed.value;
  return (
    <button
      type="button"
      class="lanes-toggle"
      aria-expanded={!collapsed}
      aria-controls="lane-chart"
      onClick={() => (store.view.lanesCollapsed.value = !collapsed)}
      title={collapsed ? 'Show the lane chart' : 'Fold the lane chart away'}
    >
      {collapsed ? '▸' : '▾'} Lanes
    </button>
  );
}

/** The Agent entry's header: the agent, its latest state, its requests. */
function AgentHead({ store }: { store: PanelStore }) {
  const entry = store.select.agentEntry.value;
  if (!entry) return null;
  return (
    <header class="interaction-head agent-head">
      <span class="customer">Agent</span>
      <span class="agent-span">the whole capture</span>
      {entry.state && (
        <span class="state" title={entry.state}>
          {entry.state}
        </span>
      )}
      <span class="agent-requests">
        {entry.requests} request{entry.requests === 1 ? '' : 's'}
        {entry.problems > 0 ? `, ${entry.problems} failed` : ''}
      </span>
      <LanesToggle store={store} />
      <span class="interaction-id" title={entry.agentId ?? 'agent id not seen yet'}>
        {entry.agentId ?? ''}
      </span>
    </header>
  );
}

function Head({ store }: { store: PanelStore }) {
  if (store.select.showsAgent.value) return <AgentHead store={store} />;
  const timeline = store.select.selectedTimeline.value;
  const row = store.select.selectedRow.value;
  const merge = store.select.selectedMerge.value;
  if (!timeline || !row) return null;
  const state = stateWords(row.flags, row.merged);
  return (
    <header class="interaction-head">
      {/* A customer or media type too long for a side-docked header ends with "…": the tooltip has it whole. */}
      <span class="customer" title={row.customer ?? 'unknown customer'}>
        {row.customer ?? 'unknown customer'}
      </span>
      <span class="media" title={row.mediaType ?? ''}>
        {row.mediaType ?? ''}
      </span>
      {state && <span class="state">{state}</span>}
      {merge ? (
        // Over as its own interaction: where it went, a click away, instead of live badges.
        <button
          type="button"
          class="link merged-into"
          onClick={() => store.view.select(merge.into, merge.seq)}
          title={`Merged into ${merge.into} by ContactMerged #${merge.seq}: show it there`}
        >
          Merged into {shortId(merge.into)}
        </button>
      ) : (
        <Badges flags={row.flags} now={store.now.value} mediaType={row.mediaType} />
      )}
      <LanesToggle store={store} />
      <span class="interaction-id" title={[timeline.interactionId, ...timeline.relatedIds].join('\n')}>
        {timeline.interactionId}
        {timeline.relatedIds.size > 0 ? ` (+${timeline.relatedIds.size} linked)` : ''}
      </span>
    </header>
  );
}

/**
 * The lane chart's pane, and the splitter under it. Its height: the chart's own (up to half the
 * column, at least the remembered size) until the splitter is moved, then the remembered size.
 */
function LanesPane({ store, columnHeight }: { store: PanelStore; columnHeight: number }) {
  const { select, view } = store;
  const [natural, setNatural] = useState(0);
  const [{ height }, pane] = useSize();
  const painted = useAfterFirstPaint();
  const timeline = select.selectedTimeline.value;
  const agent = select.showsAgent.value;
  if (!timeline && !agent) return null;
  const collapsed = view.lanesCollapsed.value;
  const size = view.sizes.value.lanes;
  // The .lanes padding (2 px above and below) around the chart's natural height.
  const fit = view.lanesFit.value && natural > 0;
  const style = collapsed
    ? undefined
    : fit
      ? { flex: `0 1 ${natural + 4}px`, maxHeight: `max(${size}px, 50%)` }
      : { flexBasis: `${size}px` };
  return (
    <>
      <section
        id="lane-chart"
        ref={pane}
        class={`lanes-pane${collapsed ? ' collapsed' : ''}`}
        aria-label="Lane chart"
        style={style}
      >
        {!collapsed && painted && (
          <LaneChart
            // A new chart (its zoom reset) per interaction, and for the agent's.
            key={agent ? 'agent' : timeline?.interactionId}
            lanes={select.chartLanes.value}
            start={select.chartStart.value}
            cursorT={select.selectedRowT.value}
            wholeTitle={agent ? 'Show the whole capture' : 'Show the whole interaction'}
            requestLanes={select.requestLanes.value}
            end={select.chartEnd.value}
            endedAt={select.endedAt.value}
            selectedSeq={select.selectedRowSeq.value}
            joinedSeq={select.joinedRowSeq.value}
            timeZone={view.timeZone.value}
            onSelect={store.selectRow}
            onNaturalHeight={setNatural}
            // What the pane gives the chart at most: the chart goes compact beyond it.
            room={view.lanesFit.value ? Math.max(size, columnHeight / 2) : size}
          />
        )}
      </section>
      {!collapsed && (
        <Splitter
          label="Resize the lane chart (Enter: fit the chart)"
          orientation="horizontal"
          size={fit ? height : size}
          min={40}
          max={400}
          direction={1}
          onResize={(px) => {
            view.lanesFit.value = false;
            view.resize('lanes', px);
          }}
          onReset={() => (view.lanesFit.value = true)}
        />
      )}
    </>
  );
}

function TimelinePane({ store }: { store: PanelStore }) {
  const { select, view } = store;
  return (
    <Timeline
      events={select.timelineRows.value}
      start={select.chartStart.value}
      anomaliesBySeq={select.anomaliesBySeq.value}
      selectedSeq={select.selectedRowSeq.value}
      joinedSeq={select.joinedRowSeq.value}
      unsolicited={select.unsolicitedSeqs.value}
      timeZone={view.timeZone.value}
      onSelect={store.selectRow}
    />
  );
}

function DetailsPane({ store, style }: { store: PanelStore; style: Record<string, string> }) {
  const { select, view } = store;
  const painted = useAfterFirstPaint();
  // Its place is kept (the timeline does not grow into it for a frame), empty until then.
  if (!painted) return <section class="details" aria-label="Event details" aria-busy="true" style={style} />;
  const request = select.requestDetail.value;
  if (request)
    return (
      <RequestDetails
        style={style}
        request={request.request}
        body={request.body}
        lateResultType={request.lateResultType}
        onSelectSeq={(seq) => store.goToSeq(seq)}
        onShowFrame={() => store.showFrame(request.request.seq)}
      />
    );
  const note = select.resultNote.value;
  if (select.showsAgent.value) {
    const agentDetail = select.agentEventDetail.value;
    if ('none' in agentDetail) return null;
    return (
      <AgentEventDetails
        style={style}
        detail={agentDetail}
        json={select.agentEventJson.value}
        note={'none' in note ? undefined : note}
        onSelectSeq={(seq) => store.goToSeq(seq)}
        onShowFrame={() => store.showFrame(agentDetail.row.seq)}
        timeZone={view.timeZone.value}
      />
    );
  }
  const detail = select.eventDetail.value;
  if ('none' in detail) return null;
  return (
    <Details
      note={'none' in note ? undefined : note}
      onSelectSeq={(seq) => store.goToSeq(seq)}
      mergeNote={select.mergeNote.value}
      onShowInteraction={(id) => view.select(id)}
      style={style}
      detail={detail}
      tab={view.detailsTab.value}
      diff={select.diff.value}
      findings={select.findings.value}
      rawText={select.rawText.value}
      onTab={(tab) => (view.detailsTab.value = tab)}
      onCompare={(seq) => {
        view.compareSeq.value = seq;
        view.detailsTab.value = 'diff';
      }}
      onShowFrame={() => store.showFrame(detail.event.seq)}
    />
  );
}

/**
 * The Interactions tab: the list, and the selected interaction's lanes, timeline and details.
 * Side by side when the panel is wide, stacked below 700 px (DevTools docked at the side); when it
 * is short (docked at the bottom) the details sit beside the timeline so both stay readable.
 */
export function InteractionsView({ store }: { store: PanelStore }) {
  const [{ width, height }, ref] = useSize();
  const [{ height: columnHeight }, column] = useSize();
  const { view, select } = store;
  const sizes = view.sizes.value;
  const hasTimeline = select.selectedTimeline.value !== undefined || select.showsAgent.value;
  const hint = select.captureHint.value;
  const silence = select.silence.value;
  if (!hasTimeline) {
    // The no-socket notice is one line across the top: what the tab is for stays said under it.
    return (
      <>
        {silence && <SilenceNotice silence={silence} details={view.silenceDetails} />}
        {hint ? (
          <CaptureHint kind={hint} file={store.fileName.value} />
        ) : (
          <div class="empty" role="status">
            <p>
              <strong>No interaction yet.</strong>
            </p>
            <p>
              Calls, chats and e-mails appear here as soon as the desktop receives their first event. The Frames tab
              shows everything the page's sockets and workers carried so far.
            </p>
          </div>
        )}
      </>
    );
  }
  const stacked = width < STACK_BELOW_PX;
  const sidebar = stacked
    ? Math.min(sizes.sidebar, Math.max(72, height * 0.2))
    : Math.min(sizes.sidebar, Math.max(160, width * 0.45));
  const mainWidth = stacked ? width : width - sidebar;
  // Beside only when the timeline keeps room for its columns next to the details.
  const beside = !stacked && height < SHORT_BELOW_PX && mainWidth >= 880;
  const detailsSize = beside ? Math.min(sizes.detailsBeside, mainWidth * 0.6) : sizes.details;
  return (
    <div ref={ref} class={`interactions-view ${stacked ? 'stacked' : 'side-by-side'}${beside ? ' beside' : ''}`}>
      <aside
        class="sidebar"
        aria-label="Interactions list"
        style={stacked ? { height: `${sidebar}px` } : { width: `${sidebar}px` }}
      >
        <ListPane store={store} />
      </aside>
      <Splitter
        label="Resize the interactions list"
        orientation={stacked ? 'horizontal' : 'vertical'}
        size={sidebar}
        min={stacked ? 60 : 160}
        max={stacked ? Math.max(80, height * 0.6) : Math.max(200, width * 0.6)}
        direction={1}
        onResize={(px) => view.resize('sidebar', px)}
      />
      <div class="interaction-detail">
        <Head store={store} />
        <div class={`main-split ${beside ? 'row' : 'column'}`}>
          <div class="timeline-column" ref={column}>
            <LanesPane store={store} columnHeight={columnHeight} />
            <TimelinePane store={store} />
          </div>
          <Splitter
            label="Resize the details"
            orientation={beside ? 'vertical' : 'horizontal'}
            size={detailsSize}
            min={beside ? 240 : 100}
            max={beside ? Math.max(260, mainWidth - 200) : 1200}
            direction={-1}
            onResize={(px) => view.resize(beside ? 'detailsBeside' : 'details', px)}
          />
          <DetailsPane
            store={store}
            style={beside ? { width: `${detailsSize}px` } : { flexBasis: `${detailsSize}px` }}
          />
        </div>
      </div>
    </div>
  );
}
