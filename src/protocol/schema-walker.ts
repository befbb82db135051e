import * as v from 'valibot';
import { ANY_KEY, appendPath, segmentsOfIssuePath, type PathSegment } from '../frame/path';
import { DESKTOP_FIELDS } from './desktop-fields';
import { describeValue, finding, type Finding, type FindingCode } from './findings';
import { nullAsAbsentValueOf, parseNumericString, wireLeafOf, type WireLeaf } from './wire-values';

/*
 * Runs a Valibot schema as a specialised walker instead of through `v.safeParse`.
 *
 * Why: measured on 13 KiB Interaction snapshots, `v.safeParse` alone costs about 1.7× the
 * `JSON.parse` of the same frame, and it neither reports the wire quirks it normalises nor the
 * unknown keys a loose object keeps, which would need a second walk. The walker is built once
 * per schema from the schema objects themselves (entries, wrapped, options, item, value), so the
 * Valibot schema stays the single specification; tests check that both agree on acceptance and
 * output (test/unit/protocol/schema-walker.test.ts). Anything the walker does not know how to
 * compile (a pipe with validations, a lazy schema, ...) is delegated to Valibot for that subtree.
 *
 * What it adds over Valibot: it never stops at the first problem and never throws; it reports
 * every deviation as a finding with its path; it copies only the objects it changes, so an
 * unchanged subtree of the output is the very object of the input (no deep copy of 10 KiB of
 * call-associated data per frame); and it keeps every own key, `__proto__` included (Valibot's
 * loose objects drop `__proto__`, `constructor` and `prototype`).
 */

/** Returned for a value that must not appear in the output (invalid, or null read as absent). */
export const REMOVE: unique symbol = Symbol('remove');

/**
 * `key` is the value's own key (or index) in its parent: leaves only need it when they report,
 * so the path stack is pushed once per container, not once per field.
 */
export type Walk = (value: unknown, ctx: WalkContext, key: PathSegment) => unknown;

export interface WalkContext {
  readonly findings: Finding[];
  /** The concrete keys (array indices as numbers) from the frame root down to the parent of the value being walked. */
  readonly keys: PathSegment[];
  /** Positions in `keys` that are record keys or array indices (`*` in generic paths). */
  readonly genericAt: number[];
  /** Unknown-key paths already reported (per session, or per frame without one). */
  readonly seenUnknownKeys: Set<string>;
  /** Prefixed to the dedup key, so `data.x` unknown in a task event and in an agent event differ. */
  scope: string;
  /** `keys` joined, computed on the first finding in a container (quirks come several per object). */
  parentPath: string | undefined;
  /** Findings beyond `MAX_FINDINGS`, counted instead of kept. */
  overflow: number;
}

/**
 * Per frame. A hostile frame (a million wrong items in an array, a million unknown keys) must not
 * turn into a million finding objects in the panel's memory: past this many, findings are only
 * counted, and `closeFindings` adds one that says how many were left out.
 */
export const MAX_FINDINGS = 500;

export function createWalkContext(
  parentKeys: readonly PathSegment[],
  seenUnknownKeys: Set<string>,
  scope = '',
): WalkContext {
  return {
    findings: [],
    keys: [...parentKeys],
    genericAt: [],
    seenUnknownKeys,
    scope,
    parentPath: undefined,
    overflow: 0,
  };
}

export function addFinding(ctx: WalkContext, code: FindingCode, path: string, message: string): void {
  if (ctx.findings.length < MAX_FINDINGS) ctx.findings.push(finding(code, path, message));
  else ctx.overflow++;
}

/** The context's findings, with a last one counting those over the limit. */
export function closeFindings(ctx: WalkContext): Finding[] {
  if (ctx.overflow > 0) {
    ctx.findings.push(finding('too-many-findings', '', `${ctx.overflow} more findings in this frame are not listed`));
    ctx.overflow = 0;
  }
  return ctx.findings;
}

/**
 * One more step of a finding's path (the grammar is `src/frame/path.ts`). A root walk uses the key
 * `''` at the root, which never shows up in a path (the frame root has no name).
 */
function step(path: string, key: PathSegment | typeof ANY_KEY, atRoot: boolean): string {
  return atRoot && key === '' ? path : appendPath(path, key);
}

