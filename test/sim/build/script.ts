// A tiny authoring helper: keeps a scripted clock in step with the step delays and
// collects steps in the on-disk scenario shape.
import type { Scenario, Step } from '../scenario.ts';
import { AGENT, trackingIds, type Clock, type JsonObject } from './wire.ts';

/** Scripted call time runs this much faster than playback (a 400 ms delay = 4 s of call). */
export const CALL_TIME_PER_DELAY_MS = 10;

export class Script implements Clock {
  now: number;
  readonly nextTracking: () => { top: string; inner: string };
  private readonly steps: Step[] = [];
  private readonly name: string;
  private readonly description: string;

  constructor(name: string, description: string, t0: number, trackingPrefix: string) {
    this.name = name;
    this.description = description;
    this.now = t0;
    this.nextTracking = trackingIds(trackingPrefix);
  }

  /** Advance the scripted clock without a step (time that passes while disconnected, say). */
  advance(ms: number): this {
    this.now += ms;
    return this;
  }

  /** Add a frame step; `build` runs after the clock moved, so it can mutate a Call at "now". */
  frame(delay: number, build: (t: number) => JsonObject, note?: string): this {
    this.now += delay * CALL_TIME_PER_DELAY_MS;
    const frame = build(this.now);
    this.steps.push(note === undefined ? { delay, frame } : { delay, note, frame });
    return this;
  }

  raw(delay: number, raw: string, note?: string): this {
    this.steps.push(note === undefined ? { delay, raw } : { delay, note, raw });
    return this;
  }

  binary(delay: number, binaryHex: string, note?: string): this {
    this.steps.push(note === undefined ? { delay, binaryHex } : { delay, note, binaryHex });
    return this;
  }

  drop(delay: number, drop: { code?: number; reason?: string }, note?: string): this {
    this.steps.push(note === undefined ? { delay, drop } : { delay, note, drop });
    return this;
  }

  note(delay: number, note: string): this {
    this.steps.push({ delay, note });
    return this;
  }

  build(): Scenario {
    return { name: this.name, description: this.description, agentId: AGENT.id, steps: this.steps };
  }
}
