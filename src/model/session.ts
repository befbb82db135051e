import type { Frame } from '../frame/frame';
import {
  createDecodeSession,
  decodeFrame,
  type Decoded,
  type DecodedEvent,
  type Finding,
  type Interaction,
  type Severity,
} from '../protocol';
import type { Anomaly, RuleId } from './anomaly';
import { isBookkeeping } from './bookkeeping';
import { diffSnapshots, type FieldChange } from './field-diff';
import { deriveFlags, INITIAL_FLAGS } from './flags';
import { IntervalTracker } from './intervals';
import {
  EVENT_RULES,
  KEEPALIVE_GAP,
  MISSED_TRANSITIONS,
  RECONNECT_WITHOUT_HYDRATE,
  RONA_OVERDUE,
  SEQUENCE_GAP,
  type RuleHit,
} from './rules';
import type { EventContext, InteractionTimeline, TimelineEvent } from './timeline';

export interface SocketInfo {
  id: string;
  url: string | undefined;
  opened: number | undefined;
  closed: number | undefined;
  closeCode: number | undefined;
  closeReason: string | undefined;
  /** seq of this socket's Welcome, when it was captured. */
  welcomeSeq: number | undefined;
  frames: number;
  lastInbound: { seq: number; t: number } | undefined;
}

export interface AgentStateChange {
  seq: number;
  t: number;
  event: string;
  status: string | undefined;
  subStatus: string | undefined;
  reason: string | undefined;
  changedBy: string | undefined;
}

export interface AgentLane {
  agentId: string | undefined;
  states: AgentStateChange[];
}

/** The report's frame counters (report format v1). */
export interface FrameCounters {
  total: number;
  in: number;
  out: number;
  keepalive: number;
  events: number;
  invalidJson: number;
  binary: number;
  unknown: number;
  gaps: number;
}

/** A decoder finding with the frame it was found in; info-level quirks are counted, not repeated. */
export interface SessionFinding extends Finding {
  seq: number;
  /** For info findings: how many frames had the same code at the same path. */
  count: number;
}

interface PendingHydrate {
  /** The new socket's Welcome. */
  welcomeSeq: number;
  /** The interaction's last event before the reconnect. */
  lastSeq: number;
}

const KEEPALIVE_WARN_MS = 8_000;
const KEEPALIVE_ERROR_MS = 16_000;
const RONA_MARGIN_MS = 5_000;
const MAX_LISTED_CHANGES = 12;
const AGENT_STATE_EVENTS = new Set([
  'AgentStateChange',
  'AgentStateChangeSuccess',
  'AgentStationLoginSuccess',
  'AgentLogoutSuccess',
  'AgentReloginSuccess',
  'AgentChannelReloginSuccess',
  'AgentChannelStateChanged',
]);

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * The session: everything the capture says, built frame by frame. Each `ingest` costs O(size of
 * the frame) and never walks history, so the panel can keep it live; the same frames in the same
 * order always give the same session, whether they came live, from a capture file or a HAR.
 */
export class Session {
  readonly counters: FrameCounters = {
    total: 0,
    in: 0,
    out: 0,
    keepalive: 0,
    events: 0,
    invalidJson: 0,
    binary: 0,
    unknown: 0,
    gaps: 0,
  };
  readonly sockets = new Map<string, SocketInfo>();
  readonly agent: AgentLane = { agentId: undefined, states: [] };
  /** By interaction id, in order of first appearance. */
  readonly interactions = new Map<string, InteractionTimeline>();
  readonly anomalies: Anomaly[] = [];
  readonly findings: SessionFinding[] = [];
  /** Events that name no interaction and are no agent events (e.g. failures without interactionId). */
  readonly unattached: number[] = [];
  /** Anomalies by severity, kept as they are found. */
  readonly severityCounts = { error: 0, warn: 0, info: 0 };
  /** The socket of the latest frame: the one the desktop uses now. */
  latestSocket: SocketInfo | undefined;

