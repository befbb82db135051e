import type { Frame } from '../../frame/frame';
import type {
  AgentStateChange,
  Anomaly,
  FrameCounters,
  InteractionTimeline,
  Session,
  SocketInfo,
  TimelineEvent,
  TrackedRequest,
  UnavailableRule,
  UnsolicitedResult,
  WorkerInfo,
} from '../../model';
import type { AliasWrite } from '../../model/aliases';
import { customerOf } from '../../model/customer';
import type { Flags } from '../../model/flags';
import type { Interval } from '../../model/intervals';
import type { EventMarks, MergedInto } from '../../model/timeline';
import type { Decoded, EventInfo } from '../../protocol';
import { frameInfoOf, type FrameInfo } from '../frame-info';

/*
 * What the analysis worker sends the UI after each slice of frames: only what changed since the
 * previous delta, so the UI's replica (session-replica.ts) costs O(change), never O(session).
 * Structured clone keeps object identity inside one message only; across messages the snapshots'
 * shared subtrees are kept shared by encoding each snapshot against the one before it (`SnapshotCode`).
 */

/**
 * A snapshot (or any JSON value) relative to the one before it in the same timeline:
 * `0` the same object; `{ v }` a new value as is; `{ p }` the previous object with the same keys
 * in the same order, only the listed keys changed (each coded against its previous value);
 * `{ o }` an object whose keys changed, rebuilt key by key in its own order.
 */
export type SnapshotCode = 0 | { v: unknown } | { p: [string, SnapshotCode][] } | { o: [string, SnapshotCode][] };

export interface EventDelta {
  seq: number;
  t: number;
  eventTime: number | undefined;
  name: string;
  /** The event's catalogue info, by number (`SessionDelta.infos` defines each number once). */
  info: number;
  /** The event's snapshot code and its own data fields (`EventBody`). */
  body: EventBody;
  /** Whether the code sets a state (is not 0): read without decoding the body. */
  sets: boolean;
  /**
   * The field changes, or `1`: the diff of this snapshot against the previous one, which the
   * replica computes itself (cheap there: unchanged subtrees are the same objects, skipped).
   */
  changes: TimelineEvent['changes'] | 1;
  hasSnapshot: boolean;
  /** `0`: the same flags object as the timeline's previous event. */
  flags: Flags | 0;
  marks?: EventMarks;
  /** The model had already let go of its snapshot (the code is then 0 and meaningless). */
  released?: true;
}

/**
 * An event's snapshot code and data as they cross: the end (bytes, exclusive) of their JSON text
 * `[code, data]` in the delta's `texts`, which starts where the previous event's text ended (0 for
 * the delta's first); or, when JSON would not keep one of them exactly (`exactJson`), the two as
 * they are.
 */
export type EventBody = number | { code: SnapshotCode; data: Readonly<Record<string, unknown>> };

export interface TimelineDelta {
  /** The producer's number for this timeline: stays when the interaction is re-keyed. */
  ref: number;
  interactionId: string;
  mediaType: string | undefined;
  socket: string | undefined;
  /**
   * Who the customer is, read from the latest snapshot (`customerOf`): the interaction list's row
   * shows it, and the replica decodes no snapshot until one is read (`lazy-events.ts`).
   */
  customer: string | undefined;
  /** Every related id, when the set grew. */
  relatedIds?: string[];
  /** Set once: a `ContactMerged` folded it into another interaction (`InteractionTimeline.merged`). */
  merged?: MergedInto;
  intervals: Interval[];
  /** Events appended since the previous delta, in order. */
  events: EventDelta[];
}

export interface RequestsDelta {
  /** Requests that are new or changed (pending, answered, timed out, late), whole. */
  changed: TrackedRequest[];
  /** Result events no captured request asked for, new since the previous delta. */
  unsolicited: UnsolicitedResult[];
  /** The correlator's change count (what the panel's request rows key on). */
  revision: number;
  /**
   * Task requests whose interaction was decided since the previous delta (`Session.requestOwner`):
   * the seq of the request frame and the timeline's `ref`; `claimed` when it was decided after it
   * was sent (its id came to mean an interaction later), so its anomalies moved there from its id.
   */
  owners: RequestOwner[];
}

/** One entry of `RequestsDelta.owners`. */
export interface RequestOwner {
  seq: number;
  ref: number;
  claimed?: true;
}

