import { channelOf, sourceOf, type Frame } from '../frame/frame';
import { isHttpKind } from '../frame/http';
import { RequestTracker, type TrackedRequest } from './requests';
import {
  createDecodeSession,
  decodeFrame,
  type Decoded,
  type DecodedEvent,
  type Finding,
  type Interaction,
  type Severity,
} from '../protocol';
import { addAgentEvent, createAgentLane, SESSION_TAKEOVER_EVENTS, type AgentLane } from './agent-lane';
import { AliasIndex, type AliasWrite } from './aliases';
import { moveAnomalies, type Anomaly, type RuleId } from './anomaly';
import { diffSnapshots, type FieldChange } from './field-diff';
import { DuplicateWatch } from './duplicates';
import { deriveFlags, INITIAL_FLAGS, isFinished, reopens } from './flags';
import { IntervalTracker } from './intervals';
import {
  DUPLICATE_RULES,
  EVENT_RULES,
  SESSION_RULES,
  type RuleHit,
  type SessionHit,
  type SessionMoment,
  type SessionView,
} from './rules';
import { keepaliveGap } from './rules/keepalive-gap';
import { CaptureDedup } from './capture-dedup';
import { SocketTracker, type SocketCapture, type SocketInfo } from './sockets';
import { WorkerBridge, type WorkerInfo } from './worker-bridge';
import {
  releaseSnapshotsBefore,
  type EventContext,
  type EventMarks,
  type InteractionTimeline,
  type TimelineEvent,
} from './timeline';

export type { AgentLane, AgentStateChange } from './agent-lane';
export type { SocketCapture, SocketInfo } from './sockets';

/** A rule that cannot run on some of the capture, and why (shown with the anomalies). */
export interface UnavailableRule {
  rule: RuleId;
  reason: string;
}

/** What a capture with a socket seen through its worker cannot tell (the same array every time). */
const WORKER_UNAVAILABLE_RULES: readonly UnavailableRule[] = Object.freeze([
  Object.freeze({
    rule: keepaliveGap.id,
    reason:
      'keepalives stay inside the worker (protocol doc §10.8): a silence on a socket seen through its worker cannot be told from a quiet bridge',
  }),
]);
const NO_UNAVAILABLE_RULES: readonly UnavailableRule[] = Object.freeze([]);

/**
 * The report's frame counters (report format v1). `total` is `in` + `out` + `meta` + `http`:
 * `meta` the capture's own frames (a page load, a notice), `http` the REST calls and their answers
 * (additions to v2, so that the counts add up).
 */
export interface FrameCounters {
  total: number;
  in: number;
  out: number;
  meta: number;
  http: number;
  keepalive: number;
  events: number;
  invalidJson: number;
  binary: number;
  unknown: number;
  gaps: number;
}

/** Counters at zero: a new session's, and the panel replica's before its first delta. */
export function emptyFrameCounters(): FrameCounters {
  return {
    total: 0,
    in: 0,
    out: 0,
    meta: 0,
    http: 0,
    keepalive: 0,
    events: 0,
    invalidJson: 0,
    binary: 0,
    unknown: 0,
    gaps: 0,
  };
}

/** A decoder finding with the frame it was found in; info-level quirks are counted, not repeated. */
export interface SessionFinding extends Finding {
  seq: number;
  /** For info findings: how many frames had the same code at the same path. */
  count: number;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * The session: everything the capture says, built frame by frame. Each `ingest` costs O(size of
 * the frame) and never walks history, so the panel can keep it live; the same frames in the same
 * order always give the same session, whether they came live, from a capture file or a HAR.
 */
export class Session {
  readonly counters: FrameCounters = emptyFrameCounters();
  readonly agent: AgentLane = createAgentLane();
  /** By interaction id, in order of first appearance. */
  readonly interactions = new Map<string, InteractionTimeline>();
  readonly anomalies: Anomaly[] = [];
  readonly findings: SessionFinding[] = [];
  /** Events that name no interaction and are no agent events (e.g. failures without interactionId). */
  readonly unattached: number[] = [];
  /** Anomalies by severity, kept as they are found. */
  readonly severityCounts = { error: 0, warn: 0, info: 0 };
  /** Interactions not yet ended: the ones a reconnect must hydrate. */
  readonly active = new Set<InteractionTimeline>();
  /** WxCC REST requests joined to their results (model/requests). */
  readonly requests = new RequestTracker();