  private readonly byInteraction = new Map<string, Anomaly[]>();
  private readonly decodeSession = createDecodeSession();
  private readonly aliases = new Map<string, string>();
  private readonly trackers = new Map<string, IntervalTracker>();
  private readonly infoFindings = new Map<string, SessionFinding>();
  private readonly pendingHydrate = new Map<string, PendingHydrate>();
  private readonly ringing = new Set<string>();
  private lastSeq = 0;
  private lastT = 0;
  private welcomed = 0;
  /** Interactions not yet ended: the ones a reconnect must hydrate. */
  private readonly active = new Set<InteractionTimeline>();

  ingest(frame: Frame): Decoded {
    this.checkSequence(frame);
    this.counters.total++;
    if (frame.dir === 'in') this.counters.in++;
    else if (frame.dir === 'out') this.counters.out++;
    const socket = this.socketOf(frame);
    const decoded = decodeFrame(frame, this.decodeSession);
    for (const finding of decoded.findings) this.addFinding(frame.seq, finding);

    switch (decoded.kind) {
      case 'keepalive':
        this.counters.keepalive++;
        break;
      case 'welcome':
        this.counters.events++;
        this.onWelcome(frame, socket, decoded.agentId);
        break;
      case 'event':
        this.counters.events++;
        this.onEvent(decoded, frame, socket);
        break;
      case 'invalid-json':
        this.counters.invalidJson++;
        break;
      case 'binary':
        this.counters.binary++;
        break;
      case 'unknown-json':
        this.counters.unknown++;
        break;
      case 'meta':
        this.onSocketEvent(frame, socket);
        break;
    }
    if (socket && frame.dir === 'in' && frame.kind !== 'close' && frame.kind !== 'error')
      this.checkKeepalive(frame, socket);
    this.lastT = Math.max(this.lastT, frame.t);
    this.checkRona(frame);
    return decoded;
  }

  /** End-of-capture checks: what was still awaited when the capture stopped. */
  finish(): void {
    for (const [id, pending] of this.pendingHydrate) {
      this.report(RECONNECT_WITHOUT_HYDRATE.id, RECONNECT_WITHOUT_HYDRATE.severity, pending.welcomeSeq, id, {
        message: `Interaction ${id} was active before the reconnect (last event #${pending.lastSeq}) but no AgentContact snapshot came after the new Welcome (#${pending.welcomeSeq}).`,
        evidence: [pending.lastSeq],
      });
    }
    this.pendingHydrate.clear();
  }

  /** The anomalies of one interaction, in the order found (no scan of the whole list). */
  anomaliesOf(interactionId: string): readonly Anomaly[] {
    return this.byInteraction.get(interactionId) ?? [];
  }

  /** Sockets whose Welcome was seen: more than one means the desktop reconnected. */
  get connections(): number {
    return this.welcomed;
  }

  /** The interaction an id belongs to (following re-keys and merges). */
  interaction(id: string): InteractionTimeline | undefined {
    return this.interactions.get(this.aliases.get(id) ?? id);
  }

  private report(rule: RuleId, severity: Severity, seq: number, interactionId: string | undefined, hit: RuleHit): void {
    const evidence = [...new Set([...(hit.evidence ?? []), seq])].sort((a, b) => a - b);
    const anomaly: Anomaly = { rule, severity: hit.severity ?? severity, seq, message: hit.message, evidence };
    if (interactionId !== undefined) {
      anomaly.interactionId = interactionId;
      const list = this.byInteraction.get(interactionId);
      if (list) list.push(anomaly);
      else this.byInteraction.set(interactionId, [anomaly]);
    }
    this.anomalies.push(anomaly);
    this.severityCounts[anomaly.severity]++;
  }

  private addFinding(seq: number, finding: Finding): void {
    if (finding.severity !== 'info') {
      this.findings.push({ ...finding, seq, count: 1 });
      return;
    }
    const key = `${finding.code}\u0000${finding.path}`;
    const seen = this.infoFindings.get(key);
    if (seen) seen.count++;
    else {
      const first = { ...finding, seq, count: 1 };
      this.infoFindings.set(key, first);
      this.findings.push(first);
    }
  }