export interface SessionDelta {
  /** Event infos first seen in this delta, by number. */
  infos: [number, EventInfo][];
  /** Timelines that changed, in the order they first changed. */
  timelines: TimelineDelta[];
  /** The interactions' keys in order, sent only when a re-key moved one (rare). */
  order?: string[];
  /**
   * The alias writes (re-keys, merges: `Session.onAliasWrite`) since the previous delta, in order;
   * the replica replays them on its own `AliasIndex`. Only what is new crosses: a capture with
   * thousands of re-keyed campaign tasks sent its whole alias table with every delta that added one.
   */
  aliases?: AliasWrite[];
  /** Keys retired by a re-key since the previous delta, each with its timeline's `ref` (`Session.timelineOf`). */
  formerKeys?: [string, number][];
  anomalies: Anomaly[];
  severityCounts: { error: number; warn: number; info: number };
  agentId: string | undefined;
  agentStates: AgentStateChange[];
  /**
   * Sockets new or changed (each changes only with a frame of it, which it counts), whole: new ones
   * in the session's order, the others in the order they counted a frame since the previous delta.
   */
  sockets: SocketInfo[];
  latestSocket: string | undefined;
  connections: number;
  unavailableRules: readonly UnavailableRule[];
  /** Every worker of the page, whole (few). */
  workers: WorkerInfo[];
  counters: FrameCounters;
  requests: RequestsDelta;
  /**
   * The model let go of the snapshots of events before this seq (the panel's log shed their
   * frames) before it analysed this delta's frames: the replica releases the same ones first.
   */
  releaseBefore?: number;
  /** What the model made of each frame, by seq: an index into the frame info table (`newFrameInfos`). */
  frameSeqs: number[];
  frameInfos: number[];
  /**
   * The frame infos first seen in this delta, appended to the table the indexes point into (after
   * clearing it when `frameInfoReset`). Each distinct info crosses once: per frame only a number
   * does, so the panel's thread no longer deserialises an object and its strings per frame.
   */
  newFrameInfos: FrameInfo[];
  frameInfoReset?: true;
  /**
   * The events' bodies as UTF-8 JSON (`EventBody`), transferred, not copied: the replica keeps
   * them as they came, bytes outside the panel's JS heap, and parses an event's when something
   * reads its snapshot or data. Kept as strings, they were most of the replica's growth (issue 14
   * goal 3: what fills the old generation, so its major GCs come often).
   */
  texts: Uint8Array;
}

/** Distinct frame infos numbered before the table starts afresh (at a delta's start), bounding both sides. */
export const FRAME_INFO_TABLE_SIZE = 16_384;
/**
 * Characters of the table's keys (name, category and interaction id) before it starts afresh, as
 * for `FRAME_INFO_TABLE_SIZE`: the table outlives the frames it describes (the hub sheds them), so
 * a capture naming an event anew in each large frame must not keep 16,384 of those names on both
 * sides. A shift's infos (about 85 characters each) fill the table by count first.
 */
export const FRAME_INFO_TABLE_CHARS = 4 << 20;

/** One key per distinct info; each field's length leads it (-1: absent), so wire characters can't make two infos one. */
export function frameInfoKey(info: FrameInfo): string {
  const { name, category, interactionId } = info;
  return `${info.kind} ${info.timeline ?? -1} ${name?.length ?? -1} ${name ?? ''}${category?.length ?? -1} ${category ?? ''}${interactionId?.length ?? -1} ${interactionId ?? ''}`;
}

const encoder = new TextEncoder();

/** UTF-8 texts appended one after another into one buffer, taken whole (a delta's `texts`). */
export class TextPack {
  private bytes = new Uint8Array(1 << 16);
  private length = 0;

