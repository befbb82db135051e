import { diffSnapshots, type FieldChange, type TimelineEvent } from '../../model';
import type { Flags } from '../../model/flags';
import type { EventMarks } from '../../model/timeline';
import type { EventInfo, Interaction } from '../../protocol';
import type { EventDelta, SnapshotCode } from './session-delta';

/*
 * The replica's events keep their snapshot as the patch the worker sent (`SnapshotCode`), a
 * timeline's first snapshot too, and their `data` fields, as the UTF-8 JSON text the delta brought
 * (`SessionDelta.texts`: bytes outside the JS heap), and materialise a snapshot, the field changes
 * and the data only when something reads them: the details of the selected event, the rows on
 * screen, a search. Nothing is decoded as it arrives, not even each timeline's latest snapshot
 * (the interaction list reads the customer the worker sends). Decoded snapshots are trees of small
 * objects that every major GC of the panel's thread marks, and texts on the heap are what fills
 * its old generation, so that major GCs come often (issue 14 goal 3; in Node, 20,000 events: a
 * full GC 48 → 24 ms, the heap 85 → 33 MB). What is read is the same: a lazy event's `snapshot`,
 * `changes` and `data` equal those the eager replica (and the `Session`) holds.
 */

/**
 * Every this many snapshot-setting events a read decodes through, it keeps one state: a read
 * decodes at most this many patches past one kept before, and a timeline never read keeps none.
 */
export const CHECKPOINT_EVERY = 32;

/** Not materialised (yet, or any more). */
const UNSET: unique symbol = Symbol('unset');
type Memo = unknown | typeof UNSET;

/** The changes of the many events that carry no snapshot: one frozen array, not one each. */
const NO_CHANGES = Object.freeze([]) as unknown as FieldChange[];

/**
 * Why an event's materialised state stays: `No` not at all (a step of a read past it);
 * `Checkpoint` for good (`CHECKPOINT_EVERY`), released or not; `Read` something read it, kept (one
 * object for every read) until released.
 */
const Kept = { No: 0, Checkpoint: 1, Read: 2 } as const;
type Kept = (typeof Kept)[keyof typeof Kept];

/** The code of an event that sets a state, in its text (`EventBody`). */
const IN_TEXT = 1;
/** An event's code as the replica keeps it: undefined when it arrived released. */
type KeptCode = 0 | typeof IN_TEXT | Exclude<SnapshotCode, 0> | undefined;

/** Sets a snapshot: a code that is neither absent (the event arrived released) nor 0 (the same object as before). */
const sets = (code: KeptCode): code is typeof IN_TEXT | Exclude<SnapshotCode, 0> => code !== undefined && code !== 0;

const decoder = new TextDecoder();

/**
 * One timeline's snapshots as a chain of patches. The state after event `i` is the state after
 * the last event at or before `i` whose code set one (its "owner"), decoded from the nearest
 * earlier state kept: a checkpoint or one a reader materialised before.
 */
export class SnapshotChain {
  readonly events: ReplicaEvent[] = [];
  /** Index of the first event whose state is defined (-1: none yet). */
  private firstOwner = -1;
  /** Index of the event that set the latest state (-1: none yet); from it on, events share it. */
  private latestOwner = -1;
  /** Events before this index were visited by a release (`release`). */
  private releasedUpTo = 0;
  /** A released event whose state the events from `releasedUpTo` on still share (-1: none): its memo stays. */
  private spared = -1;

  /** Appends an event as the delta gives it; returns it. `info` and `flags` already resolved. */
  append(e: EventDelta, info: EventInfo, flags: Flags, texts: Uint8Array, textAt: number): ReplicaEvent {
    const index = this.events.length;
    const event = new ReplicaEvent(this, index, e, info, flags, texts, textAt);
    const code = event.code;
    if (sets(code)) {
      this.latestOwner = index;
      // Only a whole value of undefined (not JSON, so never packed) leaves the state undefined.
      if (this.firstOwner < 0 && !(typeof code === 'object' && 'v' in code && code.v === undefined))
        this.firstOwner = index;
    }
    this.events.push(event);
    return event;
  }

  /** The state after the latest event: the timeline's snapshot, decoded when read (then kept). */
  get latest(): Interaction | undefined {
    return this.stateAt(this.latestOwner) as Interaction | undefined;
  }

