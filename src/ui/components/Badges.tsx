import type { Flags } from '../../model';
import { badgesOf, type MergedTo } from '../words';

/** The live state of an interaction at a glance: hold (which leg, for how long), recording, … or merged away. */
export function Badges({ flags, now, merged }: { flags: Flags; now: number; merged?: MergedTo | undefined }) {
  return (
    <span class="badges">
      {badgesOf(flags, now, merged).map((b) => (
        <span key={b.kind + b.text} class={`badge badge-${b.kind}`} title={b.title}>
          {b.text}
        </span>
      ))}
    </span>
  );
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
