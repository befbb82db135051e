import { channelOf, sourceOf, type Frame } from '../frame/frame';
import type { SocketCapture } from '../model';

/** What the panel calls each way of capturing, and what it means (tooltips). */
export const CAPTURE_MEANING: Record<SocketCapture, string> = {
  page: 'page: captured by the inspector in the page (the WebSocket itself)',
  worker: 'worker: the socket lives in a worker; its frames were read from the messages the worker relays to the page',
  cdp: 'cdp: Chrome deep capture (chrome.debugger) saw this socket',
  file: 'file: read from a file',
};

/**
 * How a frame was captured, as the panel labels it: a file's frames are `file` whatever they were
 * live, since the viewer can only vouch for the file.
 */
export function frameCapture(frame: Pick<Frame, 'source' | 'channel'>, live: boolean): SocketCapture {
  const source = sourceOf(frame);
  if (!live || source === 'file') return 'file';
  if (source === 'cdp') return 'cdp';
  return channelOf(frame) === 'worker' ? 'worker' : 'page';
}
