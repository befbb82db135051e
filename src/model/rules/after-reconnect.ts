import type { InteractionTimeline } from '../timeline';
import type { SessionMoment } from './rule';

/** An interaction that was going when the desktop reconnected, and what it looked like then. */
export interface AwaitedHydrate {
  /** The new socket's Welcome. */
  welcomeSeq: number;
  /** The interaction's last event before the reconnect. */
  lastSeq: number;
}

/**
 * On a reconnect's Welcome, every interaction still going is awaited: the server re-sends each as
 * an `AgentContact` (protocol doc §1.6). Shared by the two rules that watch for that snapshot.
 * Kept by timeline, not by id: a campaign task re-keyed before its snapshot comes is still awaited.
 */
export function awaitHydrates(moment: SessionMoment, awaited: Map<InteractionTimeline, AwaitedHydrate>): void {
  if (moment.kind !== 'welcome' || !moment.reconnect) return;
  for (const timeline of moment.session.active) {
    const last = timeline.events.at(-1);
    if (!last || awaited.has(timeline)) continue;
    awaited.set(timeline, { welcomeSeq: moment.frame.seq, lastSeq: last.seq });
  }
}
