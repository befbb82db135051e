import type { Frame } from '../frame/frame';
import { decodeFrame } from '../protocol';

/**
 * What a replay plays: the capture's notification frames in arrival order, with the gaps between
 * them, and the socket closes between them. Keepalives and `Welcome` frames are not replayed: the
 * replay server sends its own (a `Welcome` on every connection, keepalives on the capture's 4 s
 * period whatever the speed), so compressed time never trips the disconnect rules (§1.4, §1.6).
 */
export interface ReplayPlan {
  /** The agent of the capture's first `Welcome` (or of its first event naming one). */
  readonly agentId: string;
  readonly steps: readonly ReplayStep[];
  /** Frames of the capture the plan does not replay, counted by reason, so nothing is dropped silently. */
  readonly skipped: Readonly<Record<SkipReason, number>>;
}

export type SkipReason = 'keepalive' | 'welcome' | 'outbound' | 'binary' | 'meta' | 'other-socket-kind';

export type ReplayStep = ReplayFrameStep | ReplayDropStep;

export interface ReplayFrameStep {
  readonly kind: 'frame';
  /** Index in `steps`. */
  readonly index: number;
  /** The capture's seq of the frame. */
  readonly seq: number;
  /** Milliseconds since the previous step in the capture (0 for the first). */
  readonly gapMs: number;
  /** The frame's text exactly as captured, or rewritten when ids or times were asked to change. */
  readonly text: string;
  /** The event name (`data.type ?? type`), or undefined for a frame that is not an event. */
  readonly eventName: string | undefined;
  readonly interactionId: string | undefined;
}

export interface ReplayDropStep {
  readonly kind: 'drop';
  readonly index: number;
  readonly seq: number;
  readonly gapMs: number;
  /** The close code the capture saw (1006 when the socket vanished without a close frame). */
  readonly code: number;
  readonly reason: string;
}

export interface PlanOptions {
  /** Replace the capture's agent id (every occurrence in every frame) with this one. */
  readonly agentId?: string;
  /** Replace the capture's organisation id with this one. */
  readonly orgId?: string;
  /**
   * Shift every epoch time in the frames (ms, or s where the capture had seconds) by this many
   * milliseconds, so a replay made today reads as today. 0 keeps the captured times.
   */
  readonly shiftMs?: number;
}

const TIME_KEY = /(time|timestamp|date|lastupdated|createdat|updatedat)$/i;
const MS_EPOCH_MIN = 1e12;
const MS_EPOCH_MAX = 1e13;
const S_EPOCH_MIN = 1e9;
const S_EPOCH_MAX = 1e10;

/**
 * Builds the plan from a capture's frames (any order: they are played by `seq`). Only sockets
 * that carried notification traffic (a `Welcome`, or an event) are replayed; other sockets of the
 * page are counted as skipped.
 */
