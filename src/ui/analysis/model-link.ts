import type { IngestScheduler } from '../store/ingest-queue';
import { Analyser, type FromAnalyser, type ToAnalyser } from './analyser';
import { analyserInbox } from './analyser-inbox';

/** The panel's end of its analysis: messages to the model, and what comes back. */
export interface ModelLink {
  /** `transfer`: what the message moves rather than copies (a `file-parts` message's port). */
  post(message: ToAnalyser, transfer?: Transferable[]): void;
  /**
   * Set by the panel store: every message of the analysis, in order, as a reader that returns it.
   * A worker's message is deserialised by the first call (Blink reads `MessageEvent.data` on
   * access): the store reads a delta only when it applies it, so deltas waiting their turn stay
   * bytes outside the JS heap, not objects that outlive young-generation collections and are
   * copied by each one (issue 14 goal 3: those copies were the UI thread's long GC pauses).
   */
  onMessage: (read: () => FromAnalyser) => void;
  /** Set by the panel store: the analysis stopped (the worker crashed, a message could not be read). */
  onFailure: (reason: string) => void;
}

/**
 * The analysis in a dedicated worker (the panel and the viewer), started by `start`. A worker
 * that failed (an uncaught error, out of memory, a message that could not be read) is ended and
 * reported once; what is posted to it after is dropped, until a `reset` (the panel cleared, the
 * viewer opened another file) starts a new worker for the new session.
 */
export function workerLink(start: () => Worker): ModelLink {
  let failed = false;
  const link: ModelLink = {
    post: (message, transfer = []) => {
      if (failed && message.type === 'reset') {
        try {
          worker = attach(start());
        } catch (error) {
          // The store is clearing: it hears of this once the clear is done, never half-way.
          queueMicrotask(() => link.onFailure(`the analysis worker could not start: ${(error as Error).message}`));
          return;
        }
        failed = false;
      }
      if (!failed) worker.postMessage(message, transfer);
      // Dropped: a file's parts port goes nowhere, so it is closed (what waits in it is let go).
      else for (const moved of transfer) if (moved instanceof MessagePort) moved.close();
    },
    onMessage: () => {},
    onFailure: () => {},
  };
  const fail = (from: Worker, reason: string) => {
    // An ended worker's queued events still arrive; only the current one's failure counts.
    if (from !== worker || failed) return;
    failed = true;
    worker.terminate();
    link.onFailure(reason);
  };
  const attach = (next: Worker) => {
    next.onmessage = (event: MessageEvent<FromAnalyser>) => {
      if (next === worker) link.onMessage(() => event.data);
    };
    next.onmessageerror = () => fail(next, 'a message from the analysis worker could not be read');
    next.onerror = (event) => {
      event.preventDefault();
      fail(next, `the analysis worker failed: ${event.message || 'unknown error (it may have run out of memory)'}`);
    };
    return next;
  };
  let worker = attach(start());
  return link;
}

/**
 * The same analysis on this thread, driven by the scheduler (unit tests, and a page that cannot
 * start a worker). Messages are structured-cloned both ways, as a worker's are, so the replica is
 * built from exactly what a worker would send.
 */
export function inThreadLink(scheduler: IngestScheduler): ModelLink {
  const link: ModelLink = {
    post: (message, transfer) => {
      const copy = structuredClone(message, { transfer });
      scheduler.defer(() => receive(copy));
    },
    onMessage: () => {},
    onFailure: () => {},
  };
  const analyser = new Analyser(
    (message) => {
      const copy = structuredClone(message);
      scheduler.defer(() => link.onMessage(() => copy));
    },
    (cb) => scheduler.defer(cb),
    () => scheduler.now(),
  );
  const receive = analyserInbox(analyser);
  return link;
}
