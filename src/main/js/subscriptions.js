/*
 * Klaviyo's Create Client Subscription, made from the page with the public key in the address only:
 * https://developers.klaviyo.com/en/v2025-01-15/reference/create_client_subscription
 * Java decides whether to subscribe, to which list, and the phone to SMS or not
 * (core/Subscription.java); here are the request, its retries, and what this browser remembers.
 */
var SUBSCRIPTIONS_URL = 'https://a.klaviyo.com/client/subscriptions?company_id=';
/** The API revision the request is written for, pinned: Klaviyo keeps a revision working for two years. */
var SUBSCRIPTIONS_REVISION = '2025-01-15';
/**
 * The localStorage keys of the subscriptions made: this prefix and a hash, never an address. A
 * browser makes few (one per list and person), so each has its own key.
 */
var SUBSCRIPTIONS_KEY = 'klaviyo_subscribed_';
/** The subscriptions under way on this page: a second identify does not race the first. */
var subscriptionsPending = {};

/**
 * A hash of a text, so that storage never holds the address: 32-bit FNV-1a, in base 36. A browser
 * keeps a handful of marks, so a mix-up of two is about as likely as one in a billion. It hides the
 * address from a glance at storage, not from someone who tries addresses they already know.
 */
function subscriptionsHash(text) {
  for (var h = 0x811c9dc5, i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/**
 * Subscribes email, and phone to SMS when there is one, to a list, unless this browser made or is
 * making that subscription: false then. The list, the email and the phone (when it is subscribed)
 * make up the mark: one subscription per person and list, and another if SMS is asked for later.
 *
 * A 429, a 5xx or a network error may pass: it is tried again twice, after 1 s and then 4 s. Any
 * other failure would only come again. A failure is logged and not remembered, so the next page's
 * identify tries again.
 */
function subscriptionsRequest(key, list, email, phone) {
  var url = SUBSCRIPTIONS_URL + encodeURIComponent(key);
  var mark = SUBSCRIPTIONS_KEY + subscriptionsHash(JSON.stringify([list, email, phone]));
  var attempt = 0, subscribed = { marketing: { consent: 'SUBSCRIBED' } };
  if (subscriptionsPending[mark] || storageGet('local', mark)) return false;
  subscriptionsPending[mark] = true;
  // Nothing else of the profile: the onsite identify carries it.
  var profile = { email: email, subscriptions: { email: subscribed } };
  if (phone) {
    profile.phone_number = phone;
    profile.subscriptions.sms = subscribed;
  }
  var body = JSON.stringify({ data: {
    type: 'subscription',
    attributes: { custom_source: 'Segment analytics.js', profile: { data: { type: 'profile', attributes: profile } } },
    relationships: { list: { data: { type: 'list', id: list } } }
  } });
  function answered(status) {
    if ((!status || status == 429 || status > 499) && attempt < 2) {
      setTimeout(function () { klaviyoGuard(send); }, 1000 << 2 * attempt++);
      return;
    }
    delete subscriptionsPending[mark];
    if (status > 199 && status < 300) storageSet('local', mark, 1);
    else if (debugEnabled()) debugPrint('subscription failed:', status);
  }
  // fetch with keepalive: a subscription made just before the page unloads still completes. Where
  // there is no fetch (older browsers), it fails as the network would; status 0 is a network error.
  function send() {
    try {
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/vnd.api+json', revision: SUBSCRIPTIONS_REVISION },
        body: body,
        keepalive: true
      }).then(function (response) { answered(response.status); }, function () { answered(0); });
    } catch (e) {
      setTimeout(function () { answered(0); });
    }
  }
  send();
  return true;
}
