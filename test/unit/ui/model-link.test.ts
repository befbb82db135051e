import { describe, expect, it } from 'vitest';
import type { FromAnalyser, ToAnalyser } from '../../../src/ui/analysis/analyser';
import { workerLink } from '../../../src/ui/analysis/model-link';

/** A stand-in for the analysis worker: what it was sent, whether it was ended. */
class FakeWorker {
  onmessage: ((event: MessageEvent<FromAnalyser>) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  readonly sent: ToAnalyser[] = [];
  terminated = false;
  postMessage(message: ToAnalyser) {
    this.sent.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  fail(message: string) {
    let prevented = false;
    this.onerror?.({ message, preventDefault: () => (prevented = true) } as unknown as ErrorEvent);
    return prevented;
  }
  answer(message: FromAnalyser) {
    this.onmessage?.({ data: message } as MessageEvent<FromAnalyser>);
  }
}

function started() {
  const workers: FakeWorker[] = [];
  const link = workerLink(() => {
    const worker = new FakeWorker();
    workers.push(worker);
    return worker as unknown as Worker;
  });
  const failures: string[] = [];
  const read: FromAnalyser[] = [];
  link.onFailure = (reason) => failures.push(reason);
  link.onMessage = (message) => read.push(message());
  return { link, workers, failures, read };
}

describe('workerLink (the panel’s analysis in a worker)', () => {
  it('ends a failed worker, says so once, and drops what is posted to it until a reset starts another', () => {
    const { link, workers, failures, read } = started();
    link.post({ type: 'reset', generation: 1 });
    expect(workers).toHaveLength(1);
    expect(workers[0]!.fail('Out of memory')).toBe(true);
    workers[0]!.fail('again');
    workers[0]!.onmessageerror?.();
    expect(failures).toEqual(['the analysis worker failed: Out of memory']);
    expect(workers[0]!.terminated).toBe(true);

    link.post({ type: 'frames', generation: 1, frames: [] });
    expect(workers[0]!.sent).toEqual([{ type: 'reset', generation: 1 }]);

    link.post({ type: 'reset', generation: 2 });
    link.post({ type: 'finish', generation: 2 });
    expect(workers).toHaveLength(2);
    expect(workers[1]!.sent).toEqual([
      { type: 'reset', generation: 2 },
      { type: 'finish', generation: 2 },
    ]);
    // The ended worker's late messages are nobody's.
    workers[0]!.answer({ type: 'error', generation: 1, message: 'late' });
    workers[1]!.answer({ type: 'error', generation: 2, message: 'now' });
    expect(read).toEqual([{ type: 'error', generation: 2, message: 'now' }]);
    // The new worker's failure is told too.
    workers[1]!.onmessageerror?.();
    expect(failures).toHaveLength(2);
    expect(failures[1]).toBe('a message from the analysis worker could not be read');
  });

  it('without an error event: a worker that died with no message is said to maybe have run out of memory', () => {
    const { workers, failures } = started();
    workers[0]!.fail('');
    expect(failures).toEqual(['the analysis worker failed: unknown error (it may have run out of memory)']);
  });

  it('a new worker that cannot start is told as a failure after the reset returns, and the next reset tries again', async () => {
    const workers: FakeWorker[] = [];
    const link = workerLink(() => {
      if (workers.length === 1 && !workers[0]!.terminated) throw new Error('unexpected start');
      if (workers.push(new FakeWorker()) === 2) throw new Error('Script not allowed');
      return workers.at(-1) as unknown as Worker;
    });
    const failures: string[] = [];
    link.onFailure = (reason) => failures.push(reason);
    workers[0]!.fail('Out of memory');
    expect(() => link.post({ type: 'reset', generation: 2 })).not.toThrow();
    expect(failures).toHaveLength(1);
    await Promise.resolve();
    expect(failures[1]).toBe('the analysis worker could not start: Script not allowed');
    link.post({ type: 'reset', generation: 3 });
    expect(workers).toHaveLength(3);
    expect(workers[2]!.sent).toEqual([{ type: 'reset', generation: 3 }]);
  });
});
