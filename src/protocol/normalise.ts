import type * as v from 'valibot';
import type { DecodeSession } from './decode-session';
import type { Finding } from './findings';
import { InteractionSchema, type Interaction } from './interaction-schema';
import type { Known } from './known-fields';
import { closeFindings, createWalkContext, REMOVE, walkerFor } from './schema-walker';

export interface Normalised<T> {
  /** The value with the wire quirks normalised; undefined when it is not even of the right kind (e.g. not an object). */
  value: T | undefined;
  findings: Finding[];
}

export interface NormaliseOptions {
  /** Path of the value from the frame root, used in findings (e.g. `['data', 'interaction']`). */
  path?: readonly string[];
  session?: DecodeSession;
  /** Separates unknown-key bookkeeping of different payload shapes within one session. */
  scope?: string;
}

/**
 * Validates and normalises `value` against one of the protocol schemas: booleans and numbers sent
 * as strings become booleans and numbers, `null` in optional non-nullable fields becomes absent,
 * and every deviation is a finding. Never throws.
 *
 * Contract of the result: every field present in `value` has exactly its schema type. A field
 * that the findings report as `wrong-type` or `unknown-value` is left out, as is a required field
 * reported `missing-field`; the raw payload still has whatever was sent. Unknown keys are kept.
 * Unchanged subtrees are shared with the input, so treat both as read-only.
 */
export function normalise<S extends v.GenericSchema>(
  schema: S,
  value: unknown,
  options: NormaliseOptions = {},
): Normalised<Known<v.InferOutput<S>>> {
  const path = options.path ?? [];
  const ctx = createWalkContext(path.slice(0, -1), options.session?.seenUnknownKeys ?? new Set(), options.scope);
  const walked = walkerFor(schema)(value, ctx, path[path.length - 1] ?? '');
  return { value: walked === REMOVE ? undefined : (walked as Known<v.InferOutput<S>>), findings: closeFindings(ctx) };
}

/** `normalise` for the seed Interaction (`data.interaction` of a contact event). */
export function normaliseInteraction(value: unknown, options: NormaliseOptions = {}): Normalised<Interaction> {
  return normalise(InteractionSchema, value, { path: ['data', 'interaction'], scope: 'task', ...options });
}
