import { cleanSocketCredentials } from '../frame/credentials';
import type * as v from 'valibot';
import { appendPath, segmentsOfIssuePath } from '../frame/path';

/**
 * Why a file cannot be read as frames. The message is one line that names what is wrong and
 * where (a JSON path such as `frames[12].seq`), fit for the CLI's exit-2 reason and the
 * viewer's toast alike.
 */
export class FramesFileError extends Error {
  override name = 'FramesFileError';
}

/** `frames[12].close.code` from a Valibot issue path (`$` alone when the issue is at the root). */
export function issuePath(prefix: string, path: readonly { key: unknown }[] | undefined): string {
  let out = prefix;
  for (const segment of segmentsOfIssuePath(path)) out = appendPath(out, segment);
  return out || '$';
}

/** One line for the first Valibot issue: where, then what. */
export function describeIssue(prefix: string, issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return `${prefix || '$'}: invalid`;
  return `${issuePath(prefix, issue.path)}: ${issue.message}`;
}

/** A value as it appears in an error message: short, and never the whole of a 1 MB string. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    // Quoted into a message people paste into tickets: never a credential the file holds.
    const text = cleanSocketCredentials(value);
    return text.length > 40 ? `${JSON.stringify(text.slice(0, 40))}…` : JSON.stringify(text);
  }
  return String(value);
}
