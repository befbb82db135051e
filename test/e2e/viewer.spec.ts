import { expect, type Page, test } from '@playwright/test';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readFramesFile, writeCaptureFile } from '../../src/io';
import { startSimulator, type Simulator } from '../sim/server';
import { scenarioFrames } from '../support/scenario-frames';
import { type ExtensionBrowser, sharedExtensionBrowser } from './extension';
import { PanelPage } from './pages/panel-page';

// One browser for the file: each test opens its own pages (a new simulator tab, the viewer).
const shared = sharedExtensionBrowser();
let browser: ExtensionBrowser;
let sim: Simulator | undefined;
test.afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

test('the viewer opens a Chrome HAR and a capture file; a bad file is explained and what was open stays', async () => {
  browser = await shared.get();
  const viewer = await browser.context.newPage();
  await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
  await expect(viewer.getByText('Open a capture to inspect it.')).toBeVisible();

  await viewer.getByLabel('Capture or HAR file').setInputFiles('test/fixtures/har/simulator-session.har');
  await expect(viewer.locator('.file-name')).toHaveText('simulator-session.har');
  await expect(viewer.getByRole('tab', { name: /Interactions \(2\)/ })).toBeVisible();
  await expect(viewer.locator('.timeline .e-name').first()).toBeVisible();
  // A Chrome HAR records no closes: the last socket's end is "not recorded", as the CLI says.
  await expect(viewer.locator('.statusbar .capture-tag')).toHaveText('file');
  await expect(viewer.locator('.statusbar .socket-end')).toHaveText('close not recorded');
  await expect(viewer.locator('.statusbar .socket-end')).toHaveAttribute(
    'title',
    'a HAR holds no closes: it cannot say whether or when the socket closed',
  );
  // The reconnect in the file is analysed like a live capture's.
  await viewer.getByRole('tab', { name: /Anomalies/ }).click();
  await expect(viewer.locator('.rule-group[data-rule="missed-transitions"]')).toBeVisible();

  await writeFile('test-results/not-a-capture.json', '{"hello": "world"}');
  await viewer.getByLabel('Capture or HAR file').setInputFiles('test-results/not-a-capture.json');
  await expect(viewer.getByRole('alert')).toHaveText(
    /not-a-capture\.json: neither a wxcc-inspector capture .* nor a Chrome HAR/,
  );
  await expect(viewer.locator('.file-name')).toHaveText('simulator-session.har');

  await viewer.getByLabel('Capture or HAR file').setInputFiles('test/fixtures/captures/simulator-session.wxcc.json');
  await expect(viewer.locator('.file-name')).toHaveText('simulator-session.wxcc.json');
  await expect(viewer.getByRole('tab', { name: /Interactions \(2\)/ })).toBeVisible();
  // A capture records closes: its last socket was open when the capture ended.
  await expect(viewer.locator('.statusbar .socket-end')).toHaveText('open at the end of the capture');
  await expect(viewer.locator('.statusbar .socket-end')).not.toHaveAttribute('title');
  await viewer.screenshot({ path: 'test-results/viewer.png' });
});

test('the viewer reads a UTF-16 HAR (a PowerShell redirect) and names a bad byte instead of replacing it', async () => {
  browser = await shared.get();
  const viewer = await browser.context.newPage();
  await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
  const har = await readFile('test/fixtures/har/simulator-session.har', 'utf8');
  await writeFile('test-results/utf16.har', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(har, 'utf16le')]));
  await viewer.getByLabel('Capture or HAR file').setInputFiles('test-results/utf16.har');
  await expect(viewer.locator('.file-name')).toHaveText('utf16.har');
  await expect(viewer.getByRole('tab', { name: /Interactions \(2\)/ })).toBeVisible();

  const capture = Buffer.from(await readFile('test/fixtures/captures/simulator-session.wxcc.json'));
  const at = capture.indexOf('"frames"');
  capture[at + 1] = 0xff;
  await writeFile('test-results/bad-byte.wxcc.json', capture);
  await viewer.getByLabel('Capture or HAR file').setInputFiles('test-results/bad-byte.wxcc.json');
  await expect(viewer.getByRole('alert')).toHaveText(
    new RegExp(`bad-byte\\.wxcc\\.json: invalid UTF-8 at byte ${at + 1}: the file is not UTF-8 text`),
  );
  await expect(viewer.locator('.file-name')).toHaveText('utf16.har');
});

