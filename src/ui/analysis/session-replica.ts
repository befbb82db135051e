import type {
  AgentStateChange,
  Anomaly,
  FrameCounters,
  InteractionTimeline,
  SocketInfo,
  TrackedRequest,
  UnavailableRule,
  UnsolicitedResult,
  WorkerInfo,
} from '../../model';
import { emptyFrameCounters, moveAnomalies, requestAt, type MergedInto } from '../../model';
import { AliasIndex } from '../../model/aliases';
import type { Flags } from '../../model/flags';
import type { Interval } from '../../model/intervals';
import type { EventInfo, Interaction } from '../../protocol';
import type { FrameInfo } from '../frame-info';
import type { InteractionChanges, SessionData, RequestsData } from './session-data';
import { FrameInfoIndex } from './frame-info-index';
import { decodeSnapshot, SnapshotChain } from './lazy-events';
import type { SessionDelta } from './session-delta';

export { decodeSnapshot };

class RequestsReplica implements RequestsData {
  readonly requests: TrackedRequest[] = [];
  readonly byResultSeq = new Map<number, TrackedRequest>();
  readonly unsolicited: UnsolicitedResult[] = [];
  readonly unsolicitedSeqs = new Set<number>();
  revision = 0;

  /** Result events no request asked for, appended as the model found them. */
  addUnsolicited(results: readonly UnsolicitedResult[]): void {
    for (const result of results) {
      this.unsolicited.push(result);
      this.unsolicitedSeqs.add(result.seq);
    }
  }
  private readonly byId = new Map<string, TrackedRequest>();

  get(id: string): TrackedRequest | undefined {
    return this.byId.get(id);
  }

  /** A request, new or changed: changed ones keep their object (updated in place, like the model's). */
  put(request: TrackedRequest): void {
    let mine = this.byId.get(request.id);
    if (mine) Object.assign(mine, request);
    else {
      mine = request;
      this.byId.set(request.id, mine);
      this.requests.push(mine);
    }
    if (mine.resultSeq !== undefined) this.byResultSeq.set(mine.resultSeq, mine);
    if (mine.lateResultSeq !== undefined) this.byResultSeq.set(mine.lateResultSeq, mine);
  }
}

/**
 * An interaction as the replica keeps it: its events' snapshots as patches (`SnapshotChain`),
 * decoded when read, and who the customer is as the worker read it from the latest snapshot.
 */
export class ReplicaTimeline implements InteractionTimeline {
  readonly chain = new SnapshotChain();
  readonly events = this.chain.events;
  mediaType: string | undefined = undefined;
  relatedIds = new Set<string>();
  flags = undefined as unknown as Flags;
  intervals: Interval[] = [];
  socket: string | undefined = undefined;
  customer: string | undefined = undefined;
  merged: MergedInto | undefined = undefined;

  constructor(public interactionId: string) {}

  /** The latest snapshot: decoded on first read (nothing in the panel reads it but a test). */
  get snapshot(): Interaction | undefined {
    return this.chain.latest;
  }
}

/**
 * The UI thread's copy of the session the analysis worker keeps, built from its deltas
 * (`SessionDelta`) and read by the selectors exactly as they would read a `Session`. Objects are
 * updated in place, as the model updates its own: a timeline's events array grows, its flags are
 * replaced. Its events keep their snapshots as the patches the worker sent and materialise a
 * snapshot, and the field changes, when something reads them (`lazy-events.ts`), the latest too.
 */
export class SessionReplica implements SessionData {
  readonly interactions = new Map<string, ReplicaTimeline>();
  readonly anomalies: Anomaly[] = [];
  readonly severityCounts = { error: 0, warn: 0, info: 0 };
  readonly requests = { correlator: new RequestsReplica() };
  readonly agent: { agentId: string | undefined; states: AgentStateChange[] } = { agentId: undefined, states: [] };
  readonly sockets = new Map<string, SocketInfo>();
  latestSocket: SocketInfo | undefined;
  connections = 0;
  unavailableRules: readonly UnavailableRule[] = [];
  workers: ReadonlyMap<string, WorkerInfo> = new Map();
  counters: FrameCounters = emptyFrameCounters();
  /** What the model made of each analysed frame, by seq (the Frames tab). */
  readonly frameInfo = new FrameInfoIndex();