  /** Appends `text`; returns where it ends (bytes). */
  add(text: string): number {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    const need = this.length + text.length * 3;
    if (need > this.bytes.length) {
      const grown = new Uint8Array(Math.max(need, this.bytes.length * 2));
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    this.length += encoder.encodeInto(text, this.bytes.subarray(this.length)).written;
    return this.length;
  }

  /** Everything added since the last take, in a buffer of its own (to transfer); starts afresh. */
  take(): Uint8Array {
    const out = this.bytes.slice(0, this.length);
    this.length = 0;
    // One huge event's text (a 10 MB frame) must not keep its buffer in the worker for good.
    if (this.bytes.length > 1 << 22) this.bytes = new Uint8Array(1 << 16);
    return out;
  }
}

/**
 * A value's JSON text, or undefined when parsing it back would not give the same value: an
 * undefined value (dropped or turned into null), -0 (0), NaN or ±Infinity (null), an object that is not plain (a Map's
 * is `{}`, a Date's a string, an own `toJSON` its result), a function, symbol or bigint. A refused
 * value crosses by structured clone, which carries all of these but functions and symbols: the
 * values given here come from JSON.parse, the schema walker and the model, which make neither.
 */
export function exactJson(value: unknown): string | undefined {
  // Checked by a walk of its own, then stringified without a replacer: a replacer calls back into
  // JS for every key and keeps V8 off its fast serialiser (2.1 s of the analysis worker's 28.5 s
  // over the panel bench's backlog, issue 14 goal 3).
  return keepsExactly(value) ? JSON.stringify(value) : undefined;
}

function keepsExactly(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && (value !== 0 || 1 / value > 0);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!keepsExactly(value[i])) return false;
        return true;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) if (!keepsExactly(record[key])) return false;
      return true;
    }
    default:
      return false;
  }
}

/** Encodes `next` against `prev`, assuming unchanged subtrees are the same objects (diffSnapshots shares them). */
export function encodeSnapshot(prev: unknown, next: unknown): SnapshotCode {
  if (prev === next) return 0;
  if (isPlainObject(prev) && isPlainObject(next)) {
    const keys = Object.keys(next);
    const before = Object.keys(prev);
    if (keys.length === before.length && keys.every((key, i) => key === before[i])) {
      const patch: [string, SnapshotCode][] = [];
      for (const key of keys) if (prev[key] !== next[key]) patch.push([key, encodeSnapshot(prev[key], next[key])]);
      return { p: patch };
    }
    const out: [string, SnapshotCode][] = [];
    for (const key of keys) out.push([key, encodeSnapshot(ownValue(prev, key), next[key])]);
    return { o: out };
  }
  return { v: next };
}

type Plain = Record<string, unknown>;
const isPlainObject = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const ownValue = (object: Plain, key: string): unknown => (Object.hasOwn(object, key) ? object[key] : undefined);

interface SentTimeline {
  ref: number;
  id: string;
  events: number;
  related: number;
  merged: boolean;
  snapshot: unknown;
  flags: Flags | undefined;
  /** The last event sent was released: the next one's changes are sent, not recomputed. */
  broken: boolean;
}

/**
 * Watches a Session and, on `take()`, returns what changed since the previous take. Feed it every
 * frame's result with `noteFrame`. Bookkeeping is per changed object: a delta never walks history.
 */
export class DeltaProducer {
  private readonly sent = new Map<InteractionTimeline, SentTimeline>();
  private touched = new Set<InteractionTimeline>();
  private nextRef = 1;
  private readonly infoIds = new Map<EventInfo, number>();
  private anomaliesSent = 0;
  private unsolicitedSent = 0;
  private agentStatesSent = 0;
  private requestsSent = 0;
  private resolvedSent = 0;
  private ownersSent = 0;
  private retiredSent = 0;
  /** Alias writes since the previous take (`SessionDelta.aliases`). */
  private aliasWrites: AliasWrite[] = [];
  /** Requests that may still change: pending, or timed out without a late result yet. */
  private open = new Set<TrackedRequest>();
  private answered = new Set<string>();
  /**
   * The sockets that counted a frame since the previous take: every change of a socket comes with
   * a frame of it, so only those can have changed. A delta that looked at every socket cost
   * O(sockets): 1.1 s of the analysis worker's 47 s over the panel bench's backlog of 13,158
   * sockets (issue 14 goal 3).
   */
  private readonly framedSockets = new Set<SocketInfo>();
  private releaseBefore: number | undefined;
  private frameSeqs: number[] = [];
  private frameInfos: number[] = [];
  /** The frame info table as the replica has it after this delta: its key → index. */
  private readonly frameInfoIds = new Map<string, number>();
  private newFrameInfos: FrameInfo[] = [];
  private frameInfoReset = false;
  /** Characters of `frameInfoIds`' keys. */
  private frameInfoChars = 0;
  private readonly texts = new TextPack();