  /** Whether event `index` (not released) has a state, without materialising it. */
  defined(index: number): boolean {
    return this.firstOwner >= 0 && index >= this.firstOwner;
  }

  /** The state after event `index` (-1: before the first), whether or not that event was released since. */
  stateAt(index: number): unknown {
    const events = this.events;
    let owner = index;
    while (owner >= 0 && !sets(events[owner]!.code)) owner--;
    if (owner < 0) return undefined;
    const target = events[owner]!;
    // Read for an event that holds it: kept from now on (one object for every read). Only a step
    // to a later state (a released event's, read for the next one's changes) is not kept.
    const keep = !target.released || events[index]!.released !== true;
    if (target.memo !== UNSET) {
      if (keep && target.kept === Kept.No) target.kept = Kept.Read;
      return target.memo;
    }
    let from = owner - 1;
    while (from >= 0 && events[from]!.memo === UNSET) from--;
    let state = from >= 0 ? events[from]!.memo : undefined;
    let decoded = 0;
    for (let k = from + 1; k < owner; k++) {
      const step = events[k]!;
      if (!sets(step.code)) continue;
      state = decodeSnapshot(state, step.snapshotCode());
      // A long way decoded: leave a checkpoint, so the next read near here starts from it.
      if (++decoded % CHECKPOINT_EVERY === 0) {
        step.memo = state;
        step.kept = Kept.Checkpoint;
      }
    }
    state = decodeSnapshot(state, target.snapshotCode());
    if (keep) {
      target.memo = state;
      if (target.kept === Kept.No) target.kept = Kept.Read;
    }
    return state;
  }

  /**
   * Lets go of the snapshots of events before `seq`, as `releaseSnapshotsBefore` (model/timeline.ts)
   * does for the model: all but those sharing the latest, and those that had none. Their patches
   * stay (later events' states and changes are decoded through them), their memos go, but for the
   * state of events still held: the first event past the released ones may share the state a
   * released one set, and the model's event keeps that object, so the replica's reads one too.
   */
  release(seq: number): number {
    const events = this.events;
    let count = 0;
    let i = this.releasedUpTo;
    let spared = this.spared;
    for (; i < events.length && events[i]!.seq < seq; i++) {
      const event = events[i]!;
      // A newer state: no event from here on shares the one spared.
      if (sets(event.code) && spared >= 0) spared = this.forget(spared);
      if (event.released || !this.defined(i)) continue;
      // The latest state's owner: it and every event after it hold the latest, kept until a newer
      // one arrives; the next release starts here (as the model's does).
      if (i >= this.latestOwner) break;
      event.released = true;
      if (sets(event.code)) spared = i;
      count++;
    }
    // Shared by no event still held: the rest are released, or the next one sets its own state.
    if (spared >= 0 && (i >= events.length || sets(events[i]!.code))) spared = this.forget(spared);
    this.spared = spared;
    this.releasedUpTo = i;
    return count;
  }

  /** Lets go of a released event's materialised state (a checkpoint stays); returns -1. */
  private forget(index: number): -1 {
    const event = this.events[index]!;
    if (event.kept !== Kept.Checkpoint) event.memo = UNSET;
    return -1;
  }
}

/**
 * An event of the replica: reads as a `TimelineEvent` (the selectors cannot tell), its `snapshot`
 * and `changes` materialised on first read. A materialised snapshot is kept on the event that set
 * it, so the events sharing it read one object, as in the model.
 */
export class ReplicaEvent implements TimelineEvent {
  seq: number;
  t: number;
  eventTime: number | undefined;
  name: string;
  info: EventInfo;
  hasSnapshot: boolean;
  flags: Flags;
  marks?: EventMarks;
  released?: true;
  /** The patch against the previous state (`IN_TEXT`: in the text); undefined: arrived released (sets nothing). */
  readonly code: KeptCode;
  /** The state after this event, when materialised (only on an event whose code sets one). */
  memo: Memo = UNSET;
  /** Whether `memo` stays once a newer state came. */
  kept: Kept = Kept.No;
  /** The changes as sent, or computed on first read. */
  private changeList: FieldChange[] | typeof UNSET;
  /** The event's data fields, once read (or as sent, when not in the text). */
  private dataValue: Readonly<Record<string, unknown>> | undefined;
  /** The delta's texts and where this event's `[code, data]` lies in them (bytes); none when sent as objects. */
  private readonly texts: Uint8Array | undefined;
  private readonly textAt: number;
  private readonly textEnd: number;

