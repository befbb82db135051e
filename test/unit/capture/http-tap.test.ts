import { JSDOM } from 'jsdom';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installHttpTap } from '../../../src/capture/page/http-tap';
import type { PageFrame } from '../../../src/capture/shared/page-chunk';

/*
 * The HTTP tap in jsdom (its XHR is real HTTP; fetch and its classes are Node's, put on the
 * window) against a loopback server that answers every call 500 with a JSON error body full of
 * credentials: what the tap records, byte for byte.
 */

const ERROR_BODY =
  '{"message":"bad session","sessionToken":"sek-1","auth":{"jwt":"eyJ.x"},"client_secret":123,"code":401}';
const CLEAN_ERROR =
  '{"message":"bad session","sessionToken":"(removed)","auth":"(removed)","client_secret":"(removed)","code":401}';
const REQUEST_BODY = '{"mediaResourceId":"m-1","apiKey":42,"session_token":{"v":"x"}}';
const CLEAN_REQUEST = '{"mediaResourceId":"m-1","apiKey":"(removed)","session_token":"(removed)"}';

let server: http.Server;
let origin: string;
let win: Window & typeof globalThis;
const frames: PageFrame[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(500, {
        'content-type': 'application/json',
        'content-length': String(ERROR_BODY.length),
        'access-control-allow-origin': '*',
        'access-control-allow-headers': '*',
      });
      res.end(ERROR_BODY);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dom = new JSDOM('<!doctype html>', { url: `${origin}/desktop.html` });
  win = dom.window as unknown as Window & typeof globalThis;
  Object.assign(win, { fetch, Request, Response, Headers, URL });
  let seq = 0;
  installHttpTap(win, {
    frame: (socket, dir, kind) => ({ seq: ++seq, t: 0, socket, dir, kind }) as PageFrame,
    push: (frame) => frames.push(frame),
    guard: (what, error) => {
      throw new Error(`guard ${what}: ${String(error)}`);
    },
  });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const until = async (done: () => boolean) => {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('the HTTP tap records no credential', () => {
  it('fetch: URL query, request body and JSON error body cleaned the same way', async () => {
    frames.length = 0;
    const response = await win.fetch(`${origin}/v1/tasks/a/hold?access_token=abc&sessionToken=s1&x=1`, {
      method: 'POST',
      body: REQUEST_BODY,
    });
    // The page's own response is untouched.
    expect(await response.text()).toBe(ERROR_BODY);
    await until(() => frames.length === 2);
    expect(frames.map((f) => [f.kind, f.url, f.data])).toEqual([
      ['request', `${origin}/v1/tasks/a/hold?access_token=(removed)&sessionToken=(removed)&x=1`, CLEAN_REQUEST],
      ['response', undefined, CLEAN_ERROR],
    ]);
  });

  it('XHR: the same', async () => {
    frames.length = 0;
    const xhr = new win.XMLHttpRequest();
    const done = new Promise((resolve) => xhr.addEventListener('loadend', resolve));
    xhr.open('POST', `${origin}/v1/tasks/a/hold?token=t&x=1`);
    xhr.send(REQUEST_BODY);
    await done;
    expect(xhr.responseText).toBe(ERROR_BODY);
    await until(() => frames.length === 2);
    expect(frames.map((f) => [f.kind, f.url, f.data])).toEqual([
      ['request', `${origin}/v1/tasks/a/hold?token=(removed)&x=1`, CLEAN_REQUEST],
      ['response', undefined, CLEAN_ERROR],
    ]);
  });
});
