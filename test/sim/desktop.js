// Simulated Agent Desktop: connects to the notification service the way the WxCC
// desktop / SDK does (protocol doc §1): POST subscribe, open webSocketUrl, send
// {"keepalive":"true"} on open and every 4 s, re-subscribe after a close.
// Every wire string reaches the DOM through textContent only: the hostile scenario
// puts markup in every field.
(() => {
  var params = new URLSearchParams(location.search);
  function numParam(name, fallback) {
    var raw = params.get(name);
    if (raw === null || raw === '') return fallback;
    var n = Number(raw);
    return Number.isFinite(n) && n >= 0 ? n : fallback;
  }
  var KEEPALIVE_MS = numParam('keepalive', 4000); // 0 disables the periodic keepalive
  var RECONNECT_MS = numParam('reconnectMs', 1000);
  var SCENARIO = params.get('scenario');
  // mode=worker: the socket, the subscribe call and the keepalives live in a dedicated worker
  // that relays the frames (protocol doc §10.8); see desktop-worker.js.
  var MODE = params.get('mode') === 'worker' ? 'worker' : 'page';
  var MAX_LOG = 50;
  var MAX_EVENTS = 5000;
  var SHOW_CHARS = 120;
  var KEEPALIVE_FRAME = '{"keepalive":"true"}';

  // Test hook: read by the unit/e2e tests and the demo.
  var desktop = {
    frames: 0,
    events: [],
    status: 'idle',
    keepalives: 0,
    binaryFrames: 0,
    parseErrors: 0,
    connects: 0,
    subscribes: 0,
    agentId: null,
    agentState: null,
    interactions: {},
    lastClose: null,
    mode: MODE,
  };
  window.__desktop = desktop;

  var $ = (id) => document.getElementById(id);
  var ws = null;
  var keepaliveTimer = null;
  var firstSubscribe = true;

  function clip(value) {
    var s = String(value);
    return s.length > SHOW_CHARS ? `${s.slice(0, SHOW_CHARS)}\u2026 (${s.length} chars)` : s;
  }

  function setText(id, value) {
    $(id).textContent = clip(value);
  }

  function setStatus(status) {
    desktop.status = status;
    var el = $('status');
    el.textContent = status;
    el.setAttribute('data-state', status.split(' ')[0]);
  }

  function log(text, warn) {
    var li = document.createElement('li');
    li.textContent = `${new Date().toISOString().slice(11, 23)}  ${clip(text)}`;
    if (warn) li.className = 'warn';
    var list = $('log');
    list.appendChild(li);
    while (list.childElementCount > MAX_LOG) list.removeChild(list.firstElementChild);
    // Scrolled to the end once per paint, not per frame: reading scrollHeight lays the page out.
    if (scrollQueued) return;
    scrollQueued = true;
    requestAnimationFrame(() => {
      scrollQueued = false;
      list.scrollTop = list.scrollHeight;
    });
  }
  var scrollQueued = false;

  function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  }
  function truthy(v) {
    return v === true || v === 'true';
  }

  function recordingLabel(cpd) {
    if (!isObject(cpd) || cpd.recordingStarted === undefined) return '-';
    if (!truthy(cpd.recordingStarted)) return 'off';
    // recordInProgress "false" is the real pause signal; isPaused is the legacy flag.
    var paused = truthy(cpd.isPaused) || cpd.recordInProgress === false || cpd.recordInProgress === 'false';
    return paused ? 'paused' : 'recording';
  }

  function renderInteractions() {
    var body = $('interactions');
    body.textContent = '';
    Object.keys(desktop.interactions).forEach((id) => {
      var it = desktop.interactions[id];
      var tr = document.createElement('tr');
      [id, it.caller, it.lastEvent, it.state, it.hold, it.recording].forEach((value) => {
        var td = document.createElement('td');
        td.textContent = clip(value == null ? '-' : value);
        td.title = String(value == null ? '' : value).slice(0, 500);
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }

  function onContactEvent(name, data) {
    var id = typeof data.interactionId === 'string' ? data.interactionId : '(no interactionId)';
    var it =
      desktop.interactions[id] ||
      (desktop.interactions[id] = { caller: null, lastEvent: null, state: null, hold: null, recording: null });
    it.lastEvent = name;
    var interaction = data.interaction;
    if (isObject(interaction)) {
      if (typeof interaction.state === 'string') it.state = interaction.state;
      const cpd = interaction.callProcessingDetails;
      if (isObject(cpd) && cpd.ani != null) it.caller = cpd.ani;
      const media = isObject(interaction.media) ? interaction.media : {};
      const mainId = interaction.mainInteractionId || id;
      const main = media[mainId];
      if (isObject(main)) it.hold = truthy(main.isHold) ? 'held' : 'no';
      const rec = recordingLabel(cpd);
      if (rec !== '-') it.recording = rec;
    }
    renderInteractions();
  }

  function onAgentEvent(_name, data) {
    if (typeof data.subStatus === 'string') {
      desktop.agentState = data.subStatus + (data.lastStateChangeReason ? ` (${data.lastStateChangeReason})` : '');
      setText('agent-state', desktop.agentState);
    }
  }

  function onFrame(event) {
    desktop.frames++;
    setText('frame-count', desktop.frames);
    if (typeof event.data !== 'string') {
      desktop.binaryFrames++;
      const size = event.data && (event.data.size !== undefined ? event.data.size : event.data.byteLength);
      log(`binary frame (${size} bytes) ignored`, true);
      return;
    }
    var msg;
    try {
      msg = JSON.parse(event.data);
    } catch {
      desktop.parseErrors++;
      log(`unparseable frame: ${event.data}`, true);
      return;
    }
    if (!isObject(msg)) {
      log(`non-object frame: ${event.data}`, true);
      return;
    }
    if (msg.keepalive === 'true' || msg.keepalive === true) {
      desktop.keepalives++;
      return;
    }
    var data = isObject(msg.data) ? msg.data : {};
    // Same rule as the SDK: the specific event name is data.type, else the envelope type.
    var name = data.type !== undefined ? data.type : msg.type;
    name = typeof name === 'string' ? name : String(name);
    desktop.events.push(name);
    if (desktop.events.length > MAX_EVENTS) desktop.events.splice(0, desktop.events.length - MAX_EVENTS);

    if (msg.type === 'Welcome') {
      desktop.agentId = data.agentId == null ? null : String(data.agentId);
      setText('agent-id', desktop.agentId || '-');
      log(`Welcome agentId=${desktop.agentId}`);
      return;
    }
    log(name + (data.interactionId ? `  ${data.interactionId}` : ''));
    if (msg.type === 'RoutingMessage' && data.interactionId !== undefined) onContactEvent(name, data);
    else onAgentEvent(name, data);
  }

  function scheduleReconnect() {
    setTimeout(connect, RECONNECT_MS);
  }

  function connect() {
    setStatus('subscribing');
    desktop.subscribes++;
    var url = '/v1/notification/subscribe';
    // Only the page's first subscribe names a scenario: a reconnect must continue it.
    if (firstSubscribe && SCENARIO) url += `?scenario=${encodeURIComponent(SCENARIO)}`;
    firstSubscribe = false;
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        force: true,
        isKeepAliveEnabled: true,
        clientType: 'AgentDesktop',
        allowMultiLogin: false,
      }),
    })
      .then((res) =>
        res.json().then((body) => {
          if (!res.ok || !body?.body || typeof body.body.webSocketUrl !== 'string') {
            throw new Error(`subscribe failed: ${res.status} ${body?.message}`);
          }
          return body.body.webSocketUrl;
        }),
      )
      .then(open, (err) => {
        setStatus('error');
        log(String(err?.message || err), true);
        scheduleReconnect();
      });
  }

  function open(url) {
    setStatus('connecting');
    var socket = new WebSocket(url);
    ws = socket;
    socket.onopen = () => {
      desktop.connects++;
      setText('connect-count', desktop.connects);
      setStatus('connected');
      log('socket open');
      socket.send(KEEPALIVE_FRAME);
      if (KEEPALIVE_MS > 0) {
        keepaliveTimer = setInterval(() => {
          if (socket.readyState === WebSocket.OPEN) socket.send(KEEPALIVE_FRAME);
        }, KEEPALIVE_MS);
      }
    };
    socket.onmessage = onFrame;
    socket.onerror = () => {
      log('socket error', true);
    };
    socket.onclose = (event) => {
      clearInterval(keepaliveTimer);
      keepaliveTimer = null;
      if (ws === socket) ws = null;
      desktop.lastClose = { code: event.code, reason: event.reason, wasClean: event.wasClean };
      setStatus(`disconnected (${event.code})`);
      log(
        `socket closed code=${event.code}${event.reason ? ` reason=${event.reason}` : ''}; reconnecting in ${RECONNECT_MS} ms`,
        true,
      );
      scheduleReconnect();
    };
  }

  // Worker mode: the page only talks to the worker. It hands over a (simulated) access token the
  // way the Desktop does (`start`, `update_access_token`): the capture must never record it.
  function startWorker() {
    setStatus('starting worker');
    var worker = new Worker('desktop-worker.js');
    desktop.worker = true;
    worker.onmessage = (event) => {
      var msg = event.data;
      var data = isObject(msg) && isObject(msg.data) ? msg.data : {};
      switch (msg?.type) {
        case 'connection_state':
          setStatus(String(data.state));
          break;
        case 'websocket_opened':
          desktop.connects++;
          setText('connect-count', desktop.connects);
          setStatus('connected');
          log('socket open (in the worker)');
          break;
        case 'websocket_message_received':
          onFrame({ data: data.message });
          break;
        case 'websocket_closed':
          desktop.lastClose = { code: data.code, reason: data.reason, wasClean: data.wasClean };
          setStatus(`disconnected (${data.code})`);
          log(`socket closed code=${data.code} (in the worker); reconnecting in ${RECONNECT_MS} ms`, true);
          break;
        default:
          break;
      }
    };
    worker.postMessage({
      type: 'start',
      data: {
        scenario: SCENARIO,
        keepaliveMs: KEEPALIVE_MS,
        reconnectMs: RECONNECT_MS,
        accessToken: 'sim-access-token-0f3c',
      },
    });
    worker.postMessage({ type: 'update_access_token', data: { token: 'Bearer sim-access-token-9a1d' } });
  }

  // The task and agent REST calls (protocol doc §7), as the stock Desktop makes them: axios, i.e.
  // XMLHttpRequest, with a bearer token and a `trackingid` header. `transport: 'fetch'` uses
  // fetch instead. The token mirrors SIM_AUTH_TOKEN in mock-api.ts: the inspector must never
  // record it.
  var AUTHORIZATION = 'Bearer sim-secret-bearer-5f2b9c1e-aaaa-4bbb-8ccc-0123456789ab';
  var SESSION = Math.random().toString(16).slice(2, 10);
  var requestNo = 0;

  function apiCall(method, path, body, transport) {
    var trackingid = `webex-js-sdk_${SESSION}_${++requestNo}`;
    var text = body === undefined ? undefined : JSON.stringify(body);
    log(`${method} ${path}`);
    if (transport === 'fetch') {
      return fetch(path, {
        method,
        headers: { 'content-type': 'application/json', authorization: AUTHORIZATION, trackingid },
        body: text,
      }).then(
        (res) => res.text().then((responseText) => ({ status: res.status, body: responseText })),
        (err) => ({ status: 0, body: String(err) }),
      );
    }
    return new Promise((resolve) => {
      var xhr = new XMLHttpRequest();
      xhr.open(method, path);
      xhr.setRequestHeader('Content-Type', 'application/json');
      xhr.setRequestHeader('Authorization', AUTHORIZATION);
      xhr.setRequestHeader('trackingid', trackingid);
      xhr.onloadend = () => resolve({ status: xhr.status, body: xhr.responseText });
      xhr.send(text === undefined ? null : text);
    });
  }

  function latestInteraction() {
    var ids = Object.keys(desktop.interactions);
    return ids[ids.length - 1];
  }

  function task(op, body) {
    return (id, transport) => {
      var interactionId = id || latestInteraction();
      return apiCall('POST', `/v1/tasks/${encodeURIComponent(interactionId)}/${op}`, body?.(interactionId), transport);
    };
  }

  desktop.api = {
    call: apiCall,
    hold: task('hold', (id) => ({ mediaResourceId: id })),
    unhold: task('unhold', (id) => ({ mediaResourceId: id })),
    pauseRecording: task('record/pause'),
    resumeRecording: task('record/resume', () => ({ autoResumed: false })),
    end: task('end'),
    wrapup: task('wrapup', () => ({ wrapUpReason: 'Resolved', auxCodeId: 'wrapup-0001' })),
    setState: (state, transport) =>
      apiCall(
        'PUT',
        '/v1/agents/session/state',
        { state, auxCodeId: state === 'Available' ? '0' : 'aux-break' },
        transport,
      ),
  };

  var actions = $('actions');
  if (actions) {
    actions.addEventListener('click', (event) => {
      var button = event.target.closest('button');
      if (!button) return;
      if (button.dataset.state) desktop.api.setState(button.dataset.state);
      else desktop.api[button.dataset.op]();
    });
  }

  if (MODE === 'worker') startWorker();
  else connect();
})();