  /** Workers the page created and what their messages carried (protocol doc §10.8). */
  readonly bridge = new WorkerBridge();
  private readonly dedup = new CaptureDedup();
  private readonly socketTracker = new SocketTracker();
  private readonly byInteraction = new Map<string, Anomaly[]>();
  private readonly decodeSession = createDecodeSession();
  private readonly aliases = new AliasIndex();
  /** Each key a re-key retired → the timeline it named, which goes on under its new key. */
  private readonly formerKeys = new Map<string, InteractionTimeline>();
  /** The keys of `formerKeys`, in the order they were retired (the panel's analysis sends them). */
  readonly retiredKeys: string[] = [];
  /** Task requests by the seq of their request frame → the interaction they belong to. */
  private readonly owners = new Map<number, InteractionTimeline>();
  /** Task requests whose id meant no interaction when they were sent, by that id (`claim`). */
  private readonly unowned = new Map<string, TrackedRequest[]>();
  /**
   * The requests in `owners`, in the order their interaction was decided (the panel's analysis
   * sends them); `claimed` when that was after they were sent (`claim`).
   */
  readonly owned: { request: TrackedRequest; claimed: boolean }[] = [];
  /** The timeline the event of the frame being ingested went into (`placed`). */
  private lastPlaced: InteractionTimeline | undefined;
  private readonly trackers = new Map<InteractionTimeline, IntervalTracker>();
  /**
   * Each interaction's first key: what duplicate deliveries are matched by, so a second delivery
   * that straddles a re-key is still the same interaction's.
   */
  private readonly firstKeys = new WeakMap<InteractionTimeline, string>();
  private readonly infoFindings = new Map<string, SessionFinding>();
  private readonly duplicates = new DuplicateWatch();
  /** Each session rule's state, in `SESSION_RULES` order. */
  private readonly ruleStates = SESSION_RULES.map((rule) => rule.start());
  private readonly view: SessionView = this;
  /**
   * Per interaction, what `marksOf` looks back for, kept up to date as its events grow (they only
   * grow): the latest eventTime and the last event that ended the task, so neither costs a pass
   * over every event before it. An interaction with many events after its end (a pathological
   * capture) would otherwise take time quadratic in them.
   */
  private readonly lookBacks = new WeakMap<InteractionTimeline, LookBack>();
  /** Per interaction: how many of its first events had their snapshots released. */
  private readonly released = new Map<InteractionTimeline, number>();
  /**
   * Called with each timeline that changed (an event appended, a link added), once per change:
   * the panel's analysis worker sends the UI only what changed. Unset in the CLI.
   */
  onTimelineChange: ((timeline: InteractionTimeline) => void) | undefined = undefined;

  /**
   * Ids that now mean another interaction (re-keyed, merged): old id → the key of the interaction
   * it means now, chains of re-keys and merges already followed to their end.
   */
  get aliasIds(): ReadonlyMap<string, string> {
    return this.aliases.final;
  }

  /** Alias writes so far (re-keys and merges that changed what an id means). */
  get aliasRevision(): number {
    return this.aliases.revision;
  }

  /**
   * Called with each alias write (a re-key, a merge), in order: the panel's analysis worker sends
   * the replica these alone, which replays them (`AliasIndex.apply`). Unset in the CLI.
   */
  set onAliasWrite(callback: ((write: AliasWrite) => void) | undefined) {
    this.aliases.onWrite = callback;
  }

  get sockets(): ReadonlyMap<string, SocketInfo> {
    return this.socketTracker.sockets;
  }

  /**
   * Called with a socket each time it counts a frame, the first time when it is added: the panel's
   * analysis worker sends the replica only the sockets that moved. Unset in the CLI.
   */
  set onSocketCount(callback: ((socket: SocketInfo) => void) | undefined) {
    this.socketTracker.onFrame = callback;
  }

