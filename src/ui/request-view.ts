import type { AnsweredRequest, RequestOutcome, TrackedRequest } from '../model';

/*
 * Requests in words (issue 12): the outcome's label and mark, a request row's one-line summary,
 * the facts of the details pane and the note above a result event's details. Pure text from the
 * correlator's `TrackedRequest`; durations in ms, always labelled.
 */

/**
 * Each outcome's words and mark: the mark and the word go with the colour everywhere (rows, bars'
 * names, legend), so no outcome is told by colour alone.
 */
export const OUTCOME: Record<RequestOutcome, { label: string; mark: string; bar: string }> = {
  pending: { label: 'pending', mark: '…', bar: 'dashed outline' },
  succeeded: { label: 'succeeded', mark: '✓', bar: 'solid' },
  failed: { label: 'failed', mark: '✗', bar: 'diagonal stripes' },
  'http-error': { label: 'HTTP error', mark: '!', bar: 'cross-hatched' },
  'timed-out': { label: 'timed out', mark: '◷', bar: 'vertical stripes' },
  'refused-duplicate': { label: 'refused (duplicate)', mark: '=', bar: 'outline' },
  unresolved: { label: 'no result (capture ended)', mark: '?', bar: 'dashed outline' },
};

/** The bars' key, in words (the request lanes' names say it on hover). */
export const BAR_KEY = (Object.keys(OUTCOME) as RequestOutcome[])
  .map((o) => `${OUTCOME[o].mark} ${OUTCOME[o].label}: ${OUTCOME[o].bar}`)
  .join('\n');

export const outcomeText = (outcome: RequestOutcome): string => `${OUTCOME[outcome].mark} ${OUTCOME[outcome].label}`;

// Whole milliseconds: a Chrome HAR's message times carry sub-millisecond digits.
const ms = (value: number): string => `${Math.round(value)} ms`;

/**
 * The request's path, short: what follows the interaction id (`…/hold`, `…/record/pause`), else the
 * last two segments (`…/session/state`).
 */
export function shortPath(request: Pick<TrackedRequest, 'url' | 'interactionId'>): string {
  let path: string;
  try {
    path = new URL(request.url).pathname;
  } catch {
    path = request.url;
  }
  const id = request.interactionId;
  const at = id ? path.indexOf(`/${id}/`) : -1;
  if (at >= 0) return `…${path.slice(at + id!.length + 1)}`;
  const parts = path.split('/').filter(Boolean);
  return parts.length > 2 ? `…/${parts.slice(-2).join('/')}` : path;
}

/** `POST …/hold`. */
export const requestName = (request: Pick<TrackedRequest, 'method' | 'url' | 'interactionId'>): string =>
  `${request.method} ${shortPath(request)}`;

/**
 * `callText` per request, kept with the outcome and status it was made for (a request is
 * answered later, and the replica may update it in place): a packed lane names thousands of
 * requests at every zoom.
 */
const calls = new WeakMap<TrackedRequest, { outcome: RequestOutcome; status: number | undefined; text: string }>();

/**
 * What answered a request, compact, its mark first: `✓ 202` (succeeded, with its HTTP status),
 * `! 409` or `! no HTTP answer` (HTTP error), else the outcome's word with the status if one
 * came (`✗ failed (202)`, `◷ timed out`, `… pending`).
 */
export function answerText(r: Pick<TrackedRequest, 'outcome' | 'status'>): string {
  const { mark, label } = OUTCOME[r.outcome];
  if (r.outcome === 'http-error')
    return `${mark} ${r.status === 0 || r.status === undefined ? 'no HTTP answer' : r.status}`;
  if (r.outcome === 'succeeded') return `${mark} ${r.status ?? label}`;
  return `${mark} ${label}${r.status ? ` (${r.status})` : ''}`;
}

/** A request and its answer in a packed bar's name: `PUT …/hold → ✓ 202`. */
export function callText(r: TrackedRequest): string {
  const kept = calls.get(r);
  if (kept && kept.outcome === r.outcome && kept.status === r.status) return kept.text;
  const text = `${requestName(r)} → ${answerText(r)}`;
  calls.set(r, { outcome: r.outcome, status: r.status, text });
  return text;
}

