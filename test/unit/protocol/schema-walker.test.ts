import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  AgentEventDataSchema,
  FailureDataSchema,
  InteractionSchema,
  TaskEventDataSchema,
  normalise,
  type Finding,
} from '../../../src/protocol';
import { MAX_FINDINGS } from '../../../src/protocol/schema-walker';
import { listScenarios, loadScenario } from '../../sim/scenario';

/*
 * The fast walker (src/protocol/schema-walker.ts) must mean exactly what the Valibot schema
 * means. Valibot is the oracle here: on every fixture snapshot and on thousands of random
 * mutations of them, both must agree on whether the value conforms and, when it does, on the
 * normalised output. Two deliberate differences are allowed and tested for what they are: the
 * walker keeps (and, in records, validates) `__proto__` / `constructor` / `prototype` keys that
 * Valibot silently drops, and it refuses
 * arrays where an object or record belongs (Valibot's objects accept them).
 */

type Json = Record<string, unknown>;

/** `FUZZ_RUNS=20 npx vitest run test/unit/protocol` multiplies the property runs for a deeper search. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1);

const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

function snapshots(): Json[] {
  const out: Json[] = [];
  for (const name of listScenarios()) {
    for (const step of loadScenario(name).steps) {
      const data = step.frame?.['data'];
      if (isObject(data) && isObject(data['interaction'])) out.push(data['interaction']);
    }
  }
  return out;
}

const SPECIAL_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** What Valibot's output looks like: the same, minus the keys Valibot never copies. */
function withoutSpecialKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSpecialKeys);
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const key of Object.keys(value)) if (!SPECIAL_KEYS.has(key)) out[key] = withoutSpecialKeys(value[key]);
  return out;
}

function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length) {
    const node = stack.pop();
    if (typeof node === 'object' && node !== null && !Object.isFrozen(node)) {
      Object.freeze(node);
      for (const key of Object.keys(node)) stack.push((node as Json)[key]);
    }
  }
  return value;
}

const serious = (findings: Finding[]) => findings.filter((f) => f.severity !== 'info');

function expectAgreement(schema: v.GenericSchema, input: unknown): void {
  const oracle = v.safeParse(schema, input);
  const walked = normalise(schema, input);
  const problems = serious(walked.findings);
  if (oracle.success) {
    // Allowed: an array where an object belongs, or a problem under a key Valibot never looks at.
    const deliberate = problems.every(
      (f) =>
        (f.code === 'wrong-type' && /got an array/.test(f.message)) ||
        f.path.split('.').some((k) => SPECIAL_KEYS.has(k)),
    );
    expect(deliberate, `Valibot accepts, the walker reports ${JSON.stringify(problems.slice(0, 3))}`).toBe(true);
    if (problems.length === 0) expect(withoutSpecialKeys(walked.value)).toEqual(withoutSpecialKeys(oracle.output));
  } else {
    expect(
      problems.length,
      `Valibot rejects (${v.summarize(oracle.issues).slice(0, 200)}), the walker reports nothing`,
    ).toBeGreaterThan(0);
  }
}

describe('schema walker ≡ Valibot', () => {
  const all = snapshots();

  it('has fixture snapshots to compare', () => {
    expect(all.length).toBeGreaterThan(60);
  });

  it('agrees with v.parse on every fixture snapshot, output included', () => {
    for (const snapshot of all) expectAgreement(InteractionSchema, snapshot);
  });

  it('agrees on every fixture event data shape', () => {
    for (const name of listScenarios()) {
      for (const step of loadScenario(name).steps) {
        const data = step.frame?.['data'];
        if (!isObject(data)) continue;
        const type = String(data['type']);
        const schema =
          type.endsWith('Failed') || type.endsWith('Failure')
            ? FailureDataSchema
            : step.frame?.['type'] === 'RoutingMessage'
              ? TaskEventDataSchema
              : AgentEventDataSchema;
        expectAgreement(schema, data);
      }
    }
  });

  // Random edits anywhere in a real snapshot: replace a value, delete a key, add a key.
  const paths = (root: Json): string[][] => {
    const out: string[][] = [];
    const stack: [unknown, string[]][] = [[root, []]];
    while (stack.length) {
      const [node, path] = stack.pop()!;
      if (path.length) out.push(path);
      if (path.length < 6 && (isObject(node) || Array.isArray(node))) {
        for (const key of Object.keys(node)) stack.push([(node as Json)[key], [...path, key]]);
      }
    }
    return out;
  };
  const candidates = all.filter(
    (s, i) => i % 7 === 0 && !JSON.stringify(s).includes('$repeat') && JSON.stringify(s).length < 50_000,
  );
  const edit = fc.record({
    snapshot: fc.integer({ min: 0, max: candidates.length - 1 }),
    pick: fc.nat(),
    op: fc.constantFrom('replace', 'delete', 'add'),
    value: fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.constantFrom(
        'true',
        'false',
        '1767600000000',
        '30',
        '',
        'telephony',
        'video',
        null,
        0,
        -0,
        true,
        false,
        [],
        {},
      ),
    ),
    key: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'isHold', 'type')),
  });

  it(
    'agrees on random edits of fixture snapshots, and never mutates its input',
    () => {
      fc.assert(
        fc.property(edit, ({ snapshot, pick, op, value, key }) => {
          const copy = structuredClone(candidates[snapshot]) as Json;
          const all = paths(copy);
          const path = all[pick % all.length] ?? [];
          const parentPath = path.slice(0, -1);
          let parent: unknown = copy;
          for (const k of parentPath) parent = (parent as Json)[k];
          const last = path[path.length - 1] as string;
          const target = parent as Json;
          if (op === 'replace') target[last] = value;
          else if (op === 'delete') delete target[last];
          else {
            const child = target[last];
            if (isObject(child))
              Object.defineProperty(child, key, { value, enumerable: true, writable: true, configurable: true });
          }
          // Round-trip through JSON: the decoder only ever sees JSON.parse output.
          const input = deepFreeze(JSON.parse(JSON.stringify(copy)));
          expectAgreement(InteractionSchema, input);
        }),
        { numRuns: 1500 * RUNS },
      );
    },
    30_000 * RUNS,
  );

  it(
    'agrees on arbitrary JSON values',
    () => {
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
          const input = deepFreeze(JSON.parse(JSON.stringify(value ?? null)));
          expectAgreement(InteractionSchema, input);
          expectAgreement(TaskEventDataSchema, input);
        }),
        { numRuns: 500 * RUNS },
      );
    },
    30_000 * RUNS,
  );
});

