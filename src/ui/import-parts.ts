import type { Frame } from '../frame/frame';
import type { FilePart } from './analysis/analyser';
import type { ImportedFile, ImportReply } from './file-import';
import { takePayloads } from './payload-pack';

/** Frames per part (one message to the viewer, one to the analysis). */
export const FRAMES_PER_MESSAGE = 5_000;

/** Where a read file goes from the import worker: its messages to the viewer, and how it ends itself. */
export interface FileOut {
  viewer(reply: ImportReply): void;
  /** Called once nothing more is to be posted (the import worker closes itself). */
  end(): void;
}

/** Parts posted to the analysis and not yet taken by it: enough that it never waits for the next. */
export const ANALYSIS_AHEAD = 3;

/**
 * Posts a read file: `start`, then its parts to the viewer, which shows them as they come (one
 * message of 150,000 frames would be unpacked on the UI thread in one go, and nothing shown until
 * all were), and each to the analysis too (`parts`, file-import.ts), so the viewer's thread never
 * copies a payload on to it (issue 14 goal 3). The analysis answers each part once it took its
 * last frame (analyser-inbox.ts) and gets at most `ANALYSIS_AHEAD` more than it took: a big file
 * waits here, not in the analysis' memory. Payloads go as chunks (payload-pack.ts): the page
 * then holds them where its collector never copies them.
 *
 * The import worker ends itself (`out.end`) once the analysis took every part. Ended sooner, it
 * would lose the parts still to go, and those on their way (Firefox drops what a closed port sent
 * while the port at the other end is being handed to the analysis). Until then it holds the parts
 * not yet posted, a second copy beside the viewer's of what is not analysed yet: the price of the
 * viewer's thread not copying them (README, "Benchmarks"). Parts never taken (the analysis
 * failed) wait until the viewer shows another file or closes this one (`ImportJob.cancel`).
 */
export function postFile(file: ImportedFile, frames: Frame[], out: FileOut, parts?: MessagePort): void {
  const post = out.viewer;
  post({ type: 'start', file });
  const count = Math.ceil(frames.length / FRAMES_PER_MESSAGE);
  // Without a port to the analysis (or without frames) nothing waits for answers.
  const analysis = count > 0 ? parts : undefined;
  /** Parts made, the analysis' copy posted up to `sent`. */
  const made: FilePart[] = [];
  let sent = 0;
  let taken = 0;
  const feed = () => {
    while (analysis && sent < made.length && sent - taken < ANALYSIS_AHEAD) {
      analysis.postMessage(made[sent]);
      // Let go of it here: the viewer and the analysis have their copies.
      made[sent++] = undefined as never;
    }
  };
  if (analysis)
    analysis.onmessage = () => {
      if (++taken === count) out.end();
      else feed();
    };
  for (let i = 0; i < frames.length; i += FRAMES_PER_MESSAGE) {
    const slice = frames.slice(i, i + FRAMES_PER_MESSAGE);
    const part: FilePart = { frames: slice, payloads: takePayloads(slice) };
    if (analysis) made.push(part);
    feed();
    post({ type: 'frames', ...part, loaded: i, total: frames.length });
  }
  post({ type: 'done' });
  if (!analysis) out.end();
}