  /** The socket of the latest frame: the one the desktop uses now. */
  get latestSocket(): SocketInfo | undefined {
    return this.socketTracker.latest;
  }

  ingest(frame: Frame): Decoded {
    this.lastPlaced = undefined;
    this.runSessionRules({ kind: 'received', frame });
    this.counters.total++;
    if (isHttpKind(frame.kind)) {
      // A request is no socket traffic: it goes to the correlator only (request rules read it).
      this.counters.http++;
      this.requests.frame(frame);
      if (frame.kind === 'request') this.own(this.requests.correlator.requests.at(-1));
      this.runSessionRules({ kind: 'processed', frame, socket: undefined, session: this.view });
      return { kind: 'meta', frame, findings: [] };
    }
    this.requests.advance(frame.t);
    if (frame.dir === 'in') this.counters.in++;
    else if (frame.dir === 'out') this.counters.out++;
    else this.counters.meta++;
    if (channelOf(frame) === 'worker') {
      // The socket behind the worker, if the message carries it, is read like a direct one.
      let decoded: Decoded = { kind: 'meta', frame, findings: [] };
      for (const bridged of this.bridge.read(frame)) decoded = this.onSocketFrame(bridged, 'worker');
      return decoded;
    }
    if (frame.dir === 'meta' && frame.kind === 'notice' && frame.source === 'cdp') {
      // Deep capture stopped or started: sockets that duplicated its sockets count again.
      this.dedup.release((id) => this.sockets.get(id)?.capture === 'cdp');
    }
    return this.onSocketFrame(frame, captureOf(frame));
  }

  /** Workers the page created, in order of appearance. */
  get workers(): ReadonlyMap<string, WorkerInfo> {
    return this.bridge.workers;
  }

  /** Rules that cannot run on this capture, and why. */
  get unavailableRules(): readonly UnavailableRule[] {
    // Read after every slice of frames (the panel's deltas): O(1), whatever the sockets.
    return this.socketTracker.workerCaptured ? WORKER_UNAVAILABLE_RULES : NO_UNAVAILABLE_RULES;
  }

  /** One frame of a socket, direct or read from a worker's message. */
  private onSocketFrame(frame: Frame, capture: SocketCapture): Decoded {
    const socket = this.socketTracker.socketOf(frame, capture);
    const decoded = decodeFrame(frame, this.decodeSession);
    if (
      socket &&
      this.dedup.skip(
        socket.id,
        capture === 'cdp' ? 'cdp' : 'tap',
        frame.data,
        decoded.kind === 'event' || decoded.kind === 'welcome',
        frame.t,
        decoded.kind === 'welcome' ? 2_000 : undefined,
      )
    ) {
      // The same socket seen by the page and by deep capture: the model reads one copy.
      socket.duplicateOf = this.dedup.duplicates.get(socket.id);
      return decoded;
    }
    for (const finding of decoded.findings) this.addFinding(frame.seq, finding);

    switch (decoded.kind) {
      case 'keepalive':
        this.counters.keepalive++;
        break;
      case 'welcome':
        this.counters.events++;
        if (decoded.agentId) this.agent.agentId = decoded.agentId;
        if (socket) {
          const reconnect = this.socketTracker.onWelcome(frame, socket);
          this.runSessionRules({ kind: 'welcome', frame, socket, reconnect, session: this.view });
        }
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
        this.socketTracker.onSocketEvent(frame, socket);
        break;
    }
    this.runSessionRules({ kind: 'processed', frame, socket, session: this.view });
    this.socketTracker.onFrameDone(frame, socket);
    return decoded;
  }

  /**
   * The frames before `seq` are gone (the capture shed them to stay within its budget): the
   * snapshots of their events are released, all but each interaction's latest (the next snapshot
   * is diffed against it, the list shows it). What the model read from them stays: event names,
   * data, field changes, flags, intervals, anomalies. The snapshots were most of the session's
   * heap on a long capture. Returns how many events lost theirs.
   */
  releaseSnapshotsBefore(seq: number): number {
    return releaseSnapshotsBefore(this.interactions.values(), this.released, seq);
  }

