import { escapeBidiControls } from '../frame/visible-text';
import type { AgentEventRow, TimelineEvent, TrackedRequest } from '../model';

export interface EventFilter {
  query: string;
  category: string;
  path: string;
  onlyAnomalies: boolean;
  /** seqs that carry an anomaly (for "only anomalies"). */
  anomalySeqs: ReadonlySet<number>;
}

export type Matcher = (text: string) => boolean;

/**
 * A case-insensitive substring matcher for `needle` (already lower-cased) over the text as it is
 * drawn. A bidi control is drawn as an escape in a badge (`\u202e`), so a needle that may reach
 * into one (it holds a backslash, as every escape begins with one) also matches the text with
 * each control escaped, besides the text as received (which finds a wire string that literally
 * holds the six characters). Typed one key at a time, `\`, `\u2`, `\u202` then keep finding what
 * `\u202e` will, as the badge reads. Only such a needle pays for the escaping: any other one is
 * the plain `includes` the search over the payloads (up to 1.3 GB) always was.
 */
export function textMatcher(needle: string): Matcher {
  if (!needle.includes('\\')) return (s) => s.toLowerCase().includes(needle);
  return (s) => {
    const lower = s.toLowerCase();
    if (lower.includes(needle)) return true;
    // escapeBidiControls returns its argument when there is no control: no second scan then.
    const shown = escapeBidiControls(lower);
    return shown !== lower && shown.includes(needle);
  };
}

/**
 * The search box: plain text matches case-insensitively, the text as received or as drawn (a
 * typed `\u202e` finds a real bidi control, drawn as that escape, and a wire string holding those
 * six characters); `/…/flags` is a regular expression over the text as received (there `\u202e`
 * is the control itself, as in JavaScript; always case-insensitive, and a `g` or `y` flag, which
 * means nothing for whether a row matches, is dropped). A regex that does not compile is reported
 * instead of silently matching nothing.
 */
export function compileQuery(query: string): { match: Matcher | null; error?: string } {
  const text = query.trim();
  if (!text) return { match: null };
  const regex = /^\/(.+)\/([a-z]*)$/.exec(text);
  if (regex) {
    try {
      // g and y make `test` resume where the last match ended, so rows would match by turns.
      const flags = regex[2]!.replace(/[gy]/g, '');
      const re = new RegExp(regex[1]!, flags.includes('i') ? flags : `${flags}i`);
      return { match: (s) => re.test(s) };
    } catch (error) {
      // V8 says "Invalid regular expression: /(/i: Unterminated group", naming the `i` flag this
      // function added; the reader gets the reason alone, after the pattern as they typed it.
      const reason = (error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
      return { match: null, error: `Invalid regular expression ${text}: ${reason}` };
    }
  }
  return { match: textMatcher(text.toLowerCase()) };
}

function valueText(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

let lastPath: { filter: string; match: Matcher } | undefined;

/** The "changes to path…" filter's matcher, made once per filter text (as `textMatcher`). */
function pathMatcher(filter: string): Matcher {
  if (lastPath?.filter !== filter) lastPath = { filter, match: textMatcher(filter.toLowerCase()) };
  return lastPath.match;
}

/** Whether an event passes the filters: its name, changed paths and changed values are searched. */
export function eventMatches(event: TimelineEvent, filter: EventFilter, match: Matcher | null): boolean {
  if (filter.category && event.info.category !== filter.category) return false;
  if (filter.onlyAnomalies && !filter.anomalySeqs.has(event.seq)) return false;
  if (filter.path) {
    const inPath = pathMatcher(filter.path);
    if (!event.changes.some((c) => inPath(c.path))) return false;
  }
  if (!match) return true;
  if (match(event.name)) return true;
  for (const change of event.changes) {
    if (match(change.path) || match(valueText(change.from)) || match(valueText(change.to))) return true;
  }
  return false;
}

/**
 * Whether a request's timeline row passes the same filters: the search matches its method, URL,
 * operation, outcome, result event and reason; "only anomalies" keeps it when a request rule
 * flagged it. A request has no category and changes no field, so a category or path filter hides it.
 */
export function requestMatches(request: TrackedRequest, filter: EventFilter, match: Matcher | null): boolean {
  if (filter.category || filter.path) return false;
  if (filter.onlyAnomalies && !filter.anomalySeqs.has(request.seq)) return false;
  if (!match) return true;
  return [request.method, request.url, request.operation, request.outcome, request.resultType, request.reason].some(
    (text) => text !== undefined && match(text),
  );
}

/**
 * Whether an event of the agent's own session (the Agent entry's timeline) passes the filters: the
 * search matches its name and the state it set (status, sub-status, reason, who changed it); it is
 * an agent event, so a category other than `agent` hides it, and it changes no field of an
 * interaction, so a path filter does too.
 */
export function agentEventMatches(event: AgentEventRow, filter: EventFilter, match: Matcher | null): boolean {
  if (filter.path || (filter.category && filter.category !== 'agent')) return false;
  if (filter.onlyAnomalies && !filter.anomalySeqs.has(event.seq)) return false;
  if (!match) return true;
  const state = event.state;
  return [event.name, state?.status, state?.subStatus, state?.reason, state?.changedBy].some(
    (text) => text !== undefined && match(text),
  );
}
