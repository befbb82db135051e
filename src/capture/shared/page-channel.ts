/**
 * How the MAIN-world interceptor and the ISOLATED-world relay of one document find each other.
 *
 * The worlds share only the DOM. At document_start, before any page script runs, the relay hands
 * the interceptor a detached DOM node as the `relatedTarget` of a hello event. From then on frames
 * are dispatched on that node, which the page can neither listen to nor dispatch on: a hostile page
 * cannot forge or read the capture channel. Whichever script loads first, the other one's
 * announcement completes the handshake (ready → hello → connected).
 */
export const HELLO_EVENT = 'wxcc-inspector:hello';
export const READY_EVENT = 'wxcc-inspector:ready';
export const CONNECTED_EVENT = 'wxcc-inspector:connected';
export const FRAMES_EVENT = 'wxcc-inspector:frames';
