import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import { ANY_KEY, formatPath, type PathSegment } from '../../../src/frame/path';
import {
  AgentEventDataSchema,
  FailureDataSchema,
  NotificationDataSchema,
  NotificationEnvelopeSchema,
  TaskEventDataSchema,
  createDecodeSession,
  decodeFrame,
  lookupEvent,
  type Decoded,
} from '../../../src/protocol';
import { WELL_FORMED_SCENARIOS, jsonFrame, textFrame } from './frames';
import { loadScenario } from '../../sim/scenario';

/*
 * Property-based fuzzing of decodeFrame (fast-check). Valid frames from the well-formed
 * scenarios are broken in the ways the wire (or a bug) can break them: a required field dropped,
 * a field retyped (numbers, booleans, null, arrays, objects, 2,000-level nesting, 1 MB strings),
 * the text truncated, deeply nested or huge values added under new keys. For each: the decoder
 * returns (it never throws, and its last-resort guard never fires) and reports the breakage,
 * at the path where it happened. Then arbitrary strings and arbitrary "frames".
 */

type Json = Record<string, unknown>;
type Schema = v.GenericSchema & {
  type: string;
  entries?: Record<string, Schema>;
  wrapped?: Schema;
  value?: Schema;
  item?: Schema;
};

const RUNS = Number(process.env.FUZZ_RUNS ?? 1);
const MB = 1024 * 1024;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

const BASE: Json[] = WELL_FORMED_SCENARIOS.flatMap((name) =>
  loadScenario(name).steps.flatMap((step) => (step.frame ? [step.frame as Json] : [])),
);

function dataSchemaOf(frame: Json): Schema {
  const name = String((frame['data'] as Json)['type']);
  const shape = lookupEvent(name).dataShape;
  return (shape === 'task'
    ? TaskEventDataSchema
    : shape === 'failure'
      ? FailureDataSchema
      : shape === 'notification'
        ? NotificationDataSchema
        : AgentEventDataSchema) as unknown as Schema;
}

/** The object schema behind optional / nullable / pipes (pipes keep their root schema's `type`). */
function unwrap(schema: Schema): Schema {
  let s = schema;
  while ((s.type === 'optional' || s.type === 'nullable') && s.wrapped) s = s.wrapped;
  if (s.type === 'optional' || s.type === 'nullable') return s;
  // optionalField(): optional(pipe(nullable(X), transform)): the pipe's root is the nullable.
  return s;
}

interface Field {
  path: PathSegment[];
  schema: Schema;
  required: boolean;
}

/** Every field present in the frame that a schema describes, with that schema. */
function fieldsOf(frame: Json): Field[] {
  const out: Field[] = [];
  const stack: [unknown, Schema, PathSegment[]][] = [];
  const visitObject = (value: Json, schema: Schema, path: PathSegment[]) => {
    for (const [key, entry] of Object.entries(schema.entries ?? {})) {
      if (!Object.hasOwn(value, key)) continue;
      const required = !['optional', 'nullish', 'exact_optional'].includes(entry.type);
      out.push({ path: [...path, key], schema: entry, required });
      stack.push([value[key], entry, [...path, key]]);
    }
  };
  const envelope = NotificationEnvelopeSchema as unknown as Schema;
  for (const [key, entry] of Object.entries(envelope.entries ?? {})) {
    if (key !== 'data') out.push({ path: [key], schema: entry, required: true });
  }
  out.push({ path: ['data'], schema: dataSchemaOf(frame), required: true });
  visitObject(frame['data'] as Json, dataSchemaOf(frame), ['data']);
  while (stack.length) {
    const [value, schema, path] = stack.pop()!;
    let s = unwrap(schema);
    // optionalField's pipe root is nullable(X): look through it as well.
    while ((s.type === 'nullable' || s.type === 'optional') && s.wrapped) s = unwrap(s.wrapped);
    if (s.type === 'loose_object' && isObject(value)) visitObject(value, s, path);
    else if (s.type === 'record' && isObject(value) && s.value) {
      for (const key of Object.keys(value)) {
        out.push({ path: [...path, key], schema: s.value, required: false });
        stack.push([value[key], s.value, [...path, key]]);
      }
    } else if (s.type === 'array' && Array.isArray(value) && s.item) {
      value.forEach((item, i) => {
        out.push({ path: [...path, i], schema: s.item!, required: false });
        stack.push([item, s.item!, [...path, i]]);
      });
    }
  }
  return out;
}

function nest(depth: number, array: boolean): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = array ? [value] : { a: value };
  return value;
}

const hugeString = 'x'.repeat(MB);
const RETYPES: unknown[] = [
  42,
  -1.5,
  0,
  true,
  false,
  null,
  'x',
  'true',
  '123',
  '',
  [],
  {},
  ['x', 1],
  { type: 1 },
  nest(2_000, true),
  nest(2_000, false),
  hugeString,
];

function setAt(root: Json, path: PathSegment[], value: unknown): void {
  let node: unknown = root;
  for (const key of path.slice(0, -1)) node = (node as Json)[String(key)];
  (node as Json)[String(path[path.length - 1])] = value;
}

