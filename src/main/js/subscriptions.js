/*
 * Klaviyo's Create Client Subscription, made from the page with the public key in the address only:
 * https://developers.klaviyo.com/en/v2025-01-15/reference/create_client_subscription
 * Java decides what to subscribe (core/Subscription.java) and, after each answer, whether to try
 * again; here are the request, its timers, and the marks of the subscriptions this browser made.
 */
var SUBSCRIPTIONS_URL = 'https://a.klaviyo.com/client/subscriptions?company_id=';
/** The API revision the request is written for, pinned: Klaviyo keeps a revision working for two years. */
var SUBSCRIPTIONS_REVISION = '2025-01-15';
/** The localStorage key of the marks: hashes, never an address; the newest 100 are kept. */
var SUBSCRIPTIONS_KEY = 'klaviyo_subscribed';
/** The marks of the requests under way on this page: a second identify does not race the first. */
var subscriptionsPending = {};

/**
 * A 53-bit hash of a text, in base 36, so that storage never holds the address: two 32-bit lanes
 * (FNV-1a, and a multiply-xorshift one) mixed together at the end.
 */
function subscriptionsHash(text) {
  for (var a = 0x811c9dc5, b = 0x9e3779b9, i = 0; i < text.length; i++) {
    a = Math.imul(a ^ text.charCodeAt(i), 0x01000193);
    b = Math.imul(b ^ text.charCodeAt(i), 0x5bd1e995);
    b ^= b >>> 15;
  }
  a ^= Math.imul(b ^ b >>> 13, 0x85ebca6b);
  b ^= Math.imul(a ^ a >>> 16, 0xc2b2ae35);
  return ((b >>> 11) * 4294967296 + (a >>> 0)).toString(36);
}

function subscriptionsMarks() {
  var marks = storageGet('local', SUBSCRIPTIONS_KEY);
  return Array.isArray(marks) ? marks : [];
}

/**
 * Subscribes email, and phone to SMS when it is a string, to a list, unless this browser made or is
 * making the subscription of that mark: false then. Destination d hears each answer and says what
 * next; a subscription is remembered only once Klaviyo accepted it.
 */
function subscriptionsRequest(d, key, list, email, phone, mark) {
  var hash = subscriptionsHash(mark), attempt = 0, subscribed = { marketing: { consent: 'SUBSCRIBED' } };
  if (subscriptionsPending[hash] || subscriptionsMarks().indexOf(hash) >= 0) return false;
  subscriptionsPending[hash] = true;
  // Nothing else of the profile: the onsite identify carries it.
  var profile = { email: email, subscriptions: { email: subscribed } };
  if (typeof phone == 'string') {
    profile.phone_number = phone;
    profile.subscriptions.sms = subscribed;
  }
  var body = JSON.stringify({ data: {
    type: 'subscription',
    attributes: { custom_source: 'Segment analytics.js', profile: { data: { type: 'profile', attributes: profile } } },
    relationships: { list: { data: { type: 'list', id: list } } }
  } });
  function send() {
    subscriptionsPost(SUBSCRIPTIONS_URL + encodeURIComponent(key), body, function (status) {
      var delay = klaviyoGuard(subscriptionAnswered, d, status, attempt++);
      if (delay > 0) {
        setTimeout(function () { klaviyoGuard(send); }, delay);
        return;
      }
      delete subscriptionsPending[hash];
      if (delay === 0) storageSet('local', SUBSCRIPTIONS_KEY, subscriptionsMarks().concat(hash).slice(-100));
    });
  }
  send();
  return true;
}

/**
 * POSTs a JSON:API body to Klaviyo and calls done(status) once, with 0 when the network failed.
 * fetch with keepalive, so that a request made just before the page unloads still completes;
 * XMLHttpRequest where there is no fetch (older browsers), which cannot outlive the page.
 */
function subscriptionsPost(url, body, done) {
  var headers = { 'content-type': 'application/vnd.api+json', revision: SUBSCRIPTIONS_REVISION };
  try {
    if (typeof fetch == 'function') {
      fetch(url, { method: 'POST', headers: headers, body: body, keepalive: true })
        .then(function (response) { done(response.status); }, function () { done(0); });
      return;
    }
    var x = new XMLHttpRequest();
    x.open('POST', url);
    for (var name in headers) x.setRequestHeader(name, headers[name]);
    x.onload = function () { done(x.status); };
    x.onerror = x.ontimeout = x.onabort = function () { done(0); };
    x.send(body);
  } catch (e) {
    // A request that cannot even start fails as the network would, later.
    setTimeout(function () { done(0); }, 0);
  }
}
