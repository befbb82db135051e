import type { ComponentChildren } from 'preact';
import type { Flags } from '../../model';
import { type Badge, badgesOf, type MergedTo } from '../words';

/** The live state of an interaction at a glance: hold (which leg, for how long), recording, … or merged away. */
/** What the badges of an interaction are drawn from; `mediaType` tells a call from a channel never recorded. */
interface BadgesProps {
  flags: Flags;
  now: number;
  merged?: MergedTo | undefined;
  mediaType: string | undefined;
}

export function Badges({ flags, now, merged, mediaType }: BadgesProps) {
  return <span class="badges">{badgesOf(flags, now, merged, mediaType).map(badge)}</span>;
}

const badge = (b: Badge) => (
  <span key={b.kind + b.text} class={`badge badge-${b.kind}`} title={b.title}>
    {b.text}
  </span>
);

/**
 * A list row's badges, on its one line: whole badges only, and where they do not all fit a "+N"
 * chip for the rest, its tooltip naming them. Laid out by CSS alone (`.row-badges`, panel.css),
 * with nothing measured: the list repaints every second while a call is live. Before each badge
 * stands the chip for it and every badge after it; a badge that fits is drawn over its chip, one
 * that does not wraps onto the hidden second line and leaves the chip before it in view. A chip
 * is for the eye only: the row's text, read by a screen reader, holds every badge.
 */
export function RowBadges({ flags, now, merged, mediaType }: BadgesProps) {
  const badges = badgesOf(flags, now, merged, mediaType);
  const items: ComponentChildren[] = [];
  badges.forEach((b, i) => {
    const rest = badges.slice(i);
    items.push(
      <span
        key={`more${i}`}
        class="more-badges"
        aria-hidden="true"
        title={`${rest.length} more: ${rest.map((r) => r.text).join(', ')}`}
      >
        +{rest.length}
      </span>,
      badge(b),
    );
  });
  return <span class="badges row-badges">{items}</span>;
}

export function SeverityCounts({ counts }: { counts: { error: number; warn: number; info: number } }) {
  return (
    <span class="severity-counts">
      {counts.error > 0 && (
        <span class="sev sev-error" title={`${counts.error} errors`}>
          ✖ {counts.error}
        </span>
      )}
      {counts.warn > 0 && (
        <span class="sev sev-warn" title={`${counts.warn} warnings`}>
          ▲ {counts.warn}
        </span>
      )}
      {counts.info > 0 && (
        <span class="sev sev-info" title={`${counts.info} notes`}>
          ● {counts.info}
        </span>
      )}
    </span>
  );
}
