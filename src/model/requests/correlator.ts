import { classifyRequest, RESULT_EVENT_NAMES, resultKind, type OperationCall, type ResultKind } from './operations';

/*
 * The request correlator: joins each WxCC REST request to the websocket event that answers it,
 * with the SDK's own matching rules (protocol doc §10.9, `core/aqm-reqs.ts`):
 * - a request is pending from its **start** (the SDK registers it before the REST call, so the
 *   result can beat the 202);
 * - each result event is checked against the pending requests in the order they started; the
 *   first match wins;
 * - a success (or cancel) bind names the interaction: it must be the request's (under any id the
 *   interaction has been known by: the session says which, `ResultEvent.sameInteraction`); a failure bind
 *   does not: a failure event without `interactionId` fails the oldest pending request of an
 *   operation it can fail, **ambiguous** when more than one could take it (one with
 *   `interactionId` only fails a request for that interaction: the wire says whose it is, and
 *   `sdkFailedSeq` names the older request the desktop failed instead, if there was one);
 * - a second request with the same bind (operation and interaction) while one is pending is
 *   refused by the SDK without a REST call. A captured one was therefore sent anyway (another
 *   code path, a page not using the SDK): it is marked `duplicateOf` (sent while that one was
 *   pending) and joined to its own result like any request. Only when its call never left the
 *   page (HTTP status 0 `not sent`) is it `refused-duplicate`;
 * - an HTTP error (status ≥ 400, or no answer at all) ends the request at once;
 * - a request still pending past its operation's timeout is `timed-out` (§7: 20 s; 80 s for
 *   campaign preview accept; none for consult to queue). A result exactly at the limit is still in
 *   time; one after it is attached to the timed-out request as `lateResultSeq`, since the SDK
 *   has given up on it by then. So is a result after an HTTP error (the backend acted anyway).
 * Pure and incremental: feed it requests, responses and events in capture order, with their
 * times; it never reads a clock. The live panel, the CLI and a replay all use this same code.
 */

export type RequestOutcome =
  | 'pending'
  | 'succeeded'
  | 'failed'
  | 'http-error'
  | 'timed-out'
  | 'refused-duplicate'
  | 'unresolved';

/** A request as it started (the `request` frame). Times in epoch ms. */
export interface RequestStart {
  /** The request's id within the capture (its frames' `socket`, `http-1`…). */
  id: string;
  seq: number;
  t: number;
  method: string;
  url: string;
  body?: string | undefined;
  /** The `trackingid` request header. */
  trackingId?: string | undefined;
}

/** The HTTP answer (the `response` frame). `status` 0 = none came (`error` says why). */
export interface RequestEnd {
  id: string;
  seq: number;
  t: number;
  status: number;
  error?: string | undefined;
  /** A small JSON error body, when the capture read one. */
  body?: string | undefined;
}

/** A websocket event, reduced to what the binds look at. */
export interface ResultEvent {
  seq: number;
  t: number;
  /** `data.type` (else the envelope's `type`). */
  name: string;
  interactionId?: string | undefined;
  /** `data.trackingId`: compared with the request's header as evidence, never as the key (§10.9). */
  trackingId?: string | undefined;
  /**
   * Whether a task request sent under another id than `interactionId` is this event's interaction
   * all the same: an id it was known by before (a campaign task accepted under its reservation id
   * and answered under its new key, §5.1 check 11), an id merged into it. Unset: ids must be equal.
   */
  sameInteraction?: ((request: TrackedRequest) => boolean) | undefined;
  reason?: string | undefined;
  reasonCode?: number | undefined;
  /** The `isHold` of a media leg in the event's own snapshot (undefined leg = the main leg). */
  isHold?: ((mediaResourceId: string | undefined) => boolean | undefined) | undefined;
  /** The same leg's `isHold` just before the event (the interaction's latest snapshot), if known. */
  wasHold?: ((mediaResourceId: string | undefined) => boolean | undefined) | undefined;
}

