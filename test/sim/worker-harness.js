// Worker identity harness. Loaded with and without the extension; the two window.__harness
// objects must be identical, so every step waits for its answer before the next one starts.
(() => {
  var harness = { events: [], done: false };
  window.__harness = harness;
  var push = (name, value) => harness.events.push({ name: name, value: value });
  var errorOf = (fn) => {
    try {
      fn();
      return null;
    } catch (e) {
      return { name: e?.name, message: e?.message, ctor: e?.constructor?.name };
    }
  };
  var describeCtor = (ctor) => ({
    type: typeof ctor,
    name: ctor.name,
    length: ctor.length,
    ownKeys: Object.getOwnPropertyNames(ctor).sort(),
    protoKeys: Object.getOwnPropertyNames(ctor.prototype).sort(),
    protoCtor: ctor.prototype.constructor === ctor,
    postMessage: ctor.prototype.postMessage
      ? { name: ctor.prototype.postMessage.name, length: ctor.prototype.postMessage.length }
      : null,
    descriptor: Object.getOwnPropertyDescriptor(window, ctor.name) && {
      writable: Object.getOwnPropertyDescriptor(window, ctor.name).writable,
      enumerable: Object.getOwnPropertyDescriptor(window, ctor.name).enumerable,
      configurable: Object.getOwnPropertyDescriptor(window, ctor.name).configurable,
    },
  });
  var next = (worker, send, transfer) =>
    new Promise((resolve) => {
      var listener = (event) => {
        worker.removeEventListener('message', listener);
        resolve(event.data);
      };
      worker.addEventListener('message', listener);
      if (send !== undefined) worker.postMessage(send, transfer);
    });

  async function run() {
    push('Worker', describeCtor(Worker));
    push('SharedWorker', describeCtor(SharedWorker));
    push('MessagePort', {
      postMessage: { name: MessagePort.prototype.postMessage.name, length: MessagePort.prototype.postMessage.length },
    });
    push('constructorErrors', [
      errorOf(() => new Worker()),
      errorOf(() => Worker('x.js')),
      errorOf(() => new Worker('http://[bad')),
    ]);

    // A token in the script URL, as a page may pass one: the inspector records the URL without it.
    var worker = new Worker('worker-harness-worker.js?access_token=SECRET-W&v=1');
    push('identity', {
      instance: worker instanceof Worker,
      ctor: worker.constructor === Worker,
      proto: Object.getPrototypeOf(worker) === Worker.prototype,
      eventTarget: worker instanceof EventTarget,
      onmessage: worker.onmessage,
    });
    push('echo', await next(worker, 'hello'));
    push('echoObject', await next(worker, { a: [1, 'two', null], b: { c: true } }));

    var bytes = new Uint8Array([7, 8, 9]);
    var reply = next(worker, { bytes: bytes }, [bytes.buffer]);
    push('transfer', { detachedAfterTransfer: bytes.buffer.byteLength, reply: await reply });

    push(
      'cloneError',
      errorOf(() => worker.postMessage(() => 1)),
    );
    push(
      'badThis',
      errorOf(() => Worker.prototype.postMessage.call({}, 1)),
    );

    // onmessage and listeners: order, and stopImmediatePropagation by a listener.
    var order = [];
    var done = new Promise((resolve) => {
      var watcher = (event) => {
        if (event.data !== 'after-stop') return;
        worker.removeEventListener('message', watcher);
        resolve();
      };
      worker.addEventListener('message', watcher);
    });
    var stopper = (event) => {
      order.push(`stopper:${JSON.stringify(event.data)}`);
      if (event.data?.stop) event.stopImmediatePropagation();
    };
    worker.addEventListener('message', stopper);
    worker.onmessage = (event) => order.push(`onmessage:${JSON.stringify(event.data)}`);
    worker.postMessage('stop');
    await done;
    worker.removeEventListener('message', stopper);
    push('order', { order: order, stoppedImmediatePropagation: order.indexOf('onmessage:{"stop":true}') < 0 });
    worker.onmessage = null;

    var error = await new Promise((resolve) => {
      worker.onerror = (event) => {
        resolve({
          type: event.type,
          message: event.message,
          file: String(event.filename).split('/').pop(),
          lineno: event.lineno,
          ctor: event.constructor.name,
        });
      };
      worker.postMessage('throw');
    });
    push('workerError', error);
    worker.terminate();

    var shared = new SharedWorker('worker-harness-shared.js');
    push('sharedWorker', {
      instance: shared instanceof SharedWorker,
      ctor: shared.constructor === SharedWorker,
      port: shared.port instanceof MessagePort,
      samePort: Object.is(shared.port, shared.port),
    });
    shared.port.start();
    push('sharedPing', await next(shared.port, 'ping'));

    var channel = new MessageChannel();
    var viaChannel = new Promise((resolve) => {
      channel.port2.onmessage = (event) => resolve(event.data);
    });
    channel.port1.postMessage({ over: 'channel' });
    push('messageChannel', await viaChannel);
    push(
      'portBadThis',
      errorOf(() => MessagePort.prototype.postMessage.call({}, 1)),
    );
    harness.done = true;
  }

  run().catch((e) => {
    push('harnessFailure', String(e?.stack || e));
    harness.done = true;
  });
})();
