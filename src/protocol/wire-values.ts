import * as v from 'valibot';

/**
 * Leaf schemas for values the wire sends in a looser form than the seed `Interaction` declares
 * (protocol doc §4.7). Each one is a complete Valibot schema (parse → the seed's type), and each
 * is also registered here so the schema walker (`schema-walker.ts`) can recognise it without
 * reverse-engineering its pipe: the schema stays the specification, the registry says which
 * built-in shortcut implements it.
 */
export type WireLeaf = 'boolean' | 'number' | 'boolean-or-string';

const leaves = new WeakMap<object, WireLeaf>();
const absentIfNull = new WeakMap<object, v.GenericSchema>();

function register<S extends object>(leaf: WireLeaf, schema: S): S {
  leaves.set(schema, leaf);
  return schema;
}

/** The registered leaf behaviour of a schema, if it was built by one of the helpers below. */
export function wireLeafOf(schema: object): WireLeaf | undefined {
  return leaves.get(schema);
}

/** For an optional field built with `optionalField` (a wire `null` reads as absent): its value schema. */
export function nullAsAbsentValueOf(schema: object): v.GenericSchema | undefined {
  return absentIfNull.get(schema);
}

const BOOLEAN_STRINGS = ['true', 'false'] as const;

/**
 * Only plain decimal notation counts as a string-encoded number: "0x1f", "", " 1" and "1e999"
 * all come out of `Number()` as numbers (31, 0, 1, Infinity), and reading them so would hide a
 * genuinely wrong value instead of reporting it.
 */
export const NUMERIC_STRING = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

export function parseNumericString(text: string): number | undefined {
  if (!NUMERIC_STRING.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** A boolean the wire may send as `"true"` / `"false"`. */
export function wireBoolean() {
  return register(
    'boolean',
    v.pipe(
      v.union([v.boolean(), v.picklist(BOOLEAN_STRINGS)]),
      v.transform((value): boolean => value === true || value === 'true'),
    ),
  );
}

/** A number the wire may send as a decimal string (timestamps, versions). */
export function wireNumber() {
  return register(
    'number',
    v.pipe(
      v.union([
        // JSON has no Infinity: a non-finite number means the wire value overflowed (1e400).
        v.pipe(v.number(), v.finite()),
        v.pipe(
          v.string(),
          v.check((text) => parseNumericString(text) !== undefined, 'Invalid numeric string'),
        ),
      ]),
      v.transform((value): number => (typeof value === 'number' ? value : Number(value))),
    ),
  );
}

/**
 * The seed's `boolean | string` (CPD `consultDestinationAgentJoined`): the SDK compares it to
 * `'true'`, so `"true"`/`"false"` become booleans and any other string is kept as sent.
 */
export function wireBooleanOrString() {
  return register(
    'boolean-or-string',
    v.pipe(
      v.union([v.boolean(), v.string()]),
      v.transform((value): boolean | string => (value === 'true' ? true : value === 'false' ? false : value)),
    ),
  );
}

/**
 * An optional field whose wire value may be `null` although the seed declares it without `null`
 * (e.g. `outboundType: null`, protocol doc §4.7): null is read as "absent", so the output keeps
 * exactly the seed's type.
 */
export function optionalField<T extends v.GenericSchema>(schema: T) {
  const field = v.optional(
    v.pipe(
      v.nullable(schema),
      v.transform((value): v.InferOutput<T> | undefined => value ?? undefined),
    ),
  );
  absentIfNull.set(field, schema);
  return field;
}

/** The SDK's `MEDIA_CHANNEL` values (`src/services/task/types.ts`). */
export const MEDIA_CHANNELS = ['email', 'chat', 'telephony', 'social', 'sms', 'facebook', 'whatsapp'] as const;
export const MediaChannelSchema = v.picklist(MEDIA_CHANNELS);
