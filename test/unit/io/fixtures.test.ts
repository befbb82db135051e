import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readFramesFile } from '../../../src/io/read-frames-file';
import { CAPTURE_PATH, fixtureTexts, HAR_PATH, PAGE_URL, USER_AGENT } from '../../fixtures/har/generate';

const harText = readFileSync(HAR_PATH, 'utf8');
const captureText = readFileSync(CAPTURE_PATH, 'utf8');

function read(text: string) {
  const result = readFramesFile(text);
  if (!result.ok) throw new Error(result.error);
  return result;
}

describe('the simulator-session fixtures', () => {
  it('are what test/fixtures/har/generate.ts writes (regenerate with `npx tsx test/fixtures/har/generate.ts`)', () => {
    const { har, capture } = fixtureTexts();
    expect(harText).toBe(har);
    expect(captureText).toBe(capture);
  });

  it('the HAR is Chrome-shaped: no `_wxcc` fields, non-WebSocket entries around two sockets', () => {
    expect(harText).not.toContain('_wxcc');
    const entries = (JSON.parse(harText) as { log: { entries: { _resourceType: string }[] } }).log.entries;
    expect(entries.map((e) => e._resourceType)).toEqual([
      'document',
      'script',
      'fetch',
      'websocket',
      'fetch',
      'websocket',
    ]);
  });

  it('the HAR reads into the same messages as the capture, on the same sockets at the same times', () => {
    const har = read(harText);
    const capture = read(captureText);
    expect(har.kind).toBe('har');
    expect(capture.kind).toBe('capture');
    const messages = (frames: typeof har.frames) =>
      frames.filter((f) => f.kind === 'text').map(({ socket, t, dir, size, data }) => ({ socket, t, dir, size, data }));
    expect(messages(har.frames)).toStrictEqual(messages(capture.frames));
    expect(messages(har.frames).length).toBe(27);
  });

  it('the HAR gives one open frame per socket; only the capture knows how ws-1 closed', () => {
    const har = read(harText);
    const capture = read(captureText);
    const lifecycle = (frames: typeof har.frames) =>
      frames
        .filter((f) => f.kind !== 'text' && f.kind !== 'request' && f.kind !== 'response')
        .map((f) => `${f.socket} ${f.kind}${f.close ? ` ${f.close.code}` : ''}`);
    expect(lifecycle(har.frames)).toEqual(['ws-1 open', 'ws-2 open']);
    // The HAR's subscribe calls are WxCC API requests: each right before the socket it opened.
    expect(
      har.frames
        .filter((f) => f.socket !== 'ws-1' || f.kind === 'open')
        .slice(0, 3)
        .map((f) => `${f.socket} ${f.kind}`),
    ).toEqual(['http-1 request', 'http-1 response', 'ws-1 open']);
    expect(lifecycle(capture.frames)).toEqual(['capture navigation', 'ws-1 open', 'ws-1 close 1006', 'ws-2 open']);
    expect(har.frames.map((f) => f.seq)).toEqual(har.frames.map((_, i) => i + 1));
    expect(har.meta).toStrictEqual({
      createdAt: Date.parse('2026-01-05T09:00:00.070Z'),
      // Its page and its script are in no frame: the source says so (har-left-out.ts).
      source: { kind: 'har', url: PAGE_URL, userAgent: USER_AGENT, creator: 'WebInspector 537.36', leftOut: 2 },
      redacted: false,
    });
  });

  it('the session has both calls, the drop and the rehydration', () => {
    const { frames } = read(captureText);
    const events = frames.flatMap((f) => {
      if (f.kind !== 'text' || !f.data) return [];
      const message = JSON.parse(f.data) as { type?: string; data?: { type?: string } };
      return message.type ? [`${f.socket} ${message.data?.type ?? message.type}`] : [];
    });
    expect(events).toEqual([
      'ws-1 Welcome',
      'ws-1 AgentStateChangeSuccess',
      'ws-1 AgentContactReserved',
      'ws-1 AgentOfferContact',
      'ws-1 AgentContactAssigned',
      'ws-1 AgentContactHeld',
      'ws-1 AgentContactUnheld',
      'ws-1 ContactEnded',
      'ws-1 AgentWrapup',
      'ws-1 AgentWrappedUp',
      'ws-1 AgentStateChangeSuccess',
      'ws-1 AgentStateChangeSuccess',
      'ws-1 AgentContactReserved',
      'ws-1 AgentOfferContact',
      'ws-1 AgentContactAssigned',
      'ws-2 Welcome',
      'ws-2 AgentReloginSuccess',
      'ws-2 AgentContact',
      'ws-2 AgentStateChangeSuccess',
      'ws-2 AgentContactUnheld',
      'ws-2 ContactEnded',
      'ws-2 AgentWrapup',
      'ws-2 AgentWrappedUp',
    ]);
  });
});
