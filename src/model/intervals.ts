import type { Flags } from './flags';

export type IntervalKind = 'hold' | 'recording-active' | 'recording-paused' | 'consult' | 'conference';

/** A stretch of time during which a flag was on: what the panel's lane chart draws. */
export interface Interval {
  kind: IntervalKind;
  /** The media leg, for `hold`. */
  leg?: string;
  fromSeq: number;
  fromT: number;
  /** Absent while the interval is still open. */
  toSeq?: number;
  toT?: number;
}

/** Opens and closes intervals as flags change from one event to the next. */
export class IntervalTracker {
  readonly intervals: Interval[] = [];
  private readonly open = new Map<string, Interval>();

  update(before: Flags, after: Flags, seq: number, t: number): void {
    const legs = new Set([...before.heldLegs, ...after.heldLegs]);
    for (const leg of legs) this.toggle(`hold:${leg}`, after.heldLegs.includes(leg), { kind: 'hold', leg }, seq, t);
    this.toggle('recording-active', after.recording === 'active', { kind: 'recording-active' }, seq, t);
    this.toggle('recording-paused', after.recording === 'paused', { kind: 'recording-paused' }, seq, t);
    this.toggle('consult', after.consulting, { kind: 'consult' }, seq, t);
    this.toggle('conference', after.conferencing, { kind: 'conference' }, seq, t);
  }

  private toggle(key: string, on: boolean, what: Pick<Interval, 'kind' | 'leg'>, seq: number, t: number): void {
    const current = this.open.get(key);
    if (on && !current) {
      const interval: Interval = { ...what, fromSeq: seq, fromT: t };
      this.intervals.push(interval);
      this.open.set(key, interval);
    } else if (!on && current) {
      current.toSeq = seq;
      current.toT = t;
      this.open.delete(key);
    }
  }
}
