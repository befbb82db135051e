import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { main } from '../../../src/cli/main';
import type { Frame } from '../../../src/frame/frame';
import { parseReplayArgs, runReplay } from '../../../src/cli/replay';
import { isAllowedOrigin, type ReplayServer, startReplayServer } from '../../../src/replay/server';
import { scenarioFrames } from '../../support/scenario-frames';

const HAR = 'test/fixtures/har/simulator-session.har';
let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function subscribe(s: ReplayServer, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${s.origin}/v1/notification/subscribe`, { method: 'POST', headers, body: '{}' });
  expect(response.headers.get('access-control-allow-origin')).toBe('*');
  return ((await response.json()) as { body: { webSocketUrl: string } }).body.webSocketUrl;
}

/** Connects and collects messages until `n` non-keepalive ones arrived. */
function receive(url: string, n: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const got: string[] = [];
    ws.on('message', (data) => {
      const text = String(data);
      if (text.includes('keepalive')) return;
      got.push(text);
      if (got.length === n) {
        ws.close();
        resolve(got);
      }
    });
    ws.on('error', reject);
  });
}

/** The inbound-hold-resume scenario as a capture file's text. */
function captureText(): string {
  return JSON.stringify({
    format: 'wxcc-inspector-capture',
    version: 1,
    createdAt: 1,
    source: { kind: 'file' },
    redacted: false,
    frames: scenarioFrames('inbound-hold-resume'),
  });
}

describe('replay server', () => {
  it('answers subscribe, then plays Welcome and the capture’s frames in order into the socket', async () => {
    const frames = scenarioFrames('inbound-hold-resume');
    server = await startReplayServer({ frames, speed: 1000, keepaliveMs: 60_000 });
    const steps = server.plan().steps;
    const got = await receive(await subscribe(server), steps.length + 1);
    expect(JSON.parse(got[0]!)).toEqual({ type: 'Welcome', data: { agentId: server.plan().agentId } });
    expect(got.slice(1)).toEqual(steps.map((s) => (s.kind === 'frame' ? s.text : '')));
  });

  it('answers a subscribe made through the shim with a socket URL on the WxCC host the app asked', async () => {
    server = await startReplayServer({ frames: scenarioFrames('inbound-hold-resume') });
    expect(await subscribe(server, { 'x-wxcc-replay-host': 'api.wxcc-eu1.cisco.com' })).toMatch(
      /^wss:\/\/api\.wxcc-eu1\.cisco\.com\/v1\/notification\/subscription\/AgentDesktop-/,
    );
    // Any other host is not trusted into the URL.
    expect(await subscribe(server, { 'x-wxcc-replay-host': 'evil.example.com' })).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\//);
  });

  it('serves no page of another site: its requests and its socket are refused; loopback pages and the extension are served', async () => {
    server = await startReplayServer({ frames: scenarioFrames('inbound-hold-resume'), speed: 1000 });
    const evil = { origin: 'https://evil.example' };
    for (const [path, method] of [
      ['/replay/state', 'GET'],
      ['/replay/load', 'POST'],
      ['/v1/notification/subscribe', 'POST'],
      ['/replay/state', 'OPTIONS'],
    ] as const) {
      const response = await fetch(`${server.origin}${path}`, {
        method,
        headers: evil,
        body: method === 'POST' ? '{}' : null,
      });
      expect(response.status, `${method} ${path}`).toBe(403);
    }
    const socketUrl = await subscribe(server);
    const refused = await new Promise<string>((resolve) => {
      const ws = new WebSocket(socketUrl, { headers: evil });
      ws.on('open', () => resolve('open'));
      ws.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
      ws.on('error', (error) => resolve(error.message));
    });
    expect(refused).toBe('403');
    // The same socket from an SDK app's dev page on this machine plays the capture.
    const got = await new Promise<string>((resolve, reject) => {
      const ws = new WebSocket(socketUrl, { headers: { origin: 'http://localhost:3000' } });
      ws.on('message', (data) => {
        ws.close();
        resolve(String(data));
      });
      ws.on('error', reject);
    });
    expect(JSON.parse(got)).toMatchObject({ type: 'Welcome' });
    expect((await fetch(`${server.origin}/replay/state`, { headers: { origin: server.origin } })).status).toBe(200);
  });

  it('origins it answers: none, its own, loopback pages, extensions; not other sites, not null', () => {
    const host = '127.0.0.1:8790';
    for (const origin of [
      undefined,
      'http://127.0.0.1:8790',
      'http://localhost:3000',
      'https://app.localhost',
      'http://127.0.0.2:5173',
      'http://[::1]:8080',
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
      'moz-extension://0b3a7c1e-0000-4000-8000-000000000001',
    ])
      expect(isAllowedOrigin(origin, host), String(origin)).toBe(true);
    expect(isAllowedOrigin('http://192.168.1.20:8790', '192.168.1.20:8790')).toBe(true);
    for (const origin of [
      'https://evil.example',
      'http://localhost.evil.example',
      'http://127.0.0.1.evil.example',
      'null',
      'file://',
      'not a url',
    ])
      expect(isAllowedOrigin(origin, host), origin).toBe(false);
  });

  it('controls: mode, speed, step; bad input is a 400 with the reason, not a crash', async () => {
    server = await startReplayServer({ frames: scenarioFrames('inbound-hold-resume'), mode: 'step' });
    const post = (body: string) => fetch(`${server!.origin}/replay/control`, { method: 'POST', body });
    expect((await post('{"action":"mode","mode":"timed"}')).status).toBe(200);
    expect(server.player().state().mode).toBe('timed');
    const bad = await post('{"action":"mode","mode":"fast"}');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'mode must be one of timed, step, request' });
    expect((await post('not json')).status).toBe(400);
    expect((await post('{"action":"speed","speed":-1}')).status).toBe(400);
    expect((await post('{"action":"fly"}')).status).toBe(400);
    const state = (await (await fetch(`${server.origin}/replay/state`)).json()) as { next: { kind: string } };
    expect(state.next.kind).toBe('frame');
  });

  it('loads another capture over HTTP; a file that is no capture is refused with the reader’s error', async () => {
    server = await startReplayServer({});
    expect(server.plan().steps).toEqual([]);
    const bad = await fetch(`${server.origin}/replay/load`, { method: 'POST', body: '{"hello":1}' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/neither a wxcc-inspector capture/);
    const capture = captureText();
    const ok = await fetch(`${server.origin}/replay/load?name=x.wxcc.json`, { method: 'POST', body: capture });
    expect(ok.status).toBe(200);
    expect(server.plan().steps.length).toBeGreaterThan(0);
    expect(((await ok.json()) as { name: string }).name).toBe('x.wxcc.json');
  });

  it('says what of a HAR is not replayed, for a HAR loaded and for a capture that recorded it; nothing for any other', async () => {
    server = await startReplayServer({});
    const state = async (body: string) =>
      (await (await fetch(`${server!.origin}/replay/load`, { method: 'POST', body })).json()) as {
        notReplayed?: string;
      };
    const har = await readFile(HAR, 'utf8');
    const said =
      "The HAR's other entries are not replayed (left out 2 HAR entries that are neither a WebSocket nor a WxCC API call).";
    expect((await state(har)).notReplayed).toBe(said);
    expect((await state(captureText())).notReplayed).toBeUndefined();
    const fromHar = JSON.parse(captureText());
    fromHar.source = { kind: 'file', leftOut: 1204, unreadableCalls: 1 };
    expect((await state(JSON.stringify(fromHar))).notReplayed).toBe(
      "The HAR's other entries are not replayed (left out 1204 HAR entries that are neither a WebSocket nor a WxCC API call; left out 1 WxCC API call that could not be read (no valid time or method: the capture notice names it)).",
    );
    expect(
      ((await (await fetch(`${server.origin}/replay/state`)).json()) as { notReplayed?: string }).notReplayed,
    ).toMatch(/^The HAR's other entries are not replayed \(left out 1204 /);
    // The page shows it under its controls.
    expect(await (await fetch(server.pageUrl)).text()).toContain('<p id="not-replayed" class="dim" hidden></p>');
  });

  it('a capture whose bytes are not UTF-8 is refused with the byte offset, as the CLI and the viewer do', async () => {
    server = await startReplayServer({});
    const capture = captureText();
    const bytes = Buffer.from(capture, 'utf8');
    // A Latin-1 "é" (0xe9) in the middle of a payload: once silently read as U+FFFD.
    const at = capture.indexOf('Support_Queue') + 3;
    bytes[at] = 0xe9;
    const bad = await fetch(`${server.origin}/replay/load`, { method: 'POST', body: bytes });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: `invalid UTF-8 at byte ${at}: the file is not UTF-8 text (a capture or HAR is UTF-8, or UTF-16 with a byte-order mark)`,
    });
    expect(server.plan().steps).toEqual([]);
    // A file cut in the middle of a character says so.
    const cut = Buffer.concat([Buffer.from(capture.slice(0, -2), 'utf8'), Buffer.from([0xc3])]);
    const cutAnswer = await fetch(`${server.origin}/replay/load`, { method: 'POST', body: cut });
    expect([cutAnswer.status, await cutAnswer.json()]).toEqual([
      400,
      { error: 'invalid UTF-8: the file ends in the middle of a character (was it cut off?)' },
    ]);
    // The same capture as UTF-16 with a byte-order mark (a HAR saved by PowerShell) is read.
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(capture, 'utf16le')]);
    const ok = await fetch(`${server.origin}/replay/load`, { method: 'POST', body: utf16 });
    expect(ok.status).toBe(200);
    expect(server.plan().steps.length).toBeGreaterThan(0);
  });

  it('a control body whose bytes are not UTF-8 is a 400, not a repaired command', async () => {
    server = await startReplayServer({ frames: scenarioFrames('inbound-hold-resume'), mode: 'step' });
    // The bad byte sits inside a string: read leniently, the command would be valid JSON and obeyed.
    const body = Buffer.concat([
      Buffer.from('{"action":"mode","mode":"timed","by":"'),
      Buffer.from([0xff]),
      Buffer.from('"}'),
    ]);
    const bad = await fetch(`${server.origin}/replay/control`, { method: 'POST', body });
    expect([bad.status, await bad.json()]).toEqual([400, { error: 'expected {"action": …}' }]);
    expect(server.player().state().mode).toBe('step');
  });

  it('records the app’s REST calls with the step each released, answering 202', async () => {
    server = await startReplayServer({ frames: scenarioFrames('inbound-hold-resume'), mode: 'request' });
    const held = server.plan().steps.find((s) => s.kind === 'frame' && s.eventName === 'AgentContactHeld')!;
    const id = held.kind === 'frame' ? held.interactionId : '';
    const response = await fetch(`${server.origin}/v1/tasks/${id}/hold`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(202);
    await fetch(`${server.origin}/v1/tasks/${id}/hold`, { method: 'POST', body: '{}' });
    expect(server.requests().map((r) => [r.operation, r.releasedStep])).toEqual([
      ['hold', held.index],
      ['hold', undefined],
    ]);
    expect((await fetch(`${server.origin}/nothing-here`)).status).toBe(404);
  });
});

describe('wxcc-inspector replay', () => {
  it('parses its options and refuses bad ones with a usage error', () => {
    expect(parseReplayArgs(['c.har', '--mode', 'step', '--speed', '4', '--port', '0'])).toMatchObject({
      file: 'c.har',
      mode: 'step',
      speed: 4,
      port: 0,
      host: '127.0.0.1',
      keepTimes: false,
      redact: false,
    });
    expect(parseReplayArgs(['c.har', '--redact']).redact).toBe(true);
    expect(parseReplayArgs([])).toMatchObject({ file: undefined, port: 8790, mode: 'timed' });
    expect(() => parseReplayArgs(['--mode', 'fast'])).toThrow('--mode takes timed, step, request');
    expect(() => parseReplayArgs(['--speed', '0'])).toThrow('--speed takes a positive number');
    expect(() => parseReplayArgs(['--port', '70000'])).toThrow('--port takes a port number');
    expect(() => parseReplayArgs(['a', 'b'])).toThrow('replay takes one file');
    expect(() => parseReplayArgs(['--bogus'])).toThrow();
  });

  it('exits 2 with one line for a missing file, a bad option, a file that is no capture or a missing widget', async () => {
    const err: string[] = [];
    expect(
      await main(
        ['replay', 'no/such/file.har', '--port', '0'],
        () => undefined,
        (t) => err.push(t),
      ),
    ).toBe(2);
    expect(
      await main(
        ['replay', '--mode', 'x'],
        () => undefined,
        (t) => err.push(t),
      ),
    ).toBe(2);
    expect(
      await main(
        ['replay', 'package.json', '--port', '0'],
        () => undefined,
        (t) => err.push(t),
      ),
    ).toBe(2);
    expect(
      await main(
        ['replay', '--widget', 'no/such/widget.js', '--port', '0'],
        () => undefined,
        (t) => err.push(t),
      ),
    ).toBe(2);
    expect(
      await main(
        ['replay', '--widget', 'test', '--port', '0'],
        () => undefined,
        (t) => err.push(t),
      ),
    ).toBe(2);
    expect(err).toEqual([
      'wxcc-inspector: cannot read no/such/file.har: no such file',
      'wxcc-inspector: --mode takes timed, step, request (see --help)',
      expect.stringMatching(/^wxcc-inspector: package\.json: neither a wxcc-inspector capture/),
      'wxcc-inspector: cannot read the widget no/such/widget.js: no such file',
      'wxcc-inspector: cannot read the widget test: it is not a file',
    ]);
  });
});

describe('wxcc-inspector replay of a HAR', () => {
  it("says, as it starts, that the HAR's other entries are not replayed", async () => {
    const out: string[] = [];
    const started = await runReplay(parseReplayArgs([HAR, '--port', '0']), (line) => out.push(line), {
      value: JSON.parse(await readFile(HAR, 'utf8')),
      name: 'simulator-session.har',
    });
    if ('error' in started) throw new Error(started.error);
    server = started.server;
    expect(out[0]).toMatch(/^Replay of simulator-session\.har at /);
    expect(out[2]).toBe(
      "  The HAR's other entries are not replayed (left out 2 HAR entries that are neither a WebSocket nor a WxCC API call).",
    );
    expect(
      ((await (await fetch(`${server.origin}/replay/state`)).json()) as { notReplayed?: string }).notReplayed,
    ).toBe(out[2]!.trim());
  });
});

describe('a capture that holds its REST calls', () => {
  it('holds back exactly the frames that answered a captured call, and answers each call with its captured status', async () => {
    const frames = scenarioFrames('inbound-hold-resume');
    const heldAt = frames.findIndex((f) => f.data?.includes('"AgentContactHeld"'));
    const held = JSON.parse(frames[heldAt]!.data!) as { data: { interactionId: string } };
    const id = held.data.interactionId;
    const t = frames[heldAt]!.t;
    // The hold call (202) just before its result, and an unhold that failed with a 500.
    const calls: Frame[] = [
      {
        seq: 0,
        t: t - 20,
        socket: 'http-1',
        channel: 'http',
        dir: 'out',
        kind: 'request',
        size: 2,
        data: '{}',
        url: `https://api.wxcc-us1.cisco.com/v1/tasks/${id}/hold`,
        http: { method: 'POST' },
      },
      {
        seq: 0,
        t: t - 10,
        socket: 'http-1',
        channel: 'http',
        dir: 'in',
        kind: 'response',
        size: 0,
        http: { status: 202 },
      },
      {
        seq: 0,
        t: t + 1,
        socket: 'http-2',
        channel: 'http',
        dir: 'out',
        kind: 'request',
        size: 2,
        data: '{}',
        url: `https://api.wxcc-us1.cisco.com/v1/tasks/${id}/unhold`,
        http: { method: 'POST' },
      },
      {
        seq: 0,
        t: t + 2,
        socket: 'http-2',
        channel: 'http',
        dir: 'in',
        kind: 'response',
        size: 0,
        http: { status: 500 },
      },
    ];
    const merged = [
      ...frames.slice(0, heldAt),
      calls[0]!,
      calls[1]!,
      frames[heldAt]!,
      calls[2]!,
      calls[3]!,
      ...frames.slice(heldAt + 1),
    ].map((f, i) => ({ ...f, seq: i + 1 }));
    server = await startReplayServer({ frames: merged, mode: 'request' });
    const heldStep = server.plan().steps.find((s) => s.kind === 'frame' && s.eventName === 'AgentContactHeld')!;
    const hold = await fetch(`${server.origin}/v1/tasks/${id}/hold`, { method: 'POST', body: '{}' });
    const unhold = await fetch(`${server.origin}/v1/tasks/${id}/unhold`, { method: 'POST', body: '{}' });
    expect([hold.status, unhold.status]).toEqual([202, 500]);
    expect(server.requests().map((r) => [r.operation, r.status, r.releasedStep])).toEqual([
      ['hold', 202, heldStep.index],
      ['unhold', 500, undefined],
    ]);
  });
});
