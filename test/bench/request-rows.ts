/**
 * Requests in the panel's timeline (issue 12), in Node on the panel store: one long call with
 * `PAIRS` hold/unhold pairs (a request, its 202 and its result each), so the timeline has as many
 * request rows as event rows. Measured side by side in the same run, medians of repeated runs:
 * - a filter change (the search box) recomputes the events alone (`visibleEvents`) and the events
 *   with their requests joined in (`timelineRows`);
 * - a repaint in which no request changed (a keepalive came in): `timelineRows` must keep its
 *   array, so the timeline does not redraw.
 */
import type { Frame } from '../../src/frame/frame';
import { PanelStore } from '../../src/ui/panel-store';
import { ManualScheduler } from '../unit/ui/manual-scheduler';
import { Flow, ID } from '../unit/model/flow';
import { fmt, median, time } from './stats';

const PAIRS = Number(process.env.BENCH_REQUEST_PAIRS ?? 2_000);
const RUNS = 15;

export interface RequestRowsResult {
  events: number;
  requests: number;
  /** ms to recompute after a search change: events only, and events with their requests joined (both parts). */
  visibleEventsMs: number;
  timelineRowsMs: number;
  ratio: number;
  /** After a keepalive-only repaint: the rows kept their identity (no timeline redraw). */
  keptOnIdleRepaint: boolean;
}

function frames(): Frame[] {
  const held = (on: boolean) => (s: Record<string, any>) => (s['media'][ID]['isHold'] = on); // eslint-disable-line @typescript-eslint/no-explicit-any
  const flow = new Flow().event('AgentContactReserved').event('AgentContactAssigned');
  for (let i = 0; i < PAIRS; i++) {
    flow
      .request(`http-${2 * i + 1}`, 'POST', `/v1/tasks/${ID}/hold`)
      .response(`http-${2 * i + 1}`, 202, { after: 50 })
      .event('AgentContactHeld', { edit: held(true), after: 300 })
      .request(`http-${2 * i + 2}`, 'POST', `/v1/tasks/${ID}/unhold`)
      .response(`http-${2 * i + 2}`, 202, { after: 50 })
      .event('AgentContactUnheld', { edit: held(false), after: 300 });
  }
  return flow.frames;
}

export function benchRequestRows(): RequestRowsResult {
  const all = frames();
  const scheduler = new ManualScheduler();
  const store = new PanelStore(scheduler);
  store.events.frames(all);
  scheduler.drain();
  const { select, view } = store;
  const rows = select.timelineRows.value;
  const events = select.visibleEvents.value.length;
  const visible: number[] = [];
  const joined: number[] = [];
  // Alternate the two measurements so both see the same machine load.
  for (let i = 0; i < RUNS; i++) {
    // Each query differs from the one before, so every read recomputes (the first includes the second's part).
    view.query.value = i % 2 ? 'Unheld' : 'Held';
    visible.push(time(() => select.visibleEvents.value));
    view.query.value = i % 2 ? 'Agent' : 'Contact';
    joined.push(time(() => select.timelineRows.value));
  }
  view.query.value = '';
  const before = select.timelineRows.value;
  const last = all.at(-1)!;
  store.events.frames([{ ...last, seq: last.seq + 1, t: last.t + 1000, data: '{"keepalive":"true"}' }]);
  scheduler.drain();
  const visibleEventsMs = median(visible);
  const timelineRowsMs = median(joined);
  return {
    events,
    requests: rows.length - events,
    visibleEventsMs,
    timelineRowsMs,
    ratio: timelineRowsMs / visibleEventsMs,
    keptOnIdleRepaint: select.timelineRows.value === before,
  };
}

export function printRequestRows(r: RequestRowsResult): void {
  console.log(`\nRequest rows in the timeline (${r.events} events, ${r.requests} requests; medians of ${RUNS})`);
  console.log(`  search change, events only (visibleEvents):      ${fmt(r.visibleEventsMs, 2)} ms`);
  console.log(
    `  search change, events + requests (timelineRows): ${fmt(r.timelineRowsMs, 2)} ms (${fmt(r.ratio, 2)}×)`,
  );
  console.log(`  keepalive-only repaint keeps the rows (no redraw): ${r.keptOnIdleRepaint ? 'yes' : 'NO'}`);
}
