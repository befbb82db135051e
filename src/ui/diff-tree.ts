import type { FieldChange } from '../model';

export interface DiffNode {
  key: string;
  change?: FieldChange;
  children: Map<string, DiffNode>;
  /** The value at this place in the newer snapshot, to count what did not change. */
  value: unknown;
}

/** The changes as a tree of their path segments, so related changes sit under one parent. */
export function diffTree(changes: readonly FieldChange[], snapshot: unknown): DiffNode {
  const root: DiffNode = { key: '', children: new Map(), value: snapshot };
  for (const change of changes) {
    let node = root;
    for (const part of change.segments) {
      const segment = String(part);
      let child = node.children.get(segment);
      if (!child) {
        const parentValue = node.value as Record<string, unknown> | undefined;
        child = {
          key: segment,
          children: new Map(),
          value: typeof parentValue === 'object' && parentValue ? parentValue[segment] : undefined,
        };
        node.children.set(segment, child);
      }
      node = child;
    }
    node.change = change;
  }
  return root;
}

export function unchangedCount(node: DiffNode): number {
  const value = node.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 0;
  let count = 0;
  for (const key of Object.keys(value)) if (!node.children.has(key)) count++;
  return count;
}