  /**
   * The clock reached `nowMs` (epoch ms) with no frame arriving: a live capture's tick. Requests
   * whose timeout (§10.9: 20 s; 80 s for campaign preview accept) is past are `timed-out` and the
   * request rules report them, as a frame of that time would; the limit itself is still in time.
   * A time before the latest frame's changes nothing. Returns whether anything changed.
   */
  advanceTo(nowMs: number): boolean {
    const before = this.requests.resolved.length;
    this.requests.advance(nowMs);
    if (this.requests.resolved.length === before) return false;
    this.runSessionRules({ kind: 'advanced', t: nowMs, session: this.view });
    return true;
  }

  /** End-of-capture checks: what was still awaited when the capture stopped. */
  finish(): void {
    // What is still pending is unresolved: the capture ended first.
    this.requests.finish();
    this.runSessionRules({ kind: 'finished', session: this.view });
  }

  /**
   * The anomalies of one interaction, in the order found (no scan of the whole list): `key` is its
   * key, now or before a re-key (`timelineOf`).
   */
  anomaliesOf(key: string): readonly Anomaly[] {
    return this.byInteraction.get(this.timelineOf(key)?.interactionId ?? key) ?? [];
  }

  /** Sockets whose Welcome was seen: more than one means the desktop reconnected. */
  get connections(): number {
    return this.socketTracker.welcomed;
  }

  /**
   * The interaction a wire id means now, following any number of re-keys and merges: where an
   * event under it goes. What happened under an id before a merge is not there (see `timelineOf`,
   * `requestOwner`).
   */
  interaction(id: string): InteractionTimeline | undefined {
    return this.interactions.get(this.aliases.resolve(id));
  }

  /**
   * The interaction keyed `key`, now or before a re-key: how the list, the selection and every
   * link name an interaction. A merge is not followed: a merged child's key names its own
   * timeline for good.
   */
  timelineOf(key: string): InteractionTimeline | undefined {
    return this.interactions.get(key) ?? this.formerKeys.get(key);
  }

  /**
   * The interaction a task request belongs to: the one its id meant when it was sent (a later
   * re-key renames it, a later merge does not move the request), else the first one its id came
   * to mean. Undefined for an agent request, and while its id means nothing.
   */
  requestOwner(request: Pick<TrackedRequest, 'seq'>): InteractionTimeline | undefined {
    return this.owners.get(request.seq);
  }

  /** The timeline the event of the frame just ingested went into, if it went into one. */
  get placed(): InteractionTimeline | undefined {
    return this.lastPlaced;
  }

  /** A task request just sent: it belongs to the interaction its id means now, if any yet. */
  private own(request: TrackedRequest | undefined): void {
    if (request?.operation === undefined || request.interactionId === undefined) return;
    const timeline = this.interaction(request.interactionId);
    if (timeline) this.setOwner(request, timeline, false);
    else {
      const waiting = this.unowned.get(request.interactionId);
      if (waiting) waiting.push(request);
      else this.unowned.set(request.interactionId, [request]);
    }
  }

  /**
   * `id` may have come to mean an interaction (its first event, a merge naming it): the requests
   * sent for it before belong to that one, and so do their anomalies, filed under `id` till now.
   */
  private claim(id: string | undefined): void {
    const waiting = id === undefined ? undefined : this.unowned.get(id);
    const timeline = waiting && this.interaction(id!);
    if (!timeline) return;
    this.unowned.delete(id!);
    for (const request of waiting!) this.setOwner(request, timeline, true);
    if (id !== timeline.interactionId) moveAnomalies(this.byInteraction, id!, timeline.interactionId);
  }

  private setOwner(request: TrackedRequest, timeline: InteractionTimeline, claimed: boolean): void {
    this.owners.set(request.seq, timeline);
    this.owned.push({ request, claimed });
  }

