// The simulated desktop's worker mode (protocol doc §10.8): this dedicated worker does the
// subscribe call, opens the notification socket and sends the keepalives itself, and relays the
// socket to the page in messages shaped like the Desktop's `ConnectionWorkerMessageType`, with
// the frame nested inside the message (not at its top level). The page never sees a WebSocket.
(() => {
  var KEEPALIVE_FRAME = '{"keepalive":"true"}';
  var config = { scenario: null, keepaliveMs: 4000, reconnectMs: 1000 };
  var socket = null;
  var keepaliveTimer = null;
  var firstSubscribe = true;
  var stopped = false;

  function tell(type, data) {
    self.postMessage({ type: type, data: data, sentAt: Date.now() });
  }

  function connect() {
    if (stopped) return;
    tell('connection_state', { state: 'subscribing' });
    var url = '/v1/notification/subscribe';
    if (firstSubscribe && config.scenario) url += `?scenario=${encodeURIComponent(config.scenario)}`;
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
      .then((res) => res.json())
      .then(
        (body) => open(body.body.webSocketUrl),
        () => {
          tell('connection_state', { state: 'error' });
          setTimeout(connect, config.reconnectMs);
        },
      );
  }

  function open(url) {
    var ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      tell('websocket_opened', { url: url });
      ws.send(KEEPALIVE_FRAME);
      if (config.keepaliveMs > 0) {
        keepaliveTimer = setInterval(() => {
          if (ws.readyState === WebSocket.OPEN) ws.send(KEEPALIVE_FRAME);
        }, config.keepaliveMs);
      }
    };
    ws.onmessage = (event) => {
      // Keepalives stay in the worker, as in the Desktop: only notifications reach the page.
      if (typeof event.data === 'string' && event.data === KEEPALIVE_FRAME) return;
      tell('websocket_message_received', { message: event.data });
    };
    ws.onclose = (event) => {
      clearInterval(keepaliveTimer);
      if (socket === ws) socket = null;
      tell('websocket_closed', { code: event.code, reason: event.reason, wasClean: event.wasClean });
      if (!stopped) setTimeout(connect, config.reconnectMs);
    };
  }

  self.onmessage = (event) => {
    var msg = event.data;
    if (!msg || typeof msg !== 'object') return;
    if (msg.type === 'start') {
      config.scenario = msg.data.scenario;
      config.keepaliveMs = msg.data.keepaliveMs;
      config.reconnectMs = msg.data.reconnectMs;
      connect();
    } else if (msg.type === 'websocket_send_message' && socket) {
      socket.send(msg.data.message);
    } else if (msg.type === 'close_socket') {
      stopped = true;
      if (socket) socket.close(1000, 'closed by the page');
    }
  };
})();
