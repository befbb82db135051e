import type { Analyser, FilePart, ToAnalyser } from './analyser';

/**
 * Hands `analyser` the panel's messages, and the parts of a file from the port a `file-parts`
 * message brings: its import worker posts them, a few ahead, and the next once a part is
 * answered as taken (`Analyser.onPartTaken`). The wiring the analysis worker and the in-thread
 * link share. A reset or the next file closes the port, so an abandoned import's parts stop
 * arriving.
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
    from.onmessage = (event: MessageEvent<FilePart>) => analyser.receivePart(generation, event.data);
    analyser.onPartTaken = () => from.postMessage(null);
  };
}
