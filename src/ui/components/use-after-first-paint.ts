import { useEffect, useState } from 'preact/hooks';

/**
 * False at a component's first render, true from a task of its own after the next frame was
 * painted. A pane that shows its content only then is drawn after its siblings, so a view whose
 * panes all appear at once (the interactions view when a backlog's first interaction arrives)
 * spreads its script, style and layout over two frames instead of one long one (issue 14 goal 3:
 * at about 25 ms of CPU, that first render was the backlog's longest frame, 60–95 ms on a 2-core
 * machine whose other core the analysis holds). Later renders of a mounted pane (a new selection,
 * new events) are not deferred.
 *
 * Not the effect itself: Preact runs a component's pending effects before rendering it again, so
 * a re-render in the same task (a size measured in a layout effect) would run it at once.
 */
export function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);
  return painted;
}
