/**
 * The panel at scale, in real Chromium on the extension's own viewer page (the panel's UI without
 * a live tab): a session of 100,000 events is handed to the store at once, then we measure the
 * time to the first rendered interactions, selecting an event until its diff shows, and the frame
 * times while scrolling the timeline and while 200 frames/s stream in. Medians.
 */
import type { Frame } from '../../src/frame/frame';
import { launchWithExtension } from '../e2e/extension';
import { capture } from './model-ingest';
import { fmt, median } from './stats';

const EVENTS = Number(process.env.BENCH_PANEL_EVENTS ?? 100_000);

export interface PanelRenderResult {
  events: number;
  frames: number;
  firstRenderMs: number;
  analysedMs: number;
  selectMs: number;
  scrollFrameMs: number;
  streamFrameMs: number;
}

type Handle = {
  load(frames: Frame[]): void;
  append(frames: Frame[]): void;
  counters(): { frames: number };
  analysing(): number;
};

export async function benchPanelRender(): Promise<PanelRenderResult> {
  // One long interaction-rich capture; the events are what the timeline and model must handle.
  const frames: Frame[] = [];
  let events = 0;
  for (const frame of capture(Number.MAX_SAFE_INTEGER)) {
    frames.push(frame);
    if (frame.data?.includes('"RoutingMessage"')) events++;
    if (events >= EVENTS) break;
  }
  const browser = await launchWithExtension();
  try {
    const viewer = await browser.context.newPage();
    await viewer.setViewportSize({ width: 1280, height: 800 });
    // tsx names the functions it compiles with a `__name` helper the page does not have.
    await viewer.addInitScript('window.__name = (f) => f');
    await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
    await viewer.waitForFunction(() => 'wxccInspector' in window);
    // Hand the frames over in parts (one evaluate argument must stay reasonably small)…
    await viewer.evaluate(() => ((window as unknown as { __frames: Frame[] }).__frames = []));
    for (let i = 0; i < frames.length; i += 20_000) {
      await viewer.evaluate(
        (part) => (window as unknown as { __frames: Frame[] }).__frames.push(...part),
        frames.slice(i, i + 20_000),
      );
    }
    // …then load them at once and time the first paint that shows interactions.
    const firstRenderMs = await viewer.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const w = window as unknown as { wxccInspector: Handle; __frames: Frame[] };
          const start = performance.now();
          w.wxccInspector.load(w.__frames);
          const check = () => {
            if (document.querySelector('.interaction')) requestAnimationFrame(() => resolve(performance.now() - start));
            else requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        }),
    );
    const analysedMs = await viewer.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const w = window as unknown as { wxccInspector: Handle };
          const start = performance.now();
          const check = () =>
            w.wxccInspector.analysing() === 0 ? resolve(performance.now() - start) : setTimeout(check, 50);
          check();
        }),
    );

    // Select events in the timeline: from the click to the painted diff.
    const selects: number[] = [];
    for (let i = 0; i < 7; i++) {
      selects.push(
        await viewer.evaluate(
          (n) =>
            new Promise<number>((resolve) => {
              const rows = [...document.querySelectorAll<HTMLElement>('.timeline .event')];
              const row = rows[n % rows.length]!;
              const seq = row.dataset.seq;
              const start = performance.now();
              row.click();
              const check = () => {
                if (document.querySelector('.details-title')?.textContent?.startsWith(`#${seq} `))
                  requestAnimationFrame(() => resolve(performance.now() - start));
                else requestAnimationFrame(check);
              };
              check();
            }),
          i * 3,
        ),
      );
    }

    // Frame times while the timeline scrolls (the longest interaction is selected first).
    await viewer.evaluate(() => {
      const rows = [...document.querySelectorAll<HTMLElement>('.interaction')];
      rows[rows.length - 1]?.click();
    });
    const frameTimes = (during: string) =>
      viewer.evaluate(
        (what) =>
          new Promise<number[]>((resolve) => {
            const w = window as unknown as { wxccInspector: Handle; __frames: Frame[] };
            const list = document.querySelector('.timeline') ?? document.querySelector('.sidebar .vlist')!;
            const times: number[] = [];
            let last = performance.now();
            let seq = (w.__frames.at(-1)?.seq ?? 0) + 1;
            const template = w.__frames.find((f) => f.data?.includes('"ContactUpdated"')) ?? w.__frames.at(-1)!;
            const end = last + 2000;
            const step = (now: number) => {
              times.push(now - last);
              last = now;
              if (what === 'scroll') {
                (list as HTMLElement).scrollTop += 40;
                (document.querySelector('.sidebar .vlist') as HTMLElement | null)?.scrollBy(0, 20);
              } else {
                // 200 frames/s: 3-4 per 16 ms frame.
                const batch = Array.from({ length: 3 + (times.length % 3 === 0 ? 1 : 0) }, () => ({
                  ...template,
                  seq: seq++,
                  t: Date.now(),
                }));
                w.wxccInspector.append(batch);
              }
              if (now < end) requestAnimationFrame(step);
              else resolve(times.slice(1));
            };
            requestAnimationFrame(step);
          }),
        during,
      );
    const scroll = await frameTimes('scroll');
    const stream = await frameTimes('stream');
    return {
      events,
      frames: frames.length,
      firstRenderMs,
      analysedMs,
      selectMs: median(selects),
      scrollFrameMs: median(scroll),
      streamFrameMs: median(stream),
    };
  } finally {
    await browser.close();
  }
}

export function printPanelRender(r: PanelRenderResult): void {
  console.log(`\nPanel at scale (viewer page, real Chromium): ${r.events} events in ${r.frames} frames`);
  console.log(`  first render with interactions: ${fmt(r.firstRenderMs)} ms   (target ≤ 300 ms)`);
  console.log(
    `  whole session analysed in the background, UI responsive meanwhile: ${fmt(r.analysedMs / 1000, 1)} s more`,
  );
  console.log(`  select an event until its diff shows: median ${fmt(r.selectMs)} ms   (target ≤ 50 ms)`);
  console.log(
    `  frame time while scrolling the timeline: median ${fmt(r.scrollFrameMs)} ms; while 200 frames/s stream in: median ${fmt(r.streamFrameMs)} ms   (target ≤ 16 ms)`,
  );
}