/** Paths are built only when a finding is reported. */
export function pathOf(ctx: WalkContext, key: PathSegment): string {
  let path = ctx.parentPath;
  if (path === undefined) {
    path = '';
    for (let i = 0; i < ctx.keys.length; i++) path = step(path, ctx.keys[i]!, i === 0);
    ctx.parentPath = path;
  }
  return step(path, key, ctx.keys.length === 0);
}

function genericPathOf(ctx: WalkContext, key: PathSegment): string {
  let path = '';
  for (let i = 0; i < ctx.keys.length; i++)
    path = step(path, ctx.genericAt.includes(i) ? ANY_KEY : ctx.keys[i]!, i === 0);
  return step(path, key, ctx.keys.length === 0);
}

/**
 * A container walker pushes its own key before walking its children and pops it after. Records
 * and arrays also mark the next position as generic: their children's keys are data (ids,
 * indices), not schema, and must read `*` in an unknown-key path.
 */
export function enter(ctx: WalkContext, key: PathSegment, childrenAreGeneric: boolean): void {
  ctx.keys.push(key);
  ctx.parentPath = undefined;
  if (childrenAreGeneric) ctx.genericAt.push(ctx.keys.length);
}

export function leave(ctx: WalkContext, childrenAreGeneric: boolean): void {
  ctx.keys.pop();
  ctx.parentPath = undefined;
  if (childrenAreGeneric) ctx.genericAt.pop();
}

export function reportUnknownKey(ctx: WalkContext, key: string): void {
  const generic = genericPathOf(ctx, key);
  if (DESKTOP_FIELDS.has(generic)) return;
  const dedup = `${ctx.scope}|${generic}`;
  if (ctx.seenUnknownKeys.has(dedup)) return;
  // Over the limit, leave it unseen so that a later frame can still list it.
  if (ctx.findings.length >= MAX_FINDINGS) {
    ctx.overflow++;
    return;
  }
  ctx.seenUnknownKeys.add(dedup);
  addFinding(ctx, 'unknown-key', generic, `not in the schema; kept as sent (first seen at ${pathOf(ctx, key)})`);
}

function wrongType(ctx: WalkContext, key: PathSegment, expects: string, value: unknown): typeof REMOVE {
  addFinding(ctx, 'wrong-type', pathOf(ctx, key), `expected ${expects}, got ${describeValue(value)}`);
  return REMOVE;
}

const hasOwn = Object.prototype.hasOwnProperty;

