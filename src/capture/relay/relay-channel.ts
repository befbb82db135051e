import { CONNECTED_EVENT, FRAMES_EVENT, HELLO_EVENT, READY_EVENT } from '../shared/page-channel';

/**
 * The relay's side of the handshake (see page-channel.ts): a detached node that only the two
 * content scripts of this document know. Batches arrive on it; nothing dispatched on the document
 * by the page is ever read as a frame.
 */
export function openInterceptorChannel(doc: Document, onBatch: (detail: unknown) => void): void {
  const MouseEventCtor = doc.defaultView!.MouseEvent;
  const node = doc.createElement('wxcc-inspector-channel');
  let connected = false;
  const sayHello = (): void => {
    if (connected) return;
    doc.dispatchEvent(new MouseEventCtor(HELLO_EVENT, { relatedTarget: node }));
  };
  node.addEventListener(CONNECTED_EVENT, () => {
    connected = true;
    // Once connected, a page that fakes "ready" must not be handed the node.
    doc.removeEventListener(READY_EVENT, sayHello, true);
  });
  node.addEventListener(FRAMES_EVENT, (event) => {
    const detail = (event as CustomEvent<unknown>).detail;
    if (!node.firstChild) {
      onBatch(detail);
      return;
    }
    // The chunk's text payloads, in order, as the interceptor appended them (see interceptor.ts):
    // as a list, not concatenated here (see PageChunkSchema).
    const body: string[] = [];
    for (let child: ChildNode | null = node.firstChild; child; child = child.nextSibling)
      body.push((child as Text).data);
    node.textContent = '';
    onBatch(detail && typeof detail === 'object' ? { ...detail, body } : detail);
  });
  doc.addEventListener(READY_EVENT, sayHello, true);
  sayHello();
}
