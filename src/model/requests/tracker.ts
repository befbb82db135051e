import type { Frame } from '../../frame/frame';
import type { DecodedEvent, Interaction } from '../../protocol';
import { RequestCorrelator, type Correlation, type ResultEvent, type TrackedRequest } from './correlator';

/*
 * The session's side of the correlator: turns `request`/`response` frames and decoded events into
 * its inputs, and keeps every resolved request in order for the request rules
 * (rules/request-rules.ts). session.ts only calls `frame`, `event`, `advance`, `finish` and
 * `answeredInteraction`.
 */

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export class RequestTracker {
  readonly correlator = new RequestCorrelator();
  /** Requests in the order they were resolved (only grows). */
  readonly resolved: TrackedRequest[] = [];

  /** A `request` or `response` frame. */
  frame(frame: Frame): void {
    const http = frame.http;
    if (frame.kind === 'request') {
      this.keep(
        this.correlator.start({
          id: frame.socket,
          seq: frame.seq,
          t: frame.t,
          method: http?.method ?? 'GET',
          url: frame.url ?? '',
          body: frame.data,
          trackingId: http?.trackingId,
        }),
      );
      return;
    }
    this.keep(
      this.correlator.end({
        id: frame.socket,
        seq: frame.seq,
        t: frame.t,
        status: http?.status ?? 0,
        error: http?.error,
        body: frame.data,
      }),
    );
  }

  /**
   * Any decoded websocket event; `before` is its interaction's latest snapshot, if any;
   * `sameInteraction` says which requests sent under other ids are its interaction's (the session's
   * re-keys and merges).
   */
  event(
    decoded: DecodedEvent,
    frame: Frame,
    before?: Interaction,
    sameInteraction?: ResultEvent['sameInteraction'],
  ): void {
    const event = resultEventOf(decoded, frame, before);
    if (sameInteraction) event.sameInteraction = sameInteraction;
    this.keep(this.correlator.result(event));
  }

  /**
   * The interaction of the request the event at `seq` answered (in time or late), if it answered
   * a task request: where a failure event without `interactionId` belongs (§10.9).
   */
  answeredInteraction(seq: number): string | undefined {
    return this.correlator.byResultSeq.get(seq)?.interactionId;
  }

  /** Time passed (any other frame): timeouts. */
  advance(t: number): void {
    for (const request of this.correlator.advance(t)) this.resolved.push(request);
  }

  /** The capture ended: what is pending becomes unresolved (no rule reports it). */
  finish(): void {
    for (const request of this.correlator.finish()) this.resolved.push(request);
  }

  private keep(correlation: Correlation): void {
    for (const request of correlation.resolved) this.resolved.push(request);
  }
}

/**
 * The §10.9 view of an event: its name, interaction, tracking id, failure reason, hold flags (in
 * its snapshot, and in `before`, the interaction's snapshot before it).
 */
export function resultEventOf(decoded: DecodedEvent, frame: Frame, before?: Interaction): ResultEvent {
  const data = (decoded.data ?? {}) as Record<string, unknown>;
  const code = data['reasonCode'];
  const reasonCode = typeof code === 'number' ? code : typeof code === 'string' && code ? Number(code) : undefined;
  const interaction = decoded.interaction;
  return {
    seq: frame.seq,
    t: frame.t,
    name: decoded.name,
    interactionId: decoded.interactionId,
    trackingId: str(data['trackingId']),
    reason: str(data['reason']),
    reasonCode: Number.isFinite(reasonCode) ? reasonCode : undefined,
    isHold: interaction ? (leg) => legHold(interaction, leg ?? decoded.mediaResourceId) : undefined,
    wasHold: interaction && before ? (leg) => legHold(before, leg ?? decoded.mediaResourceId) : undefined,
  };
}

/** A media leg's `isHold` in a snapshot (no leg: the main one). */
function legHold(interaction: Interaction, leg: string | undefined): boolean | undefined {
  const id = leg ?? interaction.mainInteractionId ?? interaction.interactionId;
  const media = id ? interaction.media?.[id] : undefined;
  return typeof media?.isHold === 'boolean' ? media.isHold : undefined;
}