describe('schema walker specifics', () => {
  it('copies only what it changes', () => {
    const snapshot = deepFreeze(structuredClone(snapshots()[5]) as Json);
    const out = normalise(InteractionSchema, snapshot).value as unknown as Json;
    expect(out).not.toBe(snapshot); // CPD booleans changed
    expect(out['media']).toBe(snapshot['media']); // isHold already booleans
    expect(out['callAssociatedData']).toBe(snapshot['callAssociatedData']);
    const clean = deepFreeze(normalise(InteractionSchema, out).value);
    expect(normalise(InteractionSchema, clean).value).toBe(clean);
  });

  it('keeps __proto__, constructor and prototype keys as own keys (Valibot drops them)', () => {
    const input = JSON.parse('{"type":"INBOUND","__proto__":{"x":1},"constructor":2,"prototype":3}');
    const schema = v.looseObject({ type: v.string() });
    const out = normalise(schema, input).value as Json;
    expect(Object.keys(out).sort()).toEqual(['__proto__', 'constructor', 'prototype', 'type']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(v.parse(schema, input))).toEqual(['type']);
  });

  it('leaves out every removed key, the rest in their order, "__proto__" an own key', () => {
    // Three keys left out (wrong types, null among them), one of them beside a "__proto__" key.
    const input = JSON.parse('{"a":"x","gone":null,"__proto__":{"p":1},"b":true,"bad":7,"c":"true"}');
    const schema = v.looseObject({
      a: v.string(),
      gone: v.optional(v.string()),
      b: v.boolean(),
      bad: v.optional(v.string()),
      c: v.boolean(),
    });
    const { value, findings } = normalise(schema, input);
    const out = value as Json;
    expect(Object.keys(out)).toEqual(['a', '__proto__', 'b']);
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    const own = (o: object) => Object.getOwnPropertyDescriptor(o, '__proto__')?.value;
    expect(own(out)).toBe(own(input));
    expect(own(out)).toEqual({ p: 1 });
    expect(findings.map((f) => [f.code, f.path])).toEqual([
      ['wrong-type', 'gone'],
      ['unknown-key', '__proto__'],
      ['wrong-type', 'bad'],
      ['wrong-type', 'c'],
    ]);
    expect(Object.keys(input)).toEqual(['a', 'gone', '__proto__', 'b', 'bad', 'c']);
  });

  it('leaves out 20,000 wrong entries of a record in one pass (a copy per entry was quadratic: minutes)', () => {
    const input: Json = {};
    for (let i = 0; i < 20_000; i++) input[`k${i}`] = i % 1000 === 0 ? `kept ${i}` : i;
    const { value, findings } = normalise(v.record(v.string(), v.string()), input);
    expect(Object.entries(value as Json)).toEqual(
      Array.from({ length: 20 }, (_, j) => [`k${j * 1000}`, `kept ${j * 1000}`]),
    );
    // The findings stop at the walker's bound, the rest counted in a last one.
    expect(findings.filter((f) => f.code === 'wrong-type')).toHaveLength(MAX_FINDINGS);
    expect(findings.at(-1)!.message).toBe(`${19_980 - MAX_FINDINGS} more findings in this frame are not listed`);
  });

  it('delegates schemas it does not compile to Valibot, with paths', () => {
    const schema = v.looseObject({
      code: v.pipe(v.string(), v.regex(/^[A-Z]+$/)),
      pair: v.optional(v.tuple([v.string(), v.number()])),
    });
    const bad = normalise(schema, { code: 'lower', pair: ['a', 'b'] }, { path: ['data'] });
    expect(bad.findings.map((f) => [f.path, f.code])).toEqual([
      ['data.code', 'wrong-type'],
      ['data.pair[1]', 'wrong-type'],
    ]);
    expect(bad.value).toEqual({});
    expect(normalise(schema, { code: 'UPPER', pair: ['a', 1] }).findings).toEqual([]);
  });

  it('writes record keys and array indices as * in unknown-key paths', () => {
    const data = {
      type: 'BuddyAgents',
      agentId: 'a',
      agentList: [
        { agentId: 'b', mood: 'fine' },
        { agentId: 'c', mood: 'fine' },
      ],
      channelsMap: { telephony: ['x'] },
    };
    const r = normalise(AgentEventDataSchema, data, { path: ['data'] });
    expect(r.findings.map((f) => [f.code, f.path])).toEqual([['unknown-key', 'data.agentList.*.mood']]);
    expect(r.findings[0]?.message).toContain('data.agentList[0].mood');
  });

  it('reports the root itself when it is the wrong kind', () => {
    const r = normalise(InteractionSchema, 'nope', { path: ['data', 'interaction'] });
    expect(r.value).toBeUndefined();
    expect(r.findings.map((f) => [f.code, f.path])).toEqual([['wrong-type', 'data.interaction']]);
  });
});
