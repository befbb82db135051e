import type { PortLike } from '../../../src/capture/shared/port';

type Listener<T> = (message: T) => void;

export interface TestPort<In, Out> extends PortLike<In, Out> {
  sent: Out[];
  connected: boolean;
}

/**
 * Two connected in-memory ports, like `runtime.connect`: messages are cloned (the real ports
 * serialise too) and delivered asynchronously; disconnecting one side notifies the other.
 */
export function portPair<A, B>(): [TestPort<B, A>, TestPort<A, B>] {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Peer = { connected: boolean; deliver(m: any): void; drop(): void };
  const make = <In, Out>(): TestPort<In, Out> & { deliver(m: In): void; peer: Peer | undefined; drop(): void } => {
    const onMessage: Listener<In>[] = [];
    const onDisconnect: (() => void)[] = [];
    const port = {
      sent: [] as Out[],
      connected: true,
      peer: undefined as Peer | undefined,
      postMessage(message: Out) {
        if (!port.connected) throw new Error('Attempting to use a disconnected port object');
        port.sent.push(message);
        const copy = structuredClone(message);
        queueMicrotask(() => port.peer?.connected && port.peer.deliver(copy));
      },
      disconnect() {
        if (!port.connected) return;
        port.connected = false;
        port.peer?.drop();
      },
      drop() {
        if (!port.connected) return;
        port.connected = false;
        for (const l of onDisconnect) l();
      },
      deliver(message: In) {
        for (const l of onMessage) l(message);
      },
      onMessage: { addListener: (l: Listener<In>) => void onMessage.push(l) },
      onDisconnect: { addListener: (l: () => void) => void onDisconnect.push(l) },
    };
    return port;
  };
  const a = make<B, A>();
  const b = make<A, B>();
  a.peer = b;
  b.peer = a;
  return [a, b];
}

export const flushMicrotasks = async (rounds = 5): Promise<void> => {
  for (let i = 0; i < rounds; i++) await new Promise<void>((r) => setTimeout(r, 0));
};
