// The harness's shared worker: answers each port's ping.
self.onconnect = (event) => {
  var port = event.ports[0];
  port.onmessage = (e) => port.postMessage(`pong:${e.data}`);
};
