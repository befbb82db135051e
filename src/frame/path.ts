/**
 * The one path grammar of the inspector: where a finding, a field change or a file error points
 * into a JSON value. Every layer writes paths through this module and reads them back with
 * `parsePath`, so a path in the panel, the CLI and a report means the same thing everywhere.
 *
 * Grammar: a key that is a plain identifier-like word (ids, phone numbers, `+`, `@`, `:`, `-`)
 * is written as is, dot-separated (`media.c0ffee-…-d4.isHold`); an array index is `[12]`; any
 * other key (a dot, a space, brackets, an e-mail address with dots, the empty string) is a JSON
 * string in brackets (`participants["dana.agent@example.com"]`). In the generic paths that
 * unknown-key findings are listed under, `*` stands for any record key or array index
 * (`data.interaction.media.*.newFlag`); a literal key `*` is written `["*"]`.
 */

/** One step into a JSON value: an object key, or an array index. */
export type PathSegment = string | number;

/** The wildcard step of a generic path: any record key or array index. */
export const ANY_KEY: unique symbol = Symbol('any key');
export type GenericSegment = PathSegment | typeof ANY_KEY;

const SIMPLE_KEY = /^[A-Za-z0-9_$+@:-]+$/;

/** `path` followed by one more step. */
export function appendPath(path: string, segment: GenericSegment): string {
  if (segment === ANY_KEY) return path ? `${path}.*` : '*';
  if (typeof segment === 'number') return `${path}[${segment}]`;
  if (SIMPLE_KEY.test(segment)) return path ? `${path}.${segment}` : segment;
  return `${path}[${JSON.stringify(segment)}]`;
}

/** The path of `segments` from the root (the empty path is the root itself). */
export function formatPath(segments: readonly GenericSegment[]): string {
  let path = '';
  for (const segment of segments) path = appendPath(path, segment);
  return path;
}

/**
 * The segments of a path written by `formatPath` (its inverse; `*` reads back as `ANY_KEY`).
 * A string that is no such path reads as far as it can: this never throws.
 */
export function parsePath(path: string): GenericSegment[] {
  const segments: GenericSegment[] = [];
  let i = 0;
  while (i < path.length) {
    if (path[i] === '[') {
      if (path[i + 1] === '"') {
        // A quoted key: a JSON string inside brackets; skip escapes to find its closing quote.
        let end = i + 2;
        while (end < path.length && path[end] !== '"') end += path[end] === '\\' ? 2 : 1;
        try {
          segments.push(JSON.parse(path.slice(i + 1, end + 1)) as string);
        } catch {
          segments.push(path.slice(i + 2, end));
        }
        i = end + 2;
      } else {
        const end = path.indexOf(']', i);
        const close = end < 0 ? path.length : end;
        const index = Number(path.slice(i + 1, close));
        segments.push(Number.isInteger(index) ? index : path.slice(i + 1, close));
        i = close + 1;
      }
    } else {
      if (path[i] === '.') i++;
      let end = i;
      while (end < path.length && path[end] !== '.' && path[end] !== '[') end++;
      const key = path.slice(i, end);
      segments.push(key === '*' ? ANY_KEY : key);
      i = end;
    }
  }
  return segments;
}

/** A Valibot issue's path (`issue.path`) as segments: numbers stay indices, anything else a key. */
export function segmentsOfIssuePath(path: readonly { key: unknown }[] | undefined): PathSegment[] {
  return (path ?? []).map(({ key }) => (typeof key === 'number' ? key : String(key)));
}