export interface TrackedRequest {
  id: string;
  /** seq and time of the request frame (its start). */
  seq: number;
  t: number;
  method: string;
  url: string;
  /** Undefined for calls that are none of §7's operations (kept, never pending). */
  operation: string | undefined;
  call: OperationCall | undefined;
  interactionId: string | undefined;
  trackingId: string | undefined;
  /** HTTP status; undefined until the response frame (or for ever, when it never came). */
  status: number | undefined;
  httpError: string | undefined;
  ackSeq: number | undefined;
  /** Start → HTTP response, ms. */
  ackMs: number | undefined;
  outcome: RequestOutcome;
  resultSeq: number | undefined;
  resultType: string | undefined;
  /** Start → result event, ms. */
  latencyMs: number | undefined;
  /** The failure's reason (or the HTTP error body's message), and its code. */
  reason: string | undefined;
  reasonCode: number | undefined;
  /** A failure without interactionId that more than one pending request could have taken. */
  ambiguous: boolean;
  /** The result's `data.trackingId` equals the request's `trackingid` header. */
  trackingConfirmed: boolean;
  /**
   * hold/unhold succeeded and the leg's `isHold` changed to the expected value (false: it is not
   * that value, or it already was before the event; undefined: no snapshot to tell).
   */
  holdConfirmed: boolean | undefined;
  /**
   * failed by an event that names this request's interaction while an older request of the same
   * operation was pending: the SDK's failure bind names no interaction, so the desktop failed that
   * older request (its seq) instead (§10.9). The model follows the wire; this says what the
   * desktop showed.
   */
  sdkFailedSeq: number | undefined;
  /** Sent while this request (its seq) with the same bind was pending: the SDK would refuse it. */
  duplicateOf: number | undefined;
  /** timed-out or http-error: the result that came after the limit, or after the HTTP error. */
  lateResultSeq: number | undefined;
  /** ms after which it counts as timed out (null: never; undefined: not an operation). */
  timeoutMs: number | null | undefined;
}

/** A result event that matched no request: another session, a supervisor, the backend. */
export interface UnsolicitedResult {
  seq: number;
  t: number;
  name: string;
  interactionId: string | undefined;
}

/** What one call changed: the requests it resolved (for the rules) and the event's match. */
export interface Correlation {
  resolved: TrackedRequest[];
  /** For `result`: the request this event answered. */
  matched?: TrackedRequest;
  matchedAs?: ResultKind;
}

const NONE: Correlation = Object.freeze({ resolved: [] }) as Correlation;

/** What readers of a correlator use; the panel reads a replica of one (src/ui/analysis/). */
export interface CorrelatorView {
  readonly requests: readonly TrackedRequest[];
  readonly byResultSeq: ReadonlyMap<number, TrackedRequest>;
  readonly unsolicited: readonly UnsolicitedResult[];
  readonly unsolicitedSeqs: ReadonlySet<number>;
  /** Counts the changes to any request or to the unsolicited results. */
  readonly revision: number;
}

export class RequestCorrelator implements CorrelatorView {
  /** Every request, in start order. */
  readonly requests: TrackedRequest[] = [];
  readonly unsolicited: UnsolicitedResult[] = [];
  /** The seqs of `unsolicited`, to mark their events. */
  readonly unsolicitedSeqs = new Set<number>();
  /** Result event seq → the request it answered (late results of timed-out requests included). */
  readonly byResultSeq = new Map<number, TrackedRequest>();
  private readonly byId = new Map<string, TrackedRequest>();
  /** Pending requests in start order (the SDK's insertion order). */
  private pending: TrackedRequest[] = [];
  /**
   * Requests the SDK gave up on (timed out, or ended by an HTTP error) whose result may still come:
   * it is then joined to them as `lateResultSeq`, not called unsolicited.
   */
  private readonly timedOut: TrackedRequest[] = [];
  private sawOperation = false;
  /**
   * Bumped whenever a request, its outcome, its HTTP answer or the unsolicited list changed: what
   * a view of the requests keys its recomputation on (they change in place).
   */
  revision = 0;

  /** The request with that id (its frames' `socket`). */
  get(id: string): TrackedRequest | undefined {
    return this.byId.get(id);
  }

