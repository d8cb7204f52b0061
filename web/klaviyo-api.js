// The demo's stand-in for Klaviyo's client API (https://a.klaviyo.com/client/...). The destination's
// list subscriptions call fetch with that address; here they go to this demo server instead, which
// answers as Klaviyo does (202, and CORS for the revision and content-type headers). When the page is
// on localhost the request goes to 127.0.0.1, another origin, so the browser makes the CORS preflight
// as it does for Klaviyo. Each request is announced to the panel ('klaviyo-api:request' on window,
// the same record again once answered). Loaded before Analytics Next; the bundle is unchanged.
(function () {
  'use strict';
  var realFetch = window.fetch;
  var KLAVIYO_API = 'https://a.klaviyo.com/';
  if (typeof realFetch !== 'function') return;
  var api = (location.hostname === 'localhost' ? location.protocol + '//127.0.0.1:' + location.port : location.origin)
    + '/klaviyo-api/';
  var requests = window.klaviyoApiRequests = [];

  function announce(record) {
    try {
      window.dispatchEvent(new CustomEvent('klaviyo-api:request', { detail: record }));
    } catch (e) { /* the panel is a nicety */ }
  }

  window.fetch = function (input, init) {
    var url = typeof input === 'string' ? input : input && input.url;
    if (typeof url !== 'string' || url.indexOf(KLAVIYO_API) !== 0) return realFetch.apply(this, arguments);
    init = init || {};
    var record = { url: url, method: init.method || 'GET', headers: init.headers || {}, body: init.body,
      keepalive: init.keepalive === true, status: null };
    requests.push(record);
    announce(record);
    return realFetch.call(window, api + url.slice(KLAVIYO_API.length), init).then(function (response) {
      record.status = response.status;
      announce(record);
      return response;
    }, function (error) {
      record.status = 0;
      announce(record);
      throw error;
    });
  };
})();
