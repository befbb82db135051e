import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import type { ToAnalyser } from '../../../src/ui/analysis/analyser';
import { inThreadLink, type ModelLink } from '../../../src/ui/analysis/model-link';
import { PanelStore } from '../../../src/ui/panel-store';
import { scenarioFrames } from '../../support/scenario-frames';
import { takePayloads } from '../../../src/ui/payload-pack';
import { ManualScheduler } from './manual-scheduler';

/** A store whose analysis runs in this thread, and what the store posted to it (types, frames' seqs). */
function recordingStore() {
  const scheduler = new ManualScheduler();
  const analysis = inThreadLink(scheduler);
  const posted: string[] = [];
  const link: ModelLink = {
    post: (message: ToAnalyser, transfer?: Transferable[]) => {
      posted.push(
        message.type === 'frames'
          ? `frames ${message.frames[0]!.seq}-${message.frames.at(-1)!.seq}`
          : message.type === 'file-frames'
            ? `file-frames ${message.count}`
            : message.type,
      );
      analysis.post(message, transfer);
    },
    onMessage: () => {},
    onFailure: () => {},
  };
  analysis.onMessage = (read) => link.onMessage(read);
  return { store: new PanelStore(scheduler, link), scheduler, posted };
}

const call = (): Frame[] => scenarioFrames('consult-conference-wrapup', { keepaliveMs: 50 });

/** What the import worker posts to the analysis for `frames` (copies: packing takes their payloads). */
const partOf = (frames: Frame[]) => {
  const copies = frames.map((frame) => ({ ...frame }));
  return { frames: copies, payloads: takePayloads(copies) };
};

/** Runs the store's tasks, and lets the port's messages (delivered by Node's event loop) arrive, until all is analysed. */
async function settle(store: PanelStore, scheduler: ManualScheduler) {
  for (let i = 0; i < 100; i++) {
    scheduler.drain();
    if (store.analysing.value === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  throw new Error(`still analysing ${store.analysing.value} frames`);
}

describe('a file shown as its parts come (the viewer’s import)', () => {
  it('shows and analyses the first part while the rest is on its way, counts the rest as analysing, and runs the end-of-capture checks once, after the last part', () => {
    const frames = call();
    const cut = Math.floor(frames.length / 3);
    const { store, scheduler, posted } = recordingStore();
    store.openFile('desktop.har', { total: frames.length, firstSeq: frames[0]!.seq, leftOut: 7 });
    expect(store.fileName.value).toBe('desktop.har');
    expect(store.fileLeftOut.value).toBe(7);
    expect(store.fileLoading.value).toBe(true);
    expect(posted).toEqual(['reset']);

    store.appendFile(frames.slice(0, cut));
    scheduler.drain();
    // The first part is in the log and through the model; the rest still counts.
    expect(store.select.counters.value.frames).toBe(cut);
    expect(store.stats.value?.frames).toBe(cut);
    expect(store.select.rows.value.length).toBeGreaterThan(0);
    expect(store.analysing.value).toBe(frames.length - cut);
    expect(posted).not.toContain('finish');

    store.appendFile(frames.slice(cut));
    scheduler.drain();
    expect(store.analysing.value).toBe(0);
    expect(posted).not.toContain('finish');
    expect(store.fileLoading.value).toBe(true);

    store.endFile();
    scheduler.drain();
    expect(store.fileLoading.value).toBe(false);
    expect(posted.filter((p) => p === 'finish')).toHaveLength(1);
    expect(posted.at(-1)).toBe('finish');
    const runs = posted.filter((p) => p.startsWith('frames'));
    expect(runs[0]!.startsWith(`frames ${frames[0]!.seq}-`)).toBe(true);
    expect(runs.at(-1)!.endsWith(`-${frames.at(-1)!.seq}`)).toBe(true);

    // The same view as the file loaded at once.
    const whole = recordingStore();
    whole.store.loadFrames(frames, 'desktop.har', 7);
    whole.scheduler.drain();
    expect(store.select.rows.value).toEqual(whole.store.select.rows.value);
    expect(store.select.findings.value).toEqual(whole.store.select.findings.value);
    expect(store.stats.value).toEqual(whole.store.stats.value);
    expect(whole.posted.filter((p) => p === 'finish')).toHaveLength(1);
  });

  it('ends a file whose parts are still being analysed once they are: the checks wait for the last frame', () => {
    const frames = call();
    const { store, scheduler, posted } = recordingStore();
    store.openFile('x.har', { total: frames.length, firstSeq: frames[0]!.seq });
    store.appendFile(frames.slice(0, 10));
    store.appendFile(frames.slice(10));
    store.endFile();
    expect(posted).not.toContain('finish');
    scheduler.drain();
    expect(posted.at(-1)).toBe('finish');
    expect(posted.filter((p) => p === 'finish')).toHaveLength(1);
    const seqs = posted.filter((p) => p.startsWith('frames'));
    expect(seqs.at(-1)!.endsWith(`-${frames.at(-1)!.seq}`)).toBe(true);
  });

  it("a file whose parts reach the analysis from its import worker: this thread hands on counts, never a file frame's payload, and the view is the same", async () => {
    const frames = call();
    const cut = Math.floor(frames.length / 2);
    const { store, scheduler, posted } = recordingStore();
    const parts = new MessageChannel();
    try {
      store.openFile('desktop.har', { total: frames.length - 1, firstSeq: frames[0]!.seq, parts: parts.port2 });
      expect(posted).toEqual(['reset', 'file-parts']);
      // Each part goes to the analysis first, then to the viewer, as the import worker posts them.
      parts.port1.postMessage(partOf(frames.slice(0, cut)));
      store.appendFile(frames.slice(0, cut));
      // A frame that comes otherwise meanwhile goes to the analysis with its payload, in its place.
      store.events.frames([frames[cut]!]);
      parts.port1.postMessage(partOf(frames.slice(cut + 1)));
      store.appendFile(frames.slice(cut + 1));
      store.endFile();
      await settle(store, scheduler);
      scheduler.drain();
      expect(posted.filter((p) => p.startsWith('frames'))).toEqual([`frames ${frames[cut]!.seq}-${frames[cut]!.seq}`]);
      const counts = posted.filter((p) => p.startsWith('file-frames')).map((p) => Number(p.split(' ')[1]));
      expect(counts.reduce((a, b) => a + b, 0)).toBe(frames.length - 1);
      expect(posted.at(-1)).toBe('finish');
      expect(store.analysisError.value).toBeUndefined();

      const whole = recordingStore();
      whole.store.loadFrames(frames, 'desktop.har');
      whole.scheduler.drain();
      expect(store.select.rows.value.length).toBeGreaterThan(0);
      expect(store.select.rows.value).toEqual(whole.store.select.rows.value);
      expect(store.select.findings.value).toEqual(whole.store.select.findings.value);
      expect(store.select.counters.value).toEqual(whole.store.select.counters.value);
    } finally {
      parts.port1.close();
    }
  });

  it('a file closed while its parts come leaves nothing counted and nothing loading', () => {
    const frames = call();
    const { store, scheduler, posted } = recordingStore();
    store.openFile('x.har', { total: frames.length, firstSeq: frames[0]!.seq });
    store.appendFile(frames.slice(0, 10));
    store.closeFile();
    scheduler.drain();
    expect(store.fileName.value).toBeUndefined();
    expect(store.fileLoading.value).toBe(false);
    expect(store.analysing.value).toBe(0);
    expect(store.select.counters.value.frames).toBe(0);
    expect(posted).not.toContain('finish');
  });
});
