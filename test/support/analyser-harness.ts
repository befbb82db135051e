import { Analyser, type FilePart, type FromAnalyser } from '../../src/ui/analysis/analyser';

/**
 * An `Analyser` driven as the worker is: messages structured-cloned both ways, slices cut by a
 * clock that moves `msPerRead` per read (so a capture becomes many deltas), its tasks run by `run`.
 */
export function clonedAnalyser(msPerRead: number) {
  const tasks: (() => void)[] = [];
  let time = 0;
  const received: FromAnalyser[] = [];
  const analyser = new Analyser(
    (message) => received.push(structuredClone(message)),
    (cb) => tasks.push(cb),
    () => (time += msPerRead),
  );
  return {
    analyser,
    received,
    send: (message: Parameters<Analyser['receive']>[0]) => analyser.receive(structuredClone(message)),
    /** A file's part, as its import worker posts it (`file-parts`). */
    part: (generation: number, part: FilePart) => analyser.receivePart(generation, structuredClone(part)),
    run: () => {
      while (tasks.length) tasks.shift()!();
    },
  };
}
