// The demo's stand-in for Klaviyo's client API (https://a.klaviyo.com/client/...). The destination's
// list subscriptions call fetch with that address; here they go to this demo server instead, which
// answers as Klaviyo does (202, and CORS for the revision and content-type headers). When the page is
// on localhost the request goes to 127.0.0.1, another origin, so the browser makes the CORS preflight
// as it does for Klaviyo. A body that Klaviyo's schema refuses (an email or phone Klaviyo cannot take,
// a field it does not know, no list) is answered here with Klaviyo's 400 and its JSON:API errors, as
// the tests' stand-in does (src/test/java/destination/klaviyo/browser/KlaviyoClientApi.java).
// https://developers.klaviyo.com/en/v2025-01-15/reference/create_client_subscription
// Each request is announced to the panel ('klaviyo-api:request' on window, the same record again
// once answered). Loaded before Analytics Next; the bundle is unchanged.
(function () {
  'use strict';
  var realFetch = window.fetch;
  var KLAVIYO_API = 'https://a.klaviyo.com/';
  if (typeof realFetch !== 'function') return;
  var api = (location.hostname === 'localhost' ? location.protocol + '//127.0.0.1:' + location.port : location.origin)
    + '/klaviyo-api/';
  var requests = window.klaviyoApiRequests = [];
  var PROFILE_FIELDS = ['email', 'phone_number', 'external_id', '_kx', 'first_name', 'last_name', 'organization',
    'locale', 'title', 'image', 'location', 'properties', 'meta', 'subscriptions'];

  function announce(record) {
    try {
      window.dispatchEvent(new CustomEvent('klaviyo-api:request', { detail: record }));
    } catch (e) { /* the panel is a nicety */ }
  }

  /** What Klaviyo would refuse in a subscription's body, as [pointer, detail] pairs; none when it takes it. */
  function problems(text) {
    var found = [], body;
    try {
      body = JSON.parse(text);
    } catch (e) {
      return [['', 'the body is not JSON']];
    }
    function object(pointer, value, fields) {
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        found.push([pointer, 'an object is required']);
        return {};
      }
      Object.keys(value).forEach(function (key) {
        if (fields.indexOf(key) < 0) found.push([pointer + '/' + key, "'" + key + "' is not a valid field"]);
      });
      return value;
    }
    function is(pointer, value, expected) {
      if (value !== expected) found.push([pointer, 'must be "' + expected + '"']);
    }
    var data = object('/data', body && body.data, ['type', 'attributes', 'relationships']);
    is('/data/type', data.type, 'subscription');
    var attributes = object('/data/attributes', data.attributes, ['custom_source', 'profile']);
    if (attributes.custom_source != null && typeof attributes.custom_source !== 'string') {
      found.push(['/data/attributes/custom_source', 'must be a string']);
    }
    var profile = object('/data/attributes/profile/data',
      object('/data/attributes/profile', attributes.profile, ['data']).data, ['type', 'id', 'attributes', 'meta']);
    is('/data/attributes/profile/data/type', profile.type, 'profile');
    var at = '/data/attributes/profile/data/attributes', person = object(at, profile.attributes, PROFILE_FIELDS);
    if (person.email == null && person.phone_number == null) found.push([at, 'one of email or phone_number is required']);
    if (person.email != null && !(typeof person.email === 'string' && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(person.email))) {
      found.push([at + '/email', 'invalid email address']);
    }
    if (person.phone_number != null && !(typeof person.phone_number === 'string' && /^\+[1-9]\d{7,14}$/.test(person.phone_number))) {
      found.push([at + '/phone_number', 'invalid phone number, must be E.164']);
    }
    if (person.subscriptions != null) {
      var channels = object(at + '/subscriptions', person.subscriptions, ['email', 'sms', 'whatsapp', 'push']);
      Object.keys(channels).forEach(function (channel) {
        var pointer = at + '/subscriptions/' + channel,
          kinds = object(pointer, channels[channel], ['marketing', 'transactional', 'open_tracking', 'tokens', 'anonymous_id']);
        Object.keys(kinds).forEach(function (kind) {
          if (kinds[kind] && typeof kinds[kind] === 'object') {
            is(pointer + '/' + kind + '/consent', kinds[kind].consent, 'SUBSCRIBED');
            object(pointer + '/' + kind, kinds[kind], ['consent']);
          }
        });
        if (channel === 'email' && person.email == null || channel === 'sms' && person.phone_number == null) {
          found.push([pointer, 'a channel needs its identifier']);
        }
      });
    }
    var relationships = object('/data/relationships', data.relationships, ['list']);
    var list = object('/data/relationships/list/data',
      object('/data/relationships/list', relationships.list, ['data']).data, ['type', 'id']);
    is('/data/relationships/list/data/type', list.type, 'list');
    if (typeof list.id !== 'string' || !list.id) found.push(['/data/relationships/list/data/id', 'a list id is required']);
    return found;
  }

  window.fetch = function (input, init) {
    var url = typeof input === 'string' ? input : input && input.url;
    if (typeof url !== 'string' || url.indexOf(KLAVIYO_API) !== 0) return realFetch.apply(this, arguments);
    init = init || {};
    var record = { url: url, method: init.method || 'GET', headers: init.headers || {}, body: init.body,
      keepalive: init.keepalive === true, status: null };
    requests.push(record);
    announce(record);
    var refused = url.indexOf(KLAVIYO_API + 'client/subscriptions') === 0 && record.method === 'POST'
      ? problems(init.body) : [];
    var answer = refused.length
      ? Promise.resolve(new Response(JSON.stringify({ errors: refused.map(function (problem) {
        return { id: 'demo', status: 400, code: 'invalid', title: 'Invalid input.', detail: problem[1],
          source: { pointer: problem[0] } };
      }) }), { status: 400, headers: { 'content-type': 'application/vnd.api+json' } }))
      : realFetch.call(window, api + url.slice(KLAVIYO_API.length), init);
    return answer.then(function (response) {
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