  /**
   * `id` is the key of the interaction the anomaly is about, or undefined; a request's anomaly
   * goes with the request (`requestOwner`), under its id as sent while that means nothing.
   */
  private report(
    rule: RuleId,
    severity: Severity,
    seq: number,
    id: string | undefined,
    hit: RuleHit | SessionHit,
  ): void {
    const evidence = [...new Set([...(hit.evidence ?? []), seq])].sort((a, b) => a - b);
    const anomaly: Anomaly = { rule, severity: hit.severity ?? severity, seq, message: hit.message, evidence };
    const request = 'request' in hit ? hit.request : undefined;
    const interactionId = request ? (this.requestOwner(request)?.interactionId ?? request.interactionId) : id;
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

  /** How an event arrived: a second delivery, late for a finished task, or reordered (issue 10 kinds 4, 6). */
  private marksOf(
    timeline: InteractionTimeline,
    decoded: DecodedEvent,
    data: Record<string, unknown>,
    frame: Frame,
  ): EventMarks | undefined {
    let marks: EventMarks | undefined;
    const trackingId = typeof data['trackingId'] === 'string' ? data['trackingId'] : undefined;
    const first = this.duplicates.check(
      decoded.name,
      this.firstKeys.get(timeline)!,
      trackingId,
      decoded.eventTime,
      frame.seq,
      frame.t,
    );
    if (first !== undefined) return { duplicateOf: first };
    const events = timeline.events;
    const lookBack = this.lookBackOf(timeline);
    if (decoded.eventTime !== undefined && lookBack.latestEventTime > decoded.eventTime) {
      for (let i = events.length - 1; i >= 0; i--) {
        const previous = events[i]!;
        if (previous.eventTime !== undefined && previous.eventTime > decoded.eventTime) {
          (marks ??= {}).reordered = previous.seq;
          break;
        }
      }
    }
    const flags = timeline.flags;
    if (events.length > 0 && isFinished(flags) && !reopens(flags, decoded.name)) {
      (marks ??= {}).late = lookBack.end?.seq ?? events.at(-1)!.seq;
    }
    return marks;
  }

  private lookBackOf(timeline: InteractionTimeline): LookBack {
    let lookBack = this.lookBacks.get(timeline);
    if (!lookBack) this.lookBacks.set(timeline, (lookBack = { count: 0, latestEventTime: Number.NEGATIVE_INFINITY }));
    const events = timeline.events;
    for (; lookBack.count < events.length; lookBack.count++) {
      const event = events[lookBack.count]!;
      if (event.eventTime !== undefined && event.eventTime > lookBack.latestEventTime)
        lookBack.latestEventTime = event.eventTime;
      if (event.flags.ended && !event.marks) lookBack.end = event;
    }
    return lookBack;
  }

  private runSessionRules(moment: SessionMoment): void {
    for (let i = 0; i < SESSION_RULES.length; i++) {
      const rule = SESSION_RULES[i]!;
      for (const hit of rule.check(moment, this.ruleStates[i])) {
        if (rule.id === 'sequence-gap') this.counters.gaps++;
        this.report(rule.id, rule.severity, hit.seq, hit.interactionId, hit);
      }
    }
  }

  private onEvent(decoded: DecodedEvent, frame: Frame, socket: SocketInfo | undefined): void {
    const eventId = decoded.interactionId ?? decoded.interaction?.interactionId;
    this.requests.event(
      decoded,
      frame,
      eventId ? this.interaction(eventId)?.snapshot : undefined,
      eventId ? this.knownAs(eventId, decoded) : undefined,
    );
    const data = decoded.data as Record<string, unknown> | undefined;
    const agentId = decoded.agentId ?? str(data?.['agentId']);
    if (
      decoded.shape === 'agent' ||
      ((decoded.info.category === 'agent' || decoded.info.category === 'connection') && !decoded.interactionId)
    ) {
      this.onAgentEvent(decoded, frame, socket);
      return;
    }
    // A failure event names no interaction (§10.9): the one of the request it answered is its own.
    const rawId =
      decoded.interactionId ?? decoded.interaction?.interactionId ?? this.requests.answeredInteraction(frame.seq);
    if (!rawId) {
      this.unattached.push(frame.seq);
      return;
    }
    const timeline = this.timelineFor(rawId, decoded, frame);
    this.applyEvent(timeline, decoded, frame, socket, this.agent.agentId ?? agentId);
  }

  /**
   * Agent and session events: the agent lane. A takeover by another login (§1.7) also goes into
   * the timeline of every interaction that was active, without changing its flags, and marks the
   * socket as closed on purpose.
   */
  private onAgentEvent(decoded: DecodedEvent, frame: Frame, socket: SocketInfo | undefined): void {
    addAgentEvent(this.agent, decoded, frame.seq, frame.t);
    this.runSessionRules({ kind: 'agent-event', decoded, frame, socket, session: this.view });
    if (!SESSION_TAKEOVER_EVENTS.has(decoded.name)) return;
    if (socket) socket.takenOver ??= frame.seq;
    for (const timeline of this.active) {
      timeline.events.push({
        seq: frame.seq,
        t: frame.t,
        eventTime: decoded.eventTime,
        name: decoded.name,
        info: decoded.info,
        data: (decoded.data ?? {}) as Record<string, unknown>,
        changes: [],
        snapshot: timeline.snapshot,
        hasSnapshot: false,
        flags: timeline.flags,
      });
      this.onTimelineChange?.(timeline);
    }
  }

  /**
   * Whether a task request is about the interaction an event under `eventId` goes into, whatever
   * id it was sent under (the correlator's `sameInteraction`): the interaction it belongs to
   * (`requestOwner`, else what its id means now) is the one the event lands in, as `timelineFor`
   * will place it, before the event's own re-key. A campaign preview is accepted under its
   * reservation id and answered under its new key; a request under an id the capture never saw
   * an event for is the task's when the event names that id as its reservation.
   */
  private knownAs(eventId: string, decoded: DecodedEvent): (request: TrackedRequest) => boolean {
    const reservation = str((decoded.data as Record<string, unknown> | undefined)?.['reservationInteractionId']);
    let target: InteractionTimeline | undefined | null = null;
    return (request) => {
      if (request.interactionId === undefined) return false;
      if (request.interactionId === reservation) return true;
      if (target === null)
        target = this.interaction(eventId) ?? (reservation ? this.interaction(reservation) : undefined);
      return target !== undefined && (this.requestOwner(request) ?? this.interaction(request.interactionId)) === target;
    };
  }

  /** Finds or creates the timeline, following and recording the links between ids (protocol doc §5.1 check 11). */
  private timelineFor(rawId: string, decoded: DecodedEvent, frame: Frame): InteractionTimeline {
    const data = (decoded.data ?? {}) as Record<string, unknown>;
    // A campaign task re-keyed on assignment: the old key's timeline continues under the new one.
    // Only to an id that means no interaction yet: one that does already has its own timeline.
    const reservation = str(data['reservationInteractionId']);
    if (reservation && reservation !== rawId && !this.interaction(rawId)) {
      const previous = this.interaction(reservation);
      if (previous) this.rekey(previous, rawId);
    }
    const id = this.aliases.resolve(rawId);
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
      this.trackers.set(timeline, tracker);
      this.firstKeys.set(timeline, id);
      this.interactions.set(id, timeline);
    }
    // Requests sent for an id before it meant anything belong to what it means once it does.
    this.claim(rawId);
    // A reservation whose offer the capture missed: its id is this task's all the same.
    if (reservation && reservation !== rawId && !this.interaction(reservation)) {
      this.aliases.merge(reservation, id);
      this.claim(reservation);
    }
    // ContactMerged: the child's key, and every id that meant the child, now mean this interaction.
    const child = str(data['childInteractionId']);
    if (decoded.name === 'ContactMerged' && child && child !== id) {
      this.retire(child, timeline, frame);
      this.aliases.merge(child, id);
      this.claim(child);
    }
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

  /**
   * The interaction keyed `child` (still its own) is merged into `into` by the `ContactMerged` of
   * `frame`: its timeline ends there, kept whole under its key; it is no longer going on (no
   * reconnect, takeover or RONA is about it).
   */
  private retire(child: string, into: InteractionTimeline, frame: Frame): void {
    const merged = this.interactions.get(child);
    if (!merged || merged === into || merged.merged || this.aliases.resolve(child) !== child) return;
    merged.merged = { seq: frame.seq, t: frame.t, into: into.interactionId };
    // Nothing of it goes on under its own key: what was on (a hold, the recording) stops here.
    this.trackers.get(merged)?.closeAll(frame.seq, frame.t);
    this.active.delete(merged);
    this.onTimelineChange?.(merged);
  }

  /** The timeline keyed `previous.interactionId` is now keyed `id`, with its anomalies and old ids. */
  private rekey(previous: InteractionTimeline, id: string): void {
    const old = previous.interactionId;
    this.formerKeys.set(old, previous);
    this.retiredKeys.push(old);
    this.interactions.delete(old);
    moveAnomalies(this.byInteraction, old, id);
    previous.interactionId = id;
    this.interactions.set(id, previous);
    // The old key, and every id re-keyed or merged into it before, now mean the new key.
    this.aliases.rekey(old, id);
    previous.relatedIds.add(old);
  }

  private link(timeline: InteractionTimeline, ids: (string | undefined)[]): void {
    for (const id of ids) {
      if (!id || id === timeline.interactionId || timeline.relatedIds.has(id)) continue;
      timeline.relatedIds.add(id);
      const other = this.interaction(id);
      if (other && other !== timeline) {
        other.relatedIds.add(timeline.interactionId);
        this.onTimelineChange?.(other);
      }
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
    const { interaction: _snapshot, ...eventData } = (decoded.data ?? {}) as Record<string, unknown>;
    const marks = this.marksOf(timeline, decoded, eventData, frame);
    // A second delivery and a late event are shown where they arrived, and change no flag.
    const counts = marks?.duplicateOf === undefined && marks?.late === undefined;
    if (marks?.duplicateOf !== undefined) {
      snapshot = before.snapshot;
      changes = [];
    }
    const flags = counts
      ? deriveFlags(before.flags, decoded, decoded.interaction ? snapshot : undefined, frame.t, { agentId })
      : before.flags;
    const event: TimelineEvent = {
      seq: frame.seq,
      t: frame.t,
      eventTime: decoded.eventTime,
      name: decoded.name,
      info: decoded.info,
      data: eventData,
      changes,
      snapshot,
      hasSnapshot: decoded.interaction !== undefined && marks?.duplicateOf === undefined,
      flags,
    };
    if (marks) event.marks = marks;
    const ctx: EventContext = {
      decoded,
      interaction: timeline,
      history: timeline.events,
      event,
      before,
      agentId,
      sawConnectionStart: socket?.welcomeSeq !== undefined,
    };
    for (const rule of marks?.duplicateOf === undefined ? EVENT_RULES : DUPLICATE_RULES) {
      const hit = rule.check(ctx);
      if (hit) this.report(rule.id, rule.severity, frame.seq, timeline.interactionId, hit);
    }

    timeline.events.push(event);
    this.lastPlaced = timeline;
    timeline.snapshot = snapshot;
    timeline.flags = flags;
    timeline.mediaType = snapshot?.mediaType ?? timeline.mediaType;
    timeline.socket = socket?.id ?? timeline.socket;
    if (counts) this.trackers.get(timeline)!.update(before.flags, flags, frame.seq, frame.t);
    if (flags.ended) this.active.delete(timeline);
    else this.active.add(timeline);
    this.onTimelineChange?.(timeline);
    this.runSessionRules({ kind: 'event', event, timeline, session: this.view });
  }
}

/** What `marksOf` looks back for among an interaction's first `count` events. */
interface LookBack {
  count: number;
  /** The latest eventTime (ms, the server's clock), or -Infinity before any. */
  latestEventTime: number;
  /** The last event that ended the task and was not itself marked (a duplicate, late or reordered). */
  end?: TimelineEvent;
}

function captureOf(frame: Frame): SocketCapture {
  const source = sourceOf(frame);
  return source === 'cdp' ? 'cdp' : source === 'file' ? 'file' : 'page';
}
