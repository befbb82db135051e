import type { Frame } from '../frame/frame';
import type { CaptureMeta, FramesFileKind } from '../io';
import { type PackedPayloads, restorePayloads } from './payload-pack';

/** What the import worker (import-worker.ts) posts, in this order: progress, `start`, `frames`…, `done`. */
export type ImportReply =
  | { type: 'progress'; phase: 'reading' | 'parsing' | 'frames'; loaded: number; total: number }
  /** The file is read: what it says of itself; its frames follow. */
  | { type: 'start'; file: ImportedFile }
  /** Frames without their payloads, which come packed in `payloads` (payload-pack.ts). */
  | { type: 'frames'; frames: Frame[]; payloads: PackedPayloads; loaded: number; total: number }
  /** Every frame was posted. */
  | { type: 'done' }
  | { type: 'error'; error: string };

export type ImportProgress = Extract<ImportReply, { type: 'progress' }>;

/**
 * A file read by the import worker: its kind and metadata, what of it gave no frame
 * (`FramesFile.leftOut`), and how many frames follow (`total`, the first's seq `firstSeq`).
 */
export interface ImportedFile {
  kind: FramesFileKind;
  meta: CaptureMeta;
  leftOut: number;
  total: number;
  firstSeq: number;
}

/**
 * Where an import's file goes as it comes: `start` once, then `frames` for each part, in order.
 * `parts` receives every part too, straight from the import worker (`FilePart`s, the analysis'
 * copy: `PanelStore.openFile`); whoever does not hand it on lets it go.
 */
export interface ImportSink {
  start(file: ImportedFile, parts: MessagePort): void;
  frames(frames: Frame[]): void;
  /**
   * The worker failed after every frame reached the sink (`result` had settled), while the
   * analysis still needed parts from it: those will never come.
   */
  failedLate(reason: string): void;
}

export interface ImportJob {
  /** Settles once every frame went to the sink; rejects when the import fails or is cancelled ("cancelled"). */
  result: Promise<void>;
  /** Whether the sink was given the file (`start`): what it showed before is gone. */
  readonly started: boolean;
  /**
   * Ends the worker: one under way stops at once (the promise rejects with "cancelled"); one done
   * that waits for the analysis to answer its last parts (a file replaced meanwhile) ends too.
   */
  cancel(): void;
}

/** Imports a file in a worker; `cancel` stops it at once and the promise rejects with "cancelled". */
export function importFile(
  file: File,
  createWorker: () => Worker,
  onProgress: (progress: ImportProgress) => void,
  sink: ImportSink,
): ImportJob {
  const worker = createWorker();
  // The worker posts each part to this channel too: whoever takes its other end (the analysis)
  // receives the frames without this thread copying them again.
  const parts = new MessageChannel();
  let settle: ((error: Error) => void) | null = null;
  let started = false;
  let done = false;
  const result = new Promise<void>((resolve, reject) => {
    settle = reject;
    worker.onmessage = (event: MessageEvent<ImportReply>) => {
      const reply = event.data;
      if (reply.type === 'progress') onProgress(reply);
      else if (reply.type === 'start') {
        started = true;
        sink.start(reply.file, parts.port2);
      } else if (reply.type === 'frames') {
        try {
          restorePayloads(reply.frames, reply.payloads);
        } catch (error) {
          // Never expected of our own worker; were it to happen, the import fails and says so
          // rather than waiting forever for its end.
          worker.terminate();
          reject(new Error(`the import worker sent frames the viewer could not read: ${(error as Error).message}`));
          return;
        }
        sink.frames(reply.frames);
        onProgress({
          type: 'progress',
          phase: 'frames',
          loaded: reply.loaded + reply.frames.length,
          total: reply.total,
        });
      } else if (reply.type === 'done') {
        // Not ended here: it ends itself once the analysis took every part (import-parts.ts).
        done = true;
        resolve();
      } else {
        worker.terminate();
        reject(new Error(reply.error));
      }
    };
    worker.onerror = (event) => {
      worker.terminate();
      const reason = event.message || 'the import worker failed';
      if (done) sink.failedLate(`the import worker failed before the analysis had every frame: ${reason}`);
      else reject(new Error(reason));
    };
    worker.postMessage({ file, parts: parts.port1 }, [parts.port1]);
  });
  return {
    result,
    get started() {
      return started;
    },
    cancel() {
      worker.terminate();
      settle?.(new Error('cancelled'));
    },
  };
}
