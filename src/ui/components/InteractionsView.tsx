import { customerOf, type Anomaly } from '../../model';
import { compileQuery, eventMatches } from '../search';
import type { PanelStore } from '../panel-store';
import { Badges } from './Badges';
import { CaptureHint } from './CaptureHint';
import { Details } from './Details';
import { InteractionsList } from './InteractionsList';
import { LaneChart } from './LaneChart';
import { Timeline } from './Timeline';

/** The events of the selected interaction that pass the search and filters (also used by the keyboard). */
export function visibleEvents(store: PanelStore) {
  const timeline = store.selected();
  if (!timeline) return [];
  const anomalySeqs = new Set<number>();
  for (const a of store.session.anomaliesOf(timeline.interactionId)) anomalySeqs.add(a.seq);
  const { match } = compileQuery(store.query.value);
  const filter = {
    query: store.query.value,
    category: store.category.value,
    path: store.pathFilter.value,
    onlyAnomalies: store.onlyAnomalies.value,
    anomalySeqs,
  };
  return timeline.events.filter((e) => eventMatches(e, filter, match));
}

export function InteractionsView({ store }: { store: PanelStore }) {
  store.version.value;
  const timeline = store.selected();
  if (!timeline) {
    if (store.log.counters.socketFrames === 0) return <CaptureHint store={store} />;
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
  const events = visibleEvents(store);
  const anomaliesBySeq = new Map<number, Anomaly[]>();
  for (const a of store.session.anomaliesOf(timeline.interactionId)) {
    const list = anomaliesBySeq.get(a.seq) ?? [];
    list.push(a);
    anomaliesBySeq.set(a.seq, list);
  }
  const selected =
    timeline.events.find((e) => e.seq === store.selectedSeq.value) ?? events.at(-1) ?? timeline.events.at(-1)!;
  const live = !timeline.flags.ended;
  const end = live ? Math.max(store.now.value, timeline.events.at(-1)!.t) : timeline.events.at(-1)!.t;
  return (
    <div class="interactions-view">
      <aside class="sidebar">
        <InteractionsList store={store} />
      </aside>
      <div class="interaction-detail">
        <header class="interaction-head">
          <span class="customer">{customerOf(timeline.snapshot) ?? 'unknown customer'}</span>
          <span class="media">{timeline.mediaType ?? ''}</span>
          <span class="state">{timeline.flags.state ?? ''}</span>
          <Badges flags={timeline.flags} now={store.now.value} />
          <span class="interaction-id" title={[timeline.interactionId, ...timeline.relatedIds].join('\n')}>
            {timeline.interactionId}
            {timeline.relatedIds.size > 0 ? ` (+${timeline.relatedIds.size} linked)` : ''}
          </span>
        </header>
        <LaneChart
          timeline={timeline}
          agentStates={store.session.agent.states}
          end={end}
          selectedSeq={selected.seq}
          version={store.version.value}
          onSelect={(seq) => (store.selectedSeq.value = seq)}
        />
        <Timeline store={store} events={events} start={timeline.events[0]!.t} anomaliesBySeq={anomaliesBySeq} />
        <Details store={store} timeline={timeline} event={selected} />
      </div>
    </div>
  );
}