  private checkSequence(frame: Frame): void {
    if (this.lastSeq > 0 && frame.seq > this.lastSeq + 1) {
      const missing = frame.seq - this.lastSeq - 1;
      this.counters.gaps++;
      this.report(SEQUENCE_GAP.id, SEQUENCE_GAP.severity, frame.seq, undefined, {
        message: `${missing} frame${missing === 1 ? '' : 's'} missing from the capture between #${this.lastSeq} and #${frame.seq}.`,
        evidence: [this.lastSeq],
      });
    }
    this.lastSeq = Math.max(this.lastSeq, frame.seq);
  }

  private socketOf(frame: Frame): SocketInfo | undefined {
    if (frame.dir === 'meta') return undefined;
    let socket = this.sockets.get(frame.socket);
    if (!socket) {
      socket = {
        id: frame.socket,
        url: frame.url,
        opened: undefined,
        closed: undefined,
        closeCode: undefined,
        closeReason: undefined,
        welcomeSeq: undefined,
        frames: 0,
        lastInbound: undefined,
      };
      this.sockets.set(frame.socket, socket);
    }
    socket.url ??= frame.url;
    socket.frames++;
    this.latestSocket = socket;
    return socket;
  }

  private onSocketEvent(frame: Frame, socket: SocketInfo | undefined): void {
    if (!socket) return;
    if (frame.kind === 'open') {
      socket.opened = frame.t;
      socket.lastInbound = { seq: frame.seq, t: frame.t };
    } else if (frame.kind === 'close') {
      socket.closed = frame.t;
      socket.closeCode = frame.close?.code;
      socket.closeReason = frame.close?.reason;
    }
  }

  private checkKeepalive(frame: Frame, socket: SocketInfo): void {
    const last = socket.lastInbound;
    socket.lastInbound = { seq: frame.seq, t: frame.t };
    if (!last || socket.closed !== undefined) return;
    const gap = frame.t - last.t;
    if (gap <= KEEPALIVE_WARN_MS) return;
    this.report(KEEPALIVE_GAP.id, gap > KEEPALIVE_ERROR_MS ? 'error' : 'warn', frame.seq, undefined, {
      message: `${(gap / 1000).toFixed(1)} s without any inbound frame on ${socket.id} between #${last.seq} and #${frame.seq}${gap > KEEPALIVE_ERROR_MS ? ': the server drops a socket silent for 16 s' : ': the SDK treats 8 s as connection lost'}.`,
      evidence: [last.seq],
    });
  }

  private onWelcome(frame: Frame, socket: SocketInfo | undefined, agentId: string | undefined): void {
    if (agentId) this.agent.agentId = agentId;
    if (!socket) return;
    const earlier = this.welcomed > (socket.welcomeSeq === undefined ? 0 : 1);
    if (socket.welcomeSeq === undefined) this.welcomed++;
    socket.welcomeSeq = frame.seq;
    if (!earlier) return;
    // A new connection: every interaction still going should be re-sent as an AgentContact.
    for (const timeline of this.active) {
      const last = timeline.events.at(-1);
      if (!last || this.pendingHydrate.has(timeline.interactionId)) continue;
      this.pendingHydrate.set(timeline.interactionId, { welcomeSeq: frame.seq, lastSeq: last.seq });
    }
  }

  private onEvent(decoded: DecodedEvent, frame: Frame, socket: SocketInfo | undefined): void {
    const data = decoded.data as Record<string, unknown> | undefined;
    const agentId = decoded.agentId ?? str(data?.['agentId']);
    if (decoded.shape === 'agent' || (decoded.info.category === 'agent' && !decoded.interactionId)) {
      this.onAgentEvent(decoded, frame, agentId);
      return;
    }
    const rawId = decoded.interactionId ?? decoded.interaction?.interactionId;
    if (!rawId) {
      this.unattached.push(frame.seq);
      return;
    }
    const timeline = this.timelineFor(rawId, decoded);
    this.applyEvent(timeline, decoded, frame, socket, agentId ?? this.agent.agentId);
  }

