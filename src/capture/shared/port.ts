/**
 * The part of `runtime.Port` the capture layers use. Written against this shape, the relay, hub
 * and panel link logic run in unit tests with an in-memory pair (WXT's fakeBrowser has no ports).
 */
export interface PortLike<In = unknown, Out = unknown> {
  postMessage(message: Out): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: In) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export type Schedule = (fn: () => void, ms: number) => () => void;

export const defaultSchedule: Schedule = (fn, ms) => {
  const id = setTimeout(fn, ms);
  return () => clearTimeout(id);
};