function httpText(r: TrackedRequest): string | undefined {
  if (r.status === undefined) return undefined;
  const status = r.status === 0 ? `no HTTP answer (${r.httpError ?? 'network error'})` : `HTTP ${r.status}`;
  return r.ackMs === undefined ? status : `${status} after ${ms(r.ackMs)}`;
}

/** What a request row says after its name: what answered it, when, and what went wrong. */
export function requestSummary(r: TrackedRequest, lateResultName?: string): string {
  const parts: string[] = [];
  if (r.resultSeq !== undefined) parts.push(`→ ${r.resultType} #${r.resultSeq} after ${ms(r.latencyMs ?? 0)}`);
  else if (r.outcome === 'timed-out')
    parts.push(
      `no result within ${ms(r.timeoutMs ?? 0)}${r.lateResultSeq !== undefined ? ` (late: ${lateResultName ?? 'event'} #${r.lateResultSeq})` : ''}`,
    );
  else if (r.lateResultSeq !== undefined)
    parts.push(`→ ${lateResultName ?? 'event'} #${r.lateResultSeq} despite the HTTP error`);
  else if (r.outcome === 'refused-duplicate') parts.push(`repeats #${r.duplicateOf} while it was pending, never sent`);
  else if (r.outcome === 'pending') parts.push('waiting for its result');
  const http = httpText(r);
  if (http) parts.push(http);
  // An HTTP error's reason starts with what `http` already says; a failure's is the event's own.
  const reason =
    r.outcome === 'http-error'
      ? r.status === 0
        ? ''
        : (r.reason ?? '').replace(/^HTTP \d+(: )?/, '')
      : r.reason && r.reason + (r.reasonCode !== undefined ? ` (code ${r.reasonCode})` : '');
  if (reason) parts.push(reason);
  if (r.ambiguous) parts.push('ambiguous');
  if (r.holdConfirmed === false) parts.push('isHold did not flip');
  if (r.duplicateOf !== undefined && r.outcome !== 'refused-duplicate')
    parts.push(`⚠ sent while #${r.duplicateOf} was pending (the SDK would refuse it)`);
  if (r.sdkFailedSeq !== undefined) parts.push(`the desktop showed this failure on #${r.sdkFailedSeq}`);
  return parts.join(' · ');
}

/** One line of the request's details; `seq` makes its value a link to that row. */
export interface RequestFact {
  label: string;
  value: string;
  seq?: number;
  /** Code-like values (URL, ids, body) are shown in monospace. */
  code?: boolean;
}

/** The details pane's facts for a selected request, in reading order. */
export function requestFacts(
  r: TrackedRequest,
  options: { body?: string; lateResultType?: string } = {},
): RequestFact[] {
  // What answered first (outcome, timing, result, what went wrong), then what was asked.
  const facts: RequestFact[] = [{ label: 'Outcome', value: outcomeText(r.outcome) }];
  facts.push({
    label: 'HTTP status',
    value:
      r.status === undefined
        ? 'no response yet'
        : r.status === 0
          ? `none (${r.httpError ?? 'network error'})`
          : String(r.status),
  });
  facts.push({ label: 'ackMs (to the HTTP response)', value: r.ackMs === undefined ? '—' : ms(r.ackMs) });
  facts.push({ label: 'latencyMs (to the result event)', value: r.latencyMs === undefined ? '—' : ms(r.latencyMs) });
  if (r.resultSeq !== undefined) {
    facts.push({ label: 'Result event', value: `#${r.resultSeq} ${r.resultType ?? ''}`.trim(), seq: r.resultSeq });
  } else if (r.lateResultSeq !== undefined) {
    facts.push({
      label: 'Late result',
      value: `#${r.lateResultSeq}${options.lateResultType ? ` ${options.lateResultType}` : ''} ${
        r.outcome === 'http-error'
          ? '(after the HTTP error: the backend did it despite the error; the desktop had given up)'
          : '(after the timeout: the desktop had given up)'
      }`,
      seq: r.lateResultSeq,
    });
  } else {
    facts.push({ label: 'Result event', value: noResultText(r) });
  }
  if (r.reason !== undefined) facts.push({ label: 'Reason', value: r.reason });
  if (r.reasonCode !== undefined) facts.push({ label: 'Reason code', value: String(r.reasonCode) });
  if (r.ambiguous)
    facts.push({
      label: 'Ambiguous',
      value:
        'yes: the failure event names no interaction and more than one request could take it; it went to the oldest pending one (§10.9)',
    });
  if (r.holdConfirmed === false)
    facts.push({
      label: 'isHold',
      value: "did not flip: the result came, but the leg's isHold did not change to what was asked",
    });
  else if (r.holdConfirmed === true) facts.push({ label: 'isHold', value: 'flipped as asked' });
  if (r.sdkFailedSeq !== undefined)
    facts.push({
      label: 'Desktop showed it on',
      value: `#${r.sdkFailedSeq}: the failure event names this request's interaction, but the SDK fails the oldest pending request of the operation, whatever its interaction (§10.9)`,
      seq: r.sdkFailedSeq,
    });
  if (r.duplicateOf !== undefined)
    facts.push({
      label: 'Duplicate of',
      value:
        r.outcome === 'refused-duplicate'
          ? `#${r.duplicateOf} (still pending: the desktop refuses a second one; this one was never sent)`
          : `#${r.duplicateOf} was still pending: the SDK would refuse this one without a REST call, yet it was sent (not by the SDK's request queue); joined to its own result`,
      seq: r.duplicateOf,
    });
  facts.push({ label: 'Method', value: r.method });
  facts.push({ label: 'URL', value: r.url, code: true });
  facts.push({ label: 'Operation', value: r.operation ?? 'not one of the WxCC task or agent operations' });
  if (r.interactionId !== undefined) facts.push({ label: 'Interaction', value: r.interactionId, code: true });
  if (r.trackingId !== undefined)
    facts.push({
      label: 'trackingid',
      value: `${r.trackingId} · ${
        r.resultSeq === undefined
          ? 'no result to compare'
          : r.trackingConfirmed
            ? "confirmed: the result's data.trackingId is the same"
            : "not confirmed: the result's data.trackingId differs (the match stands: it is never the key)"
      }`,
      code: true,
    });
  if (r.timeoutMs !== undefined)
    facts.push({ label: 'Timeout', value: r.timeoutMs === null ? 'none (consult to queue)' : ms(r.timeoutMs) });
  if (options.body !== undefined) facts.push({ label: 'Request body', value: options.body, code: true });
  return facts;
}

function noResultText(r: TrackedRequest): string {
  switch (r.outcome) {
    case 'pending':
      return 'none yet';
    case 'timed-out':
      return `none within the timeout (${ms(r.timeoutMs ?? 0)})`;
    case 'http-error':
      return 'none expected: the HTTP call failed';
    case 'refused-duplicate':
      return 'none: the desktop would not send it';
    case 'unresolved':
      return 'none before the capture ended';
    default:
      return 'none';
  }
}

/**
 * Above a result event's details: "Result of request #n (POST …/hold), N ms after the request",
 * in three parts so the middle one can be a link to the request's row.
 */
export interface ResultNote {
  lead: string;
  /** `request #n (POST …/hold)`. */
  link: string;
  rest: string;
  /** The request's seq (its row). */
  seq: number;
  late: boolean;
}

export function resultNote({ request: r, late, afterMs }: AnsweredRequest): ResultNote {
  const link = `request #${r.seq} (${requestName(r)})`;
  if (late)
    return {
      lead: 'Late result of',
      link,
      rest:
        r.outcome === 'http-error'
          ? `, ${ms(afterMs)} after the request: after its ${httpText(r) ?? 'HTTP error'}, so the backend did it despite the HTTP error`
          : `, ${ms(afterMs)} after the request: after its ${ms(r.timeoutMs ?? 0)} timeout, so the request timed out`,
      seq: r.seq,
      late,
    };
  const parts = [`, ${ms(afterMs)} after the request`];
  const http = httpText(r);
  if (http) parts.push(http);
  if (r.outcome === 'failed') parts.push('the request failed');
  if (r.ambiguous) parts.push('ambiguous');
  if (r.trackingConfirmed) parts.push('data.trackingId confirms it');
  if (r.holdConfirmed === false) parts.push('isHold did not flip');
  return { lead: 'Result of', link, rest: parts.join(' · '), seq: r.seq, late };
}

export const noteText = (note: ResultNote): string => `${note.lead} ${note.link}${note.rest}`;
