import type { PanelStore } from '../panel-store';
import { Badges } from './Badges';
import { CaptureHint } from './CaptureHint';
import { Details } from './Details';
import { InteractionsList } from './InteractionsList';
import { LaneChart } from './LaneChart';
import { Timeline } from './Timeline';

/** The list, connected: redraws when its rows, the selection or the clock change. */
function ListPane({ store }: { store: PanelStore }) {
  const { select, view } = store;
  return (
    <InteractionsList
      rows={select.rows.value}
      selectedId={select.selectedInteractionId.value}
      now={store.now.value}
      onSelect={(id) => view.select(id)}
    />
  );
}

function Head({ store }: { store: PanelStore }) {
  const timeline = store.select.selectedTimeline.value;
  const row = store.select.rows.value.find((r) => r.interactionId === timeline?.interactionId);
  if (!timeline || !row) return null;
  return (
    <header class="interaction-head">
      <span class="customer">{row.customer ?? 'unknown customer'}</span>
      <span class="media">{row.mediaType ?? ''}</span>
      <span class="state">{row.flags.state ?? ''}</span>
      <Badges flags={row.flags} now={store.now.value} />
      <span class="interaction-id" title={[timeline.interactionId, ...timeline.relatedIds].join('\n')}>
        {timeline.interactionId}
        {timeline.relatedIds.size > 0 ? ` (+${timeline.relatedIds.size} linked)` : ''}
      </span>
    </header>
  );
}

function LanesPane({ store }: { store: PanelStore }) {
  const { select, view } = store;
  const timeline = select.selectedTimeline.value;
  if (!timeline) return null;
  return (
    <LaneChart
      timeline={timeline}
      eventCount={select.selectedEventCount.value}
      agentStates={select.agentStates.value}
      end={select.chartEnd.value}
      selectedSeq={select.selectedEventSeq.value}
      onSelect={(seq) => (view.selectedSeq.value = seq)}
    />
  );
}

function TimelinePane({ store }: { store: PanelStore }) {
  const { select, view } = store;
  const timeline = select.selectedTimeline.value;
  return (
    <Timeline
      events={select.visibleEvents.value}
      start={timeline?.events[0]?.t ?? 0}
      anomaliesBySeq={select.anomaliesBySeq.value}
      selectedSeq={select.selectedEventSeq.value}
      onSelect={(seq) => (view.selectedSeq.value = seq)}
    />
  );
}

function DetailsPane({ store }: { store: PanelStore }) {
  const { select, view } = store;
  const detail = select.eventDetail.value;
  if ('none' in detail) return null;
  return (
    <Details
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
    />
  );
}

/** The Interactions tab: the list, and the selected interaction's lanes, timeline and details. */
export function InteractionsView({ store }: { store: PanelStore }) {
  const hasTimeline = store.select.selectedTimeline.value !== undefined;
  const hint = store.select.captureHint.value;
  if (!hasTimeline) {
    if (hint) return <CaptureHint kind={hint} />;
    return (
      <div class="empty" role="status">
        <p>
          <strong>No interaction yet.</strong>
        </p>
        <p>
          Calls, chats and e-mails appear here as soon as the desktop receives their first event. The Frames tab shows
          everything the socket carried so far.
        </p>
      </div>
    );
  }
  return (
    <div class="interactions-view">
      <aside class="sidebar">
        <ListPane store={store} />
      </aside>
      <div class="interaction-detail">
        <Head store={store} />
        <LanesPane store={store} />
        <TimelinePane store={store} />
        <DetailsPane store={store} />
      </div>
    </div>
  );
}