function deleteAt(root: Json, path: PathSegment[]): void {
  let node: unknown = root;
  for (const key of path.slice(0, -1)) node = (node as Json)[String(key)];
  delete (node as Json)[String(path[path.length - 1])];
}

function decodeChecked(frame: Frame): Decoded {
  let decoded: Decoded | undefined;
  expect(() => {
    decoded = decodeFrame(frame, createDecodeSession());
  }).not.toThrow();
  const d = decoded as Decoded;
  expect(Array.isArray(d.findings)).toBe(true);
  expect(d.findings.some((f) => f.message.startsWith('the decoder could not read this frame'))).toBe(false);
  for (const f of d.findings) {
    expect(typeof f.path).toBe('string');
    expect(f.message.length).toBeLessThan(400); // never the 1 MB value itself
  }
  return d;
}

const pickFrame = fc.integer({ min: 0, max: BASE.length - 1 });

describe('fuzzing decodeFrame with broken valid frames', () => {
  it('has frames of every data shape to break', () => {
    const shapes = new Set(BASE.map((f) => lookupEvent(String((f['data'] as Json)['type'])).dataShape));
    expect([...shapes].sort()).toEqual(['agent', 'failure', 'notification', 'task']);
  });

  it('the unbroken frames decode without warnings or errors', () => {
    for (const frame of BASE) {
      const d = decodeChecked(jsonFrame(frame));
      expect(
        d.findings.filter((f) => f.severity !== 'info'),
        JSON.stringify((frame['data'] as Json)['type']),
      ).toEqual([]);
    }
  });

  it(
    'reports a dropped required field at its path',
    () => {
      fc.assert(
        fc.property(pickFrame, fc.nat(), (i, pick) => {
          const frame = structuredClone(BASE[i]) as Json;
          const required = fieldsOf(frame).filter((f) => f.required);
          const field = required[pick % required.length]!;
          deleteAt(frame, field.path);
          const d = decodeChecked(jsonFrame(frame));
          const path = formatPath(field.path);
          expect(
            d.findings.some((f) => (f.path === path && f.severity !== 'info') || f.code === 'unknown-event'),
            `dropped ${path}`,
          ).toBe(true);
        }),
        { numRuns: 300 * RUNS },
      );
    },
    30_000 * RUNS,
  );

  it(
    'reports a retyped field (numbers, null, arrays, objects, deep nesting, 1 MB strings) at its path',
    () => {
      fc.assert(
        fc.property(pickFrame, fc.nat(), fc.nat(), (i, pick, choice) => {
          const frame = structuredClone(BASE[i]) as Json;
          const fields = fieldsOf(frame);
          const field = fields[pick % fields.length]!;
          // Only replacements the schema itself rejects: Valibot is the judge of "wrong".
          const wrong = RETYPES.filter((value) => !v.safeParse(field.schema, value).success);
          fc.pre(wrong.length > 0);
          setAt(frame, field.path, wrong[choice % wrong.length]);
          const d = decodeChecked(jsonFrame(frame));
          const path = formatPath(field.path);
          // At the field, or inside it (an object missing its own required fields).
          const reported =
            d.findings.some(
              (f) =>
                (f.path === path || f.path.startsWith(`${path}.`) || f.path.startsWith(`${path}[`)) &&
                f.severity !== 'info',
            ) ||
            // A string where a CAD or flow value object is expected is an encoded value (§10.6).
            d.findings.some((f) => f.code === 'opaque-value' && f.path === path) ||
            // Breaking the event name changes which event this is: then that is what is reported.
            (path === 'data.type' && d.findings.some((f) => f.path === 'data.type'));
          expect(reported, `retyped ${path}: ${JSON.stringify(d.findings.slice(0, 4))}`).toBe(true);
        }),
        { numRuns: 400 * RUNS },
      );
    },
    60_000 * RUNS,
  );

  it(
    'reports a truncated frame as invalid JSON, at or before the cut',
    () => {
      fc.assert(
        fc.property(pickFrame, fc.double({ min: 0, max: 1, noNaN: true }), (i, at) => {
          const text = JSON.stringify(BASE[i]);
          const cut = Math.floor(at * (text.length - 1));
          const d = decodeChecked(textFrame(text.slice(0, cut)));
          expect(d.kind).toBe('invalid-json');
          if (d.kind === 'invalid-json') {
            expect(d.error.position).toBeLessThanOrEqual(cut);
            expect(d.findings.map((f) => f.code)).toEqual(['invalid-json']);
          }
        }),
        { numRuns: 300 * RUNS },
      );
    },
    30_000 * RUNS,
  );

  it(
    'lists deeply nested values and 1 MB strings under new keys, without descending into them',
    () => {
      const containers = (frame: Json) =>
        fieldsOf(frame).filter((f) => {
          let node: unknown = frame;
          for (const k of f.path) node = (node as Json)[k];
          return isObject(node) && unwrap(f.schema).type !== 'record';
        });
      fc.assert(
        fc.property(
          pickFrame,
          fc.nat(),
          fc.constantFrom(10_000, 100_000),
          fc.boolean(),
          fc.boolean(),
          (i, pick, depth, array, huge) => {
            const frame = structuredClone(BASE[i]) as Json;
            const objects = containers(frame);
            const field = objects[pick % objects.length]!;
            let node: unknown = frame;
            for (const k of field.path) node = (node as Json)[k];
            (node as Json)['zzAdded'] = '@@VALUE@@';
            // Spliced into the text: JSON.stringify itself cannot write 100,000 levels.
            const value = huge
              ? JSON.stringify(hugeString)
              : `${array ? '['.repeat(depth) : '{"a":'.repeat(depth)}0${array ? ']'.repeat(depth) : '}'.repeat(depth)}`;
            const text = JSON.stringify(frame).replace('"@@VALUE@@"', value);
            const d = decodeChecked(textFrame(text));
            const generic = formatPath(
              field.path.map((k, n) =>
                typeof k === 'number' ||
                (n > 0 &&
                  fieldsOf(frame).some(
                    (f) =>
                      formatPath(f.path) === formatPath(field.path.slice(0, n)) && unwrap(f.schema).type === 'record',
                  ))
                  ? ANY_KEY
                  : k,
              ),
            );
            expect(
              d.findings.some((f) => f.code === 'unknown-key' && f.path === `${generic}.zzAdded`),
              `added under ${formatPath(field.path)}`,
            ).toBe(true);
          },
        ),
        { numRuns: 60 * RUNS },
      );
    },
    60_000 * RUNS,
  );

  it('reads a 1 MB string in a string field as a string (nothing to report, nothing to choke on)', () => {
    const frame = structuredClone(BASE.find((f) => isObject((f['data'] as Json)['interaction']))) as Json;
    const interaction = (frame['data'] as Json)['interaction'] as Json;
    (interaction['callProcessingDetails'] as Json)['customerName'] = hugeString;
    const d = decodeChecked(jsonFrame(frame));
    expect(d.kind === 'event' && d.interaction?.callProcessingDetails.customerName.length).toBe(MB);
    expect(d.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
});

describe('fuzzing decodeFrame with arbitrary input', () => {
  it(
    'never throws on arbitrary text, and locates every JSON syntax error',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string({ unit: 'binary' }),
            fc.json(),
            fc.string({ unit: fc.constantFrom(...'{}[]",:0123456789-+.eEtrufalsn \\/u') }),
          ),
          (text) => {
            const d = decodeChecked(textFrame(text));
            let valid = true;
            try {
              JSON.parse(text);
            } catch {
              valid = false;
            }
            expect(d.kind === 'invalid-json').toBe(!valid);
            if (d.kind === 'invalid-json') {
              expect(d.error.position).toBeGreaterThanOrEqual(0);
              expect(d.error.position).toBeLessThanOrEqual(text.length);
            }
            if (d.kind === 'unknown-json' || d.kind === 'invalid-json') expect(d.findings.length).toBeGreaterThan(0);
          },
        ),
        { numRuns: 1000 * RUNS },
      );
    },
    30_000 * RUNS,
  );

  it(
    'never throws on arbitrary JSON values, objects shaped like envelopes included',
    () => {
      const envelopeLike = fc.record(
        {
          type: fc.oneof(
            fc.constantFrom('RoutingMessage', 'Welcome', 'AgentStateChange', 'AGENT_MULTI_LOGIN'),
            fc.jsonValue(),
          ),
          orgId: fc.jsonValue(),
          trackingId: fc.jsonValue(),
          data: fc.oneof(
            fc.jsonValue(),
            fc.record(
              {
                type: fc.oneof(
                  fc.constantFrom(...BASE.map((f) => String((f['data'] as Json)['type']))),
                  fc.jsonValue(),
                ),
                interaction: fc.jsonValue(),
              },
              { requiredKeys: [] },
            ),
          ),
          keepalive: fc.jsonValue(),
        },
        { requiredKeys: [] },
      );
      fc.assert(
        fc.property(fc.oneof(fc.jsonValue(), envelopeLike), (value) => {
          const d = decodeChecked(jsonFrame(value));
          if (d.kind !== 'event' && d.kind !== 'keepalive' && d.kind !== 'welcome')
            expect(d.findings.length).toBeGreaterThan(0);
        }),
        { numRuns: 1000 * RUNS },
      );
    },
    30_000 * RUNS,
  );

  it(
    'never throws on arbitrary frame objects',
    () => {
      const frameLike = fc.record(
        {
          seq: fc.anything(),
          t: fc.anything(),
          socket: fc.anything(),
          dir: fc.oneof(fc.constantFrom('in', 'out', 'meta'), fc.anything()),
          kind: fc.oneof(
            fc.constantFrom('text', 'binary', 'open', 'close', 'error', 'navigation', 'notice'),
            fc.anything(),
          ),
          data: fc.oneof(fc.string(), fc.json(), fc.anything()),
          size: fc.anything(),
        },
        { requiredKeys: [] },
      );
      fc.assert(
        fc.property(fc.oneof(frameLike, fc.anything()), (frame) => {
          decodeChecked(frame as unknown as Frame);
        }),
        { numRuns: 1000 * RUNS },
      );
    },
    30_000 * RUNS,
  );
});
