import type { DecodedEvent, EventInfo, Interaction } from '../protocol';
import type { FieldChange } from './field-diff';
import type { Flags } from './flags';
import type { Interval } from './intervals';

/** One event in an interaction's timeline, with what it changed and the flags after it. */
export interface TimelineEvent {
  seq: number;
  /** Capture time (epoch ms). */
  t: number;
  /** `data.eventTime` as sent, when it was. */
  eventTime: number | undefined;
  name: string;
  info: EventInfo;
  /** The event's own `data` fields (without the snapshot): mediaResourceId, reason, … */
  data: Readonly<Record<string, unknown>>;
  /** Field changes of the snapshot against the interaction's previous one; empty without a snapshot. */
  changes: FieldChange[];
  /** The interaction after this event (shares unchanged subtrees with the one before). */
  snapshot: Interaction | undefined;
  /** Its frame was shed and its snapshot let go (`Session.releaseSnapshotsBefore`). */
  released?: true;
  /** Whether this event carried the snapshot (otherwise `snapshot` is the previous one). */
  hasSnapshot: boolean;
  flags: Flags;
  /** How it arrived, when not plainly; absent for most events. */
  marks?: EventMarks;
}

/** Marks on an event shown where it arrived (issue 10 kinds 4 and 6). */
export interface EventMarks {
  /** The same event delivered again (same trackingId, or same name and eventTime): the seq of the first. Counted once. */
  duplicateOf?: number;
  /** Arrived after the task was finished and does not reopen it: the seq of the event that ended it. */
  late?: number;
  /** Its eventTime is earlier than that of an event that arrived before it: that event's seq. */
  reordered?: number;
}

export interface InteractionTimeline {
  interactionId: string;
  mediaType: string | undefined;
  /** Ids of interactions this one is linked with (main, parent, child, consult, re-keyed, merged). */
  relatedIds: Set<string>;
  events: TimelineEvent[];
  snapshot: Interaction | undefined;
  flags: Flags;
  intervals: Interval[];
  /** The socket of its latest event: a reconnect is noticed by its events moving to a new one. */
  socket: string | undefined;
  /**
   * A `ContactMerged` folded this interaction into another (protocol doc §5.1 check 11): its own
   * events end there, and its ids mean the other one from then on. `into` is the other's key at
   * the merge (`timelineOf` follows a later re-key of it).
   */
  merged?: MergedInto;
}

/** Where and when a merged interaction went (`InteractionTimeline.merged`). */
export interface MergedInto {
  /** The `ContactMerged` event (in the other interaction's timeline). */
  seq: number;
  t: number;
  /** The key of the interaction it was merged into, at the merge. */
  into: string;
}

/**
 * When the interaction last ended (capture time, epoch ms): the first event of the run of ended
 * events its timeline ends with; undefined while it is live. A contact that a re-offerable end
 * (RONA) ended and a new offer started again was live in between, so only its last end counts.
 */
export function lastEndedAt(timeline: Pick<InteractionTimeline, 'events' | 'flags'>): number | undefined {
  if (!timeline.flags.ended) return undefined;
  const { events } = timeline;
  let i = events.length;
  while (i > 0 && events[i - 1]!.flags.ended) i--;
  return events[i]?.t;
}

/** What every rule looks at for one event, before and after it is applied. */
export interface EventContext {
  decoded: DecodedEvent;
  interaction: InteractionTimeline;
  /** The interaction's events before this one. */
  history: readonly TimelineEvent[];
  event: TimelineEvent;
  before: { snapshot: Interaction | undefined; flags: Flags };
  /** The agent this desktop belongs to (Welcome / the event's `agentId`). */
  agentId: string | undefined;
  /** Whether this socket's Welcome was captured: then the start of every task should be, too. */
  sawConnectionStart: boolean;
}

/**
 * Lets go of the snapshots of events before `seq` (the capture shed their frames), all but each
 * interaction's latest: the next snapshot is diffed against it and the list shows it. Event names,
 * data, field changes and flags stay. `released` remembers, per timeline, how far it got: up to
 * the first event holding the latest snapshot, which a later release lets go of once a newer one
 * arrived (moving past it kept one snapshot per timeline per shed for good). Each event is
 * visited about once over a shift. Returns how many events lost their snapshot. The worker's
 * Session and the panel's replica (lazy-events.ts) both run it, so they release the same ones.
 */
export function releaseSnapshotsBefore(
  timelines: Iterable<InteractionTimeline>,
  released: Map<InteractionTimeline, number>,
  seq: number,
): number {
  let count = 0;
  for (const timeline of timelines) {
    const events = timeline.events;
    let i = released.get(timeline) ?? 0;
    for (; i < events.length && events[i]!.seq < seq; i++) {
      const event = events[i]!;
      if (event.snapshot === undefined) continue;
      // From here on every event shares the latest snapshot (a newer one is a new object).
      if (event.snapshot === timeline.snapshot) break;
      event.snapshot = undefined;
      event.released = true;
      count++;
    }
    released.set(timeline, i);
  }
  return count;
}
