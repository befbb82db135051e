import { customerOf, type Anomaly, type InteractionTimeline, type IntervalKind, type Session } from '../../model';
import type { OverlayAnomaly, OverlayInteraction, OverlaySummary, SocketHealth } from '../shared/summary';
import type { Masker } from './masker';

/** How many of an interaction's last events the mini timeline gets. */
export const MINI_TIMELINE_EVENTS = 6;
/** At most this many interactions are listed (a desktop rarely has more than 3 at once). */
const MAX_INTERACTIONS = 6;
const MAX_TEXT = 400;
/** How far back the "since when" of wrap-up is looked for (events). */
const WRAP_UP_LOOKBACK = 200;

/**
 * Counts anomalies by rule as they are appended to the session, so a summary never rescans the
 * whole list (a long shift can hold thousands).
 */
export class AnomalyTally {
  private counted = 0;
  private readonly byRule = new Map<string, number>();

  update(anomalies: readonly Anomaly[]): void {
    for (; this.counted < anomalies.length; this.counted++) {
      const rule = anomalies[this.counted]!.rule;
      this.byRule.set(rule, (this.byRule.get(rule) ?? 0) + 1);
    }
  }

  count(rule: string): number {
    return this.byRule.get(rule) ?? 0;
  }
}

const clip = (text: string): string => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text);

/**
 * The overlay's digest of a session, built only from the model's public outputs (timelines,
 * flags, intervals, anomalies, sockets): what the overlay shows means what the panel shows.
 * Deterministic for a given session and masker, so two summaries compare equal as JSON exactly
 * when the overlay would draw the same thing.
 */
export function summarise(session: Session, masker: Masker, tally: AnomalyTally): OverlaySummary {
  tally.update(session.anomalies);
  const interactions: OverlayInteraction[] = [];
  const timelines = [...session.interactions.values()];
  for (let i = timelines.length - 1; i >= 0 && interactions.length < MAX_INTERACTIONS; i--) {
    const timeline = timelines[i]!;
    // A merged child goes on as the interaction it was merged into (listed already, if going on).
    if (timeline.events.length && !timeline.merged && (!timeline.flags.ended || timeline.flags.wrapUp))
      interactions.push(interactionOf(timeline, session, masker));
  }
  const summary: OverlaySummary = { interactions, socket: socketHealth(session) };
  const newest = session.anomalies.at(-1);
  if (newest) {
    // Its interaction may have ended and not be listed: its customer is masked in the message too.
    if (newest.interactionId !== undefined) masker.learn(session.interactions.get(newest.interactionId)?.snapshot);
    summary.anomaly = anomalyOf(newest, session, masker, tally);
  }
  const state = session.agent.states.at(-1);
  const agentState = state?.subStatus ?? state?.status;
  if (agentState) summary.agentState = clip(agentState).slice(0, 60);
  return summary;
}

function openSince(timeline: InteractionTimeline, kind: IntervalKind): number | undefined {
  for (let i = timeline.intervals.length - 1; i >= 0; i--) {
    const interval = timeline.intervals[i]!;
    if (interval.kind === kind) return interval.toT === undefined ? interval.fromT : undefined;
  }
  return undefined;
}

function interactionOf(timeline: InteractionTimeline, session: Session, masker: Masker): OverlayInteraction {
  const { flags, events } = timeline;
  masker.learn(timeline.snapshot);
  const customer = customerOf(timeline.snapshot);
  const anomalies = session.anomaliesOf(timeline.interactionId);
  const out: OverlayInteraction = {
    id: timeline.interactionId.slice(0, 100),
    mediaType: (timeline.mediaType ?? 'unknown').slice(0, 30),
    state: (flags.state ?? 'unknown').slice(0, 40),
    heldLegs: flags.heldLegs.length,
    recording: flags.recording,
    consult: flags.consulting,
    conference: flags.conferencing,
    monitoring: flags.monitoring,
    wrapUp: flags.wrapUp,
    ended: flags.ended,
    events: events.slice(-MINI_TIMELINE_EVENTS).map((e) => ({
      seq: e.seq,
      t: e.t,
      name: e.name.slice(0, 80),
      category: e.info.category,
    })),
    anomalies: anomalies.length,
  };
  if (customer) {
    const { masked, full } = masker.customer(customer);
    out.customer = { masked: masked.slice(0, 80), full: full.slice(0, 200) };
  }
  if (flags.onHold) out.holdSince = Math.min(...flags.heldLegs.map((leg) => flags.heldSince[leg] ?? Infinity));
  if (out.holdSince === Infinity) delete out.holdSince;
  const recordingSince =
    flags.recording === 'active'
      ? openSince(timeline, 'recording-active')
      : flags.recording === 'paused'
        ? openSince(timeline, 'recording-paused')
        : undefined;
  if (recordingSince !== undefined) out.recordingSince = recordingSince;
  if (flags.consulting) {
    const since = openSince(timeline, 'consult');
    if (since !== undefined) out.consultSince = since;
  }
  if (flags.conferencing) {
    const since = openSince(timeline, 'conference');
    if (since !== undefined) out.conferenceSince = since;
  }
  if (flags.wrapUp) {
    let since: number | undefined;
    for (let i = events.length - 1; i >= Math.max(0, events.length - WRAP_UP_LOOKBACK); i--) {
      if (!events[i]!.flags.wrapUp) break;
      since = events[i]!.t;
    }
    if (since !== undefined) out.wrapUpSince = since;
  }
  if (flags.ronaDeadline !== undefined) out.ronaDeadline = flags.ronaDeadline;
  const last = anomalies.at(-1);
  if (last) out.lastAnomaly = clip(masker.text(last.message));
  return out;
}

function socketHealth(session: Session): SocketHealth {
  const socket = session.latestSocket;
  const health: SocketHealth = {
    state: socket === undefined ? 'none' : socket.closed === undefined ? 'connected' : 'reconnecting',
    reconnects: Math.max(0, session.connections - 1),
  };
  // Whole seconds: the overlay shows "3 s ago", and a keepalive must not make a new summary.
  if (socket?.lastInbound) health.lastFrameT = Math.floor(socket.lastInbound.t / 1000) * 1000;
  if (socket?.closeCode !== undefined) health.closeCode = socket.closeCode;
  return health;
}

function anomalyOf(anomaly: Anomaly, session: Session, masker: Masker, tally: AnomalyTally): OverlayAnomaly {
  return {
    rule: anomaly.rule,
    severity: anomaly.severity,
    message: clip(masker.text(anomaly.message)),
    seq: anomaly.seq,
    count: tally.count(anomaly.rule),
    total: session.anomalies.length,
  };
}