export function buildReplayPlan(frames: readonly Frame[], options: PlanOptions = {}): ReplayPlan {
  const ordered = [...frames].sort((a, b) => a.seq - b.seq);
  const skipped: Record<SkipReason, number> = {
    keepalive: 0,
    welcome: 0,
    outbound: 0,
    binary: 0,
    meta: 0,
    'other-socket-kind': 0,
  };
  const decoded = ordered.map((frame) => ({ frame, decoded: decodeFrame(frame) }));
  const notificationSockets = new Set<string>();
  let agentId: string | undefined;
  let orgId: string | undefined;
  for (const { frame, decoded: d } of decoded) {
    if (d.kind === 'welcome' || (d.kind === 'event' && frame.dir === 'in')) notificationSockets.add(frame.socket);
    if (d.kind === 'welcome' && agentId === undefined) agentId = d.agentId;
    if (d.kind === 'event' && agentId === undefined && d.agentId) agentId = d.agentId;
    if (d.kind === 'event' && orgId === undefined) orgId = orgIdOf(d.raw);
  }
  const ids = idRewrites(agentId, options.agentId, orgId, options.orgId);
  const shiftMs = options.shiftMs ?? 0;

  const steps: ReplayStep[] = [];
  let lastT: number | undefined;
  const gap = (t: number): number => {
    const g = lastT === undefined ? 0 : Math.max(0, t - lastT);
    lastT = t;
    return Number.isFinite(g) ? g : 0;
  };
  for (const { frame, decoded: d } of decoded) {
    if (!notificationSockets.has(frame.socket)) {
      skipped['other-socket-kind']++;
      continue;
    }
    if (frame.kind === 'close' || frame.kind === 'error') {
      if (frame.kind === 'close') {
        steps.push({
          kind: 'drop',
          index: steps.length,
          seq: frame.seq,
          gapMs: gap(frame.t),
          code: frame.close?.code ?? 1006,
          reason: frame.close?.reason ?? '',
        });
      } else skipped.meta++;
      continue;
    }
    if (frame.dir === 'meta' || frame.kind === 'open') {
      skipped.meta++;
      continue;
    }
    if (frame.dir === 'out') {
      skipped.outbound++;
      continue;
    }
    if (frame.kind === 'binary' || frame.data === undefined) {
      skipped.binary++;
      continue;
    }
    if (d.kind === 'keepalive') {
      skipped.keepalive++;
      continue;
    }
    if (d.kind === 'welcome') {
      skipped.welcome++;
      continue;
    }
    steps.push({
      kind: 'frame',
      index: steps.length,
      seq: frame.seq,
      gapMs: gap(frame.t),
      text: rewriteFrameText(frame.data, ids, shiftMs),
      eventName: d.kind === 'event' ? d.name : undefined,
      interactionId: d.kind === 'event' ? rewriteId(d.interactionId, ids) : undefined,
    });
  }
  // A close at the very end is the capture stopping, not something to replay.
  while (steps.length && steps[steps.length - 1]!.kind === 'drop') steps.pop();
  return { agentId: rewriteId(agentId, ids) ?? options.agentId ?? 'replay-agent', steps, skipped };
}

function orgIdOf(raw: unknown): string | undefined {
  if (!isRecord(raw)) return undefined;
  if (typeof raw['orgId'] === 'string') return raw['orgId'];
  const data = raw['data'];
  return isRecord(data) && typeof data['orgId'] === 'string' ? data['orgId'] : undefined;
}

function idRewrites(
  fromAgent: string | undefined,
  toAgent: string | undefined,
  fromOrg: string | undefined,
  toOrg: string | undefined,
): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  if (fromAgent && toAgent && fromAgent !== toAgent) map.set(fromAgent, toAgent);
  if (fromOrg && toOrg && fromOrg !== toOrg) map.set(fromOrg, toOrg);
  return map;
}

function rewriteId(id: string | undefined, ids: ReadonlyMap<string, string>): string | undefined {
  return id === undefined ? undefined : (ids.get(id) ?? id);
}

/**
 * The frame text with ids replaced and times shifted. Untouched (byte for byte) when there is
 * nothing to change or the text is not JSON, so a plain replay sends exactly what was captured.
 */
export function rewriteFrameText(text: string, ids: ReadonlyMap<string, string>, shiftMs: number): string {
  if (!ids.size && !shiftMs) return text;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text;
  }
  return JSON.stringify(rewriteValue(value, undefined, ids, shiftMs, 0));
}

const MAX_DEPTH = 200;

function rewriteValue(
  value: unknown,
  key: string | undefined,
  ids: ReadonlyMap<string, string>,
  shiftMs: number,
  depth: number,
): unknown {
  if (typeof value === 'string') return ids.size ? replaceIds(value, ids) : value;
  if (typeof value === 'number') return key !== undefined && shiftMs ? shiftTime(key, value, shiftMs) : value;
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => rewriteValue(item, key, ids, shiftMs, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const newKey = ids.size ? replaceIds(k, ids) : k;
    // Object.defineProperty keeps an own "__proto__" key an own key, as JSON.parse made it.
    Object.defineProperty(out, newKey, {
      value: rewriteValue(v, k, ids, shiftMs, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function replaceIds(text: string, ids: ReadonlyMap<string, string>): string {
  let out = text;
  for (const [from, to] of ids) if (out.includes(from)) out = out.split(from).join(to);
  return out;
}

function shiftTime(key: string, value: number, shiftMs: number): number {
  if (!TIME_KEY.test(key)) return value;
  if (value >= MS_EPOCH_MIN && value < MS_EPOCH_MAX) return value + shiftMs;
  // Seconds where milliseconds belong happen on the wire (§10.10): shift them in their own unit.
  if (value >= S_EPOCH_MIN && value < S_EPOCH_MAX) return value + Math.round(shiftMs / 1000);
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
