import type { TrackedRequest } from '../../model';
import { OUTCOME, requestFacts, requestName, type ResultNote } from '../request-view';

interface Props {
  request: TrackedRequest;
  /** The request frame's body, as captured (redacted in an export). */
  body: string | undefined;
  /** The name of the event that came after the timeout, if one did. */
  lateResultType: string | undefined;
  /** Select another row of the timeline (the result event, the request it repeated). */
  onSelectSeq: (seq: number) => void;
  /** Show the request's frame in the Frames tab. */
  onShowFrame: () => void;
  style?: Record<string, string>;
}

/** A selected request: what was asked, what came back, how long each took, what went wrong. */
export function RequestDetails({ request: r, body, lateResultType, onSelectSeq, onShowFrame, style }: Props) {
  const outcome = OUTCOME[r.outcome];
  const facts = requestFacts(r, {
    ...(body === undefined ? {} : { body }),
    ...(lateResultType === undefined ? {} : { lateResultType }),
  });
  return (
    <section class="details request-details" aria-label="Request details" style={style}>
      <div class="details-head">
        <h2 class="details-title">
          #{r.seq} {requestName(r)}
        </h2>
        <span class={`chip outcome-chip outcome-${r.outcome}`}>
          {outcome.mark} {outcome.label}
        </span>
        <button type="button" class="link" onClick={onShowFrame} title="Show this request's frame in the Frames tab">
          frame #{r.seq}
        </button>
      </div>
      <section
        class="details-body"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: focusable so ↑/↓ scroll it, like the event details.
        tabIndex={0}
        aria-label="Request facts"
      >
        <dl class="request-facts">
          {facts.map((fact) => (
            <div key={fact.label} class="request-fact" data-fact={fact.label}>
              <dt>{fact.label}</dt>
              <dd class={fact.code ? 'code' : undefined}>
                {fact.seq !== undefined ? (
                  <button type="button" class="link seq-link" onClick={() => onSelectSeq(fact.seq!)}>
                    {fact.value}
                  </button>
                ) : (
                  fact.value
                )}
              </dd>
            </div>
          ))}
        </dl>
      </section>
    </section>
  );
}

/** Above a result event's details: which request it answered and how long after; a link to it. */
export function ResultNoteView({ note, onSelectSeq }: { note: ResultNote; onSelectSeq: (seq: number) => void }) {
  return (
    <p class={`request-note${note.late ? ' late' : ''}`} role="note">
      {note.lead}{' '}
      <button type="button" class="link seq-link" onClick={() => onSelectSeq(note.seq)}>
        {note.link}
      </button>
      {note.rest}
    </p>
  );
}