test('a HAR with a binary message that is not base64 opens; the message is a frame that says why and where', async () => {
  const har = JSON.parse(await readFile('test/fixtures/har/simulator-session.har', 'utf8'));
  const entry = har.log.entries.findIndex((e: { _webSocketMessages?: unknown }) => e._webSocketMessages);
  const messages = har.log.entries[entry]._webSocketMessages as { time: number }[];
  messages.splice(3, 0, { type: 'receive', time: messages[3]!.time, opcode: 2, data: 'AAEC%%%' } as never);
  await writeFile('test-results/bad-binary.har', JSON.stringify(har));
  const where = `log.entries[${entry}]._webSocketMessages[3].data`;
  const read = readFramesFile(JSON.stringify(har));
  const seq = read.ok ? read.frames.find((f) => f.kind === 'binary')!.seq : 0;

  browser = await shared.get();
  const viewer = await browser.context.newPage();
  await viewer.setViewportSize({ width: 1400, height: 700 });
  await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
  await viewer.getByLabel('Capture or HAR file').setInputFiles('test-results/bad-binary.har');
  await expect(viewer.locator('.file-name')).toHaveText('bad-binary.har');
  await expect(viewer.getByRole('alert')).toHaveCount(0);
  // The rest of the HAR is read: both calls, as without the bad message.
  await expect(viewer.getByRole('tab', { name: /Interactions \(2\)/ })).toBeVisible();

  const panel = new PanelPage(viewer);
  await panel.showTab('Frames');
  // The frame and the capture's notice that names it by its seq and place, both found by the search.
  await panel.search.fill('not base64');
  await expect(panel.frames.locator('.c-seq')).toHaveText([String(seq), String(read.ok ? read.frames.length : 0)]);
  await expect(panel.frames.locator('.c-name')).toHaveText(['binary', 'notice']);
  await expect(panel.frames.last().locator('.c-data')).toHaveText(
    `1 binary message was not base64 (kept as a frame without bytes): #${seq} at ${where}`,
  );
  const binary = panel.frames.first();
  await expect(binary.locator('.c-size')).toHaveText('0');
  await binary.click();
  await panel.frameView('Raw').click();
  // The reason and the place in the HAR, and no "first bytes as hex" label on a note that is no bytes.
  await expect(panel.frameDetail.locator('pre')).toHaveText(
    `(bytes unknown: ${where} is not base64, as a binary message's (opcode 2) data must be; the HAR holds "AAEC%%%", 7 bytes of text)`,
  );
  await panel.frameView('Hex').click();
  await expect(panel.frameDetail).toContainText('No bytes captured for this frame.');
});

test('export from the panel: redacted by default, and the viewer opens what was exported', async () => {
  sim = await startSimulator({ scenario: 'inbound-hold-resume', keepaliveMs: 60_000, speed: 0 });
  browser = await shared.get();
  const page = await browser.context.newPage();
  await page.goto(sim.pageUrl);
  await sim.onIdle();
  const panel = await browser.openPanel(await browser.tabIdOf(page));
  await expect(panel.locator('.interaction')).toHaveCount(1);
  await panel.getByRole('button', { name: /Export/ }).click();
  const download = panel.waitForEvent('download');
  await panel.getByRole('menuitem', { name: 'Capture file (.wxcc.json), redacted' }).click();
  const file = await (await download).path();
  // The live panel's export leaves nothing out: the announcement says only what was saved.
  await expect(panel.locator('[data-said="panel"]')).toHaveText(`Exported ${(await download).suggestedFilename()}`);
  const text = await readFile(file, 'utf8');
  expect(text).not.toContain('+14155550100');
  const parsed = readFramesFile(text);
  expect(parsed.ok && parsed.meta.redacted).toBe(true);

  const viewer = await browser.context.newPage();
  await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
  await viewer.getByLabel('Capture or HAR file').setInputFiles(file);
  await expect(viewer.locator('.interaction .customer')).toHaveText(/^phone-\d+$/);
  await expect(viewer.locator('.timeline .e-name', { hasText: /^AgentContactHeld$/ })).toBeVisible();
});

