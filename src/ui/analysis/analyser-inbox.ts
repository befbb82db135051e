import type { Analyser, FilePart, ToAnalyser } from './analyser';

/**
 * Hands `analyser` the panel's messages, and the parts of a file from the port a `file-parts`
 * message brings (its import worker's end posts them, and ends once each is answered as
 * received): the wiring the analysis worker and the in-thread link share. A reset or the next
 * file closes the port, so an abandoned import's parts stop arriving.
 */
export function analyserInbox(analyser: Analyser): (message: ToAnalyser) => void {
  let port: MessagePort | undefined;
  return (message) => {
    if (message.type === 'reset' || message.type === 'file-parts') {
      port?.close();
      port = undefined;
    }
    if (message.type !== 'file-parts') {
      analyser.receive(message);
      return;
    }
    const { generation, port: from } = message;
    port = from;
    from.onmessage = (event: MessageEvent<FilePart>) => {
      from.postMessage(null);
      analyser.receivePart(generation, event.data);
    };
  };
}
