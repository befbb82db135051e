import type { Frame } from '../frame/frame';
import type { CaptureMeta, FramesFileKind } from '../io';
import { type PackedPayloads, restorePayloads } from './payload-pack';

export type ImportReply =
  | { type: 'progress'; phase: 'reading' | 'parsing' | 'frames'; loaded: number; total: number }
  /** Frames without their payloads, which come packed in `payloads` (payload-pack.ts). */
  | { type: 'frames'; frames: Frame[]; payloads: PackedPayloads; loaded: number; total: number }
  | { type: 'done'; kind: FramesFileKind; frames: Frame[]; meta: CaptureMeta; leftOut: number }
  | { type: 'error'; error: string };

export type ImportProgress = Extract<ImportReply, { type: 'progress' }>;

/** An imported file: its frames, and what of it gave none (`FramesFile.leftOut`). */
export interface ImportedFile {
  kind: FramesFileKind;
  frames: Frame[];
  meta: CaptureMeta;
  leftOut: number;
}

export interface ImportJob {
  result: Promise<ImportedFile>;
  cancel(): void;
}

/** Imports a file in a worker; `cancel` stops it at once and the promise rejects with "cancelled". */
export function importFile(
  file: File,
  createWorker: () => Worker,
  onProgress: (progress: ImportProgress) => void,
): ImportJob {
  const worker = createWorker();
  let settle: ((error: Error) => void) | null = null;
  const result = new Promise<ImportedFile>((resolve, reject) => {
    settle = reject;
    const frames: Frame[] = [];
    worker.onmessage = (event: MessageEvent<ImportReply>) => {
      const reply = event.data;
      if (reply.type === 'progress') onProgress(reply);
      else if (reply.type === 'frames') {
        try {
          restorePayloads(reply.frames, reply.payloads);
        } catch (error) {
          // Never expected of our own worker; were it to happen, the import fails and says so
          // rather than waiting forever for its end.
          worker.terminate();
          reject(new Error(`the import worker sent frames the viewer could not read: ${(error as Error).message}`));
          return;
        }
        for (const frame of reply.frames) frames.push(frame);
        onProgress({
          type: 'progress',
          phase: 'frames',
          loaded: reply.loaded + reply.frames.length,
          total: reply.total,
        });
      } else {
        worker.terminate();
        if (reply.type === 'done') resolve({ kind: reply.kind, meta: reply.meta, leftOut: reply.leftOut, frames });
        else reject(new Error(reply.error));
      }
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'the import worker failed'));
    };
    worker.postMessage({ file });
  });
  return {
    result,
    cancel() {
      worker.terminate();
      settle?.(new Error('cancelled'));
    },
  };
}
