import type { Severity } from '../../protocol';
import type { RuleId } from '../anomaly';
import type { EventContext, TimelineEvent } from '../timeline';

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

/** A rule the session evaluates itself (it needs more than one interaction's events). */
export interface SessionRule {
  id: RuleId;
  severity: Severity;
  summary: string;
}

export const at = (event: { seq: number }): string => `#${event.seq}`;

/** The latest event of `history` with one of `names` (a short list: a linear search is the fast one). */
export function lastOf(history: readonly TimelineEvent[], names: readonly string[]): TimelineEvent | undefined {
  for (let i = history.length - 1; i >= 0; i--) if (names.includes(history[i]!.name)) return history[i];
  return undefined;
}

/** The leg a hold event is about: `data.mediaResourceId`, else the main leg (protocol doc §5.1 check 3). */
export function holdLeg(ctx: EventContext): string | undefined {
  const fromData = ctx.event.data['mediaResourceId'];
  if (typeof fromData === 'string' && fromData) return fromData;
  const snapshot = ctx.event.snapshot ?? ctx.before.snapshot;
  return snapshot ? (snapshot.mainInteractionId ?? snapshot.interactionId) : ctx.interaction.interactionId;
}
