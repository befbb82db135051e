import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import { readHar } from '../../../src/io';
import { PanelStore } from '../../../src/ui/panel-store';
import { capture } from '../../bench/model-ingest';
import { scenarioFrames } from '../../support/scenario-frames';
import { ManualScheduler } from './manual-scheduler';

/*
 * The interaction list is updated row by row from the timelines a delta touched
 * (`SessionReplica.takeInteractionChanges`). Whatever order the frames come in, at every repaint
 * the list must be exactly what a panel built from scratch over the same frames shows.
 */

const harFrames = (name: string): Frame[] =>
  readHar(JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/field-cases', `${name}.har`), 'utf8'))).frames;

/** What a reader sees of the list: each row's fields, newest first, and the media filter's menu. */
function shown(store: PanelStore) {
  return {
    rows: store.select.allRows.value.map((r) => ({
      id: r.interactionId,
      customer: r.customer,
      mediaType: r.mediaType,
      firstT: r.firstT,
      lastT: r.lastT,
      counts: { ...r.counts },
      ended: r.flags.ended,
      onHold: r.flags.onHold,
    })),
    mediaTypes: [...store.select.mediaTypes.value],
    selected: store.select.selectedRow.value?.interactionId,
    // What the list highlights (a re-keyed interaction keeps its timeline object: the id is new).
    selectedId: store.select.selectedInteractionId.value,
  };
}

function fresh(frames: Frame[]): PanelStore {
  const scheduler = new ManualScheduler();
  const store = new PanelStore(scheduler);
  store.events.frames(frames.map((f) => ({ ...f })));
  scheduler.drain();
  return store;
}

/**
 * A campaign preview re-keyed on assignment after other interactions began: the re-keyed timeline
 * moves to the end of the session's interactions, which a row-by-row update cannot follow.
 */
function rekeyAfterOthers(): Frame[] {
  const preview = harFrames('f09-campaign-preview-rekey');
  const others = harFrames('f17-chat-email-concurrent').filter((f) => f.data?.includes('"RoutingMessage"'));
  const cut = preview.findIndex((f) => f.t >= 1_795_251_610_100);
  const middle = others.map((f, i) => ({ ...f, t: 1_795_251_610_100 + i * 100 }));
  return [...preview.slice(0, cut), ...middle, ...preview.slice(cut)].map((f, i) => ({ ...f, seq: i + 1 }));
}

const sources: [string, () => Frame[]][] = [
  ['a busy shift (many interactions, anomalies, two media)', () => [...capture(2_500)]],
  ['a campaign preview re-keyed on assignment (f09)', () => harFrames('f09-campaign-preview-rekey')],
  ['chat and email at once (f17)', () => harFrames('f17-chat-email-concurrent')],
  ['a campaign preview re-keyed after other interactions began (f09, f17)', rekeyAfterOthers],
  ['the anomalies scenario', () => scenarioFrames('anomalies')],
];

describe('interaction rows, updated row by row', () => {
  for (const [name, frames] of sources) {
    it(`match a panel built from scratch at every repaint: ${name}`, () => {
      const all = frames();
      const scheduler = new ManualScheduler();
      const store = new PanelStore(scheduler);
      // A small capture one frame at a time; a large one in parts of uneven sizes.
      const sizes = all.length < 200 ? [1] : [1, 7, 40, 3, 250, 19, 600];
      let checked = 0;
      for (let at = 0, part = 0; at < all.length; part++) {
        const next = Math.min(all.length, at + sizes[part % sizes.length]!);
        store.events.frames(all.slice(at, next).map((f) => ({ ...f })));
        scheduler.drain();
        expect(shown(store), `after ${next} of ${all.length} frames`).toEqual(shown(fresh(all.slice(0, next))));
        checked++;
        at = next;
      }
      expect(checked).toBeGreaterThan(1);
      expect(store.select.allRows.value.length).toBe(store.session.interactions.size);
    });
  }

  it('follow a file to its end-of-capture checks (anomalies on timelines no frame touched)', () => {
    const all = [...capture(2_000)];
    const scheduler = new ManualScheduler();
    const store = new PanelStore(scheduler);
    store.loadFrames(
      all.map((f) => ({ ...f })),
      'shift.json',
    );
    // Read at every step of the load, as repaints do.
    while (scheduler.deferred.length || scheduler.frames.length || scheduler.timers.length) {
      if (scheduler.deferred.length) scheduler.runDeferred();
      else if (scheduler.frames.length) scheduler.paint();
      else scheduler.advance(Math.max(0, Math.min(...scheduler.timers.map((t) => t.at)) - scheduler.time));
      shown(store);
    }
    const reference = new ManualScheduler();
    const built = new PanelStore(reference);
    built.loadFrames(
      all.map((f) => ({ ...f })),
      'shift.json',
    );
    reference.drain();
    const counts = (s: PanelStore) =>
      s.select.allRows.value.reduce((n, r) => n + r.counts.warn + r.counts.error + r.counts.info, 0);
    expect(counts(built)).toBeGreaterThan(0);
    expect(shown(store)).toEqual(shown(built));
  });

  it('keep the same array and rows while nothing changed', () => {
    const store = fresh([...capture(800)]);
    const before = store.select.allRows.value;
    const menu = store.select.mediaTypes.value;
    store.sessionRevision.value++;
    expect(store.select.allRows.value).toBe(before);
    expect(store.select.mediaTypes.value).toBe(menu);
  });

  it('a timeline whose row did not change keeps its row object when others change', () => {
    const all = [...capture(3_000)];
    const scheduler = new ManualScheduler();
    const store = new PanelStore(scheduler);
    store.events.frames(all.slice(0, 1_500).map((f) => ({ ...f })));
    scheduler.drain();
    const before = new Map(store.select.allRows.value.map((r) => [r.interactionId, r]));
    store.events.frames(all.slice(1_500).map((f) => ({ ...f })));
    scheduler.drain();
    const after = store.select.allRows.value;
    const kept = after.filter((r) => before.get(r.interactionId) === r);
    // Interactions over before the second part showed nothing new: their rows are the same objects.
    expect(kept.length).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(before.size);
  });
});