  private readonly byRef = new Map<number, ReplicaTimeline>();
  /** As `Session`'s: each key a re-key retired → its timeline. */
  private readonly formerKeys = new Map<string, ReplicaTimeline>();
  /** As `Session.requestOwner`: task requests by their seq → the interaction they belong to. */
  private readonly owners = new Map<number, ReplicaTimeline>();
  private readonly byInteraction = new Map<string, Anomaly[]>();
  private readonly infos = new Map<number, EventInfo>();
  /** The session's alias index, rebuilt by replaying its writes (`SessionDelta.aliases`). */
  private readonly aliases = new AliasIndex();
  /** The frame infos the deltas' `frameInfos` index (`SessionDelta.newFrameInfos`). */
  private frameInfoTable: FrameInfo[] = [];
  /** Since the last `takeInteractionChanges`: timelines a delta touched, and whether the list reordered. */
  private changed = new Set<InteractionTimeline>();
  private rebuild = false;

  /**
   * Touched timelines since the last call. The interaction list's rows are rebuilt from these
   * alone: a look at each of 10,527 rows per repaint cost 5.7 ms of the UI thread while a backlog
   * was analysed (issue 14 goal 3).
   */
  takeInteractionChanges(): InteractionChanges {
    const changes = { rebuild: this.rebuild, changed: this.changed };
    this.changed = new Set();
    this.rebuild = false;
    return changes;
  }

  /** As `Session.interaction`: the interaction a wire id means now, through re-keys and merges. */
  interaction(id: string): ReplicaTimeline | undefined {
    return this.interactions.get(this.aliases.resolve(id));
  }

  /** As `Session.timelineOf`: the interaction keyed `key`, now or before a re-key. */
  timelineOf(key: string): ReplicaTimeline | undefined {
    return this.interactions.get(key) ?? this.formerKeys.get(key);
  }

  /** As `Session.requestOwner`. */
  requestOwner(request: Pick<TrackedRequest, 'seq'>): ReplicaTimeline | undefined {
    return this.owners.get(request.seq);
  }

  /** The timeline an analysed frame's event went into (`FrameInfo.timeline`), if the frame info is kept. */
  timelineOfFrame(seq: number): ReplicaTimeline | undefined {
    const ref = this.frameInfo.get(seq)?.timeline;
    return ref === undefined ? undefined : this.byRef.get(ref);
  }

  /** As `Session.anomaliesOf`. */
  anomaliesOf(key: string): readonly Anomaly[] {
    return this.byInteraction.get(this.timelineOf(key)?.interactionId ?? key) ?? [];
  }

