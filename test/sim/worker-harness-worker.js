// The harness's dedicated worker: echoes, reports transferred bytes, throws on request.
self.onmessage = (event) => {
  var data = event.data;
  if (data === 'throw') throw new Error('harness worker error');
  if (data && typeof data === 'object' && data.bytes instanceof Uint8Array) {
    self.postMessage({ received: 'bytes', length: data.bytes.length, first: data.bytes[0] });
    return;
  }
  if (data === 'stop') {
    self.postMessage({ stop: true });
    self.postMessage('after-stop');
    return;
  }
  self.postMessage(`echo:${typeof data === 'string' ? data : JSON.stringify(data)}`);
};
