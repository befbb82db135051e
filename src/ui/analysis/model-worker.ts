/// <reference lib="webworker" />
import { Analyser, type FromAnalyser, type ToAnalyser } from './analyser';
import { analyserInbox } from './analyser-inbox';

/*
 * The analysis worker (issue 14 goal 3): the session model runs here, off the panel's thread,
 * and the panel keeps a replica from the deltas it posts. Thin wiring: the work is `Analyser`'s.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
// A delta's texts are transferred: the panel keeps those bytes as they came (`SessionDelta.texts`).
const post = (message: FromAnalyser) =>
  scope.postMessage(message, message.type === 'delta' ? [message.delta.texts.buffer] : []);

// A message to itself yields to the event loop without setTimeout's 4 ms clamp between slices.
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
const defer = (cb: () => void) => {
  waiting.push(cb);
  channel.port2.postMessage(null);
};

const receive = analyserInbox(new Analyser(post, defer, () => performance.now()));
// An uncaught error reaches the panel as the worker's `error` event (model-link.ts).
scope.onmessage = (event: MessageEvent<ToAnalyser>) => receive(event.data);