test("a HAR with entries that are not WxCC's: the viewer says how many it does not show, and its exports that they lack them", async () => {
  // The simulator's HAR leaves out its page and script; 1,202 more scripts make a count with a
  // separator; its second WxCC API call, without a method, cannot be read.
  const har = JSON.parse(await readFile('test/fixtures/har/simulator-session.har', 'utf8'));
  const script = har.log.entries.find((e: { _resourceType?: string }) => e._resourceType === 'script');
  for (let i = 0; i < 1_202; i++)
    har.log.entries.push({ ...script, request: { ...script.request, url: `http://127.0.0.1:8787/chunk-${i}.js` } });
  har.log.entries[4].request.method = 7;
  await writeFile('test-results/whole-page.har', JSON.stringify(har));
  const read = readFramesFile(JSON.stringify(har));
  expect(read.ok && [read.leftOut, read.unreadableCalls]).toEqual([1_204, 1]);

  browser = await shared.get();
  const viewer = await browser.context.newPage();
  await viewer.setViewportSize({ width: 1400, height: 300 });
  await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
  await viewer.getByLabel('Capture or HAR file').setInputFiles('test-results/whole-page.har');
  await expect(viewer.locator('.file-name')).toHaveText('whole-page.har');
  const leftOut = viewer.locator('.toolbar .left-out');
  await expect(leftOut).toHaveText('1,204 other HAR entries not shown');
  await expect(leftOut).toHaveAttribute(
    'title',
    "1,204 HAR entries that are neither a WebSocket nor a WxCC API call (the page, its scripts, other services' calls): not shown here, and not in an export. To share every entry redacted, in a clone of wxcc-inspector: npx wxcc-inspector redact file.har out.har",
  );
  // Docked at the bottom and at the side, light and dark: beside the file's name, whole or cut
  // with an ellipsis, never past the window's edge.
  for (const theme of ['light', 'dark'] as const) {
    await viewer.emulateMedia({ colorScheme: theme });
    for (const size of [
      { width: 1400, height: 300 },
      { width: 500, height: 700 },
    ]) {
      await viewer.setViewportSize(size);
      await viewer.screenshot({ path: `test-results/viewer-left-out-${size.width}x${size.height}-${theme}.png` });
      const box = (await leftOut.boundingBox())!;
      const name = (await viewer.locator('.file-name').boundingBox())!;
      expect(box.x + box.width, `${size.width}×${size.height} ${theme}`).toBeLessThanOrEqual(size.width);
      expect(box.y, `${size.width}×${size.height} ${theme}`).toBe(name.y);
      expect(box.x, `${size.width}×${size.height} ${theme}`).toBeGreaterThan(name.x + name.width);
    }
  }
  // A name as long as Chrome gives a HAR: the name takes the ellipsis, the notice stays whole.
  const long = 'test-results/desktop.wxcc-us1.cisco.com_Archive [24-05-17 10-12-33] agent 4711 second try.har';
  await writeFile(long, JSON.stringify(har));
  await viewer.getByLabel('Capture or HAR file').setInputFiles(long);
  await expect(viewer.locator('.file-name')).toHaveText(path.basename(long));
  for (const width of [1400, 1200, 900, 500]) {
    await viewer.setViewportSize({ width, height: 300 });
    await viewer.screenshot({ path: `test-results/viewer-left-out-long-name-${width}.png` });
    const cut = await leftOut.evaluate((e) => e.scrollWidth - e.clientWidth);
    expect(cut, `${width} px wide`).toBe(0);
    const box = (await leftOut.boundingBox())!;
    expect(box.x + box.width, `${width} px wide`).toBeLessThanOrEqual(width);
    const name = viewer.locator('.file-name');
    expect((await name.boundingBox())!.width, `${width} px wide`).toBeGreaterThan(40);
  }
  await viewer.setViewportSize({ width: 1400, height: 300 });

  // Export says what the file lacks in the CLI's words, the unreadable call too, and the file records both.
  const said = viewer.locator('[data-said="panel"]');
  const lacking =
    ' (left out 1,204 HAR entries that are neither a WebSocket nor a WxCC API call; left out 1 WxCC API call that could not be read (no valid time or method: the capture notice names it))';
  const exportAs = async (item: string): Promise<string> => {
    await viewer.getByRole('button', { name: 'Export' }).click();
    const download = viewer.waitForEvent('download');
    await viewer.getByRole('menuitem', { name: item }).click();
    const saved = await download;
    await expect(said).toHaveText(`Exported ${saved.suggestedFilename()}${lacking}`);
    const file = await saved.path();
    const again = readFramesFile(await readFile(file, 'utf8'));
    expect(again.ok && again.meta.source, item).toMatchObject({ leftOut: 1_204, unreadableCalls: 1 });
    return file;
  };
  const exported: string[] = [];
  for (const item of ['Capture file (.wxcc.json), redacted', 'Chrome HAR (.har), redacted'])
    exported.push(await exportAs(item));

  // Opened, what was exported says it came from a HAR that had more; so does its own export,
  // which records the same counts: passing through the viewer resets nothing.
  const fromHar = 'from a HAR: 1,204 other entries were not kept';
  const fromHarTitle =
    "This file was made from a HAR. 1,204 HAR entries that are neither a WebSocket nor a WxCC API call (the page, its scripts, other services' calls) were not kept in it, nor 1 WxCC API call that could not be read (no valid time or method: the capture notice names it). Ask for the HAR itself to see every entry.";
  for (const file of exported) {
    await viewer.getByLabel('Capture or HAR file').setInputFiles(file);
    await expect(viewer.locator('.file-name')).toHaveText(path.basename(file));
    await expect(viewer.getByRole('tab', { name: /Interactions \(2\)/ })).toBeVisible();
    await expect(leftOut).toHaveText(fromHar);
    await expect(leftOut).toHaveAttribute('title', fromHarTitle);
  }
  await viewer.screenshot({ path: 'test-results/viewer-from-har.png' });
  await exportAs('Capture file (.wxcc.json), redacted');
});

