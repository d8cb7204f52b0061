/*
 * fetch for HtmlUnit, which has none: window.fetch made of XMLHttpRequest, as small polyfills do, so
 * that code calling fetch runs in the tests (Analytics Next's own requests go through it too). The
 * request goes out as a browser sends it, CORS preflight included, to the test's fake web. The
 * options XMLHttpRequest cannot carry (keepalive) are kept with every call in window.fetchCalls:
 * {url, method, headers (names in lower case), body, keepalive, credentials}.
 *
 * A response resolves the promise whatever its status; a network failure rejects it with a
 * TypeError, as fetch does. Only the tests serve it (HostPage.fetchOnXhr), before the page's scripts.
 */
(function () {
  if (typeof window.fetch == 'function') return;
  var calls = window.fetchCalls = [];
  window.fetch = function (input, init) {
    init = init || {};
    var url = String(input), method = String(init.method || 'GET').toUpperCase(), headers = {};
    var given = init.headers || {};
    Object.keys(given).forEach(function (name) { headers[name.toLowerCase()] = String(given[name]); });
    var body = init.body === undefined || init.body === null ? null : init.body;
    calls.push({ url: url, method: method, headers: headers, body: body, keepalive: init.keepalive === true,
      credentials: init.credentials === undefined ? null : init.credentials });
    return new Promise(function (resolve, reject) {
      var x = new XMLHttpRequest();
      x.open(method, url, true);
      x.withCredentials = init.credentials === 'include';
      Object.keys(headers).forEach(function (name) { x.setRequestHeader(name, headers[name]); });
      x.onload = function () {
        var text = x.responseText;
        resolve({
          ok: x.status >= 200 && x.status < 300, status: x.status, statusText: x.statusText, url: url,
          headers: { get: function (name) { return x.getResponseHeader(name); } },
          text: function () { return Promise.resolve(text); },
          json: function () { return Promise.resolve(text).then(JSON.parse); }
        });
      };
      x.onerror = x.ontimeout = x.onabort = function () { reject(new TypeError('Failed to fetch')); };
      x.send(body);
    });
  };
})();
