import type { CorrelatorView } from '../../model/requests';
import type { TimelineEvent } from '../../model';
import { customerOf } from '../../model/customer';
import { ReplicaEvent } from './lazy-events';
import { ReplicaTimeline } from './session-replica';
import type {
  AgentStateChange,
  Anomaly,
  FrameCounters,
  InteractionTimeline,
  SocketInfo,
  TrackedRequest,
  UnavailableRule,
  WorkerInfo,
} from '../../model';

/** The requests of a session, as the panel reads them (a `RequestCorrelator` is one). */
export interface RequestsData extends CorrelatorView {
  /** The request with that id (its frames' `socket`). */
  get(id: string): TrackedRequest | undefined;
}

/**
 * What the panel reads of the session model: a `Session` is one (unit tests, the CLI), and so is
 * the UI thread's replica of the session the analysis worker keeps (`SessionReplica`). Read-only:
 * the panel never changes the model.
 */
export interface SessionData {
  /** By interaction id, in order of first appearance. */
  readonly interactions: ReadonlyMap<string, InteractionTimeline>;
  /** What a wire id means now, following re-keys and merges (`Session.interaction`). */
  interaction(id: string): InteractionTimeline | undefined;
  /**
   * The interaction keyed `key`, now or before a re-key, never through a merge (`Session.timelineOf`):
   * how the list's rows, the selection and every link name an interaction.
   */
  timelineOf(key: string): InteractionTimeline | undefined;
  /** The interaction a task request belongs to (`Session.requestOwner`): where it is listed and shown. */
  requestOwner(request: Pick<TrackedRequest, 'seq'>): InteractionTimeline | undefined;
  /** The anomalies of one interaction (its key, now or before a re-key), in the order found. */
  anomaliesOf(key: string): readonly Anomaly[];
  readonly anomalies: readonly Anomaly[];
  readonly severityCounts: Readonly<{ error: number; warn: number; info: number }>;
  readonly requests: { readonly correlator: RequestsData };
  readonly agent: { readonly agentId: string | undefined; readonly states: readonly AgentStateChange[] };
  readonly sockets: ReadonlyMap<string, SocketInfo>;
  /** The socket of the latest frame: the one the desktop uses now. */
  readonly latestSocket: SocketInfo | undefined;
  /** Sockets whose Welcome was seen. */
  readonly connections: number;
  readonly unavailableRules: readonly UnavailableRule[];
  readonly workers: ReadonlyMap<string, WorkerInfo>;
  readonly counters: Readonly<FrameCounters>;
  /**
   * The interactions whose list row may have changed since the last call (new ones in order of
   * first appearance), or `rebuild` when the list changed in a way a row-by-row update can't
   * follow (reordered, re-keyed). Absent on a `Session`: the reader then looks at every row.
   * One reader only: the call forgets what it returned (the selectors' interaction rows).
   */
  takeInteractionChanges?(): InteractionChanges;
}

/** What `SessionData.takeInteractionChanges` returns. */
export interface InteractionChanges {
  rebuild: boolean;
  changed: ReadonlySet<InteractionTimeline>;
}

/**
 * Whether an event's `snapshot` is defined, without materialising it: a replica's event keeps its
 * snapshot as a patch until it is read (`ReplicaEvent`), and a list of every event that holds one
 * must not decode them all.
 */
export function holdsSnapshot(event: TimelineEvent): boolean {
  return event instanceof ReplicaEvent ? event.holdsSnapshot : event.snapshot !== undefined;
}

/**
 * Who the customer of an interaction is (`customerOf` its latest snapshot), without decoding a
 * replica's snapshot: the worker sends it with the timeline (`TimelineDelta.customer`).
 */
export function customerOfTimeline(timeline: InteractionTimeline): string | undefined {
  return timeline instanceof ReplicaTimeline ? timeline.customer : customerOf(timeline.snapshot);
}