  /** Requests still waiting for their result, in start order. */
  pendingRequests(): readonly TrackedRequest[] {
    return this.pending;
  }

  /** A request started. Returns the duplicate it resolved at once, if it was one. */
  start(request: RequestStart): Correlation {
    const resolved = this.advance(request.t);
    const call = classifyRequest(request.method, request.url, request.body);
    const tracked: TrackedRequest = {
      id: request.id,
      seq: request.seq,
      t: request.t,
      method: request.method.toUpperCase(),
      url: request.url,
      operation: call?.operation.name,
      call,
      interactionId: call?.interactionId,
      trackingId: request.trackingId,
      status: undefined,
      httpError: undefined,
      ackSeq: undefined,
      ackMs: undefined,
      outcome: call ? 'pending' : 'unresolved',
      resultSeq: undefined,
      resultType: undefined,
      latencyMs: undefined,
      reason: undefined,
      reasonCode: undefined,
      ambiguous: false,
      trackingConfirmed: false,
      holdConfirmed: undefined,
      duplicateOf: undefined,
      sdkFailedSeq: undefined,
      lateResultSeq: undefined,
      timeoutMs: call?.operation.timeoutMs,
    };
    this.requests.push(tracked);
    this.byId.set(request.id, tracked);
    this.revision++;
    if (!call) return { resolved };
    this.sawOperation = true;
    const same = this.pending.find(
      (p) => p.call!.operation.name === call.operation.name && p.interactionId === call.interactionId,
    );
    // Sent while a twin was pending: the SDK would have refused it, yet the call went out, so it
    // waits for its own result (oldest first, as the SDK matches).
    if (same) tracked.duplicateOf = same.seq;
    this.pending.push(tracked);
    return { resolved };
  }

  /** The HTTP answer arrived (or the request failed without one). */
  end(response: RequestEnd): Correlation {
    const resolved = this.advance(response.t);
    const tracked = this.byId.get(response.id);
    if (!tracked) return { resolved };
    this.revision++;
    tracked.status = response.status;
    tracked.httpError = response.error;
    tracked.ackSeq = response.seq;
    tracked.ackMs = response.t - tracked.t;
    const failed = response.status === 0 || response.status >= 400;
    if (failed && tracked.outcome === 'pending') {
      // A duplicate whose call never left the page: the refusal the SDK would have made.
      const refused = tracked.duplicateOf !== undefined && response.status === 0 && response.error === 'not sent';
      tracked.outcome = refused ? 'refused-duplicate' : 'http-error';
      if (!refused) tracked.reason = errorReason(response);
      this.pending = this.pending.filter((p) => p !== tracked);
      // The backend may act despite the error: its result is then this request's late one.
      if (!refused) this.timedOut.push(tracked);
      resolved.push(tracked);
    }
    return { resolved };
  }

  /** A websocket event: the result of the first pending request it matches, if any. */
  result(event: ResultEvent): Correlation {
    const resolved = this.advance(event.t);
    if (!RESULT_EVENT_NAMES.has(event.name)) return resolved.length ? { resolved } : NONE;
    let matched: TrackedRequest | undefined;
    let kind: ResultKind | undefined;
    let candidates = 0;
    for (const p of this.pending) {
      const k = matchKind(p, event);
      if (!k) continue;
      if (!matched) {
        matched = p;
        kind = k;
      }
      candidates++;
      // Only a failure without interactionId can be ambiguous; otherwise the first match is all.
      if (k !== 'failure' || event.interactionId !== undefined) break;
    }
    if (matched && kind) {
      this.revision++;
      if (kind === 'failure' && event.interactionId !== undefined) {
        // The SDK matches failures without looking at the interaction: the oldest request of an
        // operation this event can fail is the one the desktop failed.
        const first = this.pending.find((p) => resultKind(p.call!.operation, event.name) === 'failure');
        if (first && first !== matched) matched.sdkFailedSeq = first.seq;
      }
      this.pending = this.pending.filter((p) => p !== matched);
      this.settle(matched, event, kind, candidates > 1);
      resolved.push(matched);
      return { resolved, matched, matchedAs: kind };
    }
    const late = this.timedOut.find((p) => p.lateResultSeq === undefined && matchKind(p, event));
    if (late) {
      this.revision++;
      late.lateResultSeq = event.seq;
      this.byResultSeq.set(event.seq, late);
      return { resolved, matched: late, matchedAs: resultKind(late.call!.operation, event.name) };
    }
    // Before any operation was requested, the capture simply has no requests (an old capture, a
    // HAR without HTTP entries, a page that only subscribed): nothing is unsolicited then.
    if (this.sawOperation) {
      this.revision++;
      this.unsolicited.push({ seq: event.seq, t: event.t, name: event.name, interactionId: event.interactionId });
      this.unsolicitedSeqs.add(event.seq);
    }
    return resolved.length ? { resolved } : NONE;
  }