  private onAgentEvent(decoded: DecodedEvent, frame: Frame, agentId: string | undefined): void {
    if (agentId && !this.agent.agentId) this.agent.agentId = agentId;
    if (!AGENT_STATE_EVENTS.has(decoded.name)) return;
    const data = (decoded.data ?? {}) as Record<string, unknown>;
    this.agent.states.push({
      seq: frame.seq,
      t: frame.t,
      event: decoded.name,
      status: str(data['status']),
      subStatus: str(data['subStatus']),
      reason: str(data['lastStateChangeReason']),
      changedBy: str(data['changedByName']) ?? str(data['changedBy']),
    });
  }

  /** Finds or creates the timeline, following and recording the links between ids (protocol doc §5.1 check 11). */
  private timelineFor(rawId: string, decoded: DecodedEvent): InteractionTimeline {
    const data = (decoded.data ?? {}) as Record<string, unknown>;
    // A campaign task re-keyed on assignment: the old key's timeline continues under the new one.
    const reservation = str(data['reservationInteractionId']);
    if (reservation && reservation !== rawId && !this.interactions.has(rawId)) {
      const previous = this.interaction(reservation);
      if (previous) {
        this.interactions.delete(previous.interactionId);
        const moved = this.byInteraction.get(previous.interactionId);
        if (moved) {
          this.byInteraction.delete(previous.interactionId);
          for (const anomaly of moved) anomaly.interactionId = rawId;
          this.byInteraction.set(rawId, moved);
        }
        this.trackers.set(rawId, this.trackers.get(previous.interactionId)!);
        this.aliases.set(previous.interactionId, rawId);
        previous.relatedIds.add(previous.interactionId);
        previous.interactionId = rawId;
        this.interactions.set(rawId, previous);
      }
    }
    const id = this.aliases.get(rawId) ?? rawId;
    let timeline = this.interactions.get(id);
    if (!timeline) {
      timeline = {
        interactionId: id,
        mediaType: undefined,
        relatedIds: new Set(),
        events: [],
        snapshot: undefined,
        flags: INITIAL_FLAGS,
        intervals: [],
        socket: undefined,
      };
      const tracker = new IntervalTracker();
      timeline.intervals = tracker.intervals;
      this.trackers.set(id, tracker);
      this.interactions.set(id, timeline);
    }
    // ContactMerged: the child's key now means this interaction.
    const child = str(data['childInteractionId']);
    if (decoded.name === 'ContactMerged' && child && child !== id) this.aliases.set(child, id);
    this.link(timeline, [
      rawId,
      reservation,
      child,
      decoded.interaction?.mainInteractionId,
      decoded.interaction?.parentInteractionId,
      decoded.interaction?.callProcessingDetails?.parentInteractionId,
      decoded.interaction?.callProcessingDetails?.childInteractionId,
    ]);
    return timeline;
  }

  private link(timeline: InteractionTimeline, ids: (string | undefined)[]): void {
    for (const id of ids) {
      if (!id || id === timeline.interactionId || timeline.relatedIds.has(id)) continue;
      timeline.relatedIds.add(id);
      const other = this.interaction(id);
      if (other && other !== timeline) other.relatedIds.add(timeline.interactionId);
    }
  }

