import { expect, type Page } from '@playwright/test';
import type { Frame } from '../../src/frame/frame';

/** What the panel holds, through its console handle (the list on screen is virtualized). */
export function panelFrames(panel: Page): Promise<Frame[]> {
  return panel.evaluate(() => (window as unknown as { wxccInspector: { frames(): Frame[] } }).wxccInspector.frames());
}

export function counter(panel: Page, name: 'frames' | 'bytes' | 'shed' | 'gaps') {
  return panel.locator(`[data-counter=${name}] .counter-value`);
}

/**
 * Waits until the panel shows at least `n` frames; if it never does, the error says where the
 * frames were: received by the desktop page (`desktop`, the simulator's), stored by the hub, shown.
 */
export async function waitForFrames(panel: Page, n: number, timeout = 20_000, desktop?: Page): Promise<void> {
  try {
    await expect
      .poll(async () => Number(await counter(panel, 'frames').textContent()), { timeout })
      .toBeGreaterThanOrEqual(n);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n\nWhere the frames were: ${await whereFramesAre(panel, desktop)}`);
  }
}

/**
 * Waits until the panel shows every frame of the simulator's one connection so far: those it sent
 * and received, and the page load, the subscribe call (request and response) and the socket's
 * open. A count of the sent frames alone is reached while the page still holds the last few.
 * The simulator logs the newest 10,000 frames each way: for connections with fewer.
 */
export async function waitForSimulatorFrames(
  panel: Page,
  sim: { sentLog(): unknown[]; received(): unknown[] },
  timeout?: number,
): Promise<void> {
  await waitForFrames(panel, sim.sentLog().length + sim.received().length + 4, timeout);
}

async function whereFramesAre(panel: Page, desktop?: Page): Promise<string> {
  const received = desktop
    ? await desktop
        .evaluate(() => (window as unknown as { __desktop: { frames: number } }).__desktop.frames)
        .catch((error: Error) => `unknown (${error.message})`)
    : 'not asked';
  const inPanel = await panel
    .evaluate(() => {
      const handle = (
        window as unknown as {
          wxccInspector: { stats(): { lastSeq: number } | null; counters(): { frames: number }; analysing(): number };
        }
      ).wxccInspector;
      return { hubNewestSeq: handle.stats()?.lastSeq, shown: handle.counters().frames, analysing: handle.analysing() };
    })
    .catch((error: Error) => `unknown (${error.message})`);
  return `the desktop page received ${received} socket frames; the panel: ${JSON.stringify(inPanel)}`;
}

/** Fails unless seqs run 1, 2, 3… without a hole. */
export function expectContiguous(frames: Frame[]): void {
  const holes = frames.filter((f, i) => i > 0 && f.seq !== frames[i - 1]!.seq + 1).map((f) => f.seq);
  expect(holes, 'seq holes').toEqual([]);
}

/** Switches the panel to its Frames tab (it opens on Interactions), as a person would. */
export async function showFrames(panel: Page): Promise<Page> {
  await panel.getByRole('tab', { name: 'Frames' }).click();
  return panel;
}