  /**
   * Time moved to `t` (any frame's time): requests past their timeout are `timed-out`. The limit
   * itself is still in time.
   */
  advance(t: number): TrackedRequest[] {
    let expired: TrackedRequest[] | undefined;
    for (const p of this.pending) {
      const limit = p.timeoutMs;
      if (limit === null || limit === undefined || t - p.t <= limit) continue;
      p.outcome = 'timed-out';
      this.timedOut.push(p);
      (expired ??= []).push(p);
    }
    if (!expired) return [];
    this.revision++;
    this.pending = this.pending.filter((p) => p.outcome === 'pending');
    return expired;
  }

  /** The capture ended: what is still pending is `unresolved`. */
  finish(): TrackedRequest[] {
    const left = this.pending;
    if (left.length) this.revision++;
    for (const p of left) p.outcome = 'unresolved';
    this.pending = [];
    return left;
  }

  private settle(p: TrackedRequest, event: ResultEvent, kind: ResultKind, ambiguous: boolean): void {
    p.outcome = kind === 'failure' ? 'failed' : 'succeeded';
    p.resultSeq = event.seq;
    p.resultType = event.name;
    p.latencyMs = event.t - p.t;
    p.ambiguous = kind === 'failure' && ambiguous;
    p.trackingConfirmed = p.trackingId !== undefined && event.trackingId === p.trackingId;
    if (kind === 'failure') {
      p.reason = event.reason;
      p.reasonCode = event.reasonCode;
    }
    const holdTo = p.call!.operation.holdTo;
    if (kind !== 'failure' && holdTo !== undefined && event.isHold) {
      const leg = p.call!.mediaResourceId;
      const isHold = event.isHold(leg);
      // Flipped means changed: a second hold on a leg already held did not flip it.
      p.holdConfirmed = isHold === undefined ? undefined : isHold === holdTo && event.wasHold?.(leg) !== holdTo;
    }
    this.byResultSeq.set(event.seq, p);
  }
}

/** How `event` answers the pending request `p` under the §10.9 binds, if it does. */
export function matchKind(p: TrackedRequest, event: ResultEvent): ResultKind | undefined {
  const call = p.call;
  if (!call) return undefined;
  const kind = resultKind(call.operation, event.name);
  if (!kind) return undefined;
  if (call.operation.scope === 'agent') return kind;
  if (kind === 'failure' && event.interactionId === undefined) return kind;
  return sameInteraction(p, event) ? kind : undefined;
}

/** The event names the request's interaction: under the id it was sent for, or one it is known by. */
function sameInteraction(p: TrackedRequest, event: ResultEvent): boolean {
  if (event.interactionId === undefined) return false;
  return event.interactionId === p.interactionId || event.sameInteraction?.(p) === true;
}

function errorReason(response: RequestEnd): string {
  if (response.status === 0) return response.error ?? 'no HTTP answer';
  const body = response.body;
  if (body) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (typeof parsed === 'object' && parsed !== null) {
        const record = parsed as Record<string, unknown>;
        for (const key of ['message', 'reason', 'error', 'errorMessage']) {
          const value = record[key];
          if (typeof value === 'string' && value) return `HTTP ${response.status}: ${value.slice(0, 200)}`;
        }
      }
    } catch {
      // Not JSON: the status says it.
    }
  }
  return `HTTP ${response.status}`;
}