  /**
   * Applies one delta; deltas must come in the order they were taken. What the model made of
   * frames before `keepInfoFrom` (shed from the panel's log meanwhile) is not kept.
   */
  apply(delta: SessionDelta, keepInfoFrom = 0): void {
    for (const [id, info] of delta.infos) this.infos.set(id, info);
    // The model released before analysing this delta's frames (it sent what came before first).
    if (delta.releaseBefore !== undefined) this.releaseSnapshotsBefore(delta.releaseBefore);
    // Each event's text starts where the previous one's ended (`EventBody`), in delta order.
    let textAt = 0;
    for (const change of delta.timelines) {
      let timeline = this.byRef.get(change.ref);
      if (!timeline) {
        timeline = new ReplicaTimeline(change.interactionId);
        this.byRef.set(change.ref, timeline);
        this.interactions.set(change.interactionId, timeline);
      } else if (timeline.interactionId !== change.interactionId) {
        this.rekey(timeline, change.interactionId);
        // Re-keyed, it moved to the end of `interactions`.
        this.rebuild = true;
      }
      this.changed.add(timeline);
      timeline.mediaType = change.mediaType;
      timeline.socket = change.socket;
      if (change.relatedIds) timeline.relatedIds = new Set(change.relatedIds);
      timeline.intervals = change.intervals;
      timeline.customer = change.customer;
      if (change.merged) timeline.merged = change.merged;
      const chain = timeline.chain;
      for (const e of change.events) {
        const previous = chain.events.at(-1);
        chain.append(e, this.infos.get(e.info)!, e.flags === 0 ? previous!.flags : e.flags, delta.texts, textAt);
        if (typeof e.body === 'number') textAt = e.body;
      }
      const last = chain.events.at(-1);
      if (last) timeline.flags = last.flags;
    }
    if (delta.order) {
      this.rebuild = true;
      const byId = new Map(this.interactions);
      this.interactions.clear();
      for (const id of delta.order) {
        const timeline = byId.get(id);
        if (timeline) this.interactions.set(id, timeline);
      }
    }
    for (const write of delta.aliases ?? []) this.aliases.apply(write);
    for (const [key, ref] of delta.formerKeys ?? []) this.formerKeys.set(key, this.byRef.get(ref)!);
    for (const anomaly of delta.anomalies) {
      this.anomalies.push(anomaly);
      if (anomaly.interactionId === undefined) continue;
      // The model filed it under a key (`Session.report`): a merged child's is its own.
      const timeline = this.interactions.get(anomaly.interactionId);
      if (timeline) this.changed.add(timeline);
      const list = this.byInteraction.get(anomaly.interactionId);
      if (list) list.push(anomaly);
      else this.byInteraction.set(anomaly.interactionId, [anomaly]);
    }
    Object.assign(this.severityCounts, delta.severityCounts);
    this.agent.agentId = delta.agentId;
    for (const state of delta.agentStates) this.agent.states.push(state);
    for (const socket of delta.sockets) {
      const mine = this.sockets.get(socket.id);
      if (mine) Object.assign(mine, socket);
      else this.sockets.set(socket.id, socket);
    }
    this.latestSocket = delta.latestSocket === undefined ? undefined : this.sockets.get(delta.latestSocket);
    this.connections = delta.connections;
    this.unavailableRules = delta.unavailableRules;
    this.workers = this.keep(this.workers, delta.workers);
    this.counters = delta.counters;
    for (const request of delta.requests.changed) this.requests.correlator.put(request);
    this.requests.correlator.addUnsolicited(delta.requests.unsolicited);
    this.requests.correlator.revision = delta.requests.revision;
    for (const { seq, ref, claimed } of delta.requests.owners) {
      const timeline = this.byRef.get(ref)!;
      this.owners.set(seq, timeline);
      // Its anomalies were filed under its id while that meant nothing: the model moved them.
      const id = claimed ? requestAt(this.requests.correlator, seq)?.interactionId : undefined;
      if (id !== undefined) moveAnomalies(this.byInteraction, id, timeline.interactionId);
    }
    if (delta.frameInfoReset) this.frameInfoTable = [];
    const table = this.frameInfoTable;
    for (const info of delta.newFrameInfos) table.push(info);
    const { frameSeqs, frameInfos } = delta;
    for (let i = 0; i < frameSeqs.length; i++) {
      if (frameSeqs[i]! >= keepInfoFrom) this.frameInfo.set(frameSeqs[i]!, table[frameInfos[i]!]!);
    }
  }

  /**
   * Lets go of the snapshots of events before `seq`, exactly as `Session.releaseSnapshotsBefore`
   * does in the worker (it says so in its delta): the panel's heap stays bounded with the log's.
   */
  releaseSnapshotsBefore(seq: number): number {
    let count = 0;
    for (const timeline of this.byRef.values()) count += timeline.chain.release(seq);
    return count;
  }

  /** A map of small records by id, updated in place: an unchanged id keeps its object. */
  private keep<T extends { id: string }>(current: ReadonlyMap<string, T>, incoming: T[]): ReadonlyMap<string, T> {
    const next = new Map<string, T>();
    for (const item of incoming) {
      const mine = current.get(item.id);
      next.set(item.id, mine ? Object.assign(mine, item) : item);
    }
    return next;
  }

  /** A campaign task re-keyed on assignment: its anomalies follow it, as in the model. */
  private rekey(timeline: ReplicaTimeline, id: string): void {
    const old = timeline.interactionId;
    this.interactions.delete(old);
    timeline.interactionId = id;
    this.interactions.set(id, timeline);
    moveAnomalies(this.byInteraction, old, id);
  }
}