  private applyEvent(
    timeline: InteractionTimeline,
    decoded: DecodedEvent,
    frame: Frame,
    socket: SocketInfo | undefined,
    agentId: string | undefined,
  ): void {
    const before = { snapshot: timeline.snapshot, flags: timeline.flags };
    let snapshot: Interaction | undefined = before.snapshot;
    let changes: FieldChange[] = [];
    if (decoded.interaction) {
      const diff = diffSnapshots(before.snapshot, decoded.interaction);
      snapshot = diff.shared;
      // The first snapshot is where the timeline starts, not a list of additions.
      if (before.snapshot) changes = diff.changes;
    }
    const flags = deriveFlags(before.flags, decoded, decoded.interaction ? snapshot : undefined, frame.t);
    const { interaction: _snapshot, ...eventData } = (decoded.data ?? {}) as Record<string, unknown>;
    const event: TimelineEvent = {
      seq: frame.seq,
      t: frame.t,
      eventTime: decoded.eventTime,
      name: decoded.name,
      info: decoded.info,
      data: eventData,
      changes,
      snapshot,
      hasSnapshot: decoded.interaction !== undefined,
      flags,
    };
    const ctx: EventContext = {
      decoded,
      interaction: timeline,
      history: timeline.events,
      event,
      before,
      agentId,
      sawConnectionStart: socket?.welcomeSeq !== undefined,
    };
    for (const rule of EVENT_RULES) {
      const hit = rule.check(ctx);
      if (hit) this.report(rule.id, rule.severity, frame.seq, timeline.interactionId, hit);
    }
    this.checkHydrate(timeline, event);

    timeline.events.push(event);
    timeline.snapshot = snapshot;
    timeline.flags = flags;
    timeline.mediaType = snapshot?.mediaType ?? timeline.mediaType;
    timeline.socket = socket?.id ?? timeline.socket;
    this.trackers.get(timeline.interactionId)!.update(before.flags, flags, frame.seq, frame.t);
    if (flags.ended) this.active.delete(timeline);
    else this.active.add(timeline);
    if (flags.ronaDeadline !== undefined) this.ringing.add(timeline.interactionId);
    else this.ringing.delete(timeline.interactionId);
  }

  private checkHydrate(timeline: InteractionTimeline, event: TimelineEvent): void {
    const pending = this.pendingHydrate.get(timeline.interactionId);
    if (!pending) return;
    this.pendingHydrate.delete(timeline.interactionId);
    if (event.name !== 'AgentContact') {
      this.report(RECONNECT_WITHOUT_HYDRATE.id, RECONNECT_WITHOUT_HYDRATE.severity, event.seq, timeline.interactionId, {
        message: `After the reconnect (Welcome #${pending.welcomeSeq}) this interaction's next event is ${event.name} (#${event.seq}), not an AgentContact snapshot.`,
        evidence: [pending.welcomeSeq, pending.lastSeq],
      });
      return;
    }
    if (!event.changes.length) return;
    const ordered = [
      ...event.changes.filter((c) => !isBookkeeping(c.path)),
      ...event.changes.filter((c) => isBookkeeping(c.path)),
    ];
    const listed = ordered
      .slice(0, MAX_LISTED_CHANGES)
      .map((c) => `${c.path} ${describeValue(c.from)} → ${describeValue(c.to)}`);
    const more = event.changes.length - listed.length;
    this.report(MISSED_TRANSITIONS.id, MISSED_TRANSITIONS.severity, event.seq, timeline.interactionId, {
      message: `The AgentContact snapshot after the reconnect (#${event.seq}) differs from the last one before it (#${pending.lastSeq}): ${listed.join('; ')}${more > 0 ? `; and ${more} more` : ''}.`,
      evidence: [pending.lastSeq, pending.welcomeSeq],
    });
  }

  private checkRona(frame: Frame): void {
    for (const id of this.ringing) {
      const timeline = this.interactions.get(id);
      const deadline = timeline?.flags.ronaDeadline;
      if (!timeline || deadline === undefined) {
        this.ringing.delete(id);
        continue;
      }
      if (frame.t <= deadline + RONA_MARGIN_MS) continue;
      this.ringing.delete(id);
      const offer = [...timeline.events]
        .reverse()
        .find((e) => e.name === 'AgentOfferContact' || e.name === 'AgentOfferConsult');
      this.report(RONA_OVERDUE.id, RONA_OVERDUE.severity, frame.seq, id, {
        message: `The offer${offer ? ` (#${offer.seq})` : ''} was neither answered nor RONA-ed by its deadline plus 5 s: still ringing at #${frame.seq}, ${((frame.t - deadline) / 1000).toFixed(1)} s late.`,
        evidence: offer ? [offer.seq] : [],
      });
    }
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