test('a file dropped on the viewer opens; a long import can be cancelled', async () => {
  browser = await shared.get();
  const viewer = await browser.context.newPage();
  await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
  const har = await readFile('test/fixtures/har/simulator-session.har', 'utf8');
  const dropped = await viewer.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'dropped.har', { type: 'application/json' }));
    return transfer;
  }, har);
  await viewer.dispatchEvent('body', 'dragover', { dataTransfer: dropped });
  await expect(viewer.getByText('Drop the capture or HAR to open it')).toBeVisible();
  await viewer.dispatchEvent('body', 'drop', { dataTransfer: dropped });
  await expect(viewer.locator('.file-name')).toHaveText('dropped.har');
  await expect(viewer.getByRole('tab', { name: /Interactions \(2\)/ })).toBeVisible();

  // A big file: the progress bar shows, Cancel stops it, and the open file stays as it was. The
  // file (~300 MB, one part repeated, so the page copies nothing) takes seconds to read, so the
  // click on Cancel never races the import's end.
  const big = await viewer.evaluateHandle(() => {
    const entry = `{"_resourceType":"websocket","request":{"url":"wss://x/y"},"_webSocketMessages":[{"type":"receive","time":1,"opcode":1,"data":"${'x'.repeat(500)}"}]},`;
    const part = new Blob([entry.repeat(1_000)]);
    const transfer = new DataTransfer();
    const parts = ['{"log":{"version":"1.2","entries":[', ...Array.from({ length: 500 }, () => part), '{}]}}'];
    transfer.items.add(new File(parts, 'big.har', { type: 'application/json' }));
    return transfer;
  });
  await viewer.dispatchEvent('body', 'drop', { dataTransfer: big });
  const cancel = viewer.getByRole('button', { name: 'Cancel' });
  await expect(cancel).toBeVisible();
  await cancel.click();
  await expect(viewer.locator('.progress')).toHaveCount(0);
  await expect(viewer.getByRole('alert')).toHaveCount(0);
  await expect(viewer.locator('.file-name')).toHaveText('dropped.har');
});

/** Waits until the viewer has analysed every frame it was given (its status bar counts none left). */
async function allAnalysed(viewer: Page, timeout: number): Promise<void> {
  await expect
    .poll(
      () =>
        viewer.evaluate(() =>
          (window as unknown as { wxccInspector: { analysing(): number } }).wxccInspector.analysing(),
        ),
      { timeout },
    )
    .toBe(0);
}

