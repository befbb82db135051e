import type { Frame } from '../../src/frame/frame';

/**
 * The frames a capture of the simulator's worker mode would hold for the same socket frames: the
 * worker (`worker-1`) relays them to the page as `desktop-worker.js` does — lifecycle as
 * `websocket_opened`/`websocket_closed`, each notification nested in `websocket_message_received`
 * (`data.message`), keepalives and the page's own sends kept inside the worker.
 */
export function asWorkerFrames(frames: Frame[], url = 'http://127.0.0.1:8080/desktop-worker.js'): Frame[] {
  const out: Frame[] = [];
  const push = (frame: Frame, message: unknown) => {
    const data = JSON.stringify(message);
    out.push({
      seq: out.length + 1,
      t: frame.t,
      socket: 'worker-1',
      channel: 'worker',
      dir: 'in',
      kind: 'text',
      data,
      size: data.length,
    });
  };
  out.push({
    seq: 1,
    t: frames[0]?.t ?? 0,
    socket: 'worker-1',
    channel: 'worker',
    url,
    dir: 'out',
    kind: 'open',
    size: 0,
  });
  for (const frame of frames) {
    if (frame.kind === 'open') push(frame, { type: 'websocket_opened', data: { url: frame.url } });
    else if (frame.kind === 'close') push(frame, { type: 'websocket_closed', data: { ...frame.close } });
    else if (frame.kind === 'text' && frame.dir === 'in' && !frame.data?.includes('"keepalive"'))
      push(frame, { type: 'websocket_message_received', data: { message: frame.data } });
  }
  return out;
}
