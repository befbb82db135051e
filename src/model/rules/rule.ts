import type { Frame } from '../../frame/frame';
import { itemAtSeq } from '../../frame/seq-order';
import type { DecodedEvent, Severity } from '../../protocol';
import type { RuleId } from '../anomaly';
import type { TrackedRequest } from '../requests/correlator';
import type { SocketInfo } from '../sockets';
import type { EventContext, InteractionTimeline, TimelineEvent } from '../timeline';

export interface RuleHit {
  message: string;
  /** Frames besides the detecting one that the message names. */
  evidence?: number[];
  /** When a rule has two levels (e.g. a warning that becomes an error). */
  severity?: Severity;
}

/** A check run after each interaction event; small, with a stable id and a fixed severity. */
export interface EventRule {
  id: RuleId;
  severity: Severity;
  /** One line for the README and tooltips. */
  summary: string;
  check(ctx: EventContext): RuleHit | null;
}

/** A session rule's hit: it names its own frame and interaction, since it sees more than one. */
export interface SessionHit extends RuleHit {
  seq: number;
  /** The key of the interaction it is about (none for the agent's or the capture's). */
  interactionId?: string;
  /** The request it is about: it goes with the request, to the interaction the request belongs to. */
  request?: TrackedRequest;
}

/** What a session rule may read of the session besides the moment itself. */
export interface SessionView {
  /** The interaction an id belongs to (following re-keys and merges). */
  interaction(id: string): InteractionTimeline | undefined;
  /** Interactions not yet over for this agent: the ones a reconnect must hydrate. */
  readonly active: ReadonlySet<InteractionTimeline>;
  /** WxCC REST requests and their results (model/requests); `resolved` only grows. */
  readonly requests: { readonly resolved: readonly TrackedRequest[] };
}

/**
 * The moments at which the session runs its session rules, in this order for each frame:
 * `received` (before it is decoded), `welcome` / `event` / `agent-event` (when it is one),
 * `processed` (after);
 * `finished` once at the end of the capture.
 */
export type SessionMoment =
  | { kind: 'received'; frame: Frame }
  | { kind: 'welcome'; frame: Frame; socket: SocketInfo; reconnect: boolean; session: SessionView }
  | { kind: 'event'; event: TimelineEvent; timeline: InteractionTimeline; session: SessionView }
  | { kind: 'agent-event'; decoded: DecodedEvent; frame: Frame; socket: SocketInfo | undefined; session: SessionView }
  | { kind: 'processed'; frame: Frame; socket: SocketInfo | undefined; session: SessionView }
  /** The clock moved to `t` with no frame (a live capture's tick): only timeouts can fall due. */
  | { kind: 'advanced'; t: number; session: SessionView }
  | { kind: 'finished'; session: SessionView };

/**
 * A check across frames, sockets or interactions: the same shape as an event rule, plus the state
 * it keeps between moments (made fresh per session by `start`).
 */
export interface SessionRule<State = unknown> {
  id: RuleId;
  severity: Severity;
  summary: string;
  start(): State;
  /** Hits at this moment; `NO_HITS` (shared, never mutated) when there are none. */
  check(moment: SessionMoment, state: State): readonly SessionHit[];
}

/** The common answer of a session rule: nothing (one shared array, no allocation per frame). */
export const NO_HITS: readonly SessionHit[] = Object.freeze([]);

export const at = (event: { seq: number }): string => `#${event.seq}`;

/** Below this many events a backward search is the fast one; above it, the index below. */
const INDEX_FROM = 64;

/**
 * Per history (an interaction's events, which only grow): the index of each name's latest event,
 * kept up to date from `count` on. A rule asks for the latest of a few names at most events;
 * searching backwards each time would make a pathological interaction (tens of thousands of
 * events after its end, or of AgentConsulting without a start) take quadratic time.
 */
const latestByName = new WeakMap<readonly TimelineEvent[], { count: number; at: Map<string, number> }>();

/** The latest event of `history` with one of `names` (a short list). */
export function lastOf(history: readonly TimelineEvent[], names: readonly string[]): TimelineEvent | undefined {
  if (history.length < INDEX_FROM) {
    for (let i = history.length - 1; i >= 0; i--) if (names.includes(history[i]!.name)) return history[i];
    return undefined;
  }
  let index = latestByName.get(history);
  if (!index) latestByName.set(history, (index = { count: 0, at: new Map() }));
  for (; index.count < history.length; index.count++) index.at.set(history[index.count]!.name, index.count);
  let latest = -1;
  for (const name of names) latest = Math.max(latest, index.at.get(name) ?? -1);
  return latest >= 0 ? history[latest] : undefined;
}

/** The event of `history` with this seq (histories are in seq order), if it is there. */
export const eventWithSeq = (history: readonly TimelineEvent[], seq: number): TimelineEvent | undefined =>
  itemAtSeq(history, seq);

/** The leg a hold event is about: `data.mediaResourceId`, else the main leg (protocol doc §5.1 check 3). */
export function holdLeg(ctx: EventContext): string | undefined {
  const fromData = ctx.event.data['mediaResourceId'];
  if (typeof fromData === 'string' && fromData) return fromData;
  const snapshot = ctx.event.snapshot ?? ctx.before.snapshot;
  return snapshot ? (snapshot.mainInteractionId ?? snapshot.interactionId) : ctx.interaction.interactionId;
}
