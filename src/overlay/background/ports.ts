/**
 * The part of `runtime.Port` the overlay's background uses (the same shape as the capture's
 * `PortLike`, restated here because the overlay does not import the capture layer).
 */
export interface PortLike<In = unknown, Out = unknown> {
  postMessage(message: Out): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: In) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

/**
 * Two connected ports inside one context: lets the overlay's feed subscribe to the hub exactly as
 * a DevTools panel does (backlog, then live frames, `cleared`), without the hub knowing about the
 * overlay. Delivery is synchronous and by reference: both ends live in the service worker, and
 * neither mutates what it is handed.
 */
export function memoryPorts<A, B>(): [PortLike<B, A>, PortLike<A, B>] {
  type End<In, Out> = PortLike<In, Out> & { receive(m: In): void; drop(): void; open: boolean };
  const end = <In, Out>(): End<In, Out> => {
    const messages: ((m: In) => void)[] = [];
    const drops: (() => void)[] = [];
    const self: End<In, Out> = {
      open: true,
      postMessage(message: Out) {
        if (!self.open) throw new Error('Attempting to use a disconnected port object');
        (peer(self) as End<Out, unknown>).receive(message);
      },
      disconnect() {
        if (!self.open) return;
        self.open = false;
        peer(self).drop();
      },
      receive(message: In) {
        if (self.open) for (const listener of messages) listener(message);
      },
      drop() {
        if (!self.open) return;
        self.open = false;
        for (const listener of drops) listener();
      },
      onMessage: { addListener: (listener) => void messages.push(listener) },
      onDisconnect: { addListener: (listener) => void drops.push(listener) },
    };
    return self;
  };
  const a = end<B, A>();
  const b = end<A, B>();
  // biome-ignore lint/suspicious/noExplicitAny: the two ends have mirrored generic types
  const peer = (port: End<any, any>): End<any, any> => (port === a ? b : a);
  return [a, b];
}
