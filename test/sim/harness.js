// WebSocket identity harness. Loaded with and without the extension; the two
// window.__harness objects must be identical. So: nothing here may depend on timing.
// The refused-connection probe runs only after the main socket has closed, and Blob
// bytes are filled into records that were already pushed in event order.
(() => {
  var params = new URLSearchParams(location.search);
  var binaryTypeParam = params.get('binaryType');
  var protocolsParam = params.get('protocols');
  var protocols = protocolsParam ? protocolsParam.split(',').filter(Boolean) : undefined;

  var harness = { events: [], done: false };
  window.__harness = harness;
  var pending = [];

  function push(rec) {
    harness.events.push(rec);
    return rec;
  }

  function describeData(data, rec) {
    if (typeof data === 'string') {
      rec.dataKind = 'string';
      rec.text = data;
      return;
    }
    rec.dataKind = 'binary';
    rec.ctor = data?.constructor ? data.constructor.name : String(data);
    if (typeof Blob !== 'undefined' && data instanceof Blob) {
      rec.byteLength = data.size;
      rec.blobType = data.type;
      rec.bytes = null; // filled below, after the synchronous fields are in place
      pending.push(
        data.arrayBuffer().then((buf) => {
          rec.bytes = Array.from(new Uint8Array(buf));
        }),
      );
    } else if (data instanceof ArrayBuffer) {
      rec.byteLength = data.byteLength;
      rec.bytes = Array.from(new Uint8Array(data));
    } else {
      rec.byteLength = null;
    }
  }

  function eventFields(ws, event, handler, socket) {
    return {
      socket: socket,
      type: event.type,
      handler: handler,
      isTrusted: event.isTrusted,
      eventCtor: event.constructor ? event.constructor.name : null,
      targetIsWs: event.target === ws,
      currentTargetIsWs: event.currentTarget === ws,
      eventPhase: event.eventPhase,
      readyState: ws.readyState,
    };
  }

  push({
    socket: null,
    type: 'static',
    name: WebSocket.name,
    length: WebSocket.length,
    CONNECTING: WebSocket.CONNECTING,
    OPEN: WebSocket.OPEN,
    CLOSING: WebSocket.CLOSING,
    CLOSED: WebSocket.CLOSED,
    sendType: typeof WebSocket.prototype.send,
    nativeToString: Function.prototype.toString.call(WebSocket).indexOf('[native code]') !== -1,
    sendNativeToString: Function.prototype.toString.call(WebSocket.prototype.send).indexOf('[native code]') !== -1,
    prototypeKeys: Object.getOwnPropertyNames(WebSocket.prototype).sort(),
    windowWebSocketIsGlobal: window.WebSocket === WebSocket,
  });

  var url = `${(location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host}/harness`;
  var ws = protocols ? new WebSocket(url, protocols) : new WebSocket(url);
  var binaryTypeBefore = ws.binaryType;
  if (binaryTypeParam === 'arraybuffer' || binaryTypeParam === 'blob') ws.binaryType = binaryTypeParam;

  push({
    socket: 'main',
    type: 'constructed',
    url: ws.url,
    readyState: ws.readyState,
    protocol: ws.protocol,
    extensions: ws.extensions,
    bufferedAmount: ws.bufferedAmount,
    binaryTypeBefore: binaryTypeBefore,
    binaryType: ws.binaryType,
    instanceOfWebSocket: ws instanceof WebSocket,
    instanceOfEventTarget: ws instanceof EventTarget,
    protoIsWebSocketPrototype: Object.getPrototypeOf(ws) === WebSocket.prototype,
    ctorIsWebSocket: ws.constructor === WebSocket,
    toStringTag: Object.prototype.toString.call(ws),
  });

  var onmessageEvents = [];
  var listener1Count = 0;

  ws.onopen = (event) => {
    var rec = eventFields(ws, event, 'onopen', 'main');
    rec.protocol = ws.protocol;
    rec.extensions = ws.extensions;
    rec.binaryType = ws.binaryType;
    push(rec);
    ws.send('hello-from-page');
    push({
      socket: 'main',
      type: 'sent',
      text: 'hello-from-page',
      bufferedAmountIsNumber: typeof ws.bufferedAmount === 'number',
    });
  };
  ws.addEventListener('open', (event) => {
    push(eventFields(ws, event, 'openListener', 'main'));
  });

  ws.onmessage = (event) => {
    onmessageEvents.push(event);
    var rec = eventFields(ws, event, 'onmessage', 'main');
    rec.index = onmessageEvents.length;
    rec.origin = event.origin;
    rec.lastEventId = event.lastEventId;
    rec.ports = event.ports ? event.ports.length : null;
    push(rec);
    describeData(event.data, rec);
  };

  ws.addEventListener('message', (event) => {
    listener1Count++;
    var rec = eventFields(ws, event, 'listener1', 'main');
    rec.index = listener1Count;
    rec.sameEventAsOnmessage = event === onmessageEvents[onmessageEvents.length - 1];
    rec.sameDataAsOnmessage =
      onmessageEvents.length > 0 && event.data === onmessageEvents[onmessageEvents.length - 1].data;
    push(rec);
    describeData(event.data, rec);
    if (listener1Count === 2) {
      event.stopImmediatePropagation();
      rec.stoppedImmediatePropagation = true;
    }
  });

  ws.addEventListener('message', (event) => {
    var rec = eventFields(ws, event, 'listener2', 'main');
    rec.sameEventAsOnmessage = event === onmessageEvents[onmessageEvents.length - 1];
    push(rec);
    describeData(event.data, rec);
  });

  ws.onerror = (event) => {
    push(eventFields(ws, event, 'onerror', 'main'));
  };

  ws.onclose = (event) => {
    var rec = eventFields(ws, event, 'onclose', 'main');
    rec.code = event.code;
    rec.reason = event.reason;
    rec.wasClean = event.wasClean;
    push(rec);
    // After the listener below has also run, probe a refused connection.
    setTimeout(probeRefused, 0);
  };
  ws.addEventListener('close', (event) => {
    var rec = eventFields(ws, event, 'closeListener', 'main');
    rec.code = event.code;
    rec.reason = event.reason;
    rec.wasClean = event.wasClean;
    push(rec);
  });

  function probeRefused() {
    var refused;
    try {
      refused = new WebSocket('ws://127.0.0.1:1/');
    } catch (err) {
      push({ socket: 'refused', type: 'throw', name: err?.name, message: String(err?.message) });
      finish();
      return;
    }
    push({
      socket: 'refused',
      type: 'constructed',
      url: refused.url,
      readyState: refused.readyState,
      binaryType: refused.binaryType,
    });
    var guard = setTimeout(() => {
      push({ socket: 'refused', type: 'timeout' });
      finish();
    }, 10000);
    refused.onerror = (event) => {
      push(eventFields(refused, event, 'onerror', 'refused'));
    };
    refused.onclose = (event) => {
      clearTimeout(guard);
      var rec = eventFields(refused, event, 'onclose', 'refused');
      rec.code = event.code;
      rec.reason = event.reason;
      rec.wasClean = event.wasClean;
      push(rec);
      finish();
    };
  }

  // What a page can use to tell an extension is there: source text, names, stacks, globals.
  // Every value must be the same with and without the extension (stacks name only harness.js).
  function errorOf(fn) {
    try {
      fn();
      return null;
    } catch (err) {
      const d = Object.getOwnPropertyDescriptor(err, 'stack');
      return {
        name: err.name,
        message: err.message,
        stack: err.stack,
        stackShape: d ? Object.keys(d).sort().join(',') : 'inherited',
      };
    }
  }
  function nested(depth, fn) {
    return depth === 0 ? fn() : nested(depth - 1, fn);
  }
  function probeStealth() {
    var fnToString = Function.prototype.toString;
    var send = WebSocket.prototype.send;
    var connecting = new WebSocket('ws://127.0.0.1:1/');
    var rec = {
      socket: null,
      type: 'stealth',
      webSocketSource: fnToString.call(WebSocket),
      webSocketToString: String(WebSocket),
      sendSource: fnToString.call(send),
      toStringSource: fnToString.call(fnToString),
      names: [WebSocket.name, WebSocket.length, send.name, send.length, fnToString.name, fnToString.length],
      windowSymbols: Object.getOwnPropertySymbols(window).map(String),
      windowNames: Object.getOwnPropertyNames(window).sort(),
      sendConnecting: errorOf(() => connecting.send('early')),
      sendConnectingDeep: nested(20, () => errorOf(() => connecting.send('early'))),
      sendNoArgument: errorOf(() => connecting.send()),
      sendIllegalThis: errorOf(() => send.call({}, 'x')),
      constructBadUrl: errorOf(() => new WebSocket('not a url')),
      constructBadUrlDeep: nested(20, () => errorOf(() => new WebSocket('not a url'))),
      constructWithoutNew: errorOf(() => WebSocket('ws://127.0.0.1:1/')),
      toStringIllegalThis: errorOf(() => fnToString.call({})),
      stackTraceLimit: Error.stackTraceLimit,
    };
    Error.stackTraceLimit = 3;
    rec.sendConnectingLimit3 = nested(5, () => errorOf(() => connecting.send('early')));
    Error.stackTraceLimit = rec.stackTraceLimit;
    Error.prepareStackTrace = (_err, sites) => sites.map((s) => `${s.getFunctionName()}@${s.getFileName()}`).join('|');
    rec.sendConnectingPrepared = errorOf(() => connecting.send('early'));
    rec.constructPrepared = errorOf(() => new WebSocket('not a url'));
    Error.prepareStackTrace = undefined;
    connecting.close();
    push(rec);
  }

  var finishing = false;
  function finish() {
    if (finishing) return;
    finishing = true;
    probeStealth();
    void Promise.all(pending).then(() => {
      harness.done = true;
      document.getElementById('done').textContent = 'yes';
      document.getElementById('out').textContent = JSON.stringify(harness.events, null, 1);
    });
  }
})();
