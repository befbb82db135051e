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

function Node({ name, value, depth, open }: { name: ComponentChildren; value: unknown; depth: number; open: boolean }) {
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
    <details class="j-node" open={open}>
      <summary>
        <Key name={name} />: <span class="j-meta">{label}</span>
      </summary>
      <div class="j-children">
        {entries.map(([key, child]) => (
          <Node key={key} name={key} value={child} depth={depth + 1} open={depth < 0} />
        ))}
      </div>
    </details>
  );
}

/** A collapsible JSON tree; every string is rendered as text. */
export function JsonTree({ value, rootName = 'interaction' }: { value: unknown; rootName?: string }) {
  return (
    <div class="json-tree">
      <Node name={rootName} value={value} depth={0} open />
    </div>
  );
}
