import { isBookkeeping } from './bookkeeping';
import type { FieldChange } from './field-diff';

/** What a summary reads of a change: a report's change (without segments) is one too. */
type ChangeLike = Pick<FieldChange, 'path' | 'op' | 'from' | 'to'>;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Long ids make paths unreadable in one line: keep their last 8 characters. */
export function shortenIds(text: string): string {
  return text.replace(UUID, (id) => `…${id.slice(-8)}`);
}

export function shortValue(value: unknown, max = 40): string {
  if (value === undefined) return '∅';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 3)}…` : text;
}

export function describeChange(change: ChangeLike): string {
  if (change.op === 'add') return `+${change.path} = ${shortValue(change.to)}`;
  if (change.op === 'remove') return `−${change.path}`;
  return `${change.path} ${shortValue(change.from)} → ${shortValue(change.to)}`;
}

/**
 * One line for an event's changes: the meaningful ones first (at most `max`), bookkeeping
 * timestamps only counted. Shared by the CLI's timeline and the panel's.
 */
export function summarizeChanges(changes: readonly ChangeLike[], max = 6): string {
  const shown = changes.filter((c) => !isBookkeeping(c.path));
  const hidden = changes.length - shown.length;
  const parts = shown.slice(0, max).map((c) => shortenIds(describeChange(c)));
  if (shown.length > max) parts.push(`${shown.length - max} more`);
  if (hidden > 0) parts.push(`${hidden} timestamp${hidden === 1 ? '' : 's'} updated`);
  return parts.join('; ');
}