function isRecordLike(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------
// Compilation

type AnySchema = v.GenericSchema & {
  readonly type: string;
  readonly expects: string;
  readonly pipe?: readonly { readonly kind: string }[];
  readonly entries?: Record<string, AnySchema>;
  readonly wrapped?: AnySchema;
  readonly default?: unknown;
  readonly options?: readonly unknown[];
  readonly item?: AnySchema;
  readonly key?: AnySchema;
  readonly value?: AnySchema;
  readonly literal?: unknown;
};

const compiled = new WeakMap<object, Walk>();

/** The walker for a schema, built on first use and cached (schemas are immutable). */
export function walkerFor(schema: v.GenericSchema): Walk {
  let walk = compiled.get(schema);
  if (walk === undefined) {
    walk = build(schema as AnySchema);
    compiled.set(schema, walk);
  }
  return walk;
}

function isPlain(schema: AnySchema): boolean {
  return !schema.pipe || schema.pipe.every((item, i) => i === 0 || item.kind === 'metadata');
}

function build(schema: AnySchema): Walk {
  const leaf = wireLeafOf(schema);
  if (leaf !== undefined) return leafWalker(leaf, schema.expects);
  const nullAsAbsent = nullAsAbsentValueOf(schema);
  if (nullAsAbsent !== undefined) return optionalFieldWalker(walkerFor(nullAsAbsent));
  if (!isPlain(schema)) return valibotWalker(schema);
  switch (schema.type) {
    case 'string':
      return (value, ctx, key) => (typeof value === 'string' ? value : wrongType(ctx, key, 'a string', value));
    case 'number':
      return (value, ctx, key) =>
        typeof value === 'number' && !Number.isNaN(value) ? value : wrongType(ctx, key, 'a number', value);
    case 'boolean':
      return (value, ctx, key) => (typeof value === 'boolean' ? value : wrongType(ctx, key, 'a boolean', value));
    case 'unknown':
      return (value) => value;
    case 'literal': {
      const literal = schema.literal;
      return (value, ctx, key) => (value === literal ? value : wrongType(ctx, key, schema.expects, value));
    }
    case 'picklist':
      return picklistWalker(schema);
    case 'union':
      return unionWalker(schema);
    case 'optional':
      if (schema.default !== undefined || !schema.wrapped) return valibotWalker(schema);
      return wrappedWalker(walkerFor(schema.wrapped), undefined);
    case 'nullable':
      if (schema.default !== undefined || !schema.wrapped) return valibotWalker(schema);
      return wrappedWalker(walkerFor(schema.wrapped), null);
    case 'loose_object':
      return schema.entries ? objectWalker(schema.entries, schema.expects) : valibotWalker(schema);
    case 'record':
      return schema.key?.type === 'string' && isPlain(schema.key) && schema.value
        ? recordWalker(walkerFor(schema.value), schema.expects)
        : valibotWalker(schema);
    case 'array':
      return schema.item ? arrayWalker(walkerFor(schema.item), schema.expects) : valibotWalker(schema);
    default:
      return valibotWalker(schema);
  }
}

function leafWalker(leaf: WireLeaf, expects: string): Walk {
  switch (leaf) {
    case 'boolean':
      return (value, ctx, key) => {
        if (typeof value === 'boolean') return value;
        if (value === 'true' || value === 'false') {
          addFinding(
            ctx,
            'string-boolean',
            pathOf(ctx, key),
            `boolean sent as the string "${value}"; read as ${value}`,
          );
          return value === 'true';
        }
        return wrongType(ctx, key, expects, value);
      };
    case 'boolean-or-string':
      return (value, ctx, key) => {
        if (typeof value === 'boolean') return value;
        if (typeof value !== 'string') return wrongType(ctx, key, expects, value);
        if (value === 'true' || value === 'false') {
          addFinding(
            ctx,
            'string-boolean',
            pathOf(ctx, key),
            `boolean sent as the string "${value}"; read as ${value}`,
          );
          return value === 'true';
        }
        return value;
      };
    case 'number':
      return (value, ctx, key) => {
        if (typeof value === 'number') {
          return Number.isFinite(value) ? value : wrongType(ctx, key, 'a finite number', value);
        }
        if (typeof value === 'string') {
          const n = parseNumericString(value);
          if (n !== undefined) {
            addFinding(ctx, 'string-number', pathOf(ctx, key), `number sent as ${describeValue(value)}; read as ${n}`);
            return n;
          }
        }
        return wrongType(ctx, key, expects, value);
      };
  }
}

function optionalFieldWalker(inner: Walk): Walk {
  return (value, ctx, key) => {
    if (value === undefined) return value;
    if (value === null) {
      addFinding(
        ctx,
        'null-as-absent',
        pathOf(ctx, key),
        'null where the seed declares an optional field without null; read as absent',
      );
      return REMOVE;
    }
    return inner(value, ctx, key);
  };
}

function wrappedWalker(inner: Walk, passThrough: null | undefined): Walk {
  return (value, ctx, key) => (value === passThrough ? value : inner(value, ctx, key));
}

function picklistWalker(schema: AnySchema): Walk {
  const options = new Set(schema.options ?? []);
  return (value, ctx, key) => {
    if (options.has(value)) return value;
    if (typeof value === 'string') {
      addFinding(
        ctx,
        'unknown-value',
        pathOf(ctx, key),
        `expected ${schema.expects}, got ${describeValue(value)}; left out of the normalised value`,
      );
      return REMOVE;
    }
    return wrongType(ctx, key, schema.expects, value);
  };
}

/** Unions of primitive schemas (`string | number`) are compiled; anything richer goes to Valibot. */
function unionWalker(schema: AnySchema): Walk {
  const options = (schema.options ?? []) as AnySchema[];
  const simple = options.every(
    (o) => isPlain(o) && wireLeafOf(o) === undefined && ['string', 'number', 'boolean', 'literal'].includes(o.type),
  );
  if (!simple) return valibotWalker(schema);
  const types = new Set(options.filter((o) => o.type !== 'literal').map((o) => o.type));
  const literals = new Set(options.filter((o) => o.type === 'literal').map((o) => o.literal));
  return (value, ctx, key) => {
    const type = typeof value;
    if (types.has(type) && !(type === 'number' && Number.isNaN(value))) return value;
    if (literals.has(value)) return value;
    return wrongType(ctx, key, schema.expects, value);
  };
}

interface Field {
  readonly walk: Walk;
  readonly required: boolean;
  /**
   * The `typeof` a value may have to be accepted as it is, without calling `walk`; 'any' accepts
   * everything. Most fields of a well-formed snapshot are plain strings, booleans and numbers:
   * checking them inline instead of through a (megamorphic) call saves a third of the walk.
   */
  readonly fast: 'string' | 'boolean' | 'number' | 'any' | undefined;
  readonly fastNull: boolean;
}

/** The inline check of a field schema (see `Field.fast`); it must accept a subset of what `walk` accepts unchanged. */
function fastCheckOf(schema: AnySchema): Pick<Field, 'fast' | 'fastNull'> {
  const leaf = wireLeafOf(schema);
  if (leaf !== undefined) return { fast: leaf === 'number' ? 'number' : 'boolean', fastNull: false };
  const absentIfNull = nullAsAbsentValueOf(schema);
  if (absentIfNull !== undefined) return { fast: fastCheckOf(absentIfNull as AnySchema).fast, fastNull: false };
  if (!isPlain(schema)) return { fast: undefined, fastNull: false };
  switch (schema.type) {
    case 'string':
      return { fast: 'string', fastNull: false };
    case 'unknown':
      return { fast: 'any', fastNull: false };
    case 'optional':
      return schema.wrapped && schema.default === undefined
        ? fastCheckOf(schema.wrapped)
        : { fast: undefined, fastNull: false };
    case 'nullable':
      return schema.wrapped && schema.default === undefined
        ? { fast: fastCheckOf(schema.wrapped).fast, fastNull: true }
        : { fast: undefined, fastNull: false };
    default:
      return { fast: undefined, fastNull: false };
  }
}

/** Key positions per object schema whose last key and field are remembered (more than any WxCC object has). */
const KEY_CACHE_SIZE = 128;

function objectWalker(entries: Record<string, AnySchema>, expects: string): Walk {
  const fields = new Map<string, Field>();
  const requiredKeys: string[] = [];
  for (const [name, entry] of Object.entries(entries)) {
    const required = !['optional', 'exact_optional', 'nullish'].includes(entry.type);
    fields.set(name, { walk: walkerFor(entry), required, ...fastCheckOf(entry) });
    if (required) requiredKeys.push(name);
  }
  const requiredCount = requiredKeys.length;
  const lastKeys: string[] = [];
  const lastFields: (Field | undefined)[] = [];
  return (value, ctx, key) => {
    if (!isRecordLike(value)) return wrongType(ctx, key, expects, value);
    let out = value;
    let removed = 0;
    let requiredSeen = 0;
    enter(ctx, key, false);
    // No hasOwnProperty per key: JSON.parse output has no inherited enumerable keys, and if the
    // prototype were polluted, listing those keys as unknown would be the right report anyway.
    let position = 0;
    for (const name in value) {
      // Objects of one schema mostly list the same keys in the same order (50 CAD entries of a
      // snapshot): the field found at this position last time is checked by identity first.
      let field: Field | undefined;
      if (lastKeys[position] === name) field = lastFields[position];
      else {
        field = fields.get(name);
        // Bounded: a hostile object with a million keys must not leave a million-entry cache.
        if (position < KEY_CACHE_SIZE) {
          lastKeys[position] = name;
          lastFields[position] = field;
        }
      }
      position++;
      if (field === undefined) {
        reportUnknownKey(ctx, name);
        continue;
      }
      const raw = value[name];
      if (raw === undefined) continue;
      if (field.required) requiredSeen++;
      const fast = field.fast;
      if (fast !== undefined) {
        const type = typeof raw;
        // A number is only taken as it is when finite (JSON's 1e400 parses to Infinity).
        if (
          fast === type ? type !== 'number' || Number.isFinite(raw) : fast === 'any' || (raw === null && field.fastNull)
        )
          continue;
      }
      const walked = field.walk(raw, ctx, name);
      if (walked !== raw) {
        // Spread, not Object.assign: an own "__proto__" key must stay a key, not become a prototype.
        if (out === value) out = { ...value };
        // A removed key is marked and left out in one copy at the end: `delete` would turn the
        // snapshot into a slow dictionary object for everything that reads it later (the diff).
        if (walked === REMOVE) removed++;
        out[name] = walked;
      }
    }
    if (removed > 0) out = withoutRemoved(out, removed);
    if (requiredSeen < requiredCount) {
      const missing = requiredKeys.filter((name) => !hasOwn.call(value, name) || value[name] === undefined);
      // One finding per object, not one per field: an empty `callProcessingDetails: {}` is one
      // problem with twenty missing fields (issue 10 kind 12).
      if (missing.length === 1) addFinding(ctx, 'missing-field', pathOf(ctx, missing[0]!), 'required field is absent');
      else if (missing.length > 1) {
        leave(ctx, false);
        addFinding(
          ctx,
          'missing-field',
          pathOf(ctx, key),
          `${missing.length} required fields are absent: ${missing.join(', ')}`,
        );
        enter(ctx, key, false);
      }
    }
    leave(ctx, false);
    return out;
  };
}

function recordWalker(item: Walk, expects: string): Walk {
  return (value, ctx, key) => {
    if (!isRecordLike(value)) return wrongType(ctx, key, expects, value);
    let out = value;
    enter(ctx, key, true);
    let removed = 0;
    for (const name in value) {
      const raw = value[name];
      const walked = item(raw, ctx, name);
      if (walked !== raw) {
        if (out === value) out = { ...value };
        if (walked === REMOVE) removed++;
        out[name] = walked;
      }
    }
    leave(ctx, true);
    return removed > 0 ? withoutRemoved(out, removed) : out;
  };
}

/**
 * A copy of `object` without its `count` keys marked `REMOVE`, in the same order. Not key-by-key
 * stores nor `delete`: either can turn a snapshot-sized object into a slow dictionary object in V8
 * for everything that reads it later (the model's diff). One removed key (mostly `outboundType:
 * null`, in every snapshot) leaves by a rest copy: a fast object, "__proto__" still an own key,
 * 4× as fast as `Object.fromEntries` of the filtered entries on a 43-key object (60–85 against
 * 256–323 ms for 20,000, Node 20), which was 5% of the decoder's time on the panel bench's
 * snapshots. More go in one pass: a rest copy per key made a record of 20,000 wrong entries
 * quadratic (3.5 minutes).
 */
function withoutRemoved(object: Record<string, unknown>, count: number): Record<string, unknown> {
  if (count > 1) return Object.fromEntries(Object.entries(object).filter((entry) => entry[1] !== REMOVE));
  for (const key in object) {
    if (object[key] !== REMOVE) continue;
    const { [key]: _removed, ...rest } = object;
    return rest;
  }
  return object;
}

function arrayWalker(item: Walk, expects: string): Walk {
  return (value, ctx, key) => {
    if (!Array.isArray(value)) return wrongType(ctx, key, expects, value);
    let out: unknown[] | undefined;
    enter(ctx, key, true);
    for (let i = 0; i < value.length; i++) {
      const raw: unknown = value[i];
      const walked = item(raw, ctx, i);
      if (walked !== raw && out === undefined) out = value.slice(0, i);
      if (out !== undefined && walked !== REMOVE) out.push(walked);
    }
    leave(ctx, true);
    return out ?? value;
  };
}

/** Fallback for schema kinds the walker does not compile: Valibot itself, issues become findings. */
function valibotWalker(schema: AnySchema): Walk {
  return (value, ctx, key) => {
    let result: v.SafeParseResult<typeof schema>;
    try {
      result = v.safeParse(schema, value);
    } catch (error) {
      addFinding(ctx, 'wrong-type', pathOf(ctx, key), `could not be validated: ${String(error)}`);
      return REMOVE;
    }
    if (result.success) return result.output;
    for (const issue of result.issues) {
      const keys = segmentsOfIssuePath(issue.path);
      const path = keys.reduce<string>((parent, segment) => appendPath(parent, segment), pathOf(ctx, key));
      const missing = issue.received === 'undefined' && keys.length > 0;
      addFinding(
        ctx,
        missing ? 'missing-field' : 'wrong-type',
        path,
        missing ? 'required field is absent' : issue.message,
      );
    }
    return REMOVE;
  };
}
