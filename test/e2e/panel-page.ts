import { expect, type Page } from '@playwright/test';
import type { Frame } from '../../src/frame/frame';

/** What the panel holds, through its console handle (the list on screen is virtualized). */
export function panelFrames(panel: Page): Promise<Frame[]> {
  return panel.evaluate(() => (window as unknown as { wxccInspector: { frames(): Frame[] } }).wxccInspector.frames());
}

export function counter(panel: Page, name: 'frames' | 'bytes' | 'shed' | 'gaps') {
  return panel.locator(`[data-counter=${name}] .counter-value`);
}

/** Waits until the panel shows at least `n` frames. */
export async function waitForFrames(panel: Page, n: number, timeout = 20_000): Promise<void> {
  await expect
    .poll(async () => Number(await counter(panel, 'frames').textContent()), { timeout })
    .toBeGreaterThanOrEqual(n);
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
