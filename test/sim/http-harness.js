// HTTP identity harness: the same fetch and XMLHttpRequest calls against the mock WxCC REST API,
// logged in detail (statuses, bodies, headers the page may read, errors, XHR event order), so an
// e2e test can compare a run with the inspector installed against one without it.
(() => {
  const log = [];
  window.__httpLog = log;
  const TOKEN = 'Bearer sim-secret-bearer-5f2b9c1e-aaaa-4bbb-8ccc-0123456789ab';
  const headers = { 'content-type': 'application/json', authorization: TOKEN, trackingid: 'harness_1' };
  const hold = '/v1/tasks/harness-1/hold';
  const state = '/v1/agents/session/state';
  const end = '/v1/tasks/harness-1/end';

  function errorOf(err) {
    return { name: err?.name, message: err && String(err.message).replace(/\s+/g, ' ').slice(0, 60) };
  }

  async function viaFetch(label, input, init) {
    try {
      const res = await fetch(input, init);
      const entry = {
        label,
        status: res.status,
        ok: res.ok,
        statusText: res.statusText,
        type: res.type,
        bodyUsed: res.bodyUsed,
        trackingid: res.headers.get('trackingid'),
      };
      entry.body = await res.text();
      entry.bodyUsedAfter = res.bodyUsed;
      log.push(entry);
    } catch (err) {
      log.push({ label, error: errorOf(err) });
    }
  }

  function viaXhr(label, method, url, body, options) {
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      const events = [];
      const done = () => {
        log.push({
          label,
          events,
          status: xhr.status,
          statusText: xhr.statusText,
          readyState: xhr.readyState,
          response: xhr.responseText,
          trackingid: xhr.getResponseHeader('trackingid'),
        });
        resolve();
      };
      ['loadstart', 'progress', 'abort', 'error', 'load', 'timeout'].forEach((type) => {
        xhr.addEventListener(type, () => events.push(type));
      });
      xhr.onreadystatechange = () => events.push(`rs${xhr.readyState}`);
      xhr.onloadend = () => {
        events.push('loadend');
        done();
      };
      try {
        xhr.open(method, url, !options?.sync);
        xhr.setRequestHeader('Content-Type', 'application/json');
        xhr.setRequestHeader('Authorization', TOKEN);
        xhr.setRequestHeader('trackingid', 'harness_2');
        if (options?.timeout) xhr.timeout = options.timeout;
        xhr.send(body);
        if (options?.abort) xhr.abort();
      } catch (err) {
        log.push({ label, thrown: errorOf(err), events });
        resolve();
      }
    });
  }

  async function run() {
    log.push({
      label: 'identity',
      fetchName: fetch.name,
      fetchLength: fetch.length,
      fetchString: Function.prototype.toString.call(fetch),
      openString: Function.prototype.toString.call(XMLHttpRequest.prototype.open),
      sendLength: XMLHttpRequest.prototype.send.length,
      setHeaderName: XMLHttpRequest.prototype.setRequestHeader.name,
      own: Object.getOwnPropertyNames(XMLHttpRequest.prototype).sort().join(','),
      fetchIsWindows: window.fetch === fetch,
    });
    await viaFetch('fetch 202', hold, { method: 'POST', headers, body: '{"mediaResourceId":"harness-1"}' });
    await viaFetch('fetch 500', state, { method: 'PUT', headers, body: '{"state":"Idle"}' });
    await viaFetch('fetch network error', end, { method: 'POST', headers });
    await viaFetch('fetch Request object', new Request(hold, { method: 'POST', headers, body: '{}' }));
    await viaFetch('fetch URL object', new URL(hold, location.href), { method: 'POST', headers: new Headers(headers) });
    await viaFetch('fetch bad URL', 'http://[::1', {});
    await viaFetch('fetch bad method', hold, { method: 'CONNECT' });
    const controller = new AbortController();
    const aborted = viaFetch('fetch aborted', hold, { method: 'POST', headers, signal: controller.signal });
    controller.abort();
    await aborted;
    await viaFetch('fetch other path', '/sim/status');
    try {
      await fetch.call({}, hold);
      log.push({ label: 'fetch bad this', thrown: null });
    } catch (err) {
      log.push({ label: 'fetch bad this', thrown: errorOf(err) });
    }
    await viaXhr('xhr 202', 'POST', hold, '{"mediaResourceId":"harness-1"}');
    await viaXhr('xhr 500', 'PUT', state, '{"state":"Idle"}');
    await viaXhr('xhr network error', 'POST', end, null);
    await viaXhr('xhr aborted', 'POST', hold, '{}', { abort: true });
    await viaXhr('xhr sync', 'POST', hold, '{}', { sync: true });
    await viaXhr('xhr bad method', 'BAD METHOD', hold, null);
    const unopened = new XMLHttpRequest();
    try {
      unopened.send();
      log.push({ label: 'xhr send unopened', thrown: null });
    } catch (err) {
      log.push({ label: 'xhr send unopened', thrown: errorOf(err) });
    }
    try {
      XMLHttpRequest.prototype.open.call({}, 'GET', hold);
      log.push({ label: 'xhr bad this', thrown: null });
    } catch (err) {
      log.push({ label: 'xhr bad this', thrown: errorOf(err) });
    }
    window.__httpDone = true;
  }
  void run();
})();
