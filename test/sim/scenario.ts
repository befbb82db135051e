// Scenario scripts: the JSON files in test/fixtures/scenarios replayed by the simulator.
// Validation is strict on purpose: a misspelt step key or macro must fail when the
// file is loaded, not silently turn into a frame the tests never expected.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import { ApiAnswerSchema } from './mock-api.ts';

export const SCENARIO_DIR = fileURLToPath(new URL('../fixtures/scenarios/', import.meta.url));

/** Scenario names double as file names and arrive from URLs, so keep them path-safe. */
export const SCENARIO_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

// Codes a server may put in a close frame (RFC 6455 §7.4), plus 1006 which we produce
// by terminating the TCP connection (1006 itself is never sent on the wire).
function isUsableCloseCode(code: number): boolean {
  return (
    code === 1000 ||
    (code >= 1001 && code <= 1003) ||
    code === 1006 ||
    (code >= 1007 && code <= 1014) ||
    (code >= 3000 && code <= 4999)
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const DropSchema = v.strictObject({
  code: v.optional(
    v.pipe(
      v.number(),
      v.integer(),
      v.check(
        isUsableCloseCode,
        'drop.code must be 1006 or a code a server may send (1000-1003, 1007-1014, 3000-4999)',
      ),
    ),
  ),
  reason: v.optional(v.pipe(v.string(), v.maxBytes(123, 'close reason is limited to 123 bytes'))),
});

const ACTIONS = ['frame', 'raw', 'binaryHex', 'drop'] as const;

const StepSchema = v.pipe(
  v.strictObject({
    delay: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(60_000)),
    note: v.optional(v.string()),
    // A frame is kept as-is (no valibot copy) so odd own keys such as "__proto__" survive.
    frame: v.optional(
      v.custom<Record<string, unknown>>(isPlainObject, 'frame must be a JSON object (use "raw" for anything else)'),
    ),
    raw: v.optional(v.string()),
    binaryHex: v.optional(
      v.pipe(v.string(), v.regex(/^(?:[0-9a-fA-F]{2})*$/, 'binaryHex must be an even-length hex string')),
    ),
    drop: v.optional(DropSchema),
  }),
  v.check(
    (s) => ACTIONS.filter((k) => s[k] !== undefined).length <= 1,
    'a step may carry at most one of frame / raw / binaryHex / drop',
  ),
  v.check(
    (s) => ACTIONS.some((k) => s[k] !== undefined) || s.note !== undefined,
    'a step needs one of frame / raw / binaryHex / drop, or at least a note',
  ),
);

export const ScenarioSchema = v.strictObject({
  name: v.pipe(v.string(), v.regex(SCENARIO_NAME, 'name must be lower-case kebab-case')),
  description: v.pipe(v.string(), v.minLength(1)),
  agentId: v.pipe(v.string(), v.minLength(1)),
  steps: v.pipe(v.array(StepSchema), v.minLength(1)),
  /** How the mock WxCC REST API answers each operation (mock-api.ts); default: 202, then success. */
  api: v.optional(v.record(v.string(), ApiAnswerSchema)),
});

export type Scenario = v.InferOutput<typeof ScenarioSchema>;
export type Step = Scenario['steps'][number];
export type DropSpec = NonNullable<Step['drop']>;

export class ScenarioError extends Error {
  override name = 'ScenarioError';
}

// ---------------------------------------------------------------------------
// Macros. Some hostile payloads (100 KB strings, 1000-level nesting) would make the
// fixture files unreadable, so frames may contain these objects, expanded on load:
//   {"$repeat": "ab", "times": 3}                      -> "ababab"
//   {"$nest": 3, "key": "a", "leaf": 1}                -> {"a":{"a":{"a":1}}}
//   {"$nestArray": 3, "leaf": 1}                       -> [[[1]]]
// Any other key starting with "$" is rejected so a typo cannot reach the wire.

const MAX_EXPANSION = 2_000_000;

const RepeatMacro = v.strictObject({ $repeat: v.string(), times: v.pipe(v.number(), v.integer(), v.minValue(0)) });
const NestMacro = v.strictObject({
  $nest: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000)),
  key: v.string(),
  leaf: v.unknown(),
});
const NestArrayMacro = v.strictObject({
  $nestArray: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000)),
  leaf: v.unknown(),
});

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // Plain assignment of "__proto__" would change the prototype instead of adding a key.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function parseMacro<T extends v.GenericSchema>(schema: T, input: unknown, where: string): v.InferOutput<T> {
  const r = v.safeParse(schema, input);
  if (!r.success) throw new ScenarioError(`${where}: invalid macro: ${v.summarize(r.issues)}`);
  return r.output;
}