test('a big file shows as its parts come from the import worker: Export off until the whole file is in', async () => {
  // Longer than its waits (90 s for the import, 60 s for the analysis): a slow runner fails on them, saying which.
  test.setTimeout(180_000);
  browser = await shared.get();
  // 64,000 frames (13 parts of the import worker's 5,000): copies of one call, each its own interactions.
  const call = scenarioFrames('consult-conference-wrapup', { keepaliveMs: 50 });
  const ids = [
    ...new Set(call.flatMap((f) => [...(f.data ?? '').matchAll(/"interactionId":"([^"]+)"/g)].map((m) => m[1]!))),
  ];
  const copies = Math.ceil(64_000 / call.length);
  const frames = [];
  for (let copy = 0; copy < copies; copy++)
    for (const f of call) {
      let data = f.data;
      for (const id of ids) data = data?.replaceAll(id, `${id}-${copy}`);
      frames.push({ ...f, seq: frames.length + 1, t: f.t + copy * 600_000, data });
    }
  const total = frames.length.toLocaleString('en-US');
  await writeFile(
    'test-results/parts.wxcc.json',
    writeCaptureFile(frames, { createdAt: 0, source: { kind: 'file' }, redacted: false }),
  );
  const viewer = await browser.context.newPage();
  await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
  // What a person could see at any moment of the load: while the bar counts frames still coming,
  // Export must be off (part of a file is not the file).
  await viewer.evaluate((total) => {
    const w = window as unknown as { __loading: number; __exportOn: number };
    w.__loading = 0;
    w.__exportOn = 0;
    new MutationObserver(() => {
      const progress = document.querySelector('.progress')?.textContent ?? '';
      const loading = new RegExp(`Loading ([\\d,]+) of ${total} frames`).exec(progress);
      if (!loading || loading[1] === total) return;
      w.__loading++;
      const exportButton = document.querySelector<HTMLButtonElement>('button[title^="Export the capture"]');
      if (exportButton && !exportButton.disabled) w.__exportOn++;
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  }, total);
  await viewer.getByLabel('Capture or HAR file').setInputFiles('test-results/parts.wxcc.json');
  await expect(viewer.locator('.progress')).toHaveCount(0, { timeout: 90_000 });
  const seen = await viewer.evaluate(() => {
    const w = window as unknown as { __loading: number; __exportOn: number };
    return { loading: w.__loading, exportOn: w.__exportOn };
  });
  expect(seen.loading).toBeGreaterThan(0);
  expect(seen.exportOn).toBe(0);
  await expect(viewer.locator('.file-name')).toHaveText('parts.wxcc.json');
  await expect(viewer.locator('[data-counter=frames] .counter-value')).toHaveText(String(frames.length));
  await expect(viewer.getByRole('button', { name: /^Export/ })).toBeEnabled();
  await allAnalysed(viewer, 60_000);
  await expect(viewer.getByRole('tab', { name: `Interactions (${copies * ids.length})` })).toBeVisible();
  // The browser is shared with the tests after: not with a page holding 64,000 frames.
  await viewer.close();
});

test('a file dropped on the DevTools panel opens in the viewer', async () => {
  sim = await startSimulator({ scenario: 'inbound-hold-resume', keepaliveMs: 60_000, speed: 0 });
  browser = await shared.get();
  const page = await browser.context.newPage();
  await page.goto(sim.pageUrl);
  const panel = await browser.openPanel(await browser.tabIdOf(page));
  const har = await readFile('test/fixtures/har/simulator-session.har', 'utf8');
  const dropped = await panel.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'from-panel.har', { type: 'application/json' }));
    return transfer;
  }, har);
  const opened = browser.context.waitForEvent('page');
  await panel.dispatchEvent('body', 'drop', { dataTransfer: dropped });
  const viewer = await opened;
  await expect(viewer.locator('.file-name')).toHaveText('from-panel.har');
  await expect(viewer.getByRole('tab', { name: /Interactions \(2\)/ })).toBeVisible();
  // The live panel keeps showing the live capture.
  await expect(panel.locator('.interaction')).toHaveCount(1);
});

