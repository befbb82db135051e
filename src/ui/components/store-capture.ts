import type { Frame } from '../../frame/frame';
import type { HarLeftOut } from '../../io';
import type { PanelStore } from '../panel-store';

/**
 * What Export and Replay… read of a panel store, one place for both so an export and a replay of
 * the same capture say the same: its frames, what the shown file lacks of the HAR it came from
 * (recorded in what they write), and whether there is nothing to take yet (disabled until a
 * frame, and while a file is still coming in from its import: half of it is not the file).
 */
export function storeCapture(store: PanelStore): { frames: () => Frame[]; lacks: () => HarLeftOut; empty: boolean } {
  return {
    frames: store.framesOf,
    lacks: () => store.fileFromHar.peek(),
    empty: store.select.counters.value.frames === 0 || store.fileLoading.value,
  };
}