  constructor(private readonly session: Session) {
    session.onTimelineChange = (timeline) => this.touched.add(timeline);
    // A session that already has aliases: the replica, empty, gets them as merges into their keys
    // (what each id means now is all a replica reads; later writes then replay as they were made).
    for (const [id, key] of session.aliasIds) this.aliasWrites.push(['merge', id, key]);
    session.onAliasWrite = (write) => this.aliasWrites.push(write);
    // Likewise its sockets, which the first delta then sends whole.
    for (const socket of session.sockets.values()) this.framedSockets.add(socket);
    session.onSocketCount = (socket) => this.framedSockets.add(socket);
  }

  /** One frame went through the session: record what the Frames tab shows of it. */
  noteFrame(frame: Frame, decoded: Decoded): void {
    this.frameSeqs.push(frame.seq);
    // Where its event went, as a ref: the Frames tab shows the event in that timeline, whatever
    // its id means by then (a merge retires it).
    const placed = this.session.placed;
    const info = frameInfoOf(decoded, placed && this.sentOf(placed).ref);
    const key = frameInfoKey(info);
    let id = this.frameInfoIds.get(key);
    if (id === undefined) {
      id = this.frameInfoIds.size;
      this.frameInfoIds.set(key, id);
      this.frameInfoChars += key.length;
      this.newFrameInfos.push(info);
    }
    this.frameInfos.push(id);
    // A response changes the request it answers, whenever it comes.
    if (frame.kind === 'response') this.answered.add(frame.socket);
  }

  /** The session released snapshots before `seq` (Session.releaseSnapshotsBefore). */
  noteRelease(seq: number): void {
    this.releaseBefore = Math.max(this.releaseBefore ?? 0, seq);
  }

  /** Frames noted since the previous take. */
  get frames(): number {
    return this.frameSeqs.length;
  }

  /** Whether anything was analysed since the previous take. */
  get dirty(): boolean {
    return this.frameSeqs.length > 0 || this.touched.size > 0;
  }

  take(): SessionDelta {
    const session = this.session;
    const infos: [number, EventInfo][] = [];
    const timelines: TimelineDelta[] = [];
    let rekeyed = false;
    for (const timeline of this.touched) {
      const sent = this.sentOf(timeline);
      if (sent.id !== timeline.interactionId) {
        rekeyed = true;
        sent.id = timeline.interactionId;
      }
      const events: EventDelta[] = [];
      for (let i = sent.events; i < timeline.events.length; i++) {
        const event = timeline.events[i]!;
        let info = this.infoIds.get(event.info);
        if (info === undefined) {
          info = this.infoIds.size + 1;
          this.infoIds.set(event.info, info);
          infos.push([info, event.info]);
        }
        // Released before it was sent (the log shed its frame meanwhile): no snapshot to code,
        // and the next event's changes cannot be recomputed against its predecessor's.
        const released = event.released === true;
        const code = released ? 0 : encodeSnapshot(sent.snapshot, event.snapshot);
        const text = exactJson([code, event.data]);
        const delta: EventDelta = {
          seq: event.seq,
          t: event.t,
          eventTime: event.eventTime,
          name: event.name,
          info,
          body: text === undefined ? { code, data: event.data } : this.texts.add(text),
          sets: code !== 0,
          // Non-empty only for a snapshot diffed against the previous event's (session.ts applyEvent).
          changes: event.changes.length > 0 && event.hasSnapshot && !released && !sent.broken ? 1 : event.changes,
          hasSnapshot: event.hasSnapshot,
          flags: event.flags === sent.flags ? 0 : event.flags,
        };
        if (event.marks) delta.marks = event.marks;
        if (released) delta.released = true;
        else sent.snapshot = event.snapshot;
        sent.broken = released;
        sent.flags = event.flags;
        events.push(delta);
      }
      sent.events = timeline.events.length;
      const delta: TimelineDelta = {
        ref: sent.ref,
        interactionId: timeline.interactionId,
        mediaType: timeline.mediaType,
        socket: timeline.socket,
        customer: customerOf(timeline.snapshot),
        intervals: timeline.intervals.map((interval) => ({ ...interval })),
        events,
      };
      if (timeline.relatedIds.size !== sent.related) {
        sent.related = timeline.relatedIds.size;
        delta.relatedIds = [...timeline.relatedIds];
      }
      if (timeline.merged && !sent.merged) {
        sent.merged = true;
        delta.merged = { ...timeline.merged };
      }
      timelines.push(delta);
    }
    this.touched = new Set();

    const delta: SessionDelta = {
      infos,
      timelines,
      anomalies: session.anomalies.slice(this.anomaliesSent),
      severityCounts: { ...session.severityCounts },
      agentId: session.agent.agentId,
      agentStates: session.agent.states.slice(this.agentStatesSent),
      sockets: this.changedSockets(),
      latestSocket: session.latestSocket?.id,
      connections: session.connections,
      unavailableRules: session.unavailableRules,
      workers: [...session.workers.values()],
      counters: { ...session.counters },
      requests: {
        changed: this.changedRequests(),
        unsolicited: session.requests.correlator.unsolicited.slice(this.unsolicitedSent),
        revision: session.requests.correlator.revision,
        owners: this.newOwners(),
      },
      frameSeqs: this.frameSeqs,
      frameInfos: this.frameInfos,
      newFrameInfos: this.newFrameInfos,
      texts: this.texts.take(),
    };
    if (this.frameInfoReset) delta.frameInfoReset = true;
    // Full: the next delta starts a new table (never within one, whose indexes share one table).
    this.frameInfoReset =
      this.frameInfoIds.size >= FRAME_INFO_TABLE_SIZE || this.frameInfoChars >= FRAME_INFO_TABLE_CHARS;
    if (this.frameInfoReset) {
      this.frameInfoIds.clear();
      this.frameInfoChars = 0;
    }
    if (this.releaseBefore !== undefined) {
      delta.releaseBefore = this.releaseBefore;
      this.releaseBefore = undefined;
    }
    const aliased = this.aliasWrites.length > 0;
    if (aliased) {
      delta.aliases = this.aliasWrites;
      this.aliasWrites = [];
    }
    const retired = session.retiredKeys;
    if (this.retiredSent < retired.length) {
      delta.formerKeys = retired.slice(this.retiredSent).map((key) => [key, this.sentOf(session.timelineOf(key)!).ref]);
      this.retiredSent = retired.length;
    }
    // A timeline re-keyed before it was first sent moved too (a re-key adds an alias): without the
    // order, the replica's list would depend on where deltas happened to split the frames.
    if (rekeyed || aliased) delta.order = [...session.interactions.keys()];
    this.anomaliesSent = session.anomalies.length;
    this.unsolicitedSent = session.requests.correlator.unsolicited.length;
    this.agentStatesSent = session.agent.states.length;
    this.frameSeqs = [];
    this.frameInfos = [];
    this.newFrameInfos = [];
    return delta;
  }

