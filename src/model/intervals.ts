import type { Flags } from './flags';

export type IntervalKind = 'hold' | 'recording-active' | 'recording-paused' | 'consult' | 'conference';

/** A stretch of time during which a flag was on: what the panel's lane chart draws. */
export interface Interval {
  kind: IntervalKind;
  /** The media leg, for `hold`. */
  leg?: string;
  /**
   * For `hold`: the leg was the customer's (`Flags.customerLeg`) when it went on hold, so the
   * chart can tell "the customer on hold" from a parked consult leg, as `Flags.onHold` does.
   */
  customer?: true;
  fromSeq: number;
  fromT: number;
  /**
   * The event that closed it: the one whose flags turned it off (the end of the task turns all of
   * them off, §10.4), or the `ContactMerged` that folded the interaction into another. Absent
   * while it is still on at the end of the capture.
   */
  toSeq?: number;
  toT?: number;
}

/** What an interval is about, before it has a start: its kind, and for `hold` its leg. */
type Opening = Pick<Interval, 'kind' | 'leg' | 'customer'>;

/** Opens and closes intervals as flags change from one event to the next. */
export class IntervalTracker {
  readonly intervals: Interval[] = [];
  private readonly open = new Map<string, Interval>();

  update(before: Flags, after: Flags, seq: number, t: number): void {
    const legs = new Set([...before.heldLegs, ...after.heldLegs]);
    for (const leg of legs) {
      const what: Opening = { kind: 'hold', leg };
      if (leg === after.customerLeg) what.customer = true;
      this.toggle(`hold:${leg}`, after.heldLegs.includes(leg), what, seq, t);
    }
    this.toggle('recording-active', after.recording === 'active', { kind: 'recording-active' }, seq, t);
    this.toggle('recording-paused', after.recording === 'paused', { kind: 'recording-paused' }, seq, t);
    this.toggle('consult', after.consulting, { kind: 'consult' }, seq, t);
    this.toggle('conference', after.conferencing, { kind: 'conference' }, seq, t);
  }

  /**
   * Closes every interval still open at `seq`: the interaction stopped going on without its flags
   * saying so (a `ContactMerged` folded it into another, whose own intervals carry on from there).
   */
  closeAll(seq: number, t: number): void {
    for (const interval of this.open.values()) {
      interval.toSeq = seq;
      interval.toT = t;
    }
    this.open.clear();
  }

  private toggle(key: string, on: boolean, what: Opening, seq: number, t: number): void {
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
