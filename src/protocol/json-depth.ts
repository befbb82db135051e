/*
 * A bound on how deep a frame's JSON may nest before it is analysed. JSON.parse reads 100,000
 * levels, but every recursive walk after it (the schema walker, the field diff, deep equality,
 * JSON.stringify of a report, the Snapshot tree) would overflow the stack on a hostile frame, and
 * real WxCC payloads nest about 8 levels. So a frame nested deeper than MAX_JSON_DEPTH is cut at
 * that depth right after parsing (the decoder reports it as a finding, the raw frame keeps it
 * all), and nothing downstream needs a limit of its own. Both walks keep their own stack.
 */

export const MAX_JSON_DEPTH = 64;

type Container = Record<string, unknown> | unknown[];

const isContainer = (value: unknown): value is Container => typeof value === 'object' && value !== null;

/** The path (dotted keys, [i] for indices) of the first container deeper than `limit`, or undefined. */
export function tooDeep(root: unknown, limit = MAX_JSON_DEPTH): string | undefined {
  // The pre-check recurses as deep as the limit: only for a finite one.
  if (!isContainer(root) || (Number.isFinite(limit) && !reaches(root, limit))) return undefined;
  // Only a frame that is too deep pays for the paths (a string per container).
  const stack: Container[] = [root];
  const depths: number[] = [0];
  const paths: string[] = [''];
  while (stack.length > 0) {
    const value = stack.pop()!;
    const depth = depths.pop()!;
    const path = paths.pop()!;
    if (depth >= limit) return path;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const child = value[i];
        if (isContainer(child)) {
          stack.push(child);
          depths.push(depth + 1);
          paths.push(`${path}[${i}]`);
        }
      }
    } else {
      for (const key in value) {
        const child = value[key];
        if (isContainer(child)) {
          stack.push(child);
          depths.push(depth + 1);
          paths.push(path ? `${path}.${key}` : key);
        }
      }
    }
  }
  return undefined;
}

/**
 * Whether a container `left` levels below `value` exists. Recursive, yet never deeper than the
 * limit it was given, whatever the input: the stack stays safe. It runs on every frame the decoder
 * reads: 1.45× as fast as the path-building walk on the panel bench's snapshots (111 against
 * 163 ms for 23,685 of them, medians of 5).
 */
function reaches(value: Container, left: number): boolean {
  if (left <= 0) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const child = value[i];
      if (isContainer(child) && reaches(child, left - 1)) return true;
    }
  } else
    for (const key in value) {
      const child = value[key];
      if (isContainer(child) && reaches(child, left - 1)) return true;
    }
  return false;
}

/** What stands in for a subtree below the limit. */
export const CUT_MARK = `(nested deeper than ${MAX_JSON_DEPTH} levels: not analysed; the Raw tab has the frame as received)`;

/** A copy of `root` with every container at depth `limit` replaced by CUT_MARK. */
export function cutDeep(root: unknown, limit = MAX_JSON_DEPTH): unknown {
  if (!isContainer(root)) return root;
  const copy = (value: Container): Container => (Array.isArray(value) ? [...value] : { ...value });
  const out = copy(root);
  const stack: Container[] = [out];
  const depths: number[] = [0];
  while (stack.length > 0) {
    const value = stack.pop()! as Record<string, unknown>;
    const depth = depths.pop()!;
    for (const key of Object.keys(value)) {
      const child = value[key];
      if (!isContainer(child)) continue;
      const replacement = depth + 1 >= limit ? CUT_MARK : copy(child);
      // "__proto__" stays an own key, as JSON.parse made it.
      Object.defineProperty(value, key, { value: replacement, enumerable: true, writable: true, configurable: true });
      if (replacement !== CUT_MARK) {
        stack.push(replacement as Container);
        depths.push(depth + 1);
      }
    }
  }
  return out;
}