  /** The producer's record of a timeline, numbered when first seen (a frame's event, or a change). */
  private sentOf(timeline: InteractionTimeline): SentTimeline {
    let sent = this.sent.get(timeline);
    if (!sent) {
      sent = {
        ref: this.nextRef++,
        id: timeline.interactionId,
        events: 0,
        related: 0,
        merged: false,
        snapshot: undefined,
        flags: undefined,
        broken: false,
      };
      this.sent.set(timeline, sent);
    }
    return sent;
  }

  private newOwners(): RequestOwner[] {
    const owned = this.session.owned;
    const owners: RequestOwner[] = [];
    for (; this.ownersSent < owned.length; this.ownersSent++) {
      const { request, claimed } = owned[this.ownersSent]!;
      const owner: RequestOwner = { seq: request.seq, ref: this.sentOf(this.session.requestOwner(request)!).ref };
      if (claimed) owner.claimed = true;
      owners.push(owner);
    }
    return owners;
  }

  private changedSockets(): SocketInfo[] {
    // New sockets in the order the session added them (each counts its first frame then); the
    // replica keeps the place of those it has.
    const changed = [...this.framedSockets];
    this.framedSockets.clear();
    return changed;
  }

  private changedRequests(): TrackedRequest[] {
    const { correlator, resolved } = this.session.requests;
    const changed = new Set<TrackedRequest>(this.open);
    for (let i = this.requestsSent; i < correlator.requests.length; i++) changed.add(correlator.requests[i]!);
    for (let i = this.resolvedSent; i < resolved.length; i++) changed.add(resolved[i]!);
    for (const id of this.answered) {
      const request = correlator.get(id);
      if (request) changed.add(request);
    }
    this.requestsSent = correlator.requests.length;
    this.resolvedSent = resolved.length;
    this.answered.clear();
    this.open = new Set();
    for (const request of changed) {
      if (request.outcome === 'pending' || (request.outcome === 'timed-out' && request.lateResultSeq === undefined))
        this.open.add(request);
    }
    return [...changed];
  }
}