  constructor(
    private readonly chain: SnapshotChain,
    private readonly index: number,
    e: EventDelta,
    info: EventInfo,
    flags: Flags,
    texts: Uint8Array,
    textAt: number,
  ) {
    this.seq = e.seq;
    this.t = e.t;
    this.eventTime = e.eventTime;
    this.name = e.name;
    this.info = info;
    this.hasSnapshot = e.hasSnapshot;
    this.flags = flags;
    if (e.marks) this.marks = e.marks;
    if (e.released) this.released = true;
    const body = e.body;
    if (typeof body === 'number') {
      this.texts = texts;
      this.textAt = textAt;
      this.textEnd = body;
      this.code = e.released ? undefined : e.sets ? IN_TEXT : 0;
    } else {
      this.texts = undefined;
      this.textAt = this.textEnd = 0;
      this.dataValue = body.data;
      this.code = e.released ? undefined : body.code;
    }
    this.changeList = e.changes === 1 ? UNSET : e.changes.length === 0 ? NO_CHANGES : e.changes;
  }

  /** The code that sets this event's state (call only when it sets one): parsed from the text each time. */
  snapshotCode(): SnapshotCode {
    const code = this.code;
    if (code !== IN_TEXT) return code ?? 0;
    return this.readText()[0];
  }

  /** Parses this event's text; keeps its data (what reads it reads it again: the rows on screen). */
  private readText(): [SnapshotCode, Readonly<Record<string, unknown>>] {
    const body = JSON.parse(decoder.decode(this.texts!.subarray(this.textAt, this.textEnd))) as [
      SnapshotCode,
      Readonly<Record<string, unknown>>,
    ];
    this.dataValue ??= body[1];
    return body;
  }

  /** The interaction after this event (undefined once released, or before its first snapshot). */
  get snapshot(): Interaction | undefined {
    if (this.released) return undefined;
    return this.chain.stateAt(this.index) as Interaction | undefined;
  }

  /** Field changes against the previous snapshot: decoded and diffed on first read, then kept. */
  get changes(): FieldChange[] {
    if (this.changeList === UNSET) {
      // The previous state first: this one is then decoded from it and shares its subtrees.
      const before = this.chain.stateAt(this.index - 1);
      this.changeList = diffSnapshots(before, this.chain.stateAt(this.index)).changes;
    }
    return this.changeList;
  }

  /** The event's own `data` fields: parsed on first read (the rows on screen), then kept. */
  get data(): Readonly<Record<string, unknown>> {
    return this.dataValue ?? this.readText()[1];
  }

  /** Whether `snapshot` is defined, without materialising it. */
  get holdsSnapshot(): boolean {
    return !this.released && this.chain.defined(this.index);
  }
}

type Plain = Record<string, unknown>;

/** Plain assignment of "__proto__" would set the prototype instead of the wire's own key. */
function setOwn(target: Plain, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/**
 * The inverse of `encodeSnapshot`: rebuilds a value, reusing `prev`'s subtrees where the code says
 * so. Objects are made by a spread or `Object.fromEntries`, never key by key: an object given
 * more than about 16 keys one at a time becomes a slow dictionary object in V8 (as in
 * field-diff.ts), slower to read and to collect. Both keep "__proto__" an own key.
 */
export function decodeSnapshot(prev: unknown, code: SnapshotCode): unknown {
  if (code === 0) return prev;
  if ('v' in code) return code.v;
  if ('p' in code) {
    const base = prev as Plain;
    const out: Plain = { ...base };
    // Stores to keys the spread already made: the object keeps its fast shape.
    for (const [key, child] of code.p) setOwn(out, key, decodeSnapshot(base[key], child));
    return out;
  }
  const base = typeof prev === 'object' && prev !== null && !Array.isArray(prev) ? (prev as Plain) : undefined;
  return Object.fromEntries(
    code.o.map(([key, child]) => [
      key,
      decodeSnapshot(base && Object.hasOwn(base, key) ? base[key] : undefined, child),
    ]),
  );
}
