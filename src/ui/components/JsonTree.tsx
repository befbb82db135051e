import type { ComponentChildren } from 'preact';
import { FIELD_DOCS } from '../../protocol';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function Leaf({ value }: { value: unknown }) {
  const kind = value === null ? 'null' : typeof value;
  return <span class={`j-${kind}`}>{JSON.stringify(value) ?? String(value)}</span>;
}

/** The field's name, with its documentation from the SDK type as the tooltip. */
function Key({ name }: { name: ComponentChildren }) {
  const doc = typeof name === 'string' ? FIELD_DOCS.get(name) : undefined;
  return (
    <span class={`j-key${doc ? ' documented' : ''}`} title={doc}>
      {name}
    </span>
  );
}

function Node({
  name,
  value,
  depth,
  openDepth,
}: {
  name: ComponentChildren;
  value: unknown;
  depth: number;
  /** Nodes shallower than this start open. */
  openDepth: number;
}) {
  if (!isObject(value)) {
    return (
      <div class="j-row">
        <Key name={name} />: <Leaf value={value} />
      </div>
    );
  }
  const entries = Object.entries(value);
  const label = Array.isArray(value) ? `Array(${entries.length})` : `{${entries.length}}`;
  return (
    <details class="j-node" open={depth < openDepth}>
      <summary>
        <Key name={name} />: <span class="j-meta">{label}</span>
      </summary>
      <div class="j-children">
        {entries.map(([key, child]) => (
          <Node key={key} name={key} value={child} depth={depth + 1} openDepth={openDepth} />
        ))}
      </div>
    </details>
  );
}

/** A collapsible JSON tree; every string is rendered as text. */
export function JsonTree({
  value,
  rootName = 'interaction',
  open = 1,
}: {
  value: unknown;
  rootName?: string;
  /** How many levels start open (1: the root only). */
  open?: number;
}) {
  return (
    <div class="json-tree">
      <Node name={rootName} value={value} depth={0} openDepth={open} />
    </div>
  );
}
