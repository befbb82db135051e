import { chromeWebSocketEntry } from './chrome-har';
import { scenarioFrames } from './scenario-frames';

/** The bearer token the HAR's REST calls carry: it must appear nowhere after import. */
export const HAR_SECRET = 'Bearer eyJhbGciOiJIUzI1NiJ9.aGFyLXNlY3JldA.c2ln';
const API = 'https://api.wxcc-us1.cisco.com';

/**
 * A Chrome HAR ("Save all as HAR") of a call put on hold and taken off it: the notification
 * socket's messages (scenario `inbound-hold-resume`, with Chrome's sub-millisecond times) and the
 * desktop's REST calls next to them: the hold (202 after 60 ms; its AgentContactHeld 412.345 ms
 * after the request) and the unhold (HTTP 500, so its AgentContactUnheld is nobody's result).
 */
export function requestsHar() {
  const frames = scenarioFrames('inbound-hold-resume', { keepaliveMs: 0 }).filter((f) => f.socket === 'ws-1');
  const text = (f: (typeof frames)[number]) => (f.kind === 'text' ? (f.data ?? '') : '');
  const held = frames.find((f) => text(f).includes('"AgentContactHeld"'))!;
  const unheld = frames.find((f) => text(f).includes('"AgentContactUnheld"'))!;
  const interactionId: string = JSON.parse(text(held)).data.interactionId;
  const iso = (ms: number) => new Date(ms).toISOString();
  const rest = (t: number, path: string, status: number, body?: string) => ({
    startedDateTime: iso(t),
    time: 60,
    request: {
      method: 'POST',
      url: `${API}${path}`,
      httpVersion: 'HTTP/1.1',
      headers: [
        { name: 'Authorization', value: HAR_SECRET },
        { name: 'trackingid', value: `webex-js-sdk_${t}` },
      ],
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: 2,
      postData: { mimeType: 'application/json', text: '{}' },
    },
    response: {
      status,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      headers: [],
      cookies: [],
      content: { size: body?.length ?? 0, mimeType: 'application/json', ...(body ? { text: body } : {}) },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: 60, receive: 0 },
    _resourceType: 'xhr',
  });
  const socket = chromeWebSocketEntry({
    url: frames[0]!.url!,
    startedDateTime: iso(frames[0]!.t),
    messages: frames
      .filter((f) => f.kind === 'text')
      .map((f) => ({
        type: f.dir === 'out' ? 'send' : 'receive',
        time: (f.t + 0.345) / 1000,
        opcode: 1,
        data: f.data,
      })),
  });
  const hold = rest(held.t - 412, `/v1/tasks/${interactionId}/hold`, 202);
  const unhold = rest(unheld.t - 200, `/v1/tasks/${interactionId}/unhold`, 500, '{"message":"unhold refused"}');
  return {
    har: {
      log: {
        version: '1.2',
        creator: { name: 'WebInspector', version: '537.36' },
        pages: [],
        entries: [socket, hold, unhold],
      },
    },
    interactionId,
    /** What the correlator must say: request start → AgentContactHeld, in ms, as Chrome's times give it. */
    holdLatencyMs: ((held.t + 0.345) / 1000) * 1000 - Date.parse(hold.startedDateTime),
  };
}
