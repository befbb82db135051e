// Serialising steps for the wire, and making repeated passes of a looping scenario
// look like new calls. Without this, pass 2 of a loop would reuse pass 1's
// interaction ids and timestamps, and any invariant checker (events after
// AgentWrappedUp, eventTime going backwards) would light up for no real reason.
import { createHash } from 'node:crypto';
import type { Scenario } from './scenario.ts';

/** Keys whose string values identify a call, leg, or request; rotated per loop pass. */
const ID_KEYS = new Set([
  'interactionId',
  'mainInteractionId',
  'parentInteractionId',
  'childInteractionId',
  'reservationInteractionId',
  'mediaResourceId',
  'consultMediaResourceId',
  'trackingId',
]);
const ID_LIST_KEYS = new Set(['interactionIds']);

/** Epoch-ms fields; shifted when timestamps are rebased. */
const TIME_KEY = /^(eventTime|timestamp)$|Timestamp$/;
const MIN_EPOCH_MS = 1e12; // anything smaller is not an epoch-ms timestamp (e.g. counters)

function walk(value: unknown, visit: (key: string, v: unknown) => void, key = ''): void {
  visit(key, value);
  if (Array.isArray(value)) {
    for (const item of value) walk(item, visit, key);
  } else if (typeof value === 'object' && value !== null) {
    for (const k of Object.keys(value)) walk((value as Record<string, unknown>)[k], visit, k);
  }
}

export function collectIds(scenario: Scenario): string[] {
  const ids = new Set<string>();
  for (const step of scenario.steps) {
    if (!step.frame) continue;
    walk(step.frame, (key, value) => {
      if (ID_KEYS.has(key) && typeof value === 'string' && value.length >= 8) ids.add(value);
      if (ID_LIST_KEYS.has(key) && typeof value === 'string' && value.length >= 8) ids.add(value);
    });
  }
  // Longest first so an id that contains another (notifs_<uuid>) is replaced whole.
  return [...ids].sort((a, b) => b.length - a.length);
}

export function firstEventTime(scenario: Scenario): number | undefined {
  let min: number | undefined;
  for (const step of scenario.steps) {
    if (!step.frame) continue;
    walk(step.frame, (key, value) => {
      if (TIME_KEY.test(key) && typeof value === 'number' && value > MIN_EPOCH_MS)
        min = min === undefined ? value : Math.min(min, value);
    });
  }
  return min;
}

export function lastEventTime(scenario: Scenario): number | undefined {
  let max: number | undefined;
  for (const step of scenario.steps) {
    if (!step.frame) continue;
    walk(step.frame, (key, value) => {
      if (TIME_KEY.test(key) && typeof value === 'number' && value > MIN_EPOCH_MS)
        max = max === undefined ? value : Math.max(max, value);
    });
  }
  return max;
}

/** Deterministic UUID-shaped replacement, so pass N of a loop is reproducible. */
export function rotatedId(id: string, pass: number): string {
  const h = createHash('sha256').update(`${id}#${pass}`).digest('hex');
  const uuid = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
  const prefix = /^([A-Za-z]+_)/.exec(id)?.[1] ?? '';
  return prefix + uuid;
}

export interface Rewrite {
  /** Added to every epoch-ms field; 0 = unchanged. */
  timeOffset: number;
  /** Old id -> new id, applied to the serialised text (covers map keys too). */
  ids: ReadonlyMap<string, string>;
}

export const NO_REWRITE: Rewrite = { timeOffset: 0, ids: new Map() };

export function passRewrite(ids: readonly string[], pass: number, timeOffset: number): Rewrite {
  const map = new Map<string, string>();
  if (pass > 0) for (const id of ids) map.set(id, rotatedId(id, pass));
  return { timeOffset, ids: map };
}

function replaceIds(text: string, ids: ReadonlyMap<string, string>): string {
  let out = text;
  for (const [from, to] of ids) if (out.includes(from)) out = out.split(from).join(to);
  return out;
}

export function serializeFrame(frame: Record<string, unknown>, rw: Rewrite): string {
  const text =
    rw.timeOffset === 0
      ? JSON.stringify(frame)
      : JSON.stringify(frame, (key, value: unknown) =>
          TIME_KEY.test(key) && typeof value === 'number' && value > MIN_EPOCH_MS ? value + rw.timeOffset : value,
        );
  return replaceIds(text, rw.ids);
}

export function rewriteRaw(text: string, rw: Rewrite): string {
  return replaceIds(text, rw.ids);
}