test('a session of 100,000 events stays responsive while it is analysed', async () => {
  test.setTimeout(150_000);
  browser = await shared.get();
  const viewer = await browser.context.newPage();
  await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
  await viewer.waitForFunction(() => 'wxccInspector' in window);
  const templates = scenarioFrames('inbound-hold-resume', { keepaliveMs: 0 }).filter((f) =>
    f.data?.includes('"RoutingMessage"'),
  );
  // 12,500 calls of 8 events, each with its own interaction id, built in the page.
  await viewer.evaluate((base) => {
    const frames = [];
    let seq = 0;
    for (let call = 0; call < 12_500; call++) {
      const id = `c0ffee00-0000-4000-8000-${String(call).padStart(12, '0')}`;
      for (const frame of base) {
        seq++;
        frames.push({
          ...frame,
          seq,
          t: frame.t + call * 10_000,
          data: frame.data!.split('c0ffee00-0000-4000-8000-0000000000a1').join(id),
        });
      }
    }
    (window as unknown as { wxccInspector: { load(f: unknown[], n: string): void } }).wxccInspector.load(
      frames,
      '100k-events',
    );
  }, templates);
  await expect(viewer.locator('.file-name')).toHaveText('100k-events');
  // While the backlog is still being analysed the panel answers: select, read, switch tabs.
  await expect(viewer.locator('.interaction').first()).toBeVisible();
  expect(
    await viewer.evaluate(() =>
      (window as unknown as { wxccInspector: { analysing(): number } }).wxccInspector.analysing(),
    ),
  ).toBeGreaterThan(0);
  await viewer.locator('.interaction').nth(1).click();
  await viewer.locator('.timeline .event', { hasText: 'AgentContactHeld' }).click();
  await expect(viewer.locator('.details-title')).toHaveText(/AgentContactHeld$/);
  await viewer.getByRole('tab', { name: 'Frames' }).click();
  await expect(viewer.locator('.frame-log .vrow').first()).toBeVisible();
  expect(await viewer.locator('.vrow').count()).toBeLessThan(120);
  // Everything is analysed in the end, and nothing was dropped.
  await allAnalysed(viewer, 100_000);
  await viewer.getByRole('tab', { name: /Interactions/ }).click();
  await expect(viewer.getByRole('tab', { name: /Interactions \(12500\)/ })).toBeVisible();
  await expect(viewer.locator('[data-counter=frames] .counter-value')).toHaveText('100000');
});

test('a capture file with no frames says so in the viewer, not "reload the desktop page"', async () => {
  const capture = JSON.parse(await readFile('test/fixtures/captures/simulator-session.wxcc.json', 'utf8'));
  await writeFile('test-results/no-frames.wxcc.json', JSON.stringify({ ...capture, frames: [] }));
  browser = await shared.get();
  const viewer = await browser.context.newPage();
  await viewer.setViewportSize({ width: 1400, height: 300 });
  await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
  await viewer.getByLabel('Capture or HAR file').setInputFiles('test-results/no-frames.wxcc.json');
  await expect(viewer.locator('.file-name')).toHaveText('no-frames.wxcc.json');
  // A file gets no more frames: advice to reload a page, or that frames will arrive, is wrong here.
  for (const tab of ['Interactions', 'Frames']) {
    await viewer.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
    const hint = viewer.locator('.empty[role="status"]');
    await expect(hint).toContainText('no-frames.wxcc.json holds no frames.');
    await expect(hint).not.toContainText('Reload the desktop page');
    await expect(hint).not.toContainText('as they arrive');
  }
});

test('a call whose snapshot stops saying whether it is recorded reads Rec unknown; a chat shows no recording', async () => {
  // f18 cut before its ContactEnded (#37): a live call (held and resumed at #28) after the empty
  // CPD of #19, whose recording is unknown (field-cases README); and f17's chat and e-mail.
  const f18 = readFramesFile(await readFile('test/fixtures/field-cases/f18-remote-hold-empty-cpd.har', 'utf8'));
  if (!f18.ok) throw new Error(f18.error);
  const meta = { createdAt: 0, source: { kind: 'file' as const }, redacted: false };
  await writeFile(
    'test-results/f18-live.wxcc.json',
    writeCaptureFile(
      f18.frames.filter((f) => f.seq < 37),
      meta,
    ),
  );
  browser = await shared.get();
  const viewer = await browser.context.newPage();
  await viewer.setViewportSize({ width: 1400, height: 300 });
  await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
  await viewer.getByLabel('Capture or HAR file').setInputFiles('test-results/f18-live.wxcc.json');
  await expect(viewer.locator('.file-name')).toHaveText('f18-live.wxcc.json');
  const row = viewer.locator('.interaction[data-interaction]');
  await expect(row.locator('.badge')).toHaveText(['Rec unknown']);
  await expect(row.locator('.badge-muted')).toHaveAttribute(
    'title',
    'The snapshot does not say whether the call is recorded',
  );
  await expect(viewer.locator('.interaction-head:not(.agent-head) .badge')).toHaveText(['Rec unknown']);

  await viewer
    .getByLabel('Capture or HAR file')
    .setInputFiles('test/fixtures/field-cases/f17-chat-email-concurrent.har');
  await expect(viewer.locator('.file-name')).toHaveText('f17-chat-email-concurrent.har');
  await expect(viewer.locator('.interaction[data-interaction]')).toHaveCount(2);
  await expect(viewer.locator('.badge', { hasText: /^Rec/ })).toHaveCount(0);
});

