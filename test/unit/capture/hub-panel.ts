import { MemoryFrameStore } from '../../../src/capture/background/frame-store';
import { Hub } from '../../../src/capture/background/hub';
import type { HubToPanel, PanelToHub } from '../../../src/capture/shared/messages';
import { portPair } from './port-pair';

/** A hub holding `n` frames of tab 4, each big enough (200 KiB) to fill a backlog message of its own or two. */
export async function hubWith(n: number, budgetBytes?: number): Promise<Hub> {
  const hub = new Hub({ store: new MemoryFrameStore(), now: () => 1, budgetBytes });
  const data = 'p'.repeat(200 * 1024);
  for (let seq = 1; seq <= n; seq++)
    await hub.acceptFrames(4, 'cdp-1', 'wss://x', [
      { seq, t: seq, socket: 'ws-1', dir: 'in' as const, kind: 'text' as const, data },
    ]);
  return hub;
}

/**
 * A panel's port on `hub`, recording what it receives: every message (`got`), their types, the
 * seqs of the frames they carried in order, and how many were backlog messages.
 */
export function panelOn(hub: Hub) {
  const [panelSide, hubSide] = portPair<PanelToHub, HubToPanel>();
  hub.connectPanel(hubSide);
  const got: HubToPanel[] = [];
  panelSide.onMessage.addListener((m) => got.push(m));
  const seqs = () => got.flatMap((m) => (m.type === 'frames' || m.type === 'tail' ? m.frames.map((f) => f.seq) : []));
  const types = () => got.map((m) => m.type);
  const backlog = () => got.filter((m) => m.type === 'frames' && m.backlog).length;
  return { port: panelSide, got, seqs, types, backlog };
}