export function expandMacros(value: unknown, where = 'frame'): unknown {
  if (Array.isArray(value)) return value.map((item, i) => expandMacros(item, `${where}[${i}]`));
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  const macroKeys = keys.filter((k) => k.startsWith('$'));
  if (macroKeys.length > 0) {
    if (macroKeys.length > 1) throw new ScenarioError(`${where}: more than one macro key: ${macroKeys.join(', ')}`);
    const macro = macroKeys[0];
    if (macro === '$repeat') {
      const m = parseMacro(RepeatMacro, value, where);
      if (m.$repeat.length * m.times > MAX_EXPANSION)
        throw new ScenarioError(`${where}: $repeat expands beyond ${MAX_EXPANSION} chars`);
      return m.$repeat.repeat(m.times);
    }
    if (macro === '$nest') {
      const m = parseMacro(NestMacro, value, where);
      let out = expandMacros(m.leaf, `${where}.leaf`);
      for (let i = 0; i < m.$nest; i++) {
        const wrapper: Record<string, unknown> = {};
        setOwn(wrapper, m.key, out);
        out = wrapper;
      }
      return out;
    }
    if (macro === '$nestArray') {
      const m = parseMacro(NestArrayMacro, value, where);
      let out = expandMacros(m.leaf, `${where}.leaf`);
      for (let i = 0; i < m.$nestArray; i++) out = [out];
      return out;
    }
    throw new ScenarioError(
      `${where}: unknown macro "${macro}" (keys starting with "$" are reserved for $repeat, $nest, $nestArray)`,
    );
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) setOwn(out, k, expandMacros(value[k], `${where}.${k}`));
  return out;
}

/** Validates a scenario object (e.g. one built in a test) and expands its macros. */
export function parseScenario(input: unknown, source = '<inline scenario>'): Scenario {
  const r = v.safeParse(ScenarioSchema, input);
  if (!r.success) {
    const lines = r.issues.map((i) => {
      const path = v.getDotPath(i);
      return `  - ${path ?? '(root)'}: ${i.message}`;
    });
    throw new ScenarioError(`${source}: invalid scenario\n${lines.join('\n')}`);
  }
  const scenario = r.output;
  scenario.steps.forEach((step, i) => {
    if (step.frame !== undefined) {
      step.frame = expandMacros(step.frame, `${source}: steps[${i}].frame`) as Record<string, unknown>;
    }
  });
  return scenario;
}

export function scenarioPath(name: string, dir = SCENARIO_DIR): string {
  if (!SCENARIO_NAME.test(name)) throw new ScenarioError(`invalid scenario name ${JSON.stringify(name)}`);
  return `${dir.replace(/\/$/, '')}/${name}.json`;
}

export function loadScenario(name: string, dir = SCENARIO_DIR): Scenario {
  const path = scenarioPath(name, dir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ScenarioError(`unknown scenario "${name}" (no ${path}); known: ${listScenarios(dir).join(', ')}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ScenarioError(`${path}: not valid JSON: ${(err as Error).message}`);
  }
  const scenario = parseScenario(json, path);
  if (scenario.name !== name)
    throw new ScenarioError(`${path}: "name" is "${scenario.name}" but the file is ${name}.json`);
  return scenario;
}

export function listScenarios(dir = SCENARIO_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .filter((n) => SCENARIO_NAME.test(n))
    .sort();
}

/** Total scripted time of one pass, in ms at speed 1. */
export function scenarioDuration(s: Scenario): number {
  return s.steps.reduce((sum, step) => sum + step.delay, 0);
}