test('the file name and its HAR notice fit a toolbar of any width: nothing sticks out at 240 or 200 px', async () => {
  // A HAR that leaves 1,204 entries out, a capture made from one (the longer notice), and a count
  // as large as a file may record.
  const har = JSON.parse(await readFile('test/fixtures/har/simulator-session.har', 'utf8'));
  const script = har.log.entries.find((e: { _resourceType?: string }) => e._resourceType === 'script');
  for (let i = 0; i < 1_202; i++)
    har.log.entries.push({ ...script, request: { ...script.request, url: `http://127.0.0.1:8787/chunk-${i}.js` } });
  await writeFile('test-results/narrow-whole-page.har', JSON.stringify(har));
  const read = readFramesFile(JSON.stringify(har));
  if (!read.ok) throw new Error(read.error);
  const capture = (leftOut: number) =>
    writeCaptureFile(read.frames, {
      createdAt: 0,
      source: { kind: 'file', leftOut, unreadableCalls: 1 },
      redacted: true,
    });
  await writeFile('test-results/narrow-from-har.wxcc.json', capture(1_204));
  await writeFile('test-results/narrow-huge-count.wxcc.json', capture(Number.MAX_SAFE_INTEGER));

  browser = await shared.get();
  const viewer = await browser.context.newPage();
  await viewer.goto(`chrome-extension://${browser.extensionId}/viewer.html`);
  const notice = viewer.locator('.toolbar .left-out');
  for (const [file, text] of [
    ['narrow-whole-page.har', '1,204 other HAR entries not shown'],
    ['narrow-from-har.wxcc.json', 'from a HAR: 1,204 other entries were not kept'],
    ['narrow-huge-count.wxcc.json', 'from a HAR: 9,007,199,254,740,991 other entries were not kept'],
  ] as const) {
    await viewer.setViewportSize({ width: 1000, height: 400 });
    await viewer.getByLabel('Capture or HAR file').setInputFiles(`test-results/${file}`);
    await expect(viewer.locator('.file-name')).toHaveText(file);
    await expect(notice).toHaveText(text);
    for (const width of [262, 240, 200]) {
      await viewer.setViewportSize({ width, height: 400 });
      await viewer.screenshot({ path: `test-results/viewer-narrow-${file}-${width}.png` });
      // Every box in the toolbar lies inside it, and the toolbar inside the window.
      const out = await viewer.locator('.toolbar').evaluate((toolbar) => {
        const bar = toolbar.getBoundingClientRect();
        const stuck: string[] = [];
        if (bar.right > window.innerWidth + 0.5) stuck.push(`the toolbar ends at ${bar.right}`);
        for (const el of toolbar.querySelectorAll('*')) {
          const box = el.getBoundingClientRect();
          if (box.width === 0 && box.height === 0) continue;
          if (box.left < bar.left - 0.5 || box.right > bar.right + 0.5)
            stuck.push(
              `${el.tagName.toLowerCase()}.${el.className} ${box.left}–${box.right} of ${bar.left}–${bar.right}`,
            );
        }
        return stuck;
      });
      expect(out, `${file} at ${width} px`).toEqual([]);
      // The notice is all there (not cut): its text, or its tooltip in full.
      await expect(notice).toBeVisible();
      expect(await notice.evaluate((e) => e.scrollWidth - e.clientWidth), `${file} at ${width} px`).toBe(0);
      expect(await notice.getAttribute('title')).toContain('neither a WebSocket nor a WxCC API call');
    }
  }
});
