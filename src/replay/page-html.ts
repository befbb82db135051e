/**
 * The replay page's HTML. Everything the page shows from the capture is set through `textContent`
 * by the page script; here only the server's own configuration is embedded, as JSON in a
 * non-executing script element (with `<` escaped, so no string can close the element).
 */
export interface ReplayPageConfig {
  readonly name: string;
  /** Where the developer's widget script is served from, when there is one. */
  readonly widget: string | undefined;
  readonly keepaliveMs: number;
}

export function replayPageHtml(config: ReplayPageConfig): string {
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>WxCC replay</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  :root { color-scheme: light dark; --bg: #fff; --fg: #202124; --dim: #5f6368; --line: #dadce0; --accent: #1a73e8; --hold: #b06000; --rec: #188038; --warn: #c5221f; }
  @media (prefers-color-scheme: dark) { :root { --bg: #202124; --fg: #e8eaed; --dim: #9aa0a6; --line: #3c4043; --accent: #8ab4f8; --hold: #fdd663; --rec: #81c995; --warn: #f28b82; } }
  body { margin: 0; font: 13px/1.4 system-ui, sans-serif; background: var(--bg); color: var(--fg); }
  header { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; padding: 8px 12px; border-bottom: 1px solid var(--line); }
  header h1 { font-size: 15px; margin: 0 12px 0 0; }
  /* What the replay lacks of the HAR it came from: a line of its own under the controls. */
  header p { flex-basis: 100%; margin: 0; }
  main { display: grid; grid-template-columns: minmax(320px, 1fr) minmax(320px, 1fr); gap: 12px; padding: 12px; }
  section { border: 1px solid var(--line); border-radius: 6px; padding: 8px; min-width: 0; }
  h2 { font-size: 13px; margin: 0 0 6px; }
  table { border-collapse: collapse; width: 100%; }
  td, th { text-align: left; padding: 2px 6px; border-bottom: 1px solid var(--line); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 220px; }
  pre { margin: 0; max-height: 180px; overflow: auto; white-space: pre-wrap; word-break: break-all; font-size: 12px; }
  ol { margin: 0; padding-left: 20px; max-height: 260px; overflow: auto; }
  .dim { color: var(--dim); }
  .held { color: var(--hold); font-weight: 600; }
  .status-connected { color: var(--rec); }
  .status-disconnected { color: var(--warn); }
  button, select, input { font: inherit; }
  #widget-host { grid-column: 1 / -1; }
  /* A bidi control from the wire, drawn as its escape in a badge, as in the panel (src/ui/panel.css). */
  .bidi-escape { margin: 0 1px; padding: 0 2px; border: 1px solid #e8a39d; border-radius: 3px; font: normal 0.85em ui-monospace, monospace; color: #b3261e; background: #fce8e6; }
  @media (prefers-color-scheme: dark) { .bidi-escape { border-color: #8c3b34; color: #f28b82; background: #3c1f1d; } }
</style>
</head>
<body>
<header>
  <h1>WxCC replay <span class="dim" id="capture-name"></span></h1>
  <label>Mode <select id="mode" aria-label="Replay mode">
    <option value="timed">Timed</option><option value="step">Step</option><option value="request">Request-driven</option>
  </select></label>
  <label>Speed <input id="speed" type="number" min="0.1" max="1000" step="0.5" value="1" size="5" aria-label="Speed factor"></label>
  <button id="play" type="button">Pause</button>
  <button id="step" type="button" title="Send the next frame (N or →)">Send next ▶</button>
  <button id="restart" type="button">Restart</button>
  <span id="progress" aria-live="polite"></span>
  <span>Socket: <strong id="status">subscribing</strong></span>
  <p id="not-replayed" class="dim" hidden></p>
</header>
<main>
  <section aria-labelledby="next-title">
    <h2 id="next-title">Next frame</h2>
    <div id="next-summary" class="dim">—</div>
    <pre id="next-preview"></pre>
  </section>
  <section aria-labelledby="interactions-title">
    <h2 id="interactions-title">Interactions</h2>
    <table><thead><tr><th>Interaction</th><th>Media</th><th>State</th><th>Hold</th><th>Recording</th><th>Last event</th></tr></thead>
    <tbody id="interactions"></tbody></table>
  </section>
  <section aria-labelledby="events-title">
    <h2 id="events-title">Events received</h2>
    <ol id="events"></ol>
  </section>
  <section aria-labelledby="requests-title">
    <h2 id="requests-title">Requests from the app</h2>
    <ol id="requests"></ol>
  </section>
  <section id="widget-host" aria-labelledby="widget-title" hidden>
    <h2 id="widget-title">Widget</h2>
    <div id="widget-status" class="dim"></div>
    <div id="widgets"></div>
  </section>
</main>
<script id="replay-config" type="application/json">${json}</script>
<script src="/replay/page.js"></script>
</body>
</html>
`;
}
